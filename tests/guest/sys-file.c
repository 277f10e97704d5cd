/* File syscalls: openat read write lseek pread64 pwrite64 readv writev fstat newfstatat statx
 * getdents64 readlinkat faccessat getcwd chdir dup dup3 fcntl close, plus the usual errors.
 * Needs the rootfs's /tests/data (hello.txt, lines.txt, hello-link -> hello.txt, subdir/nested.txt)
 * and a writable /tmp. Exit 0 = pass. */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/stat.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>

#define DATA "/tests/data"
#define HELLO "hello, levitate\n"
#define HELLO_LEN 16

static long sys_openat(int dfd, const char *path, int flags, int mode)
{
    return syscall(SYS_openat, dfd, path, flags, mode);
}

static void test_cwd(void)
{
    char buf[256];
    long n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    /* the raw syscall returns the length including the NUL */
    EQ(n, 2);
    CHECK(strcmp(buf, "/") == 0, "initial cwd is \"%s\", expected \"/\"", buf);
    EQ(syscall(SYS_chdir, DATA), 0);
    n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    EQ(n, (long)sizeof DATA);
    CHECK(strcmp(buf, DATA) == 0, "cwd after chdir is \"%s\"", buf);
    FAILS(syscall(SYS_getcwd, buf, 3), ERANGE);
    /* relative lookups now go from /tests/data */
    long fd = OK(sys_openat(AT_FDCWD, "hello.txt", O_RDONLY, 0));
    if (fd >= 0)
        close(fd);
    EQ(syscall(SYS_chdir, "subdir"), 0);
    n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    CHECK(strcmp(buf, DATA "/subdir") == 0, "cwd after chdir subdir is \"%s\"", buf);
    EQ(syscall(SYS_chdir, ".."), 0);
    n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    CHECK(strcmp(buf, DATA) == 0, "cwd after chdir .. is \"%s\"", buf);
    FAILS(syscall(SYS_chdir, "hello.txt"), ENOTDIR);
    FAILS(syscall(SYS_chdir, "/nonexistent"), ENOENT);
    FAILS(syscall(SYS_chdir, ""), ENOENT);
    EQ(syscall(SYS_chdir, "/"), 0);
    n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    CHECK(strcmp(buf, "/") == 0, "cwd after chdir / is \"%s\"", buf);
    /* fchdir */
    fd = OK(sys_openat(AT_FDCWD, DATA, O_RDONLY | O_DIRECTORY, 0));
    EQ(syscall(SYS_fchdir, fd), 0);
    n = OK(syscall(SYS_getcwd, buf, sizeof buf));
    CHECK(strcmp(buf, DATA) == 0, "cwd after fchdir is \"%s\"", buf);
    close(fd);
    EQ(syscall(SYS_chdir, "/"), 0);
}

