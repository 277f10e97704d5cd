/* Exception vectors and the kernel entry/exit path. On entry from EL0 the full user register
 * frame (struct trap_frame, arch/arm64/trap.h) is pushed at the top of the task's kernel stack;
 * exactly what rt_sigreturn and ptrace need, no more. */
#include "arch/arm64/trap.h"

    .macro save_frame el
    sub     sp, sp, #TF_SIZE
    stp     x0, x1, [sp, #16 * 0]
    stp     x2, x3, [sp, #16 * 1]
    stp     x4, x5, [sp, #16 * 2]
    stp     x6, x7, [sp, #16 * 3]
    stp     x8, x9, [sp, #16 * 4]
    stp     x10, x11, [sp, #16 * 5]
    stp     x12, x13, [sp, #16 * 6]
    stp     x14, x15, [sp, #16 * 7]
    stp     x16, x17, [sp, #16 * 8]
    stp     x18, x19, [sp, #16 * 9]
    stp     x20, x21, [sp, #16 * 10]
    stp     x22, x23, [sp, #16 * 11]
    stp     x24, x25, [sp, #16 * 12]
    stp     x26, x27, [sp, #16 * 13]
    stp     x28, x29, [sp, #16 * 14]
    .if \el == 0
    mrs     x21, sp_el0
    .else
    add     x21, sp, #TF_SIZE
    .endif
    mrs     x22, elr_el1
    mrs     x23, spsr_el1
    stp     x30, x21, [sp, #16 * 15]
    stp     x22, x23, [sp, #TF_PC]
    mov     x0, #-1
    str     x0, [sp, #TF_SYSCALLNO]
    .endm

    .macro restore_frame el
    ldp     x22, x23, [sp, #TF_PC]
    ldp     x30, x21, [sp, #16 * 15]
    .if \el == 0
    msr     sp_el0, x21
    .endif
    msr     elr_el1, x22
    msr     spsr_el1, x23
    ldp     x0, x1, [sp, #16 * 0]
    ldp     x2, x3, [sp, #16 * 1]
    ldp     x4, x5, [sp, #16 * 2]
    ldp     x6, x7, [sp, #16 * 3]
    ldp     x8, x9, [sp, #16 * 4]
    ldp     x10, x11, [sp, #16 * 5]
    ldp     x12, x13, [sp, #16 * 6]
    ldp     x14, x15, [sp, #16 * 7]
    ldp     x16, x17, [sp, #16 * 8]
    ldp     x18, x19, [sp, #16 * 9]
    ldp     x20, x21, [sp, #16 * 10]
    ldp     x22, x23, [sp, #16 * 11]
    ldp     x24, x25, [sp, #16 * 12]
    ldp     x26, x27, [sp, #16 * 13]
    ldp     x28, x29, [sp, #16 * 14]
    add     sp, sp, #TF_SIZE
    .endm

    .macro vec label
    .balign 0x80
    b       \label
    .endm

    .text
    .balign 2048
    .global vectors
vectors:
    vec     el1_bad         // EL1t sync
    vec     el1_bad         // EL1t irq
    vec     el1_bad         // EL1t fiq
    vec     el1_bad         // EL1t serror
    vec     el1_sync        // EL1h sync
    vec     el1_irq         // EL1h irq
    vec     el1_bad         // EL1h fiq
    vec     el1_bad         // EL1h serror
    vec     el0_sync        // EL0 AArch64 sync
    vec     el0_irq         // EL0 AArch64 irq
    vec     el0_bad         // EL0 AArch64 fiq
    vec     el0_bad         // EL0 AArch64 serror
    vec     el0_bad         // EL0 AArch32 sync
    vec     el0_bad         // AArch32 irq
    vec     el0_bad         // AArch32 fiq
    vec     el0_bad         // AArch32 serror

el1_sync:
    save_frame 1
    mov     x0, sp
    bl      el1_sync_handler
    restore_frame 1
    eret

el1_irq:
    save_frame 1
    mov     x0, sp
    bl      irq_handler
    restore_frame 1
    eret

el1_bad:
    save_frame 1
    mov     x0, sp
    bl      el1_bad_handler
    b       .

el0_sync:
    save_frame 0
    mov     x0, sp
    bl      el0_sync_handler
    b       ret_to_user

el0_irq:
    save_frame 0
    mov     x0, sp
    bl      irq_handler
    b       ret_to_user

el0_bad:
    save_frame 0
    mov     x0, sp
    bl      el0_bad_handler
    b       ret_to_user

/* Back to EL0: handle pending work (reschedule, signals) with IRQs masked, then restore.
 * sp points at the task's trap frame. */
    .global ret_to_user
ret_to_user:
    msr     daifset, #2
    mov     x0, sp
    bl      prepare_return_to_user
    restore_frame 0
    eret

/* First run of a new task: cpu_switch_to "returns" here with the trap frame at sp. */
    .global ret_from_fork
ret_from_fork:
    bl      schedule_tail
    b       ret_to_user

/* First run of a kernel-started task (init): call x19() in kernel mode, then enter user space
 * through the trap frame it prepared (exec). */
    .global ret_from_kthread
ret_from_kthread:
    bl      schedule_tail
    msr     daifclr, #2
    blr     x19
    b       ret_to_user
