/* Open file descriptions: allocation, references, the shared read/write checks, lseek helpers,
 * anonymous files (pipes, sockets) and the I/O buffer helpers. */
#include "fs/file.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fs_uapi.h"
#include "fs/pipe.h"
#include "fs/locks.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"

int iobuf_copy_to(struct iobuf b, size_t off, const void *src, size_t n) {
    if (b.user) return copy_to_user(b.u + off, src, n);
    memcpy((char *)b.k + off, src, n);
    return 0;
}

int iobuf_copy_from(void *dst, struct iobuf b, size_t off, size_t n) {
    if (b.user) return copy_from_user(dst, b.u + off, n);
    memcpy(dst, (const char *)b.k + off, n);
    return 0;
}

int iobuf_clear(struct iobuf b, size_t off, size_t n) {
    if (b.user) return clear_user(b.u + off, n);
    memset((char *)b.k + off, 0, n);
    return 0;
}

static unsigned fmode_of(unsigned flags) {
    if (flags & O_PATH) return FMODE_PATH;
    switch (flags & O_ACCMODE) {
    case O_RDONLY: return FMODE_READ;
    case O_WRONLY: return FMODE_WRITE;
    case O_RDWR: return FMODE_READ | FMODE_WRITE;
    default: return 0;        /* 3: Linux's "ioctl only" mode */
    }
}

struct file *file_alloc(const struct path *p, unsigned flags) {
    struct file *f = kzalloc(sizeof(*f));
    if (!f) return NULL;
    f->refs = 1;
    f->path = *p;
    path_get(p);
    f->inode = p->dentry->inode;
    /* Creation-only flags are not kept (F_GETFL does not show them). */
    f->flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    f->fmode = fmode_of(flags);
    /* Writers of files with data (not devices, FIFOs, sockets) keep a read-only remount away. */
    mode_t m = f->inode->mode;
    if ((f->fmode & FMODE_WRITE) && f->inode->sb && (S_ISREG(m) || S_ISDIR(m) || S_ISLNK(m))) {
        f->fmode |= FMODE_WRITER;
        f->inode->sb->writers++;
    }
    return f;
}

static const struct file_ops path_fops = { 0 };
static struct super_block *anon_sb;

struct file *vfs_open(const struct path *p, unsigned flags) {
    struct inode *ino = p->dentry->inode;
    const struct file_ops *ops = ino->fops;
    void *priv = NULL;
    if (flags & O_PATH) {
        ops = &path_fops;
    } else if (ino->sb && ino->sb == anon_sb) {
        /* Reopening a pipe/socket through /proc/PID/fd/N: only objects whose ops can count
         * another opener (an open op) support it; Linux also refuses sockets with ENXIO. */
        if (!ops || !ops->open) return ERR_PTR(-ENXIO);
        priv = ino->priv;
    } else if (S_ISCHR(ino->mode)) {
        ops = chrdev_lookup(ino->rdev, &priv);
        if (!ops) return ERR_PTR(-ENXIO);
    } else if (S_ISFIFO(ino->mode)) {
        ops = pipe_fifo_fops;     /* its open op joins (or creates) the inode's pipe */
    } else if (S_ISBLK(ino->mode) || S_ISSOCK(ino->mode)) {
        return ERR_PTR(-ENXIO);   /* no block devices; sockets can't be open()ed */
    }
    struct file *f = file_alloc(p, flags);
    if (!f) return ERR_PTR(-ENOMEM);
    f->ops = ops ? ops : &path_fops;
    f->priv = priv;
    f->wq = ino->wq;
    if (!(flags & O_PATH) && f->ops->open) {
        int err = f->ops->open(ino, f);
        if (err) {
            f->ops = &path_fops;  /* no release for a file that never opened */
            file_put(f);
            return ERR_PTR(err);
        }
    }
    return f;
}

void file_get(struct file *f) { f->refs++; }

void file_put(struct file *f) {
    if (!f) return;
    BUG_ON(f->refs <= 0);
    if (--f->refs) return;
    if (f->inode && f->inode->locks) locks_remove_file(f);
    if (f->ops && f->ops->release) f->ops->release(f);
    if (f->fmode & FMODE_WRITER) f->inode->sb->writers--;
    path_put(&f->path);
    kfree(f);
}

/* Anonymous files live on a private superblock, outside every mount; their dentry is a lone root
 * named after the object ("pipe:[123]"), which is what /proc/self/fd shows. The inode keeps the
 * ops and priv so that an open op, if the object has one, can reopen it (vfs_open). */

