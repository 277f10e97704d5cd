/* The arm64 signal frame as Linux lays it out and rt_sigreturn restoring from it: siginfo at the
 * handler's sp, the ucontext right after it, the {fp, lr} frame record above, x30 = sa_restorer,
 * uc_mcontext with x0-x30/sp/pc/pstate, the fpsimd_context record (magic, size, fpsr, fpcr, v0-v31),
 * changes the handler makes to the frame (registers, FP/SIMD, fpcr/fpsr, uc_sigmask) taking effect
 * at sigreturn, a corrupted frame killing with SIGSEGV; sigaltstack with SA_ONSTACK (errors, nesting,
 * per thread); a SIGSEGV handler on the alternate stack catching a thread's guard-page overflow, and
 * death by SIGSEGV when there is no room for the frame. Exit 0 = pass. */
#include "lv.h"
#include <pthread.h>
#include <setjmp.h>
#include <ucontext.h>
#include <asm/sigcontext.h>

#define SIGINFO_SIZE 128

/* ---- register state around a signal -------------------------------------------------------- */

struct entry_regs { uint64_t sp, x29, x30, x0, x1, x2; };
struct entry_regs entry;                        /* written by asm_handler */
void asm_handler(int, siginfo_t *, void *);
void c_handler(int, siginfo_t *, void *);
__asm__(".text\n"
        ".global asm_handler\n"
        "asm_handler:\n"
        "    adrp x9, entry\n"
        "    add x9, x9, :lo12:entry\n"
        "    mov x10, sp\n"
        "    stp x10, x29, [x9]\n"
        "    stp x30, x0, [x9, #16]\n"
        "    stp x1, x2, [x9, #32]\n"
        "    b c_handler\n");

/* the custom restorer: rt_sigreturn */
void my_restorer(void);
__asm__(".text\n"
        ".global my_restorer\n"
        "my_restorer:\n"
        "    mov x8, #139\n"
        "    svc #0\n"
        "    brk #1\n");

static uint8_t vin[24 * 16] __attribute__((aligned(16)));    /* q8..q31 before */
static uint8_t vout[24 * 16] __attribute__((aligned(16)));   /* q8..q31 after */
static uint64_t gin[10], gout[10];                           /* x19..x28 */
static uint64_t misc[6];           /* [0] x0 after, [1] sp at svc, [2] fpcr after, [3] pc after svc,
                                      [4] fpsr after */
#define FPCR_IN 0x00c00000UL       /* round towards zero */
#define FPSR_IN 0x08000001UL       /* QC, IOC */
#define FPCR_NEW 0x00400000UL      /* round towards +inf */
#define FPSR_NEW 0x00000010UL      /* IXC */

static struct {
    int ran;
    uint64_t regs[31], sp, pc, pstate, fault_address;
    uint32_t fp_magic, fp_size, fpsr, fpcr;
    uint8_t v[32][16];
    int records_ok, nrecords;
    uint32_t magics[8];
    uint64_t esr;
    int usr2_blocked, usr1_blocked;
    uint64_t uc_flags, uc_link;
    uint64_t record[2];
    int uc_at_info_plus_128;
} seen;

static struct fpsimd_context *find_fpsimd(ucontext_t *uc)
{
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;
    return h->magic == FPSIMD_MAGIC ? (struct fpsimd_context *)h : NULL;
}

static void record_frame(siginfo_t *si, ucontext_t *uc)
{
    seen.ran++;
    memcpy(seen.regs, uc->uc_mcontext.regs, sizeof seen.regs);
    seen.sp = uc->uc_mcontext.sp;
    seen.pc = uc->uc_mcontext.pc;
    seen.pstate = uc->uc_mcontext.pstate;
    seen.fault_address = uc->uc_mcontext.fault_address;
    seen.uc_flags = uc->uc_flags;
    seen.uc_link = (uint64_t)uc->uc_link;
    seen.uc_at_info_plus_128 = (char *)uc == (char *)si + SIGINFO_SIZE;
    seen.usr1_blocked = sigismember(&uc->uc_sigmask, SIGUSR1);
    seen.usr2_blocked = sigismember(&uc->uc_sigmask, SIGUSR2);
    /* walk the records: each {magic, size}, 16-byte multiples, ending with a zero record */
    seen.records_ok = 0;
    seen.nrecords = 0;
    seen.esr = 0;
    size_t off = 0;
    while (off + 8 <= sizeof uc->uc_mcontext.__reserved) {
        struct _aarch64_ctx *h = (struct _aarch64_ctx *)(uc->uc_mcontext.__reserved + off);
        if (seen.nrecords < 8)
            seen.magics[seen.nrecords] = h->magic;
        seen.nrecords++;
        if (h->magic == 0) {
            seen.records_ok = h->size == 0;
            break;
        }
        if (h->magic == ESR_MAGIC)
            seen.esr = ((struct esr_context *)h)->esr;
        if (h->size < 8 || h->size % 16)
            break;
        off += h->size;
    }
    struct fpsimd_context *f = find_fpsimd(uc);
    if (f) {
        seen.fp_magic = f->head.magic;
        seen.fp_size = f->head.size;
        seen.fpsr = f->fpsr;
        seen.fpcr = f->fpcr;
        memcpy(seen.v, f->vregs, sizeof seen.v);
    } else {
        seen.fp_magic = ((struct _aarch64_ctx *)uc->uc_mcontext.__reserved)->magic;
    }
}

