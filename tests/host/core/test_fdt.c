/* Host unit tests of lib/fdt.c: QEMU's own device tree for `-M virt` (dumped by the make rule with
 * -append "a b" and an initrd) plus small trees built here, some of them malformed. */
#include "harness.h"
#include "lib/fdt.h"
#include <sys/stat.h>

static u8 *qemu_dtb;          /* the dumped DTB (totalsize bytes, 8-byte aligned) */
static size_t qemu_dtb_size;
static long initrd_size = -1;

static u8 *load(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    u8 *b = aligned_alloc(8, (n + 7) & ~7l);
    if (fread(b, 1, n, f) != (size_t)n) { free(b); fclose(f); return NULL; }
    fclose(f);
    *size = n;
    return b;
}

static u32 be32(const void *p) { return fdt32(p); }
static void put_be32(u8 *p, u32 v) { v = __builtin_bswap32(v); memcpy(p, &v, 4); }

/* ---- a tiny FDT writer ---- */

struct fdtw {
    u8 st[16384];
    size_t slen;
    char strs[2048];
    size_t strslen;
};
static void w_tok(struct fdtw *w, u32 t) { put_be32(w->st + w->slen, t); w->slen += 4; }
static void w_pad(struct fdtw *w) { while (w->slen & 3) w->st[w->slen++] = 0; }
static void w_begin(struct fdtw *w, const char *name) {
    w_tok(w, 1);
    size_t n = strlen(name) + 1;
    memcpy(w->st + w->slen, name, n);
    w->slen += n;
    w_pad(w);
}
static void w_end(struct fdtw *w) { w_tok(w, 2); }
static void w_nop(struct fdtw *w) { w_tok(w, 4); }
static u32 w_str(struct fdtw *w, const char *s) {
    for (size_t i = 0; i < w->strslen; i += strlen(w->strs + i) + 1)
        if (!strcmp(w->strs + i, s)) return i;
    u32 off = w->strslen;
    memcpy(w->strs + off, s, strlen(s) + 1);
    w->strslen += strlen(s) + 1;
    return off;
}
static void w_prop(struct fdtw *w, const char *name, const void *val, u32 len) {
    w_tok(w, 3);
    w_tok(w, len);
    w_tok(w, w_str(w, name));
    memcpy(w->st + w->slen, val, len);
    w->slen += len;
    w_pad(w);
}
static void w_prop_str(struct fdtw *w, const char *name, const char *s) { w_prop(w, name, s, strlen(s) + 1); }
static void w_prop_u32(struct fdtw *w, const char *name, u32 v) { u8 b[4]; put_be32(b, v); w_prop(w, name, b, 4); }
/* Lays out header, an empty reserve map, struct block and strings into an exactly-sized block. */
static u8 *w_finish(struct fdtw *w, size_t *size) {
    w_tok(w, 9);
    size_t off_rsv = 40, off_st = off_rsv + 16, off_str = off_st + w->slen, total = off_str + w->strslen;
    u8 *b = malloc(total);                      /* exactly sized (malloc is 16-byte aligned) */
    memset(b, 0, total);
    u32 hdr[10] = { 0xd00dfeed, total, off_st, off_str, off_rsv, 17, 16, 0, w->strslen, w->slen };
    for (int i = 0; i < 10; i++) put_be32(b + 4 * i, hdr[i]);
    memcpy(b + off_st, w->st, w->slen);
    memcpy(b + off_str, w->strs, w->strslen);
    if (size) *size = total;
    return b;
}

/* ---- QEMU's tree ---- */

#define NEED_DTB() do { if (!qemu_dtb) { h_fail("no QEMU DTB (pass its path as argv[1])"); return; } } while (0)

static void qemu_header(void) {
    NEED_DTB();
    EXPECT(fdt_valid(qemu_dtb), "fdt_valid");
    u32 ts = fdt_totalsize(qemu_dtb);
    EXPECT(ts > 40 && ts <= qemu_dtb_size, "totalsize %u, file %zu", ts, qemu_dtb_size);
}

