/* Host tests of descriptor tables (fs/fdtable.c) and the descriptor syscalls: lowest-free
 * allocation, dup/dup3/F_DUPFD, close-on-exec, sharing and copying tables, RLIMIT_NOFILE, fcntl
 * flags, generic ioctls. */
#include "shim_fs.h"

static long open_file(void) { return t_open("/fdt", O_RDWR | O_CREAT, 0644); }

static void lowest_free(void) {
    long a = open_file(), b = open_file(), c = open_file();
    EXPECT(a == 0 && b == 1 && c == 2, "fds %ld %ld %ld", a, b, c);
    EXPECT(sys_close(1) == 0, "close");
    EXPECT(sys_close(1) == -EBADF && sys_close(12345) == -EBADF, "close twice / unknown");
    EXPECT(open_file() == 1, "hole not reused");
    EXPECT(sys_dup(0) == 3, "dup");
    EXPECT(sys_dup(77) == -EBADF, "dup bad");
    EXPECT(sys_dup3(0, 10, 0) == 10, "dup3");
    EXPECT(sys_dup3(0, 0, 0) == -EINVAL, "dup3 same fd");
    EXPECT(sys_dup3(0, 11, 1) == -EINVAL, "dup3 bad flags");
    EXPECT(sys_dup3(0, 5000, 0) == -EBADF, "dup3 past the limit");
    EXPECT(sys_dup3(50, 11, 0) == -EBADF, "dup3 bad old");
    EXPECT(sys_fcntl(0, F_DUPFD, 7) == 7 && sys_fcntl(0, F_DUPFD, 7) == 8, "F_DUPFD min");
    EXPECT(sys_fcntl(0, F_DUPFD, 5000) == -EINVAL, "F_DUPFD past the limit");
    /* dup shares the open file description: one offset. */
    t_write(0, "abcdef", 6);
    EXPECT(sys_lseek(3, 0, SEEK_CUR) == 6, "shared offset");
    for (int fd = 0; fd < 12; fd++) sys_close(fd);
}

static void cloexec(void) {
    struct files_table *ft = host_current->files;
    long a = t_open("/fdt", O_RDONLY | O_CLOEXEC, 0);
    long b = open_file();
    long c = sys_fcntl(b, F_DUPFD_CLOEXEC, 0);
    EXPECT(sys_fcntl(a, F_GETFD, 0) == FD_CLOEXEC && sys_fcntl(b, F_GETFD, 0) == 0 &&
           sys_fcntl(c, F_GETFD, 0) == FD_CLOEXEC, "F_GETFD");
    long d = sys_dup(a);
    EXPECT(sys_fcntl(d, F_GETFD, 0) == 0, "dup clears FD_CLOEXEC");
    EXPECT(sys_fcntl(b, F_SETFD, FD_CLOEXEC) == 0 && sys_fcntl(b, F_GETFD, 0) == FD_CLOEXEC, "F_SETFD");
    EXPECT(sys_ioctl(d, FIOCLEX, 0) == 0 && sys_fcntl(d, F_GETFD, 0) == FD_CLOEXEC, "FIOCLEX");
    EXPECT(sys_ioctl(d, FIONCLEX, 0) == 0 && sys_fcntl(d, F_GETFD, 0) == 0, "FIONCLEX");
    long e = sys_dup3(b, 20, O_CLOEXEC);
    EXPECT(sys_fcntl(e, F_GETFD, 0) == FD_CLOEXEC, "dup3 O_CLOEXEC");
    files_close_on_exec(ft);
    EXPECT(sys_fcntl(a, F_GETFD, 0) == -EBADF && sys_fcntl(b, F_GETFD, 0) == -EBADF &&
           sys_fcntl(c, F_GETFD, 0) == -EBADF && sys_fcntl(e, F_GETFD, 0) == -EBADF, "cloexec fds survived");
    EXPECT(sys_fcntl(d, F_GETFD, 0) == 0, "plain fd closed");
    sys_close(d);
    EXPECT(fd_max_open(ft) == 0, "table not empty");
}

static void share_and_copy(void) {
    struct files_table *mine = host_current->files;
    long a = open_file();
    struct files_table *copy = files_dup(mine);
    EXPECT(copy, "files_dup");
    /* The copy has its own slots but the same open files (shared offset). */
    host_current->files = copy;
    EXPECT(t_write(a, "xyz", 3) == 3, "write via the copy");
    EXPECT(sys_close(a) == 0, "close in the copy");
    host_current->files = mine;
    EXPECT(sys_lseek(a, 0, SEEK_CUR) == 3, "offset not shared / fd closed in the original");
    files_get(mine);
    files_put(mine);               /* still referenced by the task */
    EXPECT(sys_fcntl(a, F_GETFD, 0) == 0, "table freed while shared");
    files_put(copy);
    sys_close(a);
}