void c_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    record_frame(si, uc);
    memcpy(seen.record, (void *)entry.x29, sizeof seen.record);   /* the {fp, lr} frame record */
    /* change the interrupted state through the frame */
    uc->uc_mcontext.regs[19] ^= 0xffff;
    uc->uc_mcontext.regs[28] = 0x1234;
    struct fpsimd_context *f = find_fpsimd(uc);
    if (f) {
        memset(&f->vregs[9], 0x99, 16);
        memset(&f->vregs[31], 0x31, 16);
        f->fpcr = FPCR_NEW;
        f->fpsr = FPSR_NEW;
    }
    sigaddset(&uc->uc_sigmask, SIGHUP);
    /* and trash the live registers: sigreturn must restore everything from the frame */
    __asm__ volatile("movi v8.16b, #0xee\n movi v9.16b, #0xee\n movi v10.16b, #0xee\n movi v15.16b, #0xee\n"
                     "movi v16.16b, #0xee\n movi v20.16b, #0xee\n movi v30.16b, #0xee\n movi v31.16b, #0xee\n"
                     "msr fpsr, xzr\n"
                     ::: "v8", "v9", "v10", "v15", "v16", "v20", "v30", "v31");
}

static void fill_inputs(void)
{
    for (int i = 0; i < 24 * 16; i++)
        vin[i] = (uint8_t)(i * 7 + 3);
    for (int i = 0; i < 10; i++)
        gin[i] = 0x1900000000000000UL + ((uint64_t)i << 48) + 0x1111 * (uint64_t)(i + 1);
}

/* set x19-x28, q8-q31, fpcr, fpsr; tgkill(pid, tid, sig); store them all again */
static void run_signal(long pid, long tid, long sig)
{
    __asm__ volatile(
        "ldp q8, q9, [%[vi], #0]\n ldp q10, q11, [%[vi], #32]\n ldp q12, q13, [%[vi], #64]\n"
        "ldp q14, q15, [%[vi], #96]\n ldp q16, q17, [%[vi], #128]\n ldp q18, q19, [%[vi], #160]\n"
        "ldp q20, q21, [%[vi], #192]\n ldp q22, q23, [%[vi], #224]\n ldp q24, q25, [%[vi], #256]\n"
        "ldp q26, q27, [%[vi], #288]\n ldp q28, q29, [%[vi], #320]\n ldp q30, q31, [%[vi], #352]\n"
        "ldp x19, x20, [%[gi], #0]\n ldp x21, x22, [%[gi], #16]\n ldp x23, x24, [%[gi], #32]\n"
        "ldp x25, x26, [%[gi], #48]\n ldp x27, x28, [%[gi], #64]\n"
        "msr fpcr, %[fpcr]\n msr fpsr, %[fpsr]\n"
        "mov x0, %[pid]\n mov x1, %[tid]\n mov x2, %[sig]\n mov x8, #131\n"
        "mov x3, sp\n str x3, [%[mo], #8]\n"
        "adr x4, 1f\n str x4, [%[mo], #24]\n"
        "svc #0\n"
        "1:\n"
        "str x0, [%[mo]]\n"
        "mrs x3, fpcr\n str x3, [%[mo], #16]\n"
        "mrs x3, fpsr\n str x3, [%[mo], #32]\n"
        "msr fpcr, xzr\n msr fpsr, xzr\n"
        "stp q8, q9, [%[vo], #0]\n stp q10, q11, [%[vo], #32]\n stp q12, q13, [%[vo], #64]\n"
        "stp q14, q15, [%[vo], #96]\n stp q16, q17, [%[vo], #128]\n stp q18, q19, [%[vo], #160]\n"
        "stp q20, q21, [%[vo], #192]\n stp q22, q23, [%[vo], #224]\n stp q24, q25, [%[vo], #256]\n"
        "stp q26, q27, [%[vo], #288]\n stp q28, q29, [%[vo], #320]\n stp q30, q31, [%[vo], #352]\n"
        "stp x19, x20, [%[go], #0]\n stp x21, x22, [%[go], #16]\n stp x23, x24, [%[go], #32]\n"
        "stp x25, x26, [%[go], #48]\n stp x27, x28, [%[go], #64]\n"
        :
        : [vi] "r"(vin), [gi] "r"(gin), [vo] "r"(vout), [go] "r"(gout), [mo] "r"(misc),
          [pid] "r"(pid), [tid] "r"(tid), [sig] "r"(sig), [fpcr] "r"(FPCR_IN), [fpsr] "r"(FPSR_IN)
        : "x0", "x1", "x2", "x3", "x4", "x8", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26",
          "x27", "x28", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18",
          "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31",
          "memory");
}

struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static void sec_frame(void)
{
    memset(&seen, 0, sizeof seen);
    fill_inputs();
    /* install through the raw syscall with our own restorer */
    struct ksigaction ka = {(void *)asm_handler, SA_SIGINFO | 0x04000000 /* SA_RESTORER */,
                            (void *)my_restorer, 0};
    EQ(syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8), 0);
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, &old);
    run_signal(syscall(SYS_getpid), syscall(SYS_gettid), SIGUSR1);
    EQ(seen.ran, 1);

    /* where things are */
    CHECK(entry.sp == entry.x1, "handler sp %#lx != siginfo %#lx", (long)entry.sp, (long)entry.x1);
    EQ(entry.sp % 16, 0);
    EQ(entry.x0, SIGUSR1);
    EQ(entry.x2, entry.x1 + SIGINFO_SIZE);
    CHECK(seen.uc_at_info_plus_128, "ucontext is not right after siginfo");
    EQ(entry.x30, (uint64_t)my_restorer);               /* lr = sa_restorer */
    uint64_t frame_size = (SIGINFO_SIZE + sizeof(ucontext_t) + 15) & ~15UL;
    STRICT(entry.x29 == entry.x1 + frame_size, "qemu-user places the frame record elsewhere",
           "x29 %#lx, expected the frame record at siginfo + %#lx = %#lx", (long)entry.x29, (long)frame_size,
           (long)(entry.x1 + frame_size));
    EQ(seen.record[0], seen.regs[29]);                   /* the record links the interrupted frame */
    EQ(seen.record[1], seen.regs[30]);
    CHECK(entry.x29 + 16 <= misc[1], "frame record %#lx not below the interrupted sp %#lx",
          (long)entry.x29, (long)misc[1]);
    CHECK(misc[1] - entry.sp < 8192, "frame %#lx too far below the interrupted sp %#lx", (long)entry.sp,
          (long)misc[1]);
    EQ(seen.uc_flags, 0);
    EQ(seen.uc_link, 0);

    /* uc_mcontext */
    for (int i = 0; i < 10; i++)
        CHECK(seen.regs[19 + i] == gin[i], "x%d in the frame %#lx, expected %#lx", 19 + i,
              (long)seen.regs[19 + i], (long)gin[i]);
    EQ(seen.regs[8], 131);                               /* the syscall number */
    EQ(seen.regs[0], 0);                                 /* tgkill's result */
    EQ(seen.regs[2], SIGUSR1);
    EQ(seen.sp, misc[1]);
    EQ(seen.pc, misc[3]);                                /* the instruction after svc */
    EQ(seen.pstate & 0x1f, 0);                           /* EL0t, AArch64 */
    CHECK(seen.usr2_blocked && !seen.usr1_blocked, "uc_sigmask: usr1 %d usr2 %d", seen.usr1_blocked,
          seen.usr2_blocked);

    /* the fpsimd record */
    EQ(seen.fp_magic, FPSIMD_MAGIC);
    EQ(seen.fp_size, sizeof(struct fpsimd_context));
    EQ(seen.fp_size, 528);
    EQ(seen.fpcr, FPCR_IN);
    EQ(seen.fpsr, FPSR_IN);
    for (int i = 8; i < 32; i++)
        CHECK(memcmp(seen.v[i], vin + (i - 8) * 16, 16) == 0, "v%d in the frame differs", i);
    CHECK(seen.records_ok, "record chain not terminated by a zero record (%d records)", seen.nrecords);
    EQ(seen.magics[0], FPSIMD_MAGIC);

    /* after sigreturn: the frame's values, with the handler's changes */
    EQ(misc[0], 0);                                      /* x0 = the syscall's result */
    EQ(gout[0], gin[0] ^ 0xffff);
    EQ(gout[9], 0x1234);
    for (int i = 1; i < 9; i++)
        CHECK(gout[i] == gin[i], "x%d after sigreturn %#lx, expected %#lx", 19 + i, (long)gout[i], (long)gin[i]);
    for (int i = 8; i < 32; i++) {
        uint8_t want[16];
        if (i == 9)
            memset(want, 0x99, 16);
        else if (i == 31)
            memset(want, 0x31, 16);
        else
            memcpy(want, vin + (i - 8) * 16, 16);
        if (i == 9 || i == 31)
            STRICT(memcmp(vout + (i - 8) * 16, want, 16) == 0, "qemu-user ignores vregs changed in the frame",
                   "q%d after sigreturn is not the value the handler put in the frame", i);
        else
            CHECK(memcmp(vout + (i - 8) * 16, want, 16) == 0, "q%d after sigreturn differs", i);
    }
    EQ(misc[2], FPCR_NEW);
    EQ(misc[4], FPSR_NEW);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    CHECK(sigismember(&now, SIGHUP), "uc_sigmask change (SIGHUP) not applied by sigreturn");
    CHECK(sigismember(&now, SIGUSR2) && !sigismember(&now, SIGUSR1), "mask after sigreturn");
    sigprocmask(SIG_SETMASK, &old, NULL);

    /* glibc's sigaction (no SA_RESTORER on arm64): the kernel's trampoline brings us back */
    memset(&seen, 0, sizeof seen);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = asm_handler;
    sa.sa_flags = SA_SIGINFO;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    run_signal(syscall(SYS_getpid), syscall(SYS_gettid), SIGUSR1);
    EQ(seen.ran, 1);
    CHECK(entry.x30 != 0, "no return address for a handler without SA_RESTORER");
    EQ(gout[9], 0x1234);
    EQ(misc[2], FPCR_NEW);
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR1, SIG_DFL);
}

