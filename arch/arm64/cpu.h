/* CPU features for AT_HWCAP/AT_HWCAP2, read from the ID registers as Linux does; HWCAP_CPUID is
 * set because EL0 reads of the ID registers are emulated (arch/arm64/trap.c). */
#pragma once
#include "lib/types.h"

void cpu_features_init(void);
u64 cpu_hwcap(void);
void cpu_set_evtstrm(void);           /* the timer's event stream is on */
u64 cpu_hwcap2(void);
NORETURN void cpu_poweroff(void);     /* PSCI SYSTEM_OFF */
