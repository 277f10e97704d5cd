/* The generic timer: CNTVCT_EL0 is the clock; the EL1 virtual timer (PPI 27) gives the scheduler
 * tick and timed wakeups. Realtime = the PL031 RTC's seconds at boot + the counter since then. */
#include "lib/time.h"
#include "arch/arm64/irq.h"
#include "lib/fdt.h"
#include "mm/page.h"
#include "proc/sched.h"
#include "arch/arm64/cpu.h"
#include "arch/arm64/vdso.h"
#include "init/bootargs.h"
void profile_sample(void);

#define HZ 100
static u64 freq, boot_count, boot_realtime_ns, tick_cycles;
static u64 mult_ns_q32;   /* ns per count, as a 32.32 fixed-point number */

static inline u64 counter(void) {
    u64 v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
}

u64 clock_monotonic_ns(void) {
    u64 c = counter() - boot_count;
    /* c * mult / 2^32 without overflow for ~ 2^32 s */
    return (u64)(((__uint128_t)c * mult_ns_q32) >> 32);
}

u64 clock_realtime_ns(void) { return boot_realtime_ns + clock_monotonic_ns(); }

static void program_next(void) {
    u64 now = counter();
    u64 next = now + tick_cycles;
    u64 dl = sched_next_deadline_ns();
    if (dl) {
        u64 dl_count = boot_count + (u64)(((__uint128_t)dl << 32) / mult_ns_q32) + 1;
        if (dl_count < next) next = dl_count > now ? dl_count : now + 1;
    }
    __asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb" :: "r"(next), "r"(1UL));
}

u64 timer_irq_count;
static void timer_irq(void) {
    timer_irq_count++;
    if (bootargs.profile) profile_sample();
    sched_tick(clock_monotonic_ns());
    program_next();
}

void timer_reprogram(void) { program_next(); }

void timer_vdso_params(struct vdso_data *d) {
    d->boot_count = boot_count;
    d->mult_q32 = mult_ns_q32;
    d->boot_realtime_ns = boot_realtime_ns;
}

void timer_init(const void *fdt) {
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    boot_count = counter();
    mult_ns_q32 = (u64)(((__uint128_t)1000000000 << 32) / freq);
    tick_cycles = freq / (bootargs.profile ? 2000 : HZ);    /* lv.profile samples at 2 kHz */
    u32 len;
    const u8 *reg = fdt_getprop(fdt, NULL, "arm,pl031", "reg", &len);
    if (reg) {
        volatile u32 *rtc = phys_to_virt(fdt64(reg));
        boot_realtime_ns = (u64)rtc[0] * 1000000000ULL;
    }
    /* EL0 may read the virtual counter directly (CNTKCTL_EL1.EL0VCTEN), and, as on Linux, the
     * counter drives a ~10 kHz event stream (EVNTEN, EVNTI) that bounds WFE waits: HWCAP_EVTSTRM. */
    u64 div = freq / 10000;
    int pos = 64 - __builtin_clzl(div);                   /* fls() */
    if (pos > 1 && !(div & (1UL << (pos - 2)))) pos--;
    if (pos > 15) pos = 15;
    __asm__ volatile("msr cntkctl_el1, %0" :: "r"(2UL | (1UL << 2) | ((u64)pos << 4)));
    cpu_set_evtstrm();
    irq_register(27, timer_irq, true);
    program_next();
}
