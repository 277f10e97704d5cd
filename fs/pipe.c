/* Pipes and FIFOs (Linux fs/pipe.c, cut down): a ring buffer shared by readers and writers.
 * Writes of at most PIPE_BUF bytes are atomic; a read sees EOF once every writer has closed; a
 * write with no reader raises SIGPIPE and fails with EPIPE. Everyone sleeps on one wait queue,
 * which poll/select also use.
 *
 * The ring is `size` bytes (a power of two, at least a page) stored in pages allocated on first
 * use, so an idle pipe costs no data memory and F_SETPIPE_SZ to 1 MiB allocates nothing up front.
 *
 * Anonymous pipes (pipe2) are two files on one anonymous inode. A FIFO is an inode of a real
 * filesystem (mknod S_IFIFO); its pipe is created by the first open and freed by the last close
 * (inode->pipe). Opening follows Linux's fifo_open: O_RDONLY waits for a writer, O_WRONLY for a
 * reader (O_NONBLOCK: a reader opens at once, a writer gets ENXIO without readers), O_RDWR never
 * waits. /proc/PID/fd/N of an anonymous pipe reopens it through the same open op, without waits.
 *
 * splice and tee (fs/sys_rw.c's syscalls) move data between a pipe and a file, or two pipes,
 * through pipe_splice_*; they use the same wait rules as read and write. */
#include "fs/vfs.h"
#include "fs/file.h"
#include "fs/pipe.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/signal.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "syscall_decls.h"

#define PIPE_BUF 4096
#define PIPE_PAGE 4096
#define PIPE_DEFAULT_SIZE (16 * PIPE_PAGE)       /* Linux: 16 slots of a page */
#define PIPE_MAX_SIZE (1024 * 1024)             /* /proc/sys/fs/pipe-max-size */

struct pipe {
    u8 **pages;                                 /* size / PIPE_PAGE slots, allocated on use */
    u32 size, head, len;                        /* ring: len bytes starting at head */
    int readers, writers;
    u64 r_counter, w_counter;                   /* opens so far, for FIFO open waits */
    bool fifo;                                  /* named: inode->pipe points here */
    struct inode *inode;
    struct wait_queue wq;
};

static struct pipe *pipe_alloc(void) {
    struct pipe *p = kzalloc(sizeof *p);
    if (!p) return NULL;
    p->pages = kzalloc((PIPE_DEFAULT_SIZE / PIPE_PAGE) * sizeof(u8 *));
    if (!p->pages) { kfree(p); return NULL; }
    p->size = PIPE_DEFAULT_SIZE;
    waitq_init(&p->wq);
    return p;
}

static void pipe_free(struct pipe *p) {
    for (u32 i = 0; i < p->size / PIPE_PAGE; i++) kfree(p->pages[i]);
    kfree(p->pages);
    if (p->fifo && p->inode) p->inode->pipe = NULL;
    kfree(p);
}

/* The bytes at ring offset off (contiguous up to the end of its page and of the ring). */
static u8 *ring_at(struct pipe *p, u32 off, size_t *contig, bool alloc) {
    u32 slot = off / PIPE_PAGE, in = off % PIPE_PAGE;
    *contig = PIPE_PAGE - in;
    if (!p->pages[slot]) {
        if (!alloc) return NULL;
        p->pages[slot] = kmalloc(PIPE_PAGE);
        if (!p->pages[slot]) return NULL;
    }
    return p->pages[slot] + in;
}

/* Copy up to n queued bytes starting `skip` bytes into the queue out to b at boff (consuming
 * nothing). Returns bytes copied or -EFAULT if none could be. */
static ssize_t ring_peek(struct pipe *p, size_t skip, struct iobuf b, size_t boff, size_t n) {
    size_t done = 0;
    n = MIN(n, (size_t)p->len - MIN(skip, (size_t)p->len));
    while (done < n) {
        size_t contig;
        u8 *src = ring_at(p, (p->head + skip + done) % p->size, &contig, false);
        size_t chunk = MIN(n - done, contig);
        if (!src || iobuf_copy_to(b, boff + done, src, chunk)) return done ? (ssize_t)done : -EFAULT;
        done += chunk;
    }
    return done;
}

static void ring_consume(struct pipe *p, size_t n) {
    p->head = (p->head + n) % p->size;
    p->len -= n;
    if (p->len == 0) p->head = 0;
}

