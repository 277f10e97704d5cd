/* Host unit tests of proc/elf.c (elf_parse): synthetic ELF64 images built in memory, then real
 * binaries given on the command line (static ET_EXEC, static-pie, dynamic). */
#include "harness.h"
#include "proc/elf.h"
#include "uapi/errno.h"

/* ---- building images ---- */

#define IMG_SIZE 8192
struct img {
    u8 buf[IMG_SIZE];
    struct elf64_ehdr *eh;
    struct elf64_phdr *ph;
    size_t len;          /* bytes of buf passed to elf_parse */
    u64 file_size;
};

/* A minimal valid aarch64 executable: PHDR, INTERP (if asked), a text and a data PT_LOAD. */
static void img_init(struct img *m, u16 type, bool interp) {
    memset(m, 0, sizeof *m);
    m->eh = (struct elf64_ehdr *)m->buf;
    memcpy(m->eh->ident, "\177ELF\2\1\1", 7);
    m->eh->type = type;
    m->eh->machine = EM_AARCH64;
    m->eh->version = 1;
    m->eh->phoff = sizeof(struct elf64_ehdr);
    m->eh->ehsize = sizeof(struct elf64_ehdr);
    m->eh->phentsize = sizeof(struct elf64_phdr);
    m->ph = (struct elf64_phdr *)(m->buf + m->eh->phoff);
    u64 base = type == ET_EXEC ? 0x400000 : 0;
    int n = 0;
    m->ph[n++] = (struct elf64_phdr){ .type = PT_PHDR, .flags = PF_R, .offset = 64, .vaddr = base + 64,
                                      .filesz = 4 * 56, .memsz = 4 * 56, .align = 8 };
    if (interp) {
        static const char path[] = "/lib/ld-linux-aarch64.so.1";
        memcpy(m->buf + 0x200, path, sizeof path);
        m->ph[n++] = (struct elf64_phdr){ .type = PT_INTERP, .flags = PF_R, .offset = 0x200, .vaddr = base + 0x200,
                                          .filesz = sizeof path, .memsz = sizeof path, .align = 1 };
    }
    m->ph[n++] = (struct elf64_phdr){ .type = PT_LOAD, .flags = PF_R | PF_X, .offset = 0, .vaddr = base,
                                      .filesz = 0x1800, .memsz = 0x1800, .align = 0x10000 };
    m->ph[n++] = (struct elf64_phdr){ .type = PT_LOAD, .flags = PF_R | PF_W, .offset = 0x1c00,
                                      .vaddr = base + 0x11c00, .filesz = 0x200, .memsz = 0x3000, .align = 0x10000 };
    if (!interp) m->ph[0].filesz = m->ph[0].memsz = 3 * 56;
    m->eh->phnum = n;
    m->eh->entry = base + 0x100;
    m->len = IMG_SIZE;
    m->file_size = 0x1e00;
}

static int parse(struct img *m, struct elf_info *info) { return elf_parse(m->buf, m->len, m->file_size, info); }

static struct elf_info info;   /* ~3.7 KiB: static rather than on the stack */

/* ---- valid files ---- */

static void valid_exec(void) {
    struct img m;
    img_init(&m, ET_EXEC, false);
    int r = parse(&m, &info);
    EXPECT(r == 0, "elf_parse = %d", r);
    EXPECT(info.nload == 2, "nload %d", info.nload);
    EXPECT(info.lo == 0x400000, "lo %#lx", (unsigned long)info.lo);
    EXPECT(info.hi == 0x415000, "hi %#lx (0x411c00 + 0x3000 rounded up = 0x415000)", (unsigned long)info.hi);
    EXPECT(info.max_align == 0x10000, "max_align %#lx", (unsigned long)info.max_align);
    EXPECT(info.phdr_vaddr == 0x400040, "phdr_vaddr %#lx", (unsigned long)info.phdr_vaddr);
    EXPECT(!info.has_interp, "has_interp");
    EXPECT(info.eh.entry == 0x400100 && info.eh.phnum == 3, "header copy");
    EXPECT(memcmp(info.ph, m.ph, 3 * sizeof(struct elf64_phdr)) == 0, "program header copy");
}

