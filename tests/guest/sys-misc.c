/* Miscellaneous syscalls and error conventions: ioctl TCGETS on a non-terminal, EFAULT for bad
 * pointers, EINVAL for bad flags, ENOENT, ENOSYS for an unknown syscall number, uname,
 * clock_gettime/clock_getres/nanosleep, getrandom, prlimit64, ppoll with a zero timeout, pipe2,
 * process and user ids, umask. Run with stdin redirected from a regular file. Exit 0 = pass. */
#include "check.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>

#define BAD ((void *)8)                      /* unmapped user address */
#define KERNEL_PTR ((void *)0xffff000000001000UL) /* kernel half of the address space */

static long tmpfd = -1;

static void test_tty(void)
{
    struct termios t;
    long fd = OK(syscall(SYS_openat, AT_FDCWD, "/tests/data/hello.txt", O_RDONLY, 0));
    FAILS(syscall(SYS_ioctl, fd, TCGETS, &t), ENOTTY);
    FAILS(syscall(SYS_ioctl, fd, TIOCGWINSZ, &t), ENOTTY);
    /* stdin is a regular file here */
    FAILS(syscall(SYS_ioctl, 0, TCGETS, &t), ENOTTY);
    FAILS(syscall(SYS_ioctl, 1234, TCGETS, &t), EBADF);
    /* FIONBIO works on any descriptor */
    int on = 1;
    EQ(syscall(SYS_ioctl, fd, FIONBIO, &on), 0);
    long fl = syscall(SYS_fcntl, fd, F_GETFL);
    CHECK(fl >= 0 && (fl & O_NONBLOCK), "FIONBIO did not set O_NONBLOCK: F_GETFL=%#lx", fl);
    close(fd);
}

static void test_efault(void)
{
    char buf[16];
    long fd = OK(syscall(SYS_openat, AT_FDCWD, "/tests/data/hello.txt", O_RDONLY, 0));
    FAILS(syscall(SYS_read, fd, BAD, 10), EFAULT);
    FAILS(syscall(SYS_read, fd, KERNEL_PTR, 10), EFAULT);
    /* nothing was consumed by the failed reads */
    EQ(syscall(SYS_read, fd, buf, 5), 5);
    CHECK(memcmp(buf, "hello", 5) == 0, "read after EFAULT gave \"%.5s\"", buf);
    FAILS(syscall(SYS_fstat, fd, BAD), EFAULT);
    FAILS(syscall(SYS_pread64, fd, BAD, 4, 0), EFAULT);
    close(fd);
    if (tmpfd >= 0) {
        FAILS(syscall(SYS_write, tmpfd, BAD, 10), EFAULT);
        FAILS(syscall(SYS_write, tmpfd, KERNEL_PTR, 10), EFAULT);
        struct stat st;
        EQ(syscall(SYS_fstat, tmpfd, &st), 0);
        EQ(st.st_size, 0);
    }
    FAILS(syscall(SYS_openat, AT_FDCWD, BAD, O_RDONLY, 0), EFAULT);
    FAILS(syscall(SYS_openat, AT_FDCWD, KERNEL_PTR, O_RDONLY, 0), EFAULT);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, BAD, buf, 0), EFAULT);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, "/", BAD, 0), EFAULT);
    FAILS(syscall(SYS_chdir, BAD), EFAULT);
    FAILS(syscall(SYS_getcwd, BAD, 100), EFAULT);
    FAILS(syscall(SYS_uname, BAD), EFAULT);
    FAILS(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD), EFAULT);
    FAILS(syscall(SYS_getrandom, BAD, 16, 0), EFAULT);
    FAILS(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, BAD), EFAULT);
    FAILS(syscall(SYS_pipe2, BAD, 0), EFAULT);
    struct iovec iov = {BAD, 4};
    fd = OK(syscall(SYS_openat, AT_FDCWD, "/tests/data/hello.txt", O_RDONLY, 0));
    FAILS(syscall(SYS_readv, fd, &iov, 1), EFAULT);
    FAILS(syscall(SYS_readv, fd, BAD, 1), EFAULT);
    FAILS(syscall(SYS_readlinkat, AT_FDCWD, "/tests/data/hello-link", BAD, 16), EFAULT);
    close(fd);
}

