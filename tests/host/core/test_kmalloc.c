/* Host unit tests of mm/page_alloc.c and mm/kmalloc.c. A malloc'ed page-aligned arena plays the
 * physical RAM at RAM_BASE: under HOST_TEST, phys_to_virt(pa) = pa + host_phys_offset, so
 * host_phys_offset = arena - RAM_BASE. The allocators keep global state, so the cases run in order
 * on one "boot". */
#include "harness.h"
#include "mm/page.h"
#include "mm/kmalloc.h"

u64 host_phys_offset;

#define RAM_BASE 0x40000000ul
#define RAM_SIZE (16ul << 20)              /* 4096 pages */
#define NPAGES   (RAM_SIZE / PAGE_SIZE)
#define NR_CLASSES 8                       /* kmalloc's 16..2048 */

static u8 *arena;
static u64 free_after_init;

/* Reserved at boot (what main.c reserves: the kernel image and the DTB), deliberately unaligned. */
static const struct { paddr_t s, e; } resv[] = {
    { RAM_BASE, RAM_BASE + (1ul << 20) + 123 },                  /* pages 0..256 */
    { RAM_BASE + (3ul << 20) + 100, RAM_BASE + (3ul << 20) + 5000 }, /* pages 768..769 */
};
#define ARRAY_PAGES ((NPAGES * sizeof(struct page) + PAGE_SIZE - 1) / PAGE_SIZE)
#define ARRAY_AT    (RAM_BASE + (257ul << PAGE_SHIFT))          /* first gap big enough */

static bool in_reserved(paddr_t pa) {
    for (unsigned i = 0; i < ARRAY_SIZE(resv); i++)
        if (pa >= (resv[i].s & PAGE_MASK) && pa < ALIGN_UP(resv[i].e, PAGE_SIZE)) return true;
    return pa >= ARRAY_AT && pa < ARRAY_AT + ARRAY_PAGES * PAGE_SIZE;
}
static bool in_ram(const void *p, size_t n) {
    return (const u8 *)p >= arena && (const u8 *)p + n <= arena + RAM_SIZE;
}

static void boot_page_alloc(void) {
    arena = aligned_alloc(PAGE_SIZE, RAM_SIZE);
    memset(arena, 0x5a, RAM_SIZE);
    host_phys_offset = (u64)(uintptr_t)arena - RAM_BASE;
    page_alloc_init(RAM_BASE, RAM_SIZE);
    for (unsigned i = 0; i < ARRAY_SIZE(resv); i++) page_reserve(resv[i].s, resv[i].e);
    page_alloc_ready();
    free_after_init = nr_free_pages();
}

/* ---- page allocator ---- */

static void page_init_counts(void) {
    u64 expect = NPAGES - 257 - 2 - ARRAY_PAGES;
    EXPECT(nr_total_pages() == NPAGES, "total %lu", (unsigned long)nr_total_pages());
    EXPECT(free_after_init == expect, "free %lu after init, expected %lu", (unsigned long)free_after_init,
           (unsigned long)expect);
    EXPECT(phys_to_virt(RAM_BASE) == arena && virt_to_phys(arena + 4096) == RAM_BASE + 4096, "linear map");
    EXPECT(pa_to_page(RAM_BASE - 1) == NULL, "pa_to_page below RAM");
    EXPECT(pa_to_page(RAM_BASE + RAM_SIZE) == NULL, "pa_to_page at RAM end");
    EXPECT(pa_to_page(0) == NULL && pa_to_page(~0ul) == NULL, "pa_to_page far outside");
    EXPECT(pa_to_page(RAM_BASE + RAM_SIZE - 1) != NULL, "pa_to_page of the last byte");
    /* The page array lives where we expect (first gap after the kernel image). */
    EXPECT((void *)pa_to_page(RAM_BASE) == phys_to_virt(ARRAY_AT), "page array at %p, expected %p",
           (void *)pa_to_page(RAM_BASE), phys_to_virt(ARRAY_AT));
    for (u64 i = 0; i < NPAGES; i++) {
        paddr_t pa = RAM_BASE + (i << PAGE_SHIFT);
        if (in_reserved(pa))
            EXPECT(pa_to_page(pa)->flags & PG_RESERVED, "reserved page %#lx not marked PG_RESERVED",
                   (unsigned long)pa);
    }
}

