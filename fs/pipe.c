/* Pipes (Linux fs/pipe.c, cut down): a ring buffer shared by a read end and a write end.
 * Writes of at most PIPE_BUF bytes are atomic; a read sees EOF once every writer has closed; a
 * write with no reader raises SIGPIPE and fails with EPIPE. Both ends wake each other through
 * one wait queue, which poll/select also sleep on. */
#include "fs/vfs.h"
#include "fs/pipe.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/signal.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/poll.h"
#include "uapi/signal.h"
#include "syscall_decls.h"

#define PIPE_BUF 4096
#define PIPE_DEFAULT_SIZE (64 * 1024)
#define PIPE_MAX_SIZE (1024 * 1024)            /* /proc/sys/fs/pipe-max-size */

struct pipe {
    u8 *buf;
    u32 size, head, len;                       /* ring: len bytes starting at head */
    int readers, writers;
    struct wait_queue wq;
};

static bool is_read_end(struct file *f) { return (f->flags & O_ACCMODE) == O_RDONLY; }

static bool can_read(void *arg) { struct pipe *p = arg; return p->len > 0 || p->writers == 0; }

static ssize_t pipe_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    struct pipe *p = f->priv;
    if (n == 0) return 0;
    for (;;) {
        if (p->len) break;
        if (p->writers == 0) return 0;
        if (f->flags & O_NONBLOCK) return -EAGAIN;
        int r = waitq_sleep(&p->wq, can_read, p, 0, true);
        if (r) return r;
    }
    size_t done = 0;
    while (done < n && p->len) {
        size_t chunk = MIN(n - done, MIN(p->len, p->size - p->head));
        if (iobuf_copy_to(b, done, p->buf + p->head, chunk)) { if (!done) return -EFAULT; break; }
        p->head = (p->head + chunk) % p->size;
        p->len -= chunk;
        done += chunk;
    }
    if (p->len == 0) p->head = 0;
    wake_up_all(&p->wq);
    return done;
}

struct wcond { struct pipe *p; size_t need; };
static bool can_write(void *arg) {
    struct wcond *c = arg;
    return c->p->readers == 0 || c->p->size - c->p->len >= c->need;
}

static ssize_t pipe_write(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    struct pipe *p = f->priv;
    size_t done = 0;
    if (n == 0) return 0;
    while (done < n) {
        if (p->readers == 0) {
            send_signal_task(current, SIGPIPE, SI_USER);
            return done ? (ssize_t)done : -EPIPE;
        }
        size_t left = n - done, space = p->size - p->len;
        /* PIPE_BUF-sized writes go in whole; bigger ones may be split. */
        size_t need = left <= PIPE_BUF ? left : 1;
        if (space < need) {
            if (f->flags & O_NONBLOCK) return done ? (ssize_t)done : -EAGAIN;
            struct wcond c = { p, need };
            int r = waitq_sleep(&p->wq, can_write, &c, 0, true);
            if (r) return done ? (ssize_t)done : r;
            continue;
        }
        size_t chunk = MIN(left, space);
        size_t tail = (p->head + p->len) % p->size;
        size_t first = MIN(chunk, p->size - tail);
        if (iobuf_copy_from(p->buf + tail, b, done, first) ||
            (chunk > first && iobuf_copy_from(p->buf, b, done + first, chunk - first)))
            return done ? (ssize_t)done : -EFAULT;
        p->len += chunk;
        done += chunk;
        wake_up_all(&p->wq);
    }
    return done;
}

static unsigned pipe_poll(struct file *f) {
    struct pipe *p = f->priv;
    unsigned m = 0;
    if (is_read_end(f)) {
        if (p->len) m |= POLLIN | POLLRDNORM;
        if (p->writers == 0) m |= POLLHUP;
    } else {
        if (p->size - p->len >= PIPE_BUF) m |= POLLOUT | POLLWRNORM;
        if (p->readers == 0) m |= POLLERR;
    }
    return m;
}

static void pipe_release(struct file *f) {
    struct pipe *p = f->priv;
    if (is_read_end(f)) p->readers--; else p->writers--;
    wake_up_all(&p->wq);
    if (p->readers == 0 && p->writers == 0) {
        kfree(p->buf);
        kfree(p);
    }
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {
    return -ENOTTY;
}

static const struct file_ops pipe_ops = {
    .read = pipe_read, .write = pipe_write, .poll = pipe_poll, .release = pipe_release, .ioctl = pipe_ioctl,
};

bool file_is_pipe(struct file *f) { return f->ops == &pipe_ops; }

long pipe_get_size(struct file *f) { return ((struct pipe *)f->priv)->size; }

long pipe_set_size(struct file *f, unsigned long size) {
    struct pipe *p = f->priv;
    if (size > PIPE_MAX_SIZE) return -EPERM;
    unsigned long n = PIPE_BUF;
    while (n < size) n <<= 1;
    if (n < p->len) return -EBUSY;
    u8 *nb = kmalloc(n);
    if (!nb) return -ENOMEM;
    for (u32 i = 0; i < p->len; i++) nb[i] = p->buf[(p->head + i) % p->size];
    kfree(p->buf);
    p->buf = nb;
    p->head = 0;
    p->size = n;
    wake_up_all(&p->wq);
    return n;
}

/* Creates the two ends; the caller installs them. */
int pipe_create(unsigned flags, struct file **rd, struct file **wr) {
    struct pipe *p = kzalloc(sizeof *p);
    if (!p) return -ENOMEM;
    p->buf = kmalloc(PIPE_DEFAULT_SIZE);
    if (!p->buf) { kfree(p); return -ENOMEM; }
    p->size = PIPE_DEFAULT_SIZE;
    waitq_init(&p->wq);
    p->readers = p->writers = 1;
    *rd = file_alloc_anon(&pipe_ops, p, S_IFIFO | 0600, O_RDONLY | (flags & O_NONBLOCK), "pipe:[%lu]");
    if (IS_ERR(*rd)) { kfree(p->buf); kfree(p); return (int)PTR_ERR(*rd); }
    *wr = file_alloc_anon(&pipe_ops, p, S_IFIFO | 0600, O_WRONLY | (flags & O_NONBLOCK), "pipe:[%lu]");
    if (IS_ERR(*wr)) { p->writers = 0; file_put(*rd); return (int)PTR_ERR(*wr); }
    (*rd)->wq = (*wr)->wq = &p->wq;
    return 0;
}

long sys_pipe2(uaddr_t fildes, int flags) {
    if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) return -EINVAL;
    struct file *rd, *wr;
    int r = pipe_create(flags, &rd, &wr);
    if (r) return r;
    int fdf = (flags & O_CLOEXEC) ? FD_CLOEXEC : 0;
    int fd0 = fd_install(current->files, rd, fdf);
    if (fd0 < 0) { file_put(rd); file_put(wr); return fd0; }
    int fd1 = fd_install(current->files, wr, fdf);
    if (fd1 < 0) { sys_close(fd0); file_put(wr); return fd1; }
    int fds[2] = { fd0, fd1 };
    if (copy_to_user(fildes, fds, sizeof fds)) {
        sys_close(fd0);
        sys_close(fd1);
        return -EFAULT;
    }
    return 0;
}
