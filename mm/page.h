/* Physical pages. All RAM is mapped in the kernel's linear map: va = pa + KERNEL_VA_OFFSET. */
#pragma once
#include "lib/types.h"
#include "mm/buddy.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  4096UL
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#ifdef HOST_TEST
extern u64 host_phys_offset;
#define LINEAR_OFFSET host_phys_offset
#else
#define LINEAR_OFFSET 0xffff000000000000UL
#endif
static inline void *phys_to_virt(paddr_t pa) { return (void *)(pa + LINEAR_OFFSET); }
static inline paddr_t virt_to_phys(const void *va) { return (paddr_t)va - LINEAR_OFFSET; }

void page_alloc_init(paddr_t ram_start, u64 ram_size);
void page_reserve(paddr_t start, paddr_t end);        /* before page_alloc_ready() */
void page_alloc_ready(void);                           /* frees all unreserved RAM */
paddr_t page_alloc(unsigned order);                    /* 0 when out of memory; contents undefined */
paddr_t page_alloc_zeroed(unsigned order);
void page_free(paddr_t pa, unsigned order);
struct page *pa_to_page(paddr_t pa);                   /* NULL outside RAM */
void page_get(paddr_t pa);                             /* refcount++ (shared/COW pages) */
void page_put(paddr_t pa);                             /* refcount--, frees an order-0 page at 0 */
u64 nr_free_pages(void);
u64 nr_total_pages(void);