static void page_alloc_all_order0(void) {
    u64 n = nr_free_pages();
    paddr_t *pas = malloc(NPAGES * sizeof(paddr_t));
    u8 *seen = calloc(NPAGES, 1);
    u64 got = 0;
    paddr_t pa;
    while ((pa = page_alloc(0)) != 0) {
        EXPECT(got < NPAGES, "more pages than RAM");
        EXPECT(pa >= RAM_BASE && pa < RAM_BASE + RAM_SIZE && (pa & ~PAGE_MASK) == 0, "bad pa %#lx", (unsigned long)pa);
        EXPECT(!in_reserved(pa), "reserved page %#lx handed out", (unsigned long)pa);
        u64 i = (pa - RAM_BASE) >> PAGE_SHIFT;
        EXPECT(!seen[i], "page %#lx handed out twice", (unsigned long)pa);
        seen[i] = 1;
        memset(phys_to_virt(pa), (int)i, PAGE_SIZE);
        pas[got++] = pa;
    }
    EXPECT(got == n, "allocated %lu pages, %lu were free", (unsigned long)got, (unsigned long)n);
    EXPECT(nr_free_pages() == 0, "nr_free %lu when exhausted", (unsigned long)nr_free_pages());
    EXPECT(page_alloc(0) == 0 && page_alloc(3) == 0, "alloc succeeded when exhausted");
    /* The page array and the reserved data were not overwritten. */
    EXPECT(arena[0] == 0x5a && arena[(3ul << 20) + 200] == 0x5a, "reserved memory overwritten");
    for (u64 k = 0; k < got; k++) {
        u8 *v = phys_to_virt(pas[k]);
        EXPECT(v[0] == (u8)((pas[k] - RAM_BASE) >> PAGE_SHIFT) && v[4095] == v[0], "page %#lx clobbered",
               (unsigned long)pas[k]);
    }
    for (u64 k = 0; k < got; k++) page_free(pas[(k * 7919) % got], 0);   /* scrambled order */
    EXPECT(nr_free_pages() == n, "nr_free %lu after freeing all, expected %lu", (unsigned long)nr_free_pages(),
           (unsigned long)n);
    free(pas);
    free(seen);
}

static void page_alloc_orders(void) {
    u64 n = nr_free_pages();
    for (unsigned o = 0; o < BUDDY_MAX_ORDER; o++) {
        paddr_t pa = page_alloc(o);
        EXPECT(pa, "order %u failed", o);
        EXPECT(((pa - RAM_BASE) & ((PAGE_SIZE << o) - 1)) == 0, "order %u: %#lx misaligned", o, (unsigned long)pa);
        EXPECT(pa + (PAGE_SIZE << o) <= RAM_BASE + RAM_SIZE, "order %u: past RAM", o);
        for (u64 off = 0; off < (PAGE_SIZE << o); off += PAGE_SIZE)
            EXPECT(!in_reserved(pa + off), "order %u block %#lx covers reserved page", o, (unsigned long)pa);
        EXPECT(nr_free_pages() == n - (1ul << o), "order %u: nr_free %lu", o, (unsigned long)nr_free_pages());
        memset(phys_to_virt(pa), 0xee, PAGE_SIZE << o);
        page_free(pa, o);
        EXPECT(nr_free_pages() == n, "order %u: nr_free after free", o);
    }
    EXPECT(page_alloc(BUDDY_MAX_ORDER) == 0, "order BUDDY_MAX_ORDER succeeded");
    EXPECT(page_alloc(40) == 0, "order 40 succeeded");
}

static void page_alloc_zeroed_zeroes(void) {
    paddr_t pa = page_alloc(2);
    EXPECT(pa, "alloc");
    memset(phys_to_virt(pa), 0xff, 4 * PAGE_SIZE);
    page_free(pa, 2);
    paddr_t z = page_alloc_zeroed(2);
    EXPECT(z, "alloc zeroed");
    const u8 *v = phys_to_virt(z);
    for (size_t i = 0; i < 4 * PAGE_SIZE; i++) EXPECT(v[i] == 0, "byte %zu is %#x", i, v[i]);
    page_free(z, 2);
}