static void valid_dyn_interp(void) {
    struct img m;
    img_init(&m, ET_DYN, true);
    int r = parse(&m, &info);
    EXPECT(r == 0, "elf_parse = %d", r);
    EXPECT(info.lo == 0 && info.hi == 0x15000, "lo %#lx hi %#lx", (unsigned long)info.lo, (unsigned long)info.hi);
    EXPECT(info.has_interp && info.interp_off == 0x200 && info.interp_len == 27, "interp %d off %#lx len %lu",
           info.has_interp, (unsigned long)info.interp_off, (unsigned long)info.interp_len);
    EXPECT(info.phdr_vaddr == 0x40, "phdr_vaddr %#lx", (unsigned long)info.phdr_vaddr);
    EXPECT(info.max_align == 0x10000, "max_align %#lx", (unsigned long)info.max_align);
}

/* Without PT_PHDR the headers' address comes from the PT_LOAD mapping them; 0 if none does. */
static void phdr_vaddr_from_load(void) {
    struct img m;
    img_init(&m, ET_EXEC, false);
    m.ph[0].type = PT_GNU_STACK;
    m.ph[0].vaddr = 0;
    EXPECT(parse(&m, &info) == 0, "parse");
    EXPECT(info.phdr_vaddr == 0x400040, "phdr_vaddr %#lx from the first PT_LOAD", (unsigned long)info.phdr_vaddr);
    m.ph[1].offset = 0x1000;                    /* text no longer maps offset 64 */
    m.ph[1].vaddr = 0x401000;
    m.ph[1].filesz = m.ph[1].memsz = 0x800;
    EXPECT(parse(&m, &info) == 0, "parse");
    EXPECT(info.phdr_vaddr == 0, "phdr_vaddr %#lx, headers are not mapped", (unsigned long)info.phdr_vaddr);
    EXPECT(info.lo == 0x401000, "lo %#lx", (unsigned long)info.lo);
}

static void max_align_rules(void) {
    struct img m;
    img_init(&m, ET_DYN, false);
    m.ph[1].align = 0x200000;
    m.ph[2].align = 0x300000;                   /* not a power of two: ignored */
    EXPECT(parse(&m, &info) == 0 && info.max_align == 0x200000, "max_align %#lx", (unsigned long)info.max_align);
    m.ph[1].align = 0;
    m.ph[2].align = 16;                         /* smaller than a page: page size */
    EXPECT(parse(&m, &info) == 0 && info.max_align == 4096, "max_align %#lx", (unsigned long)info.max_align);
}

static void exec_at_page_zero(void) {
    struct img m;
    img_init(&m, ET_EXEC, false);
    m.ph[1].vaddr = 0;                          /* an ET_EXEC mapped at page 0: -EINVAL */
    m.ph[0].vaddr = 64;
    EXPECT(parse(&m, &info) == -EINVAL, "ET_EXEC at 0: %d", parse(&m, &info));
    img_init(&m, ET_EXEC, false);
    m.ph[1].vaddr = 0x1000;                     /* just above: fine */
    m.ph[0].vaddr = 0x1040;
    EXPECT(parse(&m, &info) == 0 && info.lo == 0x1000, "ET_EXEC at 0x1000: lo %#lx", (unsigned long)info.lo);
}

static void address_limit(void) {
    struct img m;
    img_init(&m, ET_DYN, false);
    m.ph[2].vaddr = (1ul << 48) - 0x3000 + 0xc00;
    m.ph[2].memsz = 0x2400;                     /* ends exactly at 2^48 */
    EXPECT(parse(&m, &info) == 0 && info.hi == 1ul << 48, "ending at 2^48: hi %#lx", (unsigned long)info.hi);
    m.ph[2].memsz = 0x2401;
    EXPECT(parse(&m, &info) == -ENOEXEC, "ending past 2^48 accepted");
}

/* ---- malformed files ---- */

