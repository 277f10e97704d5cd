/* A small vsnprintf: %d %i %u %x %X %o %p %s %c %%, flags '-' '0' ' ' '+' '#', width, precision,
 * length modifiers hh h l ll z t. Enough for the kernel log, the tracer and procfs text. */
#include "lib/printk.h"
#include "lib/string.h"

struct out { char *buf; size_t size, len; };

static void put(struct out *o, char c) {
    if (o->len + 1 < o->size) o->buf[o->len] = c;
    o->len++;
}

static void put_num(struct out *o, u64 v, bool neg, int base, bool upper, int width, int prec,
                    bool left, char pad, char sign, bool alt) {
    char tmp[24];
    int n = 0;
    u64 v0 = v;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    do { tmp[n++] = digits[v % base]; v /= base; } while (v);
    if (prec == 0 && n == 1 && tmp[0] == '0') n = 0;
    int zeros = prec > n ? prec - n : 0;
    int extra = (neg || sign) ? 1 : 0;
    if (alt && base == 16 && v0 == 0) alt = false;      /* glibc: %#x of 0 is "0" */
    if (alt && base == 16) extra += 2;
    if (alt && base == 8 && zeros == 0 && !(n > 0 && tmp[n - 1] == '0')) zeros = 1;
    int total = n + zeros + extra;
    if (!left && pad == ' ')
        for (int i = total; i < width; i++) put(o, ' ');
    if (neg) put(o, '-'); else if (sign) put(o, sign);
    if (alt && base == 16) { put(o, '0'); put(o, upper ? 'X' : 'x'); }
    if (!left && pad == '0')
        for (int i = total; i < width; i++) put(o, '0');
    for (int i = 0; i < zeros; i++) put(o, '0');
    while (n) put(o, tmp[--n]);
    if (left)
        for (int i = total; i < width; i++) put(o, ' ');
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
    struct out o = { buf, size, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') { put(&o, *fmt); continue; }
        fmt++;
        bool left = false, alt = false;
        char pad = ' ', sign = 0;
        for (;; fmt++) {
            if (*fmt == '-') left = true;
            else if (*fmt == '0') pad = '0';
            else if (*fmt == '+') sign = '+';
            else if (*fmt == ' ') { if (!sign) sign = ' '; }
            else if (*fmt == '#') alt = true;
            else break;
        }
        int width = 0, prec = -1;
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
            if (width < 0) { left = true; width = width == -2147483647 - 1 ? 2147483647 : -width; }
        }
        else while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
        if (*fmt == '.') {
            fmt++; prec = 0;
            if (*fmt == '*') { prec = va_arg(ap, int); fmt++; }
            else while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
        }
        int lng = 0;
        for (;; fmt++) {
            if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') lng = 2;
            else if (*fmt == 'h') lng = lng > 0 ? lng : (lng - 1);
            else break;
        }
        if (width > 65536) width = 65536;        /* the kernel never needs more; keeps INT_MIN/MAX sane */
        if (prec > 65536) prec = 65536;
        if (prec >= 0 && pad == '0') pad = ' ';
        switch (*fmt) {
        case 'd': case 'i': {
            s64 v = lng == 2 ? va_arg(ap, long) : va_arg(ap, int);
            if (lng == -1) v = (short)v; else if (lng == -2) v = (signed char)v;
            put_num(&o, v < 0 ? -(u64)v : (u64)v, v < 0, 10, false, width, prec, left, pad, sign, false);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            u64 v = lng == 2 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            if (lng == -1) v = (u16)v; else if (lng == -2) v = (u8)v;
            int base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            put_num(&o, v, false, base, *fmt == 'X', width, prec, left, pad, 0, alt);
            break;
        }
        case 'p': {
            u64 v = (u64)va_arg(ap, void *);
            if (!v) {                                   /* glibc prints a null pointer as (nil) */
                const char *nil = "(nil)";
                if (!left) for (int i = 5; i < width; i++) put(&o, ' ');
                for (int i = 0; i < 5; i++) put(&o, nil[i]);
                if (left) for (int i = 5; i < width; i++) put(&o, ' ');
                break;
            }
            put_num(&o, v, false, 16, false, width, -1, left, pad, 0, true);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            if (!left) for (int i = 1; i < width; i++) put(&o, ' ');
            put(&o, c);
            if (left) for (int i = 1; i < width; i++) put(&o, ' ');
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) s = "(null)";
            size_t n = prec >= 0 ? strnlen(s, prec) : strlen(s);
            if (!left) for (size_t i = n; i < (size_t)width; i++) put(&o, ' ');
            for (size_t i = 0; i < n; i++) put(&o, s[i]);
            if (left) for (size_t i = n; i < (size_t)width; i++) put(&o, ' ');
            break;
        }
        case '%': put(&o, '%'); break;
        default: put(&o, '%'); if (*fmt) put(&o, *fmt); else fmt--; break;
        }
    }
    if (size) buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
