/* System call dispatch. syscall/syscall.tbl is the single list of syscalls; tools/gensyscalls.py
 * generates from it build/gen/syscall_decls.h (NR_* numbers, NR_SYSCALLS and the sys_* prototypes
 * of implemented syscalls) and build/gen/syscall_table.c (syscall_table[] below).
 * A syscall handler file includes this header so its definitions are checked against the
 * generated prototypes. */
#pragma once
#include "lib/types.h"
#include "arch/arm64/trap.h"
#include "syscall_decls.h"

/* Every table entry is called through this type with x0..x5; the generated wrappers narrow each
 * register to the handler's parameter types. */
typedef long (*syscall_fn_t)(u64, u64, u64, u64, u64, u64);

/* How the tracer prints an argument (the KIND column of syscall.tbl; same order as ARGKS in
 * tools/gensyscalls.py). */
enum syscall_argk {
    SA_INT, SA_UINT, SA_HEX, SA_PTR, SA_SIZE, SA_FD, SA_DIRFD, SA_PATH, SA_STR, SA_ARGV,
    SA_OFLAGS, SA_ATFLAGS, SA_OCTAL, SA_PROT, SA_MMAPFLAGS, SA_SIGNAL, SA_CLOCKID,
};

/* The RET column: how the result is printed, and whether/when dispatch stores it in x0. */
enum syscall_retk {
    SR_INT, SR_FD, SR_SIZE, SR_HEX, SR_PTR,
    SR_NORETURN,   /* exit, exit_group: traced before the call, as `= ?` */
    SR_EXEC,       /* execve: the address space goes away, so arguments are decoded first */
    SR_FRAME,      /* rt_sigreturn: the handler rewrote the whole frame; x0 is left alone */
};

enum syscall_status { SS_ENOSYS, SS_PARTIAL, SS_DONE };

#define SYSCALL_MAX_ARGS 6

struct syscall_desc {
    const char *name;          /* NULL: no syscall has this number */
    syscall_fn_t fn;           /* NULL: not implemented -> -ENOSYS */
    u8 nargs;
    u8 retk;                   /* enum syscall_retk */
    u8 status;                 /* enum syscall_status */
    u8 narrow;                 /* bit i: argument i is a 32-bit C type (use the low 32 bits) */
    u8 argk[SYSCALL_MAX_ARGS]; /* enum syscall_argk */
    const char *argn[SYSCALL_MAX_ARGS];
};

extern const struct syscall_desc syscall_table[NR_SYSCALLS];

/* Called by the EL0 synchronous exception handler for SVC: runs syscall x8 with x0..x5 and
 * stores the result in x0 (except for SR_FRAME syscalls). */
void syscall_dispatch(struct trap_frame *tf);

/* strace-like log of every syscall to the kernel log (syscall/trace.c). */
extern bool syscall_trace_enabled;
