/* Wait queues (proc/wait.h). The condition is checked with IRQs masked right before sleeping, and
 * wakers run with the queue lock, so a wakeup between check and sleep cannot be lost. */
#include "proc/wait.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "lib/time.h"
#include "uapi/errno.h"

bool waitq_never(void *arg) { (void)arg; return false; }

void waitq_init(struct wait_queue *q) { q->lock.locked = 0; q->head = NULL; }

void wake_up_all(struct wait_queue *q) {
    u64 f = spin_lock_irqsave(&q->lock);
    for (struct wait_queue_entry *e = q->head; e; e = e->next) {
        e->woken = true;
        wake_task(e->task);
    }
    spin_unlock_irqrestore(&q->lock, f);
}

void wake_up_one(struct wait_queue *q) {
    u64 f = spin_lock_irqsave(&q->lock);
    for (struct wait_queue_entry *e = q->head; e; e = e->next) {
        if (!e->woken) { e->woken = true; wake_task(e->task); break; }
    }
    spin_unlock_irqrestore(&q->lock, f);
}

int waitq_sleep(struct wait_queue *q, bool (*cond)(void *), void *arg, u64 deadline, bool intr) {
    struct wait_queue_entry e = { current, NULL, false };
    int ret = 0;
    u64 f = irq_save();
    for (;;) {
        if (cond && cond(arg)) break;
        if (intr && signal_pending(current)) { ret = -ERESTARTSYS; break; }
        if (deadline && clock_monotonic_ns() >= deadline) { ret = -ETIMEDOUT; break; }
        u64 g = spin_lock_irqsave(&q->lock);
        e.woken = false;
        e.next = q->head;
        q->head = &e;
        spin_unlock_irqrestore(&q->lock, g);
        sched_sleep_until(deadline);
        g = spin_lock_irqsave(&q->lock);
        for (struct wait_queue_entry **pp = &q->head; *pp; pp = &(*pp)->next)
            if (*pp == &e) { *pp = e.next; break; }
        spin_unlock_irqrestore(&q->lock, g);
        if (!cond) break;          /* a plain sleep: one wakeup is enough */
    }
    irq_restore(f);
    return ret;
}
