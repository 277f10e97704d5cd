/* brk and anonymous mmap/munmap/mprotect semantics (raw syscalls). Exit 0 = pass. */
#include "check.h"
#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096UL

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_brk(void)
{
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    CHECK(cur != 0 && cur % 8 == 0, "brk(0) = %#lx", (unsigned long)cur);
    /* brk(0) again returns the same break */
    EQ(syscall(SYS_brk, 0), cur);

    /* grow by a bit more than 2 pages: the new break is returned exactly */
    uintptr_t want = cur + 2 * PAGE + 123;
    uintptr_t got = (uintptr_t)syscall(SYS_brk, want);
    EQ(got, want);
    EQ(syscall(SYS_brk, 0), want);
    /* the new memory is zeroed and writable */
    unsigned char *p = (unsigned char *)cur;
    CHECK(all_zero(p, want - cur), "grown brk area is not zero-filled");
    memset(p, 0xab, want - cur);
    CHECK(p[0] == 0xab && p[want - cur - 1] == 0xab, "brk memory not writable");

    /* shrink back: returns the new (lower) break */
    EQ(syscall(SYS_brk, cur + PAGE), cur + PAGE);
    EQ(syscall(SYS_brk, 0), cur + PAGE);
    /* growing again gives zeroed memory in the re-grown pages (they were released) */
    EQ(syscall(SYS_brk, cur + 3 * PAGE), cur + 3 * PAGE);
    unsigned char *q = (unsigned char *)(((cur + PAGE) + PAGE - 1) & ~(PAGE - 1));
    CHECK(all_zero(q, cur + 3 * PAGE - (uintptr_t)q), "re-grown brk pages not zero-filled");

    /* a request below the start of the heap fails: the current break is returned unchanged */
    EQ(syscall(SYS_brk, 4096), cur + 3 * PAGE);
    /* an absurd request fails the same way */
    EQ(syscall(SYS_brk, (uintptr_t)1 << 62), cur + 3 * PAGE);
    EQ(syscall(SYS_brk, cur), cur);
}

