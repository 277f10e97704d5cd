/* Mounts and /proc (issue 4): mount of tmpfs (with size=/mode= options) and proc, umount2 with
 * EBUSY while a file, a cwd or another mount uses the mount, MNT_DETACH, EINVAL/ENOENT/EPERM,
 * /proc/mounts lines, statfs/fstatfs of tmpfs and proc, ENOSPC at a tmpfs size limit, EXDEV,
 * O_TMPFILE with linkat through /proc/self/fd, relatime, fallocate and SEEK_HOLE on tmpfs, and the
 * per-process /proc files (stat, status, cmdline, environ, maps, fd, cwd, exe) of this and of
 * another process. Self-checking: exit 0 when every check passed. */
#include "check.h"
#include "fs-util.h"
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <time.h>

#define M "/tmp/fs-mount"
#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0

/* The line of /proc/mounts for mount point `dir` (the last one), or "" */
static const char *mounts_line(const char *dir)
{
    static char buf[16384], line[512];
    line[0] = 0;
    if (get_file("/proc/self/mounts", buf, sizeof buf) < 0) return line;
    char want[256];
    snprintf(want, sizeof want, " %s ", dir);
    for (char *s = buf; *s;) {
        char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%.*s", (int)len, s);
        if (strstr(tmp, want)) strcpy(line, tmp);
        s += len + (nl ? 1 : 0);
    }
    return line;
}

