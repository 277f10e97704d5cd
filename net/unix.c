/* AF_UNIX socket pairs (socketpair): two connected endpoints, each with a receive queue of
 * messages. SOCK_STREAM reads run across message boundaries; SOCK_SEQPACKET and SOCK_DGRAM read
 * one message each (the rest of a longer message is dropped, MSG_TRUNC). A closed or shut-down peer
 * gives EOF to readers and EPIPE (+ SIGPIPE unless MSG_NOSIGNAL) to writers. std's fork path
 * reports exec errors to the parent through such a SOCK_SEQPACKET pair. */
#include "net/socket.h"
#include "fs/vfs.h"
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
#include "uapi/socket.h"
#include "syscall_decls.h"

#define UNIX_QUEUE_MAX (208 * 1024)            /* net.core.wmem_default */

struct umsg { struct umsg *next; u32 len, off; u8 data[]; };

struct unix_sock {
    int type;
    struct unix_sock *peer;                    /* NULL once the peer is gone */
    struct umsg *head, *tail;                  /* receive queue */
    u32 queued;
    bool rd_shut, wr_shut;                     /* shutdown(SHUT_RD / SHUT_WR) of this end */
    struct wait_queue *wq;                     /* shared by both ends */
    struct ucred_k { s32 pid; u32 uid, gid; } cred;
};

static bool readable(struct unix_sock *s) { return s->head || s->rd_shut || !s->peer || s->peer->wr_shut; }

static bool can_recv(void *arg) { return readable(arg); }

/* Receive up to n bytes into b; seqpacket/dgram take one message. */
static ssize_t unix_recv(struct file *f, struct unix_sock *s, struct iobuf b, size_t n, unsigned flags, bool *trunc) {
    for (;;) {
        if (s->head) break;
        if (s->rd_shut || !s->peer || s->peer->wr_shut) return 0;
        if ((f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT)) return -EAGAIN;
        int r = waitq_sleep(s->wq, can_recv, s, 0, true);
        if (r) return r;
    }
    size_t done = 0;
    if (s->type != SOCK_STREAM) {
        struct umsg *m = s->head;
        size_t c = MIN(n, m->len);
        if (iobuf_copy_to(b, 0, m->data, c)) return -EFAULT;
        if (m->len > n && trunc) *trunc = true;
        if (!(flags & MSG_PEEK)) {
            s->head = m->next;
            if (!s->head) s->tail = NULL;
            s->queued -= m->len;
            kfree(m);
        }
        wake_up_all(s->wq);
        return (flags & MSG_TRUNC) ? (ssize_t)m->len : (ssize_t)c;
    }
    struct umsg *m = s->head;
    u32 peek_off = 0;
    while (done < n && m) {
        u32 off = (flags & MSG_PEEK) ? m->off + peek_off : m->off;
        size_t c = MIN(n - done, m->len - off);
        if (iobuf_copy_to(b, done, m->data + off, c)) return done ? (ssize_t)done : -EFAULT;
        done += c;
        if (flags & MSG_PEEK) {
            if (off + c == m->len) { m = m->next; peek_off = 0; } else peek_off += c;
            continue;
        }
        m->off += c;
        s->queued -= c;
        if (m->off == m->len) {
            s->head = m->next;
            if (!s->head) s->tail = NULL;
            kfree(m);
            m = s->head;
        }
    }
    wake_up_all(s->wq);
    return done;
}

struct sendc { struct unix_sock *s; size_t need; };
static bool can_send(void *arg) {
    struct sendc *c = arg;
    struct unix_sock *p = c->s->peer;
    return !p || p->rd_shut || c->s->wr_shut || p->queued + c->need <= UNIX_QUEUE_MAX || p->queued == 0;
}

static ssize_t unix_send(struct file *f, struct unix_sock *s, struct iobuf b, size_t n, unsigned flags) {
    if (s->type != SOCK_STREAM && n > UNIX_QUEUE_MAX) return -EMSGSIZE;
    size_t done = 0;
    do {
        struct unix_sock *p = s->peer;
        if (s->wr_shut || !p || p->rd_shut) {
            if (!(flags & MSG_NOSIGNAL)) send_signal_task(current, SIGPIPE, SI_USER);
            return done ? (ssize_t)done : -EPIPE;
        }
        size_t chunk = s->type == SOCK_STREAM ? MIN(n - done, 64 * 1024) : n;
        struct sendc c = { s, chunk };
        if (!can_send(&c)) {
            if ((f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT)) return done ? (ssize_t)done : -EAGAIN;
            int r = waitq_sleep(s->wq, can_send, &c, 0, true);
            if (r) return done ? (ssize_t)done : r;
            continue;
        }
        struct umsg *m = kmalloc(sizeof *m + chunk);
        if (!m) return done ? (ssize_t)done : -ENOMEM;
        if (chunk && iobuf_copy_from(m->data, b, done, chunk)) { kfree(m); return done ? (ssize_t)done : -EFAULT; }
        m->len = chunk;
        m->off = 0;
        m->next = NULL;
        if (p->tail) p->tail->next = m; else p->head = m;
        p->tail = m;
        p->queued += chunk;
        done += chunk;
        wake_up_all(s->wq);
    } while (done < n);
    return done;
}