static void chosen_bootargs(void) {
    NEED_DTB();
    u32 len = 0;
    const char *s = fdt_getprop(qemu_dtb, "/chosen", NULL, "bootargs", &len);
    EXPECT(s, "no /chosen bootargs");
    EXPECT(len == 4 && memcmp(s, "a b", 4) == 0, "bootargs \"%.*s\" len %u", (int)len, s, len);
    const char *sp = fdt_getprop(qemu_dtb, "/chosen", NULL, "stdout-path", &len);
    EXPECT(sp && !strcmp(sp, "/pl011@9000000"), "stdout-path %s", sp ? sp : "(null)");
}

static void chosen_initrd(void) {
    NEED_DTB();
    u32 l1 = 0, l2 = 0;
    const void *a = fdt_getprop(qemu_dtb, "/chosen", NULL, "linux,initrd-start", &l1);
    const void *b = fdt_getprop(qemu_dtb, "/chosen", NULL, "linux,initrd-end", &l2);
    EXPECT(a && b && (l1 == 4 || l1 == 8) && l1 == l2, "initrd props %p/%p len %u/%u", a, b, l1, l2);
    u64 s = l1 == 8 ? fdt64(a) : be32(a), e = l2 == 8 ? fdt64(b) : be32(b);
    EXPECT(s >= 0x40000000 && e > s, "initrd [%#lx, %#lx)", (unsigned long)s, (unsigned long)e);
    if (initrd_size >= 0) EXPECT(e - s == (u64)initrd_size, "initrd size %lu, file %ld", (unsigned long)(e - s), initrd_size);
}

static void memory_reg(void) {
    NEED_DTB();
    u32 len = 0;
    const u8 *r = fdt_getprop_prefix(qemu_dtb, "memory@", "reg", &len);
    EXPECT(r && len == 16, "memory@ reg %p len %u", (const void *)r, len);
    EXPECT(fdt64(r) == 0x40000000 && fdt64(r + 8) == 256ul << 20, "memory at %#lx size %#lx",
           (unsigned long)fdt64(r), (unsigned long)fdt64(r + 8));
    const char *dt = fdt_getprop_prefix(qemu_dtb, "memory@", "device_type", &len);
    EXPECT(dt && !strcmp(dt, "memory"), "device_type");
    /* The same node by full path. */
    const u8 *r2 = fdt_getprop(qemu_dtb, "/memory@40000000", NULL, "reg", &len);
    EXPECT(r2 == r, "by path: %p vs %p", (const void *)r2, (const void *)r);
}

static void compat_pl011(void) {
    NEED_DTB();
    u32 len = 0;
    const u8 *r = fdt_getprop(qemu_dtb, NULL, "arm,pl011", "reg", &len);
    EXPECT(r && len == 16, "pl011 reg %p len %u", (const void *)r, len);
    EXPECT(fdt64(r) == 0x9000000 && fdt64(r + 8) == 0x1000, "pl011 at %#lx size %#lx", (unsigned long)fdt64(r),
           (unsigned long)fdt64(r + 8));
    const u8 *irq = fdt_getprop(qemu_dtb, NULL, "arm,pl011", "interrupts", &len);
    EXPECT(irq && len == 12 && be32(irq + 4) == 1, "pl011 interrupts");
    /* A compatible that is the second string of the list matches too. */
    EXPECT(fdt_getprop(qemu_dtb, NULL, "arm,primecell", "reg", &len) != NULL, "arm,primecell (second entry)");
    /* A prefix of a compatible string is no match. */
    EXPECT(fdt_getprop(qemu_dtb, NULL, "arm,pl01", "reg", &len) == NULL, "\"arm,pl01\" matched");
}

static void compat_gic(void) {
    NEED_DTB();
    u32 len = 0;
    const u8 *r = fdt_getprop(qemu_dtb, NULL, "arm,cortex-a15-gic", "reg", &len);
    EXPECT(r && len == 32, "gic reg %p len %u", (const void *)r, len);
    EXPECT(fdt64(r) == 0x8000000 && fdt64(r + 8) == 0x10000 && fdt64(r + 16) == 0x8010000 && fdt64(r + 24) == 0x10000,
           "gic distributor %#lx cpu interface %#lx", (unsigned long)fdt64(r), (unsigned long)fdt64(r + 16));
    EXPECT(fdt_getprop(qemu_dtb, NULL, "arm,cortex-a15-gic", "interrupt-controller", &len) && len == 0,
           "empty property interrupt-controller");
}

