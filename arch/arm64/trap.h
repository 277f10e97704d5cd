/* The user register frame saved on every entry from EL0 (arch/arm64/entry.S), at the top of the
 * task's kernel stack. Same order as Linux's struct pt_regs so rt_sigreturn/ptrace map 1:1.
 * Offsets are used by entry.S: keep TF_* in sync (checked by _Static_assert in arch/arm64/trap.c). */
#pragma once
#ifndef __ASSEMBLY__
#include "lib/types.h"

struct trap_frame {
    u64 regs[31];      /* x0..x30 */
    u64 sp;            /* SP_EL0 */
    u64 pc;            /* ELR_EL1 */
    u64 pstate;        /* SPSR_EL1 */
    u64 orig_x0;       /* x0 at syscall entry (x0 is overwritten by the result) */
    u64 syscallno;     /* x8 at syscall entry, or ~0 when not in a syscall */
};
#endif
#define TF_SIZE     (36 * 8)
#define TF_SP       (31 * 8)
#define TF_PC       (32 * 8)
#define TF_PSTATE   (33 * 8)
#define TF_ORIG_X0  (34 * 8)
#define TF_SYSCALLNO (35 * 8)
