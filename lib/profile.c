/* A sampling profiler for finding where time goes under QEMU (boot option lv.profile): every timer
 * interrupt records the interrupted pc; at power-off the hottest addresses are printed. Kernel
 * addresses resolve with `addr2line -e build/levitate.elf`, user ones against the program. */
#include "lib/printk.h"
#include "arch/arm64/trap.h"
#include "proc/task.h"

extern struct trap_frame *irq_regs;
#define SLOTS 512
static struct { u64 pc; u32 n; int tid; char comm[TASK_COMM_LEN]; } hist[SLOTS];
static u64 total, kernel_samples;

void profile_sample(void) {
    struct trap_frame *tf = irq_regs;
    if (!tf) return;
    u64 pc = tf->pc;
    bool kernel = (tf->pstate & 0xf) != 0;
    total++;
    if (kernel) kernel_samples++;
    u32 h = (u32)((pc >> 2) * 2654435761u) % SLOTS;
    for (int i = 0; i < SLOTS; i++) {
        u32 s = (h + i) % SLOTS;
        if (hist[s].pc == pc && hist[s].tid == current->tid) { hist[s].n++; return; }
        if (!hist[s].pc) {
            hist[s].pc = pc;
            hist[s].n = 1;
            hist[s].tid = current->tid;
            for (int j = 0; j < TASK_COMM_LEN; j++) hist[s].comm[j] = current->comm[j];
            return;
        }
    }
}

void profile_report(void) {
    if (!total) return;
    printk("levitate: profile: %lu samples, %lu in the kernel\n", total, kernel_samples);
    for (int k = 0; k < 25; k++) {
        int best = -1;
        for (int i = 0; i < SLOTS; i++)
            if (hist[i].n && (best < 0 || hist[i].n > hist[best].n)) best = i;
        if (best < 0) break;
        printk("levitate: profile: %6u  %#lx  %s[%d]\n", hist[best].n, hist[best].pc, hist[best].comm, hist[best].tid);
        hist[best].n = 0;
    }
}
