/* clone and clone3 with the flag combinations glibc, musl and Rust std use; threads made with a raw
 * clone (SETTLS, PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID and the futex wake at exit); getpid and
 * gettid in threads; exit vs exit_group in thread groups; execve from a thread; vfork; the exit
 * signal in the low byte; invalid flag combinations; clone3. Exit 0 = pass.
 *
 * qemu-user differences (FACTS.md; the checks are STRICT or accept both): clone3 is ENOSYS, vfork
 * is a fork (no shared memory, the parent is not suspended), a fork-style clone whose exit signal is
 * not SIGCHLD is EINVAL, CLONE_VM without the full thread flags is EINVAL, a fork-style clone ignores
 * CLONE_FS and writes PARENT_SETTID only in the child. */
#include "lv.h"
#include <linux/sched.h>
#include <sched.h>
#include <fcntl.h>

#define STACK_SIZE (64 * 1024)

/* ---- fork-style clones ----------------------------------------------------------------------- */

static void sec_fork(void)
{
    /* glibc's fork: CHILD_SETTID|CHILD_CLEARTID|SIGCHLD with ctid = its own tid field */
    static int ctid = 0x7777, ptid = 0x5555;
    int fds[2];
    EQ(pipe2(fds, 0), 0);
    long pid = syscall(SYS_clone, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | SIGCHLD,
                       0, &ptid, 0, &ctid);
    if (pid == 0) {
        /* the child's copy of ctid holds its tid */
        long v[3] = {ctid, syscall(SYS_gettid), syscall(SYS_getpid)};
        write(fds[1], v, sizeof v);
        syscall(SYS_exit_group, 0);
    }
    CHECK(pid > 0, "clone(CHILD_SETTID|CHILD_CLEARTID|PARENT_SETTID|SIGCHLD) = %ld errno=%d", pid, errno);
    close(fds[1]);
    long v[3] = {0, 0, 0};
    EQ(read(fds[0], v, sizeof v), sizeof v);
    close(fds[0]);
    EQ(v[0], pid);               /* CHILD_SETTID wrote the tid into the child's memory */
    EQ(v[1], pid);
    EQ(v[2], pid);               /* a new process: pid == tid */
    EQ(ctid, 0x7777);            /* not into the parent's */
    STRICT(ptid == pid, "qemu-user writes PARENT_SETTID only in the child of a fork",
           "PARENT_SETTID: ptid = %d, expected %ld", ptid, pid);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);

    /* Rust std's fork path (FACTS.md): CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD */
    pid = syscall(SYS_clone, CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0, &ctid);
    if (pid == 0)
        syscall(SYS_exit_group, ctid == syscall(SYS_gettid) ? 3 : 4);
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "status %#x (4: ctid not set in the child)", st);

    /* CLONE_FILES without CLONE_VM: the descriptor table is shared with the child */
    pid = syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        int fd = open("/tests/data/hello.txt", O_RDONLY);
        syscall(SYS_exit_group, fd);
    }
    st = reap(pid);
    CHECK(WIFEXITED(st), "status %#x", st);
    int fd = WEXITSTATUS(st);
    CHECK(fcntl(fd, F_GETFD) == 0, "fd %d opened by a CLONE_FILES child is not open in the parent", fd);
    close(fd);
    /* without it, the child's table is a copy */
    pid = lv_fork();
    if (pid == 0) {
        int fd2 = open("/tests/data/hello.txt", O_RDONLY);
        syscall(SYS_exit_group, fd2);
    }
    st = reap(pid);
    fd = WEXITSTATUS(st);
    CHECK(fcntl(fd, F_GETFD) == -1 && errno == EBADF, "fd %d opened by a forked child is open in the parent", fd);

    /* CLONE_FS: chdir in the child moves the parent */
    char cwd[256];
    CHECK(getcwd(cwd, sizeof cwd) != NULL, "getcwd");
    pid = syscall(SYS_clone, CLONE_FS | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0)
        syscall(SYS_exit_group, chdir("/tests/data") == 0 ? 0 : 1);
    reap(pid);
    char now[256];
    CHECK(getcwd(now, sizeof now) != NULL, "getcwd");
    STRICT(strcmp(now, "/tests/data") == 0, "qemu-user ignores CLONE_FS without CLONE_VM (a host fork)",
           "cwd after a CLONE_FS child's chdir: %s", now);
    EQ(chdir(cwd), 0);
    pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, chdir("/tests/data") == 0 ? 0 : 1);
    reap(pid);
    CHECK(getcwd(now, sizeof now) && strcmp(now, cwd) == 0, "cwd after a forked child's chdir: %s", now);
}