static ssize_t sock_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    if (n == 0 && ((struct unix_sock *)f->priv)->type == SOCK_STREAM) return 0;
    return unix_recv(f, f->priv, b, n, 0, NULL);
}

static ssize_t sock_write(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    if (n == 0 && ((struct unix_sock *)f->priv)->type == SOCK_STREAM) return 0;
    return unix_send(f, f->priv, b, n, 0);
}

static unsigned sock_poll(struct file *f) {
    struct unix_sock *s = f->priv;
    unsigned m = 0;
    if (readable(s)) m |= POLLIN | POLLRDNORM;
    if (!s->peer || (s->peer->wr_shut && s->wr_shut)) m |= POLLHUP;
    if (s->rd_shut || (s->peer && s->peer->wr_shut)) m |= POLLRDHUP | POLLIN | POLLRDNORM;
    if (s->peer && !s->wr_shut && s->peer->queued < UNIX_QUEUE_MAX) m |= POLLOUT | POLLWRNORM;
    return m;
}

static void sock_release(struct file *f) {
    struct unix_sock *s = f->priv;
    while (s->head) { struct umsg *m = s->head; s->head = m->next; kfree(m); }
    struct wait_queue *wq = s->wq;
    if (s->peer) s->peer->peer = NULL;
    wake_up_all(wq);
    bool last = !s->peer;
    kfree(s);
    if (last) kfree(wq);
}

const struct file_ops unix_sock_ops = {
    .read = sock_read, .write = sock_write, .poll = sock_poll, .release = sock_release,
};

struct unix_sock *file_unix_sock(struct file *f) { return f && f->ops == &unix_sock_ops ? f->priv : NULL; }

long sys_socketpair(int family, int type, int protocol, uaddr_t usockvec) {
    int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (family != AF_UNIX) return family == AF_INET || family == AF_INET6 ? -EOPNOTSUPP : -EAFNOSUPPORT;
    if (base != SOCK_STREAM && base != SOCK_SEQPACKET && base != SOCK_DGRAM) return -EINVAL;
    if (protocol != 0 && protocol != AF_UNIX) return -EPROTONOSUPPORT;
    struct unix_sock *a = kzalloc(sizeof *a), *b = kzalloc(sizeof *b);
    struct wait_queue *wq = kzalloc(sizeof *wq);
    if (!a || !b || !wq) { kfree(a); kfree(b); kfree(wq); return -ENOMEM; }
    waitq_init(wq);
    a->type = b->type = base;
    a->peer = b; b->peer = a;
    a->wq = b->wq = wq;
    a->cred.pid = b->cred.pid = current->proc->pid;
    a->cred.uid = b->cred.uid = current->cred.euid;
    a->cred.gid = b->cred.gid = current->cred.egid;
    unsigned fl = O_RDWR | ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0);
    struct file *fa = file_alloc_anon(&unix_sock_ops, a, S_IFSOCK | 0777, fl, "socket:[%lu]");
    if (IS_ERR(fa)) { kfree(a); kfree(b); kfree(wq); return PTR_ERR(fa); }
    fa->wq = wq;
    struct file *fb = file_alloc_anon(&unix_sock_ops, b, S_IFSOCK | 0777, fl, "socket:[%lu]");
    if (IS_ERR(fb)) { a->peer = NULL; kfree(b); file_put(fa); return PTR_ERR(fb); }
    fb->wq = wq;
    int fdf = (type & SOCK_CLOEXEC) ? FD_CLOEXEC : 0;
    int fd0 = fd_install(current->files, fa, fdf);
    if (fd0 < 0) { file_put(fa); file_put(fb); return fd0; }
    int fd1 = fd_install(current->files, fb, fdf);
    if (fd1 < 0) { sys_close(fd0); file_put(fb); return fd1; }
    int fds[2] = { fd0, fd1 };
    if (copy_to_user(usockvec, fds, sizeof fds)) { sys_close(fd0); sys_close(fd1); return -EFAULT; }
    return 0;
}

static struct file *sock_fd(int fd, long *err) {
    struct file *f = fd_get(fd);
    if (!f) { *err = -EBADF; return NULL; }
    if (!file_unix_sock(f)) { file_put(f); *err = -ENOTSOCK; return NULL; }
    return f;
}

long sys_sendto(int fd, uaddr_t buff, size_t len, unsigned int flags, uaddr_t addr, int addr_len) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    struct unix_sock *s = f->priv;
    long r = addr && s->type == SOCK_STREAM ? -EISCONN : unix_send(f, s, iobuf_user(buff), len, flags);
    file_put(f);
    return r;
}

long sys_recvfrom(int fd, uaddr_t ubuf, size_t size, unsigned int flags, uaddr_t addr, uaddr_t addr_len) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    long r = unix_recv(f, f->priv, iobuf_user(ubuf), size, flags, NULL);
    if (r >= 0 && addr && addr_len) {
        int zero = 0;                          /* an unnamed peer: address length 0 */
        if (copy_to_user(addr_len, &zero, sizeof zero)) r = -EFAULT;
    }
    file_put(f);
    return r;
}

