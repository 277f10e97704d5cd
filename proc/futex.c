/* Fast user-space mutexes (Linux kernel/futex): waiters queue on a key naming the 32-bit word —
 * (address space, address) for private memory, the word's physical address for MAP_SHARED memory
 * shared between processes. Waiters live on the waiting task's kernel stack. */
#include "syscall/syscall.h"
#include "proc/process.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/vm.h"
#include "mm/uaccess.h"
#include "lib/time.h"
#include "lib/spinlock.h"
#include "fs/vfs.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "lib/printk.h"

struct futex_key { u64 a, b; };
struct futex_waiter {
    struct futex_key key;
    u32 bitset;
    struct task *task;
    bool woken;
    struct futex_waiter *next;
};

#define NBUCKETS 64
static spinlock_t futex_lock = SPINLOCK_INIT;     /* one lock: the kernel runs on one CPU today */
static struct futex_waiter *buckets[NBUCKETS];

static unsigned hash(struct futex_key k) { return (unsigned)((k.a * 0x9e3779b97f4a7c15UL ^ k.b) >> 58) % NBUCKETS; }
static bool same(struct futex_key x, struct futex_key y) { return x.a == y.a && x.b == y.b; }

static int get_key(struct mm *mm, uaddr_t uaddr, bool private, struct futex_key *k) {
    if (uaddr & 3) return -EINVAL;
    if (!private) {
        struct vma *v = mm_find_vma(mm, uaddr);
        if (!v) return -EFAULT;                 /* a shared key needs the page (get_user_pages) */
        if (v->flags & VMA_SHARED) {
            paddr_t pa = mm_user_pa(mm, uaddr, ACCESS_READ);
            if (!pa) return -EFAULT;
            k->a = pa; k->b = 1;
            return 0;
        }
    }
    k->a = (u64)mm;
    k->b = uaddr | (private ? 0 : 1);            /* Linux's FUT_OFF_MMSHARED: shared != private */
    return 0;
}

static int wake_key(struct futex_key k, int n, u32 bitset) {
    int woken = 0;
    struct futex_waiter **pp = &buckets[hash(k)];
    while (*pp && woken < n) {
        struct futex_waiter *w = *pp;
        if (same(w->key, k) && (w->bitset & bitset)) {
            *pp = w->next;
            w->woken = true;
            wake_task(w->task);
            woken++;
        } else pp = &w->next;
    }
    return woken;
}

void futex_wake_addr(struct mm *mm, uaddr_t uaddr, int n) {
    struct futex_key k;
    if (!mm || get_key(mm, uaddr, false, &k)) return;
    u64 f = spin_lock_irqsave(&futex_lock);
    wake_key(k, n, FUTEX_BITSET_MATCH_ANY);
    spin_unlock_irqrestore(&futex_lock, f);
}

static void unqueue(struct futex_waiter *w) {
    for (struct futex_waiter **pp = &buckets[hash(w->key)]; *pp; pp = &(*pp)->next)
        if (*pp == w) { *pp = w->next; return; }
}

static long futex_wait(uaddr_t uaddr, bool private, u32 val, u64 deadline, u32 bitset) {
    struct futex_waiter w = { .bitset = bitset, .task = current };
    long r = get_key(current->mm, uaddr, private, &w.key);
    if (r) return r;
    u64 f = spin_lock_irqsave(&futex_lock);
    u32 cur;
    if (copy_from_user(&cur, uaddr, 4)) { spin_unlock_irqrestore(&futex_lock, f); return -EFAULT; }
    if (cur != val) { spin_unlock_irqrestore(&futex_lock, f); return -EAGAIN; }
    unsigned h = hash(w.key);
    w.next = buckets[h];
    buckets[h] = &w;
    /* IRQs stay masked from the check to the sleep, so no wake can slip in between. */
    for (;;) {
        if (w.woken) { r = 0; break; }
        if (signal_pending(current)) { r = deadline ? -EINTR : -ERESTARTSYS; break; }
        if (deadline && clock_monotonic_ns() >= deadline) { r = -ETIMEDOUT; break; }
        futex_lock.locked = 0;
        sched_sleep_until(deadline);
        futex_lock.locked = 1;
    }
    if (!w.woken) unqueue(&w);
    spin_unlock_irqrestore(&futex_lock, f);
    return r;
}

