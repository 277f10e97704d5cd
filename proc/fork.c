/* clone, clone3, fork-style process creation (Linux kernel/fork.c, cut down). Every flag is checked
 * before anything is allocated; then the child gets shared or copied parts as the flags say. */
#include "syscall/syscall.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "fs/vfs.h"
#include "arch/arm64/trap.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"
#include "uapi/sched.h"

void fpsimd_save(struct fpsimd_state *s);
extern void ret_from_fork(void);

struct clone_req {
    u64 flags;
    uaddr_t stack, stack_size, parent_tid, child_tid, tls;
    int exit_signal;
    bool clear_sighand;
};

static bool vfork_finished(void *arg) { return ((struct vfork_done *)arg)->done; }

static long do_clone(struct clone_req *c) {
    u64 fl = c->flags;
    /* Linux's copy_process checks, in its order. */
    if ((fl & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)) return -EINVAL;
    if ((fl & CLONE_THREAD) && !(fl & CLONE_SIGHAND)) return -EINVAL;
    if ((fl & CLONE_SIGHAND) && !(fl & CLONE_VM)) return -EINVAL;
    if ((fl & CLONE_PARENT) && current->proc->pid == 1) return -EINVAL;
    if (fl & (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
              CLONE_NEWCGROUP | CLONE_PIDFD | CLONE_UNTRACED | CLONE_PTRACE))
        return fl & (CLONE_PIDFD | CLONE_UNTRACED | CLONE_PTRACE) ? -EINVAL : -EPERM;   /* partial */
    if (c->exit_signal < 0 || c->exit_signal > 64) return -EINVAL;

    struct process *parent = current->proc;
    /* Linux's threads-max: RAM / (8 * THREAD_SIZE), so a fork bomb gets EAGAIN long before memory
     * runs out; and a reserve of free pages is kept for the page faults of existing processes. */
    if (task_count() >= MAX(20UL, nr_total_pages() / 32)) return -EAGAIN;
    if (nr_free_pages() < nr_total_pages() / 32) return -ENOMEM;
    /* RLIMIT_NPROC counts every task (threads too) of the real user; root is exempt. */
    if (current->cred.uid != 0 && process_count(current->cred.uid) >= parent->rlim[6].cur) return -EAGAIN;
    struct task *t = task_alloc();
    if (!t) return -ENOMEM;
    struct process *p = NULL;
    long err = -ENOMEM;
    if (fl & CLONE_THREAD) {
        p = parent;
    } else {
        p = process_alloc((fl & CLONE_PARENT) ? parent->parent : parent);
        if (!p) goto fail;
        p->exit_signal = c->exit_signal;
        memcpy(p->exe_path, parent->exe_path, sizeof p->exe_path);
    }
    /* Address space, files, fs, signal handlers. */
    if (fl & CLONE_VM) { mm_get(current->mm); t->mm = current->mm; }
    else if (!(t->mm = mm_fork(current->mm))) goto fail;
    if (fl & CLONE_FILES) { files_get(current->files); t->files = current->files; }
    else if (!(t->files = files_dup(current->files))) goto fail;
    if (fl & CLONE_FS) { fs_get(current->fs); t->fs = current->fs; }
    else if (!(t->fs = fs_dup(current->fs))) goto fail;
    if (fl & CLONE_SIGHAND) { current->sighand->refs++; t->sighand = current->sighand; }
    else {
        if (!(t->sighand = sighand_new())) goto fail;
        memcpy(t->sighand->action, current->sighand->action, sizeof t->sighand->action);
        if (c->clear_sighand)                          /* handlers back to SIG_DFL; SIG_IGN stays */
            for (int i = 0; i < 64; i++)
                if (t->sighand->action[i].handler > 1) memset(&t->sighand->action[i], 0, sizeof t->sighand->action[i]);
    }
    /* Registers: the parent's, with x0 = 0 and the new stack and TLS if given. */
    *t->tf = *current->tf;
    t->tf->regs[0] = 0;
    if (c->stack) t->tf->sp = c->stack + c->stack_size;
    fpsimd_save(&t->fp);                              /* the parent's live FP/SIMD registers */
    if (fl & CLONE_SETTLS) t->tpidr_el0 = c->tls;
    else __asm__ volatile("mrs %0, tpidr_el0" : "=r"(t->tpidr_el0));
    t->cred = current->cred;
    if (!(fl & CLONE_VM) || (fl & CLONE_VFORK)) {          /* Linux keeps sigaltstack except for threads */
        t->altstack_sp = current->altstack_sp;
        t->altstack_size = current->altstack_size;
        t->altstack_flags = current->altstack_flags;
    }
    if (!(fl & CLONE_VM)) { t->rseq = current->rseq; t->rseq_len = current->rseq_len; t->rseq_sig = current->rseq_sig; }
    t->sigmask = current->sigmask;
    memcpy(t->comm, current->comm, TASK_COMM_LEN);
    t->ctx.lr = (u64)ret_from_fork;
    t->ctx.sp = (u64)t->tf;
    t->tid = pid_alloc();
    if (t->tid < 0) { err = -EAGAIN; goto fail; }
    if (!(fl & CLONE_THREAD)) {
        p->pid = t->tid;
        if (fl & CLONE_PARENT) p->exit_signal = parent->exit_signal;
    }
    if (fl & CLONE_CHILD_CLEARTID) t->clear_child_tid = c->child_tid;
    if ((fl & CLONE_CHILD_SETTID) && copy_to_user_mm(t->mm, c->child_tid, &t->tid, 4)) { err = -EFAULT; goto fail; }
    if ((fl & CLONE_PARENT_SETTID) && copy_to_user(c->parent_tid, &t->tid, 4)) { err = -EFAULT; goto fail; }

    struct vfork_done vd;
    if (fl & CLONE_VFORK) {
        waitq_init(&vd.wq);
        vd.done = false;
        t->vfork = &vd;
    }
    pid_t tid = t->tid;
    process_attach(p, t, !(fl & CLONE_THREAD));
    sched_add(t);
    if (fl & CLONE_VFORK) {
        /* The parent sleeps until the child execs or exits (uninterruptibly, as Linux's
         * wait_for_vfork_done is killable only). */
        while (!vd.done) waitq_sleep(&vd.wq, vfork_finished, &vd, 0, false);
    }
    return tid;
fail:
    if (t->mm) mm_put(t->mm);
    if (t->files) files_put(t->files);
    if (t->fs) fs_put(t->fs);
    if (t->sighand) sighand_put(t->sighand);
    if (p && p != parent) kfree(p);
    task_free(t);
    return err;
}

