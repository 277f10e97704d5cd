/* Host unit tests of mm/buddy.c: the binary buddy allocator over page frame numbers. */
#include "harness.h"
#include "mm/buddy.h"

/* ---- helpers ---- */

/* A buddy over its own exactly-sized page array (so ASan catches any access past npages). */
struct tb {
    struct buddy b;
    struct page *pages;
    u64 base, n;
};

static void tb_init(struct tb *t, u64 base, u64 n) {
    t->pages = malloc((n ? n : 1) * sizeof(struct page));
    t->base = base;
    t->n = n;
    buddy_init(&t->b, t->pages, base, n);
}
static void tb_done(struct tb *t) { free(t->pages); t->pages = NULL; }

/* Walks every free list and checks its invariants: links, flags, order, alignment (relative to
 * base_pfn), bounds, no overlap between free blocks, and that the sizes add up to nr_free.
 * Fills per-order block counts into `counts` (if non-NULL) and marks free pages in `map`. */
static int check_lists(struct buddy *b, u64 counts[BUDDY_MAX_ORDER], u8 *map_out) {
    u8 *map = calloc(b->npages ? b->npages : 1, 1);
    u64 total = 0;
    int ok = 1;
    for (unsigned o = 0; o < BUDDY_MAX_ORDER && ok; o++) {
        u64 cnt = 0;
        u32 prev = PFN_NONE;
        for (u32 i = b->free_head[o]; i != PFN_NONE; i = b->pages[i].next) {
            ok &= CHECK(i < b->npages, "order %u: list index %u beyond npages %lu", o, i, (unsigned long)b->npages);
            if (!ok) break;
            struct page *p = &b->pages[i];
            ok &= CHECK(p->flags & PG_FREE, "order %u: block %u on the free list lacks PG_FREE (flags %#x)", o, i, p->flags);
            ok &= CHECK(p->order == o, "block %u on the order-%u list has order %u", i, o, p->order);
            ok &= CHECK(p->prev == prev, "block %u: prev link %u, expected %u", i, p->prev, prev);
            ok &= CHECK((i & ((1u << o) - 1)) == 0, "order-%u block at index %u is misaligned", o, i);
            ok &= CHECK(i + (1ul << o) <= b->npages, "order-%u block at %u runs past npages", o, i);
            if (!ok) break;
            for (u64 k = i; k < i + (1ul << o); k++) {
                if (!CHECK(!map[k], "page index %lu is in two free blocks", (unsigned long)k)) { ok = 0; break; }
                map[k] = 1;
            }
            total += 1ul << o;
            cnt++;
            prev = i;
            if (!CHECK(cnt <= b->npages, "order %u: free list loops", o)) { ok = 0; break; }
        }
        if (counts) counts[o] = cnt;
    }
    if (ok) ok &= CHECK(total == b->nr_free, "free lists hold %lu pages, nr_free says %lu",
                        (unsigned long)total, (unsigned long)b->nr_free);
    if (map_out && ok) memcpy(map_out, map, b->npages);
    free(map);
    return ok;
}

/* Expected per-order counts of a set of free page indices [in a bitmap], computed independently:
 * the unique decomposition into maximal aligned buddy blocks (of order < BUDDY_MAX_ORDER). */
static void canonical_counts(const u8 *free_map, u64 n, u64 counts[BUDDY_MAX_ORDER]) {
    memset(counts, 0, BUDDY_MAX_ORDER * sizeof(u64));
    u64 i = 0;
    while (i < n) {
        if (!free_map[i]) { i++; continue; }
        unsigned o = BUDDY_MAX_ORDER - 1;
        for (;; o--) {
            u64 sz = 1ul << o;
            if ((i & (sz - 1)) == 0 && i + sz <= n) {
                u64 k;
                for (k = i; k < i + sz && free_map[k]; k++) { }
                if (k == i + sz) break;
            }
        }
        counts[o]++;
        i += 1ul << o;
    }
}

