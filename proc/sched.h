/* The scheduler: one round-robin run queue, a 10 ms time slice driven by the timer tick, and
 * timed sleeps. The kernel is not preemptible: switches happen when a task sleeps or on its way
 * back to user space (prepare_return_to_user). */
#pragma once
#include "proc/task.h"

void sched_init(struct task *idle);
void sched_add(struct task *t);          /* make runnable */
void schedule(void);                     /* give up the CPU; current stays runnable unless sleeping */
void wake_task(struct task *t);          /* sleeping -> runnable */
void sched_tick(u64 now_ns);             /* timer interrupt */
u64 sched_next_deadline_ns(void);        /* earliest kernel timer (timed sleeps, itimers), 0 if none */
void sched_sleep_until(u64 deadline_ns); /* current sleeps; wake_task or the deadline ends it */
void timer_reprogram(void);              /* arch/arm64/timer.c */
NORETURN void idle_loop(void);
