/* Host tests of mounts (fs/mount.c): path references make a mount busy (open files, cwd, mounts
 * on top), umount2 and MNT_DETACH, a tmpfs instance's memory freed with its last mount, options
 * (size=, mode=), statfs; and of O_TMPFILE, RENAME_WHITEOUT, fallocate and CLOSE_RANGE_UNSHARE. */
#include "shim_fs.h"
#include "uapi/resource.h"

static long mnt(const char *src, const char *dir, const char *type, unsigned long flags, const char *data) {
    return sys_mount(U(src), U(dir), U(type), flags, data ? U(data) : 0);
}

static void umount_busy(void) {
    t_mkdir("/m", 0755);
    long pages = shim_pages;
    EXPECT(mnt("tmpfs", "/m", "tmpfs", 0, NULL) == 0, "mount");
    static char page[3 * 4096];
    long fd = t_open("/m/f", O_CREAT | O_RDWR, 0644);
    EXPECT(t_write(fd, page, sizeof page) == (long)sizeof page && shim_pages == pages + 3, "3 pages");
    EXPECT(sys_umount2(U("/m"), 0) == -EBUSY, "an open file");
    sys_close(fd);
    EXPECT(t_chdir("/m") == 0 && sys_umount2(U("/m"), 0) == -EBUSY, "a cwd");
    t_chdir("/");
    t_mkdir("/m/sub", 0755);
    EXPECT(mnt("p", "/m/sub", "proc", 0, NULL) == 0, "proc on top");
    EXPECT(sys_umount2(U("/m"), 0) == -EBUSY, "a mount on top");
    EXPECT(t_rmdir("/m/sub") == -EBUSY, "rmdir of a mount point");
    EXPECT(sys_umount2(U("/m/sub"), 0) == 0 && sys_umount2(U("/m"), 0) == 0, "umount both");
    EXPECT(shim_pages == pages, "tmpfs pages freed: %ld -> %ld", pages, shim_pages);
    EXPECT(sys_umount2(U("/m"), 0) == -EINVAL, "not a mount point");
    EXPECT(sys_umount2(U("/nope"), 0) == -ENOENT && sys_umount2(U("/m"), 0x10) == -EINVAL, "errors");
    EXPECT(sys_umount2(U("/m"), 4 | 2) == -EINVAL, "EXPIRE with DETACH");
    shim_set_creds(1000, 1000);
    EXPECT(sys_umount2(U("/proc"), 0) == -EPERM, "non-root");
    shim_set_creds(0, 0);

    /* MNT_DETACH: out of the tree now, freed with the last open file */
    EXPECT(mnt("tmpfs", "/m", "tmpfs", 0, NULL) == 0, "mount again");
    fd = t_open("/m/f", O_CREAT | O_RDWR, 0644);
    t_write(fd, page, 4096);
    EXPECT(sys_umount2(U("/m"), 2) == 0, "detach");
    struct linux_stat st;
    EXPECT(t_stat("/m/f", &st) == -ENOENT, "gone from the tree");
    EXPECT(sys_pwrite64(fd, U("x"), 1, 0) == 1 && shim_pages == pages + 1, "the file still works");
    char buf[64];
    EXPECT(t_get("/proc/mounts", buf, sizeof buf) > 0, "mounts");
    sys_close(fd);
    EXPECT(shim_pages == pages, "freed with the last close: %ld -> %ld", pages, shim_pages);
    t_rmdir("/m");
}

