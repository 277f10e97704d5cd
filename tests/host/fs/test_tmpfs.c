/* Host tests of tmpfs (fs/tmpfs.c, fs/tmpfs_file.c) and the namespace operations on it
 * (fs/dirops.c): file data, sparse files, truncation, unlink of open files, hard links, rename
 * rules, getdents64, modes/umask, and the /dev memory devices. */
#include "shim_fs.h"

static void read_write_seek(void) {
    t_mkdir("/t", 0755);
    long fd = t_open("/t/f", O_RDWR | O_CREAT | O_EXCL, 0644);
    EXPECT(fd >= 0, "create");
    EXPECT(t_write(fd, "hello world", 11) == 11, "write");
    char buf[32] = { 0 };
    EXPECT(t_read(fd, buf, sizeof buf) == 0, "read at EOF");
    EXPECT(sys_lseek(fd, 0, SEEK_SET) == 0 && t_read(fd, buf, 5) == 5 && !memcmp(buf, "hello", 5), "seek+read");
    EXPECT(sys_lseek(fd, 1, SEEK_CUR) == 6 && t_read(fd, buf, 32) == 5 && !memcmp(buf, "world", 5), "SEEK_CUR");
    EXPECT(sys_lseek(fd, -5, SEEK_END) == 6, "SEEK_END");
    EXPECT(sys_lseek(fd, -100, SEEK_SET) == -EINVAL && sys_lseek(fd, 0, 7) == -EINVAL, "bad seeks");
    EXPECT(sys_lseek(fd, 3, SEEK_DATA) == 3 && sys_lseek(fd, 3, SEEK_HOLE) == 11, "SEEK_DATA/HOLE");
    EXPECT(sys_lseek(fd, 11, SEEK_DATA) == -ENXIO, "SEEK_DATA at EOF");
    EXPECT(sys_pwrite64(fd, U("HELLO"), 5, 0) == 5 && sys_lseek(fd, 0, SEEK_CUR) == 11, "pwrite keeps pos");
    EXPECT(sys_pread64(fd, U(buf), 5, 0) == 5 && !memcmp(buf, "HELLO", 5), "pread");
    EXPECT(sys_pread64(fd, U(buf), 5, -1) == -EINVAL, "pread negative");
    EXPECT(sys_pread64(fd, BADPTR, 4, 0) == -EFAULT, "read into a bad buffer");
    EXPECT(t_read(fd, (void *)BADPTR, 4) == 0, "read at EOF touches no buffer");
    sys_lseek(fd, 0, SEEK_SET);
    EXPECT(t_write(fd, (void *)BADPTR, 4) == -EFAULT, "write from a bad buffer");
    sys_close(fd);
    /* O_APPEND writes at the end whatever the position. */
    fd = t_open("/t/f", O_WRONLY | O_APPEND, 0);
    EXPECT(t_write(fd, "!", 1) == 1, "append");
    sys_close(fd);
    EXPECT(t_get("/t/f", buf, sizeof buf) == 12 && !strcmp(buf, "HELLO world!"), "contents %s", buf);
    /* O_TRUNC empties, O_EXCL refuses, O_RDONLY can't write. */
    fd = t_open("/t/f", O_RDONLY, 0);
    EXPECT(t_write(fd, "x", 1) == -EBADF, "write on O_RDONLY");
    sys_close(fd);
    fd = t_open("/t/f", O_WRONLY, 0);
    EXPECT(t_read(fd, buf, 1) == -EBADF, "read on O_WRONLY");
    sys_close(fd);
    EXPECT(t_open("/t/f", O_RDWR | O_CREAT | O_EXCL, 0644) == -EEXIST, "O_EXCL");
    fd = t_open("/t/f", O_WRONLY | O_TRUNC, 0);
    struct linux_stat st;
    EXPECT(sys_fstat(fd, U(&st)) == 0 && st.st_size == 0, "O_TRUNC");
    sys_close(fd);
    EXPECT(t_open("/t/nope", O_RDONLY, 0) == -ENOENT, "ENOENT");
}

