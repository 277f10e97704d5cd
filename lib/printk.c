/* Kernel log sink: the serial console (with \r\n), or the semihosting console in runner mode so
 * that the program's own output on the serial port stays byte-exact. `quiet` silences the console. */
#include "lib/printk.h"
#include "lib/spinlock.h"
#include "drivers/pl011.h"
#include "arch/arm64/semihost.h"
#include "init/bootargs.h"

static spinlock_t log_lock = SPINLOCK_INIT;

static void emit(const char *buf, bool force) {
    if (bootargs.klog_semihost) {
        semihost_write0(buf);
        return;
    }
    if (bootargs.quiet && !force) return;
    for (const char *p = buf; *p; p++) {
        if (*p == '\n') pl011_putc('\r');
        pl011_putc(*p);
    }
}

static void vlog(bool force, const char *fmt, va_list ap) {
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    u64 f = spin_lock_irqsave(&log_lock);
    emit(buf, force);
    spin_unlock_irqrestore(&log_lock, f);
}

void printk(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vlog(false, fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...) {
    va_list ap;
    irq_disable();
    emit("\nlevitate: kernel panic: ", true);
    va_start(ap, fmt);
    vlog(true, fmt, ap);
    va_end(ap);
    emit("\n", true);
    if (bootargs.exit_semihost) semihost_exit(255);
    for (;;) __asm__ volatile("wfi");
}
