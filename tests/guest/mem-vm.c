/* Virtual memory: demand paging, copy-on-write after fork, mmap/munmap/mprotect/mremap/madvise
 * with their errors, PROT_NONE guard pages that really fault, MAP_FIXED, MAP_FIXED_NOREPLACE,
 * MAP_NORESERVE, MAP_STACK, MAP_POPULATE, file-backed MAP_PRIVATE and MAP_SHARED mappings of files
 * in /tmp (SIGBUS past the end), MAP_SHARED anonymous memory across fork, brk, SIGSEGV and EFAULT
 * for accesses outside any mapping. Exit 0 = pass.
 *
 * Free-memory figures (sysinfo) are only checked under strict(): qemu-user reports the host's. */
#include "lv.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

#define PG 4096UL
#define MiB (1024UL * 1024)

static long freemem(void)
{
    struct sysinfo si;
    sysinfo(&si);
    return (long)(si.freeram * si.mem_unit);
}

static void *map(void *addr, size_t len, int prot, int flags, int fd, long off)
{
    return (void *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)

/* Does touching addr (read, or write when w) kill a child with sig? */
static int access_kills(volatile char *addr, int w, int sig)
{
    long pid = lv_fork();
    if (pid == 0) {
        if (w)
            *addr = 1;
        else
            (void)*addr;
        syscall(SYS_exit_group, 0);
    }
    int st = reap(pid);
    return WIFSIGNALED(st) && WTERMSIG(st) == sig;
}
#define FAULTS(addr, w) CHECK(access_kills((volatile char *)(addr), w, SIGSEGV), \
                              "%s of %s (%p) did not raise SIGSEGV", (w) ? "write" : "read", #addr, (void *)(addr))
#define WORKS(addr, w) CHECK(!access_kills((volatile char *)(addr), w, SIGSEGV), \
                             "%s of %s (%p) raised SIGSEGV", (w) ? "write" : "read", #addr, (void *)(addr))

static int all_bytes(const volatile char *p, size_t n, char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

/* ---- demand paging -------------------------------------------------------------------------- */

static void sec_demand(void)
{
    long f0 = freemem();
    size_t len = 256 * MiB;
    char *p = map(NULL, len, RW, ANON, -1, 0);
    CHECK(p != MAP_FAILED, "mmap 256 MiB: errno %d", errno);
    if (p == MAP_FAILED)
        return;
    long f1 = freemem();
    STRICT(f0 - f1 < (long)(8 * MiB), "qemu-user reports the host's memory",
           "mapping 256 MiB took %ld KiB before any access", (f0 - f1) / 1024);
    /* every page reads as zero; touch 32 MiB */
    int zero = 1;
    for (size_t off = 0; off < len; off += 64 * PG)
        zero &= p[off] == 0;
    CHECK(zero, "untouched anonymous pages are not zero");
    for (size_t off = 0; off < 32 * MiB; off += PG)
        p[off] = (char)(off >> 12);
    int ok = 1;
    for (size_t off = 0; off < 32 * MiB; off += PG)
        ok &= p[off] == (char)(off >> 12);
    CHECK(ok, "written pages do not read back");
    long f2 = freemem();
    /* (Linux's free count moves by a few MiB on its own: per-CPU page lists, reclaim) */
    STRICT(f1 - f2 >= (long)(24 * MiB), "qemu-user reports the host's memory",
           "touching 32 MiB took only %ld KiB", (f1 - f2) / 1024);
    EQ(munmap(p, len), 0);
    long f3 = freemem();
    STRICT(f0 - f3 < (long)(4 * MiB), "qemu-user reports the host's memory",
           "munmap did not give the memory back: %ld KiB still used", (f0 - f3) / 1024);
}

/* ---- copy-on-write -------------------------------------------------------------------------- */

static char data_buf[3 * 4096] = {1};

static void sec_cow(void)
{
    char *anon = map(NULL, 16 * PG, RW, ANON, -1, 0);
    char *heap = malloc(3 * PG);
    char stack_buf[2 * 4096];
    memset(anon, 'P', 8 * PG);                /* pages 8..15 untouched (zero) */
    memset(heap, 'P', 3 * PG);
    memset(data_buf, 'P', sizeof data_buf);
    memset(stack_buf, 'P', sizeof stack_buf);
    int to_child[2], to_parent[2];
    EQ(pipe2(to_child, 0), 0);
    EQ(pipe2(to_parent, 0), 0);
    long pid = lv_fork();
    if (pid == 0) {
        int bad = 0;
        if (!all_bytes(anon, 8 * PG, 'P') || !all_bytes(anon + 8 * PG, 8 * PG, 0))
            bad |= 1;
        if (!all_bytes(heap, 3 * PG, 'P') || !all_bytes(data_buf, sizeof data_buf, 'P') ||
            !all_bytes(stack_buf, sizeof stack_buf, 'P'))
            bad |= 2;
        memset(anon, 'C', 16 * PG);
        memset(heap, 'C', 3 * PG);
        memset(data_buf, 'C', sizeof data_buf);
        memset(stack_buf, 'C', sizeof stack_buf);
        char c = 1;
        write(to_parent[1], &c, 1);
        read(to_child[0], &c, 1);             /* the parent wrote its own values meanwhile */
        if (!all_bytes(anon, 16 * PG, 'C') || !all_bytes(heap, 3 * PG, 'C') ||
            !all_bytes(data_buf, sizeof data_buf, 'C') || !all_bytes(stack_buf, sizeof stack_buf, 'C'))
            bad |= 4;
        /* a grandchild sees the child's values and its writes stay its own */
        long g = lv_fork();
        if (g == 0) {
            int gb = !all_bytes(anon, 16 * PG, 'C');
            memset(anon, 'G', 16 * PG);
            syscall(SYS_exit_group, gb);
        }
        int st;
        syscall(SYS_wait4, g, &st, 0, NULL);
        if (st != 0 || !all_bytes(anon, 16 * PG, 'C'))
            bad |= 8;
        syscall(SYS_exit_group, bad);
    }
    char c;
    EQ(read(to_parent[0], &c, 1), 1);
    /* the child has written everything: our copies are untouched */
    CHECK(all_bytes(anon, 8 * PG, 'P') && all_bytes(anon + 8 * PG, 8 * PG, 0), "anon changed by the child's writes");
    CHECK(all_bytes(heap, 3 * PG, 'P'), "heap changed by the child's writes");
    CHECK(all_bytes(data_buf, sizeof data_buf, 'P'), ".data changed by the child's writes");
    CHECK(all_bytes(stack_buf, sizeof stack_buf, 'P'), "stack changed by the child's writes");
    memset(anon, 'Q', 16 * PG);
    memset(heap, 'Q', 3 * PG);
    memset(data_buf, 'Q', sizeof data_buf);
    memset(stack_buf, 'Q', sizeof stack_buf);
    EQ(write(to_child[1], &c, 1), 1);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0,
          "child: %#x (1: anon not inherited, 2: heap/data/stack not inherited, 4: saw the parent's later "
          "writes, 8: grandchild)", st);
    CHECK(all_bytes(anon, 16 * PG, 'Q'), "parent's anon lost");
    /* a read-only mapping made writable in the child only */
    char *ro = map(NULL, PG, PROT_READ, ANON, -1, 0);
    pid = lv_fork();
    if (pid == 0) {
        mprotect(ro, PG, RW);
        ro[0] = 5;
        syscall(SYS_exit_group, ro[0] == 5 ? 0 : 1);
    }
    st = reap(pid);
    EQ(st, 0);
    EQ(ro[0], 0);
    FAULTS(ro, 1);
    munmap(ro, PG);
    munmap(anon, 16 * PG);
    free(heap);
    close(to_child[0]);
    close(to_child[1]);
    close(to_parent[0]);
    close(to_parent[1]);
}

/* ---- mmap / munmap / mprotect --------------------------------------------------------------- */

static void sec_mmap(void)
{
    /* errors */
    errno = 0;
    CHECK(map(NULL, 0, RW, ANON, -1, 0) == MAP_FAILED && errno == EINVAL, "len 0: errno %d", errno);
    errno = 0;
    CHECK(map(NULL, PG, RW, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "neither PRIVATE nor SHARED: errno %d", errno);
    errno = 0;
    CHECK(map(NULL, PG, RW, ANON, -1, 100) == MAP_FAILED && errno == EINVAL, "unaligned offset: errno %d", errno);
    errno = 0;
    CHECK(map(NULL, PG, RW, MAP_PRIVATE, 999, 0) == MAP_FAILED && errno == EBADF, "bad fd: errno %d", errno);
    errno = 0;
    CHECK(map(NULL, ~0UL & ~(PG - 1), RW, ANON, -1, 0) == MAP_FAILED && errno == ENOMEM,
          "huge length: errno %d", errno);
    errno = 0;
    CHECK(map((void *)0x10000123, PG, RW, ANON | MAP_FIXED, -1, 0) == MAP_FAILED && errno == EINVAL,
          "unaligned MAP_FIXED: errno %d", errno);
    int dfd = open("/tmp", O_RDONLY | O_DIRECTORY);
    errno = 0;
    CHECK(map(NULL, PG, PROT_READ, MAP_PRIVATE, dfd, 0) == MAP_FAILED && errno == ENODEV,
          "mmap of a directory: errno %d", errno);
    close(dfd);

    /* munmap of the middle splits the mapping; the hole faults, both sides keep their data */
    char *p = map(NULL, 8 * PG, RW, ANON, -1, 0);
    for (int i = 0; i < 8; i++)
        p[i * PG] = (char)('a' + i);
    EQ(munmap(p + 3 * PG, 2 * PG), 0);
    FAULTS(p + 3 * PG, 0);
    FAULTS(p + 4 * PG + 100, 1);
    WORKS(p + 2 * PG, 1);
    EQ(p[2 * PG], 'c');
    EQ(p[5 * PG], 'f');
    EQ(munmap(p + 3 * PG, 2 * PG), 0);          /* unmapping nothing is fine */
    FAILS(munmap(p + 1, PG), EINVAL);
    FAILS(munmap(p, 0), EINVAL);
    /* a new mapping in the hole with MAP_FIXED gets zero pages */
    char *q = map(p + 3 * PG, 2 * PG, RW, ANON | MAP_FIXED, -1, 0);
    EQ((long)q, (long)(p + 3 * PG));
    EQ(q[0], 0);
    EQ(munmap(p, 8 * PG), 0);
    FAULTS(p, 0);
    FAULTS(p + 7 * PG, 0);
    /* a hint address that is free is used as is */
    char *hint = (char *)0x300000000UL;
    q = map(hint, PG, RW, ANON, -1, 0);
    EQ((long)q, (long)hint);
    /* ... an occupied one is not */
    char *q2 = map(hint, PG, RW, ANON, -1, 0);
    CHECK(q2 != MAP_FAILED && q2 != hint, "second mapping at an occupied hint: %p", (void *)q2);
    munmap(q2, PG);
    munmap(q, PG);
}

static void sec_mprotect(void)
{
    char *p = map(NULL, 4 * PG, RW, ANON, -1, 0);
    memset(p, 7, 4 * PG);
    EQ(mprotect(p + PG, PG, PROT_READ), 0);
    EQ(mprotect(p + 2 * PG, PG, PROT_NONE), 0);
    WORKS(p, 1);
    WORKS(p + PG, 0);
    FAULTS(p + PG, 1);
    FAULTS(p + 2 * PG, 0);
    FAULTS(p + 2 * PG + PG - 1, 1);
    WORKS(p + 3 * PG, 1);
    EQ(p[PG], 7);
    EQ(mprotect(p + 2 * PG, PG, RW), 0);
    EQ(p[2 * PG], 7);                           /* contents survive PROT_NONE */
    FAILS(mprotect(p + 1, PG, PROT_READ), EINVAL);
    FAILS(mprotect(p, PG, 0x100), EINVAL);
    munmap(p, 4 * PG);
    FAILS(mprotect(p, PG, PROT_READ), ENOMEM);  /* unmapped */
    /* PROT_EXEC: write code, make it executable, run it */
    uint32_t *code = map(NULL, PG, RW, ANON, -1, 0);
    code[0] = 0x52800540;                       /* mov w0, #42 */
    code[1] = 0xd65f03c0;                       /* ret */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    EQ(mprotect(code, PG, PROT_READ | PROT_EXEC), 0);
    int (*fn)(void) = (int (*)(void))(void *)code;
    EQ(fn(), 42);
    munmap(code, PG);
}

/* ---- guard pages ---------------------------------------------------------------------------- */

static void sec_guard(void)
{
    /* the way thread stacks are made: PROT_NONE + MAP_STACK, then mprotect all but a guard page */
    size_t len = 64 * PG;
    char *s = map(NULL, len, PROT_NONE, ANON | MAP_STACK | MAP_NORESERVE, -1, 0);
    CHECK(s != MAP_FAILED, "mmap stack errno %d", errno);
    EQ(mprotect(s + PG, len - PG, RW), 0);
    FAULTS(s, 0);
    FAULTS(s + PG - 1, 1);
    WORKS(s + PG, 1);
    WORKS(s + len - 1, 1);
    /* the guard is a real fault, with the address, also for a write that straddles into it */
    FAULTS(s + PG - 8, 1);
    munmap(s, len);
}

/* ---- mremap --------------------------------------------------------------------------------- */

static void sec_mremap(void)
{
    /* room after it: grows in place */
    char *p = map(NULL, 8 * PG, RW, ANON, -1, 0);
    munmap(p + 2 * PG, 6 * PG);
    memset(p, 'm', 2 * PG);
    char *r = mremap(p, 2 * PG, 4 * PG, 0);
    EQ((long)r, (long)p);
    CHECK(all_bytes(p, 2 * PG, 'm') && all_bytes(p + 2 * PG, 2 * PG, 0), "in-place growth contents");
    /* blocked: ENOMEM without MAYMOVE, moves with it */
    char *blk = map(p + 4 * PG, PG, RW, ANON | MAP_FIXED, -1, 0);
    EQ((long)blk, (long)(p + 4 * PG));
    errno = 0;
    CHECK(mremap(p, 4 * PG, 8 * PG, 0) == MAP_FAILED && errno == ENOMEM, "blocked growth: errno %d", errno);
    r = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
    CHECK(r != MAP_FAILED && r != p, "MREMAP_MAYMOVE: %p", (void *)r);
    CHECK(all_bytes(r, 2 * PG, 'm') && all_bytes(r + 2 * PG, 6 * PG, 0), "moved contents");
    FAULTS(p, 0);                                /* the old range is gone */
    WORKS(blk, 1);
    /* shrink in place */
    char *s = mremap(r, 8 * PG, 2 * PG, 0);
    EQ((long)s, (long)r);
    FAULTS(r + 2 * PG, 0);
    EQ(r[PG], 'm');
    /* errors */
    errno = 0;
    CHECK(mremap(r + 1, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL, "unaligned: %d", errno);
    errno = 0;
    void *z = mremap(r, PG, 0, MREMAP_MAYMOVE);
    STRICT(z == MAP_FAILED && errno == EINVAL, "qemu-user gives ENOMEM", "new_len 0: %d", errno);
    errno = 0;
    CHECK(mremap(r, PG, 2 * PG, 0x10) == MAP_FAILED && errno == EINVAL, "bad flags: %d", errno);
    errno = 0;
    CHECK(mremap(r, PG, 2 * PG, MREMAP_FIXED, r + 64 * PG) == MAP_FAILED && errno == EINVAL,
          "FIXED without MAYMOVE: %d", errno);
    errno = 0;
    CHECK(mremap(p, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT, "unmapped old range: %d", errno);
    munmap(r, 2 * PG);
    munmap(blk, PG);
    /* a large realloc the way glibc does it */
    char *big = malloc(1 * MiB);
    memset(big, 'b', 1 * MiB);
    big = realloc(big, 8 * MiB);
    CHECK(big && all_bytes(big, 1 * MiB, 'b'), "realloc of a mmapped block lost data");
    free(big);
}

static void sec_mremap_fixed(void)
{
    char *p = map(NULL, 2 * PG, RW, ANON, -1, 0);
    memset(p, 'f', 2 * PG);
    char *dst = map(NULL, 16 * PG, RW, ANON, -1, 0);   /* a place to move to (it is replaced) */
    memset(dst, 'x', 16 * PG);
    char *r = mremap(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + 4 * PG);
    EQ((long)r, (long)(dst + 4 * PG));
    if (r != MAP_FAILED) {
        CHECK(all_bytes(r, 2 * PG, 'f') && all_bytes(r + 2 * PG, 2 * PG, 0), "MREMAP_FIXED contents");
        CHECK(all_bytes(dst, 4 * PG, 'x') && all_bytes(dst + 8 * PG, 8 * PG, 'x'), "neighbours changed");
        FAULTS(p, 0);
    }
    /* overlapping source and destination: EINVAL */
    errno = 0;
    CHECK(mremap(dst, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + 2 * PG) == MAP_FAILED && errno == EINVAL,
          "overlapping MREMAP_FIXED: %d", errno);
    /* MREMAP_DONTUNMAP: the old range stays mapped and reads zero */
    char *a = map(NULL, 2 * PG, RW, ANON, -1, 0);
    memset(a, 'd', 2 * PG);
    char *b = mremap(a, 2 * PG, 2 * PG, MREMAP_MAYMOVE | 4 /* MREMAP_DONTUNMAP */);
    CHECK(b != MAP_FAILED && b != a, "MREMAP_DONTUNMAP: %p errno %d", (void *)b, errno);
    if (b != MAP_FAILED) {
        CHECK(all_bytes(b, 2 * PG, 'd'), "MREMAP_DONTUNMAP moved contents");
        CHECK(all_bytes(a, 2 * PG, 0), "MREMAP_DONTUNMAP old range not empty");
        munmap(b, 2 * PG);
    }
    munmap(a, 2 * PG);
    munmap(dst, 16 * PG);
}

/* ---- madvise -------------------------------------------------------------------------------- */

static const char *tmpfile_with(const char *name, char fill, size_t len)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/%s", name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char *b = malloc(len);
    memset(b, fill, len);
    CHECK(write(fd, b, len) == (long)len, "write %s", path);
    free(b);
    close(fd);
    return path;
}

static void sec_madvise(void)
{
    char *p = map(NULL, 4 * PG, RW, ANON, -1, 0);
    memset(p, 'z', 4 * PG);
    EQ(madvise(p + PG, 2 * PG, MADV_DONTNEED), 0);
    CHECK(all_bytes(p, PG, 'z') && all_bytes(p + PG, 2 * PG, 0) && all_bytes(p + 3 * PG, PG, 'z'),
          "MADV_DONTNEED did not zero exactly the private anonymous pages given");
    p[PG] = 1;                                       /* still mapped and writable */
    EQ(madvise(p, 4 * PG, MADV_WILLNEED), 0);
    EQ(madvise(p, 4 * PG, MADV_NORMAL), 0);
    EQ(madvise(p, 4 * PG, MADV_RANDOM), 0);
    EQ(madvise(p, 4 * PG, MADV_SEQUENTIAL), 0);
    EQ(madvise(p, 0, MADV_DONTNEED), 0);
    long r = madvise(p, 4 * PG, 12345);
    STRICT(r == -1 && errno == EINVAL, "qemu-user accepts any advice", "unknown advice: %ld", r);
    FAILS(madvise(p + 1, PG, MADV_DONTNEED), EINVAL);
    munmap(p, 4 * PG);
    r = madvise(p, PG, MADV_DONTNEED);
    STRICT(r == -1 && errno == ENOMEM, "qemu-user ignores madvise ranges", "MADV_DONTNEED unmapped: %ld", r);
    /* a private file mapping goes back to the file's contents */
    const char *path = tmpfile_with("madv", 'F', 2 * PG);
    int fd = open(path, O_RDONLY);
    char *fp = map(NULL, 2 * PG, RW, MAP_PRIVATE, fd, 0);
    close(fd);
    memset(fp, 'w', 2 * PG);
    EQ(madvise(fp, 2 * PG, MADV_DONTNEED), 0);
    CHECK(all_bytes(fp, 2 * PG, 'F'), "MADV_DONTNEED on a private file mapping: not the file's data");
    munmap(fp, 2 * PG);
    unlink(path);
}

static void sec_madvise_shared(void)
{
    /* shared anonymous memory keeps its contents */
    char *sh = map(NULL, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset(sh, 's', 2 * PG);
    EQ(madvise(sh, 2 * PG, MADV_DONTNEED), 0);
    CHECK(all_bytes(sh, 2 * PG, 's'), "MADV_DONTNEED lost shared anonymous data");
    munmap(sh, 2 * PG);
    /* every advice checks the range: ENOMEM for an unmapped one */
    long r = madvise(sh, PG, MADV_WILLNEED);
    STRICT(r == -1 && errno == ENOMEM, "qemu-user ignores madvise ranges", "MADV_WILLNEED unmapped: %ld", r);
    r = madvise(sh, PG, MADV_NORMAL);
    STRICT(r == -1 && errno == ENOMEM, "qemu-user ignores madvise ranges", "MADV_NORMAL unmapped: %ld", r);
}

/* ---- MAP_FIXED, MAP_FIXED_NOREPLACE, NORESERVE, STACK, POPULATE ----------------------------- */

static void sec_flags(void)
{
    char *p = map(NULL, 4 * PG, RW, ANON, -1, 0);
    memset(p, 'o', 4 * PG);
    /* MAP_FIXED replaces what is there */
    char *q = map(p + PG, PG, RW, ANON | MAP_FIXED, -1, 0);
    EQ((long)q, (long)(p + PG));
    CHECK(all_bytes(q, PG, 0) && all_bytes(p, PG, 'o') && all_bytes(p + 2 * PG, 2 * PG, 'o'), "MAP_FIXED");
    /* MAP_FIXED_NOREPLACE: EEXIST over a mapping (qemu-user accepts it: FACTS.md) */
    errno = 0;
    q = map(p + 2 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    STRICT(q == MAP_FAILED && errno == EEXIST, "qemu-user accepts MAP_FIXED_NOREPLACE over a mapping",
           "MAP_FIXED_NOREPLACE over a mapping: %p errno %d", (void *)q, errno);
    STRICT(all_bytes(p + 2 * PG, PG, 'o'), "qemu-user replaced it", "MAP_FIXED_NOREPLACE changed the mapping");
    munmap(p, 4 * PG);
    /* ... and the exact address when free */
    q = map(p + PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    EQ((long)q, (long)(p + PG));
    munmap(q, PG);

    /* MAP_NORESERVE: 8 GiB of address space on a small machine */
    size_t big = 8UL << 30;
    char *n = map(NULL, big, RW, ANON | MAP_NORESERVE, -1, 0);
    CHECK(n != MAP_FAILED, "8 GiB MAP_NORESERVE: errno %d", errno);
    if (n != MAP_FAILED) {
        n[0] = 1;
        n[big / 2] = 2;
        n[big - 1] = 3;
        EQ(n[0] + n[big / 2] + n[big - 1], 6);
        EQ(n[PG], 0);
        munmap(n, big);
    }
    /* MAP_STACK is an ordinary private mapping */
    char *st = map(NULL, 16 * PG, RW, ANON | MAP_STACK, -1, 0);
    CHECK(st != MAP_FAILED && all_bytes(st, 16 * PG, 0), "MAP_STACK");
    munmap(st, 16 * PG);
    /* MAP_POPULATE: the pages are there at once */
    long f0 = freemem();
    char *pp = map(NULL, 32 * MiB, RW, ANON | MAP_POPULATE, -1, 0);
    long f1 = freemem();
    CHECK(pp != MAP_FAILED, "MAP_POPULATE errno %d", errno);
    STRICT(f0 - f1 >= (long)(24 * MiB), "qemu-user reports the host's memory",
           "MAP_POPULATE of 32 MiB took %ld KiB", (f0 - f1) / 1024);
    CHECK(all_bytes(pp, 32 * MiB, 0), "MAP_POPULATE pages not zero");
    munmap(pp, 32 * MiB);
}

/* ---- file mappings -------------------------------------------------------------------------- */

static void sec_file(void)
{
    const char *path = "/tmp/mapfile";
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0, "open %s", path);
    char buf[3 * 4096];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)('A' + i / PG);
    EQ(write(fd, buf, sizeof buf), sizeof buf);

    /* MAP_PRIVATE: the file's data; writes stay private; unwritten pages follow the file */
    char *pr = map(NULL, 3 * PG, RW, MAP_PRIVATE, fd, 0);
    CHECK(pr != MAP_FAILED, "MAP_PRIVATE errno %d", errno);
    CHECK(all_bytes(pr, PG, 'A') && all_bytes(pr + PG, PG, 'B') && all_bytes(pr + 2 * PG, PG, 'C'), "file data");
    pr[0] = 'x';
    char c;
    EQ(pread(fd, &c, 1, 0), 1);
    EQ(c, 'A');                                  /* the file is unchanged */
    EQ(pwrite(fd, "y", 1, PG + 5), 1);           /* page 1 was only read: it shows the new data */
    EQ(pr[PG + 5], 'y');
    EQ(pwrite(fd, "v", 1, 1), 1);                /* page 0 was copied: it does not */
    EQ(pr[1], 'A');
    EQ(pr[0], 'x');
    /* an offset */
    char *off = map(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 2 * PG);
    CHECK(all_bytes(off, PG, 'C'), "mapping at offset 2 pages");
    munmap(off, PG);

    /* MAP_SHARED: both ways, between two mappings, and after the fd is closed */
    char *sh = map(NULL, 3 * PG, RW, MAP_SHARED, fd, 0);
    char *sh2 = map(NULL, 3 * PG, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(sh != MAP_FAILED && sh2 != MAP_FAILED, "MAP_SHARED errno %d", errno);
    EQ(sh[1], 'v');
    sh[2 * PG] = 'S';
    EQ(pread(fd, &c, 1, 2 * PG), 1);
    EQ(c, 'S');
    EQ(sh2[2 * PG], 'S');
    EQ(pr[2 * PG], 'S');                         /* the private mapping's unwritten page too */
    EQ(pwrite(fd, "w", 1, 7), 1);
    EQ(sh[7], 'w');
    /* across fork */
    long pid = lv_fork();
    if (pid == 0) {
        sh[100] = 'K';
        pr[100] = 'K';
        syscall(SYS_exit_group, 0);
    }
    reap(pid);
    EQ(sh[100], 'K');
    EQ(pr[100], 'A');                            /* private copy untouched by the child */
    EQ(pread(fd, &c, 1, 100), 1);
    EQ(c, 'K');
    munmap(sh2, 3 * PG);
    close(fd);
    sh[10] = 'Z';                                /* the mapping outlives the descriptor */
    munmap(sh, 3 * PG);
    munmap(pr, 3 * PG);
    fd = open(path, O_RDONLY);
    EQ(pread(fd, &c, 1, 10), 1);
    EQ(c, 'Z');
    /* access rules */
    errno = 0;
    CHECK(map(NULL, PG, RW, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EACCES,
          "MAP_SHARED|PROT_WRITE on an O_RDONLY fd: errno %d", errno);
    char *ok = map(NULL, PG, RW, MAP_PRIVATE, fd, 0);
    CHECK(ok != MAP_FAILED, "MAP_PRIVATE|PROT_WRITE on an O_RDONLY fd: errno %d", errno);
    munmap(ok, PG);
    close(fd);
    fd = open(path, O_WRONLY);
    errno = 0;
    CHECK(map(NULL, PG, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EACCES,
          "mmap of an O_WRONLY fd: errno %d", errno);
    close(fd);
    unlink(path);
}

static void sec_file_eof(void)
{
    const char *path = "/tmp/mapfile-eof";
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char buf[3 * 4096];
    memset(buf, 'E', sizeof buf);
    EQ(write(fd, buf, sizeof buf), sizeof buf);
    char *sh = map(NULL, 3 * PG, RW, MAP_SHARED, fd, 0);
    CHECK(sh != MAP_FAILED, "MAP_SHARED errno %d", errno);
    EQ(sh[2 * PG], 'E');
    /* past the end of the file: zeros in the last page, SIGBUS beyond it */
    EQ(ftruncate(fd, PG + 100), 0);
    EQ(sh[PG + 99], 'E');
    EQ(sh[PG + 100], 0);
    EQ(sh[2 * PG - 1], 0);
    CHECK(access_kills(sh + 2 * PG, 0, SIGBUS), "read past the end of the file did not raise SIGBUS");
    CHECK(access_kills(sh + 2 * PG + 5, 1, SIGBUS), "write past the end of the file did not raise SIGBUS");
    EQ(ftruncate(fd, 3 * PG), 0);
    EQ(sh[2 * PG], 0);                           /* the file grew again, with zeros */
    munmap(sh, 3 * PG);
    /* a mapping longer than the file from the start */
    char *p = map(NULL, 4 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    EQ(p[3 * PG - 1], 0);
    CHECK(access_kills(p + 3 * PG, 0, SIGBUS), "MAP_PRIVATE read past the end of the file: no SIGBUS");
    munmap(p, 4 * PG);
    close(fd);
    unlink(path);
}

static void sec_shared_anon(void)
{
    volatile int *sh = map(NULL, 2 * PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK((void *)sh != MAP_FAILED, "shared anon errno %d", errno);
    sh[0] = 1;
    sh[PG / sizeof(int)] = 2;                   /* second page touched before the fork */
    long pid = lv_fork();
    if (pid == 0) {
        int bad = sh[0] != 1 || sh[PG / sizeof(int)] != 2;
        sh[0] = 10;
        sh[1] = 11;                              /* page 0 */
        sh[PG / sizeof(int) + 1] = 12;
        while (sh[2] != 99)                     /* the parent's write after the fork */
            usleep(1000);
        syscall(SYS_exit_group, bad);
    }
    while (sh[PG / sizeof(int) + 1] != 12)
        usleep(1000);
    EQ(sh[0], 10);
    EQ(sh[1], 11);
    sh[2] = 99;
    int st = reap(pid);
    EQ(st, 0);
    /* two children and a page nobody touched before the forks */
    volatile int *fresh = map(NULL, PG, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    long a = lv_fork();
    if (a == 0) {
        fresh[0] = 5;
        syscall(SYS_exit_group, 0);
    }
    reap(a);
    long b = lv_fork();
    if (b == 0)
        syscall(SYS_exit_group, fresh[0] == 5 ? 0 : 1);
    EQ(reap(b), 0);
    EQ(fresh[0], 5);
    munmap((void *)fresh, PG);
    munmap((void *)sh, 2 * PG);
}

/* ---- brk ------------------------------------------------------------------------------------ */

static void sec_brk(void)
{
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    uintptr_t top = (cur + PG - 1) & ~(PG - 1);
    EQ(syscall(SYS_brk, top + 4 * PG), top + 4 * PG);
    memset((char *)top, 'k', 4 * PG);
    /* fork: the child gets a copy of the heap and its own break */
    long pid = lv_fork();
    if (pid == 0) {
        int bad = !all_bytes((char *)top, 4 * PG, 'k');
        memset((char *)top, 'c', 4 * PG);
        if ((uintptr_t)syscall(SYS_brk, top + 8 * PG) != top + 8 * PG)
            bad |= 2;
        syscall(SYS_exit_group, bad);
    }
    EQ(reap(pid), 0);
    EQ(syscall(SYS_brk, 0), top + 4 * PG);
    CHECK(all_bytes((char *)top, 4 * PG, 'k'), "the child's heap writes leaked");
    /* the break does not grow into a mapping */
    char *wall = map((char *)top + 16 * PG, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    if (wall == (char *)top + 16 * PG) {
        EQ(syscall(SYS_brk, top + 32 * PG), top + 4 * PG);           /* refused: unchanged */
        EQ(syscall(SYS_brk, top + 8 * PG), top + 8 * PG);
        munmap(wall, PG);
    }
    /* shrinking unmaps */
    EQ(syscall(SYS_brk, top + PG), top + PG);
    STRICT(access_kills((char *)top + 2 * PG, 0, SIGSEGV), "qemu-user keeps the pages",
           "memory above a lowered break is still readable");
    EQ(syscall(SYS_brk, top + 2 * PG), top + 2 * PG);
    EQ(((char *)top)[PG], 0);                   /* re-grown: zero again */
    EQ(((char *)top)[0], 'k');
    EQ(syscall(SYS_brk, cur), cur);
}

/* ---- accesses outside any mapping ----------------------------------------------------------- */

static void sec_segv(void)
{
    FAULTS(8, 0);
    FAULTS(0x1000, 1);
    char *p = map(NULL, 2 * PG, RW, ANON, -1, 0);
    munmap(p, 2 * PG);
    FAULTS(p, 0);
    FAULTS(p + PG, 1);
    FAULTS(0xffff800000000000UL, 0);             /* kernel space */
    /* the kernel returns EFAULT instead */
    int fd = open("/tests/data/hello.txt", O_RDONLY);
    FAILS(read(fd, p, 10), EFAULT);
    FAILS(write(1, p, 10), EFAULT);
    char *ro = map(NULL, PG, PROT_READ, ANON, -1, 0);
    FAILS(read(fd, ro, 10), EFAULT);             /* read into a read-only page */
    char *none = map(NULL, PG, PROT_NONE, ANON, -1, 0);
    FAILS(read(fd, none, 10), EFAULT);
    FAILS(write(1, none, 10), EFAULT);
    close(fd);
    munmap(ro, PG);
    munmap(none, PG);
}

static const struct section sections[] = {
    {"demand", sec_demand},   {"cow", sec_cow},         {"mmap", sec_mmap},
    {"mprotect", sec_mprotect}, {"madvise_shared", sec_madvise_shared}, {"file_eof", sec_file_eof},
    {"guard", sec_guard},     {"mremap", sec_mremap},   {"mremap_fixed", sec_mremap_fixed},
    {"madvise", sec_madvise}, {"flags", sec_flags},     {"file", sec_file},
    {"shared_anon", sec_shared_anon}, {"brk", sec_brk}, {"segv", sec_segv},
};

int main(int argc, char **argv)
{
    return RUN_SECTIONS("mem-vm", sections, argc, argv);
}
