/* Linux arm64 ABI odds and ends: uname (linux/utsname.h), iovec (linux/uio.h), getrandom
 * (linux/random.h), sysinfo (linux/sysinfo.h), reboot (linux/reboot.h), personality
 * (linux/personality.h) and prctl (linux/prctl.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* uname field length (each field is __NEW_UTS_LEN + 1 bytes) */
#define __NEW_UTS_LEN  64

/* readv/writev */
#define UIO_FASTIOV  8
#define UIO_MAXIOV   1024

/* getrandom flags */
#define GRND_NONBLOCK  0x1
#define GRND_RANDOM    0x2
#define GRND_INSECURE  0x4

/* sysinfo loads are fixed point */
#define SI_LOAD_SHIFT  16

/* reboot(2) magic numbers and commands */
#define LINUX_REBOOT_MAGIC1          0xFEE1DEADU
#define LINUX_REBOOT_MAGIC2          0x28121969
#define LINUX_REBOOT_MAGIC2A         0x5121996
#define LINUX_REBOOT_MAGIC2B         0x16041998
#define LINUX_REBOOT_MAGIC2C         0x20112000
#define LINUX_REBOOT_CMD_RESTART     0x1234567
#define LINUX_REBOOT_CMD_HALT        0xCDEF0123U
#define LINUX_REBOOT_CMD_CAD_ON      0x89ABCDEFU
#define LINUX_REBOOT_CMD_CAD_OFF     0x0
#define LINUX_REBOOT_CMD_POWER_OFF   0x4321FEDC
#define LINUX_REBOOT_CMD_RESTART2    0xA1B2C3D4U
#define LINUX_REBOOT_CMD_SW_SUSPEND  0xD000FCE2U
#define LINUX_REBOOT_CMD_KEXEC       0x45584543

/* personality(2) */
#define PER_CLEAR_ON_SETID  0x740000

/* personality(2) (linux/personality.h declares these as enum constants). */
#define PER_LINUX          0x0000
#define PER_LINUX32        0x0008
#define PER_MASK           0x00ff
#define UNAME26            0x0020000
#define ADDR_NO_RANDOMIZE  0x0040000
#define READ_IMPLIES_EXEC  0x0400000
#define ADDR_LIMIT_32BIT   0x0800000