static int same_counts(const u64 a[BUDDY_MAX_ORDER], const u64 b[BUDDY_MAX_ORDER]) {
    for (unsigned o = 0; o < BUDDY_MAX_ORDER; o++)
        if (!CHECK(a[o] == b[o], "order %u: %lu free blocks, expected %lu", o, (unsigned long)a[o], (unsigned long)b[o]))
            return 0;
    return 1;
}

/* ---- cases ---- */

static void init_all_reserved(void) {
    struct tb t;
    tb_init(&t, 0x40000, 1000);
    EXPECT(t.b.nr_free == 0, "nr_free %lu after init", (unsigned long)t.b.nr_free);
    for (unsigned o = 0; o < BUDDY_MAX_ORDER; o++) {
        EXPECT(t.b.free_head[o] == PFN_NONE, "free list %u not empty", o);
        EXPECT(buddy_alloc(&t.b, o) == PFN_NONE, "alloc order %u succeeded on an all-reserved buddy", o);
    }
    for (u64 i = 0; i < t.n; i++)
        EXPECT(t.pages[i].flags == PG_RESERVED, "page %lu flags %#x after init", (unsigned long)i, t.pages[i].flags);
    EXPECT(check_lists(&t.b, NULL, NULL), "lists");
    tb_done(&t);
}

static void free_range_exact_count(void) {
    struct tb t;
    tb_init(&t, 0x40000, 4096);
    buddy_free_range(&t.b, 0x40000, 0x41000);
    EXPECT(t.b.nr_free == 4096, "nr_free %lu", (unsigned long)t.b.nr_free);
    u64 c[BUDDY_MAX_ORDER];
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    EXPECT(c[BUDDY_MAX_ORDER - 1] == 4 && c[0] == 0, "4096 aligned pages should be 4 max-order blocks, got %lu",
           (unsigned long)c[BUDDY_MAX_ORDER - 1]);
    tb_done(&t);
}

static void free_range_with_holes(void) {
    struct tb t;
    const u64 base = 0x40003, n = 3000;   /* unaligned base, not a power of two */
    tb_init(&t, base, n);
    /* Free [0,100) [130,517) [518,2999): holes at [100,130), 517 and 2999. */
    buddy_free_range(&t.b, base + 0, base + 100);
    buddy_free_range(&t.b, base + 130, base + 517);
    buddy_free_range(&t.b, base + 518, base + 2999);
    u64 expect = 100 + (517 - 130) + (2999 - 518);
    EXPECT(t.b.nr_free == expect, "nr_free %lu, expected %lu", (unsigned long)t.b.nr_free, (unsigned long)expect);
    u8 *map = malloc(n);
    u64 c[BUDDY_MAX_ORDER], want[BUDDY_MAX_ORDER];
    EXPECT(check_lists(&t.b, c, map), "lists");
    for (u64 i = 0; i < n; i++) {
        int hole = (i >= 100 && i < 130) || i == 517 || i == 2999;
        EXPECT(map[i] == !hole, "page index %lu free=%d, hole=%d", (unsigned long)i, map[i], hole);
        if (hole) EXPECT(t.pages[i].flags & PG_RESERVED, "hole page %lu lost PG_RESERVED", (unsigned long)i);
    }
    canonical_counts(map, n, want);
    EXPECT(same_counts(c, want), "decomposition");
    free(map);
    tb_done(&t);
}

static void free_range_clipped(void) {
    struct tb t;
    tb_init(&t, 1000, 64);
    buddy_free_range(&t.b, 0, 1010);             /* starts below the buddy: clipped to base */
    EXPECT(t.b.nr_free == 10, "nr_free %lu after [0,1010)", (unsigned long)t.b.nr_free);
    buddy_free_range(&t.b, 1060, 1000000);       /* ends above: clipped to base+npages */
    EXPECT(t.b.nr_free == 14, "nr_free %lu after [1060,1000000)", (unsigned long)t.b.nr_free);
    buddy_free_range(&t.b, 2000, 3000);          /* entirely above */
    EXPECT(t.b.nr_free == 14, "nr_free %lu after a range above", (unsigned long)t.b.nr_free);
    buddy_free_range(&t.b, 1030, 1020);          /* empty (end < start) */
    buddy_free_range(&t.b, 1030, 1030);          /* empty */
    EXPECT(t.b.nr_free == 14, "nr_free %lu after empty ranges", (unsigned long)t.b.nr_free);
    EXPECT(check_lists(&t.b, NULL, NULL), "lists");
    tb_done(&t);
}

