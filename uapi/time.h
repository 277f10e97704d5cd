/* Linux arm64 ABI: clocks, timers and time structures (linux/time.h, linux/time_types.h,
 * linux/timerfd.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them.
 * On 64-bit, struct timespec and struct __kernel_timespec are the same 16 bytes. */
#pragma once
#include "lib/types.h"

/* clock ids */
#define CLOCK_REALTIME            0
#define CLOCK_MONOTONIC           1
#define CLOCK_PROCESS_CPUTIME_ID  2
#define CLOCK_THREAD_CPUTIME_ID   3
#define CLOCK_MONOTONIC_RAW       4
#define CLOCK_REALTIME_COARSE     5
#define CLOCK_MONOTONIC_COARSE    6
#define CLOCK_BOOTTIME            7
#define CLOCK_REALTIME_ALARM      8
#define CLOCK_BOOTTIME_ALARM      9
#define CLOCK_SGI_CYCLE           10
#define CLOCK_TAI                 11

/* timer flags */
#define ITIMER_REAL     0
#define ITIMER_VIRTUAL  1
#define ITIMER_PROF     2
#define MAX_CLOCKS      16
#define TIMER_ABSTIME   1

/* timerfd_create/timerfd_settime flags */
#define TFD_TIMER_ABSTIME        01
#define TFD_TIMER_CANCEL_ON_SET  02
#define TFD_CLOEXEC              02000000
#define TFD_NONBLOCK             04000

struct linux_timespec {
    s64 tv_sec;
    s64 tv_nsec;
};

struct linux_timeval {
    s64 tv_sec;
    s64 tv_usec;
};

struct linux_itimerspec {
    struct linux_timespec it_interval;
    struct linux_timespec it_value;
};

struct linux_itimerval {
    struct linux_timeval it_interval;
    struct linux_timeval it_value;
};

struct linux_timezone {
    s32 tz_minuteswest;
    s32 tz_dsttime;
};