/* sendmsg/recvmsg: the iovecs are gathered one by one; control messages are not supported yet. */
static long msg_io(int fd, uaddr_t umsg, unsigned flags, bool send) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    struct linux_msghdr m;
    long r = 0;
    if (copy_from_user(&m, umsg, sizeof m)) { r = -EFAULT; goto out; }
    if (m.msg_iovlen > 1024) { r = -EMSGSIZE; goto out; }
    struct unix_sock *s = f->priv;
    bool trunc = false;
    for (u64 i = 0; i < m.msg_iovlen; i++) {
        struct { uaddr_t base; u64 len; } iov;
        if (copy_from_user(&iov, m.msg_iov + 16 * i, sizeof iov)) { r = r ? r : -EFAULT; goto out; }
        if (!iov.len) continue;
        long n = send ? unix_send(f, s, iobuf_user(iov.base), iov.len, flags)
                      : unix_recv(f, s, iobuf_user(iov.base), iov.len, flags | (r ? MSG_DONTWAIT : 0), &trunc);
        if (n < 0) { if (!r) r = n; break; }
        r += n;
        if ((u64)n < iov.len || (!send && s->type != SOCK_STREAM)) break;
    }
    if (r == -EAGAIN && !send && 0) r = 0;
    if (!send && r >= 0) {
        u32 oflags = trunc ? MSG_TRUNC : 0;
        u64 zero = 0;
        if (copy_to_user(umsg + offsetof(struct linux_msghdr, msg_flags), &oflags, 4) ||
            (m.msg_control && copy_to_user(umsg + offsetof(struct linux_msghdr, msg_controllen), &zero, 8)) ||
            (m.msg_name && copy_to_user(umsg + offsetof(struct linux_msghdr, msg_namelen), &zero, 4)))
            r = -EFAULT;
    }
out:
    file_put(f);
    return r;
}

long sys_sendmsg(int fd, uaddr_t msg, unsigned int flags) { return msg_io(fd, msg, flags, true); }
long sys_recvmsg(int fd, uaddr_t msg, unsigned int flags) { return msg_io(fd, msg, flags, false); }

long sys_shutdown(int fd, int how) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    struct unix_sock *s = f->priv;
    long r = 0;
    if (how < SHUT_RD || how > SHUT_RDWR) r = -EINVAL;
    else if (!s->peer) r = -ENOTCONN;
    else {
        if (how != SHUT_WR) s->rd_shut = true;
        if (how != SHUT_RD) s->wr_shut = true;
        wake_up_all(s->wq);
    }
    file_put(f);
    return r;
}

long sys_getsockopt(int fd, int level, int optname, uaddr_t optval, uaddr_t optlen) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    struct unix_sock *s = f->priv;
    int len;
    long r = 0;
    if (copy_from_user(&len, optlen, 4)) { r = -EFAULT; goto out; }
    if (len < 0) { r = -EINVAL; goto out; }
    int v;
    if (level != SOL_SOCKET) { r = -ENOPROTOOPT; goto out; }
    switch (optname) {
    case SO_TYPE: v = s->type; break;
    case SO_ERROR: v = 0; break;
    case SO_DOMAIN: v = AF_UNIX; break;
    case SO_PROTOCOL: v = 0; break;
    case SO_SNDBUF: case SO_RCVBUF: v = UNIX_QUEUE_MAX; break;
    case SO_ACCEPTCONN: v = 0; break;
    case SO_PEERCRED: {
        struct linux_ucred c = { s->peer ? s->peer->cred.pid : 0, s->peer ? s->peer->cred.uid : (u32)-1, s->peer ? s->peer->cred.gid : (u32)-1 };
        len = MIN(len, (int)sizeof c);
        if (copy_to_user(optval, &c, len) || copy_to_user(optlen, &len, 4)) r = -EFAULT;
        goto out;
    }
    default: r = -ENOPROTOOPT; goto out;
    }
    len = MIN(len, (int)sizeof v);
    if (copy_to_user(optval, &v, len) || copy_to_user(optlen, &len, 4)) r = -EFAULT;
out:
    file_put(f);
    return r;
}

long sys_setsockopt(int fd, int level, int optname, uaddr_t optval, int optlen) {
    long err;
    struct file *f = sock_fd(fd, &err);
    if (!f) return err;
    file_put(f);
    if (optlen < 0) return -EINVAL;
    if (level != SOL_SOCKET) return -ENOPROTOOPT;
    switch (optname) {              /* accepted, no effect on a socket pair yet */
    case SO_SNDBUF: case SO_RCVBUF: case SO_RCVTIMEO: case SO_SNDTIMEO: case SO_PASSCRED:
    case SO_REUSEADDR: case SO_KEEPALIVE: case SO_LINGER:
        return 0;
    }
    return -ENOPROTOOPT;
}