static int wake_op_apply(uaddr_t uaddr2, u32 encoded, bool *cmp_true) {
    u32 op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
    s32 oparg = (s32)(encoded << 8) >> 20, cmparg = (s32)(encoded << 20) >> 20;
    if (encoded & (FUTEX_OP_OPARG_SHIFT << 28)) {
        if (oparg < 0 || oparg > 31) return -EINVAL;
        oparg = 1 << oparg;
    }
    u32 old;
    if (copy_from_user(&old, uaddr2, 4)) return -EFAULT;
    u32 nv;
    switch (op) {
    case FUTEX_OP_SET: nv = oparg; break;
    case FUTEX_OP_ADD: nv = old + oparg; break;
    case FUTEX_OP_OR: nv = old | oparg; break;
    case FUTEX_OP_ANDN: nv = old & ~oparg; break;
    case FUTEX_OP_XOR: nv = old ^ oparg; break;
    default: return -ENOSYS;
    }
    if (copy_to_user(uaddr2, &nv, 4)) return -EFAULT;
    s32 o = (s32)old;
    switch (cmp) {
    case FUTEX_OP_CMP_EQ: *cmp_true = o == cmparg; break;
    case FUTEX_OP_CMP_NE: *cmp_true = o != cmparg; break;
    case FUTEX_OP_CMP_LT: *cmp_true = o < cmparg; break;
    case FUTEX_OP_CMP_LE: *cmp_true = o <= cmparg; break;
    case FUTEX_OP_CMP_GT: *cmp_true = o > cmparg; break;
    case FUTEX_OP_CMP_GE: *cmp_true = o >= cmparg; break;
    default: return -ENOSYS;
    }
    return 0;
}

long sys_futex(uaddr_t uaddr, int op, u32 val, uaddr_t utime, uaddr_t uaddr2, u32 val3) {
    int cmd = op & FUTEX_CMD_MASK;
    bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
    if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
        return -ENOSYS;
    struct mm *mm = current->mm;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        u32 bitset = cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3;
        if (!bitset) return -EINVAL;
        u64 deadline = 0;
        if (utime) {
            struct ktimespec ts;
            if (copy_from_user(&ts, utime, sizeof ts)) return -EFAULT;
            if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) return -EINVAL;
            u64 ns = (u64)ts.sec * 1000000000 + (u64)ts.nsec, now = clock_monotonic_ns();
            if (cmd == FUTEX_WAIT) deadline = now + ns;                 /* relative */
            else if (realtime) {                                        /* absolute, CLOCK_REALTIME */
                u64 rt = clock_realtime_ns();
                deadline = ns > rt ? now + (ns - rt) : now;
            } else deadline = ns;                                       /* absolute, CLOCK_MONOTONIC */
            if (!deadline) deadline = 1;
        }
        return futex_wait(uaddr, private, val, deadline, bitset);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET: {
        u32 bitset = cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3;
        if (!bitset) return -EINVAL;
        struct futex_key k;
        long r = get_key(mm, uaddr, private, &k);
        if (r) return r;
        u64 f = spin_lock_irqsave(&futex_lock);
        r = wake_key(k, (int)MIN(val, 0x7fffffffU), bitset);
        spin_unlock_irqrestore(&futex_lock, f);
        return r;
    }
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: {
        s32 nr_wake = (s32)val, nr_requeue = (s32)(u32)utime;
        if (nr_wake < 0 || nr_requeue < 0) return -EINVAL;
        struct futex_key k1, k2;
        long r = get_key(mm, uaddr, private, &k1);
        if (!r) r = get_key(mm, uaddr2, private, &k2);
        if (r) return r;
        u64 f = spin_lock_irqsave(&futex_lock);
        if (cmd == FUTEX_CMP_REQUEUE) {
            u32 cur;
            if (copy_from_user(&cur, uaddr, 4)) { spin_unlock_irqrestore(&futex_lock, f); return -EFAULT; }
            if (cur != val3) { spin_unlock_irqrestore(&futex_lock, f); return -EAGAIN; }
        }
        r = wake_key(k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
        int moved = 0;
        struct futex_waiter **pp = &buckets[hash(k1)];
        while (*pp && moved < nr_requeue) {
            struct futex_waiter *w = *pp;
            if (same(w->key, k1)) {
                *pp = w->next;
                w->key = k2;
                unsigned h = hash(k2);
                w->next = buckets[h];
                buckets[h] = w;
                moved++;
            } else pp = &w->next;
        }
        spin_unlock_irqrestore(&futex_lock, f);
        return r + moved;
    }
    case FUTEX_WAKE_OP: {
        struct futex_key k1, k2;
        long r = get_key(mm, uaddr, private, &k1);
        if (!r) r = get_key(mm, uaddr2, private, &k2);
        if (r) return r;
        u64 f = spin_lock_irqsave(&futex_lock);
        bool cmp = false;
        int e = wake_op_apply(uaddr2, val3, &cmp);
        if (e) { spin_unlock_irqrestore(&futex_lock, f); return e; }
        r = wake_key(k1, (int)MIN(val, 0x7fffffffU), FUTEX_BITSET_MATCH_ANY);
        if (cmp) r += wake_key(k2, (int)MIN((u32)utime, 0x7fffffffU), FUTEX_BITSET_MATCH_ANY);
        spin_unlock_irqrestore(&futex_lock, f);
        return r;
    }
    }
    return -ENOSYS;      /* PI futexes and FUTEX_FD: not implemented */
}
