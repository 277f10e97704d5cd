/* Data syscalls: read, write, their vector and positioned forms, lseek, sendfile, and the sync
 * family. User buffers go straight to the file ops as user iobufs (one copy). */
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
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
