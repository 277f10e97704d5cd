/* Question 3: TLS on AArch64 (built with glibc and with musl). The thread pointer is TPIDR_EL0; the
 * C library sets it with `msr tpidr_el0` (no system call) for the main thread and through clone's
 * CLONE_SETTLS for new threads. Variant I: the static TLS block starts at TP + 16 (the 16-byte TCB),
 * rounded up to the TLS segment's alignment, and every thread gets its own copy of the initial
 * image. Checks it against the PT_TLS program header; exit 0 = all true. */
#include <elf.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>

static __thread long tvar = 0x1234567;
static __thread char tbig[64] __attribute__((aligned(64))) = { 1 };

static uintptr_t tp(void) { uintptr_t v; __asm__ volatile("mrs %0, tpidr_el0" : "=r"(v)); return v; }

static uintptr_t tls_lo, tls_hi;
static int check(const char *who)
{
    uintptr_t t = tp(), a = (uintptr_t)&tvar, b = (uintptr_t)tbig;
    int ok = t != 0 && a >= t + tls_lo && a + sizeof tvar <= t + tls_hi && b >= t + tls_lo &&
             b + sizeof tbig <= t + tls_hi && tvar == 0x1234567 && tbig[0] == 1 && b % 64 == 0;
    printf("%s: tp %% 16 = %lu, &tvar - tp in [16 aligned, end of PT_TLS]: %s, initial values: %s\n",
           who, (unsigned long)(t % 16), (a >= t + tls_lo && a < t + tls_hi) ? "yes" : "no",
           (tvar == 0x1234567 && tbig[0] == 1) ? "yes" : "no");
    return ok;
}

static void *thr(void *arg)
{
    int ok = check("thread");
    *(uintptr_t *)arg = tp();
    tvar = 1;
    return (void *)(long)ok;
}

int main(void)
{
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    for (unsigned long i = 0; i < n; i++)
        if (ph[i].p_type == PT_TLS) {
            uintptr_t al = ph[i].p_align ? ph[i].p_align : 1;
            tls_lo = (16 + al - 1) & ~(al - 1);
            tls_hi = tls_lo + ph[i].p_memsz;
            printf("PT_TLS: memsz %lu filesz %lu align %lu -> block at TP+%lu\n",
                   (unsigned long)ph[i].p_memsz, (unsigned long)ph[i].p_filesz, (unsigned long)al,
                   (unsigned long)tls_lo);
        }
    int ok = tls_hi != 0 && check("main");
    pthread_t t;
    uintptr_t other = 0;
    void *r;
    pthread_create(&t, NULL, thr, &other);
    pthread_join(t, &r);
    ok = ok && r && other != tp() && tvar == 0x1234567;
    printf("threads have distinct TP and copies: %s\n", ok ? "yes" : "no");
    return !ok;
}