static void test_read(void)
{
    char buf[64];
    long fd = OK(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDONLY, 0));
    if (fd < 0)
        return;
    EQ(fd, 3); /* lowest free descriptor */
    memset(buf, 0, sizeof buf);
    EQ(syscall(SYS_read, fd, buf, 5), 5);
    CHECK(memcmp(buf, "hello", 5) == 0, "read gave \"%.5s\"", buf);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 5);
    EQ(syscall(SYS_read, fd, buf, sizeof buf), HELLO_LEN - 5);
    CHECK(memcmp(buf, HELLO + 5, HELLO_LEN - 5) == 0, "second read gave \"%.11s\"", buf);
    EQ(syscall(SYS_read, fd, buf, sizeof buf), 0); /* EOF */
    EQ(syscall(SYS_lseek, fd, 0, SEEK_END), HELLO_LEN);
    EQ(syscall(SYS_lseek, fd, -3L, SEEK_END), HELLO_LEN - 3);
    EQ(syscall(SYS_lseek, fd, 1, SEEK_CUR), HELLO_LEN - 2);
    EQ(syscall(SYS_lseek, fd, 7, SEEK_SET), 7);
    EQ(syscall(SYS_read, fd, buf, 8), 8);
    CHECK(memcmp(buf, "levitate", 8) == 0, "read after lseek gave \"%.8s\"", buf);
    FAILS(syscall(SYS_lseek, fd, -1L, SEEK_SET), EINVAL);
    FAILS(syscall(SYS_lseek, fd, 0, 99), EINVAL);
    /* seeking past the end is allowed; reading there gives EOF */
    EQ(syscall(SYS_lseek, fd, 1000, SEEK_SET), 1000);
    EQ(syscall(SYS_read, fd, buf, 4), 0);

    /* pread does not move the file offset */
    EQ(syscall(SYS_lseek, fd, 2, SEEK_SET), 2);
    EQ(syscall(SYS_pread64, fd, buf, 5, 7), 5);
    CHECK(memcmp(buf, "levit", 5) == 0, "pread gave \"%.5s\"", buf);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 2);
    EQ(syscall(SYS_pread64, fd, buf, 5, 100), 0);
    FAILS(syscall(SYS_pread64, fd, buf, 5, -1L), EINVAL);

    /* readv fills the buffers in order */
    char a[3], b[5];
    struct iovec iov[2] = {{a, sizeof a}, {b, sizeof b}};
    EQ(syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
    EQ(syscall(SYS_readv, fd, iov, 2), 8);
    CHECK(memcmp(a, "hel", 3) == 0 && memcmp(b, "lo, l", 5) == 0, "readv gave \"%.3s\" \"%.5s\"", a, b);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 8);
    FAILS(syscall(SYS_readv, fd, iov, 100000), EINVAL);
    /* writing to a read-only descriptor */
    FAILS(syscall(SYS_write, fd, "x", 1), EBADF);

    /* fstat */
    struct stat st;
    EQ(syscall(SYS_fstat, fd, &st), 0);
    EQ(st.st_size, HELLO_LEN);
    CHECK(S_ISREG(st.st_mode), "st_mode %#o is not a regular file", st.st_mode);
    EQ(st.st_mode & 07777, 0644);
    EQ(st.st_nlink, 1);
    EQ(st.st_uid, 0);
    EQ(st.st_gid, 0);
    CHECK(st.st_ino != 0, "st_ino is 0");
    CHECK(st.st_blksize > 0, "st_blksize is %ld", (long)st.st_blksize);

    /* newfstatat: path, AT_EMPTY_PATH on the fd, symlink with and without following */
    struct stat st2;
    EQ(syscall(SYS_newfstatat, AT_FDCWD, DATA "/hello.txt", &st2, 0), 0);
    EQ(st2.st_ino, st.st_ino);
    EQ(st2.st_dev, st.st_dev);
    EQ(st2.st_size, HELLO_LEN);
    memset(&st2, 0, sizeof st2);
    EQ(syscall(SYS_newfstatat, fd, "", &st2, AT_EMPTY_PATH), 0);
    EQ(st2.st_ino, st.st_ino);
    FAILS(syscall(SYS_newfstatat, fd, "", &st2, 0), ENOENT);
    EQ(syscall(SYS_newfstatat, AT_FDCWD, DATA "/hello-link", &st2, 0), 0);
    EQ(st2.st_ino, st.st_ino);
    EQ(syscall(SYS_newfstatat, AT_FDCWD, DATA "/hello-link", &st2, AT_SYMLINK_NOFOLLOW), 0);
    CHECK(S_ISLNK(st2.st_mode), "lstat of a symlink: st_mode %#o", st2.st_mode);
    EQ(st2.st_size, 9); /* strlen("hello.txt") */
    EQ(syscall(SYS_newfstatat, AT_FDCWD, DATA, &st2, 0), 0);
    CHECK(S_ISDIR(st2.st_mode), "stat of a directory: st_mode %#o", st2.st_mode);
    EQ(syscall(SYS_newfstatat, AT_FDCWD, "/", &st2, 0), 0);
    CHECK(S_ISDIR(st2.st_mode), "stat of /: st_mode %#o", st2.st_mode);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, DATA "/missing", &st2, 0), ENOENT);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, DATA "/hello.txt/x", &st2, 0), ENOTDIR);
    FAILS(syscall(SYS_newfstatat, 1234, "", &st2, AT_EMPTY_PATH), EBADF);

    /* statx */
    struct statx stx;
    memset(&stx, 0, sizeof stx);
    EQ(syscall(SYS_statx, AT_FDCWD, DATA "/hello.txt", 0, STATX_BASIC_STATS, &stx), 0);
    EQ(stx.stx_size, HELLO_LEN);
    CHECK(S_ISREG(stx.stx_mode), "statx stx_mode %#o", stx.stx_mode);
    EQ(stx.stx_mode & 07777, 0644);
    EQ(stx.stx_ino, st.st_ino);
    CHECK((stx.stx_mask & (STATX_TYPE | STATX_MODE | STATX_SIZE)) == (STATX_TYPE | STATX_MODE | STATX_SIZE),
          "statx mask %#x lacks TYPE|MODE|SIZE", stx.stx_mask);
    memset(&stx, 0, sizeof stx);
    EQ(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_BASIC_STATS, &stx), 0);
    EQ(stx.stx_size, HELLO_LEN);
    EQ(syscall(SYS_statx, AT_FDCWD, DATA "/hello-link", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &stx), 0);
    CHECK(S_ISLNK(stx.stx_mode), "statx of a symlink with NOFOLLOW: stx_mode %#o", stx.stx_mode);
    FAILS(syscall(SYS_statx, AT_FDCWD, DATA "/missing", 0, STATX_BASIC_STATS, &stx), ENOENT);
    /* Rust std's probe: must be EFAULT */
    FAILS(syscall(SYS_statx, 0, NULL, AT_STATX_SYNC_AS_STAT, STATX_ALL, NULL), EFAULT);

    EQ(syscall(SYS_close, fd), 0);
    FAILS(syscall(SYS_close, fd), EBADF);
    FAILS(syscall(SYS_read, fd, buf, 1), EBADF);
    FAILS(syscall(SYS_fstat, fd, &st), EBADF);
}

