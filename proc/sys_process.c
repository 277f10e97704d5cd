/* Process identity and life-cycle syscalls: ids, exit, execve, set_tid_address, robust lists,
 * prctl names, resource limits, scheduler queries. */
#include "syscall/syscall.h"
#include "proc/process.h"
#include "proc/exec.h"
#include "proc/sched.h"
#include "mm/uaccess.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/misc.h"
#include "uapi/fcntl.h"
#include "fs/vfs.h"
#include "fs/file.h"
#include "lib/printk.h"

long sys_getpid(void) { return current->proc->pid; }
long sys_gettid(void) { return current->tid; }
long sys_getppid(void) { return current->proc->parent ? current->proc->parent->pid : 0; }
long sys_getuid(void) { return current->cred.uid; }
long sys_geteuid(void) { return current->cred.euid; }
long sys_getgid(void) { return current->cred.gid; }
long sys_getegid(void) { return current->cred.egid; }

long sys_exit(int code) { do_exit((code & 0xff) << 8); }
long sys_exit_group(int code) { do_exit_group((code & 0xff) << 8); }

long sys_set_tid_address(uaddr_t tidptr) {
    current->clear_child_tid = tidptr;
    return current->tid;
}

long sys_set_robust_list(uaddr_t head, size_t len) {
    if (len != 24) return -EINVAL;             /* sizeof(struct robust_list_head) */
    current->robust_list = head;
    current->robust_len = len;
    return 0;
}

long sys_get_robust_list(int pid, uaddr_t head_ptr, uaddr_t len_ptr) {
    if (pid != 0 && pid != current->tid) return -ESRCH;
    u64 len = current->robust_len ? current->robust_len : 24;
    if (copy_to_user(head_ptr, &current->robust_list, 8) || copy_to_user(len_ptr, &len, 8)) return -EFAULT;
    return 0;
}

long sys_execve(uaddr_t filename, uaddr_t argv, uaddr_t envp) {
    char *path = kmalloc(4096);
    if (!path) return -ENOMEM;
    long n = strncpy_from_user(path, filename, 4096);
    if (n < 0) { kfree(path); return n; }
    if (n == 0) { kfree(path); return -ENOENT; }
    struct exec_args a;
    int r = exec_args_from_user(&a, argv, envp);
    if (!r) {
        r = do_execve(path, &a);
        exec_args_free(&a);
    }
    kfree(path);
    return r;   /* on success the frame was replaced; x0 = 0 as on Linux */
}

long sys_execveat(int dfd, uaddr_t filename, uaddr_t argv, uaddr_t envp, int flags) {
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) return -EINVAL;
    char *path = kmalloc(4096);
    if (!path) return -ENOMEM;
    long n = strncpy_from_user(path, filename, 4096);
    struct file *f = NULL;
    long r = n < 0 ? n : 0;
    if (!r && n == 0) {
        if (!(flags & AT_EMPTY_PATH)) r = -ENOENT;
        else if (!(f = fd_get(dfd))) r = -EBADF;
        else snprintf(path, 4096, "/dev/fd/%d", dfd);       /* the name Linux gives fexecve'd files */
    } else if (!r) {
        f = do_open(dfd, path, O_RDONLY | ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0), 0);
        if (IS_ERR(f)) { r = PTR_ERR(f); f = NULL; }
        if (r == -ELOOP && (flags & AT_SYMLINK_NOFOLLOW)) r = -ELOOP;
    }
    struct exec_args a;
    if (!r) r = exec_args_from_user(&a, argv, envp);
    if (!r) {
        r = do_execve_file(f, path, &a, 0);
        exec_args_free(&a);
    }
    if (f) file_put(f);
    kfree(path);
    return r;
}

long sys_prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5) {
    switch (option) {
    case PR_SET_NAME: {
        char name[TASK_COMM_LEN];
        long n = strncpy_from_user(name, a2, TASK_COMM_LEN);
        if (n == -EFAULT) return -EFAULT;
        name[TASK_COMM_LEN - 1] = 0;          /* longer names are truncated, as on Linux */
        memcpy(current->comm, name, TASK_COMM_LEN);
        return 0;
    }
    case PR_GET_NAME:
        return copy_to_user(a2, current->comm, TASK_COMM_LEN) ? -EFAULT : 0;
    case PR_SET_PDEATHSIG: case PR_SET_DUMPABLE: case PR_SET_NO_NEW_PRIVS:
        return 0;
    case PR_GET_DUMPABLE:
        return 1;
    }
    return -EINVAL;
}

