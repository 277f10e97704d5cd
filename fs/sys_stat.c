/* Metadata syscalls: fstat, newfstatat, statx, statfs, fstatfs, readlinkat, faccessat(2). */
#include "fs/file.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "mm/page.h"
#include "lib/string.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

static void refresh(struct inode *ino) {
    if (ino->iops && ino->iops->getattr) ino->iops->getattr(ino);
}

static void fill_stat(struct inode *ino, struct linux_stat *st) {
    refresh(ino);
    memset(st, 0, sizeof(*st));
    st->st_dev = dev_encode(ino->dev);
    st->st_ino = ino->ino;
    st->st_mode = ino->mode;
    st->st_nlink = ino->nlink;
    st->st_uid = ino->uid;
    st->st_gid = ino->gid;
    st->st_rdev = dev_encode(ino->rdev);
    st->st_size = ino->size;
    st->st_blksize = 4096;
    st->st_blocks = ino->blocks;
    st->st_atime = ino->atime.sec;
    st->st_atime_nsec = ino->atime.nsec;
    st->st_mtime = ino->mtime.sec;
    st->st_mtime_nsec = ino->mtime.nsec;
    st->st_ctime = ino->ctime.sec;
    st->st_ctime_nsec = ino->ctime.nsec;
}

static struct linux_statx_timestamp stx_time(struct ktimespec t) {
    struct linux_statx_timestamp s = { t.sec, (u32)t.nsec, 0 };
    return s;
}

static u64 mount_id(const struct mount *m) { return m ? (u64)m->id : 0; }

static void fill_statx(const struct path *p, struct linux_statx *sx) {
    struct inode *ino = p->dentry->inode;
    refresh(ino);
    memset(sx, 0, sizeof(*sx));
    sx->stx_mask = STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID;
    sx->stx_blksize = 4096;
    sx->stx_nlink = ino->nlink;
    sx->stx_uid = ino->uid;
    sx->stx_gid = ino->gid;
    sx->stx_mode = ino->mode;
    sx->stx_ino = ino->ino;
    sx->stx_size = ino->size;
    sx->stx_blocks = ino->blocks;
    sx->stx_attributes_mask = STATX_ATTR_MOUNT_ROOT;
    if (p->mnt && p->dentry == p->mnt->root) sx->stx_attributes |= STATX_ATTR_MOUNT_ROOT;
    sx->stx_atime = stx_time(ino->atime);
    sx->stx_btime = stx_time(ino->btime);
    sx->stx_ctime = stx_time(ino->ctime);
    sx->stx_mtime = stx_time(ino->mtime);
    sx->stx_rdev_major = MAJOR(ino->rdev);
    sx->stx_rdev_minor = MINOR(ino->rdev);
    sx->stx_dev_major = MAJOR(ino->dev);
    sx->stx_dev_minor = MINOR(ino->dev);
    sx->stx_mnt_id = mount_id(p->mnt);
}

/* Resolve the target of the stat family: AT_EMPTY_PATH with "" is the descriptor itself. */
static int stat_lookup(int dfd, uaddr_t filename, int flags, struct path *p) {
    char *name = getname(filename, flags & AT_EMPTY_PATH);
    if (IS_ERR(name)) return PTR_ERR(name);
    unsigned lf = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                  ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
    int err = path_lookup(dfd, name, lf, p);
    putname(name);
    return err;
}

long sys_fstat(unsigned int fd, uaddr_t statbuf) {
    struct file *f = fd_get_raw(fd);
    if (!f) return -EBADF;
    struct linux_stat st;
    fill_stat(f->inode, &st);
    file_put(f);
    return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_newfstatat(int dfd, uaddr_t filename, uaddr_t statbuf, int flag) {
    if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) return -EINVAL;
    struct path p;
    int err = stat_lookup(dfd, filename, flag, &p);
    if (err) return err;
    struct linux_stat st;
    fill_stat(p.dentry->inode, &st);
    path_put(&p);
    return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

long sys_statx(int dfd, uaddr_t filename, unsigned flags, unsigned int mask, uaddr_t buffer) {
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
        return -EINVAL;
    if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE) return -EINVAL;
    if (mask & STATX__RESERVED) return -EINVAL;
    struct path p;
    int err = stat_lookup(dfd, filename, flags, &p);   /* a NULL name faults: std's probe */
    if (err) return err;
    struct linux_statx sx;
    fill_statx(&p, &sx);
    path_put(&p);
    return copy_to_user(buffer, &sx, sizeof(sx)) ? -EFAULT : 0;
}

/* Linux's statfs for the filesystems here: tmpfs (shmem_statfs: its size and inode limits and
 * use), proc and the anonymous inodes (simple_statfs: only type, block size, name length); the
 * flags come from the mount (calculate_f_flags). */