static void page_refcount(void) {
    u64 n = nr_free_pages();
    paddr_t pa = page_alloc(0);
    EXPECT(pa, "alloc");
    struct page *pg = pa_to_page(pa);
    EXPECT(pg->refcount == 1, "refcount %u after alloc", pg->refcount);
    page_get(pa);
    EXPECT(pg->refcount == 2, "refcount %u after get", pg->refcount);
    page_put(pa + 123);                        /* any address inside the page */
    EXPECT(pg->refcount == 1 && nr_free_pages() == n - 1, "put 2->1 freed the page");
    page_put(pa);
    EXPECT(nr_free_pages() == n, "put 1->0 did not free the page (nr_free %lu, expected %lu)",
           (unsigned long)nr_free_pages(), (unsigned long)n);
    page_get(RAM_BASE + RAM_SIZE + 4096);      /* outside RAM: ignored */
    page_put(RAM_BASE - 4096);
    EXPECT(nr_free_pages() == n, "get/put outside RAM changed nr_free");
}

/* ---- kmalloc ---- */

static unsigned class_size(size_t size) {
    unsigned s = 16;
    while (s < size) s <<= 1;
    return s;
}

static u64 rng_state = 88172645463325252ull;
static u64 rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return rng_state;
}

/* Runs first: nothing has used kmalloc yet. Everything allocated and freed gives every page back,
 * except that each used size class keeps its (now empty) current slab page. */
static void kmalloc_free_all_returns_pages(void) {
    static const size_t sizes[] = { 1, 16, 17, 32, 33, 64, 65, 128, 200, 256, 257, 512, 513, 1024, 1025, 2048,
                                    2049, 4096, 4097, 12345, 65536 };
    enum { N = 3000 };
    void **p = malloc(N * sizeof(void *));
    u64 before = nr_free_pages();
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < N; i++) {
            size_t sz = sizes[rnd() % ARRAY_SIZE(sizes)];
            if (sz > 4096 && rnd() % 4) sz = 100;     /* few big blocks: 16 MiB of RAM */
            p[i] = kmalloc(sz);
            EXPECT(p[i], "round %d: kmalloc(%zu) #%d failed (nr_free %lu)", round, sz, i, (unsigned long)nr_free_pages());
            memset(p[i], i, sz);
        }
        for (int i = 0; i < N; i++) {                 /* free in a random order */
            int j = i + rnd() % (N - i);
            void *t = p[i]; p[i] = p[j]; p[j] = t;
            kfree(p[i]);
        }
        u64 kept = before - nr_free_pages();
        EXPECT(nr_free_pages() <= before, "round %d: more free pages (%lu) than before (%lu)", round,
               (unsigned long)nr_free_pages(), (unsigned long)before);
        EXPECT(kept == NR_CLASSES, "round %d: %lu pages still allocated after freeing everything "
               "(expected %d: one cached empty slab per size class)", round, (unsigned long)kept, NR_CLASSES);
    }
    free(p);
}

