/* wait4 and waitid (WNOHANG, WNOWAIT, __WALL, P_PID/P_PGID/P_ALL, ECHILD, EINVAL, EFAULT, the
 * exact status encoding of exit codes and signals, the siginfo waitid fills), zombies (still
 * signalable until reaped), SIGCHLD ignored = children reaped automatically, orphans re-parented,
 * process groups and sessions (setpgid/getpgid/setsid/getsid with their errors). Exit 0 = pass. */
#include "lv.h"
#include <sys/resource.h>
#include <fcntl.h>

static long child_exit(int code)
{
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, code);
    return pid;
}

static long child_sleeper(void)
{
    long pid = lv_fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

/* a child blocked until the returned fd (write end) is closed */
static long child_held(int *release_fd)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    long pid = lv_fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        read(p[0], &c, 1);
        syscall(SYS_exit_group, 0);
    }
    close(p[0]);
    *release_fd = p[1];
    return pid;
}

static void sec_status(void)
{
    /* exit codes: (code & 0xff) << 8 */
    int codes[] = {0, 1, 42, 255, 256, 257, -1};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        long pid = child_exit(codes[i]);
        int st = 0x5a5a5a5a;
        EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
        EQ(st, (codes[i] & 0xff) << 8);
    }
    /* death by signal: the signal number, no core dump bit (RLIMIT_CORE is 0 in both runs) */
    int sigs[] = {SIGKILL, SIGTERM, SIGINT, SIGUSR1, SIGHUP, SIGALRM};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        long pid = child_sleeper();
        EQ(kill(pid, sigs[i]), 0);
        int st = 0;
        EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
        CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i], "killed by %d: status %#x", sigs[i], st);
        CHECK(!WCOREDUMP(st), "core dump bit set in %#x with RLIMIT_CORE 0", st);
    }
    /* a status pointer of NULL is fine; rusage is filled */
    long pid = child_exit(3);
    struct rusage ru;
    memset(&ru, 0xff, sizeof ru);
    EQ(syscall(SYS_wait4, pid, NULL, 0, &ru), pid);
    CHECK(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000, "rusage not filled: utime.usec %ld",
          (long)ru.ru_utime.tv_usec);
}

static void sec_wait4(void)
{
    int st;
    /* ECHILD with no children at all, also with WNOHANG */
    FAILS(syscall(SYS_wait4, -1, &st, 0, NULL), ECHILD);
    FAILS(syscall(SYS_wait4, -1, &st, WNOHANG, NULL), ECHILD);
    FAILS(syscall(SYS_wait4, 1, &st, WNOHANG, NULL), ECHILD);          /* not our child */
    /* invalid options: WEXITED and WNOWAIT belong to waitid */
    FAILS(syscall(SYS_wait4, -1, &st, WEXITED, NULL), EINVAL);
    FAILS(syscall(SYS_wait4, -1, &st, WNOWAIT, NULL), EINVAL);
    FAILS(syscall(SYS_wait4, -1, &st, 0x10000, NULL), EINVAL);
    /* INT_MIN is rejected before anything else */
    FAILS(syscall(SYS_wait4, (long)(int)0x80000000, &st, 0, NULL), ESRCH);

    /* WNOHANG: 0 while it runs */
    int rel;
    long pid = child_held(&rel);
    EQ(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), 0);
    EQ(syscall(SYS_wait4, -1, &st, WNOHANG, NULL), 0);
    EQ(syscall(SYS_wait4, 0, &st, WNOHANG, NULL), 0);                 /* our process group */
    EQ(syscall(SYS_wait4, -syscall(SYS_getpgid, 0), &st, WNOHANG, NULL), 0);
    close(rel);
    EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
    FAILS(syscall(SYS_wait4, pid, &st, 0, NULL), ECHILD);              /* reaped */

    /* wait4(-1) picks whichever exits; all of them eventually */
    long pids[4];
    for (int i = 0; i < 4; i++)
        pids[i] = child_exit(10 + i);
    int seen = 0;
    for (int i = 0; i < 4; i++) {
        long r = syscall(SYS_wait4, -1, &st, 0, NULL);
        for (int k = 0; k < 4; k++)
            if (r == pids[k] && WEXITSTATUS(st) == 10 + k)
                seen |= 1 << k;
    }
    EQ(seen, 15);
    FAILS(syscall(SYS_wait4, -1, &st, 0, NULL), ECHILD);


    /* EFAULT for a bad status pointer: the child is reaped anyway (Linux copies out after) */
    pid = child_exit(1);
    usleep(50000);
    FAILS(syscall(SYS_wait4, pid, (int *)8, 0, NULL), EFAULT);
    FAILS(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), ECHILD);

    /* a child in another process group is found by pid and -1 but not by 0 */
    pid = child_held(&rel);
    EQ(setpgid(pid, pid), 0);
    FAILS(syscall(SYS_wait4, 0, &st, WNOHANG, NULL), ECHILD);     /* none in our group */
    EQ(syscall(SYS_wait4, -1, &st, WNOHANG, NULL), 0);
    EQ(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), 0);
    close(rel);
    usleep(50000);
    FAILS(syscall(SYS_wait4, 0, &st, WNOHANG, NULL), ECHILD);
    EQ(syscall(SYS_wait4, -pid, &st, 0, NULL), pid);
}

