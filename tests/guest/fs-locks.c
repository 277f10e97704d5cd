/* File locks (issue 4): POSIX record locks between processes (F_GETLK reporting the holder,
 * F_SETLK's EAGAIN, F_SETLKW waiting, split/merge of ranges, release on close of ANY descriptor
 * of the file and at exit, EDEADLK, EINTR), open file description locks (F_OFD_*), and flock
 * (per open file description, shared through dup and fork, independent of fcntl locks, EINTR).
 * Self-checking: exit 0 when every check passed. */
#include "check.h"
#include "fs-util.h"
#include <sys/file.h>
#include <sys/time.h>
#include <time.h>

#define FILE_A "/tmp/fs-locks.a"

static int setlk(int fd, int cmd, short type, off_t start, off_t len)
{
    struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
    return fcntl(fd, cmd, &fl);
}

/* F_GETLK for a write lock on [start, start+len): the conflicting lock, or l_type F_UNLCK. */
static struct flock getlk(int fd, int cmd, off_t start, off_t len)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
    if (fcntl(fd, cmd, &fl) < 0) fl.l_type = -1;
    return fl;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static int sync_pipe[2], back_pipe[2];
static void signal_parent(void) { if (write(back_pipe[1], "!", 1) != 1) _exit(90); }
static void wait_child(void) { char c; if (read(back_pipe[0], &c, 1) != 1) printf("FAIL: child gone\n"); }
static void signal_child(void) { if (write(sync_pipe[1], "!", 1) != 1) printf("FAIL: sync\n"); }
static void wait_parent(void) { char c; if (read(sync_pipe[0], &c, 1) != 1) _exit(91); }

static pid_t parent_pid;

/* The child looks at the parent's locks. */
static int posix_child(void *arg)
{
    (void)arg;
    int fd = open(FILE_A, O_RDWR);
    if (fd < 0) return 1;
    /* parent holds: write [0,10), read [20, EOF) */
    struct flock fl = getlk(fd, F_GETLK, 5, 1);
    CHECK(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == parent_pid &&
          fl.l_whence == SEEK_SET, "GETLK: type %d start %ld len %ld pid %d", fl.l_type, (long)fl.l_start,
          (long)fl.l_len, fl.l_pid);
    fl = getlk(fd, F_GETLK, 10, 10);
    EQ(fl.l_type, F_UNLCK);
    EQ(fl.l_start, 10);                           /* left as it was */
    fl = getlk(fd, F_GETLK, 1000, 0);
    CHECK(fl.l_type == F_RDLCK && fl.l_start == 20 && fl.l_len == 0, "to-EOF lock: %d %ld %ld",
          fl.l_type, (long)fl.l_start, (long)fl.l_len);
    /* a read lock is compatible with the parent's read lock, not with its write lock */
    OK(setlk(fd, F_SETLK, F_RDLCK, 30, 5));
    FAILS(setlk(fd, F_SETLK, F_RDLCK, 9, 2), EAGAIN);
    FAILS(setlk(fd, F_SETLK, F_WRLCK, 25, 1), EAGAIN);
    OK(setlk(fd, F_SETLK, F_WRLCK, 10, 10));
    OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));
    signal_parent();
    /* F_SETLKW waits until the parent unlocks [0,10) */
    wait_parent();
    OK(setlk(fd, F_SETLKW, F_WRLCK, 0, 10));
    signal_parent();
    wait_parent();                                /* the parent checked our lock */
    return checks_failed ? 1 : 0;
}