static void test_open_errors(void)
{
    FAILS(sys_openat(AT_FDCWD, DATA "/missing", O_RDONLY, 0), ENOENT);
    FAILS(sys_openat(AT_FDCWD, "/nonexistent-dir/x", O_RDONLY, 0), ENOENT);
    FAILS(sys_openat(AT_FDCWD, "/nonexistent-dir/x", O_RDWR | O_CREAT, 0644), ENOENT);
    FAILS(sys_openat(AT_FDCWD, DATA "/hello.txt/x", O_RDONLY, 0), ENOTDIR);
    FAILS(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDONLY | O_DIRECTORY, 0), ENOTDIR);
    FAILS(sys_openat(AT_FDCWD, DATA, O_WRONLY, 0), EISDIR);
    FAILS(sys_openat(AT_FDCWD, DATA, O_RDWR, 0), EISDIR);
    FAILS(sys_openat(AT_FDCWD, "", O_RDONLY, 0), ENOENT);
    FAILS(sys_openat(1234, "hello.txt", O_RDONLY, 0), EBADF);
    FAILS(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    /* dirfd-relative lookups */
    long dfd = OK(sys_openat(AT_FDCWD, DATA, O_RDONLY | O_DIRECTORY, 0));
    long fd = OK(sys_openat(dfd, "hello.txt", O_RDONLY, 0));
    char buf[8];
    if (fd >= 0) {
        EQ(syscall(SYS_read, fd, buf, 5), 5);
        CHECK(memcmp(buf, "hello", 5) == 0, "dirfd-relative open read \"%.5s\"", buf);
        FAILS(sys_openat(fd, "x", O_RDONLY, 0), ENOTDIR);
        /* an absolute path ignores the dirfd */
        long fd2 = OK(sys_openat(fd, "/tests/data/lines.txt", O_RDONLY, 0));
        if (fd2 >= 0)
            close(fd2);
        close(fd);
    }
    fd = OK(sys_openat(dfd, "subdir/../hello-link", O_RDONLY, 0));
    if (fd >= 0) {
        EQ(syscall(SYS_read, fd, buf, 5), 5);
        CHECK(memcmp(buf, "hello", 5) == 0, "open through .. and a symlink read \"%.5s\"", buf);
        close(fd);
    }
    FAILS(sys_openat(dfd, "hello-link", O_RDONLY | O_NOFOLLOW, 0), ELOOP);
    fd = OK(sys_openat(dfd, "hello-link", O_PATH | O_NOFOLLOW, 0));
    if (fd >= 0)
        close(fd);
    close(dfd);
}

struct ent { const char *name; unsigned char type; int seen; };

