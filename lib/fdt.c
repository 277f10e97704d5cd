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

bool fdt_valid(const void *fdt) { return fdt && fdt32(fdt) == FDT_MAGIC; }
u32 fdt_totalsize(const void *fdt) { return fdt32((const u8 *)fdt + 4); }

static bool compat_has(const char *list, u32 len, const char *want) {
    u32 i = 0;
    while (i < len) {
        if (strcmp(list + i, want) == 0) return true;
        i += strlen(list + i) + 1;
    }
    return false;
}

/* mode 0: match by full path; 1: by compatible; 2: by node-name prefix */
static const void *find(const void *fdt, int mode, const char *key, const char *prop, u32 *lenp) {
    if (!fdt_valid(fdt)) return NULL;
    const u8 *base = fdt;
    const u8 *p = base + fdt32(base + 8);
    const char *strings = (const char *)base + fdt32(base + 12);
    char path[256];
    size_t plen = 0;
    path[0] = 0;
    int depth = 0, match_depth = -1;
    const void *found = NULL; u32 found_len = 0;
    /* For compatible matching we need to see the node's compatible before its other props:
     * remember the props of the current node and resolve at the node end. */
    const u8 *node_props_start = NULL;
    for (;;) {
        u32 tok = fdt32(p); p += 4;
        if (tok == FDT_BEGIN_NODE) {
            const char *name = (const char *)p;
            size_t n = strlen(name);
            p += ALIGN_UP(n + 1, 4);
            if (depth > 0 && plen + n + 2 < sizeof(path)) {
                if (plen != 1) path[plen++] = '/';
                memcpy(path + plen, name, n);
                plen += n;
                path[plen] = 0;
            } else if (depth == 0) { path[0] = '/'; path[1] = 0; plen = 1; }
            depth++;
            node_props_start = p;
            if ((mode == 0 && strcmp(path, key) == 0) || (mode == 2 && strncmp(name, key, strlen(key)) == 0))
                match_depth = depth;
            if (mode == 1) {
                /* scan this node's props for compatible */
                const u8 *q = p;
                for (;;) {
                    u32 t = fdt32(q);
                    if (t == FDT_NOP) { q += 4; continue; }
                    if (t != FDT_PROP) break;
                    u32 len = fdt32(q + 4), nameoff = fdt32(q + 8);
                    if (strcmp(strings + nameoff, "compatible") == 0 && compat_has((const char *)q + 12, len, key))
                        match_depth = depth;
                    q += 12 + ALIGN_UP(len, 4);
                }
            }
        } else if (tok == FDT_END_NODE) {
            if (depth == match_depth) break;
            depth--;
            while (plen > 1 && path[plen - 1] != '/') plen--;
            if (plen > 1) plen--;
            path[plen] = 0;
        } else if (tok == FDT_PROP) {
            u32 len = fdt32(p), nameoff = fdt32(p + 4);
            if (depth == match_depth && strcmp(strings + nameoff, prop) == 0) {
                found = p + 8; found_len = len;
                break;
            }
            p += 8 + ALIGN_UP(len, 4);
        } else if (tok == FDT_NOP) {
        } else break;
    }
    (void)node_props_start;
    if (found && lenp) *lenp = found_len;
    return found;
}

const void *fdt_getprop(const void *fdt, const char *path, const char *compat, const char *prop, u32 *len) {
    return path ? find(fdt, 0, path, prop, len) : find(fdt, 1, compat, prop, len);
}

const void *fdt_getprop_prefix(const void *fdt, const char *prefix, const char *prop, u32 *len) {
    return find(fdt, 2, prefix, prop, len);
}