static void posix_locks(void)
{
    parent_pid = getpid();
    OK(put_file(FILE_A, "0123456789abcdefghijklmnopqrstuvwxyz"));
    int fd = OK(open(FILE_A, O_RDWR));
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
    OK(setlk(fd, F_SETLK, F_RDLCK, 20, 0));
    /* one's own locks never conflict */
    OK(setlk(fd, F_SETLK, F_WRLCK, 5, 3));
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
    struct flock fl = getlk(fd, F_GETLK, 0, 0);
    EQ(fl.l_type, F_UNLCK);
    pid_t c = spawn(posix_child, NULL);
    wait_child();
    sleep_ms(100);
    OK(setlk(fd, F_SETLK, F_UNLCK, 0, 10));        /* lets the child's F_SETLKW through */
    signal_child();
    wait_child();
    fl = getlk(fd, F_GETLK, 0, 1);
    CHECK(fl.l_type == F_WRLCK && fl.l_pid == c, "child's lock seen: %d pid %d", fl.l_type, fl.l_pid);
    FAILS(setlk(fd, F_SETLK, F_RDLCK, 3, 1), EAGAIN);
    signal_child();
    expect_exit(c, 0, "posix child");
    /* the child exited: its lock went with it */
    fl = getlk(fd, F_GETLK, 0, 1);
    EQ(fl.l_type, F_UNLCK);
    OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));
    close(fd);
}

/* Ranges: a read lock over [0,100) with [10,20) unlocked and [50,60) made a write lock. */
static int ranges_child(void *arg)
{
    (void)arg;
    int fd = open(FILE_A, O_RDONLY);
    struct flock fl = getlk(fd, F_GETLK, 5, 1);
    CHECK(fl.l_type == F_RDLCK && fl.l_start == 0 && fl.l_len == 10, "left piece %d %ld %ld", fl.l_type,
          (long)fl.l_start, (long)fl.l_len);
    fl = getlk(fd, F_GETLK, 10, 10);
    EQ(fl.l_type, F_UNLCK);
    fl = getlk(fd, F_GETLK, 30, 1);
    CHECK(fl.l_type == F_RDLCK && fl.l_start == 20 && fl.l_len == 30, "middle piece %d %ld %ld",
          fl.l_type, (long)fl.l_start, (long)fl.l_len);
    fl = getlk(fd, F_GETLK, 55, 1);
    CHECK(fl.l_type == F_WRLCK && fl.l_start == 50 && fl.l_len == 10, "write piece %d %ld %ld",
          fl.l_type, (long)fl.l_start, (long)fl.l_len);
    /* the right piece [60,100) touches the read lock [100,120): merged into [60,120) */
    fl = getlk(fd, F_GETLK, 99, 1);
    CHECK(fl.l_type == F_RDLCK && fl.l_start == 60 && fl.l_len == 60, "right piece %d %ld %ld",
          fl.l_type, (long)fl.l_start, (long)fl.l_len);
    /* a negative length locks before l_start: [95, 100) */
    struct flock neg = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 100, .l_len = -5 };
    OK(fcntl(fd, F_GETLK, &neg));
    CHECK(neg.l_type == F_RDLCK && neg.l_start == 60, "negative length: %d %ld", neg.l_type, (long)neg.l_start);
    /* adjacent read locks [100,110) + [110,120) of the parent merged into one, with [60,100) */
    fl = getlk(fd, F_GETLK, 115, 1);
    CHECK(fl.l_type == F_RDLCK && fl.l_start == 60 && fl.l_len == 60, "merged %d %ld %ld", fl.l_type,
          (long)fl.l_start, (long)fl.l_len);
    close(fd);
    return checks_failed ? 1 : 0;
}