/* A range entirely below base_pfn must free nothing. */
static void free_range_below_base(void) {
    struct tb t;
    tb_init(&t, 1000, 64);
    buddy_free_range(&t.b, 10, 20);
    EXPECT(t.b.nr_free == 0, "nr_free %lu after freeing [10,20) of a buddy at pfn 1000", (unsigned long)t.b.nr_free);
    EXPECT(check_lists(&t.b, NULL, NULL), "lists");
    tb_done(&t);
}

static void alloc_every_order(void) {
    struct tb t;
    const u64 base = 0x12345, n = 1u << (BUDDY_MAX_ORDER - 1);   /* exactly one max-order block */
    tb_init(&t, base, n);
    buddy_free_range(&t.b, base, base + n);
    for (unsigned o = 0; o < BUDDY_MAX_ORDER; o++) {
        u64 pfn = buddy_alloc(&t.b, o);
        EXPECT(pfn != PFN_NONE, "order %u failed", o);
        EXPECT(pfn >= base && pfn + (1ul << o) <= base + n, "order %u: pfn %#lx outside", o, (unsigned long)pfn);
        EXPECT(((pfn - base) & ((1ul << o) - 1)) == 0, "order %u: pfn %#lx misaligned", o, (unsigned long)pfn);
        EXPECT(t.b.nr_free == n - (1ul << o), "order %u: nr_free %lu", o, (unsigned long)t.b.nr_free);
        struct page *p = &t.pages[pfn - base];
        EXPECT(!(p->flags & PG_FREE) && p->order == o && p->refcount == 1,
               "order %u: head page flags %#x order %u refcount %u", o, p->flags, p->order, p->refcount);
        EXPECT(check_lists(&t.b, NULL, NULL), "lists after alloc order %u", o);
        buddy_free(&t.b, pfn, o);
        EXPECT(t.b.nr_free == n, "order %u: nr_free %lu after free", o, (unsigned long)t.b.nr_free);
        u64 c[BUDDY_MAX_ORDER];
        EXPECT(check_lists(&t.b, c, NULL), "lists after free order %u", o);
        EXPECT(c[BUDDY_MAX_ORDER - 1] == 1, "order %u: did not coalesce back into one block", o);
    }
    EXPECT(buddy_alloc(&t.b, BUDDY_MAX_ORDER) == PFN_NONE, "order BUDDY_MAX_ORDER must fail");
    EXPECT(buddy_alloc(&t.b, 50) == PFN_NONE, "order 50 must fail");
    EXPECT(t.b.nr_free == n, "nr_free changed by failed allocs");
    tb_done(&t);
}

static void split_and_coalesce(void) {
    struct tb t;
    const u64 n = 1u << (BUDDY_MAX_ORDER - 1);
    tb_init(&t, 0, n);
    buddy_free_range(&t.b, 0, n);
    /* One order-0 allocation splits the max block into one free block of each order 0..9. */
    u64 a = buddy_alloc(&t.b, 0);
    u64 c[BUDDY_MAX_ORDER];
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    for (unsigned o = 0; o + 1 < BUDDY_MAX_ORDER; o++)
        EXPECT(c[o] == 1, "after splitting: %lu blocks of order %u, expected 1", (unsigned long)c[o], o);
    EXPECT(c[BUDDY_MAX_ORDER - 1] == 0, "max-order block still free");
    /* Allocate every remaining page one by one, then free them in an interleaved order. */
    u64 *got = malloc(n * sizeof(u64));
    got[0] = a;
    for (u64 i = 1; i < n; i++) {
        got[i] = buddy_alloc(&t.b, 0);
        EXPECT(got[i] != PFN_NONE, "page %lu of %lu failed", (unsigned long)i, (unsigned long)n);
    }
    EXPECT(t.b.nr_free == 0, "nr_free %lu", (unsigned long)t.b.nr_free);
    EXPECT(buddy_alloc(&t.b, 0) == PFN_NONE, "alloc from an exhausted buddy succeeded");
    for (u64 i = 0; i < n; i += 2) buddy_free(&t.b, got[i], 0);
    EXPECT(check_lists(&t.b, c, NULL), "lists (half freed)");
    EXPECT(buddy_alloc(&t.b, 1) == PFN_NONE, "order 1 allocated from non-adjacent pages");
    for (u64 i = 1; i < n; i += 2) buddy_free(&t.b, got[i], 0);
    EXPECT(t.b.nr_free == n, "nr_free %lu", (unsigned long)t.b.nr_free);
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    EXPECT(c[BUDDY_MAX_ORDER - 1] == 1, "did not coalesce back into one max-order block");
    free(got);
    tb_done(&t);
}

