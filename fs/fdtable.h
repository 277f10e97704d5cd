/* Per-process descriptor tables (fs/fdtable.c). A table maps fd -> struct file plus the
 * per-descriptor FD_CLOEXEC flag; it is refcounted so CLONE_FILES threads share one, and copied
 * for fork. The lifecycle API (files_new/dup/get/put, fd_install, fd_get) is in fs/kapi.h. */
#pragma once
#include "fs/vfs.h"

#define FD_DEFAULT_LIMIT 1024     /* RLIMIT_NOFILE soft default (Linux INR_OPEN_CUR) */
#define FD_HARD_MAX      (1 << 20)/* Linux's nr_open default: no table grows past this */

struct files_table {
    int refs;
    int size;                 /* slots allocated in fds/cloexec */
    struct file **fds;
    u8 *cloexec;
};

/* Like fd_get (fs/kapi.h) but also returns O_PATH files (fstat, fchdir, *at dirfds, close). */
struct file *fd_get_raw(int fd);

/* The caller's RLIMIT_NOFILE soft limit: fds must be below it. */
int fd_limit(void);
/* Lowest free fd >= minfd (below fd_limit) for f (reference moves in): the fd, or -EMFILE. */
int fd_alloc_from(struct files_table *ft, int minfd, struct file *f, int fd_flags);
/* Put f at exactly fd (dup2/dup3), replacing what was there; the replaced file is returned
 * (caller file_puts it after) or NULL. fd must be < fd_limit(); ERR_PTR(-ENOMEM) on failure. */
struct file *fd_install_at(struct files_table *ft, int fd, struct file *f, int fd_flags);
/* Remove fd from the table: its file (the table's reference moves to the caller), or NULL. */
struct file *fd_remove(struct files_table *ft, int fd);
/* Close f, just removed from ft: drops ft's POSIX locks on the file, then the reference. */
void fd_close_file(struct files_table *ft, struct file *f);
/* FD_CLOEXEC of fd, or -EBADF. */
int fd_get_flags(struct files_table *ft, int fd);
int fd_set_flags(struct files_table *ft, int fd, int fd_flags);
/* Number of slots in use up to the highest open fd + 1 (select's bound). */
int fd_max_open(struct files_table *ft);