/* wait until pid is a zombie, without reaping it */
static void until_zombie(long pid)
{
    siginfo_t si;
    CHECK(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOWAIT, NULL) == 0, "waitid(WNOWAIT) errno %d", errno);
}

/* wait (up to 3 s) until pid no longer exists */
static int until_gone(long pid)
{
    for (int i = 0; i < 300; i++) {
        if (kill(pid, 0) == -1 && errno == ESRCH)
            return 1;
        usleep(10000);
    }
    return 0;
}

static void sec_zombie(void)
{
    /* a zombie can still be signalled (kill 0 succeeds) until it is reaped */
    int st;
    long pid = child_exit(0);
    until_zombie(pid);
    EQ(kill(pid, 0), 0);
    EQ(kill(pid, SIGKILL), 0);                       /* no effect on a zombie */
    EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
    EQ(st, 0);
    FAILS(kill(pid, 0), ESRCH);
    /* ... and its process group */
    int rel;
    pid = child_held(&rel);
    EQ(setpgid(pid, pid), 0);
    close(rel);
    until_zombie(pid);
    EQ(kill(-pid, 0), 0);
    EQ(syscall(SYS_getpgid, pid), pid);
    EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
    FAILS(kill(-pid, 0), ESRCH);
}

static void sec_waitid(void)
{
    siginfo_t si;
    FAILS(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL), ECHILD);
    FAILS(syscall(SYS_waitid, P_ALL, 0, &si, 0, NULL), EINVAL);              /* no event asked */
    FAILS(syscall(SYS_waitid, 7, 0, &si, WEXITED, NULL), EINVAL);            /* bad idtype */
    FAILS(syscall(SYS_waitid, P_PID, 0, &si, WEXITED, NULL), EINVAL);        /* P_PID 0 */
    FAILS(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | 0x10000, NULL), EINVAL);

    /* exit: CLD_EXITED, si_status = the code */
    long pid = child_exit(77);
    memset(&si, 0x5a, sizeof si);
    EQ(syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL), 0);
    EQ(si.si_signo, SIGCHLD);
    EQ(si.si_errno, 0);
    EQ(si.si_code, CLD_EXITED);
    EQ(si.si_pid, pid);
    EQ(si.si_uid, getuid());
    EQ(si.si_status, 77);
    FAILS(syscall(SYS_wait4, pid, NULL, WNOHANG, NULL), ECHILD);             /* reaped */

    /* killed: CLD_KILLED, si_status = the signal */
    pid = child_sleeper();
    kill(pid, SIGTERM);
    memset(&si, 0, sizeof si);
    EQ(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL), 0);
    EQ(si.si_code, CLD_KILLED);
    EQ(si.si_pid, pid);
    EQ(si.si_status, SIGTERM);

    /* WNOHANG with nothing ready: 0 and a zeroed siginfo (si_pid 0, si_signo 0) */
    int rel;
    pid = child_held(&rel);
    memset(&si, 0x5a, sizeof si);
    EQ(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG, NULL), 0);
    EQ(si.si_pid, 0);
    EQ(si.si_signo, 0);
    STRICT(si.si_status == 0, "qemu-user leaves si_status unwritten", "si_status = %d", si.si_status);
    close(rel);
    /* WNOWAIT: reported but left waitable */
    memset(&si, 0, sizeof si);
    EQ(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOWAIT, NULL), 0);
    EQ(si.si_pid, pid);
    EQ(si.si_code, CLD_EXITED);
    memset(&si, 0, sizeof si);
    EQ(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOWAIT, NULL), 0);
    EQ(si.si_pid, pid);
    int st = -1;
    EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
    EQ(st, 0);

    /* P_PGID */
    pid = child_held(&rel);
    EQ(setpgid(pid, pid), 0);
    close(rel);
    memset(&si, 0, sizeof si);
    EQ(syscall(SYS_waitid, P_PGID, pid, &si, WEXITED, NULL), 0);
    EQ(si.si_pid, pid);
    /* a NULL infop is allowed */
    pid = child_exit(1);
    EQ(syscall(SYS_waitid, P_PID, pid, NULL, WEXITED, NULL), 0);
    FAILS(syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL), ECHILD);

    /* __WALL finds a child whose exit signal is not SIGCHLD, WEXITED alone does not */
    pid = syscall(SYS_clone, 0, 0, 0, 0, 0);
    if (pid == 0)
        syscall(SYS_exit_group, 5);
    if (pid < 0 && errno == EINVAL && !strict()) {
        /* qemu-user: no custom exit signals */
    } else {
        CHECK(pid > 0, "clone(exit signal 0) = %ld errno %d", pid, errno);
        usleep(50000);
        FAILS(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG, NULL), ECHILD);
        memset(&si, 0, sizeof si);
        EQ(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | __WCLONE, NULL), 0);
        EQ(si.si_pid, pid);
        EQ(si.si_status, 5);
        EQ(si.si_signo, SIGCHLD);     /* waitid always reports SIGCHLD */
    }
}