/* arm64 argument order: flags, newsp, parent_tidptr, tls, child_tidptr. */
long sys_clone(unsigned long flags, unsigned long newsp, uaddr_t parent_tidptr, unsigned long tls, uaddr_t child_tidptr) {
    struct clone_req c = {
        .flags = flags & ~0xffUL, .stack = newsp, .stack_size = 0, .parent_tid = parent_tidptr,
        .child_tid = child_tidptr, .tls = tls, .exit_signal = (int)(flags & 0xff),
    };
    if (flags & CLONE_CLEAR_SIGHAND) return -EINVAL;   /* clone3 only */
    return do_clone(&c);
}

long sys_clone3(uaddr_t uargs, size_t size) {
    struct linux_clone_args a;
    if (size > PAGE_SIZE) return -E2BIG;
    if (size < CLONE_ARGS_SIZE_VER0) return -EINVAL;
    memset(&a, 0, sizeof a);
    if (copy_from_user(&a, uargs, MIN(size, sizeof a))) return -EFAULT;
    /* Bytes beyond what we know must be zero (Linux's copy_struct_from_user). */
    for (size_t off = sizeof a; off < size; off++) {
        u8 b;
        if (copy_from_user(&b, uargs + off, 1)) return -EFAULT;
        if (b) return -E2BIG;
    }
    if (a.exit_signal > 64 || (a.flags & 0xff)) return -EINVAL;
    if ((a.flags & CLONE_DETACHED) || ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)) return -EINVAL;
    if ((a.stack == 0) != (a.stack_size == 0)) return -EINVAL;
    if (a.set_tid || a.set_tid_size || a.cgroup) return -EINVAL;              /* partial */
    if (a.flags & CLONE_CLEAR_SIGHAND) {
        if (a.flags & CLONE_SIGHAND) return -EINVAL;
    }
    struct clone_req c = {
        .flags = a.flags & ~(u64)CLONE_CLEAR_SIGHAND, .stack = a.stack, .stack_size = a.stack_size,
        .parent_tid = a.parent_tid, .child_tid = a.child_tid, .tls = a.tls, .exit_signal = (int)a.exit_signal,
        .clear_sighand = (a.flags & CLONE_CLEAR_SIGHAND) != 0,
    };
    return do_clone(&c);
}
