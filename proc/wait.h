/* Wait queues: a task sleeps on a queue until woken. sleep returns -EINTR if a signal is pending
 * (interruptible sleeps) so blocking syscalls can return EINTR; timeouts return -ETIMEDOUT. */
#pragma once
#include "lib/types.h"
#include "lib/spinlock.h"

struct task;
struct wait_queue_entry {
    struct task *task;
    struct wait_queue_entry *next;
    bool woken;
};
struct wait_queue {
    spinlock_t lock;
    struct wait_queue_entry *head;
};
#define WAIT_QUEUE_INIT { SPINLOCK_INIT, NULL }

void waitq_init(struct wait_queue *q);
void wake_up_all(struct wait_queue *q);
void wake_up_one(struct wait_queue *q);

/* Sleep until cond is true. `cond` is re-evaluated after every wakeup.
 * Returns 0, or -ERESTARTSYS if a signal arrived first (the signal code turns it into EINTR or a
 * restart, see proc/signal.h), or -ETIMEDOUT if deadline_ns (monotonic, 0 = none) passed. */
/* A condition that is never true: the sleep ends only by deadline or signal. */
bool waitq_never(void *arg);

int waitq_sleep(struct wait_queue *q, bool (*cond)(void *arg), void *arg, u64 deadline_ns, bool interruptible);
