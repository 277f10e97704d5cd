/* Address spaces (mm/vm.h). The page table is only changed under mm->lock; TLB entries of this
 * ASID are invalidated by VA after every change of a live mapping. */
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "arch/arm64/sysregs.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"
#include "fs/vfs.h"
#include "proc/process.h"

#define PTE_ADDR_MASK 0x0000fffffffff000UL
static spinlock_t asid_lock = SPINLOCK_INIT;
static u64 asid_generation = 1 << 16;
static u64 next_asid = 1;

static inline void tlb_flush_va(struct mm *mm, uaddr_t va) {
    u64 arg = ((mm->asid & 0xffff) << 48) | (va >> 12);
    __asm__ volatile("dsb ishst; tlbi vae1is, %0; dsb ish; isb" :: "r"(arg) : "memory");
}

struct mm *mm_create(void) {
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm) return NULL;
    mm->pgd = page_alloc_zeroed(0);
    if (!mm->pgd) { kfree(mm); return NULL; }
    mm->refs = 1;
    mm->stack_top = USER_STACK_TOP;
    mm->mmap_base = USER_STACK_TOP - (8UL << 20) - (128UL << 20);   /* below the stack and its gap */
    return mm;
}

void mm_get(struct mm *mm) { __atomic_add_fetch(&mm->refs, 1, __ATOMIC_RELAXED); }

/* Drops a user mapping's reference to its page. An executable page that is about to be freed is
 * cleared first: under QEMU's TCG, a recycled code page that later holds hot data (a stack, a
 * futex word) keeps its stale translations and every write to it takes the self-modifying-code
 * slow path — measured as a 10x slower futex ping-pong in every process after the first. */
static void put_user_page(u64 pte) {
    paddr_t pa = pte & PTE_ADDR_MASK;
    if (!(pte & PTE_UXN)) {
        struct page *pg = pa_to_page(pa);
        if (pg && pg->refcount == 1) memset(phys_to_virt(pa), 0, PAGE_SIZE);
    }
    page_put(pa);
}

static void free_table(paddr_t table, int level) {
    u64 *t = phys_to_virt(table);
    for (int i = 0; i < 512; i++) {
        u64 e = t[i];
        if (level == 3 && (e & PTE_SW_PROTNONE)) { page_put(e & PTE_ADDR_MASK); continue; }
        if (!(e & PTE_VALID)) continue;
        if (level < 3) free_table(e & PTE_ADDR_MASK, level + 1);
        else put_user_page(e);
    }
    page_free(table, 0);
}

void mm_put(struct mm *mm) {
    if (__atomic_sub_fetch(&mm->refs, 1, __ATOMIC_ACQ_REL)) return;
    struct vma *v = mm->vmas;
    while (v) {
        struct vma *n = v->next;
        if (v->file) file_put(v->file);
        kfree(v);
        v = n;
    }
    free_table(mm->pgd, 0);
    u64 arg = (mm->asid & 0xffff) << 48;
    __asm__ volatile("dsb ishst; tlbi aside1is, %0; dsb ish; isb" :: "r"(arg) : "memory");
    kfree(mm);
}

void mm_activate(struct mm *mm) {
    u64 f = spin_lock_irqsave(&asid_lock);
    if ((mm->asid & ~0xffffUL) != asid_generation) {
        if (next_asid > 0xffff) {                 /* ASIDs exhausted: new generation, flush all */
            asid_generation += 1 << 16;
            next_asid = 1;
            __asm__ volatile("dsb ishst; tlbi vmalle1is; dsb ish; isb" ::: "memory");
        }
        mm->asid = asid_generation | next_asid++;
    }
    spin_unlock_irqrestore(&asid_lock, f);
    u64 ttbr = mm->pgd | ((mm->asid & 0xffff) << 48);
    __asm__ volatile("msr ttbr0_el1, %0; isb" :: "r"(ttbr) : "memory");
}

void mm_deactivate(void) {
    extern u64 boot_l0[];                     /* empty since kmain dropped the identity map */
    __asm__ volatile("msr ttbr0_el1, %0; isb" :: "r"(virt_to_phys(boot_l0)) : "memory");
}

/* Returns the L3 entry for va, allocating intermediate tables when alloc. */
static u64 *pte_walk(struct mm *mm, uaddr_t va, bool alloc) {
    paddr_t table = mm->pgd;
    for (int level = 0; level < 3; level++) {
        u64 *t = phys_to_virt(table);
        int idx = (va >> (39 - 9 * level)) & 511;
        if (!(t[idx] & PTE_VALID)) {
            if (!alloc) return NULL;
            paddr_t n = page_alloc_zeroed(0);
            if (!n) return NULL;
            t[idx] = n | PTE_VALID | PTE_TABLE;
        }
        table = t[idx] & PTE_ADDR_MASK;
    }
    return (u64 *)phys_to_virt(table) + ((va >> 12) & 511);
}