/* Append up to n bytes from b at boff (n <= free space). Returns bytes or -EFAULT/-ENOMEM. */
static ssize_t ring_fill(struct pipe *p, struct iobuf b, size_t boff, size_t n) {
    size_t done = 0;
    while (done < n) {
        size_t contig;
        u8 *dst = ring_at(p, (p->head + p->len) % p->size, &contig, true);
        if (!dst) return done ? (ssize_t)done : -ENOMEM;
        size_t chunk = MIN(n - done, contig);
        if (iobuf_copy_from(dst, b, boff + done, chunk)) return done ? (ssize_t)done : -EFAULT;
        p->len += chunk;
        done += chunk;
    }
    return done;
}

static bool readable(const struct file *f) { return f->fmode & FMODE_READ; }
static bool writable(const struct file *f) { return f->fmode & FMODE_WRITE; }

/* ---- waiting ---- */

static bool has_data_or_eof(void *arg) { struct pipe *p = arg; return p->len > 0 || p->writers == 0; }

/* Wait until the pipe has data (1), every writer is gone (0), or an error. */
static int wait_readable(struct pipe *p, bool nonblock) {
    while (!p->len) {
        if (p->writers == 0) return 0;
        if (nonblock) return -EAGAIN;
        int r = waitq_sleep(&p->wq, has_data_or_eof, p, 0, true);
        if (r) return r;
    }
    return 1;
}

struct wcond { struct pipe *p; size_t need; };
static bool has_room(void *arg) {
    struct wcond *c = arg;
    return c->p->readers == 0 || c->p->size - c->p->len >= c->need;
}

/* Wait until `need` bytes are free (0), or fail: EPIPE (with SIGPIPE) without readers, EAGAIN. */
static int wait_writable(struct pipe *p, size_t need, bool nonblock) {
    for (;;) {
        if (p->readers == 0) {
            send_signal_task(current, SIGPIPE, SI_USER);
            return -EPIPE;
        }
        if (p->size - p->len >= need) return 0;
        if (nonblock) return -EAGAIN;
        struct wcond c = { p, need };
        int r = waitq_sleep(&p->wq, has_room, &c, 0, true);
        if (r) return r;
    }
}

/* ---- file operations ---- */

static ssize_t pipe_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    struct pipe *p = f->priv;
    if (n == 0) return 0;
    int r = wait_readable(p, f->flags & O_NONBLOCK);
    if (r <= 0) return r;
    ssize_t got = ring_peek(p, 0, b, 0, n);
    if (got > 0) {
        ring_consume(p, got);
        wake_up_all(&p->wq);
    }
    return got;
}

static ssize_t pipe_write(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    struct pipe *p = f->priv;
    size_t done = 0;
    bool nonblock = f->flags & O_NONBLOCK;
    if (n == 0) return 0;
    while (done < n) {
        size_t left = n - done;
        /* PIPE_BUF-sized writes go in whole; bigger ones may be split. */
        int r = wait_writable(p, left <= PIPE_BUF ? left : 1, nonblock);
        if (r) return done ? (ssize_t)done : r;
        size_t want = MIN(left, (size_t)(p->size - p->len));
        ssize_t w = ring_fill(p, b, done, want);
        if (w < 0) return done ? (ssize_t)done : w;
        done += w;
        wake_up_all(&p->wq);
        if ((size_t)w < want) return done ? (ssize_t)done : -EFAULT;
    }
    return done;
}

static unsigned pipe_poll(struct file *f) {
    struct pipe *p = f->priv;
    unsigned m = 0;
    if (readable(f)) {
        if (p->len) m |= POLLIN | POLLRDNORM;
        /* A FIFO reader opened before any writer sees no hangup until a writer came. */
        if (p->writers == 0 && f->version != p->w_counter) m |= POLLHUP;
    }
    if (writable(f)) {
        if (p->size - p->len >= PIPE_BUF) m |= POLLOUT | POLLWRNORM;
        if (p->readers == 0) m |= POLLERR;
    }
    return m;
}

