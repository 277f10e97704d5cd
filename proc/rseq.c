/* Restartable sequences (Linux kernel/rseq.c). glibc registers a struct rseq per thread and reads
 * cpu_id from it (sched_getcpu). The kernel keeps cpu_id current and, when a thread is preempted
 * or gets a signal inside a registered critical section, moves it to the section's abort handler. */
#include "syscall/syscall.h"
#include "proc/task.h"
#include "arch/arm64/trap.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define RSEQ_FLAG_UNREGISTER 1
#define ORIG_RSEQ_SIZE 32
#define RSEQ_CS_OFF 8                     /* offsetof(struct rseq, rseq_cs) */

struct rseq_cs { u32 version, flags; u64 start_ip, post_commit_offset, abort_ip; };

static int write_ids(struct task *t) {
    u32 ids[2] = { 0, 0 };                /* cpu_id_start, cpu_id: one CPU today */
    if (copy_to_user(t->rseq, ids, sizeof ids)) return -EFAULT;
    if (t->rseq_len > ORIG_RSEQ_SIZE) {    /* node_id, mm_cid */
        u32 more[2] = { 0, 0 };
        if (copy_to_user(t->rseq + 20, more, sizeof more)) return -EFAULT;
    }
    return 0;
}

long sys_rseq(uaddr_t rseq, u32 rseq_len, int flags, u32 sig) {
    struct task *t = current;
    if (flags & RSEQ_FLAG_UNREGISTER) {
        if (flags & ~RSEQ_FLAG_UNREGISTER) return -EINVAL;
        if (t->rseq != rseq || t->rseq_len != rseq_len) return -EINVAL;
        if (t->rseq_sig != sig) return -EPERM;
        u32 uninit[2] = { 0, (u32)-1 };   /* cpu_id = RSEQ_CPU_ID_UNINITIALIZED */
        copy_to_user(rseq, uninit, sizeof uninit);
        t->rseq = 0;
        t->rseq_len = 0;
        return 0;
    }
    if (flags) return -EINVAL;
    if (t->rseq) {
        if (t->rseq != rseq || t->rseq_len != rseq_len) return -EINVAL;
        return t->rseq_sig == sig ? -EBUSY : -EPERM;
    }
    if (rseq_len < ORIG_RSEQ_SIZE || (rseq_len == ORIG_RSEQ_SIZE && (rseq & 31)) ||
        (rseq_len != ORIG_RSEQ_SIZE && (rseq & 7)))
        return -EINVAL;
    t->rseq = rseq;
    t->rseq_len = rseq_len;
    t->rseq_sig = sig;
    if (write_ids(t)) { t->rseq = 0; return -EFAULT; }
    return 0;
}

/* On the way back to user space after a preemption or before a signal frame. */
void rseq_handle(struct trap_frame *tf) {
    struct task *t = current;
    t->rseq_preempted = false;
    if (!t->rseq) return;
    u64 csp;
    if (copy_from_user(&csp, t->rseq + RSEQ_CS_OFF, 8)) return;
    if (csp) {
        struct rseq_cs cs;
        if (copy_from_user(&cs, csp, sizeof cs)) return;
        if (tf->pc >= cs.start_ip && tf->pc - cs.start_ip < cs.post_commit_offset) {
            u32 s;
            if (copy_from_user(&s, cs.abort_ip - 4, 4) == 0 && s == t->rseq_sig) tf->pc = cs.abort_ip;
        }
        u64 zero = 0;
        copy_to_user(t->rseq + RSEQ_CS_OFF, &zero, 8);
    }
    write_ids(t);
}