static u64 prot_to_pte(u32 prot) {
    u64 pte = PTE_VALID | PTE_TABLE | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_NG | PTE_PXN | PTE_USER;
    if (!(prot & 2)) pte |= PTE_RDONLY;
    if (!(prot & 4)) pte |= PTE_UXN;
    return pte;
}

u64 mm_total_vm(struct mm *mm) {
    u64 n = 0;
    for (struct vma *v = mm->vmas; v; v = v->next) n += v->end - v->start;
    return n;
}

struct vma *mm_find_vma(struct mm *mm, uaddr_t addr) {
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (addr >= v->start && addr < v->end) return v;
    return NULL;
}

/* Unmaps and frees the pages of [s, e) in the page table. */
static void unmap_pages(struct mm *mm, uaddr_t s, uaddr_t e) {
    for (uaddr_t va = s; va < e; va += PAGE_SIZE) {
        u64 *pte = pte_walk(mm, va, false);
        if (!pte) {
            /* skip the rest of this L3 table's range */
            uaddr_t next = (va | ((1UL << 21) - 1)) + 1;
            if (next > va) va = next - PAGE_SIZE;
            continue;
        }
        if (*pte & (PTE_VALID | PTE_SW_PROTNONE)) {
            u64 old = *pte;
            *pte = 0;
            tlb_flush_va(mm, va);
            if (old & PTE_VALID) put_user_page(old); else page_put(old & PTE_ADDR_MASK);
            mm->rss_pages--;
        }
    }
}

/* Splits VMAs so that none straddles addr. */
static int split_at(struct mm *mm, uaddr_t addr) {
    struct vma *v = mm_find_vma(mm, addr);
    if (!v || v->start == addr) return 0;
    struct vma *n = kmalloc(sizeof *n);
    if (!n) return -ENOMEM;
    *n = *v;
    n->start = addr;
    if (n->file) {
        file_get(n->file);
        u64 d = addr - v->start;
        n->file_off += d;
        n->file_len = n->file_len > d ? n->file_len - d : 0;
    }
    v->end = addr;
    v->next = n;
    return 0;
}

static void remove_range(struct mm *mm, uaddr_t s, uaddr_t e) {
    struct vma **pp = &mm->vmas;
    while (*pp) {
        struct vma *v = *pp;
        if (v->start >= s && v->end <= e) {
            *pp = v->next;
            unmap_pages(mm, v->start, v->end);
            if (v->file) file_put(v->file);
            kfree(v);
        } else pp = &v->next;
    }
}

static void insert_vma(struct mm *mm, struct vma *n) {
    struct vma **pp = &mm->vmas;
    while (*pp && (*pp)->start < n->start) pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
}

static bool range_free(struct mm *mm, uaddr_t s, uaddr_t e) {
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->start < e && s < v->end) return false;
    return true;
}

static uaddr_t find_free(struct mm *mm, u64 len) {
    uaddr_t top = mm->mmap_base;
    /* Walk down: try just below each VMA that starts under `top`. */
    for (;;) {
        if (top < len + USER_MMAP_MIN) return 0;
        uaddr_t s = top - len;
        struct vma *clash = NULL;
        for (struct vma *v = mm->vmas; v; v = v->next)
            if (v->start < top && s < v->end) { if (!clash || v->start < clash->start) clash = v; }
        if (!clash) return s;
        top = clash->start;
    }
}

long mm_map(struct mm *mm, uaddr_t addr, u64 len, u32 prot, u32 flags, bool fixed, struct file *file, u64 off) {
    len = ALIGN_UP(len, PAGE_SIZE);
    if (len == 0 || len > USER_VA_END) return -ENOMEM;
    struct vma *n = kzalloc(sizeof *n);
    if (!n) return -ENOMEM;
    u64 f = spin_lock_irqsave(&mm->lock);
    if (fixed) {
        if (addr & ~PAGE_MASK || addr + len > USER_VA_END || addr + len < addr) {
            spin_unlock_irqrestore(&mm->lock, f); kfree(n); return -EINVAL;
        }
        if (split_at(mm, addr) || split_at(mm, addr + len)) {
            spin_unlock_irqrestore(&mm->lock, f); kfree(n); return -ENOMEM;
        }
        remove_range(mm, addr, addr + len);
    } else {
        addr = ALIGN_DOWN(addr, PAGE_SIZE);
        if (!addr || addr < USER_MMAP_MIN || addr + len > USER_VA_END || !range_free(mm, addr, addr + len))
            addr = find_free(mm, len);
        if (!addr) { spin_unlock_irqrestore(&mm->lock, f); kfree(n); return -ENOMEM; }
    }
    n->start = addr;
    n->end = addr + len;
    n->prot = prot;
    n->flags = flags;
    n->file = file;
    n->file_off = off;
    n->file_len = len;
    if (file) file_get(file);
    insert_vma(mm, n);
    spin_unlock_irqrestore(&mm->lock, f);
    return (long)addr;
}

