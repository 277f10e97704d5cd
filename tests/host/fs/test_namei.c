/* Host tests of path walk (fs/namei.c) through the syscalls: ".", "..", symlinks and ELOOP,
 * ENOTDIR, ENAMETOOLONG, trailing slashes, dirfds, AT_EMPTY_PATH/AT_SYMLINK_NOFOLLOW, search
 * permission, mount crossing, getcwd/chdir. */
#include "shim_fs.h"

static u64 ino_of(const char *p) {
    struct linux_stat st;
    return t_stat(p, &st) == 0 ? st.st_ino : 0;
}

static void setup(void) {
    t_mkdir("/n", 0755);
    t_mkdir("/n/a", 0755);
    t_mkdir("/n/a/b", 0755);
    t_put("/n/file", "data");
}

static void dots(void) {
    u64 b = ino_of("/n/a/b"), root = ino_of("/");
    EXPECT(b && root, "setup");
    EXPECT(ino_of("/n/a/./b/../b") == b, "./ and ../");
    EXPECT(ino_of("/n//a///b//") == b, "repeated slashes");
    EXPECT(ino_of("/..") == root && ino_of("/../../..") == root, "/.. is /");
    EXPECT(ino_of("/n/a/b/../../..") == root, "climb to root");
    EXPECT(ino_of("/n/a/b/../../../..") == root, "past root");
    struct linux_stat st;
    EXPECT(t_stat("/n/file/.", &st) == -ENOTDIR, "file/. not ENOTDIR");
    EXPECT(t_stat("/n/file/..", &st) == -ENOTDIR, "file/.. not ENOTDIR");
    EXPECT(t_stat("/n/missing/..", &st) == -ENOENT, "missing/.. not ENOENT");
}

static void enotdir_enoent(void) {
    struct linux_stat st;
    EXPECT(t_stat("/n/file/x", &st) == -ENOTDIR, "file/x");
    EXPECT(t_stat("/n/file/", &st) == -ENOTDIR, "file/");
    EXPECT(t_open("/n/file/", O_RDONLY, 0) == -ENOTDIR, "open file/");
    EXPECT(t_open("/n/file", O_RDONLY | O_DIRECTORY, 0) == -ENOTDIR, "O_DIRECTORY on a file");
    EXPECT(t_stat("/n/nope/x", &st) == -ENOENT, "nope/x");
    EXPECT(t_stat("", &st) == -ENOENT, "empty path");
    EXPECT(t_stat((const char *)8, &st) == -EFAULT, "bad path pointer");
    EXPECT(sys_newfstatat(AT_FDCWD, U("/n/file"), BADPTR, 0) == -EFAULT, "bad stat buffer");
    EXPECT(sys_newfstatat(AT_FDCWD, U("/n/file"), U(&st), 0x4) == -EINVAL, "bad flags");
}

static void name_limits(void) {
    char name[300], path[5000];
    memset(name, 'x', 255);
    name[255] = 0;
    snprintf(path, sizeof path, "/n/%s", name);
    EXPECT(t_put(path, "") == 0, "255-byte name refused");
    name[255] = 'x';
    name[256] = 0;
    snprintf(path, sizeof path, "/n/%s", name);
    EXPECT(t_open(path, O_RDONLY | O_CREAT, 0644) == -ENAMETOOLONG, "256-byte name");
    struct linux_stat st;
    EXPECT(t_stat(path, &st) == -ENAMETOOLONG, "stat 256-byte name");
    /* 4095 bytes + NUL fits PATH_MAX; 4096 does not. */
    memset(path, '/', sizeof path);
    path[4095] = 0;
    EXPECT(t_stat(path, &st) == 0, "4095-byte path");
    path[4095] = '/';
    path[4096] = 0;
    EXPECT(t_stat(path, &st) == -ENAMETOOLONG, "4096-byte path");
}

static void symlinks(void) {
    EXPECT(t_symlink("a/b", "/n/rel") == 0, "symlink");
    EXPECT(t_symlink("/n/file", "/n/abs") == 0, "symlink");
    EXPECT(t_symlink("rel", "/n/chain") == 0, "symlink");
    EXPECT(t_symlink("nowhere", "/n/dangling") == 0, "symlink");
    EXPECT(t_symlink("../..", "/n/a/b/up") == 0, "symlink");
    struct linux_stat st, lst;
    EXPECT(ino_of("/n/rel") == ino_of("/n/a/b") && ino_of("/n/chain/") == ino_of("/n/a/b"), "relative/chain");
    EXPECT(ino_of("/n/abs") == ino_of("/n/file"), "absolute");
    EXPECT(ino_of("/n/chain/up/file") == ino_of("/n/file"), "link in the middle resolves in its dir");
    EXPECT(t_stat("/n/dangling", &st) == -ENOENT, "dangling stat");
    EXPECT(t_lstat("/n/dangling", &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 7, "lstat dangling");
    EXPECT(t_stat("/n/abs/", &st) == -ENOTDIR, "link to file with slash");
    EXPECT(t_lstat("/n/rel/", &st) == 0 && S_ISDIR(st.st_mode), "trailing slash follows the link");
    char buf[64];
    EXPECT(sys_readlinkat(AT_FDCWD, U("/n/rel"), U(buf), sizeof buf) == 3 && !memcmp(buf, "a/b", 3), "readlink");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/n/rel"), U(buf), 2) == 2, "readlink truncates");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/n/file"), U(buf), sizeof buf) == -EINVAL, "readlink of a file");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/n/rel"), U(buf), 0) == -EINVAL, "readlink bufsiz 0");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/n/rel"), BADPTR, 10) == -EFAULT, "readlink bad buffer");
    /* O_CREAT follows a dangling link and creates its target; O_EXCL does not follow. */
    EXPECT(t_open("/n/dangling", O_WRONLY | O_CREAT | O_EXCL, 0644) == -EEXIST, "O_EXCL on a link");
    long fd = t_open("/n/dangling", O_WRONLY | O_CREAT, 0644);
    EXPECT(fd >= 0, "O_CREAT through a dangling link: %ld", fd);
    sys_close(fd);
    EXPECT(t_stat("/n/nowhere", &st) == 0, "link target not created");
    EXPECT(t_open("/n/abs", O_RDONLY | O_NOFOLLOW, 0) == -ELOOP, "O_NOFOLLOW on a link");
    fd = t_open("/n/abs", O_PATH | O_NOFOLLOW, 0);
    EXPECT(fd >= 0, "O_PATH|O_NOFOLLOW opens the link");
    EXPECT(sys_fstat(fd, U(&st)) == 0 && S_ISLNK(st.st_mode), "fstat of an O_PATH link");
    EXPECT(sys_read(fd, U(buf), 1) == -EBADF, "read on O_PATH");
    EXPECT(sys_readlinkat(fd, U(""), U(buf), sizeof buf) == 7, "readlinkat(fd, \"\")");
    sys_close(fd);
}

static void loops(void) {
    EXPECT(t_symlink("loop2", "/n/loop1") == 0 && t_symlink("loop1", "/n/loop2") == 0, "symlink");
    struct linux_stat st;
    EXPECT(t_stat("/n/loop1", &st) == -ELOOP, "a->b->a");
    EXPECT(t_stat("/n/loop1/x", &st) == -ELOOP, "loop in the middle");
    EXPECT(t_lstat("/n/loop1", &st) == 0, "lstat of a loop link");
    /* l0 -> file, lN -> l(N-1): 40 links are followed, 41 are too many. */
    t_mkdir("/n/ch", 0755);
    char name[32], target[32];
    t_symlink("/n/file", "/n/ch/l0");
    for (int i = 1; i <= 41; i++) {
        snprintf(name, sizeof name, "/n/ch/l%d", i);
        snprintf(target, sizeof target, "l%d", i - 1);
        t_symlink(target, name);
    }
    EXPECT(t_stat("/n/ch/l39", &st) == 0, "40 links");
    EXPECT(t_stat("/n/ch/l40", &st) == -ELOOP, "41 links");
    EXPECT(t_open("/n/ch/l41", O_RDONLY, 0) == -ELOOP, "open 42 links");
}

static void trailing_slashes(void) {
    EXPECT(t_mkdir("/n/ts/", 0755) == 0, "mkdir dir/");
    EXPECT(t_open("/n/tsfile/", O_WRONLY | O_CREAT, 0644) == -EISDIR, "O_CREAT name/");
    EXPECT(t_put("/n/tsf", "x") == 0, "create");
    EXPECT(t_unlink("/n/tsf/") == -ENOTDIR, "unlink file/");
    EXPECT(t_unlink("/n/ts/") == -EISDIR, "unlink dir/");
    EXPECT(t_rename("/n/tsf", "/n/tsg/") == -ENOTDIR, "rename file to name/");
    EXPECT(t_rename("/n/tsf/", "/n/tsg") == -ENOTDIR, "rename file/");
    EXPECT(t_symlink("x", "/n/tsl/") == -ENOENT, "symlink at name/");
    EXPECT(t_rename("/n/ts/", "/n/ts2/") == 0, "rename dir/ to dir2/");
    EXPECT(t_rmdir("/n/ts2/") == 0, "rmdir dir/");
    EXPECT(t_mkdir("/n/tsf/", 0755) == -EEXIST, "mkdir over a file with /");
}

