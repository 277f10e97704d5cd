/* Tasks and processes: allocation, PIDs, exit, and starting init. */
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/exec.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "fs/vfs.h"
#include "arch/arm64/trap.h"
#include "arch/arm64/cpu.h"
#include "arch/arm64/semihost.h"
#include "init/bootargs.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "lib/time.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/sched.h"
#include "uapi/signal.h"

static spinlock_t pid_lock = SPINLOCK_INIT;
static pid_t next_pid = 1;
static struct task *the_init;

#define PID_MAX 4194304                       /* /proc/sys/kernel/pid_max on 64-bit */
pid_t pid_alloc(void) {
    u64 f = spin_lock_irqsave(&pid_lock);
    if (next_pid >= PID_MAX) { spin_unlock_irqrestore(&pid_lock, f); return -EAGAIN; }
    pid_t p = next_pid++;
    spin_unlock_irqrestore(&pid_lock, f);
    return p;
}

struct task *task_alloc(void) {
    struct task *t = kzalloc(sizeof *t);
    if (!t) return NULL;
    paddr_t stack = page_alloc(2);                 /* KSTACK_SIZE = 4 pages */
    if (!stack) { kfree(t); return NULL; }
    t->kstack = phys_to_virt(stack);
    t->tf = (struct trap_frame *)((u8 *)t->kstack + KSTACK_SIZE - TF_SIZE);
    memset(t->tf, 0, sizeof *t->tf);
    return t;
}

struct process *process_alloc(struct process *parent) {
    struct process *p = kzalloc(sizeof *p);
    if (!p) return NULL;
    p->parent = parent;
    p->refs = 1;
    waitq_init(&p->child_exit);
    for (int i = 0; i < NR_RLIMITS; i++) p->rlim[i].cur = p->rlim[i].max = ~0UL;
    p->rlim[3].cur = 8UL << 20;                    /* RLIMIT_STACK 8 MiB soft */
    p->rlim[7].cur = 1024; p->rlim[7].max = 4096;  /* RLIMIT_NOFILE */
    if (parent) {
        memcpy(p->rlim, parent->rlim, sizeof p->rlim);
        p->pgid = parent->pgid;
        p->sid = parent->sid;
    }
    return p;
}

struct task *init_task(void) { return the_init; }

/* All tasks (for kill/tgkill lookups and /proc) and the processes' tree, under tree_lock. */
static spinlock_t tree_lock = SPINLOCK_INIT;
static struct task *all_tasks;
static struct task *dead_tasks;      /* exited tasks whose stacks are freed once we are off them */
static struct process *all_procs;    /* live and zombie processes */
static u64 nr_tasks;                 /* tasks on all_tasks (threads-max check on every clone) */

void task_free(struct task *t) {
    page_free(virt_to_phys(t->kstack), 2);
    kfree(t);
}

/* Called from schedule() on another task's stack: frees tasks that have exited. */
void reap_dead_tasks(void) {
    u64 f = spin_lock_irqsave(&tree_lock);
    struct task *list = NULL, **pp = &dead_tasks;
    while (*pp) {
        struct task *t = *pp;
        if (t == current) { pp = &t->all_next; continue; }
        *pp = t->all_next;
        t->all_next = list;
        list = t;
    }
    spin_unlock_irqrestore(&tree_lock, f);
    while (list) { struct task *n = list->all_next; task_free(list); list = n; }
}

void process_attach(struct process *p, struct task *t, bool new_process) {
    u64 f = spin_lock_irqsave(&tree_lock);
    t->proc = p;
    t->thread_next = p->threads;
    p->threads = t;
    p->nr_threads++;
    t->all_next = all_tasks;
    all_tasks = t;
    nr_tasks++;
    if (new_process) { p->all_next = all_procs; all_procs = p; }
    if (new_process && p->parent) {
        p->sibling = p->parent->children;
        p->parent->children = p;
    }
    spin_unlock_irqrestore(&tree_lock, f);
}

u64 task_count(void) { return nr_tasks; }

u64 process_count(uid_t uid) {
    u64 n = 0;
    u64 f = spin_lock_irqsave(&tree_lock);
    for (struct task *t = all_tasks; t; t = t->all_next)
        if (t->cred.uid == uid) n++;
    spin_unlock_irqrestore(&tree_lock, f);
    return n;
}

struct task *task_list_first(void) { return all_tasks; }
struct task *task_list_next(struct task *t) { return t->all_next; }

