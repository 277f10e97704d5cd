/* Host tests of procfs (fs/procfs.c, fs/procfs_show.c) and magic links: /proc listing,
 * /proc/self, fd links that reach deleted files, cwd/exe, generated files read in pieces, and
 * that procfs dentries do not outlive what they describe. The shim's process table is one
 * process, pid 1, "shim", exe /bin/true. */
#include "shim_fs.h"

static int names(const char *path, char out[][32], int max) {
    long fd = t_open(path, O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0) return (int)fd;
    char buf[1024];
    int n = 0;
    for (long r; (r = sys_getdents64(fd, U(buf), sizeof buf)) > 0;)
        for (long off = 0; off < r; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
            if (n < max) snprintf(out[n++], 32, "%s", ((struct linux_dirent64 *)(buf + off))->d_name);
    sys_close(fd);
    return n;
}
static bool has(char l[][32], int n, const char *s) {
    for (int i = 0; i < n; i++) if (!strcmp(l[i], s)) return true;
    return false;
}

static void listing(void) {
    char l[64][32];
    int n = names("/proc", l, 64);
    EXPECT(n > 5 && has(l, n, "self") && has(l, n, "1") && has(l, n, "meminfo") && has(l, n, "mounts"),
           "/proc has %d entries", n);
    n = names("/proc/1", l, 64);
    EXPECT(has(l, n, "fd") && has(l, n, "maps") && has(l, n, "exe") && has(l, n, "status"), "/proc/1");
    char buf[32];
    EXPECT(sys_readlinkat(AT_FDCWD, U("/proc/self"), U(buf), sizeof buf) == 1 && buf[0] == '1', "self link");
    struct linux_stat a, b;
    EXPECT(t_stat("/proc/self", &a) == 0 && t_stat("/proc/1", &b) == 0 && a.st_ino == b.st_ino, "self is 1");
    EXPECT(t_stat("/proc/2", &a) == -ENOENT && t_stat("/proc/01", &a) == -ENOENT, "no such process");
    EXPECT(t_stat("/proc/self/nope", &a) == -ENOENT, "no such entry");
    EXPECT(t_put("/proc/new", "x") < 0 && t_mkdir("/proc/d", 0755) < 0, "procfs is not writable");
    struct linux_statfs sf;
    EXPECT(sys_statfs(U("/proc"), U(&sf)) == 0 && sf.f_type == 0x9fa0, "statfs magic %lx", (long)sf.f_type);
}

static void fd_links(void) {
    t_mkdir("/pt", 0755);
    t_put("/pt/file", "contents");
    long fd = t_open("/pt/file", O_RDONLY, 0);
    char path[64], buf[64];
    snprintf(path, sizeof path, "/proc/self/fd/%ld", fd);
    long n = sys_readlinkat(AT_FDCWD, U(path), U(buf), sizeof buf);
    EXPECT(n == 8 && !memcmp(buf, "/pt/file", 8), "fd link %.*s", (int)n, buf);
    char l[64][32];
    int cnt = names("/proc/self/fd", l, 64);
    char want[8];
    snprintf(want, sizeof want, "%ld", fd);
    EXPECT(has(l, cnt, want), "fd %s not listed", want);
    /* The magic link reaches the file even after it is unlinked. */
    t_unlink("/pt/file");
    n = sys_readlinkat(AT_FDCWD, U(path), U(buf), sizeof buf);
    EXPECT(n == 18 && !memcmp(buf, "/pt/file (deleted)", 18), "deleted link %.*s", (int)n, buf);
    EXPECT(t_get(path, buf, sizeof buf) == 8 && !strcmp(buf, "contents"), "open through the magic link");
    struct linux_stat st, lst;
    EXPECT(t_stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 0, "stat follows");
    EXPECT(t_lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && (lst.st_mode & 0777) == 0500, "lstat %o", lst.st_mode);
    sys_close(fd);
    EXPECT(t_stat(path, &st) == -ENOENT, "closed fd still resolves");
    /* /dev/stdout-style reopen of a pipe: the pipe has no open op, so ENXIO (as Linux for sockets). */
    EXPECT(t_stat("/proc/self/fd/999", &st) == -ENOENT, "fd 999");
}

static void cwd_exe_root(void) {
    t_chdir("/pt");
    char buf[64];
    EXPECT(sys_readlinkat(AT_FDCWD, U("/proc/self/cwd"), U(buf), sizeof buf) == 3 && !memcmp(buf, "/pt", 3), "cwd");
    struct linux_stat a, b;
    EXPECT(t_stat("/proc/self/cwd/.", &a) == 0 && t_stat("/pt", &b) == 0 && a.st_ino == b.st_ino, "through cwd");
    t_chdir("/");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/proc/self/exe"), U(buf), sizeof buf) == 9 && !memcmp(buf, "/bin/true", 9),
           "exe text");
    EXPECT(t_stat("/proc/self/exe", &a) == -ENOENT, "exe target does not exist here");
    EXPECT(sys_readlinkat(AT_FDCWD, U("/proc/self/root"), U(buf), sizeof buf) == 1 && buf[0] == '/', "root");
    /* A symlink chain through /proc counts towards ELOOP like any other. */
    EXPECT(t_symlink("/proc/self/cwd", "/pt/tocwd") == 0 && t_stat("/pt/tocwd/pt/tocwd/pt", &a) == 0, "chain");
}