static void options_and_statfs(void) {
    t_mkdir("/m2", 0755);
    EXPECT(mnt("lim", "/m2", "tmpfs", 2 | 4, "size=8k,mode=0700,nr_inodes=3") == 0, "mount with options");
    struct linux_stat st;
    EXPECT(t_stat("/m2", &st) == 0 && (st.st_mode & 07777) == 0700, "mode %o", st.st_mode);
    struct linux_statfs sf;
    EXPECT(sys_statfs(U("/m2"), U(&sf)) == 0 && sf.f_type == TMPFS_MAGIC && sf.f_blocks == 2 && sf.f_bfree == 2 &&
           sf.f_files == 3 && sf.f_ffree == 2, "statfs %ld %ld %ld %ld", (long)sf.f_blocks, (long)sf.f_bfree,
           (long)sf.f_files, (long)sf.f_ffree);
    EXPECT((sf.f_flags & (ST_VALID | ST_NOSUID | ST_NODEV | ST_RELATIME)) == (ST_VALID | ST_NOSUID | ST_NODEV | ST_RELATIME),
           "flags %#lx", (long)sf.f_flags);
    static char page[3 * 4096];
    long fd = t_open("/m2/a", O_CREAT | O_RDWR, 0644);
    EXPECT(t_write(fd, page, sizeof page) == 8192, "short write at the size limit");
    EXPECT(t_write(fd, page, 1) == -ENOSPC, "ENOSPC");
    sys_close(fd);
    EXPECT(t_put("/m2/b", "") == 0 && t_put("/m2/c", "") == -ENOSPC, "inode limit");
    char buf[512];
    EXPECT(t_get("/proc/mounts", buf, sizeof buf) > 0 &&
           strstr(buf, "lim /m2 tmpfs rw,nosuid,nodev,relatime,size=8k,nr_inodes=3,mode=700 0 0\n"), "mounts:\n%s", buf);
    EXPECT(mnt("x", "/m2", "tmpfs", 0, "mode=9") == -EINVAL && mnt("x", "/m2", "tmpfs", 0, "what") == -EINVAL,
           "bad options");
    EXPECT(mnt(NULL, "/m2", NULL, 0x20 | 1, NULL) == 0 && t_get("/proc/mounts", buf, sizeof buf) > 0 &&
           strstr(buf, "lim /m2 tmpfs ro,relatime,size=8k"), "remount read-only: %s", buf);
    EXPECT(sys_umount2(U("/m2"), 0) == 0, "umount");
    EXPECT(sys_statfs(U("/proc"), U(&sf)) == 0 && sf.f_type == 0x9fa0 && sf.f_blocks == 0,
           "proc statfs");
    t_rmdir("/m2");
}

static void readonly_move_expire(void) {
    t_mkdir("/ro", 0755);
    EXPECT(mnt("tmpfs", "/ro", "tmpfs", 0, NULL) == 0, "mount");
    t_put("/ro/f", "x");
    t_mkdir("/ro/d", 0755);
    EXPECT(mnt(NULL, "/ro", NULL, 0x20 | 1, NULL) == 0, "remount ro");
    EXPECT(t_open("/ro/f", O_WRONLY, 0) == -EROFS && t_open("/ro/f", O_RDONLY | O_TRUNC, 0) == -EROFS, "write opens");
    long fd = t_open("/ro/f", O_RDONLY, 0);
    EXPECT(fd >= 0, "read opens are fine");
    sys_close(fd);
    EXPECT(t_open("/ro/new", O_CREAT | O_WRONLY, 0644) == -EROFS && t_mkdir("/ro/d2", 0755) == -EROFS, "create");
    EXPECT(t_mkdir("/ro/d", 0755) == -EEXIST, "EEXIST before EROFS");
    EXPECT(t_unlink("/ro/f") == -EROFS && t_unlink("/ro/nope") == -EROFS && t_rmdir("/ro/d") == -EROFS, "remove");
    EXPECT(t_rename("/ro/f", "/ro/g") == -EROFS && t_symlink("x", "/ro/l") == -EROFS && t_link("/ro/f", "/ro/h") == -EROFS,
           "rename, symlink, link");
    EXPECT(sys_fchmodat(AT_FDCWD, U("/ro/f"), 0600) == -EROFS && sys_truncate(U("/ro/f"), 0) == -EROFS &&
           sys_utimensat(AT_FDCWD, U("/ro/f"), 0, 0) == -EROFS && sys_fchownat(AT_FDCWD, U("/ro/f"), 1, 1, 0) == -EROFS,
           "attributes");
    EXPECT(mnt(NULL, "/ro", NULL, 0x20, NULL) == 0 && t_put("/ro/f", "y") == 0, "remount rw");
    /* MS_MOVE */
    t_mkdir("/mv", 0755);
    EXPECT(mnt("/ro", "/mv", NULL, 0x2000, NULL) == 0, "move");
    struct linux_stat st;
    EXPECT(t_stat("/mv/f", &st) == 0 && t_stat("/ro/f", &st) == -ENOENT, "moved");
    EXPECT(mnt("/mv", "/mv/d", NULL, 0x2000, NULL) == -ELOOP, "below itself");
    EXPECT(mnt("/mv/d", "/ro", NULL, 0x2000, NULL) == -EINVAL, "not a mount root");
    /* MNT_EXPIRE: a first call marks, a second one unmounts unless it was used in between */
    EXPECT(sys_umount2(U("/mv"), 4) == -EAGAIN && sys_umount2(U("/mv"), 4) == 0, "expire");
    EXPECT(t_stat("/mv/f", &st) == -ENOENT, "expired");
    t_rmdir("/mv");
    t_rmdir("/ro");
}

