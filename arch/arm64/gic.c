/* Generic Interrupt Controller: v2 (memory-mapped CPU interface) or v3 (system-register CPU
 * interface + redistributors), whichever the device tree describes. Only CPU 0 for now; SPIs are
 * routed to it. */
#include "arch/arm64/irq.h"
#include "arch/arm64/trap.h"
#include "lib/fdt.h"
#include "lib/printk.h"
#include "mm/page.h"

#define GICD_CTLR       0x000
#define GICD_IGROUPR    0x080
#define GICD_ISENABLER  0x100
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR  0x800
#define GICD_ICFGR      0xc00
#define GICD_IROUTER    0x6000
#define GICC_CTLR 0x00
#define GICC_PMR  0x04
#define GICC_IAR  0x0c
#define GICC_EOIR 0x10
#define GICR_WAKER 0x14
#define GICR_SGI   0x10000

static volatile u8 *gicd, *gicc, *gicr;
static int version;
#define NR_IRQS 256
static irq_handler_t handlers[NR_IRQS];

static inline void w32(volatile u8 *b, u32 off, u32 v) { *(volatile u32 *)(b + off) = v; }
static inline u32 r32(volatile u8 *b, u32 off) { return *(volatile u32 *)(b + off); }

int gic_version(void) { return version; }

void gic_init(const void *fdt) {
    u32 len;
    const u8 *reg = fdt_getprop(fdt, NULL, "arm,gic-v3", "reg", &len);
    if (reg) {
        version = 3;
        gicd = phys_to_virt(fdt64(reg));
        gicr = phys_to_virt(fdt64(reg + 16));
    } else {
        reg = fdt_getprop(fdt, NULL, "arm,cortex-a15-gic", "reg", &len);
        if (!reg) reg = fdt_getprop(fdt, NULL, "arm,gic-400", "reg", &len);
        if (!reg) panic("no GIC in the device tree");
        version = 2;
        gicd = phys_to_virt(fdt64(reg));
        gicc = phys_to_virt(fdt64(reg + 16));
    }
    if (version == 2) {
        w32(gicd, GICD_CTLR, 1);
        w32(gicc, GICC_PMR, 0xff);
        w32(gicc, GICC_CTLR, 1);
    } else {
        w32(gicd, GICD_CTLR, (1 << 4) | (1 << 1) | 1);          /* ARE, EnableGrp1, EnableGrp0 */
        w32(gicr, GICR_WAKER, r32(gicr, GICR_WAKER) & ~2u);    /* wake this CPU's redistributor */
        while (r32(gicr, GICR_WAKER) & 4) { }
        w32(gicr + GICR_SGI, GICD_IGROUPR, 0xffffffff);        /* SGIs/PPIs in group 1 */
        u64 sre;
        __asm__ volatile("mrs %0, icc_sre_el1" : "=r"(sre));
        __asm__ volatile("msr icc_sre_el1, %0; isb" :: "r"(sre | 1));
        __asm__ volatile("msr icc_pmr_el1, %0" :: "r"(0xffUL));
        __asm__ volatile("msr icc_igrpen1_el1, %0; isb" :: "r"(1UL));
    }
}

void irq_register(int id, irq_handler_t h, bool level) {
    if (id < 0 || id >= NR_IRQS) return;
    handlers[id] = h;
    if (id < 32 && version == 3) {
        volatile u8 *sgi = gicr + GICR_SGI;
        *(volatile u8 *)(sgi + GICD_IPRIORITYR + id) = 0xa0;
        w32(sgi, GICD_ISENABLER, 1u << id);
        return;
    }
    *(volatile u8 *)(gicd + GICD_IPRIORITYR + id) = 0xa0;
    if (id >= 32) {
        u32 cfg = r32(gicd, GICD_ICFGR + (id / 16) * 4);
        u32 shift = (id % 16) * 2 + 1;
        cfg = level ? cfg & ~(1u << shift) : cfg | (1u << shift);
        w32(gicd, GICD_ICFGR + (id / 16) * 4, cfg);
        if (version == 2) *(volatile u8 *)(gicd + GICD_ITARGETSR + id) = 1;
        else {
            w32(gicd, GICD_IGROUPR + (id / 32) * 4, r32(gicd, GICD_IGROUPR + (id / 32) * 4) | (1u << (id % 32)));
            *(volatile u64 *)(gicd + GICD_IROUTER + 8 * id) = 0;
        }
    }
    w32(gicd, GICD_ISENABLER + (id / 32) * 4, 1u << (id % 32));
}

struct trap_frame *irq_regs;        /* the interrupted context, for the sampling profiler */

void irq_handler(struct trap_frame *tf) {
    irq_regs = tf;
    for (;;) {
        u32 iar;
        if (version == 2) iar = r32(gicc, GICC_IAR);
        else { u64 v; __asm__ volatile("mrs %0, icc_iar1_el1" : "=r"(v)); iar = (u32)v; }
        u32 id = iar & 0xffffff;
        if (id >= 1020) break;                      /* spurious: nothing pending */
        if (id < NR_IRQS && handlers[id]) handlers[id]();
        if (version == 2) w32(gicc, GICC_EOIR, iar);
        else __asm__ volatile("msr icc_eoir1_el1, %0; isb" :: "r"((u64)iar));
    }
}
