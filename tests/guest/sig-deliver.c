/* Signal generation and delivery: kill/tkill/tgkill and their errors (ESRCH, EINVAL, EPERM),
 * siginfo for SA_SIGINFO handlers (kill, tgkill, SIGCHLD, faults), SA_RESTART vs EINTR,
 * SA_NODEFER, SA_RESETHAND, sa_mask, sigprocmask (blocking, pending, delivery on unblock, blocked
 * signals that are ignored), rt_sigsuspend, signals to threads, default actions (terminate, ignore,
 * SIGSEGV forced when blocked or ignored), rt_sigaction/rt_sigprocmask errors. Exit 0 = pass.
 *
 * `sig-deliver --segv | --abort | --term | --quit` die the way their name says (for the sh tests). */
#include "lv.h"
#include <pthread.h>
#include <poll.h>
#include <sys/mman.h>
#include <fcntl.h>

static volatile sig_atomic_t hits, depth, max_depth;
static int *volatile null_ptr = (int *)16;
static siginfo_t last_si;
static volatile long handler_tid;
static void *last_uc;

static void on_info(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    last_si = *si;
    last_uc = uc;
    handler_tid = syscall(SYS_gettid);
    hits++;
}

static void on_plain(int sig)
{
    (void)sig;
    hits++;
}

static void set_handler(int sig, void (*h)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | flags;
    CHECK(sigaction(sig, &sa, NULL) == 0, "sigaction(%d)", sig);
}

static void set_plain(int sig, void (*h)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = flags;
    CHECK(sigaction(sig, &sa, NULL) == 0, "sigaction(%d)", sig);
}

static long dead_pid(void)
{
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    reap(pid);
    return pid;
}

/* ---- kill / tkill / tgkill errors ----------------------------------------------------------- */

static void eperm_body(void)
{
    /* a non-root process may not signal root's processes, but may signal its own */
    long parent = syscall(SYS_getppid);
    EQ(syscall(SYS_setresuid, 65534, 65534, 65534), 0);
    FAILS(kill(parent, 0), EPERM);
    FAILS(kill(parent, SIGWINCH), EPERM);
    FAILS(syscall(SYS_tkill, parent, 0), EPERM);
    FAILS(syscall(SYS_tgkill, parent, parent, SIGWINCH), EPERM);
    EQ(kill(syscall(SYS_getpid), 0), 0);
    EQ(syscall(SYS_tgkill, syscall(SYS_getpid), syscall(SYS_gettid), 0), 0);
    /* its own child of the same uid is fine */
    long c = lv_fork();
    if (c == 0) {
        for (;;)
            pause();
    }
    EQ(kill(c, SIGKILL), 0);
    int st = reap(c);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x", st);
}