struct task *task_by_tid(pid_t tid) {
    u64 f = spin_lock_irqsave(&tree_lock);
    struct task *t = all_tasks;
    while (t && t->tid != tid) t = t->all_next;
    spin_unlock_irqrestore(&tree_lock, f);
    return t;
}

/* The process with this pid, zombies included (kill(zombie, 0) succeeds on Linux). */
struct process *process_by_pid(pid_t pid) {
    u64 f = spin_lock_irqsave(&tree_lock);
    struct process *p = all_procs;
    while (p && p->pid != pid) p = p->all_next;
    spin_unlock_irqrestore(&tree_lock, f);
    return p;
}

/* Calls fn for every live process (kill -1, kill of a group). */
/* Sends sig to every process of group pgid (the tty's ^C, ^Z, ^\); safe from IRQ context. */
void signal_pgrp(pid_t pgid, int sig) {
    u64 f = spin_lock_irqsave(&tree_lock);
    for (struct task *t = all_tasks; t; t = t->all_next)
        if (t->proc->pid == t->tid && !t->proc->zombie && t->proc->pgid == pgid) {
            struct ksiginfo ki = { SI_KERNEL, 0, 0, 0 };
            send_signal_process_info(t->proc, sig, &ki);
        }
    spin_unlock_irqrestore(&tree_lock, f);
}

void for_each_process(void (*fn)(struct process *, void *), void *arg) {
    for (struct process *p = all_procs; p; p = p->all_next) fn(p, arg);
}

static NORETURN void system_halt(int status) {
    extern void profile_report(void);
    if (bootargs.profile) profile_report();
    if (bootargs.profile) {
        extern u64 timer_irq_count, sched_switches, sched_idle;
        printk("levitate: %lu timer interrupts in %lu ms, %lu switches (%lu to idle)\n", timer_irq_count,
               clock_monotonic_ns() / 1000000, sched_switches, sched_idle);
    }
    if (bootargs.exit_semihost) {
        int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
        printk("levitate: init exited with status %d\n", code);
        semihost_exit(code);
    }
    printk("levitate: init exited (wait status %#x); powering off\n", status);
    cpu_poweroff();
}

static void vfork_release(struct task *t) {
    if (t->vfork) {
        t->vfork->done = true;
        wake_up_all(&t->vfork->wq);
        t->vfork = NULL;
    }
}

/* exec calls this once the new image is in place: a vfork parent may run again. */
void exec_release_vfork(void) { vfork_release(current); }

/* Robust futexes (Linux kernel/futex/core.c exit_robust_list): every lock the dying thread still
 * holds gets FUTEX_OWNER_DIED and one waiter is woken. */
static void robust_one(struct task *t, uaddr_t word) {
    u32 v;
    if (copy_from_user(&v, word, 4) || (v & FUTEX_TID_MASK) != (u32)t->tid) return;
    u32 nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
    if (copy_to_user(word, &nv, 4)) return;
    if (v & FUTEX_WAITERS) futex_wake_addr(t->mm, word, 1);
}

static void exit_robust_list(struct task *t) {
    struct { u64 next; s64 off; u64 pending; } head;
    if (!t->robust_list || !t->mm || copy_from_user(&head, t->robust_list, sizeof head)) return;
    u64 e = head.next;
    for (int i = 0; e != t->robust_list && i < ROBUST_LIST_LIMIT; i++) {
        u64 next;
        if (copy_from_user(&next, e & ~1UL, 8)) return;
        if (e != head.pending) robust_one(t, (e & ~1UL) + head.off);
        e = next;
    }
    if (head.pending) robust_one(t, (head.pending & ~1UL) + head.off);
}