/* ---- invalid combinations -------------------------------------------------------------------- */

/* A clone that must fail with ERR; a child wrongly created exits at once and is reaped. */
#define CLONE_FAILS(flags, err) do {                                                         \
        long _r = raw_clone_exit((flags), 0, 0, 0, 0);                                     \
        if (_r > 0)                                                                         \
            syscall(SYS_wait4, _r, NULL, __WALL, NULL);                                    \
        CHECK(_r == -(err), "clone(%s) = %ld, expected -%s", #flags, _r, #err);              \
    } while (0)

static void sec_invalid(void)
{
    CLONE_FAILS(CLONE_SIGHAND | SIGCHLD, EINVAL);
    CLONE_FAILS(CLONE_THREAD | SIGCHLD, EINVAL);
    CLONE_FAILS(CLONE_VM | CLONE_THREAD, EINVAL);
    CLONE_FAILS(CLONE_THREAD | CLONE_SIGHAND, EINVAL);   /* SIGHAND needs VM */
    CLONE_FAILS(CLONE_NEWNS | CLONE_FS | SIGCHLD, EINVAL);
    /* none of these made a child */
    FAILS(syscall(SYS_wait4, -1, NULL, __WALL | WNOHANG, NULL), ECHILD);
}

/* ---- threads made with a raw clone ----------------------------------------------------------- */

struct tinfo {
    long pid, tid, ppid, tls, ctid_seen;
    int ctid;
    int ptid;
    volatile int go;
    volatile int ready;
};

static int thread_fn(void *arg)
{
    struct tinfo *t = arg;
    t->pid = rsys(SYS_getpid);
    t->tid = rsys(SYS_gettid);
    t->ppid = rsys(SYS_getppid);
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(t->tls));
    t->ctid_seen = __atomic_load_n(&t->ctid, __ATOMIC_SEQ_CST);
    __atomic_store_n(&t->ready, 1, __ATOMIC_SEQ_CST);
    futex_wait_ne(&t->go, 0);     /* stay alive until the parent looked */
    return 0;
}

static void sec_thread(void)
{
    static struct tinfo t;
    static char fake_tls[64];
    t.ctid = 0x1234;
    t.ptid = 0;
    t.go = 0;
    long r = lv_clone(THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID,
                      new_stack(STACK_SIZE), &t.ptid, (unsigned long)fake_tls, &t.ctid, thread_fn, &t);
    CHECK(r > 0, "thread clone = %ld", r);
    if (r <= 0)
        return;
    EQ(t.ptid, r);                                 /* PARENT_SETTID: set before clone returns */
    /* wait until the thread has looked around */
    for (int i = 0; i < 5000 && !__atomic_load_n(&t.ready, __ATOMIC_SEQ_CST); i++)
        usleep(1000);
    EQ(t.ready, 1);
    long me = syscall(SYS_getpid);
    EQ(t.pid, me);                                 /* getpid is the thread group id */
    EQ(t.tid, r);
    CHECK(t.tid != syscall(SYS_gettid), "thread tid %ld == main tid", t.tid);
    EQ(t.ppid, syscall(SYS_getppid));              /* threads share the parent */
    EQ(t.tls, (long)fake_tls);                     /* CLONE_SETTLS */
    EQ(t.ctid_seen, r);                            /* CLONE_CHILD_SETTID */
    /* a thread is not a child: wait4 on it fails */
    FAILS(syscall(SYS_wait4, r, NULL, __WALL | WNOHANG, NULL), ECHILD);
    /* tgkill with signal 0 finds it in our group, not in another */
    EQ(syscall(SYS_tgkill, me, r, 0), 0);
    /* release it and wait for CHILD_CLEARTID: the word is cleared and a futex waiter woken */
    __atomic_store_n(&t.go, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &t.go, FUTEX_WAKE, 1, 0, 0, 0);
    int tidv;
    while ((tidv = __atomic_load_n(&t.ctid, __ATOMIC_SEQ_CST)) != 0) {
        long w = syscall(SYS_futex, &t.ctid, FUTEX_WAIT, tidv, 0, 0, 0);
        CHECK(w == 0 || errno == EAGAIN || errno == EINTR, "futex wait on ctid: %ld errno %d", w, errno);
    }
    EQ(t.ctid, 0);
    /* the thread is gone */
    for (int i = 0; i < 100 && syscall(SYS_tgkill, me, r, 0) == 0; i++)
        usleep(1000);
    FAILS(syscall(SYS_tgkill, me, r, 0), ESRCH);
    /* the process is still alive and single-threaded: a fork-style clone works */
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    reap(pid);

    /* a thread with the glibc flags and no CHILD_SETTID: ctid left as it was */
    static struct tinfo t2;
    t2.ctid = 0x4321;
    t2.go = 1;
    r = lv_clone(THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
                 new_stack(STACK_SIZE), &t2.ptid, (unsigned long)fake_tls, &t2.ctid, thread_fn, &t2);
    CHECK(r > 0, "thread clone = %ld", r);
    while ((tidv = __atomic_load_n(&t2.ctid, __ATOMIC_SEQ_CST)) != 0)
        syscall(SYS_futex, &t2.ctid, FUTEX_WAIT, tidv, 0, 0, 0);
    EQ(t2.ctid_seen, 0x4321);
    EQ(t2.tid, r);
}

