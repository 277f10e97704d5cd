#include "proc/sched.h"
#include "mm/vm.h"
#include "lib/printk.h"
#include "proc/process.h"

static spinlock_t rq_lock = SPINLOCK_INIT;
static struct task *rq_head, *rq_tail;
static struct task *idle_task;

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_restore(struct fpsimd_state *s);
void cpu_switch_to(struct task *prev, struct task *next);

void sched_init(struct task *idle) { idle_task = idle; }

static void rq_push(struct task *t) {
    t->rq_next = NULL;
    if (rq_tail) rq_tail->rq_next = t; else rq_head = t;
    rq_tail = t;
}

static struct task *rq_pop(void) {
    struct task *t = rq_head;
    if (t) {
        rq_head = t->rq_next;
        if (!rq_head) rq_tail = NULL;
        t->rq_next = NULL;
    }
    return t;
}

void sched_add(struct task *t) {
    u64 f = spin_lock_irqsave(&rq_lock);
    t->state = TASK_RUNNABLE;
    rq_push(t);
    spin_unlock_irqrestore(&rq_lock, f);
}

void wake_task(struct task *t) {
    u64 f = spin_lock_irqsave(&rq_lock);
    if (t->state == TASK_SLEEPING) {
        t->state = TASK_RUNNABLE;
        if (t->sleep_timer.deadline_ns) ktimer_cancel(&t->sleep_timer);
        rq_push(t);
        /* Wakeup preemption: the woken task runs as soon as the waker heads back to user space
         * (Linux's CFS lets a task that slept preempt the one that woke it). */
        if (t != current) current->need_resched = true;
    }
    spin_unlock_irqrestore(&rq_lock, f);
}

u64 sched_switches, sched_idle;
void schedule(void) {
    u64 f = spin_lock_irqsave(&rq_lock);
    struct task *prev = current;
    prev->need_resched = false;
    if (prev->state == TASK_RUNNABLE && prev != idle_task) rq_push(prev);
    struct task *next = rq_pop();
    if (!next) next = idle_task;
    sched_switches++;
    if (next == idle_task) sched_idle++;
    if (next != prev) {
        if (prev->rseq) prev->rseq_preempted = true;
        if (prev->mm) {
            fpsimd_save(&prev->fp);
            __asm__ volatile("mrs %0, tpidr_el0" : "=r"(prev->tpidr_el0));
        }
        if (next->mm) {
            fpsimd_restore(&next->fp);
            __asm__ volatile("msr tpidr_el0, %0" :: "r"(next->tpidr_el0));
            if (next->mm != prev->mm) mm_activate(next->mm);
        }
        cpu_switch_to(prev, next);
    }
    spin_unlock_irqrestore(&rq_lock, f);
    reap_dead_tasks();
}

/* Called by a new task's first run (entry.S ret_from_fork): the switch left rq_lock held. */
void schedule_tail(void) {
    __atomic_store_n(&rq_lock.locked, 0, __ATOMIC_RELEASE);
    reap_dead_tasks();
}

static void sleep_expired(struct ktimer *k) { wake_task(container_of(k, struct task, sleep_timer)); }

/* Callers mask IRQs, so the deadline cannot fire between marking the task asleep and switching. */
void sched_sleep_until(u64 deadline_ns) {
    u64 f = spin_lock_irqsave(&rq_lock);
    struct task *t = current;
    t->state = TASK_SLEEPING;
    spin_unlock_irqrestore(&rq_lock, f);
    if (deadline_ns) {
        t->sleep_timer.fn = sleep_expired;
        ktimer_arm(&t->sleep_timer, deadline_ns);
    }
    schedule();
}

void sched_tick(u64 now) {
    ktimer_run(now);
    current->need_resched = true;
}

u64 sched_next_deadline_ns(void) { return ktimer_next_deadline(); }

void idle_loop(void) {
    for (;;) {
        irq_disable();
        if (rq_head) schedule();
        else __asm__ volatile("wfi");
        irq_enable();
    }
}
