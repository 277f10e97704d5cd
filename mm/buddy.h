/* Binary buddy allocator over page frame numbers. Pure logic (no hardware access) so the host unit
 * tests exercise it directly; mm/page_alloc.c wraps it with physical addresses and a lock. */
#pragma once
#include "lib/types.h"

#define BUDDY_MAX_ORDER 11          /* blocks of 2^0 .. 2^10 pages (4 KiB .. 4 MiB) */
#define PFN_NONE ((u32)-1)

/* One per page frame. Also used by mm/kmalloc.c (slab class) and, later, COW refcounts. */
struct page {
    u32 refcount;
    u8 order;                       /* order of the block this page heads */
    u8 flags;
    u16 slab_class;                 /* kmalloc size class (PG_SLAB) */
    u32 next, prev;                 /* free-list links (page indices) */
    void *slab_free;                /* first free object (PG_SLAB) */
    u32 slab_inuse;
    u32 pad;
};
#define PG_FREE     0x01            /* heads a free block */
#define PG_RESERVED 0x02            /* never allocatable (kernel image, DTB, holes) */
#define PG_SLAB     0x04            /* a kmalloc slab page */
#define PG_BIG      0x08            /* heads a multi-page kmalloc block */

struct buddy {
    struct page *pages;             /* npages entries, index = pfn - base_pfn */
    u64 base_pfn, npages;
    u32 free_head[BUDDY_MAX_ORDER];
    u64 nr_free;                    /* free pages */
};

/* All pages start reserved; buddy_free_range releases the usable ones. */
void buddy_init(struct buddy *b, struct page *pages, u64 base_pfn, u64 npages);
void buddy_free_range(struct buddy *b, u64 pfn_start, u64 pfn_end);
/* Returns the first pfn of a 2^order block, or PFN_NONE when none is free. */
u64 buddy_alloc(struct buddy *b, unsigned order);
void buddy_free(struct buddy *b, u64 pfn, unsigned order);
