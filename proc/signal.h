/* Signals: pending sets and actions. Delivery on the user stack (rt_sigframe) comes with the
 * process issue; for now a fatal signal's default action ends the process. */
#pragma once
#include "proc/task.h"

static inline bool signal_pending(struct task *t) { return (t->sigpending & ~t->sigmask) != 0; }
void force_sig(int sig);                 /* synchronous fault signal to current: fatal for now */
struct sighand *sighand_new(void);
void sighand_put(struct sighand *sh);
void signals_reset_on_exec(struct task *t);
