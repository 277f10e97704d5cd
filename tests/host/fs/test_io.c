/* Host tests of the I/O syscalls: readv/writev, sendfile, stat/statx/fstat, ppoll and pselect6
 * (non-blocking paths: the shim never sleeps), and pipes through poll. */
#include "shim_fs.h"
#include "fs/pipe.h"

static void vectors(void) {
    long fd = t_open("/io", O_RDWR | O_CREAT | O_TRUNC, 0644);
    struct linux_iovec iov[3] = { { U("ab"), 2 }, { U(""), 0 }, { U("cdef"), 4 } };
    EXPECT(sys_writev(fd, U(iov), 3) == 6, "writev");
    EXPECT(sys_writev(fd, U(iov), 0) == 0, "writev 0 segments");
    EXPECT(sys_writev(fd, U(iov), 1025) == -EINVAL, "too many segments");
    EXPECT(sys_writev(fd, BADPTR, 2) == -EFAULT, "bad iovec array");
    struct linux_iovec neg = { U("x"), (u64)-1 };
    EXPECT(sys_writev(fd, U(&neg), 1) == -EINVAL, "negative length");
    struct linux_iovec badseg[2] = { { U("gh"), 2 }, { BADPTR, 4 } };
    EXPECT(sys_writev(fd, U(badseg), 2) == 2, "partial write before a bad segment");
    char a[3] = { 0 }, b[8] = { 0 };
    struct linux_iovec riov[2] = { { U(a), 3 }, { U(b), 8 } };
    EXPECT(sys_preadv(fd, U(riov), 2, 0, 0) == 8, "preadv");
    EXPECT(!memcmp(a, "abc", 3) && !memcmp(b, "defgh", 5), "preadv data %.3s %.5s", a, b);
    EXPECT(sys_readv(99, U(riov), 2) == -EBADF, "readv bad fd");
    EXPECT(sys_preadv2(fd, U(riov), 2, (unsigned long)-1, 0, 0) == 0, "preadv2 at the file position (EOF)");
    EXPECT(sys_preadv2(fd, U(riov), 2, 0, 0, 0x100) == -EOPNOTSUPP, "preadv2 unknown flag");
    sys_close(fd);
}