static void pipe_release(struct file *f) {
    struct pipe *p = f->priv;
    if (!p) return;
    if (readable(f)) p->readers--;
    if (writable(f)) p->writers--;
    wake_up_all(&p->wq);
    if (p->readers == 0 && p->writers == 0) pipe_free(p);
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {
    struct pipe *p = f->priv;
    if (cmd == FIONREAD) {
        int n = (int)p->len;
        return copy_to_user(arg, &n, sizeof n) ? -EFAULT : 0;
    }
    return -ENOTTY;
}

struct counter_cond { u64 *counter; u64 seen; };
static bool counter_moved(void *arg) { struct counter_cond *c = arg; return *c->counter != c->seen; }

/* Linux's fifo_open. Anonymous pipes reopened through /proc never wait. */
static int pipe_open(struct inode *ino, struct file *f) {
    struct pipe *p = ino->pipe;
    if (!p) {
        if (!S_ISFIFO(ino->mode)) return -ENXIO;
        p = pipe_alloc();
        if (!p) return -ENOMEM;
        p->fifo = true;
        p->inode = ino;
        ino->pipe = p;
    }
    bool is_pipe = !p->fifo;
    f->priv = p;
    f->wq = &p->wq;
    int err = 0;
    switch (f->fmode & (FMODE_READ | FMODE_WRITE)) {
    case FMODE_READ:
        p->r_counter++;
        if (p->readers++ == 0) wake_up_all(&p->wq);
        if (!is_pipe && !p->writers) {
            if (f->flags & O_NONBLOCK) {
                f->version = p->w_counter;   /* no POLLHUP before the first writer */
            } else {
                struct counter_cond c = { &p->w_counter, p->w_counter };
                err = waitq_sleep(&p->wq, counter_moved, &c, 0, true);
                if (err) { if (!--p->readers) wake_up_all(&p->wq); }
            }
        }
        break;
    case FMODE_WRITE:
        if (!is_pipe && (f->flags & O_NONBLOCK) && !p->readers) { err = -ENXIO; break; }
        p->w_counter++;
        if (p->writers++ == 0) wake_up_all(&p->wq);
        if (!is_pipe && !p->readers) {
            struct counter_cond c = { &p->r_counter, p->r_counter };
            err = waitq_sleep(&p->wq, counter_moved, &c, 0, true);
            if (err) { if (!--p->writers) wake_up_all(&p->wq); }
        }
        break;
    case FMODE_READ | FMODE_WRITE:
        p->readers++;
        p->writers++;
        p->r_counter++;
        p->w_counter++;
        if (p->readers == 1 || p->writers == 1) wake_up_all(&p->wq);
        break;
    default:
        err = -EINVAL;
        break;
    }
    if (err) {
        f->priv = NULL;
        if (p->readers == 0 && p->writers == 0) pipe_free(p);
    }
    return err;
}

static const struct file_ops pipe_ops = {
    .open = pipe_open, .read = pipe_read, .write = pipe_write, .poll = pipe_poll,
    .release = pipe_release, .ioctl = pipe_ioctl,
};
const struct file_ops *const pipe_fifo_fops = &pipe_ops;

bool file_is_pipe(struct file *f) { return f->ops == &pipe_ops && f->priv; }

/* ---- F_GETPIPE_SZ / F_SETPIPE_SZ ---- */

long pipe_get_size(struct file *f) { return ((struct pipe *)f->priv)->size; }

long pipe_set_size(struct file *f, unsigned long arg) {
    struct pipe *p = f->priv;
    /* Linux's round_pipe_size: a page at least, a power of two, at most 2^31. */
    if (arg > (1UL << 31)) return -EINVAL;
    unsigned long n = PIPE_PAGE;
    while (n < arg) n <<= 1;
    if (n > (1UL << 31)) return -EINVAL;
    /* Growing past pipe-max-size needs CAP_SYS_RESOURCE (root). */
    if (n > p->size && n > PIPE_MAX_SIZE && !(current && current->cred.euid == 0)) return -EPERM;
    u32 slots = n / PIPE_PAGE;
    if ((p->len + PIPE_PAGE - 1) / PIPE_PAGE > slots) return -EBUSY;   /* data would not fit */
    if (n == p->size) return n;
    u8 **pages = kzalloc(slots * sizeof(u8 *));
    if (!pages) return -ENOMEM;
    /* Move the queued bytes to the start of the new ring. */
    struct pipe np = *p;
    np.pages = pages;
    np.size = n;
    np.head = np.len = 0;
    size_t done = 0;
    while (done < p->len) {
        size_t contig;
        u8 *src = ring_at(p, (p->head + done) % p->size, &contig, false);
        size_t chunk = MIN((size_t)p->len - done, contig);
        if (ring_fill(&np, iobuf_kernel(src), 0, chunk) != (ssize_t)chunk) {
            for (u32 i = 0; i < slots; i++) kfree(pages[i]);
            kfree(pages);
            return -ENOMEM;
        }
        done += chunk;
    }
    for (u32 i = 0; i < p->size / PIPE_PAGE; i++) kfree(p->pages[i]);
    kfree(p->pages);
    p->pages = pages;
    p->size = n;
    p->head = 0;
    wake_up_all(&p->wq);
    return n;
}

/* ---- splice and tee ---- */

/* Pipe -> file: wait for data like a read (EOF 0), then write what is queued (up to len) to out
 * at *pos, consuming only what out took. */
ssize_t pipe_splice_to_file(struct file *pf, struct file *out, off_t *pos, size_t len, bool nonblock) {
    struct pipe *p = pf->priv;
    size_t done = 0;
    u8 *bounce = kmalloc(PIPE_PAGE);
    if (!bounce) return -ENOMEM;
    ssize_t err = 0;
    while (done < len) {
        if (signal_pending(current)) { err = -ERESTARTSYS; break; }
        if (!p->len) {
            if (done || p->writers == 0) break;
            int r = wait_readable(p, nonblock);
            if (r <= 0) { err = r; break; }
        }
        size_t chunk = MIN(MIN(len - done, (size_t)p->len), (size_t)PIPE_PAGE);
        ssize_t got = ring_peek(p, 0, iobuf_kernel(bounce), 0, chunk);
        if (got <= 0) { err = got; break; }
        ssize_t w = vfs_write(out, iobuf_kernel(bounce), got, pos);
        if (w <= 0) { err = w; break; }
        ring_consume(p, w);
        wake_up_all(&p->wq);
        done += w;
        if (w < got) break;
    }
    kfree(bounce);
    return done ? (ssize_t)done : err;
}

/* File -> pipe: wait for room like a write (EPIPE/SIGPIPE without readers), then read at most
 * len bytes, no more than the free space, from in at *pos. */
ssize_t pipe_splice_from_file(struct file *in, off_t *pos, struct file *pf, size_t len, bool nonblock) {
    struct pipe *p = pf->priv;
    int r = wait_writable(p, 1, nonblock);
    if (r) return r;
    len = MIN(len, (size_t)(p->size - p->len));
    size_t done = 0;
    while (done < len) {
        size_t contig;
        u8 *dst = ring_at(p, (p->head + p->len) % p->size, &contig, true);
        if (!dst) { if (done) break; return -ENOMEM; }
        size_t chunk = MIN(len - done, contig);
        ssize_t got = vfs_read(in, iobuf_kernel(dst), chunk, pos);
        if (got < 0) { if (done) break; return got; }
        if (got == 0) break;
        p->len += got;
        done += got;
        if ((size_t)got < chunk) break;
    }
    if (done) wake_up_all(&p->wq);
    return done;
}

/* Pipe -> pipe, moving (splice) or copying (tee) queued bytes. */
ssize_t pipe_splice_pipes(struct file *inf, struct file *outf, size_t len, bool nonblock, bool copy) {
    struct pipe *ip = inf->priv, *op = outf->priv;
    if (ip == op) return -EINVAL;
    size_t n;
    for (;;) {
        int r = wait_readable(ip, nonblock);
        if (r <= 0) return r;
        r = wait_writable(op, 1, nonblock);
        if (r) return r;
        n = MIN(len, MIN((size_t)ip->len, (size_t)(op->size - op->len)));
        if (n) break;
    }
    size_t done = 0;
    while (done < n) {
        size_t contig;
        u8 *src = ring_at(ip, (ip->head + done) % ip->size, &contig, false);
        ssize_t w = src ? ring_fill(op, iobuf_kernel(src), 0, MIN(n - done, contig)) : -ENOMEM;
        if (w <= 0) break;
        done += w;
    }
    if (!copy) ring_consume(ip, done);
    if (done) { wake_up_all(&ip->wq); wake_up_all(&op->wq); }
    return done ? (ssize_t)done : -ENOMEM;
}

/* ---- pipe2 ---- */

/* Creates the two ends (one inode, two open files); the caller installs them. */
int pipe_create(unsigned flags, struct file **rd, struct file **wr) {
    struct pipe *p = pipe_alloc();
    if (!p) return -ENOMEM;
    p->readers = p->writers = 1;
    p->r_counter = p->w_counter = 1;
    *rd = file_alloc_anon(&pipe_ops, p, S_IFIFO | 0600, O_RDONLY | (flags & O_NONBLOCK), "pipe:[%lu]");
    if (IS_ERR(*rd)) { pipe_free(p); return (int)PTR_ERR(*rd); }
    (*rd)->inode->pipe = p;
    *wr = file_alloc_peer(*rd, O_WRONLY | (flags & O_NONBLOCK));
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
    if (fd1 < 0) { file_put(fd_remove(current->files, fd0)); file_put(wr); return fd1; }
    int fds[2] = { fd0, fd1 };
    if (copy_to_user(fildes, fds, sizeof fds)) {
        file_put(fd_remove(current->files, fd0));
        file_put(fd_remove(current->files, fd1));
        return -EFAULT;
    }
    return 0;
}
