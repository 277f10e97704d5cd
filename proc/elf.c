/* ELF64 validation: everything the loader relies on is checked here, before any state changes. */
#include "proc/elf.h"
#include "lib/string.h"
#include "uapi/errno.h"

int elf_parse(const void *hdr, size_t len, u64 file_size, struct elf_info *out) {
    memset(out, 0, sizeof *out);
    if (len < sizeof(struct elf64_ehdr)) return -ENOEXEC;
    memcpy(&out->eh, hdr, sizeof out->eh);
    const struct elf64_ehdr *eh = &out->eh;
    if (memcmp(eh->ident, "\177ELF", 4) != 0) return -ENOEXEC;
    if (eh->ident[4] != 2 /* ELFCLASS64 */ || eh->ident[5] != 1 /* LSB */ || eh->ident[6] != 1) return -ENOEXEC;
    if (eh->type != ET_EXEC && eh->type != ET_DYN) return -ENOEXEC;
    if (eh->machine != EM_AARCH64) return -ENOEXEC;
    if (eh->phentsize != sizeof(struct elf64_phdr)) return -ENOEXEC;
    if (eh->phnum == 0 || eh->phnum > ELF_MAX_PHNUM) return -ENOEXEC;
    u64 phend = eh->phoff + (u64)eh->phnum * sizeof(struct elf64_phdr);
    if (phend < eh->phoff || phend > len || phend > file_size) return -ENOEXEC;
    memcpy(out->ph, (const u8 *)hdr + eh->phoff, eh->phnum * sizeof(struct elf64_phdr));
    out->lo = ~0UL;
    out->max_align = 4096;
    for (int i = 0; i < eh->phnum; i++) {
        const struct elf64_phdr *p = &out->ph[i];
        if (p->type == PT_INTERP) {
            if (p->filesz < 2 || p->filesz > 4096 || p->offset > file_size || p->filesz > file_size - p->offset) return -ENOEXEC;
            out->has_interp = true;
            out->interp_off = p->offset;
            out->interp_len = p->filesz;
        }
        if (p->type == PT_PHDR) out->phdr_vaddr = p->vaddr;
        if (p->type != PT_LOAD) continue;
        if (p->filesz > p->memsz) return -ENOEXEC;
        if (p->filesz && (p->offset > file_size || p->filesz > file_size - p->offset)) return -ENOEXEC;
        if (p->vaddr + p->memsz < p->vaddr || p->vaddr + p->memsz > (1UL << 48)) return -ENOEXEC;
        if ((p->vaddr & 4095) != (p->offset & 4095)) return -ENOEXEC;
        if (p->align > out->max_align && (p->align & (p->align - 1)) == 0) out->max_align = p->align;
        u64 lo = p->vaddr & ~4095UL, hi = (p->vaddr + p->memsz + 4095) & ~4095UL;
        if (lo < out->lo) out->lo = lo;
        if (hi > out->hi) out->hi = hi;
        /* The program headers are visible in memory if a segment maps them from the file. */
        if (!out->phdr_vaddr && eh->phoff >= p->offset && phend <= p->offset + p->filesz)
            out->phdr_vaddr = p->vaddr + (eh->phoff - p->offset);
        out->nload++;
    }
    if (out->nload == 0) return -ENOEXEC;
    if (eh->type == ET_EXEC && out->lo < 0x1000) return -EINVAL;
    return 0;
}
