/* Helpers shared by the process/thread/signal/memory guest tests (issue 3): raw system calls that
 * never touch errno (safe in threads made with a raw clone, which share the parent's TLS), a raw
 * thread clone with a fresh stack, and the "are we on Levitate?" test used where qemu-user (the
 * Linux oracle) is known to differ from Linux.
 *
 * Where a check depends on a known difference (FACTS.md, or measured: each STRICT check names it),
 * it runs only under strict(), or the test accepts exactly the documented qemu-user result when
 * not strict(); everything else is checked identically on both. Sections (run_sections) let TESTS
 * run part of a program, so that a known Levitate bug can be an xfail test of its own. */
#ifndef LV_LV_H
#define LV_LV_H
#include "check.h"
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/futex.h>
#include <time.h>

/* Levitate's uname release ends in "-levitate"; qemu-user passes the host's release through. */
static int on_levitate(void)
{
    static int cached = -1;
    if (cached < 0) {
        struct utsname u;
        cached = uname(&u) == 0 && strstr(u.release, "levitate") != NULL;
    }
    return cached;
}

/* Raw syscalls returning -errno (no errno, no TLS). */
static inline long rsys6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}
#define rsys(n, ...) rsys_(n, ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define rsys_(n, a, b, c, d, e, f, ...) rsys6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* long lv_clone(flags, stack_top, ptid, tls, ctid, fn, arg): clone(2) with a new stack; the child
 * runs fn(arg) on that stack and then calls exit (SYS_exit, only this thread) with its result.
 * Returns what clone returns in the parent: the child's tid or -errno. */
long lv_clone(unsigned long flags, void *stack_top, int *ptid, unsigned long tls, int *ctid,
              int (*fn)(void *), void *arg);
__asm__(".text\n"
        ".global lv_clone\n"
        ".type lv_clone, %function\n"
        "lv_clone:\n"
        "    and x1, x1, #-16\n"
        "    stp x5, x6, [x1, #-16]!\n"   /* fn, arg on the child's stack */
        "    mov x8, #220\n"              /* SYS_clone: flags, newsp, ptid, tls, ctid */
        "    svc #0\n"
        "    cbz x0, 1f\n"
        "    ret\n"
        "1:  ldp x1, x0, [sp], #16\n"
        "    mov x29, xzr\n"
        "    mov x30, xzr\n"
        "    blr x1\n"
        "    mov x8, #93\n"               /* SYS_exit */
        "    svc #0\n"
        "    brk #0\n"
        ".size lv_clone, .-lv_clone\n");

/* clone / clone3 whose child, if one is (wrongly) created, calls exit(0) at once without touching
 * memory: for error checks that must not corrupt the caller when the kernel accepts the call. */
long raw_clone_exit(unsigned long flags, void *stack, int *ptid, unsigned long tls, int *ctid);
long raw_clone3_exit(void *args, size_t size);
__asm__(".text\n"
        ".global raw_clone_exit\n"
        "raw_clone_exit:\n"
        "    mov x8, #220\n"
        "    b 2f\n"
        ".global raw_clone3_exit\n"
        "raw_clone3_exit:\n"
        "    mov x8, #435\n"
        "2:  svc #0\n"
        "    cbz x0, 1f\n"
        "    ret\n"
        "1:  mov x8, #93\n"
        "    svc #0\n"
        "    brk #0\n");

/* The flags glibc's pthread_create uses (FACTS.md), without the ones given per call. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)

/* A stack for lv_clone: an anonymous mapping; returns its top. */
#include <sys/mman.h>
__attribute__((unused)) static void *new_stack(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    return (char *)p + size;
}

/* Futex wait until *addr != val (raw; usable in raw threads too). */
static inline void futex_wait_ne(volatile int *addr, int val)
{
    while (__atomic_load_n(addr, __ATOMIC_SEQ_CST) == val)
        rsys(SYS_futex, addr, 0 /* FUTEX_WAIT */, val, 0, 0, 0);
}

/* fork through clone(SIGCHLD), as glibc's fork does (minus the tid flags). */
__attribute__((unused)) static long lv_fork(void) { return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0); }

/* Wait for pid and return its raw status (-1 and a failed check when wait4 fails). */
__attribute__((unused)) static int reap(long pid)
{
    int st = 0;
    long r;
    do
        r = syscall(SYS_wait4, pid, &st, __WALL, NULL);
    while (r < 0 && errno == EINTR);
    CHECK(r == pid, "wait4(%ld) returned %ld errno=%d", pid, r, errno);
    return r == pid ? st : -1;
}

/* strict(): check what Linux does even where qemu-user (the oracle) is known to differ. True on
 * Levitate, and on a real Linux kernel when LV_STRICT=1 is in the environment (how these tests were
 * checked against Debian's arm64 kernel booted in the same QEMU). */
static int strict(void)
{
    static int cached = -1;
    if (cached < 0) {
        const char *e = getenv("LV_STRICT");
        cached = on_levitate() || (e && strcmp(e, "1") == 0);
    }
    return cached;
}

/* A check that only strict() runs, because qemu-user is known to differ from Linux there; WHY says
 * how (it is printed with the failure). */
#define STRICT(cond, why, ...) do {                                                     \
        if (strict())                                                                   \
            CHECK(cond, __VA_ARGS__);                                                   \
    } while (0)

/* Run fn in a forked child (so it may change the process's session, ids or limits); the child's
 * failed checks print there and make the child exit 1, which fails a check here. */
__attribute__((unused)) static void checked_in_child(void (*fn)(void), const char *what)
{
    fflush(stdout);
    long pid = lv_fork();
    if (pid == 0) {
        checks_failed = 0;
        fn();
        syscall(SYS_exit_group, checks_failed ? 1 : 0);
    }
    int st = pid > 0 ? reap(pid) : -1;
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s (in a child): status %#x", what, st);
}

/* Sections: `prog` runs them all, `prog NAME...` only those (TESTS can then run a section with a
 * known Levitate bug as its own xfail test without hiding the rest). */
struct section {
    const char *name;
    void (*fn)(void);
};
static int run_sections(const char *prog, const struct section *s, int n, int argc, char **argv)
{
    start(prog);
    if (argc < 2) {
        for (int i = 0; i < n; i++)
            s[i].fn();
    } else {
        for (int a = 1; a < argc; a++) {
            int found = 0;
            for (int i = 0; i < n; i++)
                if (strcmp(argv[a], s[i].name) == 0) {
                    s[i].fn();
                    found = 1;
                }
            CHECK(found, "unknown section %s", argv[a]);
        }
    }
    return finish();
}
#define RUN_SECTIONS(prog, tab, argc, argv) run_sections(prog, tab, sizeof tab / sizeof tab[0], argc, argv)
#endif
