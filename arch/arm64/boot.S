/* Entry from QEMU's Linux-style boot: x0 = physical address of the device tree, MMU off,
 * at EL2 or EL1. We drop to EL1, build the boot page tables (one 1 GiB-block table serving as
 * both the identity map in TTBR0 and the kernel's linear map in TTBR1), turn the MMU on and jump
 * to the kernel's high addresses. */
#include "arch/arm64/sysregs.h"

    .section .text.head, "ax"
    .global _head
_head:
    /* arm64 Linux Image header (Documentation/arm64/booting.rst): QEMU loads -initrd for it. */
    b       primary_entry           // code0
    .long   0                       // code1
    .quad   0x80000                 // text_offset: loaded at RAM base + 0x80000
    .quad   _kernel_end - _head     // image_size (includes bss)
    .quad   0x2                     // flags: little endian, 4K pages
    .quad   0, 0, 0
    .ascii  "ARM\x64"               // magic
    .long   0

    .section .text.boot, "ax"
primary_entry:
    mov     x21, x0                 // keep the DTB address
    mrs     x1, CurrentEL
    lsr     x1, x1, #2
    cmp     x1, #2
    b.ne    at_el1
    /* EL2 -> EL1: AArch64 EL1, EL1 may use the timers, no traps of FP. */
    mov     x1, #(1 << 31)          // HCR_EL2.RW
    msr     hcr_el2, x1
    mrs     x1, cnthctl_el2
    orr     x1, x1, #3              // EL1PCTEN | EL1PCEN
    msr     cnthctl_el2, x1
    msr     cntvoff_el2, xzr
    mov     x1, #0x33ff
    msr     cptr_el2, x1
    msr     hstr_el2, xzr
    mov     x1, #0x3c5              // EL1h, DAIF masked
    msr     spsr_el2, x1
    adr     x1, at_el1
    msr     elr_el2, x1
    eret
at_el1:
    msr     daifset, #0xf
    mov     x1, #(3 << 20)          // CPACR_EL1.FPEN: FP/SIMD usable at EL0 and EL1
    msr     cpacr_el1, x1
    isb

    /* Clear .bss (physical addresses: MMU is off). */
    adrp    x1, _bss_start
    add     x1, x1, :lo12:_bss_start
    adrp    x2, _bss_end
    add     x2, x2, :lo12:_bss_end
1:  cmp     x1, x2
    b.hs    2f
    stp     xzr, xzr, [x1], #16
    b       1b
2:
    /* Boot tables: L0[0] -> L1; L1[i] = 1 GiB block at i GiB for i in 0..3 (0: devices).
     * TTBR0 (identity, dropped in kmain) and TTBR1 (kernel) have their own L0, sharing the L1. */
    adrp    x1, boot_l0
    adrp    x2, boot_l1
    orr     x3, x2, #3              // table descriptor
    str     x3, [x1]
    adrp    x1, kernel_l0
    str     x3, [x1]
    ldr     x3, =PTE_BLOCK_DEVICE
    str     x3, [x2]
    ldr     x4, =PTE_BLOCK_NORMAL
    mov     x5, #1
3:  lsl     x6, x5, #30
    orr     x6, x6, x4
    str     x6, [x2, x5, lsl #3]
    add     x5, x5, #1
    cmp     x5, #4
    b.ne    3b

    ldr     x1, =MAIR_VALUE
    msr     mair_el1, x1
    /* TCR: 48-bit VAs in both halves, 4K granule, write-back inner-shareable walks, 16-bit ASIDs,
     * IPS from the CPU's PARange. */
    ldr     x1, =TCR_VALUE
    mrs     x2, id_aa64mmfr0_el1
    and     x2, x2, #0x7
    bfi     x1, x2, #32, #3
    msr     tcr_el1, x1
    adrp    x1, boot_l0
    msr     ttbr0_el1, x1
    adrp    x1, kernel_l0
    msr     ttbr1_el1, x1
    tlbi    vmalle1
    dsb     nsh
    isb
    ldr     x1, =SCTLR_VALUE
    msr     sctlr_el1, x1
    isb
    ldr     x1, =high_entry
    br      x1

high_entry:
    ldr     x1, =boot_stack_top
    mov     sp, x1
    ldr     x1, =vectors
    msr     vbar_el1, x1
    isb
    mov     x0, x21
    mov     x29, xzr
    mov     x30, xzr
    bl      kmain
4:  wfi
    b       4b

    .bss
    .balign 4096
    .global boot_l0, boot_l1, kernel_l0
boot_l0: .space 4096
kernel_l0: .space 4096
boot_l1: .space 4096
    .balign 16
    .global boot_stack_top
boot_stack: .space 16384
boot_stack_top:
