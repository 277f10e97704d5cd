/* Mapping the vDSO into processes: [vvar data page (r--)][vDSO image (r-x)], like Linux arm64.
 * The pages are allocated once at boot and shared by every process (an extra reference keeps them
 * alive whatever processes unmap). */
#include "arch/arm64/vdso.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "uapi/errno.h"
#include "vdso_offsets.h"

extern const char vdso_image_start[], vdso_image_end[];
void timer_vdso_params(struct vdso_data *d);     /* arch/arm64/timer.c */

#define VDSO_MAX_PAGES 4
static paddr_t vvar_page, text_pages[VDSO_MAX_PAGES];
static unsigned nr_text;

void vdso_init(void) {
    size_t size = vdso_image_end - vdso_image_start;
    nr_text = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
    BUG_ON(nr_text > VDSO_MAX_PAGES);
    vvar_page = page_alloc_zeroed(0);
    BUG_ON(!vvar_page);
    timer_vdso_params(phys_to_virt(vvar_page));
    for (unsigned i = 0; i < nr_text; i++) {
        text_pages[i] = page_alloc_zeroed(0);
        BUG_ON(!text_pages[i]);
        size_t off = i * PAGE_SIZE, n = MIN(PAGE_SIZE, size - off);
        memcpy(phys_to_virt(text_pages[i]), vdso_image_start + off, n);
    }
    __asm__ volatile("dsb ish; ic ialluis; dsb ish; isb" ::: "memory");
}

long vdso_map(struct mm *mm) {
    u64 total = (1 + nr_text) * PAGE_SIZE;
    long base = mm_map(mm, 0, total, 1 /* PROT_READ */, VMA_SHARED | VMA_SPECIAL, false, NULL, 0);
    if (base < 0) return base;
    long t = mm_map(mm, base + PAGE_SIZE, nr_text * PAGE_SIZE, 5 /* PROT_READ|PROT_EXEC */,
                    VMA_SHARED | VMA_SPECIAL, true, NULL, 0);
    if (t < 0) return t;
    page_get(vvar_page);
    int r = mm_install_page(mm, base, vvar_page, 1);
    for (unsigned i = 0; i < nr_text && !r; i++) {
        page_get(text_pages[i]);
        r = mm_install_page(mm, base + PAGE_SIZE * (i + 1), text_pages[i], 5);
    }
    if (r) return r;
    mm->sigpage = base + PAGE_SIZE + VDSO_SYM___kernel_rt_sigreturn;
    return base + PAGE_SIZE;
}
