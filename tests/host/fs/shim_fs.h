/* Shared helpers of the fs host tests (tests/host/fs/): the harness, the kernel headers, the shim's
 * controls and short wrappers that call the syscall handlers with host pointers as user
 * addresses. Include this first in a test file. */
#pragma once
#include "tests/host/core/harness.h"
/* glibc's <stdio.h>/<unistd.h> (_GNU_SOURCE) define these too; ours come from uapi/. */
#undef RENAME_NOREPLACE
#undef RENAME_EXCHANGE
#undef RENAME_WHITEOUT
#undef CLOSE_RANGE_UNSHARE
#undef CLOSE_RANGE_CLOEXEC
int open(const char *path, int flags, ...);   /* not <fcntl.h>: its O_* are x86-64's */
#include "fs/vfs.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/dirops.h"
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/fs_struct.h"
#include "fs/fs_uapi.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

extern long shim_pages;          /* pages tmpfs holds right now */
extern int shim_last_signal;     /* last signal "sent" by the fs code (pipes: SIGPIPE) */
/* vfs_init + a root task with an empty descriptor table and fs context at "/". Idempotent. */
void shim_boot(void);
void shim_set_creds(uid_t uid, gid_t gid);

#define U(p) ((uaddr_t)(uintptr_t)(p))
#define BADPTR ((uaddr_t)8)      /* faults in copy_*_user */

/* Syscall shorthands on string literals / host buffers. */
static inline long t_open(const char *p, int fl, mode_t m) { return sys_openat(AT_FDCWD, U(p), fl, m); }
static inline long t_write(int fd, const void *b, size_t n) { return sys_write(fd, U(b), n); }
static inline long t_read(int fd, void *b, size_t n) { return sys_read(fd, U(b), n); }
static inline long t_mkdir(const char *p, mode_t m) { return sys_mkdirat(AT_FDCWD, U(p), m); }
static inline long t_unlink(const char *p) { return sys_unlinkat(AT_FDCWD, U(p), 0); }
static inline long t_rmdir(const char *p) { return sys_unlinkat(AT_FDCWD, U(p), AT_REMOVEDIR); }
static inline long t_symlink(const char *t, const char *p) { return sys_symlinkat(U(t), AT_FDCWD, U(p)); }
static inline long t_link(const char *a, const char *b) { return sys_linkat(AT_FDCWD, U(a), AT_FDCWD, U(b), 0); }
static inline long t_rename(const char *a, const char *b) { return sys_renameat2(AT_FDCWD, U(a), AT_FDCWD, U(b), 0); }
static inline long t_stat(const char *p, struct linux_stat *st) { return sys_newfstatat(AT_FDCWD, U(p), U(st), 0); }
static inline long t_lstat(const char *p, struct linux_stat *st) {
    return sys_newfstatat(AT_FDCWD, U(p), U(st), AT_SYMLINK_NOFOLLOW);
}
static inline long t_chdir(const char *p) { return sys_chdir(U(p)); }

/* Silence the kernel log (printk goes to stdout) around noisy loops. */
static int quiet_saved = -1;
static inline void quiet(bool on) {
    fflush(stdout);
    if (on && quiet_saved < 0) {
        quiet_saved = dup(1);
        int nul = open("/dev/null", 1);
        dup2(nul, 1);
        close(nul);
    } else if (!on && quiet_saved >= 0) {
        dup2(quiet_saved, 1);
        close(quiet_saved);
        quiet_saved = -1;
    }
}

/* Create path with the given contents (O_TRUNC); returns 0 or -errno. */
static inline long t_put(const char *path, const char *data) {
    long fd = t_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fd;
    long n = t_write(fd, data, strlen(data));
    sys_close(fd);
    return n < 0 ? n : 0;
}

/* Read path into buf (NUL-terminated); returns the length or -errno. */
static inline long t_get(const char *path, char *buf, size_t size) {
    long fd = t_open(path, O_RDONLY, 0);
    if (fd < 0) return fd;
    long n = t_read(fd, buf, size - 1);
    sys_close(fd);
    if (n >= 0) buf[n] = 0;
    return n;
}
