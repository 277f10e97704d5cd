/* Host tests of file locks (fs/locks.c): POSIX record locks between two "processes" (the shim's
 * task switched between two descriptor tables and pids), range splitting and merging, release on
 * close of any descriptor, OFD locks, flock. Blocking requests cannot sleep in the shim: a
 * conflicting F_SETLKW/flock returns -ERESTARTSYS (what a signal would give). */
#include "shim_fs.h"
#include "fs/locks.h"

#define ERESTARTSYS 512

static struct files_table *ft_a, *ft_b;

static void as(struct files_table *ft, pid_t pid) {
    host_current->files = ft;
    host_current->proc->pid = pid;
}

static long lk(long fd, int cmd, short type, long start, long len) {
    struct linux_flock fl = { type, SEEK_SET, start, len, 0 };
    return sys_fcntl(fd, cmd, U(&fl));
}

/* F_GETLK for a write lock on [start, start+len): the conflicting lock (l_type F_UNLCK if none). */
static struct linux_flock getlk(long fd, int cmd, long start, long len) {
    struct linux_flock fl = { F_WRLCK, SEEK_SET, start, len, 0 };
    if (sys_fcntl(fd, cmd, U(&fl)) < 0) fl.l_type = -1;
    return fl;
}

static void posix(void) {
    t_put("/lk", "0123456789abcdefghijklmnopqrstuvwxyz");
    as(ft_a, 100);
    long a = t_open("/lk", O_RDWR, 0);
    EXPECT(lk(a, F_SETLK, F_WRLCK, 0, 10) == 0 && lk(a, F_SETLK, F_RDLCK, 20, 0) == 0, "A locks");
    EXPECT(lk(a, F_SETLK, F_WRLCK, 5, 3) == 0, "own locks never conflict");
    as(ft_b, 200);
    long b = t_open("/lk", O_RDWR, 0);
    struct linux_flock fl = getlk(b, F_GETLK, 5, 1);
    EXPECT(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == 100, "GETLK %d %ld %ld %d",
           fl.l_type, (long)fl.l_start, (long)fl.l_len, fl.l_pid);
    fl = getlk(b, F_GETLK, 1000, 5);
    EXPECT(fl.l_type == F_RDLCK && fl.l_start == 20 && fl.l_len == 0, "to EOF");
    EXPECT(getlk(b, F_GETLK, 10, 10).l_type == F_UNLCK, "gap");
    EXPECT(lk(b, F_SETLK, F_RDLCK, 9, 1) == -EAGAIN && lk(b, F_SETLK, F_RDLCK, 30, 5) == 0, "B: read vs write/read");
    EXPECT(lk(b, F_SETLKW, F_WRLCK, 0, 1) == -ERESTARTSYS, "a blocking request would sleep");
    /* A splits its write lock by unlocking the middle: B may lock there */
    as(ft_a, 100);
    EXPECT(lk(a, F_SETLK, F_UNLCK, 3, 4) == 0, "unlock the middle");
    as(ft_b, 200);
    EXPECT(lk(b, F_SETLK, F_WRLCK, 3, 4) == 0, "B in the hole");
    fl = getlk(b, F_GETLK, 7, 100);
    EXPECT(fl.l_type == F_WRLCK && fl.l_start == 7 && fl.l_len == 3, "right piece %ld %ld", (long)fl.l_start,
           (long)fl.l_len);
    EXPECT(lk(b, F_SETLK, F_UNLCK, 0, 0) == 0, "B unlocks all");
    /* closing any descriptor of the file drops A's locks, even one A never locked through */
    as(ft_a, 100);
    long a2 = t_open("/lk", O_RDONLY, 0);
    sys_close(a2);
    as(ft_b, 200);
    EXPECT(getlk(b, F_GETLK, 0, 0).l_type == F_UNLCK, "A's locks went with the close");
    EXPECT(lk(b, F_SETLK, F_WRLCK, 0, 0) == 0, "B locks everything");
    /* B closes: its locks go */
    sys_close(b);
    as(ft_a, 100);
    EXPECT(lk(a, F_SETLK, F_WRLCK, 0, 0) == 0, "free again");
    sys_close(a);
}

