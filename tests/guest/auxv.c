/* Prints what a static C program gets from exec: argv, the environment and some auxv entries.
 * Built twice: against glibc and against musl. Deterministic output except the AT_HWCAP value line
 * (the oracle's CPU model differs from the guest's), which the runner leaves out of the comparison. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

#ifndef HWCAP_FP
#define HWCAP_FP (1UL << 0)
#endif
#ifndef HWCAP_ASIMD
#define HWCAP_ASIMD (1UL << 1)
#endif

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=\"%s\"\n", i, argv[i]);
    if (argv[argc] != NULL)
        printf("argv[argc] is not NULL\n");
    int n = 0;
    for (char **e = environ; *e; e++, n++)
        printf("env[%d]=\"%s\"\n", n, *e);
    printf("envc=%d\n", n);

    unsigned long pagesz = getauxval(AT_PAGESZ);
    printf("AT_PAGESZ=%lu sysconf(_SC_PAGESIZE)=%ld\n", pagesz, sysconf(_SC_PAGESIZE));

    unsigned long hwcap = getauxval(AT_HWCAP);
    printf("AT_HWCAP value=%#lx\n", hwcap);
    printf("AT_HWCAP has FP and ASIMD: %s\n",
           (hwcap & (HWCAP_FP | HWCAP_ASIMD)) == (HWCAP_FP | HWCAP_ASIMD) ? "yes" : "no");

    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    printf("AT_RANDOM non-NULL: %s\n", rnd ? "yes" : "no");
    if (rnd) {
        unsigned x = 0;
        for (int i = 0; i < 16; i++)
            x += rnd[i];             /* must not fault: 16 readable bytes */
        volatile unsigned sink = x;
        (void)sink;
        printf("AT_RANDOM 16 bytes readable: yes\n");
    }
    printf("AT_UID=%lu AT_EUID=%lu AT_GID=%lu AT_EGID=%lu AT_SECURE=%lu\n",
           getauxval(AT_UID), getauxval(AT_EUID), getauxval(AT_GID), getauxval(AT_EGID),
           getauxval(AT_SECURE));
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN non-NULL: %s\n", execfn ? "yes" : "no");
    printf("AT_PHDR non-zero: %s, AT_ENTRY non-zero: %s\n", getauxval(AT_PHDR) ? "yes" : "no",
           getauxval(AT_ENTRY) ? "yes" : "no");
    return 0;
}