static void sec_errors(void)
{
    long me = syscall(SYS_getpid), tid = syscall(SYS_gettid);
    long dead = dead_pid();
    FAILS(kill(me, 65), EINVAL);
    FAILS(kill(me, -1), EINVAL);
    FAILS(kill(dead, 0), ESRCH);
    FAILS(kill(dead, SIGKILL), ESRCH);
    FAILS(kill(-dead, 0), ESRCH);               /* no such process group */
    EQ(kill(me, 0), 0);
    FAILS(syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
    FAILS(syscall(SYS_tkill, -1, SIGUSR1), EINVAL);
    FAILS(syscall(SYS_tkill, tid, 65), EINVAL);
    FAILS(syscall(SYS_tkill, dead, 0), ESRCH);
    EQ(syscall(SYS_tkill, tid, 0), 0);
    FAILS(syscall(SYS_tgkill, 0, tid, 0), EINVAL);
    FAILS(syscall(SYS_tgkill, me, 0, 0), EINVAL);
    FAILS(syscall(SYS_tgkill, me, -5, 0), EINVAL);
    FAILS(syscall(SYS_tgkill, me, tid, 65), EINVAL);
    FAILS(syscall(SYS_tgkill, dead, tid, 0), ESRCH);  /* our tid, wrong group */
    FAILS(syscall(SYS_tgkill, me, dead, 0), ESRCH);
    EQ(syscall(SYS_tgkill, me, tid, 0), 0);
}

static void sec_errors_perm(void)
{
    FAILS(kill(dead_pid(), 65), ESRCH);         /* the process is looked up before the signal */
    checked_in_child(eperm_body, "EPERM for a non-root sender");
}

/* ---- siginfo -------------------------------------------------------------------------------- */

static void sec_siginfo(void)
{
    long me = syscall(SYS_getpid);
    set_handler(SIGUSR1, on_info, 0);
    hits = 0;
    EQ(kill(me, SIGUSR1), 0);
    EQ(hits, 1);
    EQ(last_si.si_signo, SIGUSR1);
    EQ(last_si.si_errno, 0);
    EQ(last_si.si_code, SI_USER);
    EQ(last_si.si_pid, me);
    EQ(last_si.si_uid, getuid());
    CHECK(last_uc != NULL, "no ucontext");
    EQ(syscall(SYS_tgkill, me, syscall(SYS_gettid), SIGUSR1), 0);
    EQ(hits, 2);
    EQ(last_si.si_code, SI_TKILL);
    EQ(last_si.si_pid, me);
    EQ(syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1), 0);
    EQ(hits, 3);
    EQ(last_si.si_code, SI_TKILL);
    /* from another process: si_pid is the sender */
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, &old);
    long pid = lv_fork();
    if (pid == 0) {
        kill(syscall(SYS_getppid), SIGUSR1);
        syscall(SYS_exit_group, 0);
    }
    reap(pid);
    sigprocmask(SIG_SETMASK, &old, NULL);
    EQ(hits, 4);
    EQ(last_si.si_pid, pid);
    EQ(last_si.si_code, SI_USER);

    /* SIGCHLD: CLD_EXITED / CLD_KILLED with si_pid, si_uid, si_status */
    set_handler(SIGCHLD, on_info, 0);
    sigemptyset(&m);
    sigaddset(&m, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m, &old);
    hits = 0;
    pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, 3);
    siginfo_t wi;
    EQ(syscall(SYS_waitid, P_PID, pid, &wi, WEXITED | WNOWAIT, NULL), 0);   /* it is a zombie now */
    sigprocmask(SIG_SETMASK, &old, NULL);
    EQ(hits, 1);
    EQ(last_si.si_signo, SIGCHLD);
    EQ(last_si.si_code, CLD_EXITED);
    EQ(last_si.si_pid, pid);
    EQ(last_si.si_uid, getuid());
    EQ(last_si.si_status, 3);
    reap(pid);
    sigprocmask(SIG_BLOCK, &m, &old);
    pid = lv_fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    kill(pid, SIGKILL);
    EQ(syscall(SYS_waitid, P_PID, pid, &wi, WEXITED | WNOWAIT, NULL), 0);
    sigprocmask(SIG_SETMASK, &old, NULL);
    EQ(hits, 2);
    EQ(last_si.si_code, CLD_KILLED);
    EQ(last_si.si_pid, pid);
    EQ(last_si.si_status, SIGKILL);
    reap(pid);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
}

/* ---- faults: SIGSEGV/SIGILL/SIGTRAP with their si_code and si_addr ------------------------- */

static char *fault_page;
static void on_segv_fix(int sig, siginfo_t *si, void *uc)
{
    on_info(sig, si, uc);
    /* make the page accessible: the faulting instruction runs again and succeeds */
    mprotect(fault_page, 4096, PROT_READ | PROT_WRITE);
}

static void on_skip_insn(int sig, siginfo_t *si, void *ucv)
{
    on_info(sig, si, ucv);
    ucontext_t *uc = ucv;
    uc->uc_mcontext.pc += 4;     /* step over the faulting instruction */
}

