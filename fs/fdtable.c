/* Descriptor tables: fd -> struct file with a close-on-exec flag per descriptor.
 * The table grows in powers of two up to the caller's RLIMIT_NOFILE; new descriptors always take
 * the lowest free number, as POSIX requires. */
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "fs/locks.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "uapi/resource.h"


#define FD_INITIAL 64

int fd_limit(void) {
    if (current && current->proc) {
        u64 cur = current->proc->rlim[RLIMIT_NOFILE].cur;
        return cur > FD_HARD_MAX ? FD_HARD_MAX : (int)cur;
    }
    return FD_DEFAULT_LIMIT;
}

struct files_table *files_new(void) {
    struct files_table *ft = kzalloc(sizeof(*ft));
    if (!ft) return NULL;
    ft->refs = 1;
    return ft;
}

/* Make room for fd; 0 or -ENOMEM. */
static int grow(struct files_table *ft, int fd) {
    if (fd < ft->size) return 0;
    int n = ft->size ? ft->size : FD_INITIAL;
    while (n <= fd) n *= 2;
    struct file **fds = kzalloc(n * sizeof(*fds));
    u8 *ce = kzalloc(n);
    if (!fds || !ce) { kfree(fds); kfree(ce); return -ENOMEM; }
    if (ft->size) {
        memcpy(fds, ft->fds, ft->size * sizeof(*fds));
        memcpy(ce, ft->cloexec, ft->size);
    }
    kfree(ft->fds);
    kfree(ft->cloexec);
    ft->fds = fds;
    ft->cloexec = ce;
    ft->size = n;
    return 0;
}

struct files_table *files_dup(struct files_table *old) {
    struct files_table *ft = files_new();
    if (!ft) return NULL;
    int top = fd_max_open(old);
    if (top && grow(ft, top - 1)) { kfree(ft); return NULL; }
    for (int i = 0; i < top; i++) {
        ft->fds[i] = old->fds[i];
        ft->cloexec[i] = old->cloexec[i];
        if (ft->fds[i]) file_get(ft->fds[i]);
    }
    return ft;
}

void files_get(struct files_table *ft) { ft->refs++; }

void fd_close_file(struct files_table *ft, struct file *f) {
    if (!f) return;
    locks_remove_posix(f, ft);
    file_put(f);
}

void files_put(struct files_table *ft) {
    if (!ft) return;
    BUG_ON(ft->refs <= 0);
    if (--ft->refs) return;
    for (int i = 0; i < ft->size; i++) {
        struct file *f = ft->fds[i];
        ft->fds[i] = NULL;
        fd_close_file(ft, f);
    }
    kfree(ft->fds);
    kfree(ft->cloexec);
    kfree(ft);
}

int fd_alloc_from(struct files_table *ft, int minfd, struct file *f, int fd_flags) {
    int lim = fd_limit();
    if (minfd < 0) return -EINVAL;
    for (int fd = minfd; fd < lim; fd++) {
        if (fd < ft->size && ft->fds[fd]) continue;
        if (grow(ft, fd)) return -ENOMEM;
        ft->fds[fd] = f;
        ft->cloexec[fd] = (fd_flags & FD_CLOEXEC) ? 1 : 0;
        return fd;
    }
    return -EMFILE;
}

int fd_install(struct files_table *ft, struct file *f, int fd_flags) {
    return fd_alloc_from(ft, 0, f, fd_flags);
}

struct file *fd_install_at(struct files_table *ft, int fd, struct file *f, int fd_flags) {
    if (grow(ft, fd)) return ERR_PTR(-ENOMEM);
    struct file *old = ft->fds[fd];
    ft->fds[fd] = f;
    ft->cloexec[fd] = (fd_flags & FD_CLOEXEC) ? 1 : 0;
    return old;
}

struct file *fd_remove(struct files_table *ft, int fd) {
    if (fd < 0 || fd >= ft->size || !ft->fds[fd]) return NULL;
    struct file *f = ft->fds[fd];
    ft->fds[fd] = NULL;
    ft->cloexec[fd] = 0;
    return f;
}

static struct file *lookup(int fd) {
    struct files_table *ft = current ? current->files : NULL;
    if (!ft || fd < 0 || fd >= ft->size) return NULL;
    return ft->fds[fd];
}

struct file *fd_get_raw(int fd) {
    struct file *f = lookup(fd);
    if (f) file_get(f);
    return f;
}

struct file *fd_get(int fd) {
    struct file *f = lookup(fd);
    if (!f || (f->fmode & FMODE_PATH)) return NULL;
    file_get(f);
    return f;
}

int fd_get_flags(struct files_table *ft, int fd) {
    if (fd < 0 || fd >= ft->size || !ft->fds[fd]) return -EBADF;
    return ft->cloexec[fd] ? FD_CLOEXEC : 0;
}

int fd_set_flags(struct files_table *ft, int fd, int fd_flags) {
    if (fd < 0 || fd >= ft->size || !ft->fds[fd]) return -EBADF;
    ft->cloexec[fd] = (fd_flags & FD_CLOEXEC) ? 1 : 0;
    return 0;
}

int fd_max_open(struct files_table *ft) {
    int top = ft->size;
    while (top > 0 && !ft->fds[top - 1]) top--;
    return top;
}

void files_close_on_exec(struct files_table *ft) {
    for (int i = 0; i < ft->size; i++) {
        if (ft->fds[i] && ft->cloexec[i]) {
            struct file *f = ft->fds[i];
            ft->fds[i] = NULL;
            ft->cloexec[i] = 0;
            fd_close_file(ft, f);
        }
    }
}
