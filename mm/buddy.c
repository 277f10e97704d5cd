/* Binary buddy allocator (see mm/buddy.h). Free blocks of each order sit on a doubly linked list
 * threaded through struct page; a block's buddy is at index ^ (1 << order). */
#include "mm/buddy.h"
#include "lib/string.h"

static void list_push(struct buddy *b, unsigned order, u32 idx) {
    struct page *p = &b->pages[idx];
    p->prev = PFN_NONE;
    p->next = b->free_head[order];
    if (p->next != PFN_NONE) b->pages[p->next].prev = idx;
    b->free_head[order] = idx;
    p->flags = PG_FREE;
    p->order = order;
}

static void list_remove(struct buddy *b, unsigned order, u32 idx) {
    struct page *p = &b->pages[idx];
    if (p->prev != PFN_NONE) b->pages[p->prev].next = p->next;
    else b->free_head[order] = p->next;
    if (p->next != PFN_NONE) b->pages[p->next].prev = p->prev;
    p->flags &= ~PG_FREE;
}

void buddy_init(struct buddy *b, struct page *pages, u64 base_pfn, u64 npages) {
    b->pages = pages;
    b->base_pfn = base_pfn;
    b->npages = npages;
    b->nr_free = 0;
    for (unsigned i = 0; i < BUDDY_MAX_ORDER; i++) b->free_head[i] = PFN_NONE;
    memset(pages, 0, npages * sizeof(struct page));
    for (u64 i = 0; i < npages; i++) pages[i].flags = PG_RESERVED;
}

void buddy_free(struct buddy *b, u64 pfn, unsigned order) {
    u64 idx = pfn - b->base_pfn;
    b->nr_free += 1UL << order;
    b->pages[idx].flags = 0;
    while (order + 1 < BUDDY_MAX_ORDER) {
        u64 bud = idx ^ (1UL << order);
        if (bud + (1UL << order) > b->npages) break;
        struct page *bp = &b->pages[bud];
        if (!(bp->flags & PG_FREE) || bp->order != order) break;
        list_remove(b, order, bud);
        idx &= ~(1UL << order);
        order++;
    }
    list_push(b, order, idx);
}

void buddy_free_range(struct buddy *b, u64 pfn_start, u64 pfn_end) {
    if (pfn_start < b->base_pfn) pfn_start = b->base_pfn;
    if (pfn_end > b->base_pfn + b->npages) pfn_end = b->base_pfn + b->npages;
    if (pfn_start >= pfn_end) return;           /* entirely outside the managed range */
    u64 i = pfn_start - b->base_pfn, end = pfn_end - b->base_pfn;
    while (i < end) {
        unsigned order = 0;
        /* Largest aligned block that fits. */
        while (order + 1 < BUDDY_MAX_ORDER && (i & ((2UL << order) - 1)) == 0 && i + (2UL << order) <= end)
            order++;
        buddy_free(b, b->base_pfn + i, order);
        i += 1UL << order;
    }
}

u64 buddy_alloc(struct buddy *b, unsigned order) {
    unsigned o = order;
    while (o < BUDDY_MAX_ORDER && b->free_head[o] == PFN_NONE) o++;
    if (o >= BUDDY_MAX_ORDER) return PFN_NONE;
    u32 idx = b->free_head[o];
    list_remove(b, o, idx);
    while (o > order) {             /* split, returning upper halves */
        o--;
        list_push(b, o, idx + (1U << o));
    }
    struct page *p = &b->pages[idx];
    p->flags = 0;
    p->order = order;
    p->refcount = 1;
    b->nr_free -= 1UL << order;
    return b->base_pfn + idx;
}