static void tmpfs_mounts(void)
{
    OK(mkdir(M, 0755));
    struct statfs before, sf;
    OK(statfs(M, &before));
    OK(mount("tmpfs", M, "tmpfs", 0, NULL));
    const char *l = mounts_line(M);
    CHECK(!strcmp(l, "tmpfs " M " tmpfs rw,relatime 0 0"), "mounts line: %s", l);
    struct stat st;
    OK(stat(M, &st));
    CHECK((st.st_mode & 07777) == 01777 && st.st_uid == 0 && st.st_nlink == 2, "root mode %o", st.st_mode);
    OK(statfs(M, &sf));
    EQ(sf.f_type, TMPFS_MAGIC);
    EQ(sf.f_bsize, 4096);
    EQ(sf.f_namelen, 255);
    CHECK(sf.f_flags & ST_RELATIME, "flags %#lx", (unsigned long)sf.f_flags);
    CHECK(sf.f_blocks > 0 && sf.f_bfree == sf.f_blocks && sf.f_bavail == sf.f_blocks, "empty: %lu %lu",
          (unsigned long)sf.f_blocks, (unsigned long)sf.f_bfree);
    CHECK(sf.f_files > 0 && sf.f_ffree < sf.f_files, "inodes %lu free %lu", (unsigned long)sf.f_files,
          (unsigned long)sf.f_ffree);
    int fd = OK(open(M "/data", O_CREAT | O_RDWR, 0644));
    static char page[8192];
    EQ(write(fd, page, sizeof page), 8192);
    struct statfs after;
    OK(fstatfs(fd, &after));
    EQ(after.f_bfree, sf.f_bfree - 2);
    CHECK(after.f_ffree < sf.f_ffree, "an inode used (%lu -> %lu)", (unsigned long)sf.f_ffree,
          (unsigned long)after.f_ffree);
    /* another filesystem: EXDEV */
    FAILS(link(M "/data", "/tmp/fs-mount-link"), EXDEV);
    FAILS(rename(M "/data", "/tmp/fs-mount-moved"), EXDEV);

    /* busy: an open file, a cwd, a mount on top */
    FAILS(umount(M), EBUSY);
    close(fd);
    OK(chdir(M));
    FAILS(umount(M), EBUSY);
    OK(chdir("/"));
    OK(mkdir(M "/sub", 0755));
    OK(mount("proc", M "/sub", "proc", 0, NULL));
    CHECK(!strcmp(mounts_line(M "/sub"), "proc " M "/sub proc rw,relatime 0 0"), "proc line: %s",
          mounts_line(M "/sub"));
    OK(statfs(M "/sub", &sf));
    EQ(sf.f_type, PROC_SUPER_MAGIC);
    EQ(sf.f_blocks, 0);
    char buf[64];
    snprintf(buf, sizeof buf, M "/sub/%d/stat", getpid());
    OK(stat(buf, &st));
    FAILS(umount(M), EBUSY);
    FAILS(rmdir(M "/sub"), EBUSY);
    OK(umount(M "/sub"));
    FAILS(stat(buf, &st), ENOENT);
    OK(umount(M));
    FAILS(stat(M "/data", &st), ENOENT);
    FAILS(umount(M), EINVAL);                          /* not a mount point any more */
    FAILS(umount("/tmp/fs-mount-missing"), ENOENT);
    FAILS(umount2(M, 0x100), EINVAL);
    FAILS(umount2(M, MNT_EXPIRE | MNT_DETACH), EINVAL);

    /* options: a size limit (ENOSPC) and a root mode, shown in /proc/mounts */
    OK(mount("lim", M, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=700"));
    l = mounts_line(M);
    CHECK(!strcmp(l, "lim " M " tmpfs rw,nosuid,nodev,relatime,size=64k,mode=700 0 0"), "line: %s", l);
    OK(stat(M, &st));
    EQ(st.st_mode & 07777, 0700);
    OK(statfs(M, &sf));
    EQ(sf.f_blocks, 16);
    CHECK((sf.f_flags & (ST_NOSUID | ST_NODEV)) == (ST_NOSUID | ST_NODEV), "flags %#lx", (unsigned long)sf.f_flags);
    fd = OK(open(M "/big", O_CREAT | O_WRONLY, 0644));
    static char big[128 * 1024];
    ssize_t n = write(fd, big, sizeof big);
    EQ(n, 64 * 1024);
    FAILS(write(fd, big, 1), ENOSPC);
    OK(ftruncate(fd, 0));
    EQ(lseek(fd, 0, SEEK_SET), 0);
    EQ(write(fd, big, 4096), 4096);
    FAILS(mount("x", M, "tmpfs", 0, "bogus=1"), EINVAL);
    FAILS(mount("x", M, "nosuchfs", 0, NULL), ENODEV);
    FAILS(mount("x", "/tmp/fs-mount-missing", "tmpfs", 0, NULL), ENOENT);
    /* read-only remount: EBUSY while a file is open for writing; then EROFS for changes (EEXIST
     * still first), reads fine */
    FAILS(mount(NULL, M, NULL, MS_REMOUNT | MS_RDONLY, NULL), EBUSY);
    close(fd);
    OK(mount(NULL, M, NULL, MS_REMOUNT | MS_RDONLY, NULL));
    CHECK(!strncmp(mounts_line(M), "lim " M " tmpfs ro,relatime,", sizeof("lim " M " tmpfs ro,relatime,") - 1),
          "ro line: %s", mounts_line(M));
    FAILS(open(M "/big", O_WRONLY), EROFS);
    FAILS(open(M "/new", O_CREAT | O_WRONLY, 0644), EROFS);
    FAILS(mkdir(M "/big", 0755), EEXIST);
    FAILS(mkdir(M "/dir", 0755), EROFS);
    FAILS(unlink(M "/big"), EROFS);
    FAILS(chmod(M "/big", 0600), EROFS);
    FAILS(truncate(M "/big", 0), EROFS);
    int ro = OK(open(M "/big", O_RDONLY));
    close(ro);
    OK(mount(NULL, M, NULL, MS_REMOUNT, NULL));
    /* MS_MOVE: the mount moves to another directory */
    OK(mkdir("/tmp/fs-mount-moved", 0755));
    OK(mount(M, "/tmp/fs-mount-moved", NULL, MS_MOVE, NULL));
    OK(stat("/tmp/fs-mount-moved/big", &st));
    FAILS(stat(M "/big", &st), ENOENT);
    FAILS(mount("/tmp/fs-mount-moved", "/tmp/fs-mount-moved/x", NULL, MS_MOVE, NULL), ENOENT);
    OK(mkdir("/tmp/fs-mount-moved/x", 0755));
    FAILS(mount("/tmp/fs-mount-moved", "/tmp/fs-mount-moved/x", NULL, MS_MOVE, NULL), ELOOP);
    OK(rmdir("/tmp/fs-mount-moved/x"));
    OK(mount("/tmp/fs-mount-moved", M, NULL, MS_MOVE, NULL));
    OK(rmdir("/tmp/fs-mount-moved"));
    fd = OK(open(M "/big", O_WRONLY | O_APPEND));
    /* MNT_DETACH: gone from the tree at once, the open file still works */
    OK(umount2(M, MNT_DETACH));
    CHECK(!strcmp(mounts_line(M), ""), "detached: %s", mounts_line(M));
    EQ(write(fd, "x", 1), 1);
    OK(fstat(fd, &st));
    EQ(st.st_size, 4097);
    close(fd);
    OK(rmdir(M));
}

static int unprivileged_umount(void *arg)
{
    (void)arg;
    become(1000, 1000, 0, NULL);
    int failed_before = checks_failed;
    FAILS(umount("/proc"), EPERM);
    FAILS(mount("none", "/tmp", "tmpfs", 0, NULL), EPERM);
    return checks_failed > failed_before;
}

static void o_tmpfile(void)
{
    int fd = OK(open("/tmp", O_TMPFILE | O_RDWR, 0600));
    struct stat st;
    OK(fstat(fd, &st));
    CHECK(S_ISREG(st.st_mode) && st.st_nlink == 0 && (st.st_mode & 0777) == 0600, "tmpfile mode %o nlink %lu",
          st.st_mode, (unsigned long)st.st_nlink);
    EQ(write(fd, "anon", 4), 4);
    char path[64], target[256];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, target, sizeof target - 1);
    CHECK(n > 0, "readlink %s", path);
    target[n > 0 ? n : 0] = 0;
    CHECK(!strncmp(target, "/tmp/#", 6) && strstr(target, " (deleted)"), "tmpfile link: %s", target);
    unlink("/tmp/fs-mount-named");
    OK(linkat(AT_FDCWD, path, AT_FDCWD, "/tmp/fs-mount-named", AT_SYMLINK_FOLLOW));
    OK(fstat(fd, &st));
    EQ(st.st_nlink, 1);
    char buf[16];
    EQ(get_file("/tmp/fs-mount-named", buf, sizeof buf), 4);
    OK(unlink("/tmp/fs-mount-named"));
    close(fd);
    /* O_EXCL: never linkable */
    fd = OK(open("/tmp", O_TMPFILE | O_WRONLY | O_EXCL, 0600));
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    FAILS(linkat(AT_FDCWD, path, AT_FDCWD, "/tmp/fs-mount-named", AT_SYMLINK_FOLLOW), ENOENT);
    close(fd);
    FAILS(open("/tmp", O_TMPFILE | O_RDONLY, 0600), EINVAL);
    /* __O_TMPFILE without O_DIRECTORY: EINVAL. qemu-user's open-flag translation drops the lone
     * bit, so the host sees O_RDWR on a directory (EISDIR): tolerated on the oracle only. */
    errno = 0;
    int r = open("/tmp", 020000000 | O_RDWR, 0600);
    CHECK(r == -1 && (errno == EINVAL || (!on_levitate() && errno == EISDIR)), "lone __O_TMPFILE: %d errno %d",
          r, errno);
    FAILS(open("/tmp/fs-mount-nodir", O_TMPFILE | O_RDWR, 0600), ENOENT);
    FAILS(open("/proc", O_TMPFILE | O_RDWR, 0600), EOPNOTSUPP);
}

/* relatime: a read moves atime only if it is not newer than mtime/ctime (or a day old). */
static void atimes(void)
{
    OK(mkdir(M, 0755));
    OK(mount("tmpfs", M, "tmpfs", 0, NULL));
    OK(put_file(M "/f", "abc"));
    struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };   /* atime == mtime, long ago */
    OK(utimensat(AT_FDCWD, M "/f", old, 0));
    char buf[8];
    EQ(get_file(M "/f", buf, sizeof buf), 3);
    struct stat st;
    OK(stat(M "/f", &st));
    CHECK(st.st_atime > 1000000000, "read updated atime (%ld)", (long)st.st_atime);
    time_t first = st.st_atime;
    struct timespec newer[2] = { { first + 100, 0 }, { UTIME_OMIT, UTIME_OMIT } };   /* atime > mtime, ctime */
    /* ctime is now: make atime newer than it too */
    newer[0].tv_sec = time(NULL) + 3600;
    OK(utimensat(AT_FDCWD, M "/f", newer, 0));
    EQ(get_file(M "/f", buf, sizeof buf), 3);
    OK(stat(M "/f", &st));
    EQ(st.st_atime, newer[0].tv_sec);                 /* not moved: relatime */
    /* O_NOATIME is honoured only for the owner; root is the owner here */
    OK(umount(M));
    OK(rmdir(M));
}