/* ---- a fault's frame: fault_address and the esr record -------------------------------------- */

static sigjmp_buf jb;
static void *volatile last_fault;
static void on_segv_jump(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    record_frame(si, ucv);
    last_fault = si->si_addr;
    siglongjmp(jb, 1);
}
static void fault_once(void)
{
    memset(&seen, 0, sizeof seen);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv_jump;
    sa.sa_flags = SA_SIGINFO;
    EQ(sigaction(SIGSEGV, &sa, NULL), 0);
    char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(jb, 1) == 0) {
        *(volatile char *)(p + 100) = 1;
        CHECK(0, "write to a read-only page did not fault");
    }
    EQ(seen.ran, 1);
    EQ((long)last_fault, (long)(p + 100));
    STRICT(seen.fault_address == (uint64_t)(p + 100), "qemu-user leaves fault_address 0",
           "uc_mcontext.fault_address %#lx", (long)seen.fault_address);
    EQ(seen.magics[0], FPSIMD_MAGIC);
    CHECK(seen.records_ok, "record chain not terminated");
    munmap(p, 4096);
    signal(SIGSEGV, SIG_DFL);
}

static void sec_fault_frame(void) { fault_once(); }

static void sec_esr(void)
{
    fault_once();
    /* Linux adds an esr_context after the fpsimd record for faults: a data abort from EL0 (EC 0x24),
     * write (WnR, bit 6) */
    STRICT(seen.esr != 0 && (seen.esr >> 26) == 0x24 && (seen.esr & (1 << 6)),
           "qemu-user writes no esr_context", "esr record %#lx", (long)seen.esr);
    STRICT(seen.nrecords >= 3 && seen.magics[1] == ESR_MAGIC, "qemu-user writes no esr_context",
           "second record %#x, expected ESR_MAGIC", seen.magics[1]);
}

/* ---- a corrupted frame ---------------------------------------------------------------------- */

static void on_corrupt(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    struct _aarch64_ctx *h = (struct _aarch64_ctx *)uc->uc_mcontext.__reserved;
    h->magic = 0x12345678;          /* rt_sigreturn must refuse this frame */
}

