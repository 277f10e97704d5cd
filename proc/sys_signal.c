/* Signal syscalls. For now the state is stored and returned exactly (rt_sigaction,
 * rt_sigprocmask, sigaltstack); delivery on the user stack comes with the process issue. */
#include "syscall/syscall.h"
#include "proc/signal.h"
#include "proc/process.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "lib/string.h"

#define UNBLOCKABLE ((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)))

long sys_rt_sigaction(int sig, uaddr_t act, uaddr_t oact, size_t sigsetsize) {
    if (sigsetsize != 8) return -EINVAL;
    if (sig < 1 || sig > 64) return -EINVAL;
    struct k_sigaction *a = &current->sighand->action[sig - 1], n;
    if (act) {
        if (copy_from_user(&n, act, sizeof n)) return -EFAULT;
        if (sig == SIGKILL || sig == SIGSTOP) return -EINVAL;
    }
    if (oact && copy_to_user(oact, a, sizeof *a)) return -EFAULT;
    if (act) {
        n.mask &= ~UNBLOCKABLE;
        *a = n;
        /* POSIX: setting a signal to be ignored discards its pending instances, in every thread. */
        if (n.handler == 1 || (n.handler == 0 && sig_default_ignored(sig))) {
            current->proc->shared_pending &= ~(1UL << (sig - 1));
            for (struct task *t = current->proc->threads; t; t = t->thread_next) t->sigpending &= ~(1UL << (sig - 1));
        }
    }
    return 0;
}

long sys_rt_sigprocmask(int how, uaddr_t nset, uaddr_t oset, size_t sigsetsize) {
    if (sigsetsize != 8) return -EINVAL;
    u64 old = current->sigmask, n = 0;
    if (nset) {
        if (copy_from_user(&n, nset, 8)) return -EFAULT;
        if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -EINVAL;
    }
    if (oset && copy_to_user(oset, &old, 8)) return -EFAULT;
    if (nset) {
        if (how == SIG_BLOCK) current->sigmask |= n;
        else if (how == SIG_UNBLOCK) current->sigmask &= ~n;
        else current->sigmask = n;
        current->sigmask &= ~UNBLOCKABLE;
    }
    return 0;
}

long sys_sigaltstack(uaddr_t uss, uaddr_t uoss) {
    struct task *t = current;
    struct linux_stack n, o;
    memset(&o, 0, sizeof o);
    bool on = t->altstack_size && t->tf->sp > t->altstack_sp && t->tf->sp <= t->altstack_sp + t->altstack_size;
    o.ss_sp = t->altstack_sp;
    o.ss_size = t->altstack_size;
    o.ss_flags = on ? SS_ONSTACK : t->altstack_size ? (s32)t->altstack_flags : SS_DISABLE;
    if (uss) {
        if (copy_from_user(&n, uss, sizeof n)) return -EFAULT;
        if (on) return -EPERM;
        unsigned mode = (u32)n.ss_flags & ~SS_AUTODISARM;
        if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) return -EINVAL;
        if (mode != SS_DISABLE && n.ss_size < MINSIGSTKSZ) return -ENOMEM;
    }
    if (uoss && copy_to_user(uoss, &o, sizeof o)) return -EFAULT;
    if (uss) {
        if (((u32)n.ss_flags & ~SS_AUTODISARM) == SS_DISABLE) { t->altstack_sp = 0; t->altstack_size = 0; t->altstack_flags = 0; }
        else { t->altstack_sp = n.ss_sp; t->altstack_size = n.ss_size; t->altstack_flags = (u32)n.ss_flags & SS_AUTODISARM; }
    }
    return 0;
}

struct kill_ctx { int sig; pid_t pgid; int count; int err; pid_t self; int sent; };

/* Linux's kill_ok_by_cred: root, or the sender's real or effective uid is the target's real or
 * saved uid. */
static bool may_signal(struct process *p) {
    const struct cred *c = &current->cred;
    if (c->euid == 0 || !p->threads) return true;
    const struct cred *t = &p->threads->cred;
    return c->euid == t->suid || c->euid == t->uid || c->uid == t->suid || c->uid == t->uid;
}

static void kill_one(struct process *p, void *arg) {
    struct kill_ctx *k = arg;
    if (p->pid == 1 && k->pgid == -1) return;               /* kill(-1) spares init */
    if (k->pgid == -1 && p->pid == k->self) return;          /* ... and the caller */
    if (k->pgid > 0 && p->pgid != k->pgid) return;
    k->count++;
    if (!may_signal(p)) { k->err = -EPERM; return; }
    k->sent++;
    if (!p->zombie) send_signal_process(p, k->sig);
}

long sys_kill(pid_t pid, int sig) {
    if (pid > 0) {                           /* Linux finds the process before checking sig */
        struct process *p = process_by_pid(pid);
        if (!p) return -ESRCH;
        if (sig < 0 || sig > 64) return -EINVAL;
        if (!may_signal(p)) return -EPERM;
        return p->zombie ? 0 : send_signal_process(p, sig);
    }
    if (sig < 0 || sig > 64) return -EINVAL;
    if (pid == (pid_t)0x80000000) return -ESRCH;
    struct kill_ctx k = { sig, pid == 0 ? current->proc->pgid : pid == -1 ? -1 : -pid, 0, 0, current->proc->pid, 0 };
    for_each_process(kill_one, &k);
    if (!k.count) return -ESRCH;
    return k.sent ? 0 : k.err;               /* success if any process could be signalled */
}

long sys_tkill(pid_t tid, int sig) {
    if (tid <= 0 || sig < 0 || sig > 64) return -EINVAL;
    struct task *t = task_by_tid(tid);
    if (!t) return -ESRCH;
    if (!may_signal(t->proc)) return -EPERM;
    return send_signal_task(t, sig, SI_TKILL);
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig) {
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > 64) return -EINVAL;
    struct task *t = task_by_tid(tid);
    if (!t || t->proc->pid != tgid) return -ESRCH;
    if (!may_signal(t->proc)) return -EPERM;
    return send_signal_task(t, sig, SI_TKILL);
}

/* Sleep with the given mask until a signal handler runs; returns -EINTR after the handler. */
long sys_rt_sigsuspend(uaddr_t unewset, size_t sigsetsize) {
    if (sigsetsize != 8) return -EINVAL;
    u64 mask;
    if (copy_from_user(&mask, unewset, 8)) return -EFAULT;
    u64 old = current->sigmask;
    current->sigmask = mask & ~UNBLOCKABLE;
    struct wait_queue q = WAIT_QUEUE_INIT;
    while (!signal_pending(current)) waitq_sleep(&q, waitq_never, NULL, 0, true);
    /* The handler's frame must record the old mask, restored by sigreturn. */
    current->saved_sigmask = old;
    current->restore_sigmask = true;
    return -ERESTARTNOHAND;
}

long sys_rt_sigpending(uaddr_t set, size_t sigsetsize) {
    if (sigsetsize > 8) return -EINVAL;
    u64 p = (current->sigpending | current->proc->shared_pending) & current->sigmask;
    return copy_to_user(set, &p, sigsetsize) ? -EFAULT : 0;
}
