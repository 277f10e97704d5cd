/* ppoll and pselect6.
 *
 * Readiness comes from each file's poll op (no op: always readable and writable, like regular
 * files). To block, the task puts one wait entry on the wait queue of every polled file that has
 * one (f->wq), then sleeps in waitq_sleep on a private queue with "some fd is ready" as the
 * condition: a wake_up on any file queue makes the task runnable and the condition is re-checked
 * (with IRQs masked, so no wakeup is lost between the check and the sleep). Timeouts are
 * deadlines on the monotonic clock; the remaining time is written back as Linux does. A
 * temporary signal mask stays in force until a handler has run, via saved_sigmask. */
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "lib/time.h"
#include "proc/task.h"
#include "proc/wait.h"
#include "proc/signal.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)
#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET  (POLLPRI)
#define UNBLOCKABLE ((1ULL << (9 - 1)) | (1ULL << (19 - 1)))   /* SIGKILL, SIGSTOP */
#define NSEC 1000000000LL

struct pentry {
    struct file *f;           /* referenced; NULL: fd < 0 (ignored) or bad (POLLNVAL) */
    bool bad;
    unsigned events;
    unsigned revents;
};

struct pwait {
    struct pentry *pe;
    unsigned n;
    struct wait_queue_entry *ents;   /* one per distinct file queue */
    struct wait_queue **queues;
    unsigned nq;
};

static int poll_once(struct pwait *w) {
    int count = 0;
    for (unsigned i = 0; i < w->n; i++) {
        struct pentry *p = &w->pe[i];
        if (p->bad) { p->revents = POLLNVAL; count++; continue; }
        if (!p->f) { p->revents = 0; continue; }
        unsigned mask = p->f->ops->poll ? p->f->ops->poll(p->f) : DEFAULT_POLLMASK;
        p->revents = mask & (p->events | POLLERR | POLLHUP);
        if (p->revents) count++;
    }
    return count;
}

/* waitq_sleep's condition: re-arm our entries (wake_up_one skips woken ones) and re-poll. */
static bool some_ready(void *arg) {
    struct pwait *w = arg;
    for (unsigned i = 0; i < w->nq; i++) w->ents[i].woken = false;
    return poll_once(w) > 0;
}

static void queue_add(struct wait_queue *q, struct wait_queue_entry *e) {
    u64 f = spin_lock_irqsave(&q->lock);
    e->task = current;
    e->woken = false;
    e->next = q->head;
    q->head = e;
    spin_unlock_irqrestore(&q->lock, f);
}

static void queue_del(struct wait_queue *q, struct wait_queue_entry *e) {
    u64 f = spin_lock_irqsave(&q->lock);
    for (struct wait_queue_entry **pp = &q->head; *pp; pp = &(*pp)->next)
        if (*pp == e) { *pp = e->next; break; }
    spin_unlock_irqrestore(&q->lock, f);
}

/* Poll until something is ready, the deadline passes (timeout_ns 0: just once; <0: never) or
 * a signal arrives. Returns the number of ready entries, 0 on timeout, -EINTR, -ENOMEM. */
static int do_poll(struct pentry *pe, unsigned n, s64 timeout_ns) {
    struct pwait w = { pe, n, NULL, NULL, 0 };
    int count = poll_once(&w);
    if (count || timeout_ns == 0) return count;
    u64 deadline = 0;
    if (timeout_ns > 0) {
        u64 now = clock_monotonic_ns();
        deadline = now + (u64)timeout_ns;
        if (deadline < now) deadline = 0;    /* too far away to matter: no deadline */
    }
    if (n) {
        w.ents = kzalloc(n * sizeof(*w.ents));
        w.queues = kzalloc(n * sizeof(*w.queues));
        if (!w.ents || !w.queues) { kfree(w.ents); kfree(w.queues); return -ENOMEM; }
    }
    for (unsigned i = 0; i < n; i++) {
        struct wait_queue *q = pe[i].f ? pe[i].f->wq : NULL;
        if (!q) continue;
        bool dup = false;
        for (unsigned j = 0; j < w.nq && !dup; j++) dup = w.queues[j] == q;
        if (dup) continue;
        w.queues[w.nq] = q;
        queue_add(q, &w.ents[w.nq]);
        w.nq++;
    }
    struct wait_queue self = WAIT_QUEUE_INIT;
    int r = waitq_sleep(&self, some_ready, &w, deadline, true);
    for (unsigned i = 0; i < w.nq; i++) queue_del(w.queues[i], &w.ents[i]);
    kfree(w.ents);
    kfree(w.queues);
    count = poll_once(&w);
    if (count) return count;
    if (r == -ETIMEDOUT) return 0;
    return r ? -EINTR : 0;     /* waitq_sleep says -ERESTARTSYS: poll never restarts with SA_RESTART */
}

