/* Tasks (threads) and the shared pieces clone() decides to share or copy.
 * Like Linux, a task points at refcounted parts: mm (address space), files (descriptor table),
 * fs (root, cwd, umask) and sighand (signal actions); threads of one process share them all. */
#pragma once
#include "lib/types.h"
#include "lib/spinlock.h"
#include "proc/wait.h"
#include "proc/ktimer.h"

struct mm;
struct files_table;   /* fs/fdtable.h */
struct fs_struct;     /* fs/fs_struct.h */
struct trap_frame;    /* arch/arm64/trap.h */
struct vfork_done { struct wait_queue wq; bool done; };
/* What a pending standard signal carries to its handler's siginfo (the first instance wins). */
struct ksiginfo { s32 code; s32 pid; u32 uid; s32 status; };

/* Callee-saved registers switched by arch/arm64/switch.S. Layout fixed: asm uses offsets. */
struct cpu_context {
    u64 x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, fp, sp, lr;
};

/* FP/SIMD state of a user thread: saved on every switch away from it (the kernel itself is built
 * -mgeneral-regs-only and never touches these registers). */
struct fpsimd_state {
    __uint128_t v[32];
    u32 fpsr, fpcr;
} __attribute__((aligned(16)));

#define CRED_MAX_GROUPS 32
struct cred {
    uid_t uid, euid, suid, fsuid;
    gid_t gid, egid, sgid, fsgid;
    u32 ngroups;                       /* supplementary groups */
    gid_t groups[CRED_MAX_GROUPS];
};

struct k_sigaction {           /* the kernel's view: Linux's struct sigaction on arm64 (32 bytes) */
    u64 handler;
    u64 flags;
    u64 restorer;
    u64 mask;
};

struct sighand {
    int refs;
    spinlock_t lock;
    struct k_sigaction action[64];
};

struct krlimit { u64 cur, max; };    /* same layout as struct rlimit64 */
#define NR_RLIMITS 16

enum task_state { TASK_RUNNABLE, TASK_SLEEPING, TASK_ZOMBIE, TASK_DEAD };

#define KSTACK_SIZE (16 * 1024)
#define TASK_COMM_LEN 16

/* The thread-group (process) part: shared by every thread of one process. */
struct process {
    pid_t pid;                    /* == tgid */
    pid_t pgid, sid;
    struct process *parent;
    int refs;
    int nr_threads;
    int exit_code;                /* wait status once all threads are gone */
    int exit_signal;              /* sent to the parent at exit (clone's low byte; SIGCHLD) */
    bool exiting;                 /* exit_group in progress */
    bool zombie;                  /* all threads gone, waiting to be reaped */
    bool did_exec;                /* setpgid on a child that exec'd: EACCES */
    struct wait_queue child_exit; /* wait4 sleeps here */
    struct process *children, *sibling;
    struct task *threads;         /* linked through task->thread_next */
    struct process *all_next;     /* every process until reaped (zombies included) */
    u64 shared_pending;           /* process-directed pending signals */
    struct ksiginfo shared_info[64];
    u64 utime_ns, start_ns;
    struct ktimer itimer_real;    /* setitimer(ITIMER_REAL): SIGALRM */
    u64 itimer_interval_ns;
    u64 itimer_other[2][2];       /* ITIMER_VIRTUAL/PROF: value, interval (never fire yet) */
    struct krlimit rlim[NR_RLIMITS];
    char exe_path[256];           /* for /proc/self/exe and AT_EXECFN */
};

struct task {
    struct cpu_context ctx;       /* must stay first: switch.S */
    struct fpsimd_state fp;
    u64 tpidr_el0;
    void *kstack;                 /* KSTACK_SIZE bytes; trap frame at its top */
    struct trap_frame *tf;        /* user registers saved on kernel entry */
    enum task_state state;
    pid_t tid;
    struct process *proc;
    struct mm *mm;
    struct files_table *files;
    struct fs_struct *fs;
    struct sighand *sighand;
    struct cred cred;
    u64 sigmask;                  /* blocked signals */
    u64 sigpending;
    struct ksiginfo pending_info[64];
    u64 saved_sigmask;            /* rt_sigsuspend: the mask to restore after the handler */
    bool restore_sigmask;
    uaddr_t altstack_sp; u64 altstack_size;  /* sigaltstack */
    u32 altstack_flags;           /* SS_AUTODISARM */
    uaddr_t clear_child_tid;      /* set_tid_address / CLONE_CHILD_CLEARTID */
    uaddr_t robust_list; u64 robust_len;
    uaddr_t rseq; u32 rseq_len, rseq_sig;  /* restartable sequences (proc/rseq.c) */
    bool rseq_preempted;
    u64 fault_esr;                /* ESR of the fault being signalled (esr_context record) */
    uaddr_t fault_addr;           /* si_addr and si_code of that fault */
    int fault_code;
    char comm[TASK_COMM_LEN];
    bool need_resched;
    bool thread_killed;           /* exec in another thread: exit on the way back to user space */
    struct task *rq_next;         /* run queue link */
    struct task *all_next;        /* all-tasks list */
    struct task *thread_next;     /* the process's threads */
    struct vfork_done *vfork;     /* CLONE_VFORK: the parent waits on this until exec or exit */
    struct wait_queue_entry *waiting; /* the wait entry this task sleeps on, if any */
    struct ktimer sleep_timer;    /* timed sleeps: wakes the task at its deadline */
};

/* Per-CPU current task, kept in TPIDR_EL1 (free in the kernel: user TLS is TPIDR_EL0). */
#ifdef HOST_TEST
extern struct task *host_current;
#define current host_current
#else
static inline struct task *get_current(void) {
    struct task *t;
    __asm__("mrs %0, tpidr_el1" : "=r"(t));
    return t;
}
#define current get_current()
#endif
