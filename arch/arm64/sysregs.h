/* System register values shared by boot.S and the C code. */
#pragma once

#ifdef __ASSEMBLY__
#define BIT(n) (1 << (n))
#define UL(x) x
#else
#define BIT(n) (1UL << (n))
#define UL(x) x##UL
#endif

#define KERNEL_VA_OFFSET UL(0xffff000000000000)
/* MAIR attribute indices */
#define MT_DEVICE_nGnRnE 0
#define MT_NORMAL        1
#define MT_NORMAL_NC     2
#define MAIR_VALUE       0x44ff00    /* attr0=0x00 attr1=0xff attr2=0x44 */

/* Descriptor bits (VMSAv8-64, 4K granule) */
#define PTE_VALID     BIT(0)
#define PTE_TABLE     BIT(1)      /* L0-L2: table; L3: page */
#define PTE_ATTR(i)   ((i) << 2)
#define PTE_USER      BIT(6)      /* AP[1]: EL0 access */
#define PTE_RDONLY    BIT(7)      /* AP[2] */
#define PTE_SH_INNER  (UL(3) << 8)
#define PTE_AF        BIT(10)
#define PTE_NG        BIT(11)
#define PTE_PXN       BIT(53)
#define PTE_UXN       BIT(54)
#define PTE_SW_COW    BIT(55)     /* software bit: copy-on-write page */
#define PTE_SW_PROTNONE BIT(56)   /* software bit: page kept, but PROT_NONE (PTE_VALID clear) */

#define PTE_BLOCK_DEVICE (PTE_VALID | PTE_ATTR(MT_DEVICE_nGnRnE) | PTE_AF | PTE_PXN | PTE_UXN)
#define PTE_BLOCK_NORMAL (PTE_VALID | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AF | PTE_UXN)

/* TCR_EL1: T0SZ=16 T1SZ=16, IRGN/ORGN=WBWA, SH=inner, TG0=4K TG1=4K, AS=1 (16-bit ASID) */
#define TCR_VALUE ((UL(16) << 0) | BIT(8) | BIT(10) | (UL(3) << 12) | (UL(0) << 14) | \
                   (UL(16) << 16) | BIT(24) | BIT(26) | (UL(3) << 28) | (UL(2) << 30) | BIT(36))

/* SCTLR_EL1: MMU, caches, SP alignment checks; EL0 may use DC ZVA (glibc memset), read CTR_EL0,
 * do cache maintenance (UCI) and WFI/WFE without trapping; plus the v8.0 RES1 bits. */
#define SCTLR_VALUE (BIT(0) | BIT(2) | BIT(3) | BIT(4) | BIT(11) | BIT(12) | \
                     BIT(14) | BIT(15) | BIT(16) | BIT(18) | BIT(20) | BIT(22) | \
                     BIT(23) | BIT(26) | BIT(28) | BIT(29))