struct bad {
    const char *name;
    void (*mutate)(struct img *);
    int err;
};

static void m_magic(struct img *m) { m->buf[1] = 'X'; }
static void m_magic0(struct img *m) { m->buf[0] = 0x7e; }
static void m_class32(struct img *m) { m->buf[4] = 1; }
static void m_classnone(struct img *m) { m->buf[4] = 0; }
static void m_bigendian(struct img *m) { m->buf[5] = 2; }
static void m_identver(struct img *m) { m->buf[6] = 0; }
static void m_machine_x86(struct img *m) { m->eh->machine = 62; }
static void m_machine_arm32(struct img *m) { m->eh->machine = 40; }
static void m_rel(struct img *m) { m->eh->type = 1; }
static void m_core(struct img *m) { m->eh->type = 4; }
static void m_phentsize_small(struct img *m) { m->eh->phentsize = 32; }
static void m_phentsize_big(struct img *m) { m->eh->phentsize = 64; }
static void m_phnum0(struct img *m) { m->eh->phnum = 0; }
static void m_phnum65(struct img *m) { m->eh->phnum = 65; }
static void m_phnum_max(struct img *m) { m->eh->phnum = 0xffff; }
static void m_ph_beyond_len(struct img *m) { m->len = 64 + 2 * 56; }
static void m_ph_beyond_file(struct img *m) { m->eh->phoff = m->file_size - 56; }
static void m_phoff_huge(struct img *m) { m->eh->phoff = ~0ul - 100; }
static void m_phoff_wrap(struct img *m) { m->eh->phoff = ~0ul - 55; m->eh->phnum = 2; }
static void m_len_short(struct img *m) { m->len = 63; }
static void m_len_zero(struct img *m) { m->len = 0; }
/* In the image run_bads mutates: ph[0] PT_PHDR, ph[1] PT_INTERP, ph[2] text, ph[3] data. */
static void m_filesz_gt_memsz(struct img *m) { m->ph[2].filesz = m->ph[2].memsz + 1; }
static void m_seg_beyond_file(struct img *m) { m->ph[2].filesz = m->file_size - m->ph[2].offset + 1; m->ph[2].memsz = 0x4000; }
static void m_seg_offset_beyond(struct img *m) { m->ph[3].offset += 0x2000; }
static void m_seg_offset_wrap(struct img *m) { m->ph[3].offset = ~0ul - 0xff; m->ph[3].vaddr = 0x411f00; }
static void m_misalign(struct img *m) { m->ph[3].vaddr += 8; }
static void m_misalign_page(struct img *m) { m->ph[3].offset += 0x1000; m->ph[3].vaddr += 0x800; m->file_size += 0x2000; }
static void m_vaddr_wrap(struct img *m) { m->ph[3].vaddr = ~0ul - 0x3ff; m->ph[3].memsz = 0x3000; }
static void m_vaddr_wrap2(struct img *m) { m->ph[3].vaddr = 0xfffffffffffffc00ul; m->ph[3].memsz = 0x400; }
static void m_vaddr_kernel(struct img *m) { m->ph[3].vaddr = 0xffff000000001c00ul; }
static void m_memsz_huge(struct img *m) { m->ph[3].memsz = ~0ul; }
static void m_no_load(struct img *m) { m->ph[2].type = 0x70000000; m->ph[3].type = PT_GNU_STACK; }
static void m_interp_long(struct img *m) { m->ph[1].filesz = 4097; m->file_size = 0x3000; }
static void m_interp_short(struct img *m) { m->ph[1].filesz = 1; }
static void m_interp_beyond(struct img *m) { m->ph[1].offset = m->file_size - 10; }
static void m_interp_offset_wrap(struct img *m) { m->ph[1].offset = ~0ul - 1; m->ph[1].filesz = 27; }
static void m_exec_low(struct img *m) { m->ph[3].vaddr = 0xc00; }