static void kmalloc_size_classes(void) {
    static const size_t sizes[] = { 1, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 128, 129, 200, 256, 257,
                                    500, 512, 513, 1000, 1024, 1025, 1500, 2047, 2048 };
    u64 before = nr_free_pages();
    u8 *owner = calloc(RAM_SIZE, 1);           /* which bytes of RAM are handed out */
    for (unsigned si = 0; si < ARRAY_SIZE(sizes); si++) {
        size_t sz = sizes[si];
        unsigned cs = class_size(sz);
        int n = 3 * (int)(PAGE_SIZE / cs) + 1;     /* spans several slab pages */
        void **p = malloc(n * sizeof(void *));
        for (int i = 0; i < n; i++) {
            p[i] = kmalloc(sz);
            EXPECT(p[i], "kmalloc(%zu) #%d failed", sz, i);
            EXPECT(in_ram(p[i], cs), "kmalloc(%zu) = %p outside RAM", sz, p[i]);
            EXPECT(((uintptr_t)p[i] & (cs - 1)) == 0, "kmalloc(%zu) = %p not %u-aligned", sz, p[i], cs);
            paddr_t pa = virt_to_phys(p[i]);
            EXPECT(!in_reserved(pa & PAGE_MASK), "kmalloc(%zu) in a reserved page", sz);
            struct page *pg = pa_to_page(pa);
            EXPECT((pg->flags & PG_SLAB) && (16u << pg->slab_class) == cs, "kmalloc(%zu): page flags %#x class %u",
                   sz, pg->flags, pg->slab_class);
            size_t off = (u8 *)p[i] - arena;
            for (size_t k = off; k < off + sz; k++) EXPECT(!owner[k], "kmalloc(%zu) #%d overlaps another object", sz, i);
            memset(owner + off, 1, sz);
            memset(p[i], 0xc3, sz);
        }
        for (int i = 0; i < n; i++) {
            memset(owner + ((u8 *)p[i] - arena), 0, sz);
            kfree(p[i]);
        }
        free(p);
    }
    free(owner);
    EXPECT(nr_free_pages() == before, "nr_free %lu, expected %lu", (unsigned long)nr_free_pages(), (unsigned long)before);
}

static void kmalloc_zero_and_null(void) {
    void *a = kmalloc(0), *b = kmalloc(0);
    EXPECT(a && b && a != b, "kmalloc(0) returned %p and %p", a, b);
    kfree(a);
    kfree(b);
    kfree(NULL);
}

static void kmalloc_big_blocks(void) {
    static const size_t sizes[] = { 2049, 3000, 4096, 4097, 8192, 10000, 65536, 65537, 1ul << 20, 4ul << 20 };
    u64 before = nr_free_pages();
    for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
        size_t sz = sizes[i];
        unsigned order = 0;
        while ((PAGE_SIZE << order) < sz) order++;
        u8 *p = kmalloc(sz);
        EXPECT(p, "kmalloc(%zu) failed", sz);
        EXPECT(((uintptr_t)p & (PAGE_SIZE - 1)) == 0, "kmalloc(%zu) = %p not page-aligned", sz, (void *)p);
        EXPECT(in_ram(p, sz), "kmalloc(%zu) outside RAM", sz);
        EXPECT(pa_to_page(virt_to_phys(p))->flags & PG_BIG, "kmalloc(%zu): head not PG_BIG", sz);
        EXPECT(nr_free_pages() == before - (1ul << order), "kmalloc(%zu) took %lu pages, expected %lu", sz,
               (unsigned long)(before - nr_free_pages()), 1ul << order);
        for (paddr_t pa = virt_to_phys(p); pa < virt_to_phys(p) + sz; pa += PAGE_SIZE)
            EXPECT(!in_reserved(pa), "kmalloc(%zu) covers a reserved page", sz);
        memset(p, 0x77, sz);
        kfree(p);
        EXPECT(nr_free_pages() == before, "kfree of a %zu-byte block: nr_free %lu, expected %lu", sz,
               (unsigned long)nr_free_pages(), (unsigned long)before);
    }
    EXPECT(kmalloc((4ul << 20) + 1) == NULL, "kmalloc(4 MiB + 1) (order 11) succeeded");
    EXPECT(kmalloc(1ul << 40) == NULL, "kmalloc(1 TiB) succeeded");
    EXPECT(kmalloc(1ul << 62) == NULL, "kmalloc(2^62) succeeded");
    EXPECT(nr_free_pages() == before, "failed kmallocs changed nr_free");
}

/* Sizes above 2^63 (e.g. a negative length cast to size_t) must fail, not loop. */
static void kmalloc_huge_size(void) {
    void *p = kmalloc((size_t)-1);
    EXPECT(p == NULL, "kmalloc(SIZE_MAX) = %p", p);
    p = kmalloc((1ul << 63) + 1);
    EXPECT(p == NULL, "kmalloc(2^63 + 1) = %p", p);
}

