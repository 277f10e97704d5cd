/* Processes: fork (clone with SIGCHLD), execve, wait4 statuses, pipes across fork, vfork,
 * kill/tgkill, rt_sigaction handlers, SIGCHLD, signal masks, getppid in a child, exit_group.
 * Exit 0 = pass. */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

static long sys_fork(void) { return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0); }

static long wait_for(long pid, int *status)
{
    return syscall(SYS_wait4, pid, status, 0, NULL);
}

static volatile sig_atomic_t got_usr1, got_chld;
static void on_usr1(int sig) { (void)sig; got_usr1++; }
static void on_chld(int sig) { (void)sig; got_chld++; }

static void test_fork_wait(void)
{
    long parent = syscall(SYS_getpid);
    int fds[2];
    EQ(syscall(SYS_pipe2, fds, 0), 0);
    long pid = sys_fork();
    CHECK(pid >= 0, "fork failed errno=%d", errno);
    if (pid < 0)
        return;
    if (pid == 0) {
        /* child: report its view through the pipe, then exit 7 */
        long v[3] = {syscall(SYS_getpid), syscall(SYS_getppid), parent};
        syscall(SYS_write, fds[1], v, sizeof v);
        syscall(SYS_exit_group, 7);
    }
    close(fds[1]);
    long v[3] = {0, 0, 0};
    EQ(syscall(SYS_read, fds[0], v, sizeof v), sizeof v);
    EQ(v[0], pid);
    EQ(v[1], parent);
    close(fds[0]);
    int st = 0;
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "wait status %#x, expected exit 7", st);
    /* no more children */
    FAILS(wait_for(-1, &st), ECHILD);

    /* memory is copied, not shared */
    static int shared_var = 1;
    pid = sys_fork();
    if (pid == 0) {
        shared_var = 2;
        syscall(SYS_exit_group, shared_var == 2 ? 0 : 1);
    }
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
    EQ(shared_var, 1);

    /* WNOHANG while the child still runs, then the real wait */
    int p2[2];
    EQ(syscall(SYS_pipe2, p2, 0), 0);
    pid = sys_fork();
    if (pid == 0) {
        char c;
        close(p2[1]);
        syscall(SYS_read, p2[0], &c, 1); /* wait for the parent */
        syscall(SYS_exit_group, 0);
    }
    close(p2[0]);
    EQ(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), 0);
    close(p2[1]); /* child's read returns 0 */
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %#x", st);
}

static void test_signals(void)
{
    int st;
    /* death by signal */
    long pid = sys_fork();
    if (pid == 0) {
        for (;;)
            syscall(SYS_sched_yield);
    }
    EQ(syscall(SYS_kill, pid, SIGKILL), 0);
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "status %#x, expected killed by SIGKILL", st);

    /* a null pointer dereference kills with SIGSEGV */
    pid = sys_fork();
    if (pid == 0) {
        volatile int *volatile bad = (int *)8;
        *bad = 1;
        syscall(SYS_exit_group, 0);
    }
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status %#x, expected killed by SIGSEGV", st);

    /* abort() is SIGABRT */
    pid = sys_fork();
    if (pid == 0)
        abort();
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "status %#x, expected killed by SIGABRT", st);

    /* handlers run, for kill() on self and tgkill */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    EQ(syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1), 0);
    EQ(got_usr1, 1);
    EQ(syscall(SYS_tgkill, syscall(SYS_getpid), syscall(SYS_gettid), SIGUSR1), 0);
    EQ(got_usr1, 2);
    /* a blocked signal stays pending until unblocked */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
    EQ(syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1), 0);
    EQ(got_usr1, 2);
    sigset_t pend;
    EQ(sigpending(&pend), 0);
    CHECK(sigismember(&pend, SIGUSR1), "SIGUSR1 is not pending while blocked");
    EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    EQ(got_usr1, 3);
    /* SIG_IGN */
    signal(SIGUSR1, SIG_IGN);
    EQ(syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1), 0);
    EQ(got_usr1, 3);
    FAILS(syscall(SYS_kill, 999999, 0), ESRCH);
    EQ(syscall(SYS_kill, syscall(SYS_getpid), 0), 0);
    FAILS(syscall(SYS_kill, syscall(SYS_getpid), 999), EINVAL);

    /* SIGCHLD handler runs when a child exits */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    EQ(sigaction(SIGCHLD, &sa, NULL), 0);
    pid = sys_fork();
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    EQ(wait_for(pid, &st), pid);
    CHECK(got_chld >= 1, "SIGCHLD handler did not run");
    signal(SIGCHLD, SIG_DFL);
}

