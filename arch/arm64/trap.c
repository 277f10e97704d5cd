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
#include "mm/uaccess.h"
#include "uapi/errno.h"

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
    current->fault_esr = esr;
    unsigned fsc = esr & 0x3f;
    int access = instr ? ACCESS_EXEC : ((esr & (1 << 6)) ? ACCESS_WRITE : ACCESS_READ);
    /* translation (0b0001xx), access flag (0b0010xx) and permission (0b0011xx) faults */
    if (fsc >= 0x04 && fsc <= 0x0f && current->mm) {
        irq_enable();
        int r = mm_fault(current->mm, far, access);
        if (r == 0) return;
        if (r == -EIO) { force_sig_fault(SIGBUS, 2 /* BUS_ADRERR */, far); return; }
        /* SEGV_MAPERR (1) when nothing is mapped there, SEGV_ACCERR (2) when access is denied */
        force_sig_fault(SIGSEGV, mm_find_vma(current->mm, far) ? 2 : 1, far);
        return;
    }
    if (fsc == 0x21) { force_sig_fault(SIGBUS, 1 /* BUS_ADRALN */, far); return; }
    force_sig_fault(SIGSEGV, 1, far);
}

#define READ_SYSREG(name) ({ u64 _v; __asm__ volatile("mrs %0, " #name : "=r"(_v)); _v; })

/* EL0 reads of the CPU ID registers trap (EC 0x18); Linux emulates them so user space can probe
 * features (HWCAP_CPUID), and glibc reads MIDR_EL1 this way. Registers in the ID space that are
 * not listed read as zero, as on Linux. Returns false if the instruction is not such a read. */
static bool emulate_mrs(struct trap_frame *tf, u64 esr) {
    unsigned op0 = (esr >> 20) & 3, op2 = (esr >> 17) & 7, op1 = (esr >> 14) & 7, crn = (esr >> 10) & 15,
             rt = (esr >> 5) & 31, crm = (esr >> 1) & 15, read = esr & 1;
    if (!read || op0 != 3 || op1 != 0 || crn != 0) return false;
    u64 v = 0;
    switch (crm << 3 | op2) {
    case 0 << 3 | 0: v = READ_SYSREG(midr_el1); break;
    case 0 << 3 | 5: v = 0x80000000UL; break;                 /* MPIDR: RES1 bit only, as Linux */
    case 0 << 3 | 6: v = READ_SYSREG(revidr_el1); break;
    case 4 << 3 | 0: v = READ_SYSREG(id_aa64pfr0_el1); break;
    case 4 << 3 | 1: v = READ_SYSREG(id_aa64pfr1_el1); break;
    case 6 << 3 | 0: v = READ_SYSREG(id_aa64isar0_el1); break;
    case 6 << 3 | 1: v = READ_SYSREG(id_aa64isar1_el1); break;
    case 7 << 3 | 0: v = READ_SYSREG(id_aa64mmfr0_el1); break;
    case 7 << 3 | 1: v = READ_SYSREG(id_aa64mmfr1_el1); break;
    case 7 << 3 | 2: v = READ_SYSREG(id_aa64mmfr2_el1); break;
    default: if (crm != 0 && crm < 4) return false; break;    /* AArch32 ID registers: undefined */
    }
    if (rt != 31) tf->regs[rt] = v;
    tf->pc += 4;
    return true;
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
    case EC_BRK64: force_sig_fault(SIGTRAP, 1 /* TRAP_BRKPT */, tf->pc); break;
    case EC_SYSREG: if (!emulate_mrs(tf, esr)) force_sig(SIGILL); break;
    case EC_UNKNOWN: {
        /* Without FEAT_IDST an EL0 MRS of an ID register is simply undefined: decode it. */
        u32 insn;
        if (copy_from_user(&insn, tf->pc, 4) == 0 && (insn & 0xfff00000) == 0xd5300000) {
            u64 iss = 1 | ((insn & 31) << 5) | (((insn >> 8) & 15) << 1) | (((insn >> 12) & 15) << 10) |
                      (((insn >> 16) & 7) << 14) | (((insn >> 5) & 7) << 17) | (3UL << 20);
            if (emulate_mrs(tf, iss)) break;
        }
        force_sig_fault(SIGILL, 1 /* ILL_ILLOPC */, tf->pc);
        break;
    }
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
void rseq_handle(struct trap_frame *tf);

void prepare_return_to_user(struct trap_frame *tf) {
    for (;;) {
        struct task *t = current;
        if (t->need_resched) { schedule(); continue; }
        if (t->rseq_preempted) rseq_handle(tf);
        if (signal_pending(t) || t->restore_sigmask) do_signal(tf);
        break;
    }
}