static void test_einval_enoent_enosys(void)
{
    char buf[16];
    struct timespec ts;
    FAILS(syscall(SYS_getrandom, buf, sizeof buf, 0x100), EINVAL);
    FAILS(syscall(SYS_clock_gettime, 12345, &ts), EINVAL);
    FAILS(syscall(SYS_clock_getres, 12345, &ts), EINVAL);
    FAILS(syscall(SYS_dup3, 0, 5, 0x1234), EINVAL);
    FAILS(syscall(SYS_lseek, 0, 0, 12345), EINVAL);
    struct rlimit64 { uint64_t cur, max; } rl;
    FAILS(syscall(SYS_prlimit64, 0, 999, NULL, &rl), EINVAL);
    FAILS(syscall(SYS_faccessat, AT_FDCWD, "/", 0x100, 0), EINVAL);
    FAILS(syscall(SYS_pipe2, (int[2]){0, 0}, 0x1), EINVAL);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, "/", buf, 0x12345678), EINVAL);
    struct timespec bad_ts = {0, 1000000000};
    FAILS(syscall(SYS_nanosleep, &bad_ts, NULL), EINVAL);

    FAILS(syscall(SYS_openat, AT_FDCWD, "/no/such/file", O_RDONLY, 0), ENOENT);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, "/no-such-file", buf, 0), ENOENT);
    FAILS(syscall(SYS_faccessat, AT_FDCWD, "/no-such-file", F_OK, 0), ENOENT);

    FAILS(syscall(4000), ENOSYS);
    FAILS(syscall(4000, 1, 2, 3, 4, 5, 6), ENOSYS);
    FAILS(syscall(1000), ENOSYS);
    FAILS(syscall(SYS_close, 1234), EBADF);
}

static void test_uname(void)
{
    struct utsname u;
    memset(&u, 0, sizeof u);
    EQ(syscall(SYS_uname, &u), 0);
    CHECK(strcmp(u.sysname, "Linux") == 0, "sysname \"%s\"", u.sysname);
    CHECK(strcmp(u.machine, "aarch64") == 0, "machine \"%s\"", u.machine);
    CHECK(u.release[0] >= '3' && u.release[0] <= '9' && u.release[1] == '.',
          "release \"%s\" does not look like N.x", u.release);
    CHECK(u.version[0] != 0, "version is empty");
    CHECK(u.nodename[0] != 0, "nodename is empty");
}

static double ts_sec(struct timespec t) { return t.tv_sec + t.tv_nsec / 1e9; }

