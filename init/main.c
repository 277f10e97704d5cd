/* kmain: from the device tree to PID 1.
 *   1. read the device tree (RAM, command line, initrd, devices)
 *   2. console, page allocator, drop the boot identity map
 *   3. interrupt controller, timer, random seed
 *   4. VFS: tmpfs root, /dev, unpack the initramfs
 *   5. start init and become the idle task */
#include "lib/fdt.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "lib/time.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "arch/arm64/irq.h"
#include "arch/arm64/cpu.h"
#include "arch/arm64/vdso.h"
#include "drivers/pl011.h"
#include "fs/vfs.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/process.h"
#include "init/bootargs.h"
#include "syscall/syscall.h"

extern char _kernel_start[], _kernel_end[];
extern u64 boot_l0[];
void timer_init(const void *fdt);
void random_init(const void *seed, size_t len);
void tty_init(void);

static struct task boot_task;     /* becomes the idle task */

void kmain(paddr_t dtb_pa) {
    __asm__ volatile("msr tpidr_el1, %0" :: "r"(&boot_task));
    strlcpy(boot_task.comm, "idle", TASK_COMM_LEN);
    boot_task.state = TASK_RUNNABLE;
    const void *fdt = phys_to_virt(dtb_pa);
    if (!fdt_valid(fdt)) { fdt = phys_to_virt(0x40000000); dtb_pa = 0x40000000; }
    u32 len;
    const char *cmdline = fdt_getprop(fdt, "/chosen", NULL, "bootargs", &len);
    bootargs_parse(cmdline);
    syscall_trace_enabled = bootargs.strace;

    const u8 *reg = fdt_getprop(fdt, NULL, "arm,pl011", "reg", &len);
    const u8 *irqs = fdt_getprop(fdt, NULL, "arm,pl011", "interrupts", &len);
    int uart_irq = irqs ? 32 + (int)fdt32(irqs + 4) : -1;
    pl011_init(reg ? fdt64(reg) : 0x09000000, uart_irq);
    u64 t0 = 0;
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(t0));

    reg = fdt_getprop_prefix(fdt, "memory@", "reg", &len);
    if (!reg) panic("no memory node in the device tree");
    paddr_t ram = fdt64(reg);
    u64 ram_size = fdt64(reg + 8);
    page_alloc_init(ram, ram_size);
    page_reserve(virt_to_phys(_kernel_start), virt_to_phys(_kernel_end));
    page_reserve(dtb_pa, dtb_pa + fdt_totalsize(fdt));
    const u8 *ird_s = fdt_getprop(fdt, "/chosen", NULL, "linux,initrd-start", &len);
    u32 len_s = len;
    const u8 *ird_e = fdt_getprop(fdt, "/chosen", NULL, "linux,initrd-end", &len);
    paddr_t initrd = 0, initrd_end = 0;
    if (ird_s && ird_e) {
        initrd = len_s == 8 ? fdt64(ird_s) : fdt32(ird_s);
        initrd_end = len == 8 ? fdt64(ird_e) : fdt32(ird_e);
        page_reserve(initrd, initrd_end);
    }
    page_alloc_ready();
    /* The identity map is no longer needed: user space owns TTBR0 from now on. */
    boot_l0[0] = 0;
    __asm__ volatile("dsb ishst; tlbi vmalle1; dsb ish; isb" ::: "memory");

    printk("levitate: %lu MiB RAM, %lu pages free, initrd %lu KiB\n", ram_size >> 20,
           nr_free_pages(), (initrd_end - initrd) >> 10);
    cpu_features_init();
    const u8 *seed = fdt_getprop(fdt, "/chosen", NULL, "rng-seed", &len);
    random_init(seed, seed ? len : 0);
    gic_init(fdt);
    timer_init(fdt);
    vdso_init();
    if (uart_irq >= 0) irq_register(uart_irq, pl011_handle_irq, true);

    sched_init(&boot_task);
    vfs_init();
    tty_init();
    if (initrd) {
        u64 t_unpack = clock_monotonic_ns();
        int r = initramfs_unpack(phys_to_virt(initrd), initrd_end - initrd);
        printk("levitate: initramfs unpacked in %lu us\n", (clock_monotonic_ns() - t_unpack) / 1000);
        if (r) printk("levitate: initramfs: error %d\n", r);
        for (paddr_t p = ALIGN_UP(initrd, PAGE_SIZE); p + PAGE_SIZE <= initrd_end; p += PAGE_SIZE) page_free(p, 0);
    }
    printk("levitate: boot done in %lu us, %lu pages free\n", clock_monotonic_ns() / 1000, nr_free_pages());
    start_init();
    irq_enable();
    idle_loop();
}
