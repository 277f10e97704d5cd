/* The data page shared read-only with every process's vDSO (arch/arm64/vdso/vdso.c). Written once
 * at boot; `seq` is there so a future settimeofday can update it under a sequence count. */
#pragma once

struct vdso_data {
    unsigned long seq;
    unsigned long boot_count;          /* CNTVCT_EL0 at boot */
    unsigned long mult_q32;            /* ns per count, 32.32 fixed point */
    unsigned long boot_realtime_ns;    /* Unix time at boot */
};

#ifndef VDSO_BUILD
#include "lib/types.h"
struct mm;
void vdso_init(void);                  /* after the timer */
/* Maps [vvar][vdso] into mm; sets mm->sigpage; returns the vDSO base (AT_SYSINFO_EHDR) or -errno. */
long vdso_map(struct mm *mm);
#endif