static void put_entries(struct pentry *pe, unsigned n) {
    for (unsigned i = 0; i < n; i++) if (pe[i].f) file_put(pe[i].f);
}

/* Timeout argument: <0 infinite (NULL), else nanoseconds. EINVAL/EFAULT as Linux. */
static int get_timeout(uaddr_t tsp, s64 *ns) {
    *ns = -1;
    if (!tsp) return 0;
    struct linux_timespec ts;
    if (copy_from_user(&ts, tsp, sizeof(ts))) return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC) return -EINVAL;
    *ns = ts.tv_sec > (0x7fffffffffffffffLL - ts.tv_nsec) / NSEC ? 0x7fffffffffffffffLL
                                                                 : ts.tv_sec * NSEC + ts.tv_nsec;
    return 0;
}

/* Write the remaining time back; a failure is ignored but disables restarting, as in Linux. */
static long finish_timeout(uaddr_t tsp, s64 timeout_ns, u64 start, long ret) {
    if (!tsp || timeout_ns <= 0) return ret;
    u64 spent = clock_monotonic_ns() - start;
    s64 left = (u64)timeout_ns > spent ? timeout_ns - (s64)spent : 0;
    struct linux_timespec ts = { left / NSEC, left % NSEC };
    if (copy_to_user(tsp, &ts, sizeof(ts)) && ret == -ERESTARTNOHAND) return -EINTR;
    return ret;
}

static int set_temp_sigmask(uaddr_t sigmask, size_t sigsetsize, u64 *old, bool *set) {
    *set = false;
    if (!sigmask) return 0;
    if (sigsetsize != sizeof(u64)) return -EINVAL;
    u64 m;
    if (copy_from_user(&m, sigmask, sizeof(m))) return -EFAULT;
    *old = current->sigmask;
    current->sigmask = m & ~UNBLOCKABLE;
    *set = true;
    return 0;
}

/* Interrupted: keep the temporary mask until the handler runs (restored after its frame is set
 * up); otherwise put the old mask back now. */
static long end_sigmask(bool set, u64 old, long ret) {
    if (ret == -EINTR) ret = -ERESTARTNOHAND;
    if (!set) return ret;
    if (ret == -ERESTARTNOHAND) {
        current->saved_sigmask = old;
        current->restore_sigmask = true;
    } else {
        current->sigmask = old;
    }
    return ret;
}