static void sec_faults(void)
{
    set_handler(SIGSEGV, on_segv_fix, 0);
    fault_page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    hits = 0;
    volatile char *p = fault_page + 123;
    *p = 7;                                           /* PROT_NONE: SEGV_ACCERR, then retried */
    EQ(hits, 1);
    EQ(*p, 7);
    EQ(last_si.si_signo, SIGSEGV);
    EQ(last_si.si_code, SEGV_ACCERR);
    EQ((long)last_si.si_addr, (long)(fault_page + 123));
    /* write to a read-only page */
    mprotect(fault_page, 4096, PROT_READ);
    p[1] = 8;
    EQ(hits, 2);
    EQ(p[1], 8);
    EQ(last_si.si_code, SEGV_ACCERR);
    EQ((long)last_si.si_addr, (long)(fault_page + 124));
    /* an unmapped address: SEGV_MAPERR; the handler maps it again */
    munmap(fault_page, 4096);
    char *again = mmap(fault_page, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    EQ((long)again, (long)fault_page);
    munmap(fault_page, 4096);
    set_handler(SIGSEGV, on_skip_insn, 0);
    volatile int *q = (int *)(fault_page + 8);
    int v = 0;
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(q) : "memory");
    EQ(hits, 3);
    EQ(last_si.si_code, SEGV_MAPERR);
    EQ((long)last_si.si_addr, (long)(fault_page + 8));
    /* a kernel address from user mode */
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(0xffff000000001000UL) : "memory");
    EQ(hits, 4);
    EQ(last_si.si_signo, SIGSEGV);
    signal(SIGSEGV, SIG_DFL);
    (void)v;
}

static void sec_faults_ill(void)
{
    /* an undefined instruction: SIGILL, ILL_ILLOPC, at its address */
    set_handler(SIGILL, on_skip_insn, 0);
    hits = 0;
    void *pc;
    __asm__ volatile("adr %0, 1f\n1: udf #0" : "=r"(pc));
    EQ(hits, 1);
    EQ(last_si.si_signo, SIGILL);
    EQ((long)last_si.si_addr, (long)pc);
    STRICT(last_si.si_code == ILL_ILLOPC, "qemu-user reports ILL_ILLOPN", "SIGILL si_code %d", last_si.si_code);
    /* brk: SIGTRAP, TRAP_BRKPT */
    set_handler(SIGTRAP, on_skip_insn, 0);
    __asm__ volatile("adr %0, 1f\n1: brk #0x123" : "=r"(pc));
    EQ(hits, 2);
    EQ(last_si.si_signo, SIGTRAP);
    EQ((long)last_si.si_addr, (long)pc);
    STRICT(last_si.si_code == TRAP_BRKPT, "qemu-user reports si_code 0", "SIGTRAP si_code %d", last_si.si_code);
    signal(SIGILL, SIG_DFL);
    signal(SIGTRAP, SIG_DFL);
}

/* ---- faults on several CPUs at once: each fault's siginfo is its own ----------------------- */

static __thread void *volatile my_fault_addr;
static __thread volatile int my_fault_code;
static void on_fault_record(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    my_fault_addr = si->si_addr;
    my_fault_code = si->si_code;
    ((ucontext_t *)ucv)->uc_mcontext.pc += 4;
}

#define FAULT_ROUNDS 3000
static int fault_loop(char *page)
{
    int bad = 0;
    for (int i = 0; i < FAULT_ROUNDS; i++) {
        char *a = page + (i * 8) % 4096;
        my_fault_addr = NULL;
        my_fault_code = 0;
        int v;
        __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(a) : "memory");
        (void)v;
        if (my_fault_addr != a || my_fault_code != SEGV_ACCERR)
            bad++;
    }
    return bad;
}

static void *fault_thread(void *arg)
{
    return (void *)(long)fault_loop(arg);
}

static void sec_faults_smp(void)
{
    set_handler(SIGSEGV, on_fault_record, 0);
    char *pages = mmap(NULL, 4 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* another process faulting at the same time, and a third sending it plain SIGSEGVs by kill */
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, fault_loop(pages + 3 * 4096) ? 1 : 0);
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, fault_thread, pages + i * 4096);
    int bad = fault_loop(pages + 2 * 4096);
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (int)(long)r;
    }
    CHECK(bad == 0, "%d of %d faults had another fault's si_addr/si_code", bad, 3 * FAULT_ROUNDS);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "faults in a concurrent process: status %#x", st);
    munmap(pages, 4 * 4096);
    signal(SIGSEGV, SIG_DFL);
}

/* ---- SA_RESTART vs EINTR ------------------------------------------------------------------- */