static void falloc_holes(void)
{
    int fd = OK(open("/tmp/fs-mount-sparse", O_CREAT | O_RDWR | O_TRUNC, 0644));
    OK(fallocate(fd, 0, 0, 8192));
    struct stat st;
    OK(fstat(fd, &st));
    CHECK(st.st_size == 8192 && st.st_blocks == 16, "fallocate: size %ld blocks %ld", (long)st.st_size,
          (long)st.st_blocks);
    OK(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
    OK(fstat(fd, &st));
    CHECK(st.st_size == 8192 && st.st_blocks == 24, "KEEP_SIZE: size %ld blocks %ld", (long)st.st_size,
          (long)st.st_blocks);
    OK(ftruncate(fd, 0));
    EQ(pwrite(fd, "d", 1, 3 * 4096), 1);
    EQ(lseek(fd, 0, SEEK_DATA), 3 * 4096);
    EQ(lseek(fd, 0, SEEK_HOLE), 0);
    EQ(lseek(fd, 3 * 4096, SEEK_HOLE), 3 * 4096 + 1);     /* the end of the file */
    FAILS(lseek(fd, 4 * 4096, SEEK_DATA), ENXIO);
    EQ(pwrite(fd, "0123456789", 10, 0), 10);
    OK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 2, 3));
    char buf[10];
    EQ(pread(fd, buf, 10, 0), 10);
    CHECK(!memcmp(buf, "01\0\0\0" "56789", 10), "punched: %.10s", buf);
    OK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096));
    OK(fstat(fd, &st));
    EQ(st.st_blocks, 8);
    EQ(lseek(fd, 0, SEEK_DATA), 3 * 4096);
    close(fd);
    OK(unlink("/tmp/fs-mount-sparse"));
}

