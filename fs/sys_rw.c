/* Data syscalls: read, write, their vector and positioned forms, lseek, sendfile, and the sync
 * family. User buffers go straight to the file ops as user iobufs (one copy). */
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "fs/pipe.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

#define RWF_HIPRI  0x01
#define RWF_DSYNC  0x02
#define RWF_SYNC   0x04
#define RWF_NOWAIT 0x08
#define RWF_APPEND 0x10
#define RWF_SUPPORTED (RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

long sys_read(unsigned int fd, uaddr_t buf, size_t count) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = vfs_read(f, iobuf_user(buf), count, &f->pos);
    file_put(f);
    return r;
}

long sys_write(unsigned int fd, uaddr_t buf, size_t count) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = vfs_write(f, iobuf_user(buf), count, &f->pos);
    file_put(f);
    return r;
}

long sys_pread64(unsigned int fd, uaddr_t buf, size_t count, long pos) {
    if (pos < 0) return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = file_seekable(f) ? vfs_read(f, iobuf_user(buf), count, &pos) : -ESPIPE;
    file_put(f);
    return r;
}

long sys_pwrite64(unsigned int fd, uaddr_t buf, size_t count, long pos) {
    if (pos < 0) return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = file_seekable(f) ? vfs_write(f, iobuf_user(buf), count, &pos) : -ESPIPE;
    file_put(f);
    return r;
}

/* Copy in and validate an iovec array: EINVAL for too many or a negative length; the total is
 * capped at MAX_RW_COUNT by shortening the tail, as Linux does. Returns the array or ERR_PTR. */
static struct linux_iovec *import_iovec(uaddr_t uvec, unsigned long vlen) {
    if (vlen > UIO_MAXIOV) return ERR_PTR(-EINVAL);
    struct linux_iovec *iov = kmalloc(vlen ? vlen * sizeof(*iov) : 1);
    if (!iov) return ERR_PTR(-ENOMEM);
    if (vlen && copy_from_user(iov, uvec, vlen * sizeof(*iov))) { kfree(iov); return ERR_PTR(-EFAULT); }
    u64 total = 0;
    for (unsigned long i = 0; i < vlen; i++) {
        if ((s64)iov[i].iov_len < 0) { kfree(iov); return ERR_PTR(-EINVAL); }
        if (iov[i].iov_len > (u64)MAX_RW_COUNT - total) iov[i].iov_len = MAX_RW_COUNT - total;
        total += iov[i].iov_len;
    }
    return iov;
}

/* Segment by segment; a short transfer ends the call (the next segment would see EOF or block). */
static long do_rw_vec(struct file *f, uaddr_t uvec, unsigned long vlen, off_t *pos, bool write) {
    if (!(f->fmode & (write ? FMODE_WRITE : FMODE_READ))) return -EBADF;
    struct linux_iovec *iov = import_iovec(uvec, vlen);
    if (IS_ERR(iov)) return PTR_ERR(iov);
    long total = 0;
    for (unsigned long i = 0; i < vlen; i++) {
        if (!iov[i].iov_len) continue;
        struct iobuf b = iobuf_user(iov[i].iov_base);
        ssize_t r = write ? vfs_write(f, b, iov[i].iov_len, pos) : vfs_read(f, b, iov[i].iov_len, pos);
        if (r < 0) { if (!total) total = r; break; }
        total += r;
        if ((u64)r < iov[i].iov_len) break;
    }
    kfree(iov);
    return total;
}

long sys_readv(unsigned long fd, uaddr_t vec, unsigned long vlen) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = do_rw_vec(f, vec, vlen, &f->pos, false);
    file_put(f);
    return r;
}

long sys_writev(unsigned long fd, uaddr_t vec, unsigned long vlen) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = do_rw_vec(f, vec, vlen, &f->pos, true);
    file_put(f);
    return r;
}