static volatile int in_call;
static volatile int early;
static void on_usr1_mark(int sig)
{
    (void)sig;
    if (!in_call)
        early = 1;
    hits++;
}

/* A child that signals us after 100 ms and writes a byte 150 ms later. */
static long poker(int wfd, int sig)
{
    long parent = syscall(SYS_getpid);
    long pid = lv_fork();
    if (pid == 0) {
        usleep(100000);
        kill(parent, sig);
        usleep(150000);
        write(wfd, "x", 1);
        syscall(SYS_exit_group, 0);
    }
    return pid;
}

static void sec_restart(void)
{
    for (int restart = 0; restart < 2; restart++) {
        for (int attempt = 0; attempt < 5; attempt++) {
            set_plain(SIGUSR1, on_usr1_mark, restart ? SA_RESTART : 0);
            int p[2];
            EQ(pipe2(p, 0), 0);
            hits = 0;
            early = 0;
            long pid = poker(p[1], SIGUSR1);
            char c = 0;
            in_call = 1;
            long r = read(p[0], &c, 1);
            int e = errno;
            in_call = 0;
            if (!early) {
                EQ(hits, 1);
                if (restart)
                    CHECK(r == 1 && c == 'x', "SA_RESTART read: %ld errno %d", r, e);
                else
                    CHECK(r == -1 && e == EINTR, "read without SA_RESTART: %ld errno %d, expected EINTR", r, e);
            }
            reap(pid);
            close(p[0]);
            close(p[1]);
            if (!early)
                break;
        }
    }
    /* nanosleep returns EINTR with the remaining time even with SA_RESTART */
    set_plain(SIGUSR1, on_usr1_mark, SA_RESTART);
    int p[2];
    EQ(pipe2(p, 0), 0);
    long pid = poker(p[1], SIGUSR1);
    struct timespec req = {2, 0}, rem = {0, 0};
    hits = 0;
    in_call = 1;
    long r = syscall(SYS_nanosleep, &req, &rem);
    int e = errno;
    in_call = 0;
    CHECK(r == -1 && e == EINTR, "nanosleep: %ld errno %d, expected EINTR", r, e);
    CHECK(rem.tv_sec >= 1 && rem.tv_sec <= 2 && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000,
          "remaining time %ld.%09ld", (long)rem.tv_sec, (long)rem.tv_nsec);
    EQ(hits, 1);
    reap(pid);
    char c;
    EQ(read(p[0], &c, 1), 1);                 /* the poker's byte */
    /* ppoll: EINTR even with SA_RESTART */
    pid = poker(p[1], SIGUSR1);
    struct pollfd pfd = {p[0], POLLIN, 0};
    in_call = 1;
    r = syscall(SYS_ppoll, &pfd, 1, NULL, NULL, 8);
    e = errno;
    in_call = 0;
    CHECK(r == -1 && e == EINTR, "ppoll: %ld errno %d, expected EINTR", r, e);
    reap(pid);
    EQ(read(p[0], &c, 1), 1);
    /* wait4 is restarted with SA_RESTART: it returns the child, not EINTR */
    pid = poker(p[1], SIGUSR1);
    int st;
    r = syscall(SYS_wait4, pid, &st, 0, NULL);
    EQ(r, pid);
    close(p[0]);
    close(p[1]);
    signal(SIGUSR1, SIG_DFL);
}

/* ---- SA_NODEFER, SA_RESETHAND, sa_mask ----------------------------------------------------- */

static sigset_t mask_in_handler;
static void on_nested(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    sigprocmask(SIG_SETMASK, NULL, &mask_in_handler);
    if (hits++ == 0)
        kill(syscall(SYS_getpid), sig);     /* again, from inside the handler */
    depth--;
}