static void rlimit_nofile(void) {
    struct krlimit *rl = &host_current->proc->rlim[7];
    u64 saved = rl->cur;
    rl->cur = 5;
    long fds[6];
    for (int i = 0; i < 5; i++) fds[i] = open_file();
    EXPECT(fds[4] == 4, "fds up to the limit");
    EXPECT(open_file() == -EMFILE, "EMFILE from open");
    EXPECT(sys_dup(0) == -EMFILE, "EMFILE from dup");
    EXPECT(sys_fcntl(0, F_DUPFD, 5) == -EINVAL, "F_DUPFD at the limit");
    EXPECT(sys_dup3(0, 5, 0) == -EBADF, "dup3 at the limit");
    /* EMFILE takes precedence over the path's own error, as Linux reserves the fd first. */
    EXPECT(t_open("/no/such", O_RDONLY, 0) == -EMFILE, "EMFILE before ENOENT");
    rl->cur = saved;
    for (int i = 0; i < 5; i++) sys_close(fds[i]);
}

static void status_flags(void) {
    long fd = t_open("/fdt", O_RDWR | O_APPEND, 0);
    long fl = sys_fcntl(fd, F_GETFL, 0);
    EXPECT(fl == (O_RDWR | O_APPEND | O_LARGEFILE), "F_GETFL %#lo", fl);
    EXPECT(sys_fcntl(fd, F_SETFL, O_NONBLOCK | O_RDONLY | O_CREAT) == 0, "F_SETFL");
    fl = sys_fcntl(fd, F_GETFL, 0);
    EXPECT(fl == (O_RDWR | O_NONBLOCK | O_LARGEFILE), "F_SETFL changed the wrong bits: %#lo", fl);
    int one = 1, zero = 0;
    EXPECT(sys_ioctl(fd, FIONBIO, U(&zero)) == 0 && !(sys_fcntl(fd, F_GETFL, 0) & O_NONBLOCK), "FIONBIO off");
    EXPECT(sys_ioctl(fd, FIONBIO, U(&one)) == 0 && (sys_fcntl(fd, F_GETFL, 0) & O_NONBLOCK), "FIONBIO on");
    EXPECT(sys_ioctl(fd, FIONBIO, BADPTR) == -EFAULT, "FIONBIO bad pointer");
    EXPECT(sys_ioctl(fd, TCGETS, U(&one)) == -ENOTTY, "TCGETS on a file");
    EXPECT(sys_ioctl(99, TCGETS, 0) == -EBADF, "ioctl bad fd");
    sys_lseek(fd, 0, SEEK_SET);
    int avail = -1;
    struct linux_stat st;
    sys_fstat(fd, U(&st));
    EXPECT(sys_ioctl(fd, FIONREAD, U(&avail)) == 0 && avail == st.st_size, "FIONREAD %d", avail);
    EXPECT(sys_fcntl(fd, 9999, 0) == -EINVAL, "unknown fcntl");
    struct linux_flock lk = { F_WRLCK, SEEK_SET, 0, 0, 0 };
    EXPECT(sys_fcntl(fd, F_SETLK, U(&lk)) == 0, "F_SETLK");
    EXPECT(sys_fcntl(fd, F_GETLK, U(&lk)) == 0 && lk.l_type == F_UNLCK, "F_GETLK");
    lk.l_type = 7;
    EXPECT(sys_fcntl(fd, F_SETLK, U(&lk)) == -EINVAL, "bad lock type");
    EXPECT(sys_fcntl(fd, F_SETLK, BADPTR) == -EFAULT, "bad flock pointer");
    EXPECT(sys_fcntl(fd, F_GETPIPE_SZ, 0) == -EBADF, "F_GETPIPE_SZ on a file");
    sys_close(fd);
    long p = t_open("/fdt", O_PATH, 0);
    EXPECT(sys_fcntl(p, F_GETFL, 0) == O_PATH, "O_PATH flags %#lo", sys_fcntl(p, F_GETFL, 0));
    EXPECT(sys_fcntl(p, F_SETFL, 0) == -EBADF && sys_ioctl(p, FIONREAD, U(&avail)) == -EBADF, "O_PATH limits");
    EXPECT(sys_fstat(p, U(&st)) == 0, "fstat O_PATH");
    sys_close(p);
}

static void close_ranges(void) {
    for (int i = 0; i < 6; i++) open_file();
    EXPECT(sys_close_range(2, 3, CLOSE_RANGE_CLOEXEC) == 0 && sys_fcntl(2, F_GETFD, 0) == FD_CLOEXEC, "CLOEXEC");
    EXPECT(sys_close_range(1, 4, 0) == 0 && sys_fcntl(1, F_GETFD, 0) == -EBADF && sys_fcntl(5, F_GETFD, 0) == 0,
           "close 1..4");
    EXPECT(sys_close_range(5, 4, 0) == -EINVAL && sys_close_range(0, 1, 0x80) == -EINVAL, "bad args");
    EXPECT(sys_close_range(0, ~0u, 0) == 0 && fd_max_open(host_current->files) == 0, "close all");
}

int main(void) {
    h_init();
    shim_boot();
    RUN(lowest_free);
    RUN(cloexec);
    RUN(share_and_copy);
    RUN(rlimit_nofile);
    RUN(status_flags);
    RUN(close_ranges);
    return h_finish("test_fdtable");
}
