/* System call dispatch: x8 selects the entry of the generated syscall_table (from
 * syscall/syscall.tbl), x0..x5 are the arguments, the result goes back in x0 (AAPCS64 / Linux arm64
 * convention; negative errno on failure). Everything per-syscall that dispatch needs to know
 * (handler, arity, whether the call returns or replaces the frame) comes from the table. */
#include "syscall/syscall.h"
#include "syscall/trace.h"
#include "proc/task.h"
#include "lib/printk.h"
#include "lib/spinlock.h"
#include "lib/string.h"
#include "uapi/errno.h"

bool syscall_trace_enabled;

/* Unimplemented syscalls are the main thing to find when bringing up a new program, but a program
 * may call one in a loop: log each (program name, number) pair once. The set is a small
 * open-addressing hash of 64-bit keys; once full we stop logging rather than allocate. */
#define ENOSYS_SEEN_SLOTS 512
static u64 enosys_seen[ENOSYS_SEEN_SLOTS];
static spinlock_t enosys_lock = SPINLOCK_INIT;

static u64 fnv1a(const char *s, size_t n) {
    u64 h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n && s[i]; i++)
        h = (h ^ (u8)s[i]) * 0x100000001b3ull;
    return h;
}

/* True the first time (comm, nr) is seen. */
static bool enosys_first(const char *comm, u64 nr) {
    /* Numbers beyond 2^20 (never valid) share one key per program. */
    u64 key = (fnv1a(comm, TASK_COMM_LEN) << 20) | (nr < (1u << 20) ? nr : (1u << 20) - 1);
    key |= 1ull << 63;                            /* 0 marks an empty slot */
    bool first = false;
    u64 f = spin_lock_irqsave(&enosys_lock);
    for (u32 i = 0, slot = (u32)(key ^ (key >> 29)) % ENOSYS_SEEN_SLOTS; i < ENOSYS_SEEN_SLOTS;
         i++, slot = (slot + 1) % ENOSYS_SEEN_SLOTS) {
        if (enosys_seen[slot] == key)
            break;
        if (enosys_seen[slot] == 0) {
            enosys_seen[slot] = key;
            first = true;
            break;
        }
    }
    spin_unlock_irqrestore(&enosys_lock, f);
    return first;
}

static long unimplemented(struct task *t, u64 nr, const struct syscall_desc *d) {
    if (enosys_first(t->comm, nr))
        printk("levitate: %.*s[%d]: unimplemented syscall %lu (%s) -> ENOSYS\n",
               TASK_COMM_LEN, t->comm, t->tid, (unsigned long)nr, d && d->name ? d->name : "?");
    return -ENOSYS;
}

void syscall_dispatch(struct trap_frame *tf) {
    u64 nr = tf->regs[8];
    tf->orig_x0 = tf->regs[0];    /* kept for syscall restart after a signal */
    tf->syscallno = nr;

    const struct syscall_desc *d = nr < NR_SYSCALLS ? &syscall_table[nr] : NULL;
    u64 a[SYSCALL_MAX_ARGS];
    for (int i = 0; i < SYSCALL_MAX_ARGS; i++)
        a[i] = tf->regs[i];

    if (!d || !d->fn) {
        long ret = unimplemented(current, nr, d);
        if (unlikely(syscall_trace_enabled)) {
            struct trace_line tl;
            trace_syscall_enter(&tl, nr, d, a);
            trace_syscall_exit(&tl, d, ret);
        }
        tf->regs[0] = (u64)ret;
        return;
    }

    if (likely(!syscall_trace_enabled)) {
        long ret = d->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
        if (d->retk != SR_FRAME)  /* rt_sigreturn has restored x0 with the rest of the frame */
            tf->regs[0] = (u64)ret;
        return;
    }

    /* Traced: the arguments are decoded before the call (user memory may be gone after execve,
     * and exit never comes back); the line is printed once, after the call. */
    struct trace_line tl;
    trace_syscall_enter(&tl, nr, d, a);
    long ret = d->fn(a[0], a[1], a[2], a[3], a[4], a[5]);
    if (d->retk == SR_FRAME)
        ret = (long)tf->regs[0];
    else
        tf->regs[0] = (u64)ret;
    trace_syscall_exit(&tl, d, ret);
}