int mm_unmap(struct mm *mm, uaddr_t addr, u64 len) {
    if (addr & ~PAGE_MASK || len == 0) return -EINVAL;
    len = ALIGN_UP(len, PAGE_SIZE);
    if (addr + len > USER_VA_END || addr + len < addr) return -EINVAL;
    u64 f = spin_lock_irqsave(&mm->lock);
    int r = split_at(mm, addr);
    if (!r) r = split_at(mm, addr + len);
    if (!r) remove_range(mm, addr, addr + len);
    spin_unlock_irqrestore(&mm->lock, f);
    return r;
}

int mm_protect(struct mm *mm, uaddr_t addr, u64 len, u32 prot) {
    if (addr & ~PAGE_MASK) return -EINVAL;
    len = ALIGN_UP(len, PAGE_SIZE);
    if (len == 0) return 0;
    uaddr_t end = addr + len;
    if (end > USER_VA_END || end < addr) return -ENOMEM;
    u64 f = spin_lock_irqsave(&mm->lock);
    /* Every page of the range must be mapped (Linux: ENOMEM otherwise). */
    for (uaddr_t a = addr; a < end;) {
        struct vma *v = mm_find_vma(mm, a);
        if (!v) { spin_unlock_irqrestore(&mm->lock, f); return -ENOMEM; }
        a = v->end;
    }
    if (split_at(mm, addr) || split_at(mm, end)) { spin_unlock_irqrestore(&mm->lock, f); return -ENOMEM; }
    for (struct vma *v = mm->vmas; v; v = v->next) {
        if (v->start < addr || v->end > end) continue;
        v->prot = prot;
        for (uaddr_t va = v->start; va < v->end; va += PAGE_SIZE) {
            u64 *pte = pte_walk(mm, va, false);
            if (!pte || !(*pte & (PTE_VALID | PTE_SW_PROTNONE))) continue;
            if (!(prot & 7)) {          /* PROT_NONE: no translation, but the page and its data stay */
                *pte = (*pte & (PTE_ADDR_MASK | PTE_SW_COW)) | PTE_SW_PROTNONE;
                tlb_flush_va(mm, va);
                continue;
            }
            *pte = (*pte & PTE_ADDR_MASK) | prot_to_pte(prot) | (*pte & PTE_SW_COW);
            if (*pte & PTE_SW_COW) *pte |= PTE_RDONLY;
            tlb_flush_va(mm, va);
        }
    }
    spin_unlock_irqrestore(&mm->lock, f);
    return 0;
}

