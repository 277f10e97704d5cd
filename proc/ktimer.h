/* Kernel timers: a callback at a monotonic deadline, run from the timer interrupt. Every timed
 * sleep (one per task) and setitimer's ITIMER_REAL (one per process) use them; timerfd and POSIX
 * timers can later. */
#pragma once
#include "lib/types.h"

struct ktimer {
    u64 deadline_ns;                    /* 0: not armed */
    void (*fn)(struct ktimer *t);       /* runs with IRQs masked; may re-arm */
    struct ktimer *next;
};

void ktimer_arm(struct ktimer *t, u64 deadline_ns);
void ktimer_cancel(struct ktimer *t);
void ktimer_run(u64 now_ns);            /* from the tick: fire what is due */
u64 ktimer_next_deadline(void);         /* earliest armed deadline, 0 if none */