/* ---- exit and exit_group in thread groups ---------------------------------------------------- */

static int blocker_fn(void *arg)
{
    int fd = (int)(long)arg;
    char c;
    rsys(SYS_read, fd, &c, 1);       /* blocks forever: nobody writes */
    return 0;
}

static int spinner_fn(void *arg)
{
    (void)arg;
    for (;;)
        rsys(SYS_sched_yield);
    return 0;
}

static int group_exiter_fn(void *arg)
{
    rsys(SYS_exit_group, (long)arg);
    return 0;
}

static int late_exit_fn(void *arg)
{
    int fd = (int)(long)arg;
    char c;
    rsys(SYS_read, fd, &c, 1);       /* until the parent writes */
    rsys(SYS_exit, 4);               /* the last thread leaves with exit(), not exit_group() */
    return 0;
}

/* Wait for pid with a deadline (a hang here means threads survived exit_group). */
static int reap_deadline(long pid, int seconds)
{
    int st = 0;
    for (int i = 0; i < seconds * 100; i++) {
        long r = syscall(SYS_wait4, pid, &st, __WALL | WNOHANG, NULL);
        if (r == pid)
            return st;
        CHECK(r == 0, "wait4 = %ld errno %d", r, errno);
        if (r != 0)
            return -1;
        usleep(10000);
    }
    CHECK(0, "pid %ld still not exited after %d s", pid, seconds);
    kill(pid, SIGKILL);
    reap(pid);
    return -1;
}

static void sec_exit_group(void)
{
    /* main thread calls exit_group while threads block and spin: all end */
    int hold[2], eof[2];
    EQ(pipe2(hold, 0), 0);
    EQ(pipe2(eof, 0), 0);
    long pid = lv_fork();
    if (pid == 0) {
        close(eof[0]);
        for (int i = 0; i < 3; i++)
            lv_clone(THREAD_FLAGS, new_stack(STACK_SIZE), 0, 0, 0, blocker_fn, (void *)(long)hold[0]);
        for (int i = 0; i < 2; i++)
            lv_clone(THREAD_FLAGS, new_stack(STACK_SIZE), 0, 0, 0, spinner_fn, 0);
        usleep(20000);
        syscall(SYS_exit_group, 5);
    }
    close(eof[1]);
    int st = reap_deadline(pid, 20);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5, "exit_group(5) with threads: status %#x", st);
    /* the child's last reference to eof[1] went with its last thread */
    char c;
    EQ(read(eof[0], &c, 1), 0);
    close(eof[0]);

    /* a non-leader thread calls exit_group: the main thread (blocked) ends too */
    pid = lv_fork();
    if (pid == 0) {
        lv_clone(THREAD_FLAGS, new_stack(STACK_SIZE), 0, 0, 0, group_exiter_fn, (void *)9L);
        char c2;
        read(hold[0], &c2, 1);
        syscall(SYS_exit_group, 1);
    }
    st = reap_deadline(pid, 20);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 9, "exit_group(9) from a thread: status %#x", st);
    close(hold[0]);
    close(hold[1]);
}