static void *mmap_raw(void *addr, size_t len, int prot, int flags, int fd, long off)
{
    return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static void test_mmap(void)
{
    size_t len = 16 * PAGE;
    unsigned char *p = mmap_raw(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "mmap anon failed errno=%d", errno);
    if (p == MAP_FAILED)
        return;
    CHECK(((uintptr_t)p & (PAGE - 1)) == 0, "mmap result %p not page aligned", p);
    CHECK(all_zero(p, len), "anonymous mapping not zero-filled");
    memset(p, 0x5a, len);
    CHECK(p[len - 1] == 0x5a, "anonymous mapping not writable");

    /* mprotect part of it read-only, then back */
    EQ(syscall(SYS_mprotect, p + 4 * PAGE, 2 * PAGE, PROT_READ), 0);
    CHECK(p[4 * PAGE] == 0x5a, "read after mprotect(PROT_READ) gave %#x", p[4 * PAGE]);
    EQ(syscall(SYS_mprotect, p + 4 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE), 0);
    p[4 * PAGE] = 1;
    CHECK(p[4 * PAGE] == 1, "write after mprotect(RW) lost");
    /* unaligned address: EINVAL */
    FAILS(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);

    /* munmap a hole in the middle; the rest stays intact */
    EQ(syscall(SYS_munmap, p + 8 * PAGE, 4 * PAGE), 0);
    CHECK(p[7 * PAGE] == 0x5a && p[12 * PAGE] == 0x5a, "neighbours of an unmapped hole changed");
    /* mprotect over the hole: ENOMEM */
    FAILS(syscall(SYS_mprotect, p + 7 * PAGE, 3 * PAGE, PROT_READ), ENOMEM);
    /* MAP_FIXED into the hole gives exactly that address, zero-filled */
    unsigned char *f = mmap_raw(p + 8 * PAGE, 2 * PAGE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    EQ((uintptr_t)f, (uintptr_t)(p + 8 * PAGE));
    if (f == p + 8 * PAGE)
        CHECK(all_zero(f, 2 * PAGE), "MAP_FIXED mapping not zero-filled");
    /* MAP_FIXED over existing data replaces it */
    f = mmap_raw(p, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    EQ((uintptr_t)f, (uintptr_t)p);
    CHECK(p[0] == 0 && p[PAGE] == 0x5a, "MAP_FIXED over a mapping: p[0]=%#x p[PAGE]=%#x", p[0], p[PAGE]);
    /* unmapping a range that is partly unmapped is fine */
    EQ(syscall(SYS_munmap, p, len), 0);
    /* and unmapping nothing is fine too */
    EQ(syscall(SYS_munmap, p, len), 0);

    /* errors */
    FAILS(syscall(SYS_munmap, p + 1, PAGE), EINVAL);
    FAILS(syscall(SYS_munmap, p, 0), EINVAL);
    CHECK(mmap_raw(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == EINVAL, "mmap len 0: errno=%d, expected EINVAL", errno);
    CHECK(mmap_raw(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "mmap without MAP_PRIVATE/MAP_SHARED: errno=%d, expected EINVAL", errno);
    CHECK(mmap_raw(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 123) == MAP_FAILED &&
          errno == EINVAL, "mmap with unaligned offset: errno=%d, expected EINVAL", errno);
    CHECK(mmap_raw(NULL, PAGE, PROT_READ, MAP_PRIVATE, 12345, 0) == MAP_FAILED && errno == EBADF,
          "file mmap of a bad fd: errno=%d, expected EBADF", errno);
    CHECK(mmap_raw(NULL, (size_t)1 << 60, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
          MAP_FAILED && errno == ENOMEM, "mmap of 2^60 bytes: errno=%d, expected ENOMEM", errno);

    /* big PROT_NONE reservation, then make a part accessible (glibc arenas do this) */
    size_t big = 64UL << 20;
    unsigned char *r = mmap_raw(NULL, big, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(r != MAP_FAILED, "64 MiB PROT_NONE reservation failed errno=%d", errno);
    if (r != MAP_FAILED) {
        EQ(syscall(SYS_mprotect, r, 32 * PAGE, PROT_READ | PROT_WRITE), 0);
        r[0] = 1;
        r[32 * PAGE - 1] = 2;
        CHECK(r[0] == 1 && r[32 * PAGE - 1] == 2, "memory made RW by mprotect not usable");
        EQ(syscall(SYS_munmap, r, big), 0);
    }

    /* many small mappings, each distinct */
    void *maps[64];
    int distinct = 1;
    for (int i = 0; i < 64; i++) {
        maps[i] = mmap_raw(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[i] == MAP_FAILED) {
            distinct = 0;
            break;
        }
        *(int *)maps[i] = i;
    }
    for (int i = 0; distinct && i < 64; i++)
        if (*(int *)maps[i] != i)
            distinct = 0;
    CHECK(distinct, "64 one-page mappings are not distinct");
    for (int i = 0; i < 64; i++)
        if (maps[i] != MAP_FAILED)
            syscall(SYS_munmap, maps[i], PAGE);

    /* mremap grow with MAYMOVE keeps contents */
    unsigned char *m = mmap_raw(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m != MAP_FAILED) {
        m[0] = 7;
        m[2 * PAGE - 1] = 9;
        unsigned char *m2 = (unsigned char *)syscall(SYS_mremap, m, 2 * PAGE, 64 * PAGE, 1 /* MREMAP_MAYMOVE */);
        CHECK(m2 != MAP_FAILED, "mremap MAYMOVE failed errno=%d", errno);
        if (m2 != MAP_FAILED) {
            CHECK(m2[0] == 7 && m2[2 * PAGE - 1] == 9, "mremap lost contents");
            CHECK(all_zero(m2 + 2 * PAGE, 62 * PAGE), "mremap grown part not zero");
            syscall(SYS_munmap, m2, 64 * PAGE);
        }
    }
}

int main(void)
{
    start("sys-mem");
    test_brk();
    test_mmap();
    return finish();
}
