/* Inode attributes: mode, owner, times, size. Kernel helpers and the syscalls fchmod, fchmodat,
 * fchown, fchownat, utimensat, truncate, ftruncate. */
#include "fs/dirops.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "syscall_decls.h"


static bool is_owner(const struct inode *ino) { uid_t u = fs_fsuid(); return u == 0 || u == ino->uid; }

/* The default setattr: the attributes live in struct inode; sizes go to the fs's setsize. */
static int simple_setattr(struct inode *ino, const struct iattr *ia) {
    if (ia->valid & ATTR_SIZE) {
        if (!ino->iops || !ino->iops->setsize) return -EINVAL;
        int err = ino->iops->setsize(ino, ia->size);
        if (err) return err;
    }
    if (ia->valid & ATTR_MODE) ino->mode = (ino->mode & S_IFMT) | (ia->mode & 07777);
    if (ia->valid & ATTR_UID) ino->uid = ia->uid;
    if (ia->valid & ATTR_GID) ino->gid = ia->gid;
    if (ia->valid & ATTR_ATIME) ino->atime = ia->atime;
    if (ia->valid & ATTR_MTIME) ino->mtime = ia->mtime;
    inode_touch(ino, false);
    return 0;
}

int vfs_setattr(struct inode *ino, const struct iattr *ia) {
    if (ino->iops && ino->iops->setattr) return ino->iops->setattr(ino, ia);
    return simple_setattr(ino, ia);
}

int chmod_inode(struct inode *ino, mode_t mode) {
    if (!is_owner(ino)) return -EPERM;
    mode &= 07777;
    if (fs_fsuid() != 0 && !fs_in_group(fs_fsgid(), ino->gid)) mode &= ~S_ISGID;   /* as Linux's setattr */
    struct iattr ia = { .valid = ATTR_MODE, .mode = mode };
    return vfs_setattr(ino, &ia);
}

int chown_inode(struct inode *ino, uid_t uid, gid_t gid) {
    uid_t me = fs_fsuid();
    if (me != 0) {
        /* Linux's chown_ok/chgrp_ok without CAP_CHOWN: only the owner, never giving the file
         * away, and the group only to one the caller is in (or the file's own). */
        if (uid != (uid_t)-1 && !(me == ino->uid && uid == ino->uid)) return -EPERM;
        if (gid != (gid_t)-1 && !(me == ino->uid && (gid == ino->gid || fs_in_group(fs_fsgid(), gid))))
            return -EPERM;
    }
    struct iattr ia = { .valid = 0, .uid = uid, .gid = gid, .mode = ino->mode };
    if (uid != (uid_t)-1) ia.valid |= ATTR_UID;
    if (gid != (gid_t)-1) ia.valid |= ATTR_GID;
    if (!S_ISDIR(ino->mode) && ia.valid) {
        ia.valid |= ATTR_MODE;                     /* chown drops set-id bits */
        ia.mode &= ~S_ISUID;
        if (ia.mode & 0010) ia.mode &= ~S_ISGID;
    }
    return vfs_setattr(ino, &ia);
}

int vfs_truncate(struct inode *ino, off_t size) {
    if (size < 0) return -EINVAL;
    struct iattr ia = { .valid = ATTR_SIZE | ATTR_MTIME, .size = size, .mtime = fs_now() };
    return vfs_setattr(ino, &ia);
}

