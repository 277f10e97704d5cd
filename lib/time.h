/* Clocks (arch/arm64/timer.c): the generic timer's counter, scaled to nanoseconds. */
#pragma once
#include "lib/types.h"

u64 clock_monotonic_ns(void);   /* since boot */
u64 clock_realtime_ns(void);    /* since the Unix epoch (PL031 RTC at boot + monotonic) */