static void big_and_sparse(void) {
    long before = shim_pages;
    long fd = t_open("/t/sparse", O_RDWR | O_CREAT, 0644);
    const long off = 1L << 40;
    EXPECT(sys_pwrite64(fd, U("end"), 3, off) == 3, "write at 1 TiB");
    struct linux_stat st;
    EXPECT(sys_fstat(fd, U(&st)) == 0 && st.st_size == off + 3, "size %ld", (long)st.st_size);
    EXPECT(st.st_blocks == 8, "blocks %ld (one page)", (long)st.st_blocks);
    EXPECT(shim_pages - before == 1, "%ld pages for a sparse file", shim_pages - before);
    char buf[8192];
    memset(buf, 'x', sizeof buf);
    EXPECT(sys_pread64(fd, U(buf), sizeof buf, 12345) == sizeof buf, "read a hole");
    for (size_t i = 0; i < sizeof buf; i++) EXPECT(buf[i] == 0, "hole byte %zu is %d", i, buf[i]);
    EXPECT(sys_pread64(fd, U(buf), 10, off) == 3 && !memcmp(buf, "end", 3), "data after the hole");
    /* A multi-page write straddling page boundaries. */
    static char big[3 * 4096 + 100];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char)(i * 7);
    EXPECT(sys_pwrite64(fd, U(big), sizeof big, 4000) == sizeof big, "big write");
    static char back[sizeof big];
    EXPECT(sys_pread64(fd, U(back), sizeof back, 4000) == sizeof back && !memcmp(big, back, sizeof big), "big read");
    /* Shrinking frees pages and zeroes the cut tail; growing reads zeros. */
    EXPECT(sys_ftruncate(fd, 4100) == 0, "ftruncate");
    EXPECT(shim_pages - before == 2, "%ld pages after truncate", shim_pages - before);
    EXPECT(sys_ftruncate(fd, 9000) == 0, "grow");
    EXPECT(sys_pread64(fd, U(back), 100, 4090) == 100, "read across the old end");
    for (int i = 0; i < 10; i++) EXPECT(back[i] == big[90 + i], "kept byte %d", i);
    for (int i = 10; i < 100; i++) EXPECT(back[i] == 0, "byte %d after the cut is %d", i, back[i]);
    EXPECT(sys_ftruncate(fd, -1) == -EINVAL, "negative size");
    sys_close(fd);
    EXPECT(sys_truncate(U("/t/sparse"), 0) == 0 && shim_pages == before, "truncate to 0 frees all");
    EXPECT(sys_truncate(U("/t"), 0) == -EISDIR, "truncate a dir");
    long ro = t_open("/t/sparse", O_RDONLY, 0);
    EXPECT(sys_ftruncate(ro, 0) == -EINVAL, "ftruncate O_RDONLY");
    sys_close(ro);
}

static void unlink_open_file(void) {
    long before = shim_pages;
    t_put("/t/doomed", "still here");
    long fd = t_open("/t/doomed", O_RDONLY, 0);
    EXPECT(t_unlink("/t/doomed") == 0, "unlink");
    struct linux_stat st;
    EXPECT(t_stat("/t/doomed", &st) == -ENOENT, "name still there");
    EXPECT(sys_fstat(fd, U(&st)) == 0 && st.st_nlink == 0, "nlink %u", st.st_nlink);
    char buf[32];
    EXPECT(t_read(fd, buf, sizeof buf) == 10 && !memcmp(buf, "still here", 10), "data gone");
    EXPECT(shim_pages == before + 1, "page freed early");
    sys_close(fd);
    EXPECT(shim_pages == before, "page not freed at last close");
    EXPECT(t_unlink("/t/doomed") == -ENOENT, "unlink twice");
    EXPECT(t_unlink("/t") == -EISDIR, "unlink a dir");
    EXPECT(t_rmdir("/t/f") == -ENOTDIR, "rmdir a file");
    EXPECT(t_rmdir("/t") == -ENOTEMPTY, "rmdir non-empty");
    EXPECT(t_rmdir("/t/.") == -EINVAL && t_rmdir("/t/..") == -ENOTEMPTY, "rmdir . and ..");
    EXPECT(t_rmdir("/") == -EBUSY, "rmdir /");
}