struct lx_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static void test_getdents(void)
{
    struct ent want[] = {
        {".", DT_DIR, 0}, {"..", DT_DIR, 0}, {"hello.txt", DT_REG, 0}, {"lines.txt", DT_REG, 0},
        {"hello-link", DT_LNK, 0}, {"subdir", DT_DIR, 0},
    };
    int nwant = sizeof want / sizeof want[0];
    long fd = OK(sys_openat(AT_FDCWD, DATA, O_RDONLY | O_DIRECTORY, 0));
    if (fd < 0)
        return;
    /* a small buffer forces several calls */
    char buf[64] __attribute__((aligned(8)));
    int total = 0, calls = 0, bad = 0;
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        CHECK(n >= 0, "getdents64 returned %ld errno=%d", n, errno);
        if (n <= 0)
            break;
        calls++;
        for (long off = 0; off < n;) {
            struct lx_dirent64 *d = (struct lx_dirent64 *)(buf + off);
            if (d->d_reclen == 0 || d->d_reclen % 8 || off + d->d_reclen > n) {
                CHECK(0, "bad d_reclen %u at offset %ld of %ld", d->d_reclen, off, n);
                bad = 1;
                break;
            }
            int found = 0;
            for (int i = 0; i < nwant; i++)
                if (strcmp(d->d_name, want[i].name) == 0) {
                    found = 1;
                    want[i].seen++;
                    CHECK(d->d_type == want[i].type, "d_type of %s is %d, expected %d", d->d_name,
                          d->d_type, want[i].type);
                }
            CHECK(found, "unexpected directory entry \"%s\"", d->d_name);
            CHECK(d->d_ino != 0, "d_ino of %s is 0", d->d_name);
            total++;
            off += d->d_reclen;
        }
        if (bad || calls > 100)
            break;
    }
    EQ(total, nwant);
    CHECK(calls >= 2, "getdents64 with a 64-byte buffer returned everything in %d call(s)", calls);
    for (int i = 0; i < nwant; i++)
        CHECK(want[i].seen == 1, "entry %s seen %d times", want[i].name, want[i].seen);
    /* at the end it keeps returning 0 */
    EQ(syscall(SYS_getdents64, fd, buf, sizeof buf), 0);
    /* rewinding restarts the listing */
    EQ(syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
    long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    CHECK(n > 0, "getdents64 after rewind returned %ld", n);
    /* a buffer too small for one entry */
    FAILS(syscall(SYS_getdents64, fd, buf, 8), EINVAL);
    close(fd);
    fd = OK(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDONLY, 0));
    FAILS(syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
    close(fd);
    FAILS(syscall(SYS_getdents64, 1234, buf, sizeof buf), EBADF);
}

static void test_readlink_access(void)
{
    char buf[64];
    memset(buf, 'X', sizeof buf);
    EQ(syscall(SYS_readlinkat, AT_FDCWD, DATA "/hello-link", buf, sizeof buf), 9);
    CHECK(memcmp(buf, "hello.txt", 9) == 0 && buf[9] == 'X', "readlinkat gave \"%.10s\" (no NUL is added)", buf);
    memset(buf, 'X', sizeof buf);
    EQ(syscall(SYS_readlinkat, AT_FDCWD, DATA "/hello-link", buf, 4), 4); /* truncated */
    CHECK(memcmp(buf, "hellX", 5) == 0, "truncated readlinkat gave \"%.5s\"", buf);
    FAILS(syscall(SYS_readlinkat, AT_FDCWD, DATA "/hello.txt", buf, sizeof buf), EINVAL);
    FAILS(syscall(SYS_readlinkat, AT_FDCWD, DATA "/missing", buf, sizeof buf), ENOENT);
    FAILS(syscall(SYS_readlinkat, AT_FDCWD, DATA "/hello-link", buf, 0), EINVAL);
    long dfd = OK(sys_openat(AT_FDCWD, DATA, O_RDONLY | O_DIRECTORY, 0));
    EQ(syscall(SYS_readlinkat, dfd, "hello-link", buf, sizeof buf), 9);

    EQ(syscall(SYS_faccessat, AT_FDCWD, DATA "/hello.txt", F_OK, 0), 0);
    EQ(syscall(SYS_faccessat, AT_FDCWD, DATA "/hello.txt", R_OK | W_OK, 0), 0); /* root */
    FAILS(syscall(SYS_faccessat, AT_FDCWD, DATA "/hello.txt", X_OK, 0), EACCES); /* no x bit at all */
    EQ(syscall(SYS_faccessat, AT_FDCWD, "/bin/busybox", X_OK, 0), 0);
    EQ(syscall(SYS_faccessat, dfd, "subdir", X_OK, 0), 0);
    FAILS(syscall(SYS_faccessat, AT_FDCWD, DATA "/missing", F_OK, 0), ENOENT);
    FAILS(syscall(SYS_faccessat, AT_FDCWD, DATA "/hello.txt", 0x100, 0), EINVAL);
    close(dfd);
}