static void sec_sigchld_ign(void)
{
    /* SIGCHLD ignored: children are reaped at exit; wait4 blocks until all are gone, then ECHILD */
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    EQ(sigaction(SIGCHLD, &sa, &old), 0);
    long pid = child_exit(3);
    CHECK(until_gone(pid), "SIGCHLD ignored: the child stays a zombie");
    int st;
    FAILS(syscall(SYS_wait4, pid, &st, 0, NULL), ECHILD);
    pid = lv_fork();
    if (pid == 0) {
        usleep(100000);
        syscall(SYS_exit_group, 0);
    }
    FAILS(syscall(SYS_wait4, -1, &st, 0, NULL), ECHILD);   /* after the child exited */
    CHECK(until_gone(pid), "SIGCHLD ignored: the child stays a zombie");
    /* SA_NOCLDWAIT does the same with a handler */
    sa.sa_handler = SIG_DFL;
    sa.sa_flags = SA_NOCLDWAIT;
    EQ(sigaction(SIGCHLD, &sa, NULL), 0);
    pid = child_exit(4);
    usleep(50000);
    long r = syscall(SYS_wait4, pid, &st, 0, NULL);
    STRICT(r == -1 && errno == ECHILD, "qemu-user does not pass SA_NOCLDWAIT to the host",
           "SA_NOCLDWAIT: wait4 = %ld, expected ECHILD", r);
    EQ(sigaction(SIGCHLD, &old, NULL), 0);
    /* back to default: zombies again */
    pid = child_exit(5);
    until_zombie(pid);
    EQ(kill(pid, 0), 0);
    EQ(syscall(SYS_wait4, pid, &st, 0, NULL), pid);
    EQ(WEXITSTATUS(st), 5);
}

