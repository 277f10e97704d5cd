/* Start-up and exit of a static C program (built twice: glibc and musl). A constructor
 * (init_array), a thread-local variable, main, an atexit handler and buffered stdout show each
 * step's place in the trace: stdout is a file or a pipe, so everything printed reaches write()
 * only when exit() flushes it, after the atexit handler ran. */
#include <stdio.h>
#include <stdlib.h>

static __thread int tls_counter = 40;
static int ctor_ran;

__attribute__((constructor)) static void ctor(void) { ctor_ran = 1; }
static void at_exit(void) { printf("atexit handler\n"); }

int main(int argc, char **argv __attribute__((unused)))
{
    tls_counter += 2;
    atexit(at_exit);
    printf("main: argc=%d ctor_ran=%d tls=%d\n", argc, ctor_ran, tls_counter);
    return 0;
}