long sys_ppoll(uaddr_t ufds, unsigned int nfds, uaddr_t tsp, uaddr_t sigmask, size_t sigsetsize) {
    if (nfds > (unsigned)fd_limit()) return -EINVAL;
    s64 timeout;
    int err = get_timeout(tsp, &timeout);
    if (err) return err;
    u64 start = clock_monotonic_ns();
    struct linux_pollfd *pfd = kmalloc(nfds ? nfds * sizeof(*pfd) : 1);
    struct pentry *pe = kzalloc(nfds ? nfds * sizeof(*pe) : 1);
    long r = 0;
    if (!pfd || !pe) { r = -ENOMEM; goto out; }
    if (nfds && copy_from_user(pfd, ufds, nfds * sizeof(*pfd))) { r = -EFAULT; goto out; }
    u64 old = 0;
    bool masked;
    if ((r = set_temp_sigmask(sigmask, sigsetsize, &old, &masked))) goto out;
    for (unsigned i = 0; i < nfds; i++) {
        pe[i].events = (u16)pfd[i].events;
        if (pfd[i].fd < 0) continue;
        pe[i].f = fd_get(pfd[i].fd);
        pe[i].bad = !pe[i].f;
    }
    r = do_poll(pe, nfds, timeout);
    put_entries(pe, nfds);
    if (r >= 0) {
        for (unsigned i = 0; i < nfds; i++) pfd[i].revents = pe[i].revents;
        if (nfds && copy_to_user(ufds, pfd, nfds * sizeof(*pfd))) r = -EFAULT;
    }
    r = end_sigmask(masked, old, r);
    r = finish_timeout(tsp, timeout, start, r);
out:
    kfree(pfd);
    kfree(pe);
    return r;
}

long sys_pselect6(int n, uaddr_t inp, uaddr_t outp, uaddr_t exp, uaddr_t tsp, uaddr_t sig) {
    if (n < 0) return -EINVAL;
    struct files_table *ft = current->files;
    if (n > ft->size) n = ft->size;
    s64 timeout;
    int err = get_timeout(tsp, &timeout);
    if (err) return err;
    struct { uaddr_t ss; u64 ss_len; } sigarg = { 0, 0 };
    if (sig && copy_from_user(&sigarg, sig, sizeof(sigarg))) return -EFAULT;
    u64 start = clock_monotonic_ns();
    size_t words = (n + 63) / 64, bytes = words * 8;
    u64 *sets = kzalloc(bytes * 6 + 8), *res = sets + 3 * words;
    struct pentry *pe = kzalloc(n ? n * sizeof(*pe) : 1);
    long r = 0;
    if (!sets || !pe) { r = -ENOMEM; goto out; }
    uaddr_t uset[3] = { inp, outp, exp };
    for (int k = 0; k < 3; k++)
        if (uset[k] && bytes && copy_from_user(sets + k * words, uset[k], bytes)) { r = -EFAULT; goto out; }
    for (int fd = 0; fd < n; fd++) {
        u64 bit = 1ULL << (fd % 64);
        size_t w = fd / 64;
        unsigned ev = ((sets[w] & bit) ? POLLIN_SET : 0) | ((sets[words + w] & bit) ? POLLOUT_SET : 0) |
                      ((sets[2 * words + w] & bit) ? POLLEX_SET : 0);
        if (!ev) continue;
        pe[fd].events = ev;
        pe[fd].f = fd_get(fd);
        if (!pe[fd].f) { r = -EBADF; goto out; }
    }
    u64 old = 0;
    bool masked;
    if ((r = set_temp_sigmask(sigarg.ss, sigarg.ss_len, &old, &masked))) goto out;
    r = do_poll(pe, n, timeout);
    if (r > 0) {
        r = 0;
        for (int fd = 0; fd < n; fd++) {
            unsigned rev = pe[fd].revents, ev = pe[fd].events;
            u64 bit = 1ULL << (fd % 64);
            size_t w = fd / 64;
            if ((rev & POLLIN_SET) && (ev & POLLIN)) { res[w] |= bit; r++; }
            if ((rev & POLLOUT_SET) && (ev & POLLOUT)) { res[words + w] |= bit; r++; }
            if ((rev & POLLEX_SET) && (ev & POLLPRI)) { res[2 * words + w] |= bit; r++; }
        }
    }
    if (r >= 0) {
        for (int k = 0; k < 3; k++)
            if (uset[k] && bytes && copy_to_user(uset[k], res + k * words, bytes)) r = -EFAULT;
    }
    r = end_sigmask(masked, old, r);
    r = finish_timeout(tsp, timeout, start, r);
out:
    if (pe) put_entries(pe, n);
    kfree(sets);
    kfree(pe);
    return r;
}