static const struct bad bads[] = {
    { "bad_magic", m_magic, -ENOEXEC },
    { "bad_magic_byte0", m_magic0, -ENOEXEC },
    { "class_32bit", m_class32, -ENOEXEC },
    { "class_none", m_classnone, -ENOEXEC },
    { "big_endian", m_bigendian, -ENOEXEC },
    { "ident_version_0", m_identver, -ENOEXEC },
    { "machine_x86_64", m_machine_x86, -ENOEXEC },
    { "machine_arm32", m_machine_arm32, -ENOEXEC },
    { "type_ET_REL", m_rel, -ENOEXEC },
    { "type_ET_CORE", m_core, -ENOEXEC },
    { "phentsize_32", m_phentsize_small, -ENOEXEC },
    { "phentsize_64", m_phentsize_big, -ENOEXEC },
    { "phnum_0", m_phnum0, -ENOEXEC },
    { "phnum_65", m_phnum65, -ENOEXEC },
    { "phnum_65535", m_phnum_max, -ENOEXEC },
    { "phdrs_beyond_buffer", m_ph_beyond_len, -ENOEXEC },
    { "phdrs_beyond_file", m_ph_beyond_file, -ENOEXEC },
    { "phoff_huge", m_phoff_huge, -ENOEXEC },
    { "phoff_wraps", m_phoff_wrap, -ENOEXEC },
    { "buffer_shorter_than_ehdr", m_len_short, -ENOEXEC },
    { "buffer_empty", m_len_zero, -ENOEXEC },
    { "filesz_gt_memsz", m_filesz_gt_memsz, -ENOEXEC },
    { "segment_beyond_file", m_seg_beyond_file, -ENOEXEC },
    { "segment_offset_beyond_file", m_seg_offset_beyond, -ENOEXEC },
    { "segment_offset_wraps", m_seg_offset_wrap, -ENOEXEC },
    { "vaddr_offset_misaligned", m_misalign, -ENOEXEC },
    { "vaddr_offset_misaligned_half_page", m_misalign_page, -ENOEXEC },
    { "vaddr_memsz_wraps", m_vaddr_wrap, -ENOEXEC },
    { "vaddr_memsz_wraps_to_zero", m_vaddr_wrap2, -ENOEXEC },
    { "vaddr_in_kernel_half", m_vaddr_kernel, -ENOEXEC },
    { "memsz_huge", m_memsz_huge, -ENOEXEC },
    { "no_PT_LOAD", m_no_load, -ENOEXEC },
    { "interp_too_long", m_interp_long, -ENOEXEC },
    { "interp_too_short", m_interp_short, -ENOEXEC },
    { "interp_beyond_file", m_interp_beyond, -ENOEXEC },
    { "interp_offset_wraps", m_interp_offset_wrap, -ENOEXEC },
    { "exec_below_0x1000", m_exec_low, -EINVAL },
};

/* Each malformed image is the valid ET_EXEC-with-interp image with one thing broken. The buffer is
 * copied into an exactly-sized heap block (m.len bytes) so ASan catches reads past `len`. */
static void run_bads(void) {
    static char name[96];
    for (unsigned i = 0; i < ARRAY_SIZE(bads); i++) {
        snprintf(name, sizeof name, "reject_%s", bads[i].name);
        h_begin(name);
        struct img *m = malloc(sizeof *m);
        img_init(m, ET_EXEC, true);
        int r0 = parse(m, &info);
        if (CHECK(r0 == 0, "the unmodified image is rejected (%d)", r0)) {
            bads[i].mutate(m);
            u8 *copy = malloc(m->len ? m->len : 1);
            memcpy(copy, m->buf, m->len);
            int r = elf_parse(copy, m->len, m->file_size, &info);
            CHECK(r == bads[i].err, "elf_parse = %d, expected %d", r, bads[i].err);
            free(copy);
        }
        free(m);
        h_end();
    }
}