static void sec_flags(void)
{
    long me = syscall(SYS_getpid);
    /* default: the signal is blocked in its handler; the second one runs after the first returns */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_nested;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaddset(&sa.sa_mask, SIGKILL);             /* silently ignored */
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    hits = depth = max_depth = 0;
    EQ(kill(me, SIGUSR1), 0);
    EQ(hits, 2);
    EQ(max_depth, 1);
    CHECK(sigismember(&mask_in_handler, SIGUSR1), "SIGUSR1 not blocked in its handler");
    CHECK(sigismember(&mask_in_handler, SIGUSR2), "sa_mask (SIGUSR2) not blocked in the handler");
    STRICT(!sigismember(&mask_in_handler, SIGKILL), "qemu-user keeps SIGKILL in the emulated mask",
           "SIGKILL blocked in the handler");
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    CHECK(!sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2), "mask not restored after the handler");
    /* SA_NODEFER: the nested one runs at once, inside */
    sa.sa_flags = SA_NODEFER;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    hits = depth = max_depth = 0;
    EQ(kill(me, SIGUSR1), 0);
    EQ(hits, 2);
    EQ(max_depth, 2);
    CHECK(!sigismember(&mask_in_handler, SIGUSR1), "SIGUSR1 blocked in its SA_NODEFER handler");
    CHECK(sigismember(&mask_in_handler, SIGUSR2), "sa_mask not applied with SA_NODEFER");
    /* SA_RESETHAND: one delivery, then SIG_DFL */
    sa.sa_handler = on_plain;
    sa.sa_flags = SA_RESETHAND;
    EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    hits = 0;
    EQ(kill(me, SIGUSR2), 0);
    EQ(hits, 1);
    struct sigaction cur;
    EQ(sigaction(SIGUSR2, NULL, &cur), 0);
    CHECK(cur.sa_handler == SIG_DFL, "SA_RESETHAND: handler still installed");
    /* ... so a second SIGUSR2 kills (checked in a child) */
    long pid = lv_fork();
    if (pid == 0) {
        struct sigaction s2;
        memset(&s2, 0, sizeof s2);
        s2.sa_handler = on_plain;
        s2.sa_flags = SA_RESETHAND;
        sigaction(SIGUSR2, &s2, NULL);
        raise(SIGUSR2);
        raise(SIGUSR2);
        syscall(SYS_exit_group, 0);
    }
    int st = reap(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2, "second SIGUSR2 after SA_RESETHAND: %#x", st);
    /* sigaction reports back what was set: flags and mask */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_plain;
    sa.sa_flags = SA_RESTART | SA_NODEFER;
    sigaddset(&sa.sa_mask, SIGHUP);
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    memset(&cur, 0, sizeof cur);
    EQ(sigaction(SIGUSR1, NULL, &cur), 0);
    CHECK(cur.sa_handler == on_plain, "handler not reported back");
    CHECK((cur.sa_flags & (SA_RESTART | SA_NODEFER)) == (SA_RESTART | SA_NODEFER), "flags %#x", cur.sa_flags);
    CHECK(sigismember(&cur.sa_mask, SIGHUP), "sa_mask not reported back");
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

/* ---- masks, pending, sigsuspend ------------------------------------------------------------- */

