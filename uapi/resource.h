/* Linux arm64 ABI: resource limits and usage (asm-generic/resource.h, linux/resource.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* getrlimit/setrlimit/prlimit64 resources */
#define RLIMIT_CPU         0
#define RLIMIT_FSIZE       1
#define RLIMIT_DATA        2
#define RLIMIT_STACK       3
#define RLIMIT_CORE        4
#define RLIMIT_RSS         5
#define RLIMIT_NPROC       6
#define RLIMIT_NOFILE      7
#define RLIMIT_MEMLOCK     8
#define RLIMIT_AS          9
#define RLIMIT_LOCKS       10
#define RLIMIT_SIGPENDING  11
#define RLIMIT_MSGQUEUE    12
#define RLIMIT_NICE        13
#define RLIMIT_RTPRIO      14
#define RLIMIT_RTTIME      15
#define RLIM_NLIMITS       16

/* unlimited */
#define RLIM64_INFINITY  0xffffffffffffffffUL
#define RLIM_INFINITY    0xffffffffffffffffUL

/* getrusage who, getpriority/setpriority which */
#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_BOTH      (-2)
#define RUSAGE_THREAD    1
#define PRIO_MIN         (-20)
#define PRIO_MAX         20
#define PRIO_PROCESS     0
#define PRIO_PGRP        1
#define PRIO_USER        2

#include "uapi/time.h"

struct linux_rlimit {
    u64 rlim_cur;
    u64 rlim_max;
};

struct linux_rusage {
    struct linux_timeval ru_utime;
    struct linux_timeval ru_stime;
    long ru_maxrss;
    long ru_ixrss;
    long ru_idrss;
    long ru_isrss;
    long ru_minflt;
    long ru_majflt;
    long ru_nswap;
    long ru_inblock;
    long ru_oublock;
    long ru_msgsnd;
    long ru_msgrcv;
    long ru_nsignals;
    long ru_nvcsw;
    long ru_nivcsw;
};
