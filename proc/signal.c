/* Signal generation and delivery (Linux kernel/signal.c + arch/arm64/kernel/signal.c, cut down).
 * Ignored signals are discarded when sent, so a pending signal always means work: a handler to run,
 * a default action (terminate, or ignore for SIGCHLD/SIGURG/SIGWINCH/SIGCONT), or, later, a stop. */
#include "proc/signal.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "arch/arm64/trap.h"
#include "arch/arm64/sigframe.h"
void rseq_handle(struct trap_frame *tf);
#include "mm/kmalloc.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

#define SIGBIT(s) (1UL << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

struct sighand *sighand_new(void) {
    struct sighand *sh = kzalloc(sizeof *sh);
    if (sh) sh->refs = 1;
    return sh;
}

void sighand_put(struct sighand *sh) {
    if (--sh->refs == 0) kfree(sh);
}

void signals_reset_on_exec(struct task *t) {
    /* Caught signals go back to SIG_DFL; ignored ones stay ignored (POSIX execve). */
    if (t->sighand->refs > 1) {               /* unshare from CLONE_SIGHAND siblings */
        struct sighand *n = sighand_new();
        if (n) {
            memcpy(n->action, t->sighand->action, sizeof n->action);
            sighand_put(t->sighand);
            t->sighand = n;
        }
    }
    for (int i = 0; i < 64; i++) {
        struct k_sigaction *a = &t->sighand->action[i];
        if (a->handler > 1) { a->handler = 0; a->flags = 0; a->mask = 0; a->restorer = 0; }
    }
    t->altstack_sp = 0;
    t->altstack_size = 0;
}