static int fault_locked(struct mm *mm, uaddr_t addr, int access) {
    struct vma *v = mm_find_vma(mm, addr);
    if (!v) return -EFAULT;
    if ((access & ACCESS_WRITE) && !(v->prot & 2)) return -EFAULT;
    if ((access & ACCESS_EXEC) && !(v->prot & 4)) return -EFAULT;
    if ((access & ACCESS_READ) && !(v->prot & 7)) return -EFAULT;
    if (!(v->prot & 7)) return -EFAULT;
    uaddr_t va = addr & PAGE_MASK;
    u64 *pte = pte_walk(mm, va, true);
    if (!pte) return -ENOMEM;
    if (*pte & PTE_SW_PROTNONE) {               /* access was restored: map the kept page again */
        u64 cow = *pte & PTE_SW_COW;
        *pte = (*pte & PTE_ADDR_MASK) | prot_to_pte(v->prot) | cow | (cow ? PTE_RDONLY : 0);
        tlb_flush_va(mm, va);
    }
    struct inode *fino = v->file ? v->file->inode : NULL;
    if (fino && va - v->start < v->file_len &&
        v->file_off + (va - v->start) >= ALIGN_UP((u64)fino->size, PAGE_SIZE))
        return -EIO;                            /* a file page beyond EOF: SIGBUS, as on Linux */
    if (*pte & PTE_VALID) {
        if ((access & ACCESS_WRITE) && (*pte & PTE_SW_COW)) {
            paddr_t old = *pte & PTE_ADDR_MASK;
            struct page *pg = pa_to_page(old);
            if (pg && pg->refcount == 1) {
                *pte = old | prot_to_pte(v->prot);
            } else {
                paddr_t n = page_alloc(0);
                if (!n) return -ENOMEM;
                memcpy(phys_to_virt(n), phys_to_virt(old), PAGE_SIZE);
                *pte = n | prot_to_pte(v->prot);
                page_put(old);
            }
            tlb_flush_va(mm, va);
        }
        return 0;
    }
    struct inode *ino = v->file ? v->file->inode : NULL;
    if (ino && (v->flags & VMA_SHARED) && ino->iops && ino->iops->get_page) {
        /* MAP_SHARED of an in-memory file: map the file's own page, so writes reach the file
         * and every mapping sees them. */
        u64 off = v->file_off + (va - v->start);
        paddr_t fp = ino->iops->get_page(ino, off >> PAGE_SHIFT, true);
        if (!fp) return -ENOMEM;
        page_get(fp);
        *pte = fp | prot_to_pte(v->prot);
        mm->rss_pages++;
        return 0;
    }
    if (ino && ino->iops && ino->iops->get_page && !(access & ACCESS_WRITE)) {
        /* MAP_PRIVATE of an in-memory file, read or executed: map the file's own page read-only
         * (copy-on-write if the mapping is writable), as Linux maps page-cache pages. Every exec
         * of a program then shares its code pages, and QEMU keeps their translations. A writable
         * mapping's last partial page is copied instead, so its bss tail reads as zeros. */
        u64 rel = va - v->start, off = v->file_off + rel;
        bool whole = rel + PAGE_SIZE <= v->file_len || (!(v->prot & 2) && rel < v->file_len);
        if (whole && (off_t)off < ino->size) {
            paddr_t fp = ino->iops->get_page(ino, off >> PAGE_SHIFT, false);
            if (fp) {
                page_get(fp);
                /* always COW: a later mprotect(PROT_WRITE) must not make the file's page writable */
                *pte = fp | prot_to_pte(v->prot) | PTE_RDONLY | PTE_SW_COW;
                mm->rss_pages++;
                return 0;
            }
        }
    }
    paddr_t pa = page_alloc_zeroed(0);
    if (!pa) return -ENOMEM;
    if (v->file) {
        u64 rel = va - v->start;
        if (rel < v->file_len) {
            u64 n = MIN(PAGE_SIZE, v->file_len - rel);
            kernel_read(v->file, phys_to_virt(pa), n, (off_t)(v->file_off + rel));   /* past EOF stays zero */
        }
        if (v->prot & 4) __asm__ volatile("ic ialluis; dsb ish; isb" ::: "memory");
    }
    *pte = pa | prot_to_pte(v->prot);
    mm->rss_pages++;
    return 0;
}

int mm_fault(struct mm *mm, uaddr_t addr, int access) {
    if (addr >= USER_VA_END) return -EFAULT;
    u64 f = spin_lock_irqsave(&mm->lock);
    int r = fault_locked(mm, addr, access);
    spin_unlock_irqrestore(&mm->lock, f);
    return r;
}

paddr_t mm_user_pa(struct mm *mm, uaddr_t addr, int access) {
    if (!mm || addr >= USER_VA_END) return 0;
    u64 f = spin_lock_irqsave(&mm->lock);
    u64 *pte = pte_walk(mm, addr, false);
    bool ok = pte && (*pte & PTE_VALID) && (*pte & PTE_USER) &&
              !((access & ACCESS_WRITE) && (*pte & PTE_RDONLY));
    if (!ok) {
        if (fault_locked(mm, addr, access)) { spin_unlock_irqrestore(&mm->lock, f); return 0; }
        pte = pte_walk(mm, addr, false);
    }
    paddr_t pa = (*pte & PTE_ADDR_MASK) | (addr & ~PAGE_MASK);
    spin_unlock_irqrestore(&mm->lock, f);
    return pa;
}

int mm_install_page(struct mm *mm, uaddr_t addr, paddr_t pa, u32 prot) {
    u64 f = spin_lock_irqsave(&mm->lock);
    u64 *pte = pte_walk(mm, addr & PAGE_MASK, true);
    if (!pte) { spin_unlock_irqrestore(&mm->lock, f); return -ENOMEM; }
    if (*pte & PTE_VALID) { page_put(*pte & PTE_ADDR_MASK); mm->rss_pages--; }
    *pte = pa | prot_to_pte(prot);
    mm->rss_pages++;
    spin_unlock_irqrestore(&mm->lock, f);
    return 0;
}