static void paths(void) {
    NEED_DTB();
    u32 len = 0;
    const char *c = fdt_getprop(qemu_dtb, "/", NULL, "compatible", &len);
    EXPECT(c && !strcmp(c, "linux,dummy-virt"), "root compatible %s", c ? c : "(null)");
    const u8 *ac = fdt_getprop(qemu_dtb, "/", NULL, "#address-cells", &len);
    EXPECT(ac && len == 4 && be32(ac) == 2, "root #address-cells");
    const u8 *r = fdt_getprop(qemu_dtb, "/intc@8000000/v2m@8020000", NULL, "reg", &len);
    EXPECT(r && fdt64(r) == 0x8020000, "nested path reg");
    const u8 *pr = fdt_getprop(qemu_dtb, "/pl011@9000000", NULL, "reg", &len);
    EXPECT(pr && fdt64(pr) == 0x9000000, "/pl011@9000000 reg");
    EXPECT(fdt_getprop(qemu_dtb, "/chosen", NULL, "bootargs", NULL) != NULL, "NULL len pointer");
}

static void missing(void) {
    NEED_DTB();
    u32 len = 12345;
    EXPECT(fdt_getprop(qemu_dtb, "/chosen", NULL, "no-such-prop", &len) == NULL, "missing property");
    EXPECT(fdt_getprop(qemu_dtb, "/no-such-node", NULL, "reg", &len) == NULL, "missing node");
    EXPECT(fdt_getprop(qemu_dtb, "/chose", NULL, "bootargs", &len) == NULL, "path prefix matched");
    EXPECT(fdt_getprop(qemu_dtb, "/chosen/", NULL, "bootargs", &len) == NULL, "trailing slash matched");
    EXPECT(fdt_getprop(qemu_dtb, NULL, "no,such-device", "reg", &len) == NULL, "missing compatible");
    EXPECT(fdt_getprop_prefix(qemu_dtb, "nosuch@", "reg", &len) == NULL, "missing prefix");
    /* A property of a child node is not the parent's. */
    EXPECT(fdt_getprop(qemu_dtb, "/intc@8000000", NULL, "msi-controller", &len) == NULL,
           "the child v2m's msi-controller reported for /intc@8000000");
    EXPECT(fdt_getprop(qemu_dtb, NULL, "arm,cortex-a15-gic", "msi-controller", &len) == NULL,
           "child property via compatible");
    EXPECT(fdt_getprop(qemu_dtb, "/chosen", NULL, "reg", &len) == NULL, "/chosen has no reg");
}

static void bad_magic(void) {
    NEED_DTB();
    u8 *c = aligned_alloc(8, (qemu_dtb_size + 7) & ~(size_t)7);
    memcpy(c, qemu_dtb, qemu_dtb_size);
    c[0] ^= 0xff;
    u32 len;
    EXPECT(!fdt_valid(c), "bad magic accepted");
    EXPECT(fdt_getprop(c, "/chosen", NULL, "bootargs", &len) == NULL, "getprop on a bad magic");
    EXPECT(fdt_getprop(c, NULL, "arm,pl011", "reg", &len) == NULL, "getprop on a bad magic");
    EXPECT(fdt_getprop_prefix(c, "memory@", "reg", &len) == NULL, "getprop_prefix on a bad magic");
    free(c);
    EXPECT(!fdt_valid(NULL), "fdt_valid(NULL)");
    EXPECT(fdt_getprop(NULL, "/chosen", NULL, "bootargs", &len) == NULL, "getprop(NULL)");
}

/* ---- built trees ---- */