static void sec_mask(void)
{
    long me = syscall(SYS_getpid);
    set_plain(SIGUSR1, on_plain, 0);
    sigset_t m, old, pend;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    EQ(sigprocmask(SIG_BLOCK, &m, &old), 0);
    hits = 0;
    EQ(kill(me, SIGUSR1), 0);
    EQ(kill(me, SIGUSR1), 0);                 /* standard signals do not queue */
    EQ(hits, 0);
    EQ(sigpending(&pend), 0);
    CHECK(sigismember(&pend, SIGUSR1), "blocked SIGUSR1 not pending");
    /* a forked child starts with no pending signals but the same mask */
    long pid = lv_fork();
    if (pid == 0) {
        sigset_t cp, cm;
        sigpending(&cp);
        sigprocmask(SIG_SETMASK, NULL, &cm);
        syscall(SYS_exit_group, (sigismember(&cp, SIGUSR1) ? 1 : 0) | (sigismember(&cm, SIGUSR1) ? 0 : 2));
    }
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork: %#x (1: pending inherited, 2: mask lost)", st);
    EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
    EQ(hits, 1);                              /* delivered once, before sigprocmask returned */
    EQ(sigpending(&pend), 0);
    CHECK(!sigismember(&pend, SIGUSR1), "SIGUSR1 still pending");

    /* SIGKILL and SIGSTOP cannot be blocked */
    sigset_t all, got;
    sigfillset(&all);
    EQ(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8), 0);
    EQ(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, &got, 8), 0);
    CHECK(!sigismember(&got, SIGKILL) && !sigismember(&got, SIGSTOP), "SIGKILL/SIGSTOP in the mask");
    CHECK(sigismember(&got, SIGUSR1) && sigismember(&got, SIGRTMIN + 2), "mask lost bits");
    FAILS(syscall(SYS_rt_sigprocmask, 3, &all, NULL, 8), EINVAL);
    FAILS(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 4), EINVAL);
    FAILS(syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8), EFAULT);
    EQ(syscall(SYS_rt_sigprocmask, 3, NULL, &got, 8), 0);          /* how ignored without a set */

    /* rt_sigaction errors */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_plain;
    FAILS(sigaction(SIGKILL, &sa, NULL), EINVAL);
    FAILS(sigaction(SIGSTOP, &sa, NULL), EINVAL);
    sa.sa_handler = SIG_IGN;
    FAILS(sigaction(SIGKILL, &sa, NULL), EINVAL);
    EQ(sigaction(SIGKILL, NULL, &sa), 0);                          /* querying is fine */
    FAILS(syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
    FAILS(syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
    FAILS(syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4), EINVAL);
    FAILS(syscall(SYS_rt_sigaction, SIGUSR1, (void *)8, NULL, 8), EFAULT);

    signal(SIGUSR1, SIG_DFL);
}

static void sec_mask_ignored(void)
{
    long me = syscall(SYS_getpid);
    sigset_t m, pend;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    /* a blocked signal is never discarded as ignored: it stays pending, and is delivered if a
     * handler is installed before unblocking */
    signal(SIGUSR1, SIG_IGN);
    EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
    EQ(kill(me, SIGUSR1), 0);
    EQ(sigpending(&pend), 0);
    CHECK(sigismember(&pend, SIGUSR1), "blocked but ignored SIGUSR1 not pending");
    set_plain(SIGUSR1, on_plain, 0);
    hits = 0;
    EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
    EQ(hits, 1);
    /* ... but setting SIG_IGN discards a pending one */
    EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
    EQ(kill(me, SIGUSR1), 0);
    signal(SIGUSR1, SIG_IGN);
    EQ(sigpending(&pend), 0);
    CHECK(!sigismember(&pend, SIGUSR1), "SIG_IGN did not discard the pending SIGUSR1");
    EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
    /* default-ignored (SIGWINCH) while blocked: pending too */
    sigemptyset(&m);
    sigaddset(&m, SIGWINCH);
    signal(SIGWINCH, SIG_DFL);
    EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
    EQ(kill(me, SIGWINCH), 0);
    EQ(sigpending(&pend), 0);
    CHECK(sigismember(&pend, SIGWINCH), "blocked SIGWINCH (default ignore) not pending");
    EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
    EQ(sigpending(&pend), 0);
    CHECK(!sigismember(&pend, SIGWINCH), "SIGWINCH still pending");
    signal(SIGUSR1, SIG_DFL);
}