void do_exit(int status) {
    struct task *t = current;
    struct process *p = t->proc;
    exit_robust_list(t);
    if (t->clear_child_tid) {
        /* CLONE_CHILD_CLEARTID: zero the tid word and wake one futex waiter (pthread_join). */
        u32 z = 0;
        if (copy_to_user(t->clear_child_tid, &z, 4) == 0) futex_wake_addr(t->mm, t->clear_child_tid, 1);
    }
    vfork_release(t);
    if (t->files) { files_put(t->files); t->files = NULL; }
    if (t->fs) { fs_put(t->fs); t->fs = NULL; }
    if (t->sighand) { sighand_put(t->sighand); t->sighand = NULL; }
    u64 f = spin_lock_irqsave(&tree_lock);
    /* Unlink from the process's threads and from all_tasks. */
    for (struct task **pp = &p->threads; *pp; pp = &(*pp)->thread_next)
        if (*pp == t) { *pp = t->thread_next; break; }
    for (struct task **pp = &all_tasks; *pp; pp = &(*pp)->all_next)
        if (*pp == t) { *pp = t->all_next; nr_tasks--; break; }
    bool last = --p->nr_threads == 0;
    if (p->nr_threads == 1) wake_up_all(&p->child_exit);     /* de_thread waits for this */
    if (last && !p->exiting) p->exit_code = status;
    spin_unlock_irqrestore(&tree_lock, f);
    if (last && p->pid == 1) system_halt(p->exit_code);
    /* Leave the address space: switch TTBR0 away before the last reference may free it. */
    struct mm *mm = t->mm;
    t->mm = NULL;
    mm_deactivate();
    if (mm) mm_put(mm);
    if (last) process_exited(p);
    f = spin_lock_irqsave(&tree_lock);
    t->all_next = dead_tasks;
    dead_tasks = t;
    spin_unlock_irqrestore(&tree_lock, f);
    irq_disable();
    t->state = TASK_DEAD;
    schedule();
    panic("dead task %d ran again", t->tid);
}

/* The last thread is gone: reparent the children to init, become a zombie and tell the parent. */
void process_exited(struct process *p) {
    ktimer_cancel(&p->itimer_real);
    struct process *init = the_init->proc;
    u64 f = spin_lock_irqsave(&tree_lock);
    bool zombie_child = false;
    while (p->children) {
        struct process *c = p->children;
        p->children = c->sibling;
        c->parent = init;
        c->sibling = init->children;
        init->children = c;
        if (c->zombie) zombie_child = true;
    }
    p->zombie = true;
    struct process *parent = p->parent;
    spin_unlock_irqrestore(&tree_lock, f);
    if (zombie_child) wake_up_all(&init->child_exit);
    if (parent) {
        /* A parent that ignores SIGCHLD (SIG_IGN or SA_NOCLDWAIT) gets no zombie: the child is
         * reaped at once and wait4 then reports ECHILD. */
        struct k_sigaction *a = parent->threads && parent->threads->sighand ?
                                &parent->threads->sighand->action[SIGCHLD - 1] : NULL;
        bool autoreap = p->exit_signal == SIGCHLD && a && (a->handler == 1 || (a->flags & SA_NOCLDWAIT));
        if (p->exit_signal && !(autoreap && a->handler == 1)) {
            int st = p->exit_code;
            struct ksiginfo ci = { (st & 0x7f) ? CLD_KILLED : CLD_EXITED, p->pid,
                                   current->cred.uid, (st & 0x7f) ? (st & 0x7f) : (st >> 8) & 0xff };
            send_signal_process_info(parent, p->exit_signal, &ci);
        }
        if (autoreap) process_reap(p);
        wake_up_all(&parent->child_exit);
    }
}

/* wait4's reaping: unlink a zombie child from its parent and free it. */
void process_reap(struct process *c) {
    u64 f = spin_lock_irqsave(&tree_lock);
    struct process *parent = c->parent;
    for (struct process **pp = &parent->children; *pp; pp = &(*pp)->sibling)
        if (*pp == c) { *pp = c->sibling; break; }
    for (struct process **pp = &all_procs; *pp; pp = &(*pp)->all_next)
        if (*pp == c) { *pp = c->all_next; break; }
    spin_unlock_irqrestore(&tree_lock, f);
    kfree(c);
}

static bool only_thread(void *arg) { return ((struct process *)arg)->nr_threads == 1; }

/* exec from a multithreaded process: every other thread exits first, and the caller takes the
 * process's id as its thread id (Linux's de_thread). */
void de_thread(void) {
    struct task *t = current;
    struct process *p = t->proc;
    if (p->nr_threads == 1) goto leader;
    u64 f = spin_lock_irqsave(&tree_lock);
    for (struct task *o = p->threads; o; o = o->thread_next)
        if (o != t) { o->thread_killed = true; wake_task(o); }
    spin_unlock_irqrestore(&tree_lock, f);
    while (p->nr_threads > 1) waitq_sleep(&p->child_exit, only_thread, p, 0, false);
leader:
    t->tid = p->pid;
}

void do_exit_group(int status) {
    struct process *p = current->proc;
    u64 f = spin_lock_irqsave(&tree_lock);
    if (!p->exiting) { p->exiting = true; p->exit_code = status; }
    /* Every other thread exits on its way back to user space; wake the sleepers. */
    for (struct task *t = p->threads; t; t = t->thread_next)
        if (t != current) { t->sigpending |= 1UL << (9 - 1); wake_task(t); }
    spin_unlock_irqrestore(&tree_lock, f);
    do_exit(p->exit_code);
}