/* prctl(2) options and arguments */
#define PR_SET_PDEATHSIG                   1
#define PR_GET_PDEATHSIG                   2
#define PR_GET_DUMPABLE                    3
#define PR_SET_DUMPABLE                    4
#define PR_GET_UNALIGN                     5
#define PR_SET_UNALIGN                     6
#define PR_UNALIGN_NOPRINT                 1
#define PR_UNALIGN_SIGBUS                  2
#define PR_GET_KEEPCAPS                    7
#define PR_SET_KEEPCAPS                    8
#define PR_GET_FPEMU                       9
#define PR_SET_FPEMU                       10
#define PR_FPEMU_NOPRINT                   1
#define PR_FPEMU_SIGFPE                    2
#define PR_GET_FPEXC                       11
#define PR_SET_FPEXC                       12
#define PR_FP_EXC_SW_ENABLE                128
#define PR_FP_EXC_DIV                      0x10000
#define PR_FP_EXC_OVF                      0x20000
#define PR_FP_EXC_UND                      0x40000
#define PR_FP_EXC_RES                      0x80000
#define PR_FP_EXC_INV                      0x100000
#define PR_FP_EXC_DISABLED                 0
#define PR_FP_EXC_NONRECOV                 1
#define PR_FP_EXC_ASYNC                    2
#define PR_FP_EXC_PRECISE                  3
#define PR_GET_TIMING                      13
#define PR_SET_TIMING                      14
#define PR_TIMING_STATISTICAL              0
#define PR_TIMING_TIMESTAMP                1
#define PR_SET_NAME                        15
#define PR_GET_NAME                        16
#define PR_GET_ENDIAN                      19
#define PR_SET_ENDIAN                      20
#define PR_ENDIAN_BIG                      0
#define PR_ENDIAN_LITTLE                   1
#define PR_ENDIAN_PPC_LITTLE               2
#define PR_GET_SECCOMP                     21
#define PR_SET_SECCOMP                     22
#define PR_CAPBSET_READ                    23
#define PR_CAPBSET_DROP                    24
#define PR_GET_TSC                         25
#define PR_SET_TSC                         26
#define PR_TSC_ENABLE                      1
#define PR_TSC_SIGSEGV                     2
#define PR_GET_SECUREBITS                  27
#define PR_SET_SECUREBITS                  28
#define PR_SET_TIMERSLACK                  29
#define PR_GET_TIMERSLACK                  30
#define PR_TASK_PERF_EVENTS_DISABLE        31
#define PR_TASK_PERF_EVENTS_ENABLE         32
#define PR_MCE_KILL                        33
#define PR_MCE_KILL_CLEAR                  0
#define PR_MCE_KILL_SET                    1
#define PR_MCE_KILL_LATE                   0
#define PR_MCE_KILL_EARLY                  1
#define PR_MCE_KILL_DEFAULT                2
#define PR_MCE_KILL_GET                    34
#define PR_SET_MM                          35
#define PR_SET_MM_START_CODE               1
#define PR_SET_MM_END_CODE                 2
#define PR_SET_MM_START_DATA               3
#define PR_SET_MM_END_DATA                 4
#define PR_SET_MM_START_STACK              5
#define PR_SET_MM_START_BRK                6
#define PR_SET_MM_BRK                      7
#define PR_SET_MM_ARG_START                8
#define PR_SET_MM_ARG_END                  9
#define PR_SET_MM_ENV_START                10
#define PR_SET_MM_ENV_END                  11
#define PR_SET_MM_AUXV                     12
#define PR_SET_MM_EXE_FILE                 13
#define PR_SET_MM_MAP                      14
#define PR_SET_MM_MAP_SIZE                 15
#define PR_SET_PTRACER                     0x59616d61
#define PR_SET_PTRACER_ANY                 0xffffffffffffffffUL
#define PR_SET_CHILD_SUBREAPER             36
#define PR_GET_CHILD_SUBREAPER             37
#define PR_SET_NO_NEW_PRIVS                38
#define PR_GET_NO_NEW_PRIVS                39
#define PR_GET_TID_ADDRESS                 40
#define PR_SET_THP_DISABLE                 41
#define PR_GET_THP_DISABLE                 42
#define PR_MPX_ENABLE_MANAGEMENT           43
#define PR_MPX_DISABLE_MANAGEMENT          44
#define PR_SET_FP_MODE                     45
#define PR_GET_FP_MODE                     46
#define PR_FP_MODE_FR                      1
#define PR_FP_MODE_FRE                     2
#define PR_CAP_AMBIENT                     47
#define PR_CAP_AMBIENT_IS_SET              1
#define PR_CAP_AMBIENT_RAISE               2
#define PR_CAP_AMBIENT_LOWER               3
#define PR_CAP_AMBIENT_CLEAR_ALL           4
#define PR_SVE_SET_VL                      50
#define PR_SVE_SET_VL_ONEXEC               0x40000
#define PR_SVE_GET_VL                      51
#define PR_SVE_VL_LEN_MASK                 0xffff
#define PR_SVE_VL_INHERIT                  0x20000
#define PR_GET_SPECULATION_CTRL            52
#define PR_SET_SPECULATION_CTRL            53
#define PR_SPEC_STORE_BYPASS               0
#define PR_SPEC_INDIRECT_BRANCH            1
#define PR_SPEC_L1D_FLUSH                  2
#define PR_SPEC_NOT_AFFECTED               0
#define PR_SPEC_PRCTL                      1
#define PR_SPEC_ENABLE                     2
#define PR_SPEC_DISABLE                    4
#define PR_SPEC_FORCE_DISABLE              8
#define PR_SPEC_DISABLE_NOEXEC             16
#define PR_PAC_RESET_KEYS                  54
#define PR_PAC_APIAKEY                     1
#define PR_PAC_APIBKEY                     2
#define PR_PAC_APDAKEY                     4
#define PR_PAC_APDBKEY                     8
#define PR_PAC_APGAKEY                     16
#define PR_SET_TAGGED_ADDR_CTRL            55
#define PR_GET_TAGGED_ADDR_CTRL            56
#define PR_TAGGED_ADDR_ENABLE              1
#define PR_MTE_TCF_NONE                    0
#define PR_MTE_TCF_SYNC                    2
#define PR_MTE_TCF_ASYNC                   4
#define PR_MTE_TCF_MASK                    6
#define PR_MTE_TAG_SHIFT                   3
#define PR_MTE_TAG_MASK                    0x7fff8
#define PR_MTE_TCF_SHIFT                   1
#define PR_SET_IO_FLUSHER                  57
#define PR_GET_IO_FLUSHER                  58
#define PR_SET_SYSCALL_USER_DISPATCH       59
#define PR_SYS_DISPATCH_OFF                0
#define PR_SYS_DISPATCH_ON                 1
#define SYSCALL_DISPATCH_FILTER_ALLOW      0
#define SYSCALL_DISPATCH_FILTER_BLOCK      1
#define PR_PAC_SET_ENABLED_KEYS            60
#define PR_PAC_GET_ENABLED_KEYS            61
#define PR_SCHED_CORE                      62
#define PR_SCHED_CORE_GET                  0
#define PR_SCHED_CORE_CREATE               1
#define PR_SCHED_CORE_SHARE_TO             2
#define PR_SCHED_CORE_SHARE_FROM           3
#define PR_SCHED_CORE_MAX                  4
#define PR_SCHED_CORE_SCOPE_THREAD         0
#define PR_SCHED_CORE_SCOPE_THREAD_GROUP   1
#define PR_SCHED_CORE_SCOPE_PROCESS_GROUP  2
#define PR_SME_SET_VL                      63
#define PR_SME_SET_VL_ONEXEC               0x40000
#define PR_SME_GET_VL                      64
#define PR_SME_VL_LEN_MASK                 0xffff
#define PR_SME_VL_INHERIT                  0x20000
#define PR_SET_VMA                         0x53564d41
#define PR_SET_VMA_ANON_NAME               0

struct linux_iovec {
    uaddr_t iov_base;
    u64 iov_len;
};

/* uname(2) result (struct new_utsname). */
struct linux_utsname {
    char sysname[__NEW_UTS_LEN + 1];
    char nodename[__NEW_UTS_LEN + 1];
    char release[__NEW_UTS_LEN + 1];
    char version[__NEW_UTS_LEN + 1];
    char machine[__NEW_UTS_LEN + 1];
    char domainname[__NEW_UTS_LEN + 1];
};

/* sysinfo(2) result: 112 bytes on 64-bit (the trailing pad is 0 bytes wide there). */
struct linux_sysinfo {
    long uptime;
    u64 loads[3];
    u64 totalram;
    u64 freeram;
    u64 sharedram;
    u64 bufferram;
    u64 totalswap;
    u64 freeswap;
    u16 procs;
    u16 pad;
    u64 totalhigh;
    u64 freehigh;
    u32 mem_unit;
};
