/* Flattened device tree reader: just enough to find memory, /chosen and devices by compatible. */
#pragma once
#include "lib/types.h"

bool fdt_valid(const void *fdt);
u32 fdt_totalsize(const void *fdt);
/* Finds a property of the first node whose path is `path` (e.g. "/chosen") or, if path is NULL,
 * of the first node whose "compatible" list contains `compat`. Returns NULL if absent. */
const void *fdt_getprop(const void *fdt, const char *path, const char *compat, const char *prop, u32 *len);
/* Same, but for nodes whose name starts with `prefix` (e.g. "memory@"). */
const void *fdt_getprop_prefix(const void *fdt, const char *prefix, const char *prop, u32 *len);
static inline u32 fdt32(const void *p) { return __builtin_bswap32(*(const u32 *)p); }
static inline u64 fdt64(const void *p) {
    const u8 *b = p;
    return ((u64)fdt32(b) << 32) | fdt32(b + 4);
}