static void kmalloc_reuse_after_free(void) {
    for (size_t sz = 16; sz <= 2048; sz <<= 1) {
        void *a = kmalloc(sz), *b = kmalloc(sz);
        EXPECT(a && b && a != b, "kmalloc(%zu)", sz);
        kfree(a);
        void *c = kmalloc(sz);
        EXPECT(c == a, "kmalloc(%zu) after kfree: got %p, expected the freed %p", sz, c, a);
        kfree(b);
        kfree(c);
    }
    u64 before = nr_free_pages();
    void *big = kmalloc(20000);
    kfree(big);
    void *big2 = kmalloc(20000);
    EXPECT(big2, "big realloc");
    kfree(big2);
    EXPECT(nr_free_pages() == before, "big reuse: nr_free %lu, expected %lu", (unsigned long)nr_free_pages(),
           (unsigned long)before);
}

static void kzalloc_zeroes(void) {
    static const size_t sizes[] = { 1, 24, 48, 100, 512, 2000, 2048, 5000, 8192 };
    for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
        size_t sz = sizes[i];
        u8 *p = kmalloc(sz);
        EXPECT(p, "kmalloc(%zu)", sz);
        memset(p, 0xa5, sz);
        kfree(p);
        u8 *z = kzalloc(sz);
        EXPECT(z, "kzalloc(%zu)", sz);
        for (size_t k = 0; k < sz; k++) EXPECT(z[k] == 0, "kzalloc(%zu): byte %zu = %#x", sz, k, z[k]);
        kfree(z);
    }
}

static void kstrdup_copies(void) {
    char *a = kstrdup("hello, world");
    EXPECT(a && strcmp(a, "hello, world") == 0, "kstrdup: %s", a ? a : "(null)");
    char *e = kstrdup("");
    EXPECT(e && e[0] == 0 && e != a, "kstrdup(\"\")");
    char *longs = malloc(5001);
    for (int i = 0; i < 5000; i++) longs[i] = 'a' + i % 26;
    longs[5000] = 0;
    char *l = kstrdup(longs);                  /* a big (multi-page) block */
    EXPECT(l && l != longs && strcmp(l, longs) == 0, "kstrdup of 5000 chars");
    kfree(a);
    kfree(e);
    kfree(l);
    free(longs);
}

/* Running out of memory: kmalloc returns NULL, and everything comes back afterwards. */
static void kmalloc_out_of_memory(void) {
    u64 before = nr_free_pages();
    size_t cap = 2 * NPAGES + 16, n = 0;
    void **p = malloc(cap * sizeof(void *));
    void *q;
    while ((q = kmalloc(2048)) != NULL) {
        EXPECT(n < cap, "more 2048-byte objects than RAM holds");
        p[n++] = q;
    }
    EXPECT(nr_free_pages() == 0, "kmalloc failed with %lu free pages", (unsigned long)nr_free_pages());
    EXPECT(n >= 2 * (before - 1), "only %zu objects of 2048 from %lu pages", n, (unsigned long)before);
    EXPECT(kmalloc(5000) == NULL, "big kmalloc succeeded with no free pages");
    EXPECT(kzalloc(3000) == NULL, "kzalloc succeeded with no free pages");
    for (size_t i = 0; i < n; i++) kfree(p[i]);
    EXPECT(nr_free_pages() == before, "nr_free %lu after OOM and free, expected %lu", (unsigned long)nr_free_pages(),
           (unsigned long)before);
    q = kmalloc(2048);
    EXPECT(q, "kmalloc after recovering from OOM");
    kfree(q);
    free(p);
}

int main(void) {
    h_init();
    boot_page_alloc();
    RUN(page_init_counts);
    RUN(page_alloc_all_order0);
    RUN(page_alloc_orders);
    RUN(page_alloc_zeroed_zeroes);
    RUN(page_refcount);
    RUN(kmalloc_free_all_returns_pages);
    RUN(kmalloc_size_classes);
    RUN(kmalloc_zero_and_null);
    RUN(kmalloc_big_blocks);
    RUN_ISOLATED(kmalloc_huge_size);
    RUN(kmalloc_reuse_after_free);
    RUN(kzalloc_zeroes);
    RUN(kstrdup_copies);
    RUN(kmalloc_out_of_memory);
    free(arena);
    return h_finish("test_kmalloc");
}