/* Every truncation of a valid image fails cleanly (no read beyond len). */
static void every_truncation(void) {
    struct img m;
    img_init(&m, ET_DYN, true);
    size_t need = 64 + m.eh->phnum * 56;
    for (size_t len = 0; len < need; len++) {
        u8 *copy = malloc(len ? len : 1);
        memcpy(copy, m.buf, len);
        int r = elf_parse(copy, len, m.file_size, &info);
        free(copy);
        EXPECT(r == -ENOEXEC, "len %zu: %d", len, r);
    }
    EXPECT(elf_parse(m.buf, need, m.file_size, &info) == 0, "exactly the headers");
}

/* Random byte corruption never crashes and never yields an inconsistent accepted result. */
static u64 rng_state = 0x2545f4914f6cdd1dull;
static u64 rnd(void) {
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return rng_state;
}
static void fuzz_headers(void) {
    struct img base, m;
    img_init(&base, ET_EXEC, true);
    size_t hlen = 64 + base.eh->phnum * 56;
    for (int it = 0; it < 20000; it++) {
        m = base;
        m.eh = (struct elf64_ehdr *)m.buf;
        int flips = 1 + rnd() % 4;
        for (int k = 0; k < flips; k++) m.buf[rnd() % hlen] ^= (u8)(1u << (rnd() % 8));
        int r = elf_parse(m.buf, m.len, m.file_size, &info);
        EXPECT(r == 0 || r == -ENOEXEC || r == -EINVAL, "iteration %d: returned %d", it, r);
        if (r != 0) continue;
        EXPECT(info.nload > 0 && info.lo < info.hi && info.hi <= (1ul << 48), "it %d: lo %#lx hi %#lx", it,
               (unsigned long)info.lo, (unsigned long)info.hi);
        EXPECT((info.lo & 4095) == 0 && (info.hi & 4095) == 0, "it %d: lo/hi not page-aligned", it);
        for (int i = 0; i < info.eh.phnum; i++) {
            const struct elf64_phdr *p = &info.ph[i];
            if (p->type != PT_LOAD) continue;
            /* a segment with no file bytes (pure bss) may have any offset, as Linux accepts */
            EXPECT((p->filesz == 0 || p->offset + p->filesz <= m.file_size) && p->filesz <= p->memsz,
                   "it %d: bad segment accepted", it);
        }
        if (info.has_interp)
            EXPECT(info.interp_len >= 2 && info.interp_len <= 4096 && info.interp_off + info.interp_len <= m.file_size,
                   "it %d: bad interp accepted", it);
    }
}

/* ---- real binaries ---- */

static const char *real_path;
static const char *real_expect;    /* "exec", "static-pie", "dynamic" or "any" */

