/* ELF64 parsing for the loader (pure: host unit tests run it on buffers). */
#pragma once
#include "lib/types.h"

#define EM_AARCH64 183
#define ET_EXEC 2
#define ET_DYN 3
#define PT_LOAD 1
#define PT_INTERP 3
#define PT_PHDR 6
#define PT_GNU_STACK 0x6474e551
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
    u8 ident[16];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct elf64_phdr {
    u32 type, flags;
    u64 offset, vaddr, paddr, filesz, memsz, align;
};

#define ELF_MAX_PHNUM 64
struct elf_info {
    struct elf64_ehdr eh;
    struct elf64_phdr ph[ELF_MAX_PHNUM];
    int nload;
    u64 lo, hi;                 /* page-aligned span of the PT_LOAD segments (before bias) */
    u64 max_align;
    u64 phdr_vaddr;             /* where the program headers are in memory (before bias), 0 if not loaded */
    bool has_interp;
    u64 interp_off, interp_len;
};

/* Validates the header and program headers. `hdr` holds the file's first `len` bytes
 * (which must cover the program headers; the caller reads enough). Returns 0 or -ENOEXEC/-EINVAL. */
int elf_parse(const void *hdr, size_t len, u64 file_size, struct elf_info *out);