static void sec_badframe(void)
{
    for (int k = 0; k < 1; k++) {
        long pid = lv_fork();
        if (pid == 0) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_sigaction = on_corrupt;
            sa.sa_flags = SA_SIGINFO;
            sigaction(SIGUSR1, &sa, NULL);
            raise(SIGUSR1);
            syscall(SYS_exit_group, 0);
        }
        int st = reap(pid);
        CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "bad fpsimd magic: status %#x, expected SIGSEGV", st);
    }
}

/* ---- sigaltstack ---------------------------------------------------------------------------- */

static char *alt;
#define ALT_SIZE (64 * 1024)
static volatile uintptr_t where_a, where_b;
static volatile int flags_in_handler = -1, eperm_in_handler;
static stack_t uc_stack_seen;

static void on_alt_b(int sig)
{
    (void)sig;
    volatile char here;
    where_b = (uintptr_t)&here;
}

static void on_alt(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    volatile char here;
    where_a = (uintptr_t)&here;
    stack_t o;
    sigaltstack(NULL, &o);
    flags_in_handler = o.ss_flags;
    stack_t n = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
    eperm_in_handler = sigaltstack(&n, NULL) == -1 && errno == EPERM;
    uc_stack_seen = ((ucontext_t *)ucv)->uc_stack;
    raise(SIGUSR2);                  /* nested, SA_ONSTACK too: continues below on the alt stack */
}

static int on_alt_stack(uintptr_t a) { return a >= (uintptr_t)alt && a < (uintptr_t)alt + ALT_SIZE; }

static int stack_in_child(void)
{
    stack_t o;
    sigaltstack(NULL, &o);
    return o.ss_sp == alt && o.ss_size == ALT_SIZE && o.ss_flags == 0 ? 0 : 1;
}

static void *thread_altstack(void *arg)
{
    (void)arg;
    stack_t o;
    sigaltstack(NULL, &o);
    return (void *)(long)(o.ss_flags == SS_DISABLE);
}

static void sec_altstack_fork(void)
{
    /* a forked child keeps the alternate stack */
    alt = malloc(ALT_SIZE);
    stack_t n = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
    EQ(sigaltstack(&n, NULL), 0);
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, stack_in_child());
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork: alternate stack not inherited (%#x)", st);
    n.ss_flags = SS_DISABLE;
    EQ(sigaltstack(&n, NULL), 0);
}

