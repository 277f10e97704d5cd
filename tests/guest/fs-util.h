/* Helpers shared by the file-system guest tests (tests/guest/fs-*.c, issue 4): "are we on
 * Levitate?" for the few checks where qemu-user (the Linux oracle) is known to differ from Linux,
 * child processes with exit-status checks, and small file helpers. Include after check.h. */
#ifndef LV_FS_UTIL_H
#define LV_FS_UTIL_H
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

/* Levitate's uname release ends in "-levitate"; qemu-user passes the host's release through. */
static __attribute__((unused)) int on_levitate(void)
{
    static int cached = -1;
    if (cached < 0) {
        struct utsname u;
        cached = uname(&u) == 0 && strstr(u.release, "levitate") != NULL;
    }
    return cached;
}

/* Run fn(arg) in a child; returns the child's pid (the caller waits with expect_exit). */
static __attribute__((unused)) pid_t spawn(int (*fn)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(fn(arg));
    return pid;
}

/* Wait for pid and check it exited with `code` (or was killed by signal -code when code < 0). */
static __attribute__((unused)) void expect_exit(pid_t pid, int code, const char *what)
{
    int st = 0;
    pid_t r = waitpid(pid, &st, 0);
    if (code >= 0)
        CHECK(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == code, "%s: status %#x, expected exit %d",
              what, st, code);
    else
        CHECK(r == pid && WIFSIGNALED(st) && WTERMSIG(st) == -code, "%s: status %#x, expected signal %d",
              what, st, -code);
}

/* Write a whole file (created 0644, truncated). */
static __attribute__((unused)) int put_file(const char *path, const char *data)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return -1;
    ssize_t n = write(fd, data, strlen(data));
    close(fd);
    return n == (ssize_t)strlen(data) ? 0 : -1;
}

/* Read a file into buf (NUL-terminated); returns the length or -1. */
static __attribute__((unused)) ssize_t get_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = 0, r;
    while (n < (ssize_t)size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0) n += r;
    close(fd);
    buf[n] = 0;
    return n;
}

/* Become an unprivileged user (groups first, then gid, then uid). */
static __attribute__((unused)) void become(uid_t uid, gid_t gid, int ngroups, const gid_t *groups)
{
    if (syscall(SYS_setgroups, ngroups, groups) || syscall(SYS_setresgid, gid, gid, gid) ||
        syscall(SYS_setresuid, uid, uid, uid)) {
        printf("FAIL: cannot become uid %d gid %d: %s\n", uid, gid, strerror(errno));
        _exit(99);
    }
}
#endif