static void nops_and_order(void) {
    struct fdtw *w = calloc(1, sizeof *w);
    w_begin(w, "");
    w_nop(w);
    w_prop_u32(w, "#address-cells", 2);
    w_begin(w, "dev@1000");
    w_prop_u32(w, "a", 1);                      /* compatible is not the first property */
    w_nop(w);
    w_prop_str(w, "compatible", "vendor,first");
    w_nop(w);
    w_prop_u32(w, "b", 2);
    w_end(w);
    w_nop(w);
    w_begin(w, "dev@2000");
    w_prop(w, "compatible", "x,y\0vendor,second\0z", 20);
    w_prop_u32(w, "b", 3);
    w_begin(w, "sub");
    w_prop_u32(w, "b", 4);
    w_end(w);
    w_end(w);
    w_end(w);
    u8 *t = w_finish(w, NULL);
    u32 len;
    const u8 *p = fdt_getprop(t, NULL, "vendor,first", "a", &len);
    EXPECT(p && be32(p) == 1, "prop before compatible");
    p = fdt_getprop(t, NULL, "vendor,first", "b", &len);
    EXPECT(p && be32(p) == 2, "prop after compatible and NOPs");
    p = fdt_getprop(t, NULL, "vendor,second", "b", &len);
    EXPECT(p && be32(p) == 3, "middle entry of a compatible list");
    p = fdt_getprop(t, NULL, "z", "b", &len);
    EXPECT(p && be32(p) == 3, "last entry of a compatible list");
    p = fdt_getprop(t, "/dev@2000/sub", NULL, "b", &len);
    EXPECT(p && be32(p) == 4, "/dev@2000/sub");
    p = fdt_getprop_prefix(t, "dev@", "b", &len);
    EXPECT(p && be32(p) == 2, "prefix finds the first dev@");
    p = fdt_getprop(t, "/", NULL, "#address-cells", &len);
    EXPECT(p && be32(p) == 2, "root prop after a NOP");
    free(t);
    free(w);
}

/* Paths longer than the walker's 256-byte buffer must not confuse later lookups. */
static void long_paths(void) {
    struct fdtw *w = calloc(1, sizeof *w);
    char name[64];
    w_begin(w, "");
    w_begin(w, "x");
    for (int i = 0; i < 8; i++) {               /* 8 levels of 39-char names: a 320-char path */
        snprintf(name, sizeof name, "level%d-abcdefghijklmnopqrstuvwxyz012345", i);
        w_begin(w, name);
        w_prop_u32(w, "depth", i);
    }
    for (int i = 0; i < 8; i++) w_end(w);
    w_begin(w, "y");
    w_prop_str(w, "p", "inner");                /* /x/y */
    w_end(w);
    w_end(w);
    w_begin(w, "y");
    w_prop_str(w, "p", "outer");                /* /y */
    w_end(w);
    w_end(w);
    u8 *t = w_finish(w, NULL);
    u32 len;
    const char *s = fdt_getprop(t, "/x/y", NULL, "p", &len);
    EXPECT(s && !strcmp(s, "inner"), "/x/y p = %s", s ? s : "(null)");
    s = fdt_getprop(t, "/y", NULL, "p", &len);
    EXPECT(s && !strcmp(s, "outer"), "/y p = %s, expected \"outer\"", s ? s : "(null)");
    free(t);
    free(w);
}

/* ---- malformed headers and blocks: rejected, never read outside totalsize ---- */

/* A copy of QEMU's DTB cut to exactly totalsize bytes, with a header word changed. */
static u8 *corrupt_copy(int word, u32 value) {
    u32 ts = fdt_totalsize(qemu_dtb);
    u8 *c = malloc(ts);
    memcpy(c, qemu_dtb, ts);
    if (word >= 0) put_be32(c + 4 * word, value);
    return c;
}

static void lookups_fail(const u8 *c) {
    u32 len;
    EXPECT(fdt_getprop(c, "/chosen", NULL, "bootargs", &len) == NULL, "getprop by path on a corrupted tree");
    EXPECT(fdt_getprop(c, NULL, "arm,pl011", "reg", &len) == NULL, "getprop by compatible on a corrupted tree");
    EXPECT(fdt_getprop_prefix(c, "memory@", "reg", &len) == NULL, "getprop_prefix on a corrupted tree");
}

static void corrupt_off_struct(void) {
    NEED_DTB();
    u8 *c = corrupt_copy(2, 0x7ffffff0);       /* off_dt_struct far beyond totalsize */
    EXPECT(!fdt_valid(c), "off_dt_struct %#x beyond totalsize %u accepted", 0x7ffffff0, fdt_totalsize(c));
    lookups_fail(c);
    free(c);
}

static void corrupt_off_strings(void) {
    NEED_DTB();
    u8 *c = corrupt_copy(3, 0x7ffffff0);       /* off_dt_strings far beyond totalsize */
    EXPECT(!fdt_valid(c), "off_dt_strings beyond totalsize accepted");
    lookups_fail(c);
    free(c);
}