static void sec_leader_exit(void)
{
    int st;
    long pid;
    /* the main thread calls exit(3) while a thread lives on: the process is not reaped until the
     * last thread is gone; its status is then the last thread's exit code (measured on Linux 6.1) */
    int go[2];
    EQ(pipe2(go, 0), 0);
    pid = lv_fork();
    if (pid == 0) {
        lv_clone(THREAD_FLAGS, new_stack(STACK_SIZE), 0, 0, 0, late_exit_fn, (void *)(long)go[0]);
        syscall(SYS_exit, 3);
    }
    usleep(50000);
    EQ(syscall(SYS_wait4, pid, &st, __WALL | WNOHANG, NULL), 0);   /* a thread still runs */
    EQ(kill(pid, 0), 0);
    EQ(write(go[1], "x", 1), 1);
    st = reap_deadline(pid, 20);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "leader exit(3), last thread exit(4): status %#x", st);
    close(go[0]);
    close(go[1]);
}

/* ---- execve from a non-leader thread --------------------------------------------------------- */

static char *self_path = "/tests/proc-clone";
static int exec_pipe_w;

static int exec_fn(void *arg)
{
    (void)arg;
    static char fdbuf[16];
    snprintf(fdbuf, sizeof fdbuf, "%d", exec_pipe_w);
    char *argv[] = {self_path, "--report-pid", fdbuf, NULL};
    char *envp[] = {NULL};
    rsys(SYS_execve, self_path, argv, envp);
    rsys(SYS_exit_group, 99);
    return 0;
}

static void sec_exec_thread(void)
{
    int fds[2];
    EQ(pipe2(fds, 0), 0);
    long pid = lv_fork();
    if (pid == 0) {
        close(fds[0]);
        exec_pipe_w = fds[1];
        lv_clone(THREAD_FLAGS, new_stack(STACK_SIZE), 0, 0, 0, exec_fn, 0);
        for (;;)
            pause();    /* killed by the exec (de_thread) */
    }
    close(fds[1]);
    long v[2] = {0, 0};
    EQ(read(fds[0], v, sizeof v), sizeof v);
    close(fds[0]);
    EQ(v[0], pid);          /* after exec the program runs with the group's pid ... */
    EQ(v[1], pid);          /* ... as its only thread, tid == pid */
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec from a thread: status %#x", st);
}

/* ---- the exit signal in the low byte --------------------------------------------------------- */

static volatile sig_atomic_t usr1_count;
static siginfo_t usr1_info;
static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    usr1_info = *si;
    usr1_count++;
}

static void sec_exit_signal(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    usr1_count = 0;

    int go[2];
    EQ(pipe2(go, 0), 0);
    long pid = syscall(SYS_clone, SIGUSR1, 0, 0, 0, 0);
    if (pid == 0) {
        char c;
        read(go[0], &c, 1);
        syscall(SYS_exit_group, 6);
    }
    if (pid < 0 && errno == EINVAL && !strict()) {
        /* qemu-user: "We can't support custom termination signals" */
        close(go[0]);
        close(go[1]);
    } else {
        CHECK(pid > 0, "clone(SIGUSR1) = %ld errno %d", pid, errno);
        /* not a SIGCHLD child: plain wait4 does not see it, even while it runs */
        FAILS(syscall(SYS_wait4, pid, NULL, WNOHANG, NULL), ECHILD);
        EQ(syscall(SYS_wait4, pid, NULL, __WCLONE | WNOHANG, NULL), 0);
        EQ(write(go[1], "x", 1), 1);
        int st = 0;
        EQ(syscall(SYS_wait4, pid, &st, __WCLONE, NULL), pid);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 6, "status %#x", st);
        EQ(usr1_count, 1);                 /* the parent got SIGUSR1 */
        EQ(usr1_info.si_signo, SIGUSR1);
        close(go[0]);
        close(go[1]);

        /* exit signal 0: no signal at all; __WALL finds it */
        usr1_count = 0;
        pid = syscall(SYS_clone, 0, 0, 0, 0, 0);
        if (pid == 0)
            syscall(SYS_exit_group, 7);
        CHECK(pid > 0, "clone(0) = %ld errno %d", pid, errno);
        FAILS(syscall(SYS_wait4, pid, NULL, 0, NULL), ECHILD);
        EQ(syscall(SYS_wait4, pid, &st, __WALL, NULL), pid);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "status %#x", st);
        EQ(usr1_count, 0);
    }
    signal(SIGUSR1, SIG_DFL);
}