long sys_prlimit64(pid_t pid, unsigned int res, uaddr_t new_rlim, uaddr_t old_rlim) {
    if (res >= RLIM_NLIMITS) return -EINVAL;
    struct process *p = pid ? process_by_pid(pid) : current->proc;
    if (!p || p->zombie) return -ESRCH;
    if (p != current->proc && current->cred.euid != 0 && p->threads && p->threads->cred.uid != current->cred.uid) return -EPERM;
    struct krlimit *l = &p->rlim[res], n;
    if (new_rlim) {
        if (copy_from_user(&n, new_rlim, sizeof n)) return -EFAULT;
        if (n.cur > n.max) return -EINVAL;
        if (n.max > l->max && current->cred.euid != 0) return -EPERM;
    }
    if (old_rlim && copy_to_user(old_rlim, l, sizeof *l)) return -EFAULT;
    if (new_rlim) *l = n;
    return 0;
}

long sys_getrlimit(unsigned int res, uaddr_t rlim) { return sys_prlimit64(0, res, 0, rlim); }
long sys_setrlimit(unsigned int res, uaddr_t rlim) { return sys_prlimit64(0, res, rlim, 0); }

long sys_sched_yield(void) {
    current->need_resched = true;
    return 0;
}

long sys_sched_getaffinity(pid_t pid, unsigned int len, uaddr_t mask) {
    if (pid < 0 || (pid != 0 && !task_by_tid(pid))) return -ESRCH;
    if (len < 8 || (len & 7)) return -EINVAL;      /* Linux: at least one unsigned long, aligned */
    u64 m = 1;                                     /* one CPU for now */
    if (copy_to_user(mask, &m, 8)) return -EFAULT;
    return 8;
}

static struct process *lookup(pid_t pid) {      /* zombies too: getpgid/getsid still answer */
    if (pid == 0) return current->proc;
    return process_by_pid(pid);
}

long sys_getpgid(pid_t pid) {
    if (pid < 0) return -ESRCH;
    struct process *p = lookup(pid);
    return p ? p->pgid : -ESRCH;
}

long sys_getsid(pid_t pid) {
    if (pid < 0) return -ESRCH;
    struct process *p = lookup(pid);
    return p ? p->sid : -ESRCH;
}

struct pg_find { pid_t pgid, sid; bool found; };
static void find_group(struct process *p, void *arg) {
    struct pg_find *f = arg;
    if (p->pgid == f->pgid && p->sid == f->sid) f->found = true;
}

/* Linux kernel/sys.c setpgid: the target is the caller or one of its children that has not
 * exec'd, in the caller's session and not a session leader; the group must exist in that session
 * (or be the target's own pid). */
long sys_setpgid(pid_t pid, pid_t pgid) {
    struct process *self = current->proc;
    if (pid < 0 || pgid < 0) return -EINVAL;
    if (!pid) pid = self->pid;
    if (!pgid) pgid = pid;
    struct process *p = process_by_pid(pid);
    if (!p || p->zombie) return -ESRCH;
    if (p != self) {
        if (p->parent != self) return -ESRCH;
        if (p->sid != self->sid) return -EPERM;
        if (p->did_exec) return -EACCES;
    }
    if (p->sid == p->pid) return -EPERM;                 /* a session leader */
    if (pgid != pid) {
        struct pg_find f = { pgid, self->sid, false };
        for_each_process(find_group, &f);
        if (!f.found) return -EPERM;
    }
    p->pgid = pgid;
    return 0;
}

static void find_pgid(struct process *p, void *arg) {
    struct pg_find *f = arg;
    if (p->pgid == f->pgid) f->found = true;
}

/* Fails if any process (the caller included) already has the caller's pid as its group. */
long sys_setsid(void) {
    struct process *p = current->proc;
    struct pg_find f = { p->pid, 0, false };
    for_each_process(find_pgid, &f);
    if (f.found) return -EPERM;
    p->sid = p->pgid = p->pid;
    return p->sid;
}