static void sec_orphan(void)
{
    /* middle forks a grandchild and exits; the grandchild is re-parented away from middle (to the
     * init of the system: on Levitate this test IS process 1, which must then reap it) */
    int p[2];
    EQ(pipe2(p, 0), 0);
    long me = syscall(SYS_getpid);
    long middle = lv_fork();
    if (middle == 0) {
        int q[2];
        pipe2(q, 0);
        long gc = lv_fork();
        if (gc == 0) {
            long mid = syscall(SYS_getppid);
            close(q[0]);
            close(q[1]);                  /* middle may go now */
            /* wait until middle is gone */
            for (int i = 0; i < 500 && syscall(SYS_getppid) == mid; i++)
                usleep(10000);
            long v[3] = {syscall(SYS_getpid), mid, syscall(SYS_getppid)};
            write(p[1], v, sizeof v);
            usleep(100000);   /* still alive when init looks */
            syscall(SYS_exit_group, 12);
        }
        char c;
        close(q[1]);
        read(q[0], &c, 1);                /* until the grandchild has looked at its parent */
        syscall(SYS_exit_group, 0);
    }
    close(p[1]);
    int st = reap(middle);
    EQ(st, 0);
    long v[3] = {0, 0, 0};
    EQ(read(p[0], v, sizeof v), sizeof v);
    close(p[0]);
    EQ(v[1], middle);                                   /* first the middle process ... */
    CHECK(v[2] != middle && v[2] > 0, "orphan's parent after middle exited: %ld", v[2]);
    if (me == 1) {
        /* ... then init: us */
        EQ(v[2], 1);
        EQ(syscall(SYS_wait4, v[0], &st, 0, NULL), v[0]);
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 12, "orphan status %#x", st);
    } else {
        /* not ours to reap */
        FAILS(syscall(SYS_wait4, v[0], &st, WNOHANG, NULL), ECHILD);
    }
}