static void fill_statfs(const struct path *p, struct linux_statfs *s) {
    struct inode *ino = p->dentry->inode;
    struct super_block *sb = ino->sb;
    memset(s, 0, sizeof(*s));
    s->f_type = sb ? (s64)sb->magic : 0;
    s->f_bsize = 4096;
    s->f_frsize = 4096;
    s->f_namelen = FS_NAME_MAX;
    if (sb && sb->magic == TMPFS_MAGIC) {
        if (sb->max_blocks) {
            s->f_blocks = sb->max_blocks;
            s->f_bfree = s->f_bavail = sb->max_blocks > sb->used_blocks ? sb->max_blocks - sb->used_blocks : 0;
        }
        if (sb->max_inodes) {
            s->f_files = sb->max_inodes;
            s->f_ffree = sb->max_inodes > sb->used_inodes ? sb->max_inodes - sb->used_inodes : 0;
        }
        s->f_fsid[0] = (s32)ino->dev;
    }
    unsigned mf = p->mnt ? p->mnt->flags : 0;
    s->f_flags = ST_VALID | (mf & MNT_RDONLY ? ST_RDONLY : 0) | (mf & MNT_NOSUID ? ST_NOSUID : 0) |
                 (mf & MNT_NODEV ? ST_NODEV : 0) | (mf & MNT_NOEXEC ? ST_NOEXEC : 0) |
                 (mf & MNT_NOATIME ? ST_NOATIME : 0) | (mf & MNT_NODIRATIME ? ST_NODIRATIME : 0) |
                 (mf & MNT_RELATIME ? ST_RELATIME : 0);
}

long sys_statfs(uaddr_t pathname, uaddr_t buf) {
    char *name = getname(pathname, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    struct path p;
    int err = path_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &p);
    putname(name);
    if (err) return err;
    struct linux_statfs s;
    fill_statfs(&p, &s);
    path_put(&p);
    return copy_to_user(buf, &s, sizeof(s)) ? -EFAULT : 0;
}

long sys_fstatfs(unsigned int fd, uaddr_t buf) {
    struct file *f = fd_get_raw(fd);
    if (!f) return -EBADF;
    struct linux_statfs s;
    fill_statfs(&f->path, &s);
    file_put(f);
    return copy_to_user(buf, &s, sizeof(s)) ? -EFAULT : 0;
}

long sys_readlinkat(int dfd, uaddr_t pathname, uaddr_t buf, int bufsiz) {
    if (bufsiz <= 0) return -EINVAL;
    char *name = getname(pathname, true);
    if (IS_ERR(name)) return PTR_ERR(name);
    bool empty = !name[0];
    struct path p;
    int err = path_lookup(dfd, name, LOOKUP_EMPTY, &p);
    putname(name);
    if (err) return err;
    struct inode *ino = p.dentry->inode;
    long r;
    if (!S_ISLNK(ino->mode) || !ino->iops || !ino->iops->readlink) {
        r = empty ? -ENOENT : -EINVAL;    /* Linux: "" naming a non-link is ENOENT */
    } else {
        char *k = kmalloc(FS_PATH_MAX);
        r = k ? ino->iops->readlink(ino, k, MIN((size_t)bufsiz, (size_t)FS_PATH_MAX)) : -ENOMEM;
        if (r > 0 && copy_to_user(buf, k, r)) r = -EFAULT;
        if (r >= 0) touch_atime(p.mnt, ino);
        kfree(k);
    }
    path_put(&p);
    return r;
}

/* access(2): checked with the real uid/gid (the whole lookup, as Linux overrides the
 * credentials), or the effective ones with AT_EACCESS. */
static long do_faccessat(int dfd, uaddr_t filename, int mode, int flags) {
    if (mode & ~(R_OK | W_OK | X_OK)) return -EINVAL;
    char *name = getname(filename, flags & AT_EMPTY_PATH);
    if (IS_ERR(name)) return PTR_ERR(name);
    struct cred saved = { 0 };
    bool swap = current && !(flags & AT_EACCESS);
    if (swap) {
        saved = current->cred;
        current->cred.fsuid = current->cred.uid;
        current->cred.fsgid = current->cred.gid;
    }
    unsigned lf = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW) |
                  ((flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0);
    struct path p;
    long err = path_lookup(dfd, name, lf, &p);
    putname(name);
    if (!err) {
        int mask = (mode & R_OK ? MAY_READ : 0) | (mode & W_OK ? MAY_WRITE : 0) |
                   (mode & X_OK ? MAY_EXEC : 0);
        err = mask ? inode_permission(p.dentry->inode, mask) : 0;
        path_put(&p);
    }
    if (swap) {
        current->cred.fsuid = saved.fsuid;
        current->cred.fsgid = saved.fsgid;
    }
    return err;
}

long sys_faccessat(int dfd, uaddr_t filename, int mode) {
    return do_faccessat(dfd, filename, mode, 0);
}

long sys_faccessat2(int dfd, uaddr_t filename, int mode, int flags) {
    if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
    return do_faccessat(dfd, filename, mode, flags);
}