static void sec_mask_two(void)
{
    long me = syscall(SYS_getpid);
    sigset_t m;
    /* two different blocked signals: both delivered on unblock */
    set_plain(SIGUSR1, on_plain, 0);
    set_plain(SIGUSR2, on_plain, 0);
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigaddset(&m, SIGUSR2);
    EQ(sigprocmask(SIG_BLOCK, &m, NULL), 0);
    hits = 0;
    kill(me, SIGUSR2);
    kill(me, SIGUSR1);
    EQ(sigprocmask(SIG_UNBLOCK, &m, NULL), 0);
    EQ(hits, 2);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

static void sec_suspend(void)
{
    set_plain(SIGUSR1, on_plain, 0);
    sigset_t m, old, empty, now;
    sigemptyset(&m);
    sigemptyset(&empty);
    sigaddset(&m, SIGUSR1);
    EQ(sigprocmask(SIG_BLOCK, &m, &old), 0);
    int p[2];
    EQ(pipe2(p, 0), 0);
    hits = 0;
    long pid = poker(p[1], SIGUSR1);
    long r = syscall(SYS_rt_sigsuspend, &empty, 8);   /* sleeps until the signal's handler ran */
    int e = errno;
    CHECK(r == -1 && e == EINTR, "rt_sigsuspend: %ld errno %d", r, e);
    EQ(hits, 1);
    sigprocmask(SIG_SETMASK, NULL, &now);
    CHECK(sigismember(&now, SIGUSR1), "rt_sigsuspend did not restore the mask");
    reap(pid);
    /* already pending: returns at once */
    kill(syscall(SYS_getpid), SIGUSR1);
    EQ(hits, 1);
    r = syscall(SYS_rt_sigsuspend, &empty, 8);
    CHECK(r == -1 && errno == EINTR, "rt_sigsuspend with a pending signal: %ld", r);
    EQ(hits, 2);
    /* a signal still blocked by the suspend mask does not wake it; an unblocked one does */
    sigset_t only_usr1 = m;
    pid = lv_fork();
    if (pid == 0) {
        long pp = syscall(SYS_getppid);
        usleep(50000);
        kill(pp, SIGUSR1);            /* blocked during the suspend: stays pending */
        usleep(100000);
        kill(pp, SIGUSR2);
        syscall(SYS_exit_group, 0);
    }
    set_plain(SIGUSR2, on_plain, 0);
    hits = 0;
    r = syscall(SYS_rt_sigsuspend, &only_usr1, 8);
    CHECK(r == -1 && errno == EINTR, "rt_sigsuspend: %ld", r);
    EQ(hits, 1);                      /* SIGUSR2 only */
    sigpending(&now);
    CHECK(sigismember(&now, SIGUSR1), "SIGUSR1 not pending after the suspend");
    reap(pid);
    FAILS(syscall(SYS_rt_sigsuspend, &empty, 4), EINVAL);
    FAILS(syscall(SYS_rt_sigsuspend, (void *)8, 8), EFAULT);
    EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    EQ(hits, 2);                      /* the pending SIGUSR1 on unblock */
    close(p[0]);
    close(p[1]);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

/* ---- signals and threads -------------------------------------------------------------------- */

static volatile long worker_tid;
static volatile int worker_stop;
static void *worker(void *arg)
{
    (void)arg;
    worker_tid = syscall(SYS_gettid);
    while (!worker_stop)
        usleep(1000);
    return NULL;
}

static void *blocking_worker(void *arg)
{
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &m, NULL);
    return worker(arg);
}

static void sec_threads(void)
{
    long me = syscall(SYS_getpid);
    set_handler(SIGUSR1, on_info, 0);
    pthread_t th;
    worker_tid = 0;
    worker_stop = 0;
    EQ(pthread_create(&th, NULL, worker, NULL), 0);
    while (!worker_tid)
        usleep(1000);
    /* tgkill to the thread: its handler runs in that thread */
    hits = 0;
    EQ(syscall(SYS_tgkill, me, worker_tid, SIGUSR1), 0);
    for (int i = 0; i < 2000 && !hits; i++)
        usleep(1000);
    EQ(hits, 1);
    EQ(handler_tid, worker_tid);
    /* process-directed, blocked in main: the thread takes it */
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &m, &old);
    hits = 0;
    EQ(kill(me, SIGUSR1), 0);
    for (int i = 0; i < 2000 && !hits; i++)
        usleep(1000);
    EQ(hits, 1);
    EQ(handler_tid, worker_tid);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    worker_stop = 1;
    pthread_join(th, NULL);

    /* the thread blocks it, main does not: main takes it, even when tgkill'ed at the thread's
     * group; a tgkill to the blocking thread stays pending for that thread only */
    worker_tid = 0;
    worker_stop = 0;
    EQ(pthread_create(&th, NULL, blocking_worker, NULL), 0);
    while (!worker_tid)
        usleep(1000);
    usleep(10000);
    hits = 0;
    EQ(kill(me, SIGUSR1), 0);
    for (int i = 0; i < 2000 && !hits; i++)
        usleep(1000);
    EQ(hits, 1);
    EQ(handler_tid, me);
    hits = 0;
    EQ(syscall(SYS_tgkill, me, worker_tid, SIGUSR1), 0);
    usleep(50000);
    EQ(hits, 0);
    sigset_t pend;
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1), "a signal pending for another thread shows in main's sigpending");
    worker_stop = 1;
    pthread_join(th, NULL);
    signal(SIGUSR1, SIG_DFL);
}