static void hard_links(void) {
    t_put("/t/orig", "shared");
    EXPECT(t_link("/t/orig", "/t/alias") == 0, "link");
    EXPECT(t_link("/t/orig", "/t/alias") == -EEXIST, "link over existing");
    EXPECT(t_link("/t", "/t/dirlink") == -EPERM, "link a directory");
    EXPECT(t_link("/t/none", "/t/x") == -ENOENT, "link missing");
    struct linux_stat a, b;
    EXPECT(t_stat("/t/orig", &a) == 0 && t_stat("/t/alias", &b) == 0, "stat");
    EXPECT(a.st_ino == b.st_ino && a.st_nlink == 2, "ino %lu/%lu nlink %u", (unsigned long)a.st_ino,
           (unsigned long)b.st_ino, a.st_nlink);
    long fd = t_open("/t/alias", O_WRONLY | O_APPEND, 0);
    t_write(fd, "!", 1);
    sys_close(fd);
    char buf[32];
    EXPECT(t_get("/t/orig", buf, sizeof buf) == 7 && !strcmp(buf, "shared!"), "shared data");
    t_unlink("/t/orig");
    EXPECT(t_stat("/t/alias", &b) == 0 && b.st_nlink == 1, "nlink after unlink %u", b.st_nlink);
    /* A symlink is linked itself (no AT_SYMLINK_FOLLOW), or its target with it. */
    t_symlink("alias", "/t/sl");
    EXPECT(sys_linkat(AT_FDCWD, U("/t/sl"), AT_FDCWD, U("/t/sl2"), 0) == 0, "link a symlink");
    EXPECT(t_lstat("/t/sl2", &a) == 0 && S_ISLNK(a.st_mode), "not the link itself");
    EXPECT(sys_linkat(AT_FDCWD, U("/t/sl"), AT_FDCWD, U("/t/sl3"), AT_SYMLINK_FOLLOW) == 0, "follow");
    EXPECT(t_lstat("/t/sl3", &a) == 0 && S_ISREG(a.st_mode) && a.st_ino == b.st_ino, "not the target");
    EXPECT(sys_linkat(AT_FDCWD, U("/t/sl"), AT_FDCWD, U("/t/x"), 0x1) == -EINVAL, "bad flags");
}

static void dir_links(void) {
    struct linux_stat st;
    t_mkdir("/t/d", 0755);
    EXPECT(t_stat("/t/d", &st) == 0 && st.st_nlink == 2, "new dir nlink %u", st.st_nlink);
    t_mkdir("/t/d/s1", 0755);
    t_mkdir("/t/d/s2", 0755);
    EXPECT(t_stat("/t/d", &st) == 0 && st.st_nlink == 4, "nlink with 2 subdirs %u", st.st_nlink);
    t_rmdir("/t/d/s2");
    EXPECT(t_stat("/t/d", &st) == 0 && st.st_nlink == 3, "nlink after rmdir %u", st.st_nlink);
    EXPECT(t_stat("/t/d", &st) == 0 && st.st_size == 60, "dir size %ld (Linux: 20 per entry)", (long)st.st_size);
    t_put("/t/d/f", "");
    t_rename("/t/d/f", "/t/d/s1/f");
    EXPECT(t_stat("/t/d", &st) == 0 && st.st_size == 60, "dir size after rename out %ld", (long)st.st_size);
    EXPECT(t_stat("/t/d/s1", &st) == 0 && st.st_size == 60, "dir size after rename in %ld", (long)st.st_size);
    EXPECT(t_mkdir("/t/d/s1", 0755) == -EEXIST && t_mkdir("/t/d/.", 0755) == -EEXIST, "mkdir EEXIST");
    EXPECT(t_mkdir("/t/nope/x", 0755) == -ENOENT, "mkdir in missing dir");
}

