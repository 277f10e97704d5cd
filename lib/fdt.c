/* FDT (devicetree spec v0.3, chapter 5) walker. Big-endian tokens; property values are unaligned-safe
 * because the FDT blob itself is 8-byte aligned and cells are 4-byte aligned. */
#include "lib/fdt.h"
#include "lib/string.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

struct hdr { u32 magic, totalsize, off_struct, off_strings, off_rsvmap, version, last_comp, boot_cpu, size_strings, size_struct; };

/* The header must describe blocks that lie inside totalsize (version 16+, as Linux requires). */
bool fdt_valid(const void *fdt) {
    if (!fdt || fdt32(fdt) != FDT_MAGIC) return false;
    const u8 *h = fdt;
    u32 total = fdt32(h + 4), off_struct = fdt32(h + 8), off_strings = fdt32(h + 12),
        version = fdt32(h + 20), size_strings = fdt32(h + 32), size_struct = fdt32(h + 36);
    if (version < 16 || total < 40 || total > (64u << 20)) return false;
    if (off_struct > total || size_struct > total - off_struct || (off_struct & 3)) return false;
    if (off_strings > total || size_strings > total - off_strings) return false;
    return true;
}
u32 fdt_totalsize(const void *fdt) { return fdt32((const u8 *)fdt + 4); }

static bool compat_has(const char *list, u32 len, const char *want) {
    u32 i = 0;
    while (i < len) {
        u32 n = strnlen(list + i, len - i);
        if (n == strlen(want) && memcmp(list + i, want, n) == 0) return true;
        i += n + 1;
    }
    return false;
}

#define MAX_DEPTH 32
/* mode 0: match by full path; 1: by compatible; 2: by node-name prefix. Every read is bounded by
 * the struct and strings blocks; a malformed tree gives NULL. */
static const void *find(const void *fdt, int mode, const char *key, const char *prop, u32 *lenp) {
    if (!fdt_valid(fdt)) return NULL;
    const u8 *base = fdt;
    const u8 *p = base + fdt32(base + 8), *end = p + fdt32(base + 36);
    const char *strings = (const char *)base + fdt32(base + 12);
    u32 strsize = fdt32(base + 32);
    char path[256];
    size_t plen = 0, saved[MAX_DEPTH];
    bool overflow[MAX_DEPTH];
    int depth = 0, match_depth = -1;
    path[0] = 0;
    while (p + 4 <= end) {
        u32 tok = fdt32(p); p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            size_t n = strnlen(name, end - p);
            if (n == (size_t)(end - p) || depth >= MAX_DEPTH) return NULL;
            p += ALIGN_UP(n + 1, 4);
            saved[depth] = plen;
            overflow[depth] = false;
            if (depth == 0) { path[0] = '/'; path[1] = 0; plen = 1; }
            else if (plen + n + 2 < sizeof path && !(depth > 0 && overflow[depth - 1])) {
                if (plen != 1) path[plen++] = '/';
                memcpy(path + plen, name, n);
                plen += n;
                path[plen] = 0;
            } else overflow[depth] = true;            /* too deep to name: matches no path */
            depth++;
            if ((mode == 0 && !overflow[depth - 1] && strcmp(path, key) == 0) ||
                (mode == 2 && strncmp(name, key, strlen(key)) == 0))
                match_depth = depth;
            if (mode == 1) {
                for (const u8 *q = p; q + 12 <= end;) {
                    u32 t = fdt32(q);
                    if (t == FDT_NOP) { q += 4; continue; }
                    if (t != FDT_PROP) break;
                    u32 len = fdt32(q + 4), nameoff = fdt32(q + 8);
                    if (len > (u32)(end - q - 12) || nameoff >= strsize) return NULL;
                    if (strncmp(strings + nameoff, "compatible", strsize - nameoff) == 0 &&
                        compat_has((const char *)q + 12, len, key))
                        match_depth = depth;
                    q += 12 + ALIGN_UP(len, 4);
                }
            }
        } else if (tok == FDT_END_NODE) {
            if (depth == 0) return NULL;
            if (depth == match_depth) return NULL;    /* matched node had no such property */
            depth--;
            plen = saved[depth];
            path[plen] = 0;
        } else if (tok == FDT_PROP) {
            if (p + 8 > end) return NULL;
            u32 len = fdt32(p), nameoff = fdt32(p + 4);
            if (len > (u32)(end - p - 8) || nameoff >= strsize) return NULL;
            if (depth == match_depth && strncmp(strings + nameoff, prop, strsize - nameoff) == 0) {
                if (lenp) *lenp = len;
                return p + 8;
            }
            p += 8 + ALIGN_UP(len, 4);
        } else if (tok == FDT_NOP) {
        } else break;
    }
    return NULL;
}

const void *fdt_getprop(const void *fdt, const char *path, const char *compat, const char *prop, u32 *len) {
    return path ? find(fdt, 0, path, prop, len) : find(fdt, 1, compat, prop, len);
}

const void *fdt_getprop_prefix(const void *fdt, const char *prefix, const char *prop, u32 *len) {
    return find(fdt, 2, prefix, prop, len);
}