static void test_exec(void)
{
    int st;
    int fds[2];
    EQ(syscall(SYS_pipe2, fds, 0), 0);
    long pid = sys_fork();
    if (pid == 0) {
        /* stdout into the pipe, then exec busybox echo */
        syscall(SYS_dup3, fds[1], 1, 0);
        close(fds[0]);
        close(fds[1]);
        char *argv[] = {"echo", "exec", "works", NULL};
        char *envp[] = {"PATH=/bin", NULL};
        syscall(SYS_execve, "/bin/echo", argv, envp);
        syscall(SYS_exit_group, 99);
    }
    close(fds[1]);
    char buf[64] = {0};
    long n = 0, r;
    while ((r = syscall(SYS_read, fds[0], buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    close(fds[0]);
    CHECK(strcmp(buf, "exec works\n") == 0, "exec'd echo printed \"%s\"", buf);
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec'd echo status %#x", st);

    /* exit status through sh */
    pid = sys_fork();
    if (pid == 0) {
        char *argv[] = {"sh", "-c", "exit 42", NULL};
        char *envp[] = {NULL};
        syscall(SYS_execve, "/bin/sh", argv, envp);
        syscall(SYS_exit_group, 99);
    }
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "sh -c 'exit 42' status %#x", st);

    /* exec errors come back to the caller */
    char *argv[] = {"x", NULL};
    char *envp[] = {NULL};
    FAILS(syscall(SYS_execve, "/no/such/program", argv, envp), ENOENT);
    FAILS(syscall(SYS_execve, "/tests/data/hello.txt", argv, envp), EACCES);
    FAILS(syscall(SYS_execve, "/tests", argv, envp), EACCES);

    /* close-on-exec descriptors are closed by exec, others stay */
    long cfd = syscall(SYS_openat, AT_FDCWD, "/tests/data/hello.txt", O_RDONLY | O_CLOEXEC, 0);
    long kfd = syscall(SYS_openat, AT_FDCWD, "/tests/data/hello.txt", O_RDONLY, 0);
    pid = sys_fork();
    if (pid == 0) {
        char a1[16], a2[16];
        snprintf(a1, sizeof a1, "%ld", cfd);
        snprintf(a2, sizeof a2, "%ld", kfd);
        char *argv2[] = {"sys-proc", "--check-fds", a1, a2, NULL};
        syscall(SYS_execve, "/tests/sys-proc", argv2, envp);
        syscall(SYS_exit_group, 99);
    }
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fd inheritance across exec: status %#x "
          "(1: the O_CLOEXEC fd survived, 2: the plain fd is missing)", st);
    close(cfd);
    close(kfd);
}

static void test_vfork(void)
{
    /* posix_spawn-style: CLONE_VM|CLONE_VFORK with a fresh stack; the parent waits for exec/exit */
    int st;
    long pid = vfork();
    if (pid == 0) {
        char *argv[] = {"true", NULL};
        char *envp[] = {NULL};
        execve("/bin/true", argv, envp);
        _exit(99);
    }
    CHECK(pid > 0, "vfork failed errno=%d", errno);
    EQ(wait_for(pid, &st), pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "vfork+exec true status %#x", st);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--check-fds") == 0) {
        /* re-executed by test_exec: argv[2] must be closed, argv[3] open */
        if (syscall(SYS_fcntl, atoi(argv[2]), F_GETFD) != -1 || errno != EBADF)
            return 1;
        if (syscall(SYS_fcntl, atoi(argv[3]), F_GETFD) != 0)
            return 2;
        return 0;
    }
    start("sys-proc");
    test_fork_wait();
    test_signals();
    test_exec();
    test_vfork();
    return finish();
}
