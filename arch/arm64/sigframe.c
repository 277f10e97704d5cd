/* Building and unwinding the signal frame, byte-compatible with Linux's (arch/arm64/kernel/signal.c):
 *   next_frame = round_down(sp - 16, 16)          {fp, lr} of the interrupted code
 *   frame      = next_frame - 4688                struct rt_sigframe { siginfo; ucontext; }
 *   x0 = sig, x1 = &frame->info, x2 = &frame->uc, x29 = next_frame, x30 = sa_restorer, sp = frame. */
#include "arch/arm64/sigframe.h"
#include "arch/arm64/trap.h"
#include "proc/task.h"
#include "proc/signal.h"
#include "proc/process.h"
#include "mm/uaccess.h"
#include "mm/vm.h"
#include "mm/kmalloc.h"
#include "syscall/syscall.h"
#include "lib/string.h"
#include "uapi/signal.h"
#include "uapi/errno.h"

struct rt_sigframe {
    struct linux_siginfo info;
    struct linux_ucontext uc;
};
_Static_assert(sizeof(struct rt_sigframe) == 4688, "arm64 rt_sigframe size");
_Static_assert(offsetof(struct rt_sigframe, uc.uc_mcontext.__reserved) == 592, "arm64 sigcontext");

void fpsimd_save(struct fpsimd_state *s);
void fpsimd_restore(struct fpsimd_state *s);

static bool on_altstack(struct task *t, u64 sp) {
    return t->altstack_size && sp > t->altstack_sp && sp <= t->altstack_sp + t->altstack_size;
}

int setup_rt_frame(struct trap_frame *tf, int sig, struct k_sigaction *a, struct linux_siginfo *info, u64 oldmask) {
    struct task *t = current;
    u64 sp = tf->sp;
    if ((a->flags & SA_ONSTACK) && t->altstack_size && !on_altstack(t, sp))
        sp = t->altstack_sp + t->altstack_size;
    u64 next_frame = ALIGN_DOWN(sp - 16, 16);
    u64 fp_addr = ALIGN_DOWN(next_frame, 16) - sizeof(struct rt_sigframe);
    struct rt_sigframe *f = kzalloc(sizeof *f);
    if (!f) return -ENOMEM;
    f->info = *info;
    f->uc.uc_flags = 0;
    f->uc.uc_link = 0;
    f->uc.uc_stack.ss_sp = t->altstack_sp;
    f->uc.uc_stack.ss_size = t->altstack_size;
    f->uc.uc_stack.ss_flags = !t->altstack_size ? SS_DISABLE : on_altstack(t, tf->sp) ? SS_ONSTACK : 0;
    f->uc.uc_sigmask = oldmask;
    struct linux_sigcontext *sc = &f->uc.uc_mcontext;
    sc->fault_address = info->si_signo == SIGSEGV || info->si_signo == SIGBUS ? info->si_addr : 0;
    memcpy(sc->regs, tf->regs, sizeof sc->regs);
    sc->sp = tf->sp;
    sc->pc = tf->pc;
    sc->pstate = tf->pstate;
    struct linux_fpsimd_context *fp = (struct linux_fpsimd_context *)sc->__reserved;
    struct fpsimd_state live;
    fpsimd_save(&live);
    fp->head.magic = FPSIMD_MAGIC;
    fp->head.size = sizeof *fp;
    fp->fpsr = live.fpsr;
    fp->fpcr = live.fpcr;
    memcpy(fp->vregs, live.v, sizeof fp->vregs);
    if (t->fault_esr && (info->si_signo == SIGSEGV || info->si_signo == SIGBUS)) {
        /* a fault: Linux adds the syndrome as an esr_context record after the FP/SIMD one */
        struct linux_esr_context *ec = (struct linux_esr_context *)(sc->__reserved + sizeof *fp);
        ec->head.magic = ESR_MAGIC;
        ec->head.size = sizeof *ec;
        ec->esr = t->fault_esr;
    }
    t->fault_esr = 0;
    /* the zero terminator record follows (already zero) */
    u64 record[2] = { tf->regs[29], tf->regs[30] };
    int r = copy_to_user(fp_addr, f, sizeof *f);
    if (!r) r = copy_to_user(next_frame, record, sizeof record);
    kfree(f);
    if (r) return r;
    tf->regs[0] = (u64)sig;
    tf->regs[1] = fp_addr + offsetof(struct rt_sigframe, info);
    tf->regs[2] = fp_addr + offsetof(struct rt_sigframe, uc);
    tf->regs[29] = next_frame;
    tf->regs[30] = (a->flags & SA_RESTORER) ? a->restorer : t->mm->sigpage;
    tf->sp = fp_addr;
    tf->pc = a->handler;
    if (a->flags & SA_ONSTACK && (t->altstack_flags & SS_AUTODISARM)) { t->altstack_sp = 0; t->altstack_size = 0; }
    return 0;
}

long sys_rt_sigreturn(void) {
    struct task *t = current;
    struct trap_frame *tf = t->tf;
    u64 frame = tf->sp;
    t->tf->syscallno = ~0UL;                  /* no syscall restart after this */
    struct rt_sigframe *f = kmalloc(sizeof *f);
    if (!f) do_exit_group(SIGSEGV);
    if ((frame & 15) || copy_from_user(f, frame, sizeof *f)) goto bad;
    struct linux_sigcontext *sc = &f->uc.uc_mcontext;
    struct linux_fpsimd_context *fp = (struct linux_fpsimd_context *)sc->__reserved;
    if (fp->head.magic != FPSIMD_MAGIC || fp->head.size != sizeof *fp) goto bad;
    memcpy(tf->regs, sc->regs, sizeof tf->regs);
    tf->sp = sc->sp;
    tf->pc = sc->pc;
    tf->pstate = sc->pstate & 0xf0000000UL;   /* NZCV only: always EL0t with interrupts enabled */
    struct fpsimd_state live;
    memcpy(live.v, fp->vregs, sizeof live.v);
    live.fpsr = fp->fpsr;
    live.fpcr = fp->fpcr;
    fpsimd_restore(&live);
    t->sigmask = f->uc.uc_sigmask & ~((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)));
    /* restore_altstack: as sigaltstack(&uc_stack), errors ignored */
    if (f->uc.uc_stack.ss_flags & SS_DISABLE) { t->altstack_sp = 0; t->altstack_size = 0; }
    else if (f->uc.uc_stack.ss_size >= MINSIGSTKSZ) { t->altstack_sp = f->uc.uc_stack.ss_sp; t->altstack_size = f->uc.uc_stack.ss_size; }
    kfree(f);
    return (long)tf->regs[0];
bad:
    kfree(f);
    force_sig(SIGSEGV);
    return 0;
}