/* preadv/pwritev and the v2 forms: pos -1 (v2 only) means the file position. */
static long do_prw_vec(unsigned long fd, uaddr_t vec, unsigned long vlen, long pos, int flags,
                       bool v2, bool write) {
    if (flags & ~RWF_SUPPORTED) return -EOPNOTSUPP;
    if (pos < 0 && !(v2 && pos == -1)) return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (pos == -1) {
        r = do_rw_vec(f, vec, vlen, &f->pos, write);
    } else if (!file_seekable(f)) {
        r = -ESPIPE;
    } else {
        off_t p = pos;
        r = do_rw_vec(f, vec, vlen, &p, write);
    }
    file_put(f);
    return r;
}

long sys_preadv(unsigned long fd, uaddr_t vec, unsigned long vlen, unsigned long pos_l, unsigned long pos_h) {
    return do_prw_vec(fd, vec, vlen, (long)pos_l, 0, false, false);
}
long sys_pwritev(unsigned long fd, uaddr_t vec, unsigned long vlen, unsigned long pos_l, unsigned long pos_h) {
    return do_prw_vec(fd, vec, vlen, (long)pos_l, 0, false, true);
}
long sys_preadv2(unsigned long fd, uaddr_t vec, unsigned long vlen, unsigned long pos_l, unsigned long pos_h, int flags) {
    return do_prw_vec(fd, vec, vlen, (long)pos_l, flags, true, false);
}
long sys_pwritev2(unsigned long fd, uaddr_t vec, unsigned long vlen, unsigned long pos_l, unsigned long pos_h, int flags) {
    return do_prw_vec(fd, vec, vlen, (long)pos_l, flags, true, true);
}

long sys_lseek(unsigned int fd, off_t offset, unsigned int whence) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (whence > SEEK_MAX) r = -EINVAL;
    else if (!f->ops->lseek) r = -ESPIPE;
    else r = f->ops->lseek(f, offset, whence);
    file_put(f);
    return r;
}

/* sendfile copies through a kernel bounce buffer. Like Linux, the input must be a regular file
 * (EINVAL for pipes, ttys, sockets: BusyBox cat relies on that to fall back to read/write). */
static long do_sendfile(struct file *out, struct file *in, off_t *pos, size_t count) {
    if (!S_ISREG(in->inode->mode) || !in->ops->read) return -EINVAL;
    if (out->flags & O_APPEND) return -EINVAL;
    if (!out->ops->write) return -EINVAL;
    if (count > (size_t)MAX_RW_COUNT) count = MAX_RW_COUNT;
    size_t bufsz = MIN(count, (size_t)(16 * 1024));
    char *buf = kmalloc(bufsz ? bufsz : 1);
    if (!buf) return -ENOMEM;
    size_t done = 0;
    long err = 0;
    while (done < count) {
        size_t chunk = MIN(count - done, bufsz);
        off_t rpos = *pos;
        ssize_t r = vfs_read(in, iobuf_kernel(buf), chunk, &rpos);
        if (r <= 0) { err = r; break; }
        ssize_t w = vfs_write(out, iobuf_kernel(buf), r, &out->pos);
        if (w <= 0) { err = w; break; }
        *pos += w;
        done += w;
        if (w < r) break;
    }
    kfree(buf);
    return done ? (long)done : err;
}

long sys_sendfile(int out_fd, int in_fd, uaddr_t offset, size_t count) {
    struct file *in = fd_get(in_fd);
    if (!in) return -EBADF;
    struct file *out = NULL;
    long r;
    off_t pos = in->pos;
    if (!(in->fmode & FMODE_READ)) { r = -EBADF; goto done; }
    if (offset) {
        if (!file_seekable(in)) { r = -ESPIPE; goto done; }
        if (copy_from_user(&pos, offset, sizeof(pos))) { r = -EFAULT; goto done; }
        if (pos < 0) { r = -EINVAL; goto done; }
    }
    out = fd_get(out_fd);
    if (!out || !(out->fmode & FMODE_WRITE)) { r = -EBADF; goto done; }
    r = do_sendfile(out, in, &pos, count);
    if (offset) {
        if (copy_to_user(offset, &pos, sizeof(pos)) && r >= 0) r = -EFAULT;
    } else if (r > 0) {
        in->pos = pos;
    }
done:
    if (out) file_put(out);
    file_put(in);
    return r;
}