static void sec_exit_signal_info(void)
{
    /* the exit signal carries CLD_EXITED information like SIGCHLD does */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    usr1_count = 0;
    long pid = syscall(SYS_clone, SIGUSR1, 0, 0, 0, 0);
    if (pid == 0)
        syscall(SYS_exit_group, 6);
    if (pid < 0 && errno == EINVAL && !strict()) {
        /* qemu-user: no custom exit signals */
    } else {
        int st;
        EQ(syscall(SYS_wait4, pid, &st, __WCLONE, NULL), pid);
        EQ(usr1_count, 1);
        EQ(usr1_info.si_code, CLD_EXITED);
        EQ(usr1_info.si_pid, pid);
        EQ(usr1_info.si_uid, getuid());
        EQ(usr1_info.si_status, 6);
    }
    signal(SIGUSR1, SIG_DFL);
}

/* ---- vfork / posix_spawn --------------------------------------------------------------------- */

static volatile int vfork_shared;
static volatile int vfork_errno;

static int vfork_writer(void *arg)
{
    (void)arg;
    vfork_shared = 42;
    struct timespec ts = {0, 50 * 1000 * 1000};
    rsys(SYS_nanosleep, &ts, 0);     /* the parent must still be suspended */
    vfork_shared = 43;
    rsys(SYS_exit_group, 0);
    return 0;
}

static int vfork_exec(void *arg)
{
    const char *path = arg;
    char *argv[] = {(char *)path, NULL};
    char *envp[] = {NULL};
    long r = rsys(SYS_execve, path, argv, envp);
    vfork_errno = (int)-r;          /* posix_spawn reports exec errors through shared memory */
    rsys(SYS_exit_group, 127);
    return 0;
}

static void sec_vfork(void)
{
    /* posix_spawn: clone(CLONE_VM|CLONE_VFORK|SIGCHLD) on a new stack */
    void *stk = new_stack(STACK_SIZE);
    vfork_shared = 0;
    long pid = lv_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, stk, 0, 0, 0, vfork_writer, 0);
    CHECK(pid > 0, "clone(VM|VFORK|SIGCHLD) = %ld", pid);
    /* on Linux the parent resumes only when the child exits, and saw both writes */
    STRICT(vfork_shared == 43, "qemu-user turns vfork into fork", "vfork_shared = %d, expected 43", vfork_shared);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);

    /* exec success: the parent resumes at the exec */
    vfork_errno = -1;
    pid = lv_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, stk, 0, 0, 0, vfork_exec, "/bin/true");
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "vfork+exec /bin/true status %#x", st);
    EQ(vfork_errno, -1);
    /* exec failure: the errno is in the shared memory when the parent resumes */
    pid = lv_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, stk, 0, 0, 0, vfork_exec, "/no/such/program");
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 127, "status %#x", st);
    STRICT(vfork_errno == ENOENT, "qemu-user turns vfork into fork", "vfork_errno = %d, expected ENOENT", vfork_errno);

    /* glibc's vfork() itself */
    vfork_shared = 0;
    pid = vfork();
    if (pid == 0) {
        vfork_shared = 1;
        _exit(0);
    }
    reap(pid);
    STRICT(vfork_shared == 1, "qemu-user turns vfork into fork", "vfork() child write not seen: %d", vfork_shared);

    /* CLONE_VM without CLONE_THREAD (musl's old posix_spawn): a process sharing our memory */
    vfork_shared = 0;
    pid = lv_clone(CLONE_VM | SIGCHLD, stk, 0, 0, 0, vfork_writer, 0);
    if (pid == -EINVAL && !strict()) {
        /* qemu-user accepts CLONE_VM only with the whole thread flag set */
    } else {
        CHECK(pid > 0, "clone(CLONE_VM|SIGCHLD) = %ld", pid);
        st = reap(pid);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
        EQ(vfork_shared, 43);
    }
}

/* ---- clone3 ---------------------------------------------------------------------------------- */

struct clone_args_v2 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
        set_tid_size, cgroup;
};

