/* Host stand-ins for the few kernel services the units under test call: printk prints to stdout,
 * panic (and so BUG_ON) aborts, strlcpy (not in glibc 2.36) copies like the kernel's. The memory
 * and string functions themselves come from the host libc (so ASan checks their arguments). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void printk(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "kernel panic: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    abort();
}

#if !defined(__GLIBC__) || !__GLIBC_PREREQ(2, 38)
size_t strlcpy(char *dst, const char *src, size_t size) {
    size_t n = strlen(src);
    if (size) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(dst, src, c);
        dst[c] = 0;
    }
    return n;
}
#endif