static void test_write(void)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/tmp/sys-file-%ld", (long)getpid());
    long fd = OK(sys_openat(AT_FDCWD, path, O_RDWR | O_CREAT | O_EXCL | O_TRUNC, 0600));
    if (fd < 0)
        return;
    struct stat st;
    EQ(syscall(SYS_fstat, fd, &st), 0);
    EQ(st.st_size, 0);
    EQ(st.st_mode & 07777, 0600);
    EQ(syscall(SYS_write, fd, "abcdef", 6), 6);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 6);
    /* pwrite past the end leaves a zero-filled hole and does not move the offset */
    EQ(syscall(SYS_pwrite64, fd, "XYZ", 3, 100), 3);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 6);
    EQ(syscall(SYS_fstat, fd, &st), 0);
    EQ(st.st_size, 103);
    memset(buf, 1, sizeof buf);
    EQ(syscall(SYS_pread64, fd, buf, sizeof buf, 0), 103);
    int hole_ok = 1;
    for (int i = 6; i < 100; i++)
        if (buf[i])
            hole_ok = 0;
    CHECK(hole_ok, "the hole left by pwrite is not zero-filled");
    CHECK(memcmp(buf, "abcdef", 6) == 0 && memcmp(buf + 100, "XYZ", 3) == 0, "file content wrong");
    /* overwrite in the middle */
    EQ(syscall(SYS_pwrite64, fd, "CD", 2, 2), 2);
    /* writev writes the buffers in order at the offset */
    struct iovec iov[3] = {{"12", 2}, {"", 0}, {"345", 3}};
    EQ(syscall(SYS_writev, fd, iov, 3), 5);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 11);
    EQ(syscall(SYS_pread64, fd, buf, 11, 0), 11);
    CHECK(memcmp(buf, "abCDef12345", 11) == 0, "after writev: \"%.11s\"", buf);
    FAILS(syscall(SYS_writev, fd, iov, -1L), EINVAL);
    /* write of 0 bytes */
    EQ(syscall(SYS_write, fd, buf, 0), 0);
    /* ftruncate shrinks and grows */
    EQ(syscall(SYS_ftruncate, fd, 4), 0);
    EQ(syscall(SYS_fstat, fd, &st), 0);
    EQ(st.st_size, 4);
    EQ(syscall(SYS_ftruncate, fd, 10), 0);
    EQ(syscall(SYS_pread64, fd, buf, sizeof buf, 0), 10);
    CHECK(memcmp(buf, "abCD\0\0\0\0\0\0", 10) == 0, "after ftruncate: wrong content");
    close(fd);

    /* O_APPEND writes always go to the end */
    fd = OK(sys_openat(AT_FDCWD, path, O_WRONLY | O_APPEND, 0));
    EQ(syscall(SYS_lseek, fd, 0, SEEK_SET), 0);
    EQ(syscall(SYS_write, fd, "END", 3), 3);
    EQ(syscall(SYS_lseek, fd, 0, SEEK_CUR), 13);
    long fl = syscall(SYS_fcntl, fd, F_GETFL);
    CHECK(fl >= 0 && (fl & O_ACCMODE) == O_WRONLY && (fl & O_APPEND), "F_GETFL = %#lx", fl);
    FAILS(syscall(SYS_read, fd, buf, 1), EBADF);
    close(fd);
    /* O_TRUNC empties it */
    fd = OK(sys_openat(AT_FDCWD, path, O_RDWR | O_TRUNC, 0));
    EQ(syscall(SYS_fstat, fd, &st), 0);
    EQ(st.st_size, 0);
    close(fd);
    EQ(syscall(SYS_unlinkat, AT_FDCWD, path, 0), 0);
    FAILS(sys_openat(AT_FDCWD, path, O_RDONLY, 0), ENOENT);
    FAILS(syscall(SYS_unlinkat, AT_FDCWD, path, 0), ENOENT);

    /* directories: mkdirat, EEXIST, rmdir */
    snprintf(path, sizeof path, "/tmp/sys-file-dir-%ld", (long)getpid());
    EQ(syscall(SYS_mkdirat, AT_FDCWD, path, 0755), 0);
    FAILS(syscall(SYS_mkdirat, AT_FDCWD, path, 0755), EEXIST);
    EQ(syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0), 0);
    CHECK(S_ISDIR(st.st_mode), "mkdirat made st_mode %#o", st.st_mode);
    FAILS(syscall(SYS_unlinkat, AT_FDCWD, path, 0), EISDIR);
    EQ(syscall(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR), 0);
    FAILS(syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0), ENOENT);
}