static void renames(void) {
    t_mkdir("/t/r", 0755);
    t_put("/t/r/a", "A");
    t_put("/t/r/b", "B");
    t_mkdir("/t/r/d1", 0755);
    t_mkdir("/t/r/d2", 0755);
    t_mkdir("/t/r/full", 0755);
    t_put("/t/r/full/x", "x");
    char buf[8];
    EXPECT(t_rename("/t/r/a", "/t/r/b") == 0 && t_get("/t/r/b", buf, sizeof buf) == 1 && buf[0] == 'A', "file over file");
    struct linux_stat st;
    EXPECT(t_stat("/t/r/a", &st) == -ENOENT, "old name remains");
    EXPECT(t_rename("/t/r/b", "/t/r/d1") == -EISDIR, "file over dir");
    EXPECT(t_rename("/t/r/d1", "/t/r/b") == -ENOTDIR, "dir over file");
    EXPECT(t_rename("/t/r/d1", "/t/r/full") == -ENOTEMPTY, "dir over non-empty dir");
    EXPECT(t_rename("/t/r/d1", "/t/r/d1/sub") == -EINVAL, "dir into itself");
    EXPECT(t_rename("/t/r/full/x", "/t/r/full/x") == 0, "rename to itself");
    EXPECT(t_rename("/t/r/full", "/t/r/full/y") == -EINVAL, "dir below itself");
    EXPECT(t_rename("/t/r/full/x", "/t/r") == -ENOTEMPTY, "over an ancestor of the source");
    EXPECT(t_rename("/t/r/missing", "/t/r/z") == -ENOENT, "missing source");
    EXPECT(t_rename("/t/r/.", "/t/r/z") == -EBUSY, "rename .");
    EXPECT(t_rename("/t/r/d1", "/t/r/d2") == 0 && t_stat("/t/r/d1", &st) == -ENOENT, "dir over empty dir");
    EXPECT(t_stat("/t/r", &st) == 0 && st.st_nlink == 4, "parent nlink %u after dir replace", st.st_nlink);
    EXPECT(t_rename("/t/r/d2", "/t/d2moved") == 0, "dir to another parent");
    struct linux_stat p1, p2;
    EXPECT(t_stat("/t/r", &p1) == 0 && p1.st_nlink == 3 && t_stat("/t", &p2) == 0, "nlinks");
    EXPECT(t_stat("/t/d2moved/..", &st) == 0 && st.st_ino == p2.st_ino, ".. after move");
    /* renameat2 flags. */
    t_put("/t/r/c", "C");
    EXPECT(sys_renameat2(AT_FDCWD, U("/t/r/c"), AT_FDCWD, U("/t/r/b"), RENAME_NOREPLACE) == -EEXIST, "NOREPLACE");
    EXPECT(sys_renameat2(AT_FDCWD, U("/t/r/c"), AT_FDCWD, U("/t/r/b"), RENAME_EXCHANGE) == 0, "EXCHANGE");
    EXPECT(t_get("/t/r/b", buf, sizeof buf) == 1 && buf[0] == 'C' && t_get("/t/r/c", buf, sizeof buf) == 1 &&
           buf[0] == 'A', "exchanged contents");
    EXPECT(sys_renameat2(AT_FDCWD, U("/t/r/c"), AT_FDCWD, U("/t/r/nx"), RENAME_EXCHANGE) == -ENOENT, "EXCHANGE missing");
    EXPECT(sys_renameat2(AT_FDCWD, U("/t/r/c"), AT_FDCWD, U("/t/r/b"), 3) == -EINVAL, "NOREPLACE|EXCHANGE");
    EXPECT(sys_renameat2(AT_FDCWD, U("/t/r/c"), AT_FDCWD, U("/t/r/b"), 0x80) == -EINVAL, "unknown flag");
    /* An open file keeps working across a rename. */
    long fd = t_open("/t/r/c", O_RDONLY, 0);
    t_rename("/t/r/c", "/t/r/renamed");
    EXPECT(t_read(fd, buf, 1) == 1 && buf[0] == 'A', "read after rename");
    sys_close(fd);
}

