/* Signal syscalls. For now the state is stored and returned exactly (rt_sigaction,
 * rt_sigprocmask, sigaltstack); delivery on the user stack comes with the process issue. */
#include "syscall/syscall.h"
#include "proc/signal.h"
#include "proc/process.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "uapi/signal.h"

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
    struct { u64 sp; s32 flags; s32 pad; u64 size; } n, o;   /* stack_t: 24 bytes */
    o.sp = current->altstack_sp;
    o.size = current->altstack_size;
    o.flags = current->altstack_size ? 0 : SS_DISABLE;
    o.pad = 0;
    if (uss) {
        if (copy_from_user(&n, uss, sizeof n)) return -EFAULT;
        if (n.flags & ~(SS_DISABLE | SS_AUTODISARM)) return -EINVAL;
        if (!(n.flags & SS_DISABLE) && n.size < MINSIGSTKSZ) return -ENOMEM;
    }
    if (uoss && copy_to_user(uoss, &o, sizeof o)) return -EFAULT;
    if (uss) {
        if (n.flags & SS_DISABLE) { current->altstack_sp = 0; current->altstack_size = 0; }
        else { current->altstack_sp = n.sp; current->altstack_size = n.size; }
    }
    return 0;
}

/* kill/tgkill of oneself with a fatal default action (abort's SIGABRT) ends the process; a
 * handled or ignored signal is recorded as pending. Other targets come with fork. */
static long send_self(int sig) {
    if (sig == 0) return 0;
    if (sig < 1 || sig > 64) return -EINVAL;
    struct k_sigaction *a = &current->sighand->action[sig - 1];
    if (a->handler == 1 /* SIG_IGN */) return 0;
    if (a->handler == 0 && sig != SIGCHLD && sig != SIGURG && sig != SIGWINCH && sig != SIGCONT)
        do_exit_group(sig);
    current->sigpending |= 1UL << (sig - 1);
    return 0;
}

long sys_kill(pid_t pid, int sig) {
    if (pid == current->proc->pid || pid == 0 || pid == -1) return send_self(sig);
    return -ESRCH;
}

long sys_tkill(pid_t tid, int sig) {
    if (tid <= 0) return -EINVAL;
    if (tid == current->tid) return send_self(sig);
    return -ESRCH;
}

long sys_tgkill(pid_t tgid, pid_t tid, int sig) {
    if (tgid <= 0 || tid <= 0) return -EINVAL;
    if (tgid == current->proc->pid && tid == current->tid) return send_self(sig);
    return -ESRCH;
}