static void test_clocks(void)
{
    struct timespec a, b, r;
    EQ(syscall(SYS_clock_gettime, CLOCK_REALTIME, &a), 0);
    CHECK(a.tv_sec > 1577836800 /* 2020 */ && a.tv_nsec >= 0 && a.tv_nsec < 1000000000,
          "CLOCK_REALTIME %ld.%09ld is not a plausible date", (long)a.tv_sec, a.tv_nsec);
    EQ(syscall(SYS_clock_gettime, CLOCK_REALTIME_COARSE, &b), 0);
    CHECK(b.tv_sec >= a.tv_sec - 1 && b.tv_sec <= a.tv_sec + 1, "REALTIME_COARSE far from REALTIME");
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a), 0);
    CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000 && a.tv_sec >= 0, "CLOCK_MONOTONIC %ld.%09ld",
          (long)a.tv_sec, a.tv_nsec);
    int mono_ok = 1;
    struct timespec prev = a;
    for (int i = 0; i < 1000; i++) {
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b);
        if (ts_sec(b) < ts_sec(prev))
            mono_ok = 0;
        prev = b;
    }
    CHECK(mono_ok, "CLOCK_MONOTONIC went backwards");
    EQ(syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &b), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC_COARSE, &b), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &b), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_THREAD_CPUTIME_ID, &b), 0);
    EQ(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &r), 0);
    CHECK(r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 10000000, "clock_getres(MONOTONIC) = %ld.%09ld",
          (long)r.tv_sec, r.tv_nsec);
    EQ(syscall(SYS_clock_getres, CLOCK_REALTIME, NULL), 0);

    /* nanosleep(20 ms) advances CLOCK_MONOTONIC by at least 20 ms */
    struct timespec req = {0, 20000000};
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a), 0);
    EQ(syscall(SYS_nanosleep, &req, NULL), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b), 0);
    double d = ts_sec(b) - ts_sec(a);
    CHECK(d >= 0.02 && d < 5.0, "nanosleep(20ms) took %.4f s", d);
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a), 0);
    EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b), 0);
    d = ts_sec(b) - ts_sec(a);
    CHECK(d >= 0.02 && d < 5.0, "clock_nanosleep(20ms) took %.4f s", d);
    /* gettimeofday agrees with CLOCK_REALTIME */
    struct { long sec, usec; } tv;
    EQ(syscall(SYS_gettimeofday, &tv, NULL), 0);
    EQ(syscall(SYS_clock_gettime, CLOCK_REALTIME, &a), 0);
    CHECK(tv.sec >= a.tv_sec - 1 && tv.sec <= a.tv_sec && tv.usec >= 0 && tv.usec < 1000000,
          "gettimeofday %ld.%06ld vs CLOCK_REALTIME %ld", tv.sec, tv.usec, (long)a.tv_sec);
}

static void test_getrandom(void)
{
    unsigned char a[32], b[32];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    EQ(syscall(SYS_getrandom, a, sizeof a, 0), 32);
    EQ(syscall(SYS_getrandom, b, sizeof b, 1 /* GRND_NONBLOCK */), 32);
    CHECK(memcmp(a, b, sizeof a) != 0, "two getrandom results are equal");
    int nz = 0;
    for (int i = 0; i < 32; i++)
        nz += a[i] != 0;
    CHECK(nz > 16, "getrandom gave %d non-zero bytes out of 32", nz);
    EQ(syscall(SYS_getrandom, a, 0, 0), 0);
    static unsigned char big[4096];
    EQ(syscall(SYS_getrandom, big, sizeof big, 0), 4096);
}

static void test_prlimit(void)
{
    struct rlimit64 { uint64_t cur, max; } old, nw, chk;
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &old), 0);
    CHECK(old.cur >= 65536 && old.cur <= old.max, "RLIMIT_STACK cur=%#llx max=%#llx",
          (unsigned long long)old.cur, (unsigned long long)old.max);
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &old), 0);
    CHECK(old.cur >= 64 && old.cur <= old.max, "RLIMIT_NOFILE cur=%llu max=%llu",
          (unsigned long long)old.cur, (unsigned long long)old.max);
    /* lower the soft limit, read it back, then restore */
    nw.cur = 100;
    nw.max = old.max;
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &nw, &chk), 0);
    EQ(chk.cur, old.cur);
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &chk), 0);
    EQ(chk.cur, 100);
    /* soft above hard is invalid */
    nw.cur = old.max == UINT64_MAX ? UINT64_MAX : old.max + 1;
    nw.max = old.max == UINT64_MAX ? 1000 : old.max;
    FAILS(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &nw, NULL), EINVAL);
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &old, NULL), 0);
    EQ(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, NULL, &chk), 0);
    EQ(chk.cur, old.cur);
    FAILS(syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, NULL, &chk), ESRCH);
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_AS, NULL, &chk), 0);
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &chk), 0);
}

