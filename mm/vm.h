/* User address spaces: a 4-level page table (TTBR0, tagged with an ASID) plus a sorted list of
 * areas (VMAs) saying what may be mapped where. Pages are filled on demand by mm_fault: anonymous
 * memory is zero-filled, file-backed areas read from their file. */
#pragma once
#include "lib/types.h"
#include "lib/spinlock.h"

#define USER_VA_END   (1UL << 48)
#define USER_STACK_TOP USER_VA_END
#define USER_MMAP_MIN 0x10000UL          /* /proc/sys/vm/mmap_min_addr */

/* prot bits are PROT_READ/WRITE/EXEC (1/2/4); flags: */
#define VMA_SHARED    0x01
#define VMA_GROWSDOWN 0x02
#define VMA_STACK     0x04
#define VMA_HEAP      0x08
#define VMA_NORESERVE 0x10
#define VMA_SPECIAL   0x20                /* kernel-provided page (signal trampoline) */

struct file;
struct vma {
    uaddr_t start, end;                   /* [start, end), page aligned */
    u32 prot, flags;
    struct file *file;                    /* NULL: anonymous */
    u64 file_off;                         /* offset of `start` in the file */
    u64 file_len;                         /* bytes from file_off backed by the file; the rest is zero */
    struct vma *next;
};

struct mm {
    paddr_t pgd;
    u64 asid;                             /* generation << 16 | asid */
    struct vma *vmas;
    uaddr_t brk_start, brk;
    uaddr_t mmap_base;                    /* top-down allocation starts below this */
    uaddr_t stack_top;
    uaddr_t arg_start, arg_end, env_start, env_end;
    u64 rss_pages;
    uaddr_t sigpage;                      /* signal return trampoline (proc/exec.c) */
    int refs;
    spinlock_t lock;
};

struct mm *mm_create(void);               /* NULL on ENOMEM */
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);
void mm_activate(struct mm *mm);
void mm_deactivate(void);                 /* TTBR0 -> an empty table (exit) */
/* fork: a copy of the address space sharing every page copy-on-write (MAP_SHARED pages shared). */
struct mm *mm_fork(struct mm *parent);
struct inode;
void mm_truncate_inode(struct inode *ino, u64 new_size);   /* a file shrank: unmap past its end */          /* load TTBR0 (allocating an ASID if needed) */

/* Maps [addr, addr+len) with the given protection. MAP_FIXED semantics when fixed (replaces what
 * was there), else addr is a hint and a free range is chosen top-down. Returns the address or -errno. */
long mm_map(struct mm *mm, uaddr_t addr, u64 len, u32 prot, u32 flags, bool fixed,
            struct file *file, u64 off);
int mm_unmap(struct mm *mm, uaddr_t addr, u64 len);
int mm_protect(struct mm *mm, uaddr_t addr, u64 len, u32 prot);
struct vma *mm_find_vma(struct mm *mm, uaddr_t addr);   /* the VMA containing addr */
u64 mm_total_vm(struct mm *mm);                         /* bytes mapped (RLIMIT_AS) */

#define ACCESS_READ  1
#define ACCESS_WRITE 2
#define ACCESS_EXEC  4
/* Makes the page at addr present with the access allowed; 0, or -EFAULT (no VMA or forbidden),
 * -EIO (a file page beyond the end of the file: SIGBUS), or -ENOMEM. */
int mm_fault(struct mm *mm, uaddr_t addr, int access);
/* Physical address of user byte `addr`, faulting it in for `access`; 0 on failure. */
paddr_t mm_user_pa(struct mm *mm, uaddr_t addr, int access);
/* Installs a kernel-filled page at addr (used by exec to place segments and the stack). */
int mm_install_page(struct mm *mm, uaddr_t addr, paddr_t pa, u32 prot);