static void exhaustion_mixed_orders(void) {
    struct tb t;
    tb_init(&t, 0x80000, 100);                   /* 64 + 32 + 4 */
    buddy_free_range(&t.b, 0x80000, 0x80000 + 100);
    EXPECT(buddy_alloc(&t.b, 7) == PFN_NONE, "order 7 (128 pages) from 100 pages");
    u64 p6 = buddy_alloc(&t.b, 6), p5 = buddy_alloc(&t.b, 5);
    EXPECT(p6 != PFN_NONE && p5 != PFN_NONE, "order 6/5 failed");
    EXPECT(buddy_alloc(&t.b, 3) == PFN_NONE, "order 3 from 4 free pages");
    u64 p2 = buddy_alloc(&t.b, 2);
    EXPECT(p2 != PFN_NONE, "order 2 failed");
    EXPECT(t.b.nr_free == 0, "nr_free %lu", (unsigned long)t.b.nr_free);
    for (unsigned o = 0; o < BUDDY_MAX_ORDER; o++) EXPECT(buddy_alloc(&t.b, o) == PFN_NONE, "order %u when empty", o);
    buddy_free(&t.b, p5, 5);
    buddy_free(&t.b, p2, 2);
    buddy_free(&t.b, p6, 6);
    EXPECT(t.b.nr_free == 100, "nr_free %lu", (unsigned long)t.b.nr_free);
    u64 c[BUDDY_MAX_ORDER];
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    EXPECT(c[6] == 1 && c[5] == 1 && c[2] == 1, "blocks %lu/%lu/%lu of orders 6/5/2",
           (unsigned long)c[6], (unsigned long)c[5], (unsigned long)c[2]);
    tb_done(&t);
}

/* The tail of a non-power-of-two buddy must not merge with a "buddy" beyond npages. */
static void no_merge_past_end(void) {
    struct tb t;
    tb_init(&t, 0, 3);
    buddy_free_range(&t.b, 0, 3);
    u64 c[BUDDY_MAX_ORDER];
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    EXPECT(c[1] == 1 && c[0] == 1, "3 pages: %lu order-1 and %lu order-0 blocks", (unsigned long)c[1], (unsigned long)c[0]);
    EXPECT(buddy_alloc(&t.b, 2) == PFN_NONE, "order 2 from 3 pages");
    u64 a = buddy_alloc(&t.b, 0);
    EXPECT(a == 2, "order 0 should come from the order-0 block (pfn 2), got %lu", (unsigned long)a);
    buddy_free(&t.b, a, 0);
    EXPECT(check_lists(&t.b, c, NULL), "lists");
    EXPECT(c[1] == 1 && c[0] == 1 && c[2] == 0, "merged past the end");
    tb_done(&t);
}

/* Randomized alloc/free: no page is handed out twice, nr_free is exact, and freeing everything
 * restores the original decomposition. */
static u64 rng_state = 0x9e3779b97f4a7c15ull;
static u64 rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return rng_state;
}

