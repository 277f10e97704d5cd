/* svc floor (issue 6): the cheapest possible system call on this QEMU. EL1 sets up an identity
 * map (MMU and caches on, as a real kernel runs), a vector table whose lower-EL synchronous entry
 * is `cbz x8, done; eret`, and drops to an EL0 loop that does `mov x8, #1; svc #0` N times. The
 * counter (CNTVCT_EL0) is read at EL1 before the first eret and after the final svc (x8 = 0). */

    .section .text.start, "ax"
    .global _start
_start:
    msr     daifset, #0xf
    ldr     x0, =_stack_top
    mov     sp, x0
    ldr     x0, =_bss_start             // clear .bss (page tables live there)
    ldr     x1, =_bss_end
1:  cmp     x0, x1
    b.hs    2f
    stp     xzr, xzr, [x0], #16
    b       1b
2:  ldr     x0, =vectors
    msr     vbar_el1, x0
    bl      build_tables                // C: fills l1_table/l2_table
    ldr     x0, =0xff00                 // MAIR: attr0 device nGnRnE, attr1 normal WB
    msr     mair_el1, x0
    // TCR: T0SZ=25 (39-bit VA, walk starts at level 1), IRGN0/ORGN0=WBWA, SH0=inner, TG0=4K,
    // EPD1=1 (no TTBR1 walks), IPS=40 bits
    ldr     x0, =(25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32))
    msr     tcr_el1, x0
    ldr     x0, =l1_table
    msr     ttbr0_el1, x0
    isb
    tlbi    vmalle1
    dsb     ish
    isb
    ldr     x0, =(0x30d00800 | (1 << 0) | (1 << 2) | (1 << 12))   // RES1 bits + M, C, I
    msr     sctlr_el1, x0
    isb
    bl      floor_main
    ldr     x0, =0x84000008             // PSCI SYSTEM_OFF
    hvc     #0
3:  wfi
    b       3b

/* u64 el0_loop_ticks(u64 n): runs the EL0 loop n times; returns the elapsed counter ticks. */
    .text
    .global el0_loop_ticks
el0_loop_ticks:
    stp     x29, x30, [sp, #-32]!
    stp     x19, x20, [sp, #16]
    mov     x19, x0                     // the loop count, in a register EL0 keeps
    ldr     x9, =el0_loop
    msr     elr_el1, x9
    mov     x9, #0x3c0                  // EL0t, DAIF masked
    msr     spsr_el1, x9
    isb
    mrs     x20, cntvct_el0
    eret
el0_done:                               // reached from the vector at EL1, SP_EL1 unchanged
    isb
    mrs     x0, cntvct_el0
    sub     x0, x0, x20
    ldp     x19, x20, [sp, #16]
    ldp     x29, x30, [sp], #32
    ret

    .balign 2048
vectors:
    .rept 8                             // current EL: not expected
    .balign 0x80
    b       .
    .endr
    .balign 0x80                        // lower EL, AArch64, synchronous: the svc
    cbz     x8, el0_done
    eret
    .rept 7
    .balign 0x80
    b       .
    .endr

    .section .user, "ax"
el0_loop:
1:  mov     x8, #1
    svc     #0
    subs    x19, x19, #1
    b.ne    1b
    mov     x8, #0
    svc     #0
    b       .