/* Collect names via getdents64 with a given buffer size. */
static int list_dir(const char *path, size_t bufsize, char names[][32], int max) {
    long fd = t_open(path, O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0) return (int)fd;
    char *buf = malloc(bufsize);
    int n = 0;
    for (;;) {
        long r = sys_getdents64(fd, U(buf), bufsize);
        if (r < 0) { n = (int)r; break; }
        if (r == 0) break;
        for (long off = 0; off < r;) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
            if (n < max) snprintf(names[n], 32, "%s%c", d->d_name, d->d_type == DT_DIR ? '/' : ' ');
            n++;
            off += d->d_reclen;
        }
    }
    free(buf);
    sys_close(fd);
    return n;
}

static bool listed(char names[][32], int n, const char *want) {
    for (int i = 0; i < n; i++) if (!strcmp(names[i], want)) return true;
    return false;
}

static void readdir(void) {
    t_mkdir("/t/ls", 0755);
    char path[64];
    for (int i = 0; i < 50; i++) {
        snprintf(path, sizeof path, "/t/ls/file%02d", i);
        t_put(path, "");
    }
    t_mkdir("/t/ls/sub", 0755);
    char names[64][32];
    int n = list_dir("/t/ls", 4096, names, 64);
    EXPECT(n == 53, "%d entries", n);
    EXPECT(listed(names, n, "./") && listed(names, n, "../") && listed(names, n, "sub/") &&
           listed(names, n, "file00 ") && listed(names, n, "file49 "), "names");
    /* A tiny buffer: one entry per call, none lost or repeated. */
    EXPECT(list_dir("/t/ls", 32, names, 64) == 53, "one at a time");
    EXPECT(list_dir("/t/ls", 20, names, 64) == -EINVAL, "buffer too small for one entry");
    long fd = t_open("/t/ls", O_RDONLY | O_DIRECTORY, 0);
    char buf[256];
    EXPECT(sys_getdents64(fd, BADPTR, 256) == -EFAULT, "bad buffer");
    long r1 = sys_getdents64(fd, U(buf), 100);
    EXPECT(r1 > 0, "first batch");
    /* Deleting entries while listing: the rest still comes, nothing twice. */
    t_unlink("/t/ls/file40");
    int rest = 0;
    for (long r; (r = sys_getdents64(fd, U(buf), sizeof buf)) > 0;)
        for (long off = 0; off < r; off += ((struct linux_dirent64 *)(buf + off))->d_reclen) rest++;
    EXPECT(rest > 40 && rest < 52, "rest %d", rest);
    EXPECT(sys_lseek(fd, 0, SEEK_SET) == 0 && sys_getdents64(fd, U(buf), sizeof buf) > 0, "rewind");
    EXPECT(t_read(fd, buf, 1) == -EISDIR, "read on a dir");
    sys_close(fd);
    long f = t_open("/t/f", O_RDONLY, 0);
    EXPECT(sys_getdents64(f, U(buf), sizeof buf) == -ENOTDIR, "getdents on a file");
    sys_close(f);
    EXPECT(sys_getdents64(999, U(buf), sizeof buf) == -EBADF, "bad fd");
    EXPECT(t_open("/t/ls", O_WRONLY, 0) == -EISDIR && t_open("/t/ls", O_RDWR | O_CREAT, 0) == -EISDIR, "dir for write");
}

static void modes(void) {
    struct linux_stat st;
    EXPECT(sys_umask(027) == 022, "umask default");
    t_put("/t/m1", "");
    EXPECT(t_stat("/t/m1", &st) == 0 && (st.st_mode & 0777) == 0640, "umask on create: %o", st.st_mode);
    t_mkdir("/t/md", 0777);
    EXPECT(t_stat("/t/md", &st) == 0 && (st.st_mode & 0777) == 0750, "umask on mkdir: %o", st.st_mode);
    sys_umask(022);
    EXPECT(sys_fchmodat(AT_FDCWD, U("/t/m1"), 04755) == 0 && t_stat("/t/m1", &st) == 0 &&
           st.st_mode == (S_IFREG | 04755), "chmod %o", st.st_mode);
    EXPECT(sys_fchownat(AT_FDCWD, U("/t/m1"), 5, 6, 0) == 0 && t_stat("/t/m1", &st) == 0 &&
           st.st_uid == 5 && st.st_gid == 6 && !(st.st_mode & S_ISUID), "chown drops setuid");
    shim_set_creds(1000, 1000);
    EXPECT(sys_fchmodat(AT_FDCWD, U("/t/m1"), 0777) == -EPERM, "chmod by non-owner");
    shim_set_creds(0, 0);
    /* Sticky /tmp: others' files can't be removed by a non-owner. */
    t_put("/tmp/rootfile", "");
    shim_set_creds(1000, 1000);
    EXPECT(t_put("/tmp/userfile", "u") == 0, "user creates in /tmp");
    EXPECT(t_unlink("/tmp/rootfile") == -EPERM, "sticky bit");
    EXPECT(t_unlink("/tmp/userfile") == 0, "own file");
    shim_set_creds(0, 0);
    struct linux_timespec ts[2] = { { 100, 5 }, { 200, UTIME_OMIT } };
    EXPECT(sys_utimensat(AT_FDCWD, U("/t/m1"), U(ts), 0) == 0 && t_stat("/t/m1", &st) == 0 &&
           st.st_atime == 100 && st.st_atime_nsec == 5 && st.st_mtime != 200, "utimensat");
    ts[0].tv_nsec = 2000000000;
    EXPECT(sys_utimensat(AT_FDCWD, U("/t/m1"), U(ts), 0) == -EINVAL, "bad nsec");
    struct linux_statfs sf;
    EXPECT(sys_statfs(U("/t"), U(&sf)) == 0 && sf.f_type == TMPFS_MAGIC && sf.f_namelen == 255, "statfs");
}

static void devices(void) {
    char buf[64];
    long fd = t_open("/dev/null", O_RDWR, 0);
    EXPECT(fd >= 0 && t_write(fd, "x", 1) == 1 && t_read(fd, buf, sizeof buf) == 0, "/dev/null");
    EXPECT(sys_lseek(fd, 100, SEEK_SET) == 0, "lseek /dev/null");
    sys_close(fd);
    fd = t_open("/dev/zero", O_RDONLY, 0);
    memset(buf, 1, sizeof buf);
    EXPECT(t_read(fd, buf, sizeof buf) == sizeof buf && buf[0] == 0 && buf[63] == 0, "/dev/zero");
    sys_close(fd);
    fd = t_open("/dev/full", O_WRONLY, 0);
    EXPECT(t_write(fd, "x", 1) == -ENOSPC, "/dev/full");
    sys_close(fd);
    fd = t_open("/dev/urandom", O_RDONLY, 0);
    char a[32] = { 0 }, b[32] = { 0 };
    EXPECT(t_read(fd, a, 32) == 32 && t_read(fd, b, 32) == 32 && memcmp(a, b, 32), "/dev/urandom");
    sys_close(fd);
    struct linux_stat st;
    EXPECT(t_stat("/dev/random", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x108 &&
           (st.st_mode & 0777) == 0666, "/dev/random node");
    EXPECT(t_lstat("/dev/stdin", &st) == 0 && S_ISLNK(st.st_mode), "/dev/stdin link");
    EXPECT(sys_mknodat(AT_FDCWD, U("/t/nodev"), S_IFCHR | 0600, 0x0a0b) == 0, "mknod");
    EXPECT(t_open("/t/nodev", O_RDONLY, 0) == -ENXIO, "unregistered device");
    EXPECT(sys_mknodat(AT_FDCWD, U("/t/dir"), S_IFDIR | 0600, 0) == -EPERM, "mknod a dir");
    EXPECT(sys_mknodat(AT_FDCWD, U("/t/reg"), 0644, 0) == 0 && t_stat("/t/reg", &st) == 0 && S_ISREG(st.st_mode),
           "mknod type 0 is a file");
}

int main(void) {
    h_init();
    shim_boot();
    RUN(read_write_seek);
    RUN(big_and_sparse);
    RUN(unlink_open_file);
    RUN(hard_links);
    RUN(dir_links);
    RUN(renames);
    RUN(readdir);
    RUN(modes);
    RUN(devices);
    return h_finish("test_tmpfs");
}