/* Reads a NUL-separated list file (lv.argv / lv.envp) into exec args. */
static int add_list_file(struct exec_args *a, const char *path, bool is_env) {
    struct file *f = file_open_kernel(path, O_RDONLY, 0);
    if (IS_ERR(f)) return (int)PTR_ERR(f);
    size_t size = f->inode->size;
    char *buf = kmalloc(size + 1);
    int r = -ENOMEM;
    if (buf) {
        ssize_t n = kernel_read(f, buf, size, 0);
        r = n < 0 ? (int)n : 0;
        if (n >= 0) {
            buf[n] = 0;
            for (size_t i = 0; i < (size_t)n && !r;) {
                r = exec_args_add(a, buf + i, is_env);
                i += strlen(buf + i) + 1;
            }
        }
        kfree(buf);
    }
    file_put(f);
    return r;
}

static int open_std(const char *path, int flags, int want_fd) {
    struct file *f = file_open_kernel(path, flags, 0);
    if (IS_ERR(f)) return (int)PTR_ERR(f);
    int fd = fd_install(current->files, f, 0);
    if (fd != want_fd) { printk("levitate: init fd %d is %d\n", want_fd, fd); }
    return fd < 0 ? fd : 0;
}

static bool exists(const char *path) {
    struct file *f = file_open_kernel(path, O_RDONLY, 0);
    if (IS_ERR(f)) return false;
    file_put(f);
    return true;
}

/* Body of PID 1 before it first enters user space. */
static void init_main(void) {
    struct exec_args a = { 0 };
    char path[256];
    const char *cmd = bootargs.init ? bootargs.init : "/bin/sh";
    int r = 0;
    if (bootargs.argv_file) {
        r = add_list_file(&a, bootargs.argv_file, false);
        if (!r && a.argc > 0) cmd = a.strs;
    } else {
        r = exec_args_add(&a, cmd, false);
        for (int i = 0; i < bootargs.init_argc && !r; i++) r = exec_args_add(&a, bootargs.init_argv[i], false);
    }
    if (!r && bootargs.envp_file) r = add_list_file(&a, bootargs.envp_file, true);
    else if (!r) {
        r = exec_args_add(&a, "HOME=/", true);
        if (!r) r = exec_args_add(&a, "TERM=linux", true);
        for (int i = 0; i < bootargs.init_envc && !r; i++) r = exec_args_add(&a, bootargs.init_envp[i], true);
    }
    if (r) panic("cannot build init's arguments: %d", r);
    /* Look the command up like the runner promises: /bin then /usr/bin unless it has a slash. */
    if (!strchr(cmd, '/')) {
        snprintf(path, sizeof path, "/bin/%s", cmd);
        if (!exists(path)) snprintf(path, sizeof path, "/usr/bin/%s", cmd);
    } else strlcpy(path, cmd, sizeof path);

    if (bootargs.stdin_path) r = open_std(bootargs.stdin_path, O_RDONLY, 0);
    else r = open_std("/dev/console", O_RDWR, 0);
    if (r) printk("levitate: cannot open init's stdin: %d\n", r);
    const char *out = bootargs.stdout_uart ? "/dev/ttyraw" : "/dev/console";
    open_std(out, O_WRONLY, 1);
    open_std(out, O_WRONLY, 2);

    r = do_execve(path, &a);
    exec_args_free(&a);
    if (r) {
        printk("levitate: cannot run init %s: error %d\n", path, -r);
        system_halt(127 << 8);
    }
}

void start_init(void) {
    struct task *t = task_alloc();
    struct process *p = process_alloc(NULL);
    BUG_ON(!t || !p);
    p->pid = p->pgid = p->sid = pid_alloc();
    t->tid = p->pid;
    process_attach(p, t, true);                  /* no parent: joins all_procs only */
    t->files = files_new();
    t->fs = fs_new_root();
    t->sighand = sighand_new();
    BUG_ON(!t->files || !t->fs || !t->sighand);
    strlcpy(t->comm, "init", TASK_COMM_LEN);
    extern void ret_from_kthread(void);
    t->ctx.x19 = (u64)init_main;
    t->ctx.lr = (u64)ret_from_kthread;
    t->ctx.sp = (u64)t->tf;
    the_init = t;
    sched_add(t);
}
