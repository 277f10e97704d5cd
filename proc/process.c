/* Tasks and processes: allocation, PIDs, exit, and starting init. */
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/exec.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "fs/vfs.h"
#include "arch/arm64/trap.h"
#include "arch/arm64/cpu.h"
#include "arch/arm64/semihost.h"
#include "init/bootargs.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

static spinlock_t pid_lock = SPINLOCK_INIT;
static pid_t next_pid = 1;
static struct task *the_init;

pid_t pid_alloc(void) {
    u64 f = spin_lock_irqsave(&pid_lock);
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

static NORETURN void system_halt(int status) {
    if (bootargs.exit_semihost) {
        int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
        printk("levitate: init exited with status %d\n", code);
        semihost_exit(code);
    }
    printk("levitate: init exited (wait status %#x); powering off\n", status);
    cpu_poweroff();
}

void do_exit(int status) {
    struct task *t = current;
    struct process *p = t->proc;
    if (t->clear_child_tid) {                       /* CLONE_CHILD_CLEARTID: futex wake comes later */
        u32 z = 0;
        extern int copy_to_user(uaddr_t, const void *, size_t);
        copy_to_user(t->clear_child_tid, &z, 4);
    }
    if (t->files) { files_put(t->files); t->files = NULL; }
    if (t->fs) { fs_put(t->fs); t->fs = NULL; }
    if (t->sighand) { sighand_put(t->sighand); t->sighand = NULL; }
    if (--p->nr_threads == 0 && !p->exiting) p->exit_code = status;
    if (p->nr_threads == 0) {
        if (p->pid == 1) system_halt(p->exit_code);
        /* Process gone: it becomes a zombie for its parent to reap (wait4 comes with fork). */
        wake_up_all(&p->child_exit);
        if (p->parent) wake_up_all(&p->parent->child_exit);
    }
    irq_disable();
    t->state = TASK_ZOMBIE;
    schedule();
    panic("zombie task %d ran again", t->tid);
}

void do_exit_group(int status) {
    struct process *p = current->proc;
    if (!p->exiting) { p->exiting = true; p->exit_code = status; }
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
    p->nr_threads = 1;
    t->tid = p->pid;
    t->proc = p;
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