struct file *file_alloc_anon(const struct file_ops *ops, void *priv, mode_t mode, unsigned flags,
                             const char *name) {
    if (!anon_sb) {
        anon_sb = sb_alloc("anon_inodefs", ANON_INODE_FS_MAGIC, false);
        if (!anon_sb) return ERR_PTR(-ENOMEM);
        anon_sb->dev = MKDEV(0, 0xfff);
    }
    struct inode *ino = inode_alloc(anon_sb, mode);
    if (!ino) return ERR_PTR(-ENOMEM);
    ino->fops = ops;
    ino->priv = priv;
    char nm[64];
    snprintf(nm, sizeof(nm), name, (unsigned long)ino->ino);
    struct dentry *d = d_alloc_root(anon_sb, ino);
    if (!d) { inode_put(ino); return ERR_PTR(-ENOMEM); }
    char *n2 = kstrdup(nm);
    if (n2) { kfree(d->name); d->name = n2; d->name_len = strlen(n2); }
    struct path p = { NULL, d };
    struct file *f = file_alloc(&p, flags);
    d_put(d);                 /* the file holds it now */
    if (!f) return ERR_PTR(-ENOMEM);
    f->ops = ops;
    f->priv = priv;
    return f;
}

struct file *file_alloc_peer(struct file *f, unsigned flags) {
    struct file *g = file_alloc(&f->path, flags);
    if (!g) return ERR_PTR(-ENOMEM);
    g->ops = f->ops;
    g->priv = f->priv;
    g->wq = f->wq;
    return g;
}

/* Linux's touch_atime with relatime (the default mount option): the access time moves only if
 * it is not newer than mtime or ctime, or is a day old; strictatime mounts always, noatime
 * mounts and O_NOATIME never. Only files of dentry-tree filesystems (tmpfs) keep atimes. */
void file_accessed(struct file *f) {
    if (!(f->flags & O_NOATIME)) touch_atime(f->path.mnt, f->inode);
}

void touch_atime(struct mount *m, struct inode *ino) {
    if (!m || !ino->sb || !ino->sb->dcache_complete) return;
    if (m->flags & (MNT_NOATIME | MNT_RDONLY)) return;
    if ((m->flags & MNT_NODIRATIME) && S_ISDIR(ino->mode)) return;
    struct ktimespec now = fs_now();
    if (m->flags & MNT_RELATIME) {
        bool older_m = ino->mtime.sec > ino->atime.sec ||
                       (ino->mtime.sec == ino->atime.sec && ino->mtime.nsec >= ino->atime.nsec);
        bool older_c = ino->ctime.sec > ino->atime.sec ||
                       (ino->ctime.sec == ino->atime.sec && ino->ctime.nsec >= ino->atime.nsec);
        if (!older_m && !older_c && now.sec - ino->atime.sec < 24 * 60 * 60) return;
    }
    ino->atime = now;
}

ssize_t vfs_read(struct file *f, struct iobuf buf, size_t n, off_t *pos) {
    if (!(f->fmode & FMODE_READ)) return -EBADF;
    if (S_ISDIR(f->inode->mode)) return -EISDIR;
    if (!f->ops->read) return -EINVAL;
    if (n == 0) return 0;
    if (n > (size_t)MAX_RW_COUNT) n = MAX_RW_COUNT;
    ssize_t r = f->ops->read(f, buf, n, pos);
    if (r >= 0 && S_ISREG(f->inode->mode)) file_accessed(f);
    return r;
}

ssize_t vfs_write(struct file *f, struct iobuf buf, size_t n, off_t *pos) {
    if (!(f->fmode & FMODE_WRITE)) return -EBADF;
    if (!f->ops->write) return -EINVAL;
    if (n == 0) return 0;
    if (n > (size_t)MAX_RW_COUNT) n = MAX_RW_COUNT;
    return f->ops->write(f, buf, n, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = vfs_read(f, iobuf_kernel((char *)buf + done), n - done, &off);
        if (r < 0) return done ? (ssize_t)done : r;
        if (r == 0) break;
        done += r;
    }
    return done;
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, off_t off) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = vfs_write(f, iobuf_kernel((char *)buf + done), n - done, &off);
        if (r < 0) return done ? (ssize_t)done : r;
        if (r == 0) break;
        done += r;
    }
    return done;
}

int file_check_exec(struct file *f) {
    if (!S_ISREG(f->inode->mode) || (f->fmode & FMODE_PATH)) return -EACCES;
    return inode_permission(f->inode, MAY_EXEC);
}

off_t generic_file_lseek(struct file *f, off_t off, int whence) {
    off_t size = f->inode->size, base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = f->pos; break;
    case SEEK_END: base = size; break;
    case SEEK_DATA:           /* the whole file counts as data: a valid, simple answer */
        if (off < 0 || off >= size) return -ENXIO;
        return f->pos = off;
    case SEEK_HOLE:
        if (off < 0 || off >= size) return -ENXIO;
        return f->pos = size;
    default: return -EINVAL;
    }
    off_t n;
    if (__builtin_add_overflow(base, off, &n) || n < 0) return -EINVAL;
    return f->pos = n;
}

off_t dir_lseek(struct file *f, off_t off, int whence) {
    off_t n;
    if (whence == SEEK_SET) n = off;
    else if (whence == SEEK_CUR) { if (__builtin_add_overflow(f->pos, off, &n)) return -EINVAL; }
    else return -EINVAL;
    if (n < 0) return -EINVAL;
    return f->pos = n;
}

off_t noop_lseek(struct file *f, off_t off, int whence) {
    return whence <= SEEK_END ? 0 : -EINVAL;
}
