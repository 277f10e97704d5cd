/* The issue-3 leak test (from /tmp/lk/leak.c): 1000 fork+exec+wait of /bin/true and 1000 thread
 * create+join must leave free memory where it started. Prints the free-memory figures (sysinfo)
 * before and after; on Levitate (uname release containing "levitate") it fails when more than
 * 64 KiB went missing. On the oracle the figures are the host's, so only the runs are checked.
 * Usage: leak [N] (default 1000). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <string.h>
static unsigned long freemem(void) { struct sysinfo si; sysinfo(&si); return si.freeram * si.mem_unit; }
static void *thr(void *a) { return a; }
int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    /* warm up caches (slabs, the first exec) before measuring */
    for (int i = 0; i < 10; i++) { pid_t p = fork(); if (!p) { execl("/bin/true", "true", (char *)0); _exit(127); } waitpid(p, 0, 0); }
    for (int i = 0; i < 10; i++) { pthread_t t; pthread_create(&t, 0, thr, 0); pthread_join(t, 0); }
    unsigned long before = freemem();
    for (int i = 0; i < n; i++) {
        pid_t p = fork();
        if (p == 0) { execl("/bin/true", "true", (char *)0); _exit(127); }
        int st; if (waitpid(p, &st, 0) != p || st != 0) { printf("fork+exec+wait %d failed: st=%#x\n", i, st); return 1; }
    }
    unsigned long mid = freemem();
    for (int i = 0; i < n; i++) {
        pthread_t t; if (pthread_create(&t, 0, thr, (void *)(long)i)) { printf("pthread_create %d failed\n", i); return 1; }
        void *r; pthread_join(t, &r); if ((long)r != i) { printf("join %d bad\n", i); return 1; }
    }
    unsigned long after = freemem();
    printf("free before %lu KiB, after %d fork+exec+wait %lu KiB, after %d threads %lu KiB\n", before >> 10, n, mid >> 10, n, after >> 10);
    struct utsname u; uname(&u);
    /* Slab caches may keep a page or two; a per-iteration leak of even 64 bytes would exceed this. */
    long slack = 64 * 1024;
    if (strstr(u.release, "levitate") && ((long)(before - mid) > slack || (long)(before - after) > slack)) { printf("LEAK\n"); return 1; }
    return 0;
}
