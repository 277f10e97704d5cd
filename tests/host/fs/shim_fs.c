/* Host stand-ins for the kernel services fs/ uses (printk/panic/strlcpy come from
 * tests/host/core/shim.c):
 *   - kmalloc & co. are malloc, so ASan sees every fs allocation;
 *   - user memory is host memory: a uaddr_t is a host pointer, except that addresses below 64 KiB
 *     or outside the 47-bit user range fault (-EFAULT), so NULL and small bogus pointers behave;
 *   - pages are page-aligned malloc blocks (host_phys_offset 0: pa == va); shim_pages counts the
 *     live ones so tests can check tmpfs frees what it allocates;
 *   - `current` is one static task with a process, descriptor table and fs context;
 *   - clocks read the host clocks; wait queues never block (a sleep whose condition is false
 *     returns -ETIMEDOUT with a deadline, else -ERESTARTSYS as for a signal), so only
 *     non-blocking paths are testable.
 * Every function is weak: a test linking the real implementation (mm/kmalloc.c ...) wins. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "mm/page.h"
#include "lib/time.h"
#include "lib/random.h"
#include "proc/task.h"
#include "proc/wait.h"
#include "proc/process.h"
#include "mm/vm.h"
#include "uapi/errno.h"

#define WEAK __attribute__((weak))

WEAK u64 host_phys_offset;
struct task *host_current;
long shim_pages;
int shim_last_signal;

WEAK void *kmalloc(size_t size) { return malloc(size ? size : 1); }
WEAK void *kzalloc(size_t size) { return calloc(1, size ? size : 1); }
WEAK void kfree(void *p) { free(p); }
WEAK char *kstrdup(const char *s) { return strdup(s); }

static bool bad_range(uaddr_t a, size_t n) {
    return a < 0x10000 || a + n < a || a + n > 0x800000000000ULL;
}
WEAK int copy_from_user(void *dst, uaddr_t src, size_t n) {
    if (!n) return 0;
    if (bad_range(src, n)) return -EFAULT;
    memcpy(dst, (const void *)src, n);
    return 0;
}
WEAK int copy_from_user_mm(struct mm *mm, void *dst, uaddr_t src, size_t n) {
    (void)mm;                 /* one address space: the host's */
    return copy_from_user(dst, src, n);
}
WEAK int copy_to_user(uaddr_t dst, const void *src, size_t n) {
    if (!n) return 0;
    if (bad_range(dst, n)) return -EFAULT;
    memcpy((void *)dst, src, n);
    return 0;
}
WEAK int clear_user(uaddr_t dst, size_t n) {
    if (!n) return 0;
    if (bad_range(dst, n)) return -EFAULT;
    memset((void *)dst, 0, n);
    return 0;
}
WEAK long strncpy_from_user(char *dst, uaddr_t src, size_t max) {
    for (size_t i = 0; i < max; i++) {
        if (bad_range(src + i, 1)) return -EFAULT;
        dst[i] = ((const char *)src)[i];
        if (!dst[i]) return i;
    }
    return -ENAMETOOLONG;
}

WEAK paddr_t page_alloc(unsigned order) {
    void *p = aligned_alloc(PAGE_SIZE, PAGE_SIZE << order);
    if (p) shim_pages += 1L << order;
    return (paddr_t)p;
}
WEAK paddr_t page_alloc_zeroed(unsigned order) {
    paddr_t pa = page_alloc(order);
    if (pa) memset((void *)pa, 0x00, PAGE_SIZE << order);
    return pa;
}
WEAK void page_free(paddr_t pa, unsigned order) { shim_pages -= 1L << order; free((void *)pa); }
WEAK void page_put(paddr_t pa) { page_free(pa, 0); }     /* tests never share pages */
WEAK void page_get(paddr_t pa) { (void)pa; }
WEAK u64 nr_free_pages(void) { return 100000; }
WEAK u64 nr_total_pages(void) { return 131072; }

static u64 host_clock(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}
WEAK u64 clock_monotonic_ns(void) { return host_clock(CLOCK_MONOTONIC); }
WEAK u64 clock_realtime_ns(void) { return host_clock(CLOCK_REALTIME); }

WEAK void get_random_bytes(void *buf, size_t n) {
    for (size_t i = 0; i < n; i++) ((u8 *)buf)[i] = (u8)random();
}

WEAK void waitq_init(struct wait_queue *q) { q->lock.locked = 0; q->head = NULL; }
WEAK void wake_up_all(struct wait_queue *q) { for (struct wait_queue_entry *e = q->head; e; e = e->next) e->woken = true; }
WEAK void wake_up_one(struct wait_queue *q) { if (q->head) q->head->woken = true; }
WEAK int waitq_sleep(struct wait_queue *q, bool (*cond)(void *), void *arg, u64 deadline, bool intr) {
    if (cond && cond(arg)) return 0;
    return deadline ? -ETIMEDOUT : -512;   /* -ERESTARTSYS, as proc/wait.c says on a signal */
}
WEAK bool signal_pending(struct task *t) { (void)t; return false; }
WEAK int send_signal_task(struct task *t, int sig, int code) { (void)t; (void)code; shim_last_signal = sig; return 0; }

static struct task shim_task;
static struct process shim_proc;

/* The process table is the one task (procfs looks processes up). */
WEAK struct task *task_by_tid(pid_t tid) { return tid == shim_task.tid ? &shim_task : NULL; }
WEAK void for_each_process(void (*fn)(struct process *, void *), void *arg) { fn(&shim_proc, arg); }
WEAK u64 mm_total_vm(struct mm *mm) { (void)mm; return 0; }
WEAK u64 task_count(void) { return 1; }

void shim_boot(void) {
    static bool booted;
    if (booted) return;
    booted = true;
    srandom(1);
    host_current = &shim_task;
    shim_task.proc = &shim_proc;
    shim_task.tid = shim_proc.pid = 1;
    strcpy(shim_task.comm, "shim");
    strcpy(shim_proc.exe_path, "/bin/true");
    shim_proc.rlim[7].cur = 1024;          /* RLIMIT_NOFILE */
    shim_proc.rlim[7].max = 4096;
    vfs_init();
    shim_task.files = files_new();
    shim_task.fs = fs_new_root();
    if (!shim_task.files || !shim_task.fs) { fprintf(stderr, "shim_boot: no memory\n"); abort(); }
}

void shim_set_creds(uid_t uid, gid_t gid) {
    struct cred *c = &host_current->cred;
    c->uid = c->euid = c->suid = c->fsuid = uid;
    c->gid = c->egid = c->sgid = c->fsgid = gid;
}

/* mm/vm.c: mappings of a truncated file (the host tests have no address spaces). */
struct inode;
void mm_truncate_inode(struct inode *ino, u64 new_size) { (void)ino; (void)new_size; }
