#include "arch/arm64/cpu.h"

/* HWCAP bit numbers from Linux's arch/arm64/include/uapi/asm/hwcap.h. */
#define HWCAP_FP      (1UL << 0)
#define HWCAP_ASIMD   (1UL << 1)
#define HWCAP_EVTSTRM (1UL << 2)
#define HWCAP_AES     (1UL << 3)
#define HWCAP_PMULL   (1UL << 4)
#define HWCAP_SHA1    (1UL << 5)
#define HWCAP_SHA2    (1UL << 6)
#define HWCAP_CRC32   (1UL << 7)
#define HWCAP_ATOMICS (1UL << 8)
#define HWCAP_FPHP    (1UL << 9)
#define HWCAP_ASIMDHP (1UL << 10)
#define HWCAP_CPUID   (1UL << 11)

static u64 hwcap, hwcap2;

static unsigned field(u64 reg, int shift) { return (reg >> shift) & 0xf; }

void cpu_features_init(void) {
    u64 isar0, pfr0;
    __asm__("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    __asm__("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
    unsigned fp = field(pfr0, 16), simd = field(pfr0, 20);
    if (fp != 0xf) { hwcap |= HWCAP_FP; if (fp == 1) hwcap |= HWCAP_FPHP; }
    if (simd != 0xf) { hwcap |= HWCAP_ASIMD; if (simd == 1) hwcap |= HWCAP_ASIMDHP; }
    unsigned aes = field(isar0, 4);
    if (aes >= 1) hwcap |= HWCAP_AES;
    if (aes >= 2) hwcap |= HWCAP_PMULL;
    if (field(isar0, 8) >= 1) hwcap |= HWCAP_SHA1;
    if (field(isar0, 12) >= 1) hwcap |= HWCAP_SHA2;
    if (field(isar0, 16) >= 1) hwcap |= HWCAP_CRC32;
    if (field(isar0, 20) >= 2) hwcap |= HWCAP_ATOMICS;
    hwcap |= HWCAP_CPUID;            /* ID register reads from EL0 are emulated (arch/arm64/trap.c) */
}

u64 cpu_hwcap(void) { return hwcap; }
void cpu_set_evtstrm(void) { hwcap |= HWCAP_EVTSTRM; }
u64 cpu_hwcap2(void) { return hwcap2; }

void cpu_poweroff(void) {
    register u64 x0 __asm__("x0") = 0x84000008;    /* PSCI SYSTEM_OFF */
    __asm__ volatile("hvc #0" : "+r"(x0) :: "memory");
    for (;;) __asm__ volatile("wfi");
}