static long clone3(void *args, size_t size) { return syscall(SYS_clone3, args, size); }

/* clone3 with a new stack: the child starts on stack+size with fn, arg stored there */
long lv_clone3(struct clone_args_v2 *a, size_t size);
__asm__(".text\n"
        ".global lv_clone3\n"
        "lv_clone3:\n"
        "    mov x8, #435\n"
        "    svc #0\n"
        "    cbz x0, 1f\n"
        "    ret\n"
        "1:  ldp x1, x0, [sp], #16\n"
        "    blr x1\n"
        "    mov x8, #93\n"
        "    svc #0\n"
        "    brk #0\n");

static struct clone_args_v2 thread_args(void *stk_top, int (*fn)(void *), void *arg)
{
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    uint64_t *top = (uint64_t *)((uintptr_t)stk_top & ~15UL) - 2;
    top[0] = (uint64_t)(uintptr_t)fn;
    top[1] = (uint64_t)(uintptr_t)arg;
    a.stack = (uintptr_t)stk_top - STACK_SIZE;
    a.stack_size = (uintptr_t)top - a.stack;
    return a;
}

static void sec_clone3(void)
{
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    long pid = clone3(&a, 64);                    /* CLONE_ARGS_SIZE_VER0 */
    if (pid == 0)
        syscall(SYS_exit_group, 7);
    if (pid < 0 && errno == ENOSYS && !strict()) {
        printf("proc-clone: clone3 is ENOSYS here (qemu-user); clone3 checks skipped\n");
        return;
    }
    CHECK(pid > 0, "clone3(fork) = %ld errno %d", pid, errno);
    if (pid <= 0)
        return;
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "clone3 fork child status %#x", st);

    /* the full current struct size works too, and PARENT_SETTID/CHILD_SETTID */
    int ptid = 0, ctid = 0;
    memset(&a, 0, sizeof a);
    a.flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
    a.parent_tid = (uintptr_t)&ptid;
    a.child_tid = (uintptr_t)&ctid;
    a.exit_signal = SIGCHLD;
    pid = clone3(&a, sizeof a);
    if (pid == 0)
        syscall(SYS_exit_group, ctid == syscall(SYS_gettid) ? 0 : 1);
    CHECK(pid > 0, "clone3 = %ld errno %d", pid, errno);
    EQ(ptid, pid);
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child_tid not set in the child: %#x", st);

}

/* errors (Linux's clone3_args_valid and copy_struct_from_user) */
#define CLONE3_FAILS(args, size, err) do {                                                   \
        long _r = raw_clone3_exit((args), (size));                                         \
        if (_r > 0)                                                                         \
            syscall(SYS_wait4, _r, NULL, __WALL, NULL);                                    \
        CHECK(_r == -(err), "clone3(%s, %s) = %ld, expected -%s", #args, #size, _r, #err);   \
    } while (0)

static int clone3_missing(void)
{
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    long probe = raw_clone3_exit(&a, 64);
    if (probe > 0)
        syscall(SYS_wait4, probe, NULL, __WALL, NULL);
    return probe == -ENOSYS && !strict();       /* qemu-user */
}

static void sec_clone3_errors(void)
{
    if (clone3_missing())
        return;
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    CLONE3_FAILS(&a, 0, EINVAL);
    CLONE3_FAILS(&a, 63, EINVAL);
    char big[128];
    memset(big, 0, sizeof big);
    memcpy(big, &a, sizeof a);
    big[100] = 1;                                        /* unknown trailing field set */
    CLONE3_FAILS(big, sizeof big, E2BIG);
    CLONE3_FAILS(NULL, 64, EFAULT);
    a.exit_signal = 65;
    CLONE3_FAILS(&a, 64, EINVAL);                        /* not a valid signal */
    a.exit_signal = 0;
    a.flags = SIGCHLD;                                   /* CSIGNAL bits in flags */
    CLONE3_FAILS(&a, 64, EINVAL);
    a.flags = 0;
    a.exit_signal = SIGCHLD;
    a.stack = (uintptr_t)new_stack(STACK_SIZE) - STACK_SIZE;   /* a stack without its size */
    CLONE3_FAILS(&a, 64, EINVAL);
    a.stack = 0;
    a.flags = CLONE_CLEAR_SIGHAND | CLONE_SIGHAND | CLONE_VM;
    CLONE3_FAILS(&a, 64, EINVAL);
    a.flags = CLONE_SIGHAND;                             /* same rules as clone */
    CLONE3_FAILS(&a, 64, EINVAL);
}