static void ranges_and_errors(void)
{
    int fd = OK(open(FILE_A, O_RDWR));
    OK(setlk(fd, F_SETLK, F_RDLCK, 0, 100));
    OK(setlk(fd, F_SETLK, F_UNLCK, 10, 10));
    OK(setlk(fd, F_SETLK, F_WRLCK, 50, 10));
    OK(setlk(fd, F_SETLK, F_RDLCK, 100, 10));
    OK(setlk(fd, F_SETLK, F_RDLCK, 110, 10));
    expect_exit(spawn(ranges_child, NULL), 0, "ranges child");
    OK(setlk(fd, F_SETLK, F_UNLCK, 0, 0));

    struct flock fl = { .l_type = 7, .l_whence = SEEK_SET };
    FAILS(fcntl(fd, F_SETLK, &fl), EINVAL);
    FAILS(fcntl(fd, F_GETLK, &fl), EINVAL);
    fl.l_type = F_UNLCK;
    FAILS(fcntl(fd, F_GETLK, &fl), EINVAL);       /* GETLK wants a read or write lock */
    fl.l_type = F_RDLCK;
    fl.l_whence = 9;
    FAILS(fcntl(fd, F_SETLK, &fl), EINVAL);
    fl.l_whence = SEEK_SET;
    fl.l_start = -1;
    FAILS(fcntl(fd, F_SETLK, &fl), EINVAL);
    fl.l_start = 2;
    fl.l_len = -3;
    FAILS(fcntl(fd, F_SETLK, &fl), EINVAL);
    FAILS(fcntl(fd, F_SETLK, (struct flock *)8), EFAULT);
    FAILS(setlk(99, F_SETLK, F_RDLCK, 0, 1), EBADF);
    int ro = OK(open(FILE_A, O_RDONLY)), wo = OK(open(FILE_A, O_WRONLY));
    FAILS(setlk(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
    FAILS(setlk(wo, F_SETLK, F_RDLCK, 0, 1), EBADF);
    OK(setlk(ro, F_SETLK, F_UNLCK, 0, 1));         /* unlocking needs no access mode */
    int path = OK(open(FILE_A, O_PATH));
    FAILS(setlk(path, F_SETLK, F_UNLCK, 0, 1), EBADF);
    close(path);
    close(ro);
    close(wo);
    close(fd);
}

/* Closing any descriptor of the file drops the process's POSIX locks on it. */
static int probe_child(void *arg)
{
    int *expect = arg;
    int fd = open(FILE_A, O_RDONLY);
    struct flock fl = getlk(fd, F_GETLK, 0, 1);
    return fl.l_type == *expect ? 0 : 10 + fl.l_type;
}

static void release_on_close(void)
{
    int fd = OK(open(FILE_A, O_RDWR));
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
    int other = OK(open(FILE_A, O_RDONLY));
    int d = OK(dup(fd));
    int wr = F_WRLCK, un = F_UNLCK;
    expect_exit(spawn(probe_child, &wr), 0, "locked");
    close(d);                                       /* a dup: the same file, locks gone */
    expect_exit(spawn(probe_child, &un), 0, "closing a dup released the lock");
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
    close(other);                                   /* another open of the file: released too */
    expect_exit(spawn(probe_child, &un), 0, "closing another descriptor released the lock");
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
    /* a child's close of its inherited copy does not touch the parent's locks */
    pid_t c = fork();
    if (c == 0) { close(fd); _exit(0); }
    expect_exit(c, 0, "child closes");
    expect_exit(spawn(probe_child, &wr), 0, "still locked after the child's close");
    close(fd);
}

/* Deadlock: the child holds byte 1 and waits for byte 0, which we hold; asking for byte 1 with
 * F_SETLKW would deadlock: EDEADLK. */
static int deadlock_child(void *arg)
{
    (void)arg;
    int fd = open(FILE_A, O_RDWR);
    if (setlk(fd, F_SETLK, F_WRLCK, 1, 1)) return 1;
    signal_parent();
    if (setlk(fd, F_SETLKW, F_WRLCK, 0, 1)) return 2;   /* waits for the parent */
    return 0;
}

static void handler(int sig) { (void)sig; }

/* SIGALRM (handler without SA_RESTART) in 200 ms. */
static void alarm_soon(void)
{
    struct sigaction sa = { .sa_handler = handler };
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 0 }, { 0, 200000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void deadlock_and_eintr(void)
{
    int fd = OK(open(FILE_A, O_RDWR));
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
    pid_t c = spawn(deadlock_child, NULL);
    wait_child();
    sleep_ms(200);                                  /* let it block in F_SETLKW */
    FAILS(setlk(fd, F_SETLKW, F_WRLCK, 1, 1), EDEADLK);
    OK(setlk(fd, F_SETLK, F_UNLCK, 0, 1));
    expect_exit(c, 0, "deadlock child");

    /* A blocked F_SETLKW is interrupted by a handler without SA_RESTART: EINTR. */
    OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
    c = fork();
    if (c == 0) {
        int f2 = open(FILE_A, O_RDWR);
        alarm_soon();
        int r = setlk(f2, F_SETLKW, F_WRLCK, 0, 1);
        _exit(r == -1 && errno == EINTR ? 0 : 1);
    }
    expect_exit(c, 0, "F_SETLKW interrupted");
    close(fd);
}

static void ofd_locks(void)
{
    int a = OK(open(FILE_A, O_RDWR)), b = OK(open(FILE_A, O_RDWR));
    OK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10));
    /* two open file descriptions of one process conflict */
    FAILS(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);
    struct flock fl = getlk(b, F_OFD_GETLK, 5, 1);
    CHECK(fl.l_type == F_WRLCK && fl.l_pid == -1 && fl.l_start == 0 && fl.l_len == 10, "OFD GETLK %d %d",
          fl.l_type, fl.l_pid);
    /* ... and with this process's POSIX locks */
    FAILS(setlk(b, F_SETLK, F_RDLCK, 0, 1), EAGAIN);
    fl = getlk(b, F_GETLK, 0, 1);
    CHECK(fl.l_type == F_WRLCK && fl.l_pid == -1, "POSIX GETLK sees the OFD lock, pid -1: %d", fl.l_pid);
    struct flock bad = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
    FAILS(fcntl(b, F_OFD_SETLK, &bad), EINVAL);
    FAILS(fcntl(b, F_OFD_GETLK, &bad), EINVAL);
    /* closing another descriptor does not drop OFD locks; the last close of the description does */
    int d = OK(dup(a));
    close(b);
    b = OK(open(FILE_A, O_RDWR));
    FAILS(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);
    close(a);
    FAILS(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1), EAGAIN);   /* d still holds the description */
    close(d);
    OK(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1));
    close(b);
}