static void sec_altstack(void)
{
    stack_t o, n;
    EQ(sigaltstack(NULL, &o), 0);
    EQ(o.ss_flags, SS_DISABLE);
    alt = malloc(ALT_SIZE);
    n.ss_sp = alt;
    n.ss_size = 2048;
    n.ss_flags = 0;
    long rr = sigaltstack(&n, NULL);                      /* below MINSIGSTKSZ (5120 on arm64) */
    STRICT(rr == -1 && errno == ENOMEM, "qemu-user's minimum is 2048", "sigaltstack of 2048 bytes: %ld", rr);
    if (rr == 0) {
        n.ss_flags = SS_DISABLE;
        sigaltstack(&n, NULL);
        n.ss_flags = 0;
    }
    n.ss_size = ALT_SIZE;
    n.ss_flags = 4;
    FAILS(sigaltstack(&n, NULL), EINVAL);
    FAILS(sigaltstack((stack_t *)8, NULL), EFAULT);
    n.ss_flags = 0;
    EQ(sigaltstack(&n, &o), 0);
    EQ(o.ss_flags, SS_DISABLE);
    memset(&o, 0, sizeof o);
    EQ(sigaltstack(NULL, &o), 0);
    CHECK(o.ss_sp == alt && o.ss_size == ALT_SIZE && o.ss_flags == 0, "sigaltstack reads back %p %zu %d",
          o.ss_sp, o.ss_size, o.ss_flags);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alt;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt_b;
    sa.sa_flags = SA_ONSTACK;
    EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    raise(SIGUSR1);
    CHECK(on_alt_stack(where_a), "SA_ONSTACK handler ran at %#lx, not on the alternate stack", (long)where_a);
    EQ(flags_in_handler, SS_ONSTACK);
    CHECK(eperm_in_handler, "changing the alternate stack while on it did not fail with EPERM");
    CHECK(on_alt_stack(where_b) && where_b < where_a, "nested handler at %#lx (outer %#lx)", (long)where_b,
          (long)where_a);
    CHECK(uc_stack_seen.ss_sp == alt && uc_stack_seen.ss_size == ALT_SIZE, "uc_stack %p %zu",
          uc_stack_seen.ss_sp, uc_stack_seen.ss_size);
    EQ(sigaltstack(NULL, &o), 0);
    EQ(o.ss_flags, 0);                                  /* off it again */
    /* without SA_ONSTACK: the normal stack */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alt_b;
    EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    raise(SIGUSR2);
    CHECK(!on_alt_stack(where_b), "handler without SA_ONSTACK ran on the alternate stack");
    /* a new thread has no alternate stack */
    pthread_t th;
    void *r = NULL;
    EQ(pthread_create(&th, NULL, thread_altstack, NULL), 0);
    pthread_join(th, &r);
    CHECK(r == (void *)1L, "a new thread inherited the alternate stack");
    /* SS_DISABLE: SA_ONSTACK handlers run on the normal stack */
    n.ss_flags = SS_DISABLE;
    EQ(sigaltstack(&n, NULL), 0);
    EQ(sigaltstack(NULL, &o), 0);
    EQ(o.ss_flags, SS_DISABLE);
    sa.sa_flags = SA_ONSTACK;
    EQ(sigaction(SIGUSR2, &sa, NULL), 0);
    raise(SIGUSR2);
    CHECK(!on_alt_stack(where_b), "SA_ONSTACK handler on a disabled alternate stack");
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

/* ---- guard-page overflow of a thread stack -------------------------------------------------- */

static char *guard_lo, *guard_hi;
static sigjmp_buf ovf_jb;
static void *volatile ovf_addr;
static volatile int ovf_on_alt;
static char *ovf_alt;

static void on_overflow(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    volatile char here;
    ovf_addr = si->si_addr;
    ovf_on_alt = (uintptr_t)&here >= (uintptr_t)ovf_alt && (uintptr_t)&here < (uintptr_t)ovf_alt + ALT_SIZE;
    siglongjmp(ovf_jb, 1);
}

static volatile int recurse_forever = 1;
static int recurse(int n)
{
    volatile char buf[1024];
    buf[0] = (char)n;
    buf[1023] = (char)n;
    if (!recurse_forever)
        return n;
    return recurse(n + 1) + buf[0] + buf[1023];
}

static void *overflow_thread(void *arg)
{
    int with_alt = (int)(long)arg;
    pthread_attr_t at;
    pthread_getattr_np(pthread_self(), &at);
    void *lo;
    size_t size, guard;
    pthread_attr_getstack(&at, &lo, &size);
    pthread_attr_getguardsize(&at, &guard);
    guard_hi = lo;
    guard_lo = (char *)lo - guard;
    if (with_alt) {
        ovf_alt = malloc(ALT_SIZE);
        stack_t ss = {.ss_sp = ovf_alt, .ss_size = ALT_SIZE, .ss_flags = 0};
        sigaltstack(&ss, NULL);
    }
    if (sigsetjmp(ovf_jb, 1) == 0)
        recurse(0);
    return (void *)1L;
}

static void sec_overflow(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_overflow;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    EQ(sigaction(SIGSEGV, &sa, NULL), 0);
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setstacksize(&at, 128 * 1024);
    pthread_attr_setguardsize(&at, 4096);
    pthread_t th;
    EQ(pthread_create(&th, &at, overflow_thread, (void *)1L), 0);
    void *r = NULL;
    pthread_join(th, &r);
    EQ((long)r, 1);
    CHECK((char *)ovf_addr >= guard_lo && (char *)ovf_addr < guard_hi, "overflow fault at %p, guard [%p, %p)",
          ovf_addr, (void *)guard_lo, (void *)guard_hi);
    CHECK(ovf_on_alt, "the SIGSEGV handler did not run on the thread's alternate stack");
    /* no alternate stack: the kernel cannot write the frame, the process dies of SIGSEGV */
    long pid = lv_fork();
    if (pid == 0) {
        pthread_t t2;
        pthread_create(&t2, &at, overflow_thread, (void *)0L);
        pthread_join(t2, NULL);
        syscall(SYS_exit_group, 0);
    }
    int st = reap(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "overflow without an alternate stack: status %#x", st);
    signal(SIGSEGV, SIG_DFL);
}

static const struct section sections[] = {
    {"frame", sec_frame},       {"fault_frame", sec_fault_frame}, {"badframe", sec_badframe},
    {"altstack", sec_altstack}, {"overflow", sec_overflow},     {"esr", sec_esr},
    {"altstack_fork", sec_altstack_fork},
};

int main(int argc, char **argv)
{
    return RUN_SECTIONS("sig-frame", sections, argc, argv);
}