int do_fchmodat(int dfd, const char *name, mode_t mode, int flags) {
    struct path p;
    int err = path_lookup(dfd, name, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
    if (err) return err;
    err = mnt_readonly(p.mnt) ? -EROFS : chmod_inode(p.dentry->inode, mode);
    path_put(&p);
    return err;
}

int do_fchownat(int dfd, const char *name, uid_t uid, gid_t gid, int flags) {
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
    struct path p;
    unsigned lf = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                  ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
    int err = path_lookup(dfd, name, lf, &p);
    if (err) return err;
    err = mnt_readonly(p.mnt) ? -EROFS : chown_inode(p.dentry->inode, uid, gid);
    path_put(&p);
    return err;
}

long sys_fchmodat(int dfd, uaddr_t filename, mode_t mode) {
    char *name = getname(filename, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    long r = do_fchmodat(dfd, name, mode, 0);
    putname(name);
    return r;
}

long sys_fchmod(unsigned int fd, mode_t mode) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = mnt_readonly(f->path.mnt) ? -EROFS : chmod_inode(f->inode, mode);
    file_put(f);
    return r;
}

long sys_fchownat(int dfd, uaddr_t filename, uid_t user, gid_t group, int flag) {
    char *name = getname(filename, flag & AT_EMPTY_PATH);
    if (IS_ERR(name)) return PTR_ERR(name);
    long r = do_fchownat(dfd, name, user, group, flag);
    putname(name);
    return r;
}

long sys_fchown(unsigned int fd, uid_t user, gid_t group) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = mnt_readonly(f->path.mnt) ? -EROFS : chown_inode(f->inode, user, group);
    file_put(f);
    return r;
}

static int valid_time(const struct linux_timespec *t) {
    if (t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT) return 0;
    return (t->tv_nsec < 0 || t->tv_nsec >= 1000000000L) ? -EINVAL : 0;
}

long sys_utimensat(int dfd, uaddr_t filename, uaddr_t utimes, int flags) {
    struct linux_timespec t[2];
    bool now = !utimes;
    if (utimes) {
        if (copy_from_user(t, utimes, sizeof(t))) return -EFAULT;
        if (valid_time(&t[0]) || valid_time(&t[1])) return -EINVAL;
        if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT) return 0;
        now = t[0].tv_nsec == UTIME_NOW && t[1].tv_nsec == UTIME_NOW;
    }
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
    struct path p;
    int err;
    if (!filename) {          /* futimens: the fd itself */
        if (dfd == AT_FDCWD) return -EFAULT;
        struct file *f = fd_get_raw(dfd);
        if (!f) return -EBADF;
        p = f->path;
        path_get(&p);
        file_put(f);
    } else {
        char *name = getname(filename, flags & AT_EMPTY_PATH);
        if (IS_ERR(name)) return PTR_ERR(name);
        unsigned lf = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                      ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
        err = path_lookup(dfd, name, lf, &p);
        putname(name);
        if (err) return err;
    }
    struct inode *ino = p.dentry->inode;
    /* Setting "now" needs ownership or write access; explicit times need ownership. */
    err = mnt_readonly(p.mnt) ? -EROFS : is_owner(ino) ? 0 : now ? inode_permission(ino, MAY_WRITE) : -EPERM;
    if (!err) {
        struct ktimespec cur = fs_now();
        struct iattr ia = { .valid = 0, .atime = cur, .mtime = cur };
        for (int i = 0; i < 2; i++) {
            if (!now && t[i].tv_nsec == UTIME_OMIT) continue;
            ia.valid |= i == 0 ? ATTR_ATIME : ATTR_MTIME;
            if (now || t[i].tv_nsec == UTIME_NOW) continue;
            struct ktimespec v = { t[i].tv_sec, t[i].tv_nsec };
            if (i == 0) ia.atime = v; else ia.mtime = v;
        }
        err = vfs_setattr(ino, &ia);
    }
    path_put(&p);
    return err;
}

long sys_truncate(uaddr_t path, long length) {
    if (length < 0) return -EINVAL;
    char *name = getname(path, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    struct path p;
    int err = path_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
    putname(name);
    if (err) return err;
    struct inode *ino = p.dentry->inode;
    if (S_ISDIR(ino->mode)) err = -EISDIR;
    else if (!S_ISREG(ino->mode)) err = -EINVAL;
    else if (mnt_readonly(p.mnt)) err = -EROFS;
    else err = inode_permission(ino, MAY_WRITE);
    if (!err) err = vfs_truncate(ino, length);
    path_put(&p);
    return err;
}

long sys_ftruncate(unsigned int fd, off_t length) {
    if (length < 0) return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long err = (!S_ISREG(f->inode->mode) || !(f->fmode & FMODE_WRITE)) ? -EINVAL
             : vfs_truncate(f->inode, length);
    file_put(f);
    return err;
}
