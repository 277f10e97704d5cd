/* Kernel heap: objects of 16..2048 bytes come from slab pages of one size class each (the free
 * objects are chained through their first word); bigger requests get whole page blocks. kfree
 * finds the class from the struct page of the address, so no per-object header is needed. */
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "lib/spinlock.h"
#include "lib/string.h"

#define NR_CLASSES 8                  /* 16, 32, ..., 2048 */
static spinlock_t lock = SPINLOCK_INIT;
static bool inited;
static paddr_t partial_pa[NR_CLASSES];

static unsigned class_of(size_t size) {
    unsigned c = 0;
    while ((16UL << c) < size) c++;
    return c;
}

static void *slab_alloc(unsigned c) {
    size_t osize = 16UL << c;
    paddr_t pa = partial_pa[c];
    struct page *pg = pa ? pa_to_page(pa) : NULL;
    if (!pg || !pg->slab_free) {
        pa = page_alloc(0);
        if (!pa) return NULL;
        pg = pa_to_page(pa);
        pg->flags = PG_SLAB;
        pg->slab_class = c;
        pg->slab_inuse = 0;
        char *base = phys_to_virt(pa);
        void *head = NULL;
        for (size_t off = PAGE_SIZE; off >= osize; off -= osize) {
            void **obj = (void **)(base + off - osize);
            *obj = head;
            head = obj;
        }
        pg->slab_free = head;
        partial_pa[c] = pa;
    }
    void **obj = pg->slab_free;
    pg->slab_free = *obj;
    pg->slab_inuse++;
    return obj;
}

void *kmalloc(size_t size) {
    if (size == 0) size = 1;
    if (size > 2048) {
        if (size > (PAGE_SIZE << (BUDDY_MAX_ORDER - 1))) return NULL;
        unsigned order = 0;
        while ((PAGE_SIZE << order) < size) order++;
        if (order >= BUDDY_MAX_ORDER) return NULL;
        paddr_t pa = page_alloc(order);
        if (!pa) return NULL;
        struct page *pg = pa_to_page(pa);
        pg->flags = PG_BIG;
        pg->order = order;
        return phys_to_virt(pa);
    }
    u64 f = spin_lock_irqsave(&lock);
    if (!inited) { for (int i = 0; i < NR_CLASSES; i++) partial_pa[i] = 0; inited = true; }
    void *p = slab_alloc(class_of(size));
    spin_unlock_irqrestore(&lock, f);
    return p;
}

void *kzalloc(size_t size) {
    void *p = kmalloc(size);
    if (p) memset(p, 0, size);
    return p;
}

void kfree(void *p) {
    if (!p) return;
    paddr_t pa = virt_to_phys(p) & PAGE_MASK;
    struct page *pg = pa_to_page(pa);
    if (pg->flags & PG_BIG) {
        pg->flags = 0;
        page_free(pa, pg->order);
        return;
    }
    u64 f = spin_lock_irqsave(&lock);
    unsigned c = pg->slab_class;
    *(void **)p = pg->slab_free;
    pg->slab_free = p;
    if (--pg->slab_inuse == 0 && partial_pa[c] != pa) {
        pg->flags = 0;                /* an empty slab that is not the current one goes back */
        pg->slab_free = NULL;
        page_free(pa, 0);
    } else if (partial_pa[c] == 0 || !pa_to_page(partial_pa[c])->slab_free) {
        partial_pa[c] = pa;
    }
    spin_unlock_irqrestore(&lock, f);
}

char *kstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = kmalloc(n);
    if (d) memcpy(d, s, n);
    return d;
}