static void real_binary(void) {
    FILE *f = fopen(real_path, "rb");
    EXPECT(f, "cannot open %s", real_path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    u8 *buf = malloc(size);
    EXPECT(fread(buf, 1, size, f) == (size_t)size, "read");
    fclose(f);
    /* The loader passes the first page of the file. */
    size_t len = size < 4096 ? (size_t)size : 4096;
    u8 *head = malloc(len);
    memcpy(head, buf, len);
    int r = elf_parse(head, len, size, &info);
    EXPECT(r == 0, "elf_parse(%s) = %d", real_path, r);
    /* Recompute what elf_parse should report, straight from the file. */
    const struct elf64_ehdr *eh = (const void *)buf;
    const struct elf64_phdr *ph = (const void *)(buf + eh->phoff);
    u64 lo = ~0ul, hi = 0, align = 4096, phdr = 0;
    int nload = 0;
    bool interp = false;
    for (int i = 0; i < eh->phnum; i++) {
        if (ph[i].type == PT_INTERP) interp = true;
        if (ph[i].type == PT_PHDR) phdr = ph[i].vaddr;
        if (ph[i].type != PT_LOAD) continue;
        nload++;
        if (ph[i].vaddr / 4096 * 4096 < lo) lo = ph[i].vaddr / 4096 * 4096;
        if ((ph[i].vaddr + ph[i].memsz + 4095) / 4096 * 4096 > hi) hi = (ph[i].vaddr + ph[i].memsz + 4095) / 4096 * 4096;
        if (ph[i].align > align) align = ph[i].align;
        if (!phdr && eh->phoff >= ph[i].offset && eh->phoff + eh->phnum * 56ul <= ph[i].offset + ph[i].filesz)
            phdr = ph[i].vaddr + eh->phoff - ph[i].offset;
    }
    EXPECT(info.nload == nload && info.lo == lo && info.hi == hi, "nload %d lo %#lx hi %#lx, expected %d %#lx %#lx",
           info.nload, (unsigned long)info.lo, (unsigned long)info.hi, nload, (unsigned long)lo, (unsigned long)hi);
    EXPECT(info.max_align == align, "max_align %#lx, expected %#lx", (unsigned long)info.max_align, (unsigned long)align);
    EXPECT(info.phdr_vaddr == phdr && phdr != 0, "phdr_vaddr %#lx, expected %#lx", (unsigned long)info.phdr_vaddr,
           (unsigned long)phdr);
    EXPECT(info.has_interp == interp, "has_interp %d", info.has_interp);
    if (!strcmp(real_expect, "exec"))
        EXPECT(eh->type == ET_EXEC && !interp && lo >= 0x10000, "expected a static ET_EXEC");
    if (!strcmp(real_expect, "static-pie"))
        EXPECT(eh->type == ET_DYN && !interp && lo == 0, "expected a static-pie (ET_DYN at 0, no interpreter)");
    if (!strcmp(real_expect, "dynamic")) {
        EXPECT(interp, "expected a PT_INTERP");
        EXPECT(info.interp_off + info.interp_len <= (u64)size && buf[info.interp_off + info.interp_len - 1] == 0 &&
               !strcmp((char *)buf + info.interp_off, "/lib/ld-linux-aarch64.so.1"),
               "interpreter %.*s", (int)info.interp_len, (char *)buf + info.interp_off);
    }
    /* The whole file as the buffer gives the same answer; a file_size cut short of the last
     * segment is rejected. */
    struct elf_info *again = malloc(sizeof *again);
    EXPECT(elf_parse(buf, size, size, again) == 0 && again->lo == info.lo && again->hi == info.hi, "whole file");
    u64 seg_end = 0;
    for (int i = 0; i < eh->phnum; i++)
        if (ph[i].type == PT_LOAD && ph[i].offset + ph[i].filesz > seg_end) seg_end = ph[i].offset + ph[i].filesz;
    EXPECT(elf_parse(head, len, seg_end - 1, again) == -ENOEXEC, "file_size cut before the last segment's end accepted");
    free(again);
    free(head);
    free(buf);
}

/* argv: [kind:path]... kind is exec, static-pie, dynamic or any (non-ELF files are ignored). Missing
 * files are reported as SKIP (the userland may not be built). */
int main(int argc, char **argv) {
    h_init();
    RUN(valid_exec);
    RUN(valid_dyn_interp);
    RUN(phdr_vaddr_from_load);
    RUN(max_align_rules);
    RUN(exec_at_page_zero);
    RUN(address_limit);
    run_bads();
    RUN(every_truncation);
    RUN(fuzz_headers);
    static char name[512];
    for (int i = 1; i < argc; i++) {
        char *colon = strchr(argv[i], ':');
        if (!colon) { fprintf(stderr, "usage: %s [kind:path]...\n", argv[0]); return 2; }
        *colon = 0;
        real_expect = argv[i];
        real_path = colon + 1;
        if (access(real_path, R_OK) != 0) { printf("SKIP real_%s %s: not present\n", real_expect, real_path); continue; }
        if (!strcmp(real_expect, "any")) {      /* "any": whatever ELF files a directory holds */
            char magic[4] = { 0 };
            FILE *f = fopen(real_path, "rb");
            size_t got = f ? fread(magic, 1, 4, f) : 0;
            if (f) fclose(f);
            if (got != 4 || memcmp(magic, "\177ELF", 4) != 0) continue;
        }
        snprintf(name, sizeof name, "real_%s %s", real_expect, real_path);
        run_case(name, real_binary);
    }
    return h_finish("test_elf");
}
