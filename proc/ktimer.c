/* Kernel timers (proc/ktimer.h): an unsorted list; there are few timers and the tick is coarse. */
#include "proc/ktimer.h"
#include "proc/sched.h"
#include "lib/spinlock.h"

static spinlock_t lock = SPINLOCK_INIT;
static struct ktimer *armed;

static void unlink(struct ktimer *t) {
    for (struct ktimer **pp = &armed; *pp; pp = &(*pp)->next)
        if (*pp == t) { *pp = t->next; break; }
}

void ktimer_arm(struct ktimer *t, u64 deadline) {
    u64 f = spin_lock_irqsave(&lock);
    unlink(t);
    t->deadline_ns = deadline;
    if (deadline) { t->next = armed; armed = t; }
    spin_unlock_irqrestore(&lock, f);
    timer_reprogram();
}

void ktimer_cancel(struct ktimer *t) { ktimer_arm(t, 0); }

void ktimer_run(u64 now) {
    u64 f = spin_lock_irqsave(&lock);
    for (struct ktimer **pp = &armed; *pp;) {
        struct ktimer *t = *pp;
        if (t->deadline_ns > now) { pp = &t->next; continue; }
        *pp = t->next;
        t->deadline_ns = 0;
        spin_unlock_irqrestore(&lock, f);
        t->fn(t);                      /* may re-arm (and so change the list): rescan */
        f = spin_lock_irqsave(&lock);
        pp = &armed;
    }
    spin_unlock_irqrestore(&lock, f);
}

u64 ktimer_next_deadline(void) {
    u64 best = 0;
    for (struct ktimer *t = armed; t; t = t->next)
        if (!best || t->deadline_ns < best) best = t->deadline_ns;
    return best;
}