/* ---- /proc ---- */

static int sleeper_pipe[2];
static int sleeper(void *arg)
{
    (void)arg;
    char c;
    read(sleeper_pipe[0], &c, 1);
    return 0;
}

static void proc_files(char **argv)
{
    char buf[4096], path[64];
    /* stat: "pid (comm) state ppid ..." */
    OK(get_file("/proc/self/stat", buf, sizeof buf));
    int pid = 0, ppid = 0;
    char comm[32] = "", state = 0;
    sscanf(buf, "%d (%31[^)]) %c %d", &pid, comm, &state, &ppid);
    EQ(pid, getpid());
    CHECK(!strcmp(comm, "fs-mount"), "comm %s", comm);
    /* qemu-user fakes /proc/self/stat with most fields 0, the state among them */
    if (on_levitate()) CHECK(state == 'R', "state %c", state);
    /* maps: glibc's pthread_getattr_np needs the [stack] line */
    OK(get_file("/proc/self/maps", buf, sizeof buf));
    CHECK(strstr(buf, "[stack]") != NULL, "maps has the stack");
    /* cmdline: the NUL-separated argv */
    ssize_t n = get_file("/proc/self/cmdline", buf, sizeof buf);
    CHECK(n == (ssize_t)strlen(argv[0]) + 1 && !strcmp(buf, argv[0]), "cmdline %s", buf);
    OK(readlink("/proc/self/exe", buf, sizeof buf));
    OK(readlink("/proc/self/cwd", buf, sizeof buf));
    OK(access("/proc/self/fd/0", F_OK));
    OK(get_file("/proc/meminfo", buf, sizeof buf));
    CHECK(!strncmp(buf, "MemTotal:", 9) && strstr(buf, "\nMemFree:") && strstr(buf, "\nMemAvailable:") &&
          strstr(buf, "\nCached:") && strstr(buf, "\nSwapTotal:"), "meminfo");
    OK(get_file("/proc/uptime", buf, sizeof buf));
    double up = 0, idle = 0;
    CHECK(sscanf(buf, "%lf %lf", &up, &idle) == 2 && up > 0, "uptime %s", buf);
    OK(get_file("/proc/loadavg", buf, sizeof buf));
    double l1, l5, l15;
    int run, all, last;
    CHECK(sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &run, &all, &last) == 6, "loadavg %s", buf);
    OK(get_file("/proc/stat", buf, sizeof buf));
    CHECK(!strncmp(buf, "cpu ", 4) && strstr(buf, "\nbtime ") && strstr(buf, "\nprocesses "), "stat");
    OK(get_file("/proc/filesystems", buf, sizeof buf));
    CHECK(strstr(buf, "nodev\ttmpfs\n") && strstr(buf, "nodev\tproc\n"), "filesystems");
    OK(get_file("/proc/version", buf, sizeof buf));
    CHECK(!strncmp(buf, "Linux version ", 14), "version");
    OK(get_file("/proc/cpuinfo", buf, sizeof buf));
    CHECK(!strncmp(buf, "processor\t: 0\n", 14), "cpuinfo");

    /* Another process: qemu-user shows the host's /proc for other processes (FACTS.md), where
     * the emulated child's cmdline and status belong to the emulator; checked on Levitate. */
    OK(pipe(sleeper_pipe));
    pid_t c = spawn(sleeper, NULL);
    snprintf(path, sizeof path, "/proc/%d/stat", c);
    OK(get_file(path, buf, sizeof buf));
    sscanf(buf, "%d (%31[^)]) %c %d", &pid, comm, &state, &ppid);
    EQ(pid, c);
    EQ(ppid, getpid());
    snprintf(path, sizeof path, "/proc/%d/cmdline", c);
    n = get_file(path, buf, sizeof buf);
    if (on_levitate()) CHECK(n > 0 && !strcmp(buf, argv[0]), "child's cmdline: %s", buf);
    snprintf(path, sizeof path, "/proc/%d/environ", c);
    n = get_file(path, buf, sizeof buf);
    if (on_levitate()) CHECK(n > 0 && strstr(buf, "PATH=") != NULL, "child's environ");
    snprintf(path, sizeof path, "/proc/%d/status", c);
    /* the child blocks in read soon: wait for it to show as sleeping (up to 2 s) */
    for (int i = 0; i < 200; i++) {
        OK(get_file(path, buf, sizeof buf));
        if (strstr(buf, "State:\tS (sleeping)\n")) break;
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
    }
    CHECK(strstr(buf, "State:\tS (sleeping)\n") != NULL, "child sleeps: %.60s", buf);
    char want[64];
    snprintf(want, sizeof want, "\nPPid:\t%d\n", getpid());
    CHECK(strstr(buf, want) != NULL, "child's PPid");
    CHECK(strstr(buf, "\nUid:\t0\t0\t0\t0\n") != NULL, "Uid line");
    snprintf(path, sizeof path, "/proc/%d/fd/%d", c, sleeper_pipe[0]);
    char link[64];
    n = readlink(path, link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    CHECK(!strncmp(link, "pipe:[", 6), "child's fd: %s", link);
    write(sleeper_pipe[1], "x", 1);
    expect_exit(c, 0, "sleeper");
    snprintf(path, sizeof path, "/proc/%d/stat", c);
    FAILS(open(path, O_RDONLY), ENOENT);
    close(sleeper_pipe[0]);
    close(sleeper_pipe[1]);
}

int main(int argc, char **argv)
{
    (void)argc;
    start("fs-mount");
    tmpfs_mounts();
    expect_exit(spawn(unprivileged_umount, NULL), 0, "non-root mount/umount");
    o_tmpfile();
    atimes();
    falloc_holes();
    proc_files(argv);
    return finish();
}