static void tmpfile_whiteout_falloc(void) {
    long fd = t_open("/", O_TMPFILE | O_RDWR, 0600);
    EXPECT(fd >= 0, "O_TMPFILE %ld", fd);
    struct linux_stat st;
    sys_fstat(fd, U(&st));
    EXPECT(st.st_nlink == 0 && S_ISREG(st.st_mode), "unnamed");
    char path[32], buf[64];
    snprintf(path, sizeof path, "/proc/self/fd/%ld", fd);
    long n = sys_readlinkat(AT_FDCWD, U(path), U(buf), sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    EXPECT(!strncmp(buf, "/#", 2) && strstr(buf, " (deleted)"), "link %s", buf);
    EXPECT(sys_linkat(AT_FDCWD, U(path), AT_FDCWD, U("/named"), AT_SYMLINK_FOLLOW) == 0, "linkat");
    EXPECT(sys_linkat(fd, U(""), AT_FDCWD, U("/named2"), AT_EMPTY_PATH) == 0, "AT_EMPTY_PATH");
    sys_fstat(fd, U(&st));
    EXPECT(st.st_nlink == 2, "nlink %d", (int)st.st_nlink);
    sys_close(fd);
    t_unlink("/named");
    t_unlink("/named2");
    fd = t_open("/", O_TMPFILE | O_WRONLY | O_EXCL, 0600);
    EXPECT(sys_linkat(fd, U(""), AT_FDCWD, U("/named"), AT_EMPTY_PATH) == -ENOENT, "O_EXCL: never linkable");
    sys_close(fd);
    EXPECT(t_open("/", O_TMPFILE | O_RDONLY, 0600) == -EINVAL && t_open("/proc", O_TMPFILE | O_RDWR, 0) == -EOPNOTSUPP,
           "tmpfile errors");

    t_put("/wo", "w");
    EXPECT(sys_renameat2(AT_FDCWD, U("/wo"), AT_FDCWD, U("/wo2"), RENAME_WHITEOUT) == 0, "whiteout rename");
    EXPECT(t_lstat("/wo", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0, "whiteout %o", st.st_mode);
    EXPECT(sys_renameat2(AT_FDCWD, U("/wo2"), AT_FDCWD, U("/wo"), RENAME_WHITEOUT | RENAME_EXCHANGE) == -EINVAL,
           "with EXCHANGE");
    t_unlink("/wo");
    t_unlink("/wo2");

    fd = t_open("/fa", O_CREAT | O_RDWR, 0644);
    long pages = shim_pages;
    EXPECT(sys_fallocate(fd, 0, 4096, 8192) == 0 && shim_pages == pages + 2, "allocated");
    sys_fstat(fd, U(&st));
    EXPECT(st.st_size == 12288 && st.st_blocks == 16, "size %ld blocks %ld", (long)st.st_size, (long)st.st_blocks);
    EXPECT(sys_lseek(fd, 0, SEEK_DATA) == 4096 && sys_lseek(fd, 4096, SEEK_HOLE) == 12288, "data and hole");
    EXPECT(sys_fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096) == 0 && shim_pages == pages + 1,
           "punched");
    EXPECT(sys_fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 1) == -EOPNOTSUPP && sys_fallocate(fd, 0, 0, 0) == -EINVAL,
           "errors");
    sys_close(fd);
    t_unlink("/fa");
    EXPECT(shim_pages == pages, "freed");
}

static void unshare_table(void) {
    struct files_table *ft = host_current->files;
    files_get(ft);                     /* as if a thread shared it */
    long fd = t_open("/", O_RDONLY, 0);
    EXPECT(sys_close_range(fd, fd, CLOSE_RANGE_UNSHARE) == 0 && host_current->files != ft, "a private copy");
    EXPECT(fd_get_flags(ft, fd) == 0 && fd_get_flags(host_current->files, fd) == -EBADF, "closed in the copy only");
    struct files_table *copy = host_current->files;
    host_current->files = ft;
    files_put(copy);
    sys_close(fd);
}

int main(void) {
    h_init();
    shim_boot();
    RUN(umount_busy);
    RUN(options_and_statfs);
    RUN(readonly_move_expire);
    RUN(tmpfile_whiteout_falloc);
    RUN(unshare_table);
    return h_finish("test_mount");
}