bool sig_default_ignored(int sig) {
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool stop_signal(int sig) {
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* What SIG_DFL does with sig today: nothing for the ignore-by-default signals, and nothing yet
 * for the stop signals other than SIGSTOP (no job control). */
static bool default_action_ignores(int sig) {
    return sig_default_ignored(sig) || (stop_signal(sig) && sig != SIGSTOP);
}

static bool ignored(struct task *t, int sig) {
    if (!t->sighand) return true;
    u64 h = t->sighand->action[sig - 1].handler;
    if (h == 1) return sig != SIGKILL && sig != SIGSTOP;            /* SIG_IGN */
    if (h == 0) return default_action_ignores(sig);
    return false;
}

bool signal_pending(struct task *t) {
    return ((t->sigpending | t->proc->shared_pending) & ~t->sigmask) != 0 || t->proc->exiting || t->thread_killed;
}

static struct ksiginfo from_current(int code) {
    struct ksiginfo i = { code, current && current->proc ? current->proc->pid : 0, current ? current->cred.uid : 0, 0 };
    return i;
}

int send_signal_task(struct task *t, int sig, int code) {
    if (sig < 0 || sig > 64) return -EINVAL;
    if (sig == 0) return 0;
    if (ignored(t, sig) && !(t->sigmask & SIGBIT(sig))) return 0;
    if (!(t->sigpending & SIGBIT(sig))) t->pending_info[sig - 1] = from_current(code);
    t->sigpending |= SIGBIT(sig);
    if (!(t->sigmask & SIGBIT(sig)) || sig == SIGKILL) wake_task(t);
    return 0;
}

int send_signal_process(struct process *p, int sig) {
    struct ksiginfo i = from_current(SI_USER);
    return send_signal_process_info(p, sig, &i);
}

int send_signal_process_info(struct process *p, int sig, const struct ksiginfo *info) {
    if (sig < 0 || sig > 64) return -EINVAL;
    if (sig == 0 || !p->threads) return 0;
    struct task *t0 = p->threads;
    if (ignored(t0, sig) && !(t0->sigmask & SIGBIT(sig))) return 0;   /* blocked: never ignored */
    if (!(p->shared_pending & SIGBIT(sig)) && sig > 0) p->shared_info[sig - 1] = *info;
    if (sig == SIGKILL) {                    /* kills every thread at once */
        p->shared_pending |= SIGBIT(sig);
        for (struct task *t = p->threads; t; t = t->thread_next) wake_task(t);
        return 0;
    }
    p->shared_pending |= SIGBIT(sig);
    /* Wake one thread that does not block it. */
    for (struct task *t = p->threads; t; t = t->thread_next)
        if (!(t->sigmask & SIGBIT(sig))) { wake_task(t); break; }
    return 0;
}

void force_sig_fault(int sig, int code, uaddr_t addr) {
    struct task *t = current;
    struct k_sigaction *a = &t->sighand->action[sig - 1];
    /* A blocked or ignored synchronous fault cannot be survived: back to the default action. */
    if ((t->sigmask & SIGBIT(sig)) || a->handler == 1) {
        a->handler = 0;
        t->sigmask &= ~SIGBIT(sig);
    }
    t->fault_addr = addr;
    t->fault_code = code;
    t->sigpending |= SIGBIT(sig);
}

void force_sig(int sig) { force_sig_fault(sig, SI_KERNEL, 0); }

static int take_signal(struct task *t, struct ksiginfo *ki) {
    u64 pend = (t->sigpending | t->proc->shared_pending) & ~t->sigmask;
    if (!pend) return 0;
    /* Synchronous faults first (as Linux's SYNCHRONOUS_MASK), then the lowest number. */
    u64 sync = pend & (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | SIGBIT(SIGFPE) | SIGBIT(SIGSYS));
    int sig = __builtin_ctzl(sync ? sync : pend) + 1;
    if (t->sigpending & SIGBIT(sig)) { t->sigpending &= ~SIGBIT(sig); *ki = t->pending_info[sig - 1]; }
    else { t->proc->shared_pending &= ~SIGBIT(sig); *ki = t->proc->shared_info[sig - 1]; }
    return sig;
}

static bool core_signal(int sig) {
    return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT || sig == SIGBUS ||
           sig == SIGFPE || sig == SIGSEGV || sig == SIGXCPU || sig == SIGXFSZ || sig == SIGSYS;
}

void do_signal(struct trap_frame *tf) {
    struct task *t = current;
    bool in_syscall = tf->syscallno != ~0UL;
    long ret = (long)tf->regs[0];
    if (t->proc->exiting) do_exit(t->proc->exit_code);
    if (t->thread_killed) do_exit(0);
    int sig;
    struct ksiginfo ki;
    while ((sig = take_signal(t, &ki))) {
        struct k_sigaction *a = &t->sighand->action[sig - 1];
        if (sig == SIGKILL || a->handler == 0) {
            if (default_action_ignores(sig)) continue;
            if (core_signal(sig))
                printk("levitate: %s[%d]: killed by signal %d at pc %#lx lr %#lx sp %#lx (fault address %#lx)\n",
                       t->comm, t->tid, sig, tf->pc, tf->regs[30], tf->sp, t->fault_code ? t->fault_addr : 0);
            do_exit_group(sig);      /* no core dumps: RLIMIT_CORE is 0 by default */
        }
        if (a->handler == 1) continue;
        /* A handler: decide about the interrupted syscall, then build the frame. */
        if (in_syscall) {
            if (ret == -ERESTARTNOHAND || (ret == -ERESTARTSYS && !(a->flags & SA_RESTART)))
                tf->regs[0] = (u64)-EINTR;
            else if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR) {
                tf->regs[0] = tf->orig_x0;
                tf->pc -= 4;
            }
            in_syscall = false;
        }
        struct linux_siginfo info;
        memset(&info, 0, sizeof info);
        info.si_signo = sig;
        if (core_signal(sig) && t->fault_code) {
            info.si_code = t->fault_code;
            info.si_addr = t->fault_addr;
        } else {
            info.si_code = ki.code;
            info.si_pid = ki.pid;
            info.si_uid = ki.uid;
            if (ki.code >= CLD_EXITED && ki.code <= CLD_CONTINUED) info.si_status = ki.status;  /* child exit, any exit signal */
        }
        t->fault_code = 0;
        if (t->rseq) rseq_handle(tf);
        u64 oldmask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
        t->restore_sigmask = false;
        if (setup_rt_frame(tf, sig, a, &info, oldmask)) {
            printk("levitate: %s[%d]: cannot write signal frame\n", t->comm, t->tid);
            do_exit_group(SIGSEGV);
        }
        t->sigmask |= a->mask;
        if (!(a->flags & SA_NODEFER)) t->sigmask |= SIGBIT(sig);
        t->sigmask &= ~UNBLOCKABLE;
        if (a->flags & SA_RESETHAND) { a->handler = 0; a->flags &= ~SA_SIGINFO; }
        return;                       /* one frame at a time; the rest come after sigreturn */
    }
    if (t->restore_sigmask) { t->sigmask = t->saved_sigmask; t->restore_sigmask = false; }
    /* No handler ran: interrupted syscalls restart transparently. */
    if (in_syscall && (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND)) {
        tf->regs[0] = tf->orig_x0;
        tf->pc -= 4;
    }
}