/* copy_file_range between regular files, through the same bounce-buffer loop as sendfile. A NULL
 * offset pointer means the file position (which then moves). */
long sys_copy_file_range(int fd_in, uaddr_t off_in, int fd_out, uaddr_t off_out, size_t len,
                         unsigned int flags) {
    if (flags) return -EINVAL;
    struct file *in = fd_get(fd_in), *out = fd_get(fd_out);
    long r;
    off_t pin = 0, pout = 0;
    if (!in || !out) { r = -EBADF; goto done; }
    if ((off_in && copy_from_user(&pin, off_in, sizeof(pin))) ||
        (off_out && copy_from_user(&pout, off_out, sizeof(pout)))) { r = -EFAULT; goto done; }
    if (!off_in) pin = in->pos;
    if (!off_out) pout = out->pos;
    if (pin < 0 || pout < 0) { r = -EINVAL; goto done; }
    if (S_ISDIR(in->inode->mode) || S_ISDIR(out->inode->mode)) { r = -EISDIR; goto done; }
    if (!S_ISREG(in->inode->mode) || !S_ISREG(out->inode->mode)) { r = -EINVAL; goto done; }
    if (!(in->fmode & FMODE_READ) || !(out->fmode & FMODE_WRITE) || (out->flags & O_APPEND)) {
        r = -EBADF;
        goto done;
    }
    off_t end;
    if (__builtin_add_overflow(pin, (off_t)MIN(len, (size_t)MAX_RW_COUNT), &end) ||
        __builtin_add_overflow(pout, (off_t)MIN(len, (size_t)MAX_RW_COUNT), &end)) {
        r = -EOVERFLOW;
        goto done;
    }
    if (in->inode == out->inode && pin < pout + (off_t)len && pout < pin + (off_t)len) {
        r = -EINVAL;          /* overlapping ranges of one file */
        goto done;
    }
    if (len > (size_t)MAX_RW_COUNT) len = MAX_RW_COUNT;
    char *buf = kmalloc(16 * 1024);
    if (!buf) { r = -ENOMEM; goto done; }
    size_t total = 0;
    r = 0;
    while (total < len) {
        size_t chunk = MIN(len - total, (size_t)(16 * 1024));
        off_t rp = pin;
        ssize_t n = vfs_read(in, iobuf_kernel(buf), chunk, &rp);
        if (n <= 0) { r = n; break; }
        ssize_t w = vfs_write(out, iobuf_kernel(buf), n, &pout);
        if (w <= 0) { r = w; break; }
        pin += w;
        total += w;
        if (w < n) break;
    }
    kfree(buf);
    if (total) r = total;
    if (total) {
        if (off_in) { if (copy_to_user(off_in, &pin, sizeof(pin))) r = -EFAULT; } else in->pos = pin;
        if (off_out) { if (copy_to_user(off_out, &pout, sizeof(pout))) r = -EFAULT; } else out->pos = pout;
    }
done:
    if (in) file_put(in);
    if (out) file_put(out);
    return r;
}

static long do_fsync(unsigned int fd) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (f->ops->fsync) r = f->ops->fsync(f);
    else r = (S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode)) ? 0 : -EINVAL;
    file_put(f);
    return r;
}

long sys_fsync(unsigned int fd) { return do_fsync(fd); }
long sys_fdatasync(unsigned int fd) { return do_fsync(fd); }
long sys_sync(void) { return 0; }   /* tmpfs: nothing is ever dirty */

