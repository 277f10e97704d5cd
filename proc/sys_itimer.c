/* setitimer/getitimer (and so alarm()): ITIMER_REAL sends SIGALRM to the process when it expires,
 * then re-arms with the interval. ITIMER_VIRTUAL and ITIMER_PROF would count CPU time, which
 * Levitate does not account yet: they are accepted and reported but never fire (partial). */
#include "syscall/syscall.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "proc/ktimer.h"
#include "mm/uaccess.h"
#include "lib/time.h"
#include "uapi/errno.h"
#include "uapi/time.h"
#include "uapi/signal.h"

static void real_expired(struct ktimer *t) {
    struct process *p = container_of(t, struct process, itimer_real);
    send_signal_process(p, SIGALRM);
    if (p->itimer_interval_ns) ktimer_arm(t, clock_monotonic_ns() + p->itimer_interval_ns);
}

static void ns_to_tv(u64 ns, struct linux_timeval *tv) {
    tv->tv_sec = (long)(ns / 1000000000);
    tv->tv_usec = (long)(ns % 1000000000 / 1000);
}

static void get(struct process *p, int which, struct linux_itimerval *v) {
    u64 left = 0, interval = 0;
    if (which == ITIMER_REAL) {
        u64 now = clock_monotonic_ns(), dl = p->itimer_real.deadline_ns;
        left = dl > now ? dl - now : (dl ? 1000 : 0);
        interval = p->itimer_interval_ns;
    } else {
        left = p->itimer_other[which - 1][0];
        interval = p->itimer_other[which - 1][1];
    }
    ns_to_tv(interval, &v->it_interval);
    ns_to_tv(left, &v->it_value);
}

long sys_getitimer(int which, uaddr_t value) {
    if (which < ITIMER_REAL || which > ITIMER_PROF) return -EINVAL;
    struct linux_itimerval v;
    get(current->proc, which, &v);
    return copy_to_user(value, &v, sizeof v) ? -EFAULT : 0;
}

static long tv_ns(const struct linux_timeval *tv, u64 *ns) {
    if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000) return -EINVAL;
    *ns = (u64)tv->tv_sec * 1000000000 + (u64)tv->tv_usec * 1000;
    return 0;
}

long sys_setitimer(int which, uaddr_t value, uaddr_t ovalue) {
    if (which < ITIMER_REAL || which > ITIMER_PROF) return -EINVAL;
    struct process *p = current->proc;
    struct linux_itimerval nv, ov;
    u64 v_ns = 0, i_ns = 0;
    if (value) {                                   /* Linux treats NULL as disarming */
        if (copy_from_user(&nv, value, sizeof nv)) return -EFAULT;
        long r = tv_ns(&nv.it_value, &v_ns);
        if (!r) r = tv_ns(&nv.it_interval, &i_ns);
        if (r) return r;
    }
    get(p, which, &ov);
    if (ovalue && copy_to_user(ovalue, &ov, sizeof ov)) return -EFAULT;
    if (which == ITIMER_REAL) {
        p->itimer_real.fn = real_expired;
        p->itimer_interval_ns = i_ns;
        ktimer_arm(&p->itimer_real, v_ns ? clock_monotonic_ns() + v_ns : 0);
    } else {
        p->itimer_other[which - 1][0] = v_ns;
        p->itimer_other[which - 1][1] = i_ns;
    }
    return 0;
}
