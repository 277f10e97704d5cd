/* Memory syscalls: brk, mmap, munmap, mprotect, madvise, mremap. */
#include "syscall/syscall.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "proc/task.h"
#include "fs/vfs.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* Linux semantics: returns the new break, or the unchanged old one when the request fails. */
long sys_brk(uaddr_t brk) {
    struct mm *mm = current->mm;
    if (brk < mm->brk_start) return mm->brk;
    uaddr_t old_top = ALIGN_UP(mm->brk, PAGE_SIZE), new_top = ALIGN_UP(brk, PAGE_SIZE);
    if (new_top < old_top) {
        if (mm_unmap(mm, new_top, old_top - new_top)) return mm->brk;
    } else if (new_top > old_top) {
        if (new_top > mm->mmap_base) return mm->brk;
        if (mm_total_vm(mm) + (new_top - old_top) > current->proc->rlim[9].cur) return mm->brk;   /* RLIMIT_AS */
        if ((new_top - old_top) / PAGE_SIZE > nr_total_pages()) return mm->brk;                /* overcommit */
        u64 f = spin_lock_irqsave(&mm->lock);
        bool clash = false;
        struct vma *heap = NULL;
        for (struct vma *v = mm->vmas; v; v = v->next) {
            if (v->start < new_top && old_top < v->end) clash = true;
            if ((v->flags & VMA_HEAP) && v->end == old_top) heap = v;
        }
        if (!clash && heap) heap->end = new_top;     /* grow the heap area in place */
        spin_unlock_irqrestore(&mm->lock, f);
        if (clash) return mm->brk;
        if (!heap && mm_map(mm, old_top, new_top - old_top, PROT_READ | PROT_WRITE, VMA_HEAP, true, NULL, 0) < 0)
            return mm->brk;
    }
    mm->brk = brk;
    return brk;
}

long sys_mmap(uaddr_t addr, unsigned long len, unsigned long prot, unsigned long flags, unsigned long fd, unsigned long off) {
    unsigned type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) return -EINVAL;
    if (len == 0) return -EINVAL;
    if (off & ~PAGE_MASK) return -EINVAL;
    if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC)) return -EINVAL;
    u64 alen = ALIGN_UP(len, PAGE_SIZE);
    if (alen < len || alen > USER_VA_END) return -ENOMEM;
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && (addr & ~PAGE_MASK)) return -EINVAL;
    struct file *f = NULL;
    if (!(flags & MAP_ANONYMOUS)) {
        f = fd_get((int)fd);
        if (!f) return -EBADF;
        if ((f->flags & O_ACCMODE) == O_WRONLY) { file_put(f); return -EACCES; }
        if (type != MAP_PRIVATE && (prot & PROT_WRITE) && (f->flags & O_ACCMODE) != O_RDWR) { file_put(f); return -EACCES; }
        if (S_ISCHR(f->inode->mode)) { file_put(f); f = NULL; }   /* /dev/zero: anonymous memory */
        else if (!S_ISREG(f->inode->mode)) { file_put(f); return -ENODEV; }
    }
    struct mm *mm = current->mm;
    if (mm_total_vm(mm) + alen > current->proc->rlim[9].cur) { if (f) file_put(f); return -ENOMEM; }   /* RLIMIT_AS */
    /* Overcommit heuristic (vm.overcommit_memory = 0): one writable private or shared-anonymous
     * request bigger than all of RAM (there is no swap) is refused; MAP_NORESERVE is not counted. */
    bool accountable = (prot & PROT_WRITE) && !(flags & MAP_NORESERVE) && (type == MAP_PRIVATE || !f);
    if (accountable && alen / PAGE_SIZE > nr_total_pages()) { if (f) file_put(f); return -ENOMEM; }
    if (flags & MAP_FIXED_NOREPLACE) {
        for (struct vma *v = mm->vmas; v; v = v->next)
            if (v->start < addr + alen && addr < v->end) { if (f) file_put(f); return -EEXIST; }
        fixed = true;
    }
    u32 vflags = (type != MAP_PRIVATE ? VMA_SHARED : 0) | ((flags & MAP_NORESERVE) ? VMA_NORESERVE : 0) |
                 ((flags & MAP_STACK) ? VMA_STACK : 0);
    long r = mm_map(mm, addr, alen, prot, vflags, fixed, f, off);
    if (f) file_put(f);
    /* Shared anonymous memory is populated at once: fork then shares the very pages. */
    if (r >= 0 && type != MAP_PRIVATE && !f) flags |= MAP_POPULATE;
    if (r >= 0 && (flags & MAP_POPULATE)) {
        for (uaddr_t a = r; a < (uaddr_t)r + alen; a += PAGE_SIZE)
            if (mm_fault(mm, a, ACCESS_READ)) break;
    }
    return r;
}

long sys_munmap(uaddr_t addr, size_t len) { return mm_unmap(current->mm, addr, len); }