long sys_syncfs(int fd) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    file_put(f);
    return 0;
}

/* ---- splice, tee (Linux fs/splice.c: do_splice, do_tee) ---- */

static bool splice_source_ok(struct file *f) { return f->ops->read && !S_ISDIR(f->inode->mode); }
static bool splice_sink_ok(struct file *f) { return f->ops->write && !S_ISDIR(f->inode->mode); }

static long do_splice(struct file *in, off_t *off_in, struct file *out, off_t *off_out, size_t len,
                      unsigned flags) {
    if (!(in->fmode & FMODE_READ) || !(out->fmode & FMODE_WRITE)) return -EBADF;
    bool ipipe = file_is_pipe(in), opipe = file_is_pipe(out);
    bool nonblock = flags & SPLICE_F_NONBLOCK;
    if (ipipe && opipe) {
        if (off_in || off_out) return -ESPIPE;
        if ((in->flags | out->flags) & O_NONBLOCK) nonblock = true;
        return pipe_splice_pipes(in, out, len, nonblock, false);
    }
    if (len > (size_t)MAX_RW_COUNT) len = MAX_RW_COUNT;
    if (ipipe) {
        if (off_out && !file_seekable(out)) return -EINVAL;
        off_t pos = off_out ? *off_out : out->pos;
        if (out->flags & O_APPEND) return -EINVAL;
        if (pos < 0) return -EINVAL;
        if (in->flags & O_NONBLOCK) nonblock = true;
        if (!splice_sink_ok(out)) return -EINVAL;
        long r = pipe_splice_to_file(in, out, &pos, len, nonblock);
        if (off_out) *off_out = pos; else out->pos = pos;
        return r;
    }
    if (opipe) {
        if (off_in && !file_seekable(in)) return -EINVAL;
        off_t pos = off_in ? *off_in : in->pos;
        if (out->flags & O_NONBLOCK) nonblock = true;
        if (!splice_source_ok(in)) return -EINVAL;
        if (pos < 0) return -EINVAL;
        long r = pipe_splice_from_file(in, &pos, out, len, nonblock);
        if (off_in) *off_in = pos; else in->pos = pos;
        return r;
    }
    return -EINVAL;
}

long sys_splice(int fd_in, uaddr_t off_in, int fd_out, uaddr_t off_out, size_t len, unsigned int flags) {
    if (!len) return 0;
    if (flags & ~SPLICE_F_ALL) return -EINVAL;
    struct file *in = fd_get(fd_in);
    if (!in) return -EBADF;
    struct file *out = fd_get(fd_out);
    if (!out) { file_put(in); return -EBADF; }
    long r;
    off_t oin = 0, oout = 0;
    if ((file_is_pipe(in) && off_in) || (file_is_pipe(out) && off_out)) { r = -ESPIPE; goto done; }
    if ((off_out && copy_from_user(&oout, off_out, sizeof oout)) ||
        (off_in && copy_from_user(&oin, off_in, sizeof oin))) { r = -EFAULT; goto done; }
    r = do_splice(in, off_in ? &oin : NULL, out, off_out ? &oout : NULL, len, flags);
    if (r >= 0) {
        if ((off_out && copy_to_user(off_out, &oout, sizeof oout)) ||
            (off_in && copy_to_user(off_in, &oin, sizeof oin))) r = -EFAULT;
    }
done:
    file_put(out);
    file_put(in);
    return r;
}

long sys_tee(int fdin, int fdout, size_t len, unsigned int flags) {
    if (flags & ~SPLICE_F_ALL) return -EINVAL;
    if (!len) return 0;
    struct file *in = fd_get(fdin);
    if (!in) return -EBADF;
    struct file *out = fd_get(fdout);
    if (!out) { file_put(in); return -EBADF; }
    long r;
    if (!(in->fmode & FMODE_READ) || !(out->fmode & FMODE_WRITE)) r = -EBADF;
    else if (!file_is_pipe(in) || !file_is_pipe(out) || in->priv == out->priv) r = -EINVAL;
    else r = pipe_splice_pipes(in, out, len,
                               (flags & SPLICE_F_NONBLOCK) || ((in->flags | out->flags) & O_NONBLOCK), true);
    file_put(out);
    file_put(in);
    return r;
}

