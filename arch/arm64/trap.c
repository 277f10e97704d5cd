/* Synchronous exceptions: system calls, page faults, and the faults that become signals. */
#include "arch/arm64/trap.h"
#include "mm/vm.h"
#include "proc/task.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/process.h"
#include "syscall/syscall.h"
#include "lib/printk.h"
#include "lib/spinlock.h"

_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, pc) == TF_PC, "trap frame layout");
_Static_assert(offsetof(struct trap_frame, syscallno) == TF_SYSCALLNO, "trap frame layout");

#define EC_UNKNOWN   0x00
#define EC_SVC64     0x15
#define EC_SYSREG    0x18
#define EC_IABT_LOW  0x20
#define EC_PC_ALIGN  0x22
#define EC_DABT_LOW  0x24
#define EC_SP_ALIGN  0x26
#define EC_BRK64     0x3c

#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGSEGV 11

static u64 read_esr(void) { u64 v; __asm__ volatile("mrs %0, esr_el1" : "=r"(v)); return v; }
static u64 read_far(void) { u64 v; __asm__ volatile("mrs %0, far_el1" : "=r"(v)); return v; }

static void user_abort(struct trap_frame *tf, u64 esr, u64 far, bool instr) {
    unsigned fsc = esr & 0x3f;
    int access = instr ? ACCESS_EXEC : ((esr & (1 << 6)) ? ACCESS_WRITE : ACCESS_READ);
    /* translation (0b0001xx), access flag (0b0010xx) and permission (0b0011xx) faults */
    if (fsc >= 0x04 && fsc <= 0x0f && current->mm) {
        irq_enable();
        if (mm_fault(current->mm, far, access) == 0) return;
        force_sig(SIGSEGV);
        return;
    }
    if (fsc == 0x21) { force_sig(SIGBUS); return; }      /* alignment fault */
    force_sig(SIGSEGV);
}

void el0_sync_handler(struct trap_frame *tf) {
    current->tf = tf;
    u64 esr = read_esr();
    unsigned ec = esr >> 26;
    switch (ec) {
    case EC_SVC64:
        irq_enable();
        syscall_dispatch(tf);
        break;
    case EC_DABT_LOW: user_abort(tf, esr, read_far(), false); break;
    case EC_IABT_LOW: user_abort(tf, esr, read_far(), true); break;
    case EC_PC_ALIGN:
    case EC_SP_ALIGN: force_sig(SIGBUS); break;
    case EC_BRK64: force_sig(SIGTRAP); break;
    default: force_sig(SIGILL); break;
    }
}

void el0_bad_handler(struct trap_frame *tf) {
    current->tf = tf;
    force_sig(SIGILL);
}

void el1_sync_handler(struct trap_frame *tf) {
    panic("kernel exception: ESR %#lx FAR %#lx ELR %#lx LR %#lx (task %s)",
          read_esr(), read_far(), tf->pc, tf->regs[30], current ? current->comm : "?");
}

void el1_bad_handler(struct trap_frame *tf) {
    panic("unexpected kernel exception: ESR %#lx ELR %#lx", read_esr(), tf->pc);
}

/* Last stop before eret to EL0 (IRQs masked): reschedule, and end the task if it was killed. */
void prepare_return_to_user(struct trap_frame *tf) {
    for (;;) {
        struct task *t = current;
        if (t->need_resched) { schedule(); continue; }
        if (t->proc->exiting) do_exit(t->proc->exit_code);
        break;
    }
}
