/* svc floor: page tables, calibration and output for start.S. Prints "floor: start", then three
 * JSON lines {"bench":"svc_floor","ns_per_op":X,"iters":N} (one timed run of at least ~0.3 s each)
 * and "floor: done", then powers off. Freestanding: no libc, no FP. */
typedef unsigned long u64;
typedef unsigned int u32;

u64 l1_table[512] __attribute__((aligned(4096)));
u64 l2_table[512] __attribute__((aligned(4096)));
u64 el0_loop_ticks(u64 n);

#define UART 0x09000000UL
#define PTE_VALID   (1UL << 0)
#define PTE_TABLE   (1UL << 1)
#define PTE_ATTR(i) ((u64)(i) << 2)
#define PTE_AP_EL0  (1UL << 6)          /* AP[1]: EL0 access */
#define PTE_AP_RO   (1UL << 7)          /* AP[2]: read-only */
#define PTE_SH_IN   (3UL << 8)
#define PTE_AF      (1UL << 10)
#define PTE_PXN     (1UL << 53)
#define PTE_UXN     (1UL << 54)

void build_tables(void) {
    /* 0-1 GiB: devices (the UART), EL1 only. 1-2 GiB: RAM in 2 MiB blocks, EL1 only, except the
     * block at 0x40600000 holding the EL0 loop: read-only for both, executable at EL0. */
    l1_table[0] = 0x0UL | PTE_VALID | PTE_ATTR(0) | PTE_AF | PTE_PXN | PTE_UXN;
    l1_table[1] = (u64)l2_table | PTE_VALID | PTE_TABLE;
    for (u64 i = 0; i < 512; i++) {
        u64 pa = 0x40000000UL + (i << 21);
        u64 e = pa | PTE_VALID | PTE_ATTR(1) | PTE_SH_IN | PTE_AF;
        if (pa == 0x40600000UL) e |= PTE_AP_EL0 | PTE_AP_RO | PTE_PXN;
        else e |= PTE_UXN;
        l2_table[i] = e;
    }
    __asm__ volatile("dsb ish" ::: "memory");
}

static void putc_(char c) {
    volatile u32 *dr = (volatile u32 *)UART, *fr = (volatile u32 *)(UART + 0x18);
    while (*fr & (1 << 5)) {}
    *dr = (u32)c;
}
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void putu(u64 v) {
    char b[24];
    int i = 0;
    do { b[i++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (i) putc_(b[--i]);
}

void floor_main(void) {
    u64 freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    puts_("floor: start\n");
    u64 budget = freq / 10 * 3;            /* 0.3 s of counter ticks */
    u64 n = 1000;
    for (int rep = 0; rep < 3;) {
        u64 t = el0_loop_ticks(n);
        if (t < budget) {
            u64 want = t ? n * (budget + budget / 8) / t : n * 100;
            n = want > n * 100 ? n * 100 : want < n * 2 ? n * 2 : want;
            continue;
        }
        /* tenths of a nanosecond per svc; t * 1e10 fits in 64 bits for t < 1.8e9 ticks */
        u64 tenths = t * 10000000000UL / freq / n;
        puts_("{\"bench\":\"svc_floor\",\"ns_per_op\":");
        putu(tenths / 10);
        putc_('.');
        putu(tenths % 10);
        puts_(",\"iters\":");
        putu(n);
        puts_(",\"ticks\":");
        putu(t);
        puts_(",\"cntfrq\":");
        putu(freq);
        puts_("}\n");
        rep++;
    }
    puts_("floor: done\n");
}
