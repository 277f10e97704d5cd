/* Physical page allocator: the buddy allocator (mm/buddy.c) over all RAM from the device tree,
 * with its struct page array carved from the start of free RAM. */
#include "mm/page.h"
#include "lib/printk.h"
#include "lib/spinlock.h"
#include "lib/string.h"

static struct buddy buddy;
static spinlock_t lock = SPINLOCK_INIT;
static paddr_t ram_base, ram_end;
#define MAX_RESERVED 16
static struct { paddr_t s, e; } reserved[MAX_RESERVED];
static int nr_reserved;

void page_alloc_init(paddr_t start, u64 size) {
    ram_base = start;
    ram_end = start + size;
}

void page_reserve(paddr_t s, paddr_t e) {
    BUG_ON(nr_reserved == MAX_RESERVED);
    reserved[nr_reserved].s = s & PAGE_MASK;
    reserved[nr_reserved].e = ALIGN_UP(e, PAGE_SIZE);
    nr_reserved++;
}

static bool overlaps_reserved(paddr_t s, paddr_t e, paddr_t *skip_to) {
    for (int i = 0; i < nr_reserved; i++)
        if (s < reserved[i].e && reserved[i].s < e) { *skip_to = reserved[i].e; return true; }
    return false;
}

void page_alloc_ready(void) {
    u64 npages = (ram_end - ram_base) >> PAGE_SHIFT;
    u64 array_bytes = ALIGN_UP(npages * sizeof(struct page), PAGE_SIZE);
    /* Place the page array in the first free gap big enough. */
    paddr_t at = ram_base, skip;
    while (overlaps_reserved(at, at + array_bytes, &skip)) at = skip;
    BUG_ON(at + array_bytes > ram_end);
    page_reserve(at, at + array_bytes);
    buddy_init(&buddy, phys_to_virt(at), ram_base >> PAGE_SHIFT, npages);
    /* Free everything outside the reserved ranges. */
    paddr_t p = ram_base;
    while (p < ram_end) {
        paddr_t next = ram_end;
        for (int i = 0; i < nr_reserved; i++)
            if (reserved[i].s > p && reserved[i].s < next) next = reserved[i].s;
        if (overlaps_reserved(p, p + PAGE_SIZE, &skip)) { p = skip; continue; }
        buddy_free_range(&buddy, p >> PAGE_SHIFT, next >> PAGE_SHIFT);
        p = next;
    }
}

paddr_t page_alloc(unsigned order) {
    u64 f = spin_lock_irqsave(&lock);
    u64 pfn = buddy_alloc(&buddy, order);
    spin_unlock_irqrestore(&lock, f);
    return pfn == PFN_NONE ? 0 : pfn << PAGE_SHIFT;
}

paddr_t page_alloc_zeroed(unsigned order) {
    paddr_t pa = page_alloc(order);
    if (pa) memset(phys_to_virt(pa), 0, PAGE_SIZE << order);
    return pa;
}

void page_free(paddr_t pa, unsigned order) {
    u64 f = spin_lock_irqsave(&lock);
    buddy_free(&buddy, pa >> PAGE_SHIFT, order);
    spin_unlock_irqrestore(&lock, f);
}

struct page *pa_to_page(paddr_t pa) {
    if (pa < ram_base || pa >= ram_end) return NULL;
    return &buddy.pages[(pa - ram_base) >> PAGE_SHIFT];
}

void page_get(paddr_t pa) {
    struct page *p = pa_to_page(pa);
    if (p) __atomic_add_fetch(&p->refcount, 1, __ATOMIC_RELAXED);
}

void page_put(paddr_t pa) {
    struct page *p = pa_to_page(pa);
    if (p && __atomic_sub_fetch(&p->refcount, 1, __ATOMIC_ACQ_REL) == 0) page_free(pa & PAGE_MASK, 0);
}

u64 nr_free_pages(void) { return buddy.nr_free; }
u64 nr_total_pages(void) { return buddy.npages; }