/* ---- fallocate, fadvise64 ---- */

long sys_fallocate(int fd, int mode, long offset, long len) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    struct inode *ino = f->inode;
    long r;
    if (offset < 0 || len <= 0) r = -EINVAL;
    else if (mode & ~FALLOC_FL_SUPPORTED_MASK) r = -EOPNOTSUPP;
    else if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) == (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) r = -EOPNOTSUPP;
    else if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE)) r = -EOPNOTSUPP;
    else if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE)) r = -EINVAL;
    else if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE)) r = -EINVAL;
    else if ((mode & FALLOC_FL_UNSHARE_RANGE) && (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE))) r = -EINVAL;
    else if (!(f->fmode & FMODE_WRITE)) r = -EBADF;
    else if (S_ISFIFO(ino->mode)) r = -ESPIPE;
    else if (S_ISDIR(ino->mode)) r = -EISDIR;
    else if (!S_ISREG(ino->mode) && !S_ISBLK(ino->mode)) r = -ENODEV;
    else if (offset + len < 0) r = -EFBIG;
    else if (!ino->iops || !ino->iops->fallocate) r = -EOPNOTSUPP;
    else r = ino->iops->fallocate(ino, mode, offset, len);
    file_put(f);
    return r;
}

long sys_fadvise64(int fd, long offset, long len, int advice) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (S_ISFIFO(f->inode->mode)) r = -ESPIPE;
    else if (len < 0) r = -EINVAL;
    else if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE) r = -EINVAL;
    else r = 0;               /* tmpfs has no backing device: every advice is accepted and ignored */
    file_put(f);
    return r;
}

/* sync_file_range: tmpfs has nothing to write back; the arguments are checked as Linux does. */
#define SYNC_FILE_RANGE_VALID 7
long sys_sync_file_range(int fd, long offset, long nbytes, unsigned int flags) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = 0;
    s64 end = (s64)((u64)offset + (u64)nbytes);
    mode_t m = f->inode->mode;
    if (flags & ~SYNC_FILE_RANGE_VALID) r = -EINVAL;
    else if (offset < 0 || end < 0 || end < offset) r = -EINVAL;
    else if (!S_ISREG(m) && !S_ISBLK(m) && !S_ISDIR(m) && !S_ISLNK(m)) r = -ESPIPE;
    file_put(f);
    return r;
}

/* readahead: regular files only; there is nothing to read ahead from memory. */
long sys_readahead(int fd, long offset, size_t count) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = !(f->fmode & FMODE_READ) ? -EBADF : !S_ISREG(f->inode->mode) ? -EINVAL : 0;
    file_put(f);
    return r;
}

/* vmsplice: user memory into a pipe (a copy, like a write) or out of one (like a read), as
 * Linux does for both directions nowadays. The pipe's open mode picks the direction. */
long sys_vmsplice(int fd, uaddr_t uiov, unsigned long nr_segs, unsigned int flags) {
    if (flags & ~SPLICE_F_ALL) return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (!file_is_pipe(f)) {
        r = -EBADF;
    } else {
        bool write = f->fmode & FMODE_WRITE;      /* an O_RDWR FIFO: into the pipe, as Linux */
        unsigned saved = f->flags;
        if (flags & SPLICE_F_NONBLOCK) f->flags |= O_NONBLOCK;
        r = do_rw_vec(f, uiov, nr_segs, &f->pos, write);
        f->flags = saved;
    }
    file_put(f);
    return r;
}