static void corrupt_totalsize(void) {
    NEED_DTB();
    u8 *c = corrupt_copy(-1, 0);
    u32 ts = fdt_totalsize(qemu_dtb);
    put_be32(c + 4, 64);                       /* totalsize smaller than the blocks it must contain
                                                * (init/main.c reserves only totalsize bytes of DTB) */
    EXPECT(!fdt_valid(c), "totalsize 64 (real %u) accepted", ts);
    free(c);
}

static void corrupt_version(void) {
    NEED_DTB();
    u8 *c = corrupt_copy(5, 1);                /* version 1 (< 16: node names were full paths then) */
    EXPECT(!fdt_valid(c), "version 1 accepted");
    free(c);
}

static void truncated_struct_block(void) {
    /* A struct block whose last node never ends (no FDT_END_NODE/FDT_END before the strings). */
    struct fdtw *w = calloc(1, sizeof *w);
    w_begin(w, "");
    w_begin(w, "chosen");
    w_prop_u32(w, "a", 1);
    size_t cut = w->slen;
    u8 *t0 = w_finish(w, NULL);
    /* Rebuild without the END token: copy header + rsvmap + struct up to `cut`, then strings. */
    size_t total = 56 + cut + w->strslen;
    u8 *t = malloc(total);
    memcpy(t, t0, 56 + cut);
    memcpy(t + 56 + cut, w->strs, w->strslen);
    put_be32(t + 4, total);
    put_be32(t + 12, 56 + cut);
    put_be32(t + 36, cut);
    u32 len;
    EXPECT(fdt_getprop(t, "/chosen", NULL, "nope", &len) == NULL, "lookup in an unterminated tree");
    free(t0);
    free(t);
    free(w);
}

static void bad_name_offset(void) {
    struct fdtw *w = calloc(1, sizeof *w);
    w_begin(w, "");
    w_begin(w, "chosen");
    w_tok(w, 3);                               /* a property whose name offset is far outside */
    w_tok(w, 4);
    w_tok(w, 0x40000000);
    w_tok(w, 0);
    w_end(w);
    w_end(w);
    u8 *t = w_finish(w, NULL);
    u32 len;
    EXPECT(fdt_getprop(t, "/chosen", NULL, "bootargs", &len) == NULL, "lookup");
    free(t);
    free(w);
}

static void bad_prop_len(void) {
    struct fdtw *w = calloc(1, sizeof *w);
    w_begin(w, "");
    w_begin(w, "chosen");
    w_tok(w, 3);                               /* a property longer than the whole tree */
    w_tok(w, 0x7fff0000);
    w_tok(w, w_str(w, "big"));
    w_end(w);
    w_end(w);
    u8 *t = w_finish(w, NULL);
    u32 len;
    EXPECT(fdt_getprop(t, "/chosen", NULL, "bootargs", &len) == NULL, "lookup past a huge property");
    const void *p = fdt_getprop(t, "/chosen", NULL, "big", &len);
    EXPECT(p == NULL, "a property running past totalsize is returned (len %#x)", len);
    free(t);
    free(w);
}

int main(int argc, char **argv) {
    h_init();
    if (argc > 1) {
        qemu_dtb = load(argv[1], &qemu_dtb_size);
        if (!qemu_dtb) printf("cannot read %s\n", argv[1]);
    }
    if (argc > 2) {
        struct stat st;
        if (stat(argv[2], &st) == 0) initrd_size = st.st_size;
    }
    RUN(qemu_header);
    RUN(chosen_bootargs);
    RUN(chosen_initrd);
    RUN(memory_reg);
    RUN(compat_pl011);
    RUN(compat_gic);
    RUN(paths);
    RUN(missing);
    RUN(bad_magic);
    RUN(nops_and_order);
    RUN(long_paths);
    RUN_ISOLATED(corrupt_off_struct);
    RUN_ISOLATED(corrupt_off_strings);
    RUN_ISOLATED(corrupt_totalsize);
    RUN_ISOLATED(corrupt_version);
    RUN_ISOLATED(truncated_struct_block);
    RUN_ISOLATED(bad_name_offset);
    RUN_ISOLATED(bad_prop_len);
    free(qemu_dtb);
    return h_finish("test_fdt");
}