static void dirfds(void) {
    long d = t_open("/n/a", O_RDONLY | O_DIRECTORY, 0);
    EXPECT(d >= 0, "open dir");
    struct linux_stat st;
    EXPECT(sys_newfstatat(d, U("b"), U(&st), 0) == 0 && S_ISDIR(st.st_mode), "relative to dirfd");
    EXPECT(sys_newfstatat(d, U("../file"), U(&st), 0) == 0, "../ from dirfd");
    EXPECT(sys_newfstatat(d, U(""), U(&st), AT_EMPTY_PATH) == 0 && st.st_ino == ino_of("/n/a"), "AT_EMPTY_PATH");
    EXPECT(sys_newfstatat(d, U(""), U(&st), 0) == -ENOENT, "empty without AT_EMPTY_PATH");
    long f = t_open("/n/file", O_RDONLY, 0);
    EXPECT(sys_newfstatat(f, U("x"), U(&st), 0) == -ENOTDIR, "file as dirfd");
    EXPECT(sys_newfstatat(f, U(""), U(&st), AT_EMPTY_PATH) == 0 && st.st_size == 4, "AT_EMPTY_PATH on a file");
    EXPECT(sys_newfstatat(999, U("x"), U(&st), 0) == -EBADF, "bad dirfd");
    EXPECT(sys_newfstatat(999, U("/n/file"), U(&st), 0) == 0, "absolute path ignores dirfd");
    long p = t_open("/n/a", O_PATH, 0);
    EXPECT(sys_newfstatat(p, U("b"), U(&st), 0) == 0, "O_PATH dirfd");
    long c = sys_openat(d, U("new"), O_WRONLY | O_CREAT, 0600);
    EXPECT(c >= 0 && t_stat("/n/a/new", &st) == 0, "openat create relative");
    sys_close(c);
    sys_close(p);
    sys_close(f);
    sys_close(d);
}

static void search_permission(void) {
    t_mkdir("/n/locked", 0700);
    t_put("/n/locked/f", "secret");
    struct linux_stat st;
    shim_set_creds(1000, 1000);
    EXPECT(t_stat("/n/locked/f", &st) == -EACCES, "search without x");
    EXPECT(t_stat("/n/locked", &st) == 0, "the dir itself");
    EXPECT(t_open("/n/file", O_WRONLY, 0) == -EACCES, "write a 0644 root file");
    EXPECT(t_put("/n/mine", "x") == -EACCES, "create in a 0755 root dir");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/file"), R_OK) == 0, "access R_OK");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/file"), W_OK) == -EACCES, "access W_OK");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/file"), 8) == -EINVAL, "access bad mode");
    EXPECT(sys_faccessat2(AT_FDCWD, U("/n/file"), R_OK, 0x1) == -EINVAL, "faccessat2 bad flags");
    shim_set_creds(0, 0);
    EXPECT(t_stat("/n/locked/f", &st) == 0, "root searches anything");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/file"), X_OK) == -EACCES, "root X_OK without x bits");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/locked"), X_OK) == 0, "root X_OK on a dir");
    EXPECT(sys_faccessat(AT_FDCWD, U("/n/nope"), F_OK) == -ENOENT, "F_OK missing");
}

static void mounts(void) {
    struct linux_stat r, d, dd;
    EXPECT(t_stat("/", &r) == 0 && t_stat("/dev", &d) == 0 && t_stat("/dev/..", &dd) == 0, "stat");
    EXPECT(r.st_dev != d.st_dev, "/dev is not a separate mount");
    EXPECT(dd.st_ino == r.st_ino && dd.st_dev == r.st_dev, "/dev/.. is not /");
    EXPECT(t_rename("/n/file", "/dev/file") == -EXDEV, "rename across mounts");
    EXPECT(t_link("/n/file", "/dev/file") == -EXDEV, "link across mounts");
    EXPECT(t_rmdir("/dev") == -EBUSY, "rmdir a mountpoint");
    EXPECT(t_chdir("/dev/shm") == 0, "chdir");
    char buf[64];
    EXPECT(sys_getcwd(U(buf), sizeof buf) == 9 && !strcmp(buf, "/dev/shm"), "getcwd %s", buf);
    EXPECT(ino_of("../..") == r.st_ino, "../.. from /dev/shm");
    t_chdir("/");
}