static void flock_locks(void)
{
    int a = OK(open(FILE_A, O_RDONLY)), b = OK(open(FILE_A, O_RDONLY));
    OK(flock(a, LOCK_EX));
    FAILS(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
    FAILS(flock(b, LOCK_SH | LOCK_NB), EAGAIN);
    /* flock and fcntl locks are independent */
    int w = OK(open(FILE_A, O_RDWR));
    OK(setlk(w, F_SETLK, F_WRLCK, 0, 0));
    OK(setlk(w, F_SETLK, F_UNLCK, 0, 0));
    /* a dup shares the lock: unlocking through it releases it */
    int d = OK(dup(a));
    OK(flock(d, LOCK_UN));
    OK(flock(b, LOCK_SH | LOCK_NB));
    OK(flock(a, LOCK_SH | LOCK_NB));               /* shared locks coexist */
    FAILS(flock(w, LOCK_EX | LOCK_NB), EAGAIN);
    OK(flock(a, LOCK_UN));
    OK(flock(b, LOCK_UN));
    OK(flock(w, LOCK_EX | LOCK_NB));
    /* inherited by fork: the child's unlock releases the (shared) description's lock */
    pid_t c = fork();
    if (c == 0) _exit(flock(w, LOCK_UN) == 0 ? 0 : 1);
    expect_exit(c, 0, "child unlocks");
    OK(flock(b, LOCK_EX | LOCK_NB));
    /* a blocking flock is interrupted by a handler: EINTR */
    c = fork();
    if (c == 0) {
        alarm_soon();
        int r = flock(w, LOCK_EX);
        _exit(r == -1 && errno == EINTR ? 0 : 1);
    }
    expect_exit(c, 0, "flock interrupted");
    /* closing the last descriptor of b releases its lock */
    close(b);
    OK(flock(w, LOCK_EX | LOCK_NB));
    FAILS(flock(w, 0), EINVAL);
    FAILS(flock(w, LOCK_SH | LOCK_EX), EINVAL);
    FAILS(flock(99, LOCK_SH), EBADF);
    int path = OK(open(FILE_A, O_PATH));
    FAILS(flock(path, LOCK_SH), EBADF);
    close(path);
    close(w);
    close(d);
    close(a);
}

int main(void)
{
    start("fs-locks");
    OK(pipe(sync_pipe));
    OK(pipe(back_pipe));
    posix_locks();
    ranges_and_errors();
    release_on_close();
    deadlock_and_eintr();
    ofd_locks();
    flock_locks();
    unlink(FILE_A);
    return finish();
}
