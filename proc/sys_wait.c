/* wait4 and waitid: reap zombie children. Status encoding (Linux/POSIX): exit code << 8, or the
 * signal number that killed the process. */
#include "syscall/syscall.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/signal.h"
#include "uapi/resource.h"

struct wait_req {
    int which;          /* P_ALL, P_PID, P_PGID */
    pid_t id;
    int options;
    struct process *found;
    bool any;
};

static bool matches(struct process *c, struct wait_req *w) {
    if (w->which == P_PID) return c->pid == w->id;
    if (w->which == P_PGID) return c->pgid == w->id;
    return true;
}

/* Condition for the sleep: a matching zombie exists (sets found) or no matching child at all. */
static bool scan(void *arg) {
    struct wait_req *w = arg;
    w->found = NULL;
    w->any = false;
    for (struct process *c = current->proc->children; c; c = c->sibling) {
        if (!matches(c, w)) continue;
        /* __WCLONE selects children with a non-SIGCHLD exit signal; __WALL takes all. */
        bool clone_child = c->exit_signal != SIGCHLD;
        if (!(w->options & __WALL) && clone_child != !!(w->options & __WCLONE)) continue;
        w->any = true;
        if (c->zombie) { w->found = c; return true; }
    }
    return !w->any;
}

static long do_wait(struct wait_req *w, int *status, pid_t *pid) {
    for (;;) {
        if (scan(w)) break;
        if (w->options & WNOHANG) return 0;
        int r = waitq_sleep(&current->proc->child_exit, scan, w, 0, true);
        if (r) return r;
        if (w->found || !w->any) break;
    }
    if (!w->found) return -ECHILD;
    *status = w->found->exit_code;
    *pid = w->found->pid;
    if (!(w->options & WNOWAIT)) process_reap(w->found);
    return 1;
}

long sys_wait4(pid_t upid, uaddr_t stat_addr, int options, uaddr_t ru) {
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
    if (upid == (pid_t)0x80000000) return -ESRCH;          /* INT_MIN cannot be negated */
    struct wait_req w = { .options = options | WEXITED };
    if (upid == -1) w.which = P_ALL;
    else if (upid < 0) { w.which = P_PGID; w.id = -upid; }
    else if (upid == 0) { w.which = P_PGID; w.id = current->proc->pgid; }
    else { w.which = P_PID; w.id = upid; }
    int status;
    pid_t pid;
    long r = do_wait(&w, &status, &pid);
    if (r <= 0) return r;
    if (stat_addr && copy_to_user(stat_addr, &status, 4)) return -EFAULT;
    if (ru) {
        struct linux_rusage z;
        memset(&z, 0, sizeof z);
        if (copy_to_user(ru, &z, sizeof z)) return -EFAULT;
    }
    return pid;
}

long sys_waitid(int which, pid_t upid, uaddr_t infop, int options, uaddr_t ru) {
    if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) return -EINVAL;
    struct wait_req w = { .options = options };
    switch (which) {
    case P_ALL: w.which = P_ALL; break;
    case P_PID: if (upid <= 0) return -EINVAL; w.which = P_PID; w.id = upid; break;
    case P_PGID: if (upid < 0) return -EINVAL; w.which = P_PGID; w.id = upid ? upid : current->proc->pgid; break;
    default: return -EINVAL;                                 /* P_PIDFD: partial */
    }
    if (!(options & WEXITED)) {                              /* only stops/continues: none happen yet */
        if (options & WNOHANG) goto none;
        return -ECHILD;
    }
    int status;
    pid_t pid;
    long r = do_wait(&w, &status, &pid);
    if (r < 0) return r;
    if (r == 0) goto none;
    if (infop) {
        struct linux_siginfo si;
        memset(&si, 0, sizeof si);
        si.si_signo = SIGCHLD;
        si.si_code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED;
        si.si_pid = pid;
        si.si_status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff;
        if (copy_to_user(infop, &si, sizeof si)) return -EFAULT;
    }
    return 0;
none:
    if (infop) {                    /* WNOHANG with nothing to report: si_pid = 0 (Linux zeroes it) */
        struct linux_siginfo si;
        memset(&si, 0, sizeof si);
        if (copy_to_user(infop, &si, sizeof si)) return -EFAULT;
    }
    return 0;
}
