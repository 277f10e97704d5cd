/* futex: WAIT/WAKE (private and shared, across fork on MAP_SHARED memory), EAGAIN on a value
 * mismatch, relative and absolute timeouts (ETIMEDOUT, CLOCK_MONOTONIC and FUTEX_CLOCK_REALTIME),
 * REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_BITSET/WAKE_BITSET, the errors (EINVAL, EFAULT, ENOSYS);
 * the CLONE_CHILD_CLEARTID wake at thread exit; robust lists (OWNER_DIED); sched_yield,
 * sched_getaffinity; nanosleep and clock_nanosleep (relative, TIMER_ABSTIME, EINVAL).
 * Waiters are raw threads (lv_clone). Exit 0 = pass. */
#include "lv.h"
#include <sched.h>
#include <sys/mman.h>
#include <limits.h>
#include <stddef.h>

#define STACK (64 * 1024)

static long futex(volatile int *uaddr, int op, int val, const void *timeout, volatile int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, timeout, uaddr2, val3);
}

static long long now_ns(clockid_t c)
{
    struct timespec ts;
    clock_gettime(c, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* ---- raw waiter threads --------------------------------------------------------------------- */

struct waiter {
    volatile int *addr;
    int op, val;
    unsigned bitset;
    volatile int started;
    volatile long result;      /* syscall result (-errno) once done */
    volatile int done;
    int ctid;
};

static int waiter_fn(void *arg)
{
    struct waiter *w = arg;
    __atomic_store_n(&w->started, 1, __ATOMIC_SEQ_CST);
    long r = rsys(SYS_futex, w->addr, w->op, w->val, 0, 0, w->bitset);
    w->result = r;
    __atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
    return 0;
}

static struct waiter W[8];

/* start waiter i on addr; returns after it has started (it then needs a moment to block) */
static void start_waiter(int i, volatile int *addr, int op, int val, unsigned bitset)
{
    struct waiter *w = &W[i];
    memset(w, 0, sizeof *w);
    w->addr = addr;
    w->op = op;
    w->val = val;
    w->bitset = bitset;
    w->ctid = 1;
    long r = lv_clone(THREAD_FLAGS | CLONE_CHILD_CLEARTID, new_stack(STACK), 0, 0, &w->ctid, waiter_fn, w);
    CHECK(r > 0, "waiter clone: %ld", r);
    while (!__atomic_load_n(&w->started, __ATOMIC_SEQ_CST))
        sched_yield();
}

/* let started waiters reach the kernel (there is no way to observe it directly) */
static void settle(void) { usleep(200000); }

static int count_done(int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += __atomic_load_n(&W[i].done, __ATOMIC_SEQ_CST);
    return k;
}

/* wait until waiter i's thread is gone (CHILD_CLEARTID) */
static void join_waiter(int i)
{
    int v;
    while ((v = __atomic_load_n(&W[i].ctid, __ATOMIC_SEQ_CST)) != 0)
        futex(&W[i].ctid, FUTEX_WAIT, v, NULL, NULL, 0);
}

static void wait_done(int i)
{
    for (int k = 0; k < 3000 && !__atomic_load_n(&W[i].done, __ATOMIC_SEQ_CST); k++)
        usleep(1000);
}

/* ---- sections ------------------------------------------------------------------------------- */

static void sec_wait_wake(void)
{
    static volatile int f;
    f = 5;
    /* value mismatch: EAGAIN at once */
    FAILS(futex(&f, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN);
    FAILS(futex(&f, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0), EAGAIN);
    /* wake with no waiters: 0 */
    EQ(futex(&f, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 0);
    /* three waiters; wake 2, then the rest */
    for (int i = 0; i < 3; i++)
        start_waiter(i, &f, FUTEX_WAIT_PRIVATE, 5, 0);
    settle();
    EQ(count_done(3), 0);
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, 2, NULL, NULL, 0), 2);
    usleep(50000);
    EQ(count_done(3), 2);
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 1);
    for (int i = 0; i < 3; i++) {
        wait_done(i);
        EQ(W[i].result, 0);
        join_waiter(i);
    }
    /* errors */
    FAILS(futex((int *)8, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
    FAILS(futex((int *)((char *)&f + 1), FUTEX_WAIT, 0, NULL, NULL, 0), EINVAL);   /* misaligned */
    FAILS(futex(&f, 99, 0, NULL, NULL, 0), ENOSYS);                                 /* unknown op */
    FAILS(futex(&f, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0), ENOSYS);  /* only for waits */
}

static void sec_keys(void)
{
    static volatile int f = 5;
    /* a shared (non-PRIVATE) waiter is not found by a PRIVATE wake (different keys), only by a
     * shared one */
    start_waiter(0, &f, FUTEX_WAIT, 5, 0);
    settle();
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0);
    EQ(futex(&f, FUTEX_WAKE, 1, NULL, NULL, 0), 1);
    wait_done(0);
    join_waiter(0);
    /* ... and a PRIVATE waiter not by a shared wake */
    start_waiter(0, &f, FUTEX_WAIT_PRIVATE, 5, 0);
    settle();
    EQ(futex(&f, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
    wait_done(0);
    join_waiter(0);
    /* FUTEX_WAKE (shared) on an unmapped address: the key lookup faults */
    FAILS(futex((int *)8, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT);
}

static void sec_timeout(void)
{
    static volatile int f = 1;
    /* relative timeout on FUTEX_WAIT */
    struct timespec rel = {0, 60 * 1000 * 1000};
    long long t0 = now_ns(CLOCK_MONOTONIC);
    FAILS(futex(&f, FUTEX_WAIT_PRIVATE, 1, &rel, NULL, 0), ETIMEDOUT);
    long long dt = now_ns(CLOCK_MONOTONIC) - t0;
    CHECK(dt >= 60000000LL && dt < 5000000000LL, "relative 60 ms timeout took %lld ns", dt);
    /* invalid timeouts */
    struct timespec bad = {0, 1000000000};
    FAILS(futex(&f, FUTEX_WAIT, 1, &bad, NULL, 0), EINVAL);
    struct timespec neg = {-1, 0};
    FAILS(futex(&f, FUTEX_WAIT, 1, &neg, NULL, 0), EINVAL);
    struct timespec zero = {0, 0};
    FAILS(futex(&f, FUTEX_WAIT, 1, &zero, NULL, 0), ETIMEDOUT);
    FAILS(futex(&f, FUTEX_WAIT, 1, (struct timespec *)8, NULL, 0), EFAULT);
    /* absolute timeouts with WAIT_BITSET: CLOCK_MONOTONIC by default */
    long long dl = now_ns(CLOCK_MONOTONIC) + 50000000LL;
    struct timespec abs = {dl / 1000000000LL, dl % 1000000000LL};
    FAILS(futex(&f, FUTEX_WAIT_BITSET_PRIVATE, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
    CHECK(now_ns(CLOCK_MONOTONIC) >= dl, "WAIT_BITSET returned before its monotonic deadline");
    /* ... and CLOCK_REALTIME (how pthread_cond_timedwait and pthread_join wait) */
    dl = now_ns(CLOCK_REALTIME) + 50000000LL;
    abs.tv_sec = dl / 1000000000LL;
    abs.tv_nsec = dl % 1000000000LL;
    FAILS(futex(&f, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
    CHECK(now_ns(CLOCK_REALTIME) >= dl, "WAIT_BITSET|CLOCK_REALTIME returned before its deadline");
    /* a deadline in the past: at once */
    abs.tv_sec = 1;
    abs.tv_nsec = 0;
    t0 = now_ns(CLOCK_MONOTONIC);
    FAILS(futex(&f, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, FUTEX_BITSET_MATCH_ANY),
          ETIMEDOUT);
    CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 1000000000LL, "past deadline waited");
    /* woken before the timeout: 0 */
    start_waiter(0, &f, FUTEX_WAIT_PRIVATE, 1, 0);
    settle();
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
    wait_done(0);
    EQ(W[0].result, 0);
    join_waiter(0);
}

static void sec_bitset(void)
{
    static volatile int f = 0;
    FAILS(futex(&f, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 0), EINVAL);   /* bitset 0 */
    FAILS(futex(&f, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0), EINVAL);
    start_waiter(0, &f, FUTEX_WAIT_BITSET_PRIVATE, 0, 0x1);
    start_waiter(1, &f, FUTEX_WAIT_BITSET_PRIVATE, 0, 0x2);
    start_waiter(2, &f, FUTEX_WAIT_BITSET_PRIVATE, 0, 0x3);
    settle();
    EQ(futex(&f, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x4), 0);    /* nobody has bit 2 */
    EQ(futex(&f, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x2), 2);    /* waiters 1 and 2 */
    wait_done(1);
    wait_done(2);
    EQ(W[1].done + W[2].done, 2);
    EQ(W[0].done, 0);
    /* a plain FUTEX_WAKE matches every bitset */
    EQ(futex(&f, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 1);
    wait_done(0);
    for (int i = 0; i < 3; i++)
        join_waiter(i);
}

static void sec_requeue(void)
{
    static volatile int a = 0, b = 0;
    for (int i = 0; i < 4; i++)
        start_waiter(i, &a, FUTEX_WAIT_PRIVATE, 0, 0);
    settle();
    /* CMP_REQUEUE with a stale value: EAGAIN, nobody moved */
    FAILS(futex(&a, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1L, &b, 7), EAGAIN);
    FAILS(futex(&a, FUTEX_CMP_REQUEUE_PRIVATE, -1, (void *)1L, &b, 0), EINVAL);
    /* wake 1, requeue 2 to b: returns woken + requeued */
    EQ(futex(&a, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &b, 0), 3);
    usleep(50000);
    EQ(count_done(4), 1);
    /* FUTEX_REQUEUE (no compare): move the last one on a to b too */
    EQ(futex(&a, FUTEX_REQUEUE_PRIVATE, 0, (void *)INT_MAX, &b, 0), 1);
    EQ(futex(&a, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 0);     /* nobody left on a */
    EQ(futex(&b, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0), 3);     /* all three on b */
    for (int i = 0; i < 4; i++) {
        wait_done(i);
        EQ(W[i].result, 0);
        join_waiter(i);
    }
}

static void sec_wake_op(void)
{
    static volatile int a = 0, b = 0;
    start_waiter(0, &a, FUTEX_WAIT_PRIVATE, 0, 0);
    start_waiter(1, &b, FUTEX_WAIT_PRIVATE, 0, 0);
    settle();
    /* *b += 1 (old 0); wake 1 on a; since old == 0, wake 1 on b too */
    int op = FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0);
    EQ(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b, op), 2);
    EQ(b, 1);
    wait_done(0);
    wait_done(1);
    EQ(count_done(2), 2);
    join_waiter(0);
    join_waiter(1);
    /* comparison false: only a's waiter; the operation still happens (SET 10, old 10 != 5) */
    b = 10;
    start_waiter(0, &a, FUTEX_WAIT_PRIVATE, 0, 0);
    start_waiter(1, &b, FUTEX_WAIT_PRIVATE, 10, 0);
    settle();
    op = FUTEX_OP(FUTEX_OP_SET, 10, FUTEX_OP_CMP_EQ, 5);
    EQ(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &b, op), 1);
    EQ(b, 10);
    wait_done(0);
    EQ(W[0].done, 1);
    usleep(50000);
    EQ(W[1].done, 0);
    EQ(futex(&b, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
    join_waiter(0);
    join_waiter(1);
    /* OR, ANDN, XOR with OPARG_SHIFT */
    b = 0x10;
    EQ(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 0, &b, FUTEX_OP(FUTEX_OP_OR, 1, FUTEX_OP_CMP_GT, 0)), 0);
    EQ(b, 0x11);
    EQ(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 0, &b, FUTEX_OP(FUTEX_OP_ANDN, 0x10, FUTEX_OP_CMP_LT, 0)), 0);
    EQ(b, 0x01);
    EQ(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 0, &b, FUTEX_OP((FUTEX_OP_XOR | FUTEX_OP_OPARG_SHIFT), 4, FUTEX_OP_CMP_NE, 0)), 0);
    EQ(b, 0x11);
    /* an unknown operation: ENOSYS; a bad uaddr2: EFAULT */
    FAILS(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 0, &b, 7 << 28), ENOSYS);
    FAILS(futex(&a, FUTEX_WAKE_OP_PRIVATE, 1, 0, (int *)8, op), EFAULT);
}

static void sec_shared(void)
{
    /* a futex in MAP_SHARED memory wakes across processes; a private wake does not */
    volatile int *f = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    f[0] = 0;
    f[1] = 0;
    long pid = lv_fork();
    if (pid == 0) {
        __atomic_store_n(&f[1], 1, __ATOMIC_SEQ_CST);
        long r = syscall(SYS_futex, &f[0], FUTEX_WAIT, 0, NULL, NULL, 0);
        syscall(SYS_exit_group, r == 0 ? 0 : 10 + errno);
    }
    while (!__atomic_load_n(&f[1], __ATOMIC_SEQ_CST))
        usleep(1000);
    settle();
    EQ(futex(&f[0], FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0);   /* another process's key */
    f[0] = 1;
    EQ(futex(&f[0], FUTEX_WAKE, 1, NULL, NULL, 0), 1);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "shared futex waiter: %#x", st);
    /* private memory after fork is not shared: a wake in the parent finds nobody */
    static volatile int p = 0;
    static volatile int *go;
    go = f;
    go[1] = 0;
    pid = lv_fork();
    if (pid == 0) {
        struct timespec t = {0, 300 * 1000 * 1000};
        __atomic_store_n(&go[1], 1, __ATOMIC_SEQ_CST);
        long r = syscall(SYS_futex, &p, FUTEX_WAIT, 0, &t, NULL, 0);
        syscall(SYS_exit_group, r == -1 && errno == ETIMEDOUT ? 0 : 1);
    }
    while (!__atomic_load_n(&go[1], __ATOMIC_SEQ_CST))
        usleep(1000);
    usleep(50000);
    EQ(futex(&p, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "COW page futex: %#x", st);
    munmap((void *)f, 4096);
}

/* ---- CLONE_CHILD_CLEARTID and robust lists --------------------------------------------------- */

static int exit_at_once(void *arg)
{
    (void)arg;
    return 0;
}

struct robust_lock {
    struct robust_list list;
    int futex;
};

static void sec_cleartid(void)
{
    /* a thread's ctid word is cleared and waiters woken when it exits */
    static int ctid = 0;
    static volatile int gate = 0;
    (void)gate;
    int tid = (int)lv_clone(THREAD_FLAGS | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID, new_stack(STACK), 0, 0,
                            &ctid, exit_at_once, 0);
    CHECK(tid > 0, "clone %d", tid);
    int v;
    long long t0 = now_ns(CLOCK_MONOTONIC);
    while ((v = __atomic_load_n(&ctid, __ATOMIC_SEQ_CST)) != 0 && now_ns(CLOCK_MONOTONIC) - t0 < 5000000000LL) {
        struct timespec t = {1, 0};
        futex(&ctid, FUTEX_WAIT, v, &t, NULL, 0);
    }
    EQ(ctid, 0);
    /* set_tid_address: returns the tid and moves the word */
    EQ(syscall(SYS_set_tid_address, &ctid), syscall(SYS_gettid));
}

static void sec_robust(void)
{
    struct robust_list_head *head = NULL;
    size_t len = 0;
    long r = syscall(SYS_get_robust_list, 0, &head, &len);
    if (r == -1 && errno == ENOSYS && !strict()) {
        printf("futex-sched: robust lists are ENOSYS here (qemu-user); checks skipped\n");
        return;
    }
    EQ(r, 0);
    EQ(len, sizeof(struct robust_list_head));
    CHECK(head != NULL, "glibc registered no robust list for the main thread");
    FAILS(syscall(SYS_set_robust_list, head, 12), EINVAL);
    FAILS(syscall(SYS_get_robust_list, 999999, &head, &len), ESRCH);

    /* a process dies holding a robust lock in shared memory: the kernel marks it OWNER_DIED and
     * wakes a waiter */
    struct robust_lock *lk = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    lk->futex = 0;
    volatile int *ready = (volatile int *)((char *)lk + 2048);
    *ready = 0;
    long pid = lv_fork();
    if (pid == 0) {
        static struct robust_list_head h;
        h.list.next = &lk->list;
        h.futex_offset = offsetof(struct robust_lock, futex) - offsetof(struct robust_lock, list);
        h.list_op_pending = NULL;
        lk->list.next = &h.list;
        if (syscall(SYS_set_robust_list, &h, sizeof h) != 0)
            syscall(SYS_exit_group, 3);
        lk->futex = (int)syscall(SYS_gettid) | FUTEX_WAITERS;   /* "locked, with waiters" */
        *ready = 1;
        usleep(100000);
        syscall(SYS_exit_group, 0);                             /* dies holding it */
    }
    while (!*ready)
        usleep(1000);
    int v = lk->futex;
    EQ(v & FUTEX_TID_MASK, pid);
    struct timespec t = {5, 0};
    r = futex(&lk->futex, FUTEX_WAIT, v, &t, NULL, 0);    /* woken by the robust-list walk */
    CHECK(r == 0 || (r == -1 && errno == EAGAIN), "robust waiter: %ld errno %d", r, errno);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "robust child %#x", st);
    EQ((unsigned)lk->futex, FUTEX_OWNER_DIED | FUTEX_WAITERS);    /* tid cleared, OWNER_DIED set */
    /* list_op_pending is handled too */
    lk->futex = 0;
    pid = lv_fork();
    if (pid == 0) {
        static struct robust_list_head h;
        h.list.next = &h.list;                              /* empty list ... */
        h.futex_offset = offsetof(struct robust_lock, futex) - offsetof(struct robust_lock, list);
        h.list_op_pending = &lk->list;                      /* ... but a lock being taken */
        syscall(SYS_set_robust_list, &h, sizeof h);
        lk->futex = (int)syscall(SYS_gettid);
        syscall(SYS_exit_group, 0);
    }
    reap(pid);
    EQ((unsigned)lk->futex, FUTEX_OWNER_DIED);
    /* a lock held by someone else is left alone */
    lk->futex = 12345;
    pid = lv_fork();
    if (pid == 0) {
        static struct robust_list_head h;
        h.list.next = &lk->list;
        lk->list.next = &h.list;
        h.futex_offset = offsetof(struct robust_lock, futex) - offsetof(struct robust_lock, list);
        h.list_op_pending = NULL;
        syscall(SYS_set_robust_list, &h, sizeof h);
        syscall(SYS_exit_group, 0);
    }
    reap(pid);
    EQ(lk->futex, 12345);
    munmap(lk, 4096);
}

/* ---- scheduling and sleeping ----------------------------------------------------------------- */

static void sec_sched(void)
{
    EQ(sched_yield(), 0);
    unsigned long mask[16];
    memset(mask, 0, sizeof mask);
    long r = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
    CHECK(r > 0 && r % 8 == 0 && r <= (long)sizeof mask, "sched_getaffinity returned %ld", r);
    int cpus = 0;
    for (int i = 0; i < 16; i++)
        cpus += __builtin_popcountl(mask[i]);
    CHECK(cpus >= 1, "no CPU in the affinity mask");
    EQ(CPU_COUNT((cpu_set_t *)mask) == cpus, 1);
    /* the same for a thread and a child; errors */
    unsigned long m2[16];
    EQ(syscall(SYS_sched_getaffinity, syscall(SYS_getpid), sizeof m2, m2), r);
    FAILS(syscall(SYS_sched_getaffinity, 0, 4, m2), EINVAL);         /* not a multiple of 8 */
    FAILS(syscall(SYS_sched_getaffinity, 0, 0, m2), EINVAL);
    FAILS(syscall(SYS_sched_getaffinity, 0, sizeof m2, (void *)8), EFAULT);
    long dead = lv_fork();
    if (dead == 0)
        syscall(SYS_exit_group, 0);
    reap(dead);
    FAILS(syscall(SYS_sched_getaffinity, dead, sizeof m2, m2), ESRCH);
}

static void sec_sleep(void)
{
    struct timespec req = {0, 30 * 1000 * 1000}, rem = {7, 7};
    long long t0 = now_ns(CLOCK_MONOTONIC);
    EQ(syscall(SYS_nanosleep, &req, &rem), 0);
    long long dt = now_ns(CLOCK_MONOTONIC) - t0;
    CHECK(dt >= 30000000LL && dt < 5000000000LL, "nanosleep 30 ms took %lld ns", dt);
    struct timespec bad = {0, 1000000000};
    FAILS(syscall(SYS_nanosleep, &bad, NULL), EINVAL);
    bad.tv_nsec = -1;
    FAILS(syscall(SYS_nanosleep, &bad, NULL), EINVAL);
    bad.tv_sec = -1;
    bad.tv_nsec = 0;
    FAILS(syscall(SYS_nanosleep, &bad, NULL), EINVAL);
    struct timespec z = {0, 0};
    EQ(syscall(SYS_nanosleep, &z, NULL), 0);
    /* clock_nanosleep: relative on MONOTONIC and REALTIME */
    t0 = now_ns(CLOCK_MONOTONIC);
    EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL), 0);
    CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 30000000LL, "clock_nanosleep MONOTONIC returned early");
    t0 = now_ns(CLOCK_MONOTONIC);
    EQ(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &req, NULL), 0);
    CHECK(now_ns(CLOCK_MONOTONIC) - t0 >= 30000000LL, "clock_nanosleep REALTIME returned early");
    /* TIMER_ABSTIME */
    long long dl = now_ns(CLOCK_MONOTONIC) + 40000000LL;
    struct timespec abs = {dl / 1000000000LL, dl % 1000000000LL};
    EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
    CHECK(now_ns(CLOCK_MONOTONIC) >= dl, "TIMER_ABSTIME MONOTONIC returned before the deadline");
    dl = now_ns(CLOCK_REALTIME) + 40000000LL;
    abs.tv_sec = dl / 1000000000LL;
    abs.tv_nsec = dl % 1000000000LL;
    EQ(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL), 0);
    CHECK(now_ns(CLOCK_REALTIME) >= dl, "TIMER_ABSTIME REALTIME returned before the deadline");
    abs.tv_sec = 0;             /* in the past: at once */
    abs.tv_nsec = 0;
    t0 = now_ns(CLOCK_MONOTONIC);
    EQ(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0);
    CHECK(now_ns(CLOCK_MONOTONIC) - t0 < 1000000000LL, "past absolute deadline slept");
    EQ(syscall(SYS_clock_nanosleep, CLOCK_BOOTTIME, 0, &z, NULL), 0);
    /* errors (returned as the error number by glibc's clock_nanosleep; the raw call is -1/errno) */
    FAILS(syscall(SYS_clock_nanosleep, 999, 0, &req, NULL), EINVAL);
    bad.tv_sec = 0;
    bad.tv_nsec = 1000000000;
    FAILS(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
    FAILS(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &bad, NULL), EINVAL);
    FAILS(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (void *)8, NULL), EFAULT);
    EQ(clock_nanosleep(999, 0, &req, NULL), EINVAL);
}

static void sec_sleep_cputime(void)
{
    /* sleeping on the calling thread's CPU clock is not supported: EOPNOTSUPP on Linux */
    struct timespec req = {0, 1000000};
    FAILS(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL), EOPNOTSUPP);
}

static const struct section sections[] = {
    {"wait_wake", sec_wait_wake}, {"keys", sec_keys},       {"timeout", sec_timeout},
    {"bitset", sec_bitset},       {"sleep_cputime", sec_sleep_cputime},
    {"requeue", sec_requeue},     {"wake_op", sec_wake_op}, {"shared", sec_shared},
    {"cleartid", sec_cleartid},   {"robust", sec_robust},   {"sched", sec_sched},
    {"sleep", sec_sleep},
};

int main(int argc, char **argv)
{
    return RUN_SECTIONS("futex-sched", sections, argc, argv);
}