static void pgid_body(void)
{
    /* a new session first, so that nothing depends on how the test was started (Linux's init
     * has process group 0, the oracle's runner shares its group with us) */
    long me = syscall(SYS_getpid);
    EQ(syscall(SYS_setsid), me);
    long mypg = syscall(SYS_getpgid, 0);
    EQ(syscall(SYS_getpgid, me), mypg);
    EQ(getpgrp(), mypg);
    FAILS(syscall(SYS_getpgid, -1), ESRCH);
    long dead = child_exit(0);
    reap(dead);
    FAILS(syscall(SYS_getpgid, dead), ESRCH);
    FAILS(syscall(SYS_getsid, dead), ESRCH);
    FAILS(syscall(SYS_setpgid, dead, 0), ESRCH);
    FAILS(syscall(SYS_setpgid, 0, -1), EINVAL);

    /* a child: inherits the group; setpgid(child, child) from the parent; getpgid of it */
    int rel;
    long pid = child_held(&rel);
    EQ(syscall(SYS_getpgid, pid), mypg);
    EQ(syscall(SYS_getsid, pid), syscall(SYS_getsid, 0));
    EQ(syscall(SYS_setpgid, pid, 0), 0);                /* 0 = its own pid */
    EQ(syscall(SYS_getpgid, pid), pid);
    EQ(syscall(SYS_setpgid, pid, mypg), 0);             /* and back */
    EQ(syscall(SYS_getpgid, pid), mypg);
    FAILS(syscall(SYS_setpgid, pid, 999999), EPERM);    /* no such group in our session */
    close(rel);
    reap(pid);

    /* in a child: setsid makes a new session and group; then the rules around it */
    int p[2];
    EQ(pipe2(p, 0), 0);
    pid = lv_fork();
    if (pid == 0) {
        long r[12];
        long self = syscall(SYS_getpid);
        long ppg = syscall(SYS_getpgid, 0);
        r[0] = syscall(SYS_setsid);
        r[1] = syscall(SYS_getsid, 0);
        r[2] = syscall(SYS_getpgid, 0);
        r[3] = syscall(SYS_setsid) == -1 ? errno : 0;                 /* already a leader */
        r[4] = syscall(SYS_setpgid, 0, ppg) == -1 ? errno : 0;        /* session leader */
        r[5] = self;
        /* a grandchild in the new session: setpgid into a group of another session fails */
        long gc = lv_fork();
        if (gc == 0) {
            long e1 = syscall(SYS_setpgid, 0, ppg) == -1 ? errno : 0;
            long e2 = syscall(SYS_setpgid, 0, 0);                          /* own group: fine */
            long e3 = syscall(SYS_setsid);                                  /* now a group leader */
            syscall(SYS_exit_group, (e1 == EPERM ? 0 : 1) | (e2 == 0 ? 0 : 2) | (e3 == -1 && errno == EPERM ? 0 : 4));
        }
        int st;
        syscall(SYS_wait4, gc, &st, 0, NULL);
        r[6] = st;
        /* after the child execs, the parent may no longer change its group: EACCES */
        long gc2 = lv_fork();
        if (gc2 == 0) {
            char *argv[] = {"sleep", "1", NULL};
            char *envp[] = {NULL};
            syscall(SYS_execve, "/bin/sleep", argv, envp);
            syscall(SYS_exit_group, 99);
        }
        usleep(200000);
        r[7] = syscall(SYS_setpgid, gc2, 0) == -1 ? errno : 0;
        kill(gc2, SIGKILL);
        syscall(SYS_wait4, gc2, &st, 0, NULL);
        /* setpgid on a process that is not our child: ESRCH */
        r[8] = syscall(SYS_setpgid, syscall(SYS_getppid), 0) == -1 ? errno : 0;
        /* getsid of a process in another session works (Linux does not restrict it) */
        r[9] = syscall(SYS_getsid, syscall(SYS_getppid));
        write(p[1], r, sizeof r);
        syscall(SYS_exit_group, 0);
    }
    close(p[1]);
    long r[12];
    memset(r, 0, sizeof r);
    EQ(read(p[0], r, sizeof r), sizeof r);
    close(p[0]);
    reap(pid);
    EQ(r[0], pid);                   /* setsid returns the new session id = pid */
    EQ(r[1], pid);
    EQ(r[2], pid);
    EQ(r[3], EPERM);
    EQ(r[4], EPERM);
    CHECK(WIFEXITED(r[6]) && WEXITSTATUS(r[6]) == 0,
          "grandchild: %#lx (1: setpgid into another session's group, 2: setpgid(0,0), 4: setsid as leader)", r[6]);
    EQ(r[7], EACCES);
    EQ(r[8], ESRCH);
    EQ(r[9], syscall(SYS_getsid, 0));
    /* kill(-pgid) reaches the whole group */
    long a = child_sleeper(), b = child_sleeper();
    EQ(setpgid(a, a), 0);
    EQ(setpgid(b, a), 0);
    EQ(kill(-a, SIGTERM), 0);
    int st = reap(a);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "group member a: %#x", st);
    st = reap(b);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "group member b: %#x", st);
    FAILS(kill(-a, 0), ESRCH);
}

static void sec_pgid(void) { checked_in_child(pgid_body, "process groups and sessions"); }

static const struct section sections[] = {
    {"status", sec_status}, {"wait4", sec_wait4}, {"zombie", sec_zombie}, {"waitid", sec_waitid},
    {"sigchld_ign", sec_sigchld_ign}, {"orphan", sec_orphan}, {"pgid", sec_pgid},
};

int main(int argc, char **argv)
{
    return RUN_SECTIONS("proc-wait", sections, argc, argv);
}
