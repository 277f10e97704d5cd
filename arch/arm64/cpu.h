/* CPU features for AT_HWCAP/AT_HWCAP2, read from the ID registers as Linux does (no HWCAP_CPUID:
 * EL0 reads of ID registers are not emulated). */
#pragma once
#include "lib/types.h"

void cpu_features_init(void);
u64 cpu_hwcap(void);
u64 cpu_hwcap2(void);
NORETURN void cpu_poweroff(void);     /* PSCI SYSTEM_OFF */