/* ---- default actions ------------------------------------------------------------------------ */

static int die_by(int how)
{
    long pid = lv_fork();
    if (pid == 0) {
        switch (how) {
        case 0: kill(syscall(SYS_getpid), SIGTERM); break;
        case 1: *(volatile int *)null_ptr = 1; break;
        case 2: abort();
        case 3: { /* SIGSEGV while blocked: forced, default action */
            sigset_t m;
            sigemptyset(&m);
            sigaddset(&m, SIGSEGV);
            set_plain(SIGSEGV, on_plain, 0);
            sigprocmask(SIG_BLOCK, &m, NULL);
            *(volatile int *)null_ptr = 1;
            break;
        }
        case 4: /* SIGSEGV while ignored: forced too */
            signal(SIGSEGV, SIG_IGN);
            *(volatile int *)null_ptr = 1;
            break;
        case 5: /* default-ignored signals do nothing */
            kill(syscall(SYS_getpid), SIGCHLD);
            kill(syscall(SYS_getpid), SIGWINCH);
            kill(syscall(SYS_getpid), SIGURG);
            syscall(SYS_exit_group, 4);
            break;
        case 6: kill(syscall(SYS_getpid), SIGQUIT); break;
        case 7: { /* SIGKILL cannot be caught or blocked */
            sigset_t all;
            sigfillset(&all);
            sigprocmask(SIG_BLOCK, &all, NULL);
            kill(syscall(SYS_getpid), SIGKILL);
            break;
        }
        case 8: { /* a blocked SIGTERM kills when unblocked */
            sigset_t m;
            sigemptyset(&m);
            sigaddset(&m, SIGTERM);
            sigprocmask(SIG_BLOCK, &m, NULL);
            kill(syscall(SYS_getpid), SIGTERM);
            write(1, "", 0);
            sigprocmask(SIG_UNBLOCK, &m, NULL);
            break;
        }
        }
        for (;;)
            syscall(SYS_exit_group, 99);
    }
    return reap(pid);
}

static void sec_default(void)
{
    int want[] = {SIGTERM, SIGSEGV, SIGABRT, SIGSEGV, SIGSEGV, -4, SIGQUIT, SIGKILL, SIGTERM};
    for (int i = 0; i < 9; i++) {
        int st = die_by(i);
        if (want[i] < 0)
            CHECK(WIFEXITED(st) && WEXITSTATUS(st) == -want[i], "case %d: status %#x", i, st);
        else
            CHECK(WIFSIGNALED(st) && WTERMSIG(st) == want[i] && !WCOREDUMP(st),
                  "case %d: status %#x, expected killed by %d", i, st, want[i]);
    }
}

static const struct section sections[] = {
    {"errors", sec_errors},   {"errors_perm", sec_errors_perm}, {"siginfo", sec_siginfo},
    {"faults", sec_faults},   {"faults_ill", sec_faults_ill}, {"mask_ignored", sec_mask_ignored},
    {"mask_two", sec_mask_two}, {"faults_smp", sec_faults_smp},
    {"restart", sec_restart}, {"flags", sec_flags},     {"mask", sec_mask},
    {"suspend", sec_suspend}, {"threads", sec_threads}, {"default", sec_default},
};

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--segv") == 0)
        *(volatile int *)null_ptr = 1;
    if (argc == 2 && strcmp(argv[1], "--abort") == 0)
        abort();
    if (argc == 2 && strcmp(argv[1], "--term") == 0)
        kill(getpid(), SIGTERM);
    if (argc == 2 && strcmp(argv[1], "--quit") == 0)
        kill(getpid(), SIGQUIT);
    if (argc == 2 && argv[1][0] == '-' && argv[1][1] == '-')
        return 99;
    return RUN_SECTIONS("sig-deliver", sections, argc, argv);
}