long sys_mprotect(uaddr_t start, size_t len, unsigned long prot) {
    if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) return -EINVAL;
    return mm_protect(current->mm, start, len, prot & 7);
}

long sys_madvise(uaddr_t start, size_t len, int advice) {
    if (start & ~PAGE_MASK) return -EINVAL;
    uaddr_t mend = start + ALIGN_UP(len, PAGE_SIZE);
    for (uaddr_t a = start; a < mend;) {                /* every page must be mapped: ENOMEM */
        struct vma *v = mm_find_vma(current->mm, a);
        if (!v) return -ENOMEM;
        a = v->end;
    }
    switch (advice) {
    case MADV_DONTNEED: {
        /* Private anonymous pages read back as zero: drop them by remapping the range in place. */
        struct mm *mm = current->mm;
        uaddr_t end = start + ALIGN_UP(len, PAGE_SIZE);
        for (uaddr_t a = start; a < end;) {
            struct vma *v = mm_find_vma(mm, a);
            if (!v) return -ENOMEM;
            uaddr_t e = MIN(end, v->end);
            if (v->flags & VMA_SHARED) { a = e; continue; }   /* shared memory keeps its contents */
            long r = mm_map(mm, a, e - a, v->prot, v->flags, true, v->file, v->file ? v->file_off + (a - v->start) : 0);
            if (r < 0) return r;
            a = e;
        }
        return 0;
    }
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED: case MADV_FREE:
    case MADV_DONTFORK: case MADV_DOFORK: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP:
    case MADV_DODUMP:
        return 0;
    }
    return -EINVAL;
}

/* mremap: shrinking in place, growing in place when the following range is free, or moving with
 * MREMAP_MAYMOVE (pages are copied; good enough for realloc of large blocks). */
long sys_mremap(uaddr_t addr, unsigned long old_len, unsigned long new_len, unsigned long flags, uaddr_t new_addr) {
    struct mm *mm = current->mm;
    if (addr & ~PAGE_MASK) return -EINVAL;
    if (flags & ~(unsigned long)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return -EINVAL;
    bool fixed = flags & MREMAP_FIXED, dontunmap = flags & MREMAP_DONTUNMAP;
    if ((fixed || dontunmap) && !(flags & MREMAP_MAYMOVE)) return -EINVAL;
    old_len = ALIGN_UP(old_len, PAGE_SIZE);
    new_len = ALIGN_UP(new_len, PAGE_SIZE);
    if (new_len == 0) return -EINVAL;
    if (dontunmap && old_len != new_len) return -EINVAL;
    if (fixed) {
        if (new_addr & ~PAGE_MASK) return -EINVAL;
        if (new_addr < addr + old_len && addr < new_addr + new_len) return -EINVAL;   /* overlap */
        if (new_addr + new_len > USER_VA_END || new_addr + new_len < new_addr) return -EINVAL;
    }
    struct vma *v = mm_find_vma(mm, addr);
    if (!v || addr + old_len > v->end) return -EFAULT;
    if (dontunmap && (v->file || (v->flags & VMA_SHARED))) return -EINVAL;   /* private anonymous only */
    if (new_len <= old_len && !fixed && !dontunmap) {
        if (new_len < old_len) mm_unmap(mm, addr + new_len, old_len - new_len);
        return addr;
    }
    bool free_after = true;
    for (struct vma *w = mm->vmas; w; w = w->next)
        if (w != v && w->start < addr + new_len && addr + old_len < w->end) free_after = false;
    if (!fixed && !dontunmap && free_after && v->end == addr + old_len && !v->file) {
        v->end = addr + new_len;
        return addr;
    }
    if ((new_len - old_len) / PAGE_SIZE > nr_total_pages() && (v->prot & PROT_WRITE) && !(v->flags & VMA_NORESERVE))
        return -ENOMEM;                                            /* overcommit, as mmap */
    if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
    u32 prot = v->prot, vflags = v->flags;
    /* Move by copying: a new mapping (at new_addr with MREMAP_FIXED, replacing what was there),
     * the old contents copied in, then the old range unmapped, or with MREMAP_DONTUNMAP left
     * mapped but empty (it reads as zeros again). */
    long n = mm_map(mm, fixed ? new_addr : 0, new_len, prot | 2, vflags, fixed, NULL, 0);
    if (n < 0) return n;
    for (u64 o = 0; o < MIN(old_len, new_len); o += PAGE_SIZE) {
        paddr_t src = mm_user_pa(mm, addr + o, ACCESS_READ);
        paddr_t dst = mm_user_pa(mm, n + o, ACCESS_WRITE);
        if (!src || !dst) break;
        memcpy(phys_to_virt(dst), phys_to_virt(src), PAGE_SIZE);
    }
    if (!(prot & 2)) mm_protect(mm, n, new_len, prot);
    if (dontunmap) {
        long r = mm_map(mm, addr, old_len, prot, vflags, true, NULL, 0);
        if (r < 0) return r;
    } else mm_unmap(mm, addr, old_len);
    return n;
}