static void stats(void) {
    struct linux_stat st;
    struct linux_statx sx;
    long fd = t_open("/io", O_RDONLY, 0);
    EXPECT(sys_fstat(fd, U(&st)) == 0 && S_ISREG(st.st_mode) && st.st_size == 8 && st.st_blksize == 4096, "fstat");
    EXPECT(sys_fstat(fd, BADPTR) == -EFAULT && sys_fstat(99, U(&st)) == -EBADF, "fstat errors");
    /* glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH). */
    struct linux_stat st2;
    EXPECT(sys_newfstatat(fd, U(""), U(&st2), AT_EMPTY_PATH) == 0 && st2.st_ino == st.st_ino, "AT_EMPTY_PATH");
    /* Rust std's probe. */
    EXPECT(sys_statx(0, 0, AT_STATX_SYNC_AS_STAT, STATX_ALL, 0) == -EFAULT, "statx probe");
    EXPECT(sys_statx(AT_FDCWD, U("/io"), 0, STATX_BASIC_STATS, U(&sx)) == 0, "statx");
    EXPECT((sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS && sx.stx_size == 8 &&
           sx.stx_ino == st.st_ino && sx.stx_mode == st.st_mode, "statx fields");
    EXPECT(sys_statx(AT_FDCWD, U("/io"), AT_STATX_SYNC_TYPE, 0, U(&sx)) == -EINVAL, "both sync flags");
    EXPECT(sys_statx(AT_FDCWD, U("/io"), 0, STATX__RESERVED, U(&sx)) == -EINVAL, "reserved mask");
    EXPECT(sys_statx(AT_FDCWD, U("/io"), 0x1, 0, U(&sx)) == -EINVAL, "bad flags");
    EXPECT(sys_statx(AT_FDCWD, U("/io"), 0, 0, BADPTR) == -EFAULT, "bad buffer");
    EXPECT(sys_statx(AT_FDCWD, U("/dev"), 0, 0, U(&sx)) == 0 && (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT),
           "mount root attribute");
    EXPECT(t_stat("/dev/null", &st) == 0 && st.st_rdev == ((1 << 8) | 3), "st_rdev encoding %#lx",
           (unsigned long)st.st_rdev);
    sys_close(fd);
}

static void sendfile(void) {
    t_put("/src", "0123456789");
    long in = t_open("/src", O_RDONLY, 0), out = t_open("/dst", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    EXPECT(sys_sendfile(out, in, 0, 4) == 4 && sys_lseek(in, 0, SEEK_CUR) == 4, "sendfile advances in");
    long off = 8;
    EXPECT(sys_sendfile(out, in, U(&off), 100) == 2 && off == 10 && sys_lseek(in, 0, SEEK_CUR) == 4,
           "sendfile with an offset");
    EXPECT(sys_sendfile(out, in, 0, 100) == 6, "rest");
    EXPECT(sys_sendfile(out, in, 0, 100) == 0, "EOF");
    char buf[32];
    EXPECT(t_get("/dst", buf, sizeof buf) == 12 && !strcmp(buf, "012389456789"), "dst %s", buf);
    EXPECT(sys_sendfile(out, in, BADPTR, 1) == -EFAULT, "bad offset pointer");
    EXPECT(sys_sendfile(in, out, 0, 1) == -EBADF, "wrong directions");
    struct file *rd, *wr;
    EXPECT(pipe_create(0, &rd, &wr) == 0, "pipe");
    int prd = fd_install(host_current->files, rd, 0), pwr = fd_install(host_current->files, wr, 0);
    EXPECT(sys_sendfile(out, prd, 0, 1) == -EINVAL, "sendfile from a pipe (BusyBox cat relies on EINVAL)");
    EXPECT(sys_sendfile(pwr, in, U(&(long){ 0 }), 5) == 5, "sendfile into a pipe");
    EXPECT(t_read(prd, buf, sizeof buf) == 5 && !memcmp(buf, "01234", 5), "pipe got the data");
    EXPECT(sys_fcntl(prd, F_GETFL, 0) == O_RDONLY && sys_fcntl(pwr, F_GETFL, 0) == O_WRONLY, "pipe F_GETFL");
    EXPECT(sys_lseek(prd, 0, SEEK_CUR) == -ESPIPE && sys_pread64(prd, U(buf), 1, 0) == -ESPIPE, "ESPIPE");
    long app = t_open("/dst", O_WRONLY | O_APPEND, 0);
    EXPECT(sys_sendfile(app, in, 0, 1) == -EINVAL, "O_APPEND output");
    sys_close(app);
    sys_close(prd);
    sys_close(pwr);
    sys_close(in);
    sys_close(out);
}

static void copy_range(void) {
    t_put("/cr_src", "abcdefghij");
    long in = t_open("/cr_src", O_RDONLY, 0), out = t_open("/cr_dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
    EXPECT(sys_copy_file_range(-1, 0, out, 0, 4, 0) == -EBADF, "uutils' probe with fd -1");
    EXPECT(sys_copy_file_range(in, 0, out, 0, 4, 1) == -EINVAL, "flags");
    EXPECT(sys_copy_file_range(in, 0, out, 0, 4, 0) == 4, "copy at the positions");
    EXPECT(sys_lseek(in, 0, SEEK_CUR) == 4 && sys_lseek(out, 0, SEEK_CUR) == 4, "positions advanced");
    long oi = 8, oo = 0;
    EXPECT(sys_copy_file_range(in, U(&oi), out, U(&oo), 100, 0) == 2 && oi == 10 && oo == 2, "with offsets");
    EXPECT(sys_copy_file_range(in, U(&oi), out, U(&oo), 100, 0) == 0, "at EOF");
    char buf[16];
    EXPECT(sys_pread64(out, U(buf), sizeof buf, 0) == 4 && !memcmp(buf, "ijcd", 4), "dst %.4s", buf);
    EXPECT(sys_copy_file_range(in, 0, in, 0, 1, 0) == -EBADF, "into an O_RDONLY fd");
    oi = 0; oo = 2;
    EXPECT(sys_copy_file_range(out, U(&oi), out, U(&oo), 4, 0) == -EINVAL, "overlap in one file");
    long d = t_open("/", O_RDONLY, 0);
    EXPECT(sys_copy_file_range(d, 0, out, 0, 1, 0) == -EISDIR, "from a directory");
    sys_close(d);
    EXPECT(sys_copy_file_range(in, BADPTR, out, 0, 1, 0) == -EFAULT, "bad offset pointer");
    sys_close(in);
    sys_close(out);
}

static void poll(void) {
    long f = t_open("/src", O_RDONLY, 0);
    struct file *rd, *wr;
    EXPECT(pipe_create(O_NONBLOCK, &rd, &wr) == 0, "pipe");
    int prd = fd_install(host_current->files, rd, 0), pwr = fd_install(host_current->files, wr, 0);
    struct linux_timespec zero = { 0, 0 };
    struct linux_pollfd p[5] = {
        { (int)f, POLLIN | POLLOUT, 0 }, { prd, POLLIN, 0 }, { pwr, POLLOUT, 0 }, { -1, POLLIN, 0 }, { 77, POLLIN, 0 },
    };
    EXPECT(sys_ppoll(U(p), 5, U(&zero), 0, 0) == 3, "ready count");
    EXPECT(p[0].revents == (POLLIN | POLLOUT), "regular file %#x", p[0].revents);
    EXPECT(p[1].revents == 0 && p[2].revents == POLLOUT && p[3].revents == 0 && p[4].revents == POLLNVAL,
           "revents %#x %#x %#x %#x", p[1].revents, p[2].revents, p[3].revents, p[4].revents);
    t_write(pwr, "x", 1);
    EXPECT(sys_ppoll(U(&p[1]), 1, U(&zero), 0, 0) == 1 && p[1].revents == POLLIN, "pipe readable");
    sys_close(pwr);
    char c;
    t_read(prd, &c, 1);
    EXPECT(sys_ppoll(U(&p[1]), 1, U(&zero), 0, 0) == 1 && p[1].revents == POLLHUP, "hangup %#x", p[1].revents);
    /* Nothing ready: a timed wait returns 0 (the shim never blocks), an untimed one EINTR. */
    struct linux_pollfd none = { -1, POLLIN, 0 };
    struct linux_timespec ms = { 0, 1000000 };
    EXPECT(sys_ppoll(U(&none), 1, U(&ms), 0, 0) == 0, "timeout");
    EXPECT(ms.tv_sec == 0 && ms.tv_nsec >= 0 && ms.tv_nsec <= 1000000, "remaining time written back");
    EXPECT(sys_ppoll(U(&none), 0, U(&zero), 0, 0) == 0, "nfds 0");
    /* Interrupted: ERESTARTNOHAND (EINTR once a handler ran, never restarted by SA_RESTART), and a
     * temporary mask stays until the handler has run. */
    u64 tmp = 1ULL << 9;
    EXPECT(sys_ppoll(U(&none), 1, 0, U(&tmp), 8) == -514, "interrupted ppoll");
    EXPECT(host_current->sigmask == tmp && host_current->restore_sigmask && host_current->saved_sigmask == 0,
           "temporary mask");
    host_current->sigmask = 0;
    host_current->restore_sigmask = false;
    /* Rust std's start-up probe: fds 0-2, zero timeout; any error but EINTR/EINVAL/EAGAIN/ENOMEM aborts. */
    struct linux_pollfd std3[3] = { { 0, 0, 0 }, { 1, 0, 0 }, { 2, 0, 0 } };
    EXPECT(sys_ppoll(U(std3), 3, U(&zero), 0, 0) >= 0, "std probe");
    struct linux_timespec bad = { 0, 1000000000 };
    EXPECT(sys_ppoll(U(p), 1, U(&bad), 0, 0) == -EINVAL, "bad timeout");
    EXPECT(sys_ppoll(U(p), 1, BADPTR, 0, 0) == -EFAULT, "bad timeout pointer");
    EXPECT(sys_ppoll(BADPTR, 1, U(&zero), 0, 0) == -EFAULT, "bad pollfd pointer");
    EXPECT(sys_ppoll(U(p), 100000, U(&zero), 0, 0) == -EINVAL, "nfds over RLIMIT_NOFILE");
    u64 mask = 0;
    EXPECT(sys_ppoll(U(p), 1, U(&zero), U(&mask), 4) == -EINVAL, "bad sigsetsize");
    EXPECT(sys_ppoll(U(p), 1, U(&zero), U(&mask), 8) == 1, "with a sigmask");
    EXPECT(host_current->sigmask == 0 && !host_current->restore_sigmask, "sigmask not restored");

    /* pselect6 */
    u64 rset = (1ULL << f) | (1ULL << prd), wset = 1ULL << f, eset = 0;
    EXPECT(sys_pselect6(64, U(&rset), U(&wset), U(&eset), U(&zero), 0) == 3, "pselect count");
    EXPECT(rset == ((1ULL << f) | (1ULL << prd)) && wset == (1ULL << f) && eset == 0, "pselect sets");
    rset = 1ULL << 40;
    EXPECT(sys_pselect6(64, U(&rset), 0, 0, U(&zero), 0) == -EBADF, "pselect bad fd");
    EXPECT(sys_pselect6(-1, 0, 0, 0, U(&zero), 0) == -EINVAL, "pselect negative n");
    EXPECT(sys_pselect6(0, 0, 0, 0, U(&zero), 0) == 0, "pselect nothing");
    sys_close(prd);
    sys_close(f);
}

static void misc(void) {
    long f = t_open("/src", O_RDONLY, 0);
    EXPECT(sys_fsync(f) == 0 && sys_fdatasync(f) == 0 && sys_fsync(99) == -EBADF, "fsync");
    long n = t_open("/dev/null", O_WRONLY, 0);
    EXPECT(sys_fsync(n) == -EINVAL, "fsync on a char device");
    EXPECT(sys_read(n, U(&f), 1) == -EBADF, "read O_WRONLY");
    sys_close(n);
    EXPECT(sys_pwrite64(f, U("x"), 1, 0) == -EBADF, "pwrite on O_RDONLY");
    struct linux_statfs sf;
    EXPECT(sys_fstatfs(f, U(&sf)) == 0 && sf.f_bsize == 4096, "fstatfs");
    EXPECT(sys_fstatfs(f, BADPTR) == -EFAULT, "fstatfs bad buffer");
    sys_close(f);
}

int main(void) {
    h_init();
    shim_boot();
    RUN(vectors);
    RUN(stats);
    RUN(sendfile);
    RUN(copy_range);
    RUN(poll);
    RUN(misc);
    return h_finish("test_io");
}