static void random_stress(void) {
    struct tb t;
    const u64 base = 0x40001, n = 5000;
    tb_init(&t, base, n);
    /* holes */
    buddy_free_range(&t.b, base, base + 1234);
    buddy_free_range(&t.b, base + 1300, base + 4097);
    buddy_free_range(&t.b, base + 4100, base + n);
    const u64 total = t.b.nr_free;
    u64 c0[BUDDY_MAX_ORDER], c[BUDDY_MAX_ORDER];
    u8 *freemap = malloc(n);
    EXPECT(check_lists(&t.b, c0, freemap), "initial lists");
    u8 *owned = calloc(n, 1);
    struct { u64 pfn; unsigned order; } blk[4096];
    int nblk = 0;
    u64 inuse = 0;
    for (int step = 0; step < 200000; step++) {
        bool do_alloc = nblk == 0 || (nblk < 4096 && rnd() % 100 < 55);
        if (do_alloc) {
            unsigned o = rnd() % 100 < 70 ? rnd() % 3 : rnd() % BUDDY_MAX_ORDER;
            u64 pfn = buddy_alloc(&t.b, o);
            if (pfn == PFN_NONE) {
                /* Only allowed if no free block of order >= o exists. */
                for (unsigned k = o; k < BUDDY_MAX_ORDER; k++)
                    EXPECT(t.b.free_head[k] == PFN_NONE, "step %d: order %u failed with a free order-%u block", step, o, k);
                continue;
            }
            EXPECT(pfn >= base && pfn + (1ul << o) <= base + n, "step %d: pfn %#lx order %u outside", step, (unsigned long)pfn, o);
            EXPECT(((pfn - base) & ((1ul << o) - 1)) == 0, "step %d: misaligned", step);
            for (u64 k = pfn - base; k < pfn - base + (1ul << o); k++) {
                EXPECT(freemap[k], "step %d: page %lu (a hole) handed out", step, (unsigned long)k);
                EXPECT(!owned[k], "step %d: page %lu handed out twice", step, (unsigned long)k);
                owned[k] = 1;
            }
            blk[nblk].pfn = pfn; blk[nblk].order = o; nblk++;
            inuse += 1ul << o;
        } else {
            int i = rnd() % nblk;
            for (u64 k = blk[i].pfn - base; k < blk[i].pfn - base + (1ul << blk[i].order); k++) owned[k] = 0;
            buddy_free(&t.b, blk[i].pfn, blk[i].order);
            inuse -= 1ul << blk[i].order;
            blk[i] = blk[--nblk];
        }
        EXPECT(t.b.nr_free == total - inuse, "step %d: nr_free %lu, expected %lu", step,
               (unsigned long)t.b.nr_free, (unsigned long)(total - inuse));
        if (step % 997 == 0) {
            u8 *fm = malloc(n);
            EXPECT(check_lists(&t.b, NULL, fm), "step %d: lists", step);
            for (u64 k = 0; k < n; k++)
                EXPECT(!(fm[k] && owned[k]), "step %d: page %lu is both free and allocated", step, (unsigned long)k);
            free(fm);
        }
    }
    while (nblk) { nblk--; buddy_free(&t.b, blk[nblk].pfn, blk[nblk].order); }
    EXPECT(t.b.nr_free == total, "nr_free %lu after freeing everything, expected %lu",
           (unsigned long)t.b.nr_free, (unsigned long)total);
    EXPECT(check_lists(&t.b, c, NULL), "final lists");
    EXPECT(same_counts(c, c0), "decomposition after freeing everything differs from the initial one");
    free(owned);
    free(freemap);
    tb_done(&t);
}

int main(void) {
    h_init();
    RUN(init_all_reserved);
    RUN(free_range_exact_count);
    RUN(free_range_with_holes);
    RUN(free_range_clipped);
    RUN_ISOLATED(free_range_below_base);
    RUN(alloc_every_order);
    RUN(split_and_coalesce);
    RUN(exhaustion_mixed_orders);
    RUN(no_merge_past_end);
    RUN(random_stress);
    return h_finish("test_buddy");
}
