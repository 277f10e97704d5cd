/* Signals: pending sets per thread and per process, actions, and delivery on the user stack in the
 * arm64 rt_sigframe (arch/arm64/sigframe.c) on the way back to user space. */
#pragma once
#include "proc/task.h"

/* Kernel-internal: an interrupted syscall that is restarted when no handler runs, or when the
 * handler has SA_RESTART (Linux's ERESTARTSYS); user space never sees it. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514

struct linux_siginfo;
bool signal_pending(struct task *t);
void force_sig(int sig);                    /* synchronous fault signal to current */
void force_sig_fault(int sig, int code, uaddr_t addr);
int send_signal_task(struct task *t, int sig, int code);         /* tkill/tgkill: -EINVAL etc. */
int send_signal_process(struct process *p, int sig);             /* kill: SI_USER from current */
struct ksiginfo;
int send_signal_process_info(struct process *p, int sig, const struct ksiginfo *info);
struct sighand *sighand_new(void);
void sighand_put(struct sighand *sh);
void signals_reset_on_exec(struct task *t);
void do_signal(struct trap_frame *tf);      /* deliver pending signals (ret_to_user) */
bool sig_default_ignored(int sig);