static void test_poll_pipe(void)
{
    struct timespec zero = {0, 0};
    /* stdin is a regular file: always readable */
    struct pollfd p[3] = {{0, POLLIN, 0}, {-1, POLLIN, 0}, {1234, POLLIN, 0}};
    EQ(syscall(SYS_ppoll, p, 3, &zero, NULL, 8), 2);
    EQ(p[0].revents, POLLIN);
    EQ(p[1].revents, 0);
    EQ(p[2].revents, POLLNVAL);
    /* nothing to wait for: returns 0 at once */
    EQ(syscall(SYS_ppoll, NULL, 0, &zero, NULL, 8), 0);
    /* std's start-up probe of fds 0-2 */
    struct pollfd s[3] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
    EQ(syscall(SYS_ppoll, s, 3, &zero, NULL, 8), 0);
    CHECK(s[0].revents == 0 && s[1].revents == 0 && s[2].revents == 0, "fds 0-2 revents %#x %#x %#x",
          s[0].revents, s[1].revents, s[2].revents);

    int fds[2] = {-1, -1};
    EQ(syscall(SYS_pipe2, fds, O_CLOEXEC), 0);
    EQ(syscall(SYS_fcntl, fds[0], F_GETFD), FD_CLOEXEC);
    struct pollfd q[2] = {{fds[0], POLLIN, 0}, {fds[1], POLLOUT, 0}};
    EQ(syscall(SYS_ppoll, q, 2, &zero, NULL, 8), 1);
    EQ(q[0].revents, 0);
    EQ(q[1].revents, POLLOUT);
    EQ(syscall(SYS_write, fds[1], "ab", 2), 2);
    EQ(syscall(SYS_ppoll, q, 1, &zero, NULL, 8), 1);
    EQ(q[0].revents, POLLIN);
    char c[4];
    EQ(syscall(SYS_read, fds[0], c, sizeof c), 2);
    FAILS(syscall(SYS_lseek, fds[0], 0, SEEK_CUR), ESPIPE);
    /* a 10 ms timeout on an empty pipe times out with 0 */
    struct timespec ten = {0, 10000000};
    EQ(syscall(SYS_ppoll, q, 1, &ten, NULL, 8), 0);
    /* writer closed: reader sees POLLHUP and EOF */
    close(fds[1]);
    EQ(syscall(SYS_ppoll, q, 1, &zero, NULL, 8), 1);
    CHECK(q[0].revents & POLLHUP, "revents after the writer closed: %#x", q[0].revents);
    EQ(syscall(SYS_read, fds[0], c, sizeof c), 0);
    close(fds[0]);
    /* non-blocking empty pipe: EAGAIN */
    EQ(syscall(SYS_pipe2, fds, O_NONBLOCK), 0);
    FAILS(syscall(SYS_read, fds[0], c, 1), EAGAIN);
    /* reader closed: write fails with EPIPE (SIGPIPE ignored) */
    signal(SIGPIPE, SIG_IGN);
    close(fds[0]);
    FAILS(syscall(SYS_write, fds[1], "x", 1), EPIPE);
    close(fds[1]);
}

static void test_ids(void)
{
    long pid = syscall(SYS_getpid);
    CHECK(pid > 0, "getpid = %ld", pid);
    EQ(syscall(SYS_gettid), pid);
    EQ(syscall(SYS_set_tid_address, NULL), pid);
    long ppid = syscall(SYS_getppid);
    CHECK(ppid >= 0 && ppid != pid, "getppid = %ld", ppid);
    EQ(syscall(SYS_getuid), 0);
    EQ(syscall(SYS_geteuid), 0);
    EQ(syscall(SYS_getgid), 0);
    EQ(syscall(SYS_getegid), 0);
    EQ(syscall(SYS_sched_yield), 0);
    long old = syscall(SYS_umask, 027);
    CHECK(old >= 0 && old <= 0777, "umask returned %ld", old);
    EQ(syscall(SYS_umask, old), 027);
}

int main(void)
{
    start("sys-misc");
    char path[64];
    snprintf(path, sizeof path, "/tmp/sys-misc-%ld", (long)getpid());
    tmpfd = OK(syscall(SYS_openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0644));
    test_tty();
    test_efault();
    test_einval_enoent_enosys();
    test_uname();
    test_clocks();
    test_getrandom();
    test_prlimit();
    test_poll_pipe();
    test_ids();
    if (tmpfd >= 0) {
        close(tmpfd);
        syscall(SYS_unlinkat, AT_FDCWD, path, 0);
    }
    return finish();
}
