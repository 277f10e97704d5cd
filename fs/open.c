/* open and close: the path-based open with Linux's rules for O_CREAT/O_EXCL/O_TRUNC/O_DIRECTORY/
 * O_NOFOLLOW/O_PATH, the kernel's own opens, and the syscalls openat, close, close_range. */
#include "fs/file.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/dirops.h"
#include "fs/fdtable.h"
#include "fs/fs_struct.h"
#include "fs/fs_uapi.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "syscall_decls.h"


static int open_access(unsigned flags) {
    if (flags & O_PATH) return 0;
    int acc;
    switch (flags & O_ACCMODE) {
    case O_RDONLY: acc = MAY_READ; break;
    case O_WRONLY: acc = MAY_WRITE; break;
    default: acc = MAY_READ | MAY_WRITE; break;  /* O_RDWR, and 3 ("ioctl only") needs both */
    }
    if (flags & O_TRUNC) acc |= MAY_WRITE;
    return acc;
}

/* Create the negative last component of nd as a regular file. */
static int open_create(struct nameidata *nd, struct dentry *d, mode_t mode) {
    struct inode *dir = nd->path.dentry->inode;
    if (nd->trailing_slash) return -EISDIR;
    if (mnt_readonly(nd->path.mnt)) return -EROFS;
    int err = may_create(dir);
    if (err) return err;
    if (!dir->iops || !dir->iops->create) return -EACCES;
    return dir->iops->create(dir, d, S_IFREG | (mode & 07777 & ~fs_umask()));
}

/* O_TMPFILE: an unnamed regular file in the directory `name` (Linux's do_tmpfile). Without O_EXCL
 * linkat may give it a name later. */
static struct file *open_tmpfile(int dfd, const char *name, unsigned flags, mode_t mode) {
    struct path dir;
    int err = path_lookup(dfd, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
    if (err) return ERR_PTR(err);
    struct inode *di = dir.dentry->inode;
    struct file *f = NULL;
    struct dentry *d = NULL;
    err = mnt_readonly(dir.mnt) ? -EROFS : inode_permission(di, MAY_WRITE | MAY_EXEC);
    if (!err && (!di->iops || !di->iops->tmpfile)) err = -EOPNOTSUPP;
    if (!err && !(d = d_alloc(dir.dentry, "#", 1))) err = -ENOMEM;
    if (!err) err = di->iops->tmpfile(di, d, mode & 07777 & ~fs_umask());
    if (!err) {
        if (!(flags & O_EXCL)) d->inode->linkable = true;
        struct path p = { dir.mnt, d };
        f = vfs_open(&p, flags & ~(O_CREAT | O_EXCL));
        if (IS_ERR(f)) { err = PTR_ERR(f); f = NULL; }
    }
    if (d) d_put(d);
    path_put(&dir);
    return err ? ERR_PTR(err) : f;
}

struct file *do_open(int dfd, const char *name, unsigned flags, mode_t mode) {
    if (flags & O_PATH) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    if (flags & __O_TMPFILE) {
        /* Linux's build_open_flags: O_TMPFILE needs O_DIRECTORY, no O_CREAT, and write access. */
        if ((flags & (__O_TMPFILE | O_DIRECTORY | O_CREAT)) != O_TMPFILE) return ERR_PTR(-EINVAL);
        if (!(open_access(flags) & MAY_WRITE)) return ERR_PTR(-EINVAL);
        return open_tmpfile(dfd, name, flags | O_LARGEFILE, mode);
    }
    if ((flags & O_CREAT) && (flags & O_DIRECTORY)) return ERR_PTR(-EINVAL);
    /* 64-bit Linux's openat forces O_LARGEFILE (F_GETFL shows it), except that O_PATH keeps only
     * its own few flags; pipes and sockets never get it. */
    flags |= O_LARGEFILE;
    if (flags & O_PATH) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
    int acc = open_access(flags);
    struct nameidata nd;
    int err = nd_start(&nd, dfd, name, 0);
    if (err) return ERR_PTR(err);
    bool follow = !(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL));
    struct path res;
    err = nd_lookup_last(&nd, follow, &res);
    if (err) { nd_release(&nd); return ERR_PTR(err); }
    bool created = false;
    if ((flags & O_CREAT) && nd.last_type == LAST_NORM && !d_positive(res.dentry)) {
        err = open_create(&nd, res.dentry, mode);
        created = !err;
    } else if (!d_positive(res.dentry)) {
        err = -ENOENT;
    } else if ((flags & O_CREAT) && (flags & O_EXCL)) {
        err = -EEXIST;
    }
    bool must_dir = nd.trailing_slash || (flags & O_DIRECTORY);
    nd_release(&nd);
    struct inode *ino = err ? NULL : res.dentry->inode;
    if (!err && S_ISLNK(ino->mode) && !(flags & O_PATH)) err = -ELOOP;   /* O_NOFOLLOW */
    if (!err && must_dir && !S_ISDIR(ino->mode)) err = -ENOTDIR;
    if (!err && S_ISDIR(ino->mode) && ((flags & O_CREAT) || (acc & MAY_WRITE))) err = -EISDIR;
    bool data_file = !err && (S_ISREG(ino->mode) || S_ISDIR(ino->mode) || S_ISLNK(ino->mode));
    if (!err && !created && (flags & O_TRUNC) && S_ISREG(ino->mode) && mnt_readonly(res.mnt)) err = -EROFS;
    if (!err && !created && acc) err = inode_permission(ino, acc);
    if (!err && (flags & O_NOATIME) && fs_fsuid() != 0 && fs_fsuid() != ino->uid) err = -EPERM;
    if (!err && !created && data_file && (acc & MAY_WRITE) && mnt_readonly(res.mnt)) err = -EROFS;
    struct file *f = NULL;
    if (!err) {
        f = vfs_open(&res, flags);
        if (IS_ERR(f)) err = PTR_ERR(f);
    }
    if (!err && (flags & O_TRUNC) && !created && S_ISREG(ino->mode)) {
        err = vfs_truncate(ino, 0);
        if (err) file_put(f);
    }
    path_put(&res);
    return err ? ERR_PTR(err) : f;
}