static void sec_clone3_valid(void)
{
    if (clone3_missing())
        return;
    struct clone_args_v2 a;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    CLONE3_FAILS(&a, 4097, E2BIG);                       /* more than a page */
    a.flags = THREAD_FLAGS;                              /* a thread with an exit signal */
    CLONE3_FAILS(&a, 64, EINVAL);
    a.flags = CLONE_PARENT;                              /* CLONE_PARENT with an exit signal */
    CLONE3_FAILS(&a, 64, EINVAL);
    a.flags = CLONE_DETACHED;                            /* legacy flag refused by clone3 */
    CLONE3_FAILS(&a, 64, EINVAL);
}

static void sec_clone3_more(void)
{
    struct clone_args_v2 a;
    int st;
    long pid;
    if (clone3_missing())
        return;

    /* CLONE_CLEAR_SIGHAND: handlers reset, ignored signals stay ignored */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    signal(SIGUSR2, SIG_IGN);
    memset(&a, 0, sizeof a);
    a.flags = CLONE_CLEAR_SIGHAND;
    a.exit_signal = SIGCHLD;
    pid = clone3(&a, 64);
    if (pid == 0) {
        struct sigaction o1, o2;
        sigaction(SIGUSR1, NULL, &o1);
        sigaction(SIGUSR2, NULL, &o2);
        syscall(SYS_exit_group, (o1.sa_handler == SIG_DFL ? 0 : 1) | (o2.sa_handler == SIG_IGN ? 0 : 2));
    }
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "CLONE_CLEAR_SIGHAND: %#x (1: handler kept, 2: SIG_IGN lost)", st);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);

    /* a thread through clone3 with stack + stack_size, TLS and CHILD_CLEARTID */
    static struct tinfo t;
    static char tls[16];
    t.ctid = 0x99;
    t.go = 1;
    a = thread_args(new_stack(STACK_SIZE), thread_fn, &t);
    a.flags = THREAD_FLAGS | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
    a.tls = (uintptr_t)tls;
    a.parent_tid = (uintptr_t)&t.ptid;
    a.child_tid = (uintptr_t)&t.ctid;
    long tid = lv_clone3(&a, sizeof a);
    CHECK(tid > 0, "clone3 thread = %ld", tid);
    if (tid > 0) {
        int v;
        while ((v = __atomic_load_n(&t.ctid, __ATOMIC_SEQ_CST)) != 0)
            syscall(SYS_futex, &t.ctid, FUTEX_WAIT, v, 0, 0, 0);
        EQ(t.ptid, tid);
        EQ(t.tid, tid);
        EQ(t.pid, syscall(SYS_getpid));
        EQ(t.tls, (long)tls);
    }

    /* clone3 with exit_signal 0: reaped with __WALL only */
    memset(&a, 0, sizeof a);
    pid = clone3(&a, 64);
    if (pid == 0)
        syscall(SYS_exit_group, 2);
    CHECK(pid > 0, "clone3(exit_signal 0) = %ld", pid);
    FAILS(syscall(SYS_wait4, pid, NULL, 0, NULL), ECHILD);
    EQ(syscall(SYS_wait4, pid, &st, __WALL, NULL), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 2, "status %#x", st);
}

static const struct section sections[] = {
    {"fork", sec_fork},           {"invalid", sec_invalid}, {"thread", sec_thread},
    {"exit_group", sec_exit_group}, {"exec_thread", sec_exec_thread},
    {"leader_exit", sec_leader_exit}, {"exit_signal", sec_exit_signal},
    {"exit_signal_info", sec_exit_signal_info}, {"vfork", sec_vfork}, {"clone3", sec_clone3},
    {"clone3_more", sec_clone3_more}, {"clone3_errors", sec_clone3_errors},
    {"clone3_valid", sec_clone3_valid},
};

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--report-pid") == 0) {
        long v[2] = {syscall(SYS_getpid), syscall(SYS_gettid)};
        write(atoi(argv[2]), v, sizeof v);
        return 0;
    }
    return RUN_SECTIONS("proc-clone", sections, argc, argv);
}