static void test_dup_fcntl(void)
{
    long fd = OK(sys_openat(AT_FDCWD, DATA "/lines.txt", O_RDONLY, 0));
    if (fd < 0)
        return;
    long d = OK(syscall(SYS_dup, fd));
    EQ(d, fd + 1); /* lowest free */
    /* duplicates share the file offset */
    EQ(syscall(SYS_lseek, fd, 10, SEEK_SET), 10);
    EQ(syscall(SYS_lseek, d, 0, SEEK_CUR), 10);
    EQ(syscall(SYS_fcntl, d, F_GETFD), 0); /* dup clears close-on-exec */
    EQ(syscall(SYS_dup3, fd, 20, O_CLOEXEC), 20);
    EQ(syscall(SYS_fcntl, 20, F_GETFD), FD_CLOEXEC);
    EQ(syscall(SYS_fcntl, 20, F_SETFD, 0), 0);
    EQ(syscall(SYS_fcntl, 20, F_GETFD), 0);
    /* dup3 onto an open descriptor closes it first */
    EQ(syscall(SYS_dup3, d, 20, 0), 20);
    EQ(syscall(SYS_lseek, 20, 0, SEEK_CUR), 10);
    FAILS(syscall(SYS_dup3, fd, fd, 0), EINVAL);
    FAILS(syscall(SYS_dup3, fd, 21, 0x4), EINVAL);
    FAILS(syscall(SYS_dup3, 1234, 21, 0), EBADF);
    FAILS(syscall(SYS_dup, 1234), EBADF);
    FAILS(syscall(SYS_dup3, fd, -1, 0), EBADF);
    /* F_DUPFD / F_DUPFD_CLOEXEC pick the lowest free >= arg */
    EQ(syscall(SYS_fcntl, fd, F_DUPFD, 20), 21);
    EQ(syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 30), 30);
    EQ(syscall(SYS_fcntl, 30, F_GETFD), FD_CLOEXEC);
    long fl = syscall(SYS_fcntl, fd, F_GETFL);
    CHECK(fl >= 0 && (fl & O_ACCMODE) == O_RDONLY && !(fl & (O_APPEND | O_NONBLOCK)), "F_GETFL = %#lx", fl);
    EQ(syscall(SYS_fcntl, fd, F_SETFL, fl | O_NONBLOCK), 0);
    long fl2 = syscall(SYS_fcntl, d, F_GETFL); /* status flags are shared by duplicates */
    CHECK(fl2 >= 0 && (fl2 & O_NONBLOCK), "F_GETFL on the dup = %#lx, expected O_NONBLOCK", fl2);
    FAILS(syscall(SYS_fcntl, fd, 12345), EINVAL);
    FAILS(syscall(SYS_fcntl, 1234, F_GETFD), EBADF);
    /* O_CLOEXEC at open time */
    long c = OK(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDONLY | O_CLOEXEC, 0));
    EQ(syscall(SYS_fcntl, c, F_GETFD), FD_CLOEXEC);
    close(c);
    close(30);
    close(21);
    close(20);
    close(d);
    close(fd);
    /* after closing everything the lowest free descriptor is 3 again */
    c = OK(sys_openat(AT_FDCWD, DATA "/hello.txt", O_RDONLY, 0));
    EQ(c, 3);
    close(c);
}

int main(void)
{
    start("sys-file");
    test_cwd();
    test_read();
    test_open_errors();
    test_getdents();
    test_readlink_access();
    test_write();
    test_dup_fcntl();
    return finish();
}