struct file *file_open_kernel(const char *path, int flags, mode_t mode) {
    return do_open(AT_FDCWD, path, flags, mode);
}

long sys_openat(int dfd, uaddr_t filename, int flags, mode_t mode) {
    if (!current || !current->files) return -EBADF;
    char *name = getname(filename, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    /* Linux reserves the descriptor first: a full table is EMFILE whatever the path. The
     * probe installs nothing; the real install below again takes the lowest free slot, which
     * is right even if a blocking open let another thread take this one. */
    struct files_table *ft = current->files;
    long r = fd_install(ft, NULL, 0);
    if (r >= 0) {
        struct file *f = do_open(dfd, name, flags, mode);
        if (IS_ERR(f)) {
            r = PTR_ERR(f);
        } else {
            r = fd_install(ft, f, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0);
            if (r < 0) file_put(f);
        }
    }
    putname(name);
    return r;
}

long sys_close(unsigned int fd) {
    if (!current || !current->files) return -EBADF;
    struct file *f = fd_remove(current->files, fd);
    if (!f) return -EBADF;
    fd_close_file(current->files, f);
    return 0;
}

long sys_close_range(unsigned int fd, unsigned int max_fd, unsigned int flags) {
    if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) return -EINVAL;
    if (fd > max_fd) return -EINVAL;
    struct files_table *ft = current->files;
    if ((flags & CLOSE_RANGE_UNSHARE) && ft->refs > 1) {
        /* Another task shares the table: work on a private copy from now on (unshare_fd). */
        struct files_table *copy = files_dup(ft);
        if (!copy) return -ENOMEM;
        current->files = copy;
        files_put(ft);
        ft = copy;
    }
    for (unsigned i = fd; i <= max_fd && i < (unsigned)ft->size; i++) {
        if (flags & CLOSE_RANGE_CLOEXEC) {
            fd_set_flags(ft, i, FD_CLOEXEC);
        } else {
            fd_close_file(ft, fd_remove(ft, i));
        }
    }
    return 0;
}