static void mount_syscall(void) {
    t_mkdir("/n/mnt", 0755);
    struct linux_stat before, after, st;
    t_stat("/n/mnt", &before);
    EXPECT(sys_mount(U("none"), U("/n/mnt"), U("tmpfs"), 0, 0) == 0, "mount tmpfs");
    EXPECT(t_stat("/n/mnt", &after) == 0 && after.st_dev != before.st_dev && (after.st_mode & 07777) == 01777,
           "new tmpfs root (mode %o)", after.st_mode);
    EXPECT(t_put("/n/mnt/x", "y") == 0 && t_stat("/n/mnt/..", &st) == 0 && st.st_ino == ino_of("/n"), "use it");
    EXPECT(sys_mount(U("none"), U("/n/mnt"), U("sysfs"), 0, 0) == -ENODEV, "unknown type");
    EXPECT(sys_mount(U("none"), U("/n/file"), U("tmpfs"), 0, 0) == -ENOTDIR, "on a file");
    EXPECT(sys_mount(U("none"), U("/n/nope"), U("tmpfs"), 0, 0) == -ENOENT, "missing target");
    EXPECT(sys_mount(U("/n/a"), U("/n/mnt"), 0, 0x1000, 0) == 0 && ino_of("/n/mnt/b") == ino_of("/n/a/b"), "bind");
    EXPECT(sys_mount(0, U("/n/mnt"), 0, 0x20, 0) == 0, "remount accepted");
    shim_set_creds(1000, 1000);
    EXPECT(sys_mount(U("none"), U("/n/mnt"), U("tmpfs"), 0, 0) == -EPERM, "non-root");
    shim_set_creds(0, 0);
    char buf[512];
    EXPECT(t_get("/proc/mounts", buf, sizeof buf) > 0 && strstr(buf, "none /n/mnt tmpfs rw,relatime 0 0\n"), "listed:\n%s", buf);
}

static void cwd(void) {
    char buf[64];
    EXPECT(sys_getcwd(U(buf), sizeof buf) == 2 && !strcmp(buf, "/"), "getcwd /");
    EXPECT(t_chdir("/n/a/b") == 0, "chdir");
    EXPECT(sys_getcwd(U(buf), sizeof buf) == 7 && !strcmp(buf, "/n/a/b"), "getcwd %s", buf);
    EXPECT(sys_getcwd(U(buf), 6) == -ERANGE, "getcwd small buffer");
    EXPECT(sys_getcwd(BADPTR, 64) == -EFAULT, "getcwd bad buffer");
    EXPECT(ino_of("..") == ino_of("/n/a") && ino_of("../../file") == ino_of("/n/file"), "relative");
    EXPECT(t_chdir("/n/file") == -ENOTDIR, "chdir to a file");
    EXPECT(t_chdir("/n/missing") == -ENOENT, "chdir missing");
    t_mkdir("/n/gone", 0755);
    EXPECT(t_chdir("/n/gone") == 0, "chdir");
    EXPECT(t_rmdir("/n/gone") == 0, "rmdir the cwd");
    EXPECT(sys_getcwd(U(buf), sizeof buf) == -ENOENT, "getcwd in a removed dir");
    EXPECT(t_put("x", "y") == -ENOENT, "create in a removed dir");
    long d = t_open("/n/a", O_RDONLY | O_DIRECTORY, 0);
    EXPECT(sys_fchdir(d) == 0 && sys_getcwd(U(buf), sizeof buf) == 5 && !strcmp(buf, "/n/a"), "fchdir");
    sys_close(d);
    long f = t_open("/n/file", O_RDONLY, 0);
    EXPECT(sys_fchdir(f) == -ENOTDIR && sys_fchdir(999) == -EBADF, "fchdir errors");
    sys_close(f);
    t_chdir("/");
}

static void path_of_files(void) {
    long f = t_open("/n/a/new", O_RDONLY, 0);
    EXPECT(f >= 0, "open");
    struct file *fp = fd_get(f);
    char buf[64];
    EXPECT(vfs_path_of(fp, buf, sizeof buf) == 8 && !strcmp(buf, "/n/a/new"), "path %s", buf);
    EXPECT(vfs_path_of(fp, buf, 5) == -ENAMETOOLONG, "short buffer");
    t_unlink("/n/a/new");
    EXPECT(vfs_path_of(fp, buf, sizeof buf) > 0 && !strcmp(buf, "/n/a/new (deleted)"), "deleted %s", buf);
    file_put(fp);
    sys_close(f);
}

int main(void) {
    h_init();
    shim_boot();
    setup();
    RUN(dots);
    RUN(enotdir_enoent);
    RUN(name_limits);
    RUN(symlinks);
    RUN(loops);
    RUN(trailing_slashes);
    RUN(dirfds);
    RUN(search_permission);
    RUN(mounts);
    RUN(mount_syscall);
    RUN(cwd);
    RUN(path_of_files);
    return h_finish("test_namei");
}
