/* The vDSO: clock_gettime, gettimeofday and clock_getres without entering the kernel, as on Linux
 * (glibc and musl look these symbols up under version LINUX_2.6.39). Time is the generic timer's
 * counter scaled with the parameters the kernel publishes in the data page mapped just below this
 * image (struct vdso_data, arch/arm64/vdso.h). Other clocks fall back to the real syscall. */
#include "arch/arm64/vdso.h"

extern const struct vdso_data _vdso_data __attribute__((visibility("hidden")));

struct ts { long sec, nsec; };
struct tv { long sec, usec; };

static inline unsigned long counter(void) {
    unsigned long v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) :: "memory");
    return v;
}

static long syscall2(long nr, long a, long b) {
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory");
    return x0;
}

static unsigned long mono_ns(const struct vdso_data *d) {
    unsigned long c = counter() - d->boot_count;
    return (unsigned long)(((unsigned __int128)c * d->mult_q32) >> 32);
}

#define EXPORT __attribute__((visibility("default")))

EXPORT int __kernel_clock_gettime(int clk, struct ts *t) {
    const struct vdso_data *d = &_vdso_data;
    unsigned long ns;
    switch (clk) {
    case 0: case 5: case 11:            /* REALTIME, REALTIME_COARSE, TAI */
        ns = d->boot_realtime_ns + mono_ns(d);
        break;
    case 1: case 4: case 6: case 7:     /* MONOTONIC, MONOTONIC_RAW, MONOTONIC_COARSE, BOOTTIME */
        ns = mono_ns(d);
        break;
    default:
        return (int)syscall2(113, clk, (long)t);
    }
    t->sec = (long)(ns / 1000000000UL);
    t->nsec = (long)(ns % 1000000000UL);
    return 0;
}

EXPORT int __kernel_gettimeofday(struct tv *tv, void *tz) {
    if (tz) return (int)syscall2(169, (long)tv, (long)tz);
    if (tv) {
        unsigned long ns = _vdso_data.boot_realtime_ns + mono_ns(&_vdso_data);
        tv->sec = (long)(ns / 1000000000UL);
        tv->usec = (long)(ns % 1000000000UL / 1000);
    }
    return 0;
}

EXPORT int __kernel_clock_getres(int clk, struct ts *t) {
    return (int)syscall2(114, clk, (long)t);
}
