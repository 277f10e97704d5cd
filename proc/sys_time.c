/* Time syscalls: clock_gettime/getres, gettimeofday, nanosleep, clock_nanosleep. Without a vDSO
 * every Instant::now() is a clock_gettime syscall, so it is kept short. */
#include "syscall/syscall.h"
#include "lib/time.h"
#include "mm/uaccess.h"
#include "proc/sched.h"
#include "proc/wait.h"
#include "proc/signal.h"
#include "fs/vfs.h"
#include "uapi/errno.h"
#include "uapi/time.h"

_Static_assert(sizeof(struct ktimespec) == 16, "struct __kernel_timespec is two 64-bit fields");

static long clock_now(int clk, u64 *ns) {
    switch (clk) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_TAI:
        *ns = clock_realtime_ns(); return 0;
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
        *ns = clock_monotonic_ns(); return 0;
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
        *ns = clock_monotonic_ns(); return 0;          /* partial: wall time since boot */
    }
    return -EINVAL;
}

long sys_clock_gettime(clockid_t clk, uaddr_t tp) {
    u64 ns;
    long r = clock_now(clk, &ns);
    if (r) return r;
    struct ktimespec ts = { (s64)(ns / 1000000000), (s64)(ns % 1000000000) };
    return copy_to_user(tp, &ts, sizeof ts) ? -EFAULT : 0;
}

long sys_clock_getres(clockid_t clk, uaddr_t tp) {
    u64 ns;
    long r = clock_now(clk, &ns);
    if (r) return r;
    struct ktimespec ts = { 0, (clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE) ? 10000000 : 1 };
    if (tp && copy_to_user(tp, &ts, sizeof ts)) return -EFAULT;
    return 0;
}

long sys_gettimeofday(uaddr_t tv, uaddr_t tz) {
    u64 ns = clock_realtime_ns();
    if (tv) {
        s64 v[2] = { (s64)(ns / 1000000000), (s64)(ns % 1000000000) / 1000 };
        if (copy_to_user(tv, v, sizeof v)) return -EFAULT;
    }
    if (tz) {
        s32 z[2] = { 0, 0 };
        if (copy_to_user(tz, z, sizeof z)) return -EFAULT;
    }
    return 0;
}

static long read_ts(uaddr_t u, u64 *ns) {
    struct ktimespec ts;
    if (copy_from_user(&ts, u, sizeof ts)) return -EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) return -EINVAL;
    *ns = (u64)ts.sec * 1000000000 + (u64)ts.nsec;
    return 0;
}

/* Sleeps until the monotonic deadline; -EINTR (with the time left in rmtp) if a signal came. */
static long sleep_until(u64 deadline, uaddr_t rmtp) {
    struct wait_queue q = WAIT_QUEUE_INIT;               /* nobody wakes it: only the deadline or a signal */
    if (waitq_sleep(&q, waitq_never, NULL, deadline, true) == -ETIMEDOUT) return 0;
    if (rmtp) {
        u64 now = clock_monotonic_ns(), left = deadline > now ? deadline - now : 0;
        struct ktimespec ts = { (s64)(left / 1000000000), (s64)(left % 1000000000) };
        if (copy_to_user(rmtp, &ts, sizeof ts)) return -EFAULT;
    }
    return -EINTR;
}

long sys_nanosleep(uaddr_t rqtp, uaddr_t rmtp) {
    u64 ns;
    long r = read_ts(rqtp, &ns);
    if (r) return r;
    return sleep_until(clock_monotonic_ns() + ns, rmtp);
}

long sys_clock_nanosleep(clockid_t clk, int flags, uaddr_t rqtp, uaddr_t rmtp) {
    u64 ns, now;
    if (clk == CLOCK_THREAD_CPUTIME_ID) return -EOPNOTSUPP;     /* Linux: not a sleepable clock */
    long r = clock_now(clk, &now);
    if (r) return r == -EINVAL ? -EINVAL : r;
    if ((r = read_ts(rqtp, &ns))) return r;
    u64 mono = clock_monotonic_ns();
    u64 deadline;
    if (flags & TIMER_ABSTIME) deadline = ns > now ? mono + (ns - now) : mono;
    else deadline = mono + ns;
    return sleep_until(deadline, (flags & TIMER_ABSTIME) ? 0 : rmtp);
}