static void merge_and_errors(void) {
    as(ft_a, 100);
    long a = t_open("/lk", O_RDWR, 0);
    EXPECT(lk(a, F_SETLK, F_RDLCK, 0, 10) == 0 && lk(a, F_SETLK, F_RDLCK, 10, 10) == 0 &&
           lk(a, F_SETLK, F_RDLCK, 30, 10) == 0, "three read locks");
    EXPECT(lk(a, F_SETLK, F_WRLCK, 15, 20) == 0, "a write lock over two of them");
    as(ft_b, 200);
    long b = t_open("/lk", O_RDWR, 0);
    struct linux_flock fl = getlk(b, F_GETLK, 0, 1);
    EXPECT(fl.l_type == F_RDLCK && fl.l_start == 0 && fl.l_len == 15, "merged reads, trimmed: %ld %ld",
           (long)fl.l_start, (long)fl.l_len);
    fl = getlk(b, F_GETLK, 20, 1);
    EXPECT(fl.l_type == F_WRLCK && fl.l_start == 15 && fl.l_len == 20, "write %ld %ld", (long)fl.l_start,
           (long)fl.l_len);
    fl = getlk(b, F_GETLK, 38, 1);
    EXPECT(fl.l_type == F_RDLCK && fl.l_start == 35 && fl.l_len == 5, "tail %ld %ld", (long)fl.l_start,
           (long)fl.l_len);
    struct linux_flock bad = { 9, SEEK_SET, 0, 0, 0 };
    EXPECT(sys_fcntl(b, F_SETLK, U(&bad)) == -EINVAL, "type");
    bad.l_type = F_UNLCK;
    EXPECT(sys_fcntl(b, F_GETLK, U(&bad)) == -EINVAL, "GETLK F_UNLCK");
    bad.l_type = F_RDLCK;
    bad.l_whence = 7;
    EXPECT(sys_fcntl(b, F_SETLK, U(&bad)) == -EINVAL, "whence");
    bad.l_whence = SEEK_SET;
    bad.l_start = 5;
    bad.l_len = -6;
    EXPECT(sys_fcntl(b, F_SETLK, U(&bad)) == -EINVAL, "before 0");
    bad.l_start = 0x7fffffffffffffffL;
    bad.l_len = 2;
    EXPECT(sys_fcntl(b, F_SETLK, U(&bad)) == -EOVERFLOW, "overflow");
    EXPECT(sys_fcntl(b, F_SETLK, BADPTR) == -EFAULT, "fault");
    long ro = t_open("/lk", O_RDONLY, 0);
    EXPECT(lk(ro, F_SETLK, F_WRLCK, 0, 1) == -EBADF, "write lock on O_RDONLY");
    sys_close(ro);
    sys_close(b);
    as(ft_a, 100);
    sys_close(a);
}

static void ofd_and_flock(void) {
    as(ft_a, 100);
    long a = t_open("/lk", O_RDWR, 0), b = t_open("/lk", O_RDWR, 0);
    EXPECT(lk(a, F_OFD_SETLK, F_WRLCK, 0, 10) == 0, "OFD lock");
    EXPECT(lk(b, F_OFD_SETLK, F_RDLCK, 5, 1) == -EAGAIN, "another description conflicts");
    EXPECT(lk(b, F_SETLK, F_RDLCK, 5, 1) == -EAGAIN, "POSIX vs OFD");
    struct linux_flock fl = getlk(b, F_OFD_GETLK, 0, 1);
    EXPECT(fl.l_type == F_WRLCK && fl.l_pid == -1, "OFD GETLK pid %d", fl.l_pid);
    struct linux_flock withpid = { F_RDLCK, SEEK_SET, 0, 1, 5 };
    EXPECT(sys_fcntl(b, F_OFD_SETLK, U(&withpid)) == -EINVAL, "l_pid must be 0");
    long d = sys_dup(a);
    sys_close(a);
    EXPECT(lk(b, F_OFD_SETLK, F_RDLCK, 5, 1) == -EAGAIN, "the dup keeps the description");
    sys_close(d);
    EXPECT(lk(b, F_OFD_SETLK, F_WRLCK, 5, 1) == 0, "released with the description");
    sys_close(b);

    a = t_open("/lk", O_RDONLY, 0);
    b = t_open("/lk", O_RDONLY, 0);
    EXPECT(sys_flock(a, LOCK_EX) == 0 && sys_flock(b, LOCK_SH | LOCK_NB) == -EAGAIN, "flock EX");
    EXPECT(sys_flock(b, LOCK_SH) == -ERESTARTSYS, "blocking flock would sleep");
    EXPECT(lk(b, F_SETLK, F_RDLCK, 0, 0) == 0 && lk(b, F_SETLK, F_UNLCK, 0, 0) == 0, "independent of fcntl");
    EXPECT(sys_flock(a, LOCK_SH) == 0 && sys_flock(b, LOCK_SH | LOCK_NB) == 0, "converted to shared");
    EXPECT(sys_flock(a, LOCK_EX | LOCK_NB) == -EAGAIN, "upgrade blocked by the other shared lock");
    EXPECT(sys_flock(b, LOCK_EX | LOCK_NB) == 0, "the failed upgrade dropped a's lock, as Linux's does");
    EXPECT(sys_flock(a, LOCK_SH | LOCK_NB) == -EAGAIN, "b holds it now");
    long d2 = sys_dup(b);
    sys_close(b);
    EXPECT(sys_flock(a, LOCK_SH | LOCK_NB) == -EAGAIN, "a dup keeps it");
    sys_close(d2);
    EXPECT(sys_flock(a, LOCK_SH | LOCK_NB) == 0, "the last close released it");
    b = a;
    EXPECT(sys_flock(b, 0) == -EINVAL && sys_flock(99, LOCK_SH) == -EBADF, "errors");
    EXPECT(sys_flock(b, LOCK_MAND | LOCK_READ) == 0, "LOCK_MAND ignored");
    sys_close(b);
}

int main(void) {
    h_init();
    shim_boot();
    struct files_table *orig = host_current->files;
    pid_t pid = host_current->proc->pid;
    ft_a = files_dup(orig);
    ft_b = files_dup(orig);
    RUN(posix);
    RUN(merge_and_errors);
    RUN(ofd_and_flock);
    as(orig, pid);
    files_put(ft_a);
    files_put(ft_b);
    return h_finish("test_locks");
}