/* Copies [table] of the parent into the child at `level`, sharing every user page: private pages
 * become read-only copy-on-write in both, MAP_SHARED pages stay writable and shared. */
static int fork_table(struct mm *parent, struct mm *child, paddr_t ptable, paddr_t ctable, int level, uaddr_t base) {
    u64 *pt = phys_to_virt(ptable), *ct = phys_to_virt(ctable);
    for (int i = 0; i < 512; i++) {
        u64 e = pt[i];
        if (level == 3 && (e & PTE_SW_PROTNONE)) {        /* PROT_NONE page: share it as COW */
            struct vma *pv = mm_find_vma(parent, base + ((u64)i << 12));
            if (!pv || !(pv->flags & VMA_SHARED)) { e |= PTE_SW_COW; pt[i] = e; }
            page_get(e & PTE_ADDR_MASK);
            ct[i] = e;
            continue;
        }
        if (!(e & PTE_VALID)) continue;
        uaddr_t va = base + ((u64)i << (39 - 9 * level));
        if (level < 3) {
            paddr_t n = page_alloc_zeroed(0);
            if (!n) return -ENOMEM;
            ct[i] = n | PTE_VALID | PTE_TABLE;
            int r = fork_table(parent, child, e & PTE_ADDR_MASK, n, level + 1, va);
            if (r) return r;
            continue;
        }
        struct vma *v = mm_find_vma(parent, va);
        if (!v || !(v->flags & VMA_SHARED)) {
            e |= PTE_SW_COW | PTE_RDONLY;
            pt[i] = e;
        }
        page_get(e & PTE_ADDR_MASK);
        ct[i] = e;
        child->rss_pages++;
    }
    return 0;
}

/* Truncation (Linux's unmap_mapping_range): every mapping of ino drops its pages from the new end
 * of the file on, so later accesses there fault: SIGBUS for shared mappings, as on Linux.
 * Without reverse maps, the address spaces are found through the task list. */
void mm_truncate_inode(struct inode *ino, u64 new_size) {
    u64 first = ALIGN_UP(new_size, PAGE_SIZE);
    struct mm *seen[64];
    int nseen = 0;
    for (struct task *t = task_list_first(); t; t = task_list_next(t)) {
        struct mm *mm = t->mm;
        if (!mm) continue;
        bool dup = false;
        for (int i = 0; i < nseen; i++) if (seen[i] == mm) dup = true;
        if (dup) continue;
        if (nseen < 64) seen[nseen++] = mm;
        u64 f = spin_lock_irqsave(&mm->lock);
        for (struct vma *v = mm->vmas; v; v = v->next) {
            if (!v->file || v->file->inode != ino || !(v->flags & VMA_SHARED)) continue;
            u64 vend = v->file_off + (v->end - v->start);
            if (vend <= first) continue;
            uaddr_t s = first > v->file_off ? v->start + (first - v->file_off) : v->start;
            unmap_pages(mm, s, v->end);
        }
        spin_unlock_irqrestore(&mm->lock, f);
    }
}

struct mm *mm_fork(struct mm *parent) {
    struct mm *child = mm_create();
    if (!child) return NULL;
    u64 f = spin_lock_irqsave(&parent->lock);
    child->brk_start = parent->brk_start;
    child->brk = parent->brk;
    child->mmap_base = parent->mmap_base;
    child->stack_top = parent->stack_top;
    child->sigpage = parent->sigpage;
    child->arg_start = parent->arg_start; child->arg_end = parent->arg_end;
    child->env_start = parent->env_start; child->env_end = parent->env_end;
    struct vma **tail = &child->vmas;
    int r = 0;
    for (struct vma *v = parent->vmas; v; v = v->next) {
        struct vma *n = kmalloc(sizeof *n);
        if (!n) { r = -ENOMEM; break; }
        *n = *v;
        n->next = NULL;
        if (n->file) file_get(n->file);
        *tail = n;
        tail = &n->next;
    }
    if (!r) r = fork_table(parent, child, parent->pgd, child->pgd, 0, 0);
    /* The parent's writable private pages just became read-only: drop its stale TLB entries. */
    u64 arg = (parent->asid & 0xffff) << 48;
    __asm__ volatile("dsb ishst; tlbi aside1is, %0; dsb ish; isb" :: "r"(arg) : "memory");
    spin_unlock_irqrestore(&parent->lock, f);
    if (r) { mm_put(child); return NULL; }
    return child;
}
