/* Freestanding memory and string routines. The compiler may emit calls to memcpy/memset itself. */
#include "lib/string.h"

/* Unaligned 8-byte accesses are fine on normal memory (SCTLR_EL1.A = 0), so copies move 32 bytes
 * per iteration whatever the alignment; only the tail goes byte by byte. */
typedef u64 __attribute__((aligned(1), may_alias)) u64_u;

void *memcpy(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n >= 32) {
        u64 a = ((const u64_u *)s)[0], b = ((const u64_u *)s)[1];
        u64 c = ((const u64_u *)s)[2], e = ((const u64_u *)s)[3];
        ((u64_u *)d)[0] = a; ((u64_u *)d)[1] = b; ((u64_u *)d)[2] = c; ((u64_u *)d)[3] = e;
        d += 32; s += 32; n -= 32;
    }
    while (n >= 8) { *(u64_u *)d = *(const u64_u *)s; d += 8; s += 8; n -= 8; }
    while (n--) *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    u8 *d = dst;
    const u8 *s = src;
    if (d == s || n == 0) return dst;
    if (d < s || d >= s + n) return memcpy(dst, src, n);
    while (n >= 8) { n -= 8; *(u64_u *)(d + n) = *(const u64_u *)(s + n); }
    while (n--) d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    u8 *d = dst;
    u64 v = (u8)c;
    v |= v << 8; v |= v << 16; v |= v << 32;
    while (n >= 32) {
        ((u64_u *)d)[0] = v; ((u64_u *)d)[1] = v; ((u64_u *)d)[2] = v; ((u64_u *)d)[3] = v;
        d += 32; n -= 32;
    }
    while (n >= 8) { *(u64_u *)d = v; d += 8; n -= 8; }
    while (n--) *d++ = (u8)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const u8 *x = a, *y = b;
    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i]) return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

size_t strnlen(const char *s, size_t max) {
    size_t n = 0;
    while (n < max && s[n]) n++;
    return n;
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return (u8)*a - (u8)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i] || !a[i]) return (u8)a[i] - (u8)b[i];
    }
    return 0;
}

char *strchr(const char *s, int c) {
    for (; *s; s++)
        if (*s == (char)c) return (char *)s;
    return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c) {
    const char *r = NULL;
    for (; *s; s++)
        if (*s == (char)c) r = s;
    return c ? (char *)r : (char *)s;
}

size_t strlcpy(char *dst, const char *src, size_t size) {
    size_t n = strlen(src);
    if (size) {
        size_t c = n < size - 1 ? n : size - 1;
        memcpy(dst, src, c);
        dst[c] = 0;
    }
    return n;
}