static void files(void) {
    char buf[512];
    EXPECT(t_get("/proc/self/status", buf, sizeof buf) > 0 && strstr(buf, "Name:\tshim\n") &&
           strstr(buf, "Pid:\t1\n"), "status:\n%s", buf);
    EXPECT(t_get("/proc/self/comm", buf, sizeof buf) == 5 && !strcmp(buf, "shim\n"), "comm");
    long n = t_get("/proc/self/stat", buf, sizeof buf);
    int fields = 0;
    for (char *p = buf; *p; p++) if (*p == ' ') fields++;
    EXPECT(n > 0 && !strncmp(buf, "1 (shim) ", 9) && fields == 51, "stat has %d fields: %s", fields + 1, buf);
    EXPECT(t_get("/proc/mounts", buf, sizeof buf) > 0 && strstr(buf, "rootfs / rootfs rw 0 0\n") &&
           strstr(buf, "proc /proc proc rw,relatime 0 0\n") && strstr(buf, "devtmpfs /dev devtmpfs"), "mounts:\n%s", buf);
    EXPECT(t_get("/proc/meminfo", buf, sizeof buf) > 0 && !strncmp(buf, "MemTotal:", 9), "meminfo");
    /* Reading in small pieces and seeking within the snapshot. */
    long fd = t_open("/proc/version", O_RDONLY, 0);
    char piece[8], all[256] = { 0 };
    size_t len = 0;
    for (long r; (r = t_read(fd, piece, 5)) > 0; len += r) memcpy(all + len, piece, r);
    EXPECT(len > 20 && !strncmp(all, "Linux version 6.1.0", 19), "pieces: %s", all);
    EXPECT(sys_lseek(fd, 6, SEEK_SET) == 6 && t_read(fd, piece, 7) == 7 && !memcmp(piece, "version", 7), "lseek");
    EXPECT(t_write(fd, "x", 1) == -EBADF, "write to a read-only proc file");
    sys_close(fd);
}

/* procfs dentries are a cache: unused ones go away, nothing leaks (ASan checks the rest). */
static void no_stale_dentries(void) {
    struct path p;
    EXPECT(path_lookup(AT_FDCWD, "/proc", LOOKUP_FOLLOW, &p) == 0, "lookup");
    for (int i = 0; i < 100; i++) {
        struct linux_stat st;
        t_stat("/proc/self/status", &st);
        t_stat("/proc/1/fd", &st);
    }
    int children = 0;
    for (struct dentry *c = p.dentry->children; c; c = c->next) children++;
    EXPECT(children == 0, "%d dentries cached under /proc with no user", children);
    path_put(&p);
}

int main(void) {
    h_init();
    shim_boot();
    RUN(listing);
    RUN(fd_links);
    RUN(cwd_exe_root);
    RUN(files);
    RUN(no_stale_dentries);
    return h_finish("test_procfs");
}
