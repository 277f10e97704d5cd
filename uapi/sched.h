/* Linux arm64 ABI: processes and threads. clone flags and clone3's struct clone_args
 * (linux/sched.h), scheduling policies, futex operations (linux/futex.h), wait options
 * (linux/wait.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* clone flags (the low byte, CSIGNAL, is the exit signal) */
#define CSIGNAL               0xff
#define CLONE_VM              0x100
#define CLONE_FS              0x200
#define CLONE_FILES           0x400
#define CLONE_SIGHAND         0x800
#define CLONE_PIDFD           0x1000
#define CLONE_PTRACE          0x2000
#define CLONE_VFORK           0x4000
#define CLONE_PARENT          0x8000
#define CLONE_THREAD          0x10000
#define CLONE_NEWNS           0x20000
#define CLONE_SYSVSEM         0x40000
#define CLONE_SETTLS          0x80000
#define CLONE_PARENT_SETTID   0x100000
#define CLONE_CHILD_CLEARTID  0x200000
#define CLONE_DETACHED        0x400000
#define CLONE_UNTRACED        0x800000
#define CLONE_CHILD_SETTID    0x1000000
#define CLONE_NEWCGROUP       0x2000000
#define CLONE_NEWUTS          0x4000000
#define CLONE_NEWIPC          0x8000000
#define CLONE_NEWUSER         0x10000000
#define CLONE_NEWPID          0x20000000
#define CLONE_NEWNET          0x40000000
#define CLONE_IO              0x80000000U
#define CLONE_CLEAR_SIGHAND   0x100000000UL
#define CLONE_INTO_CGROUP     0x200000000UL
#define CLONE_NEWTIME         0x80

/* clone3 struct sizes */
#define CLONE_ARGS_SIZE_VER0  64
#define CLONE_ARGS_SIZE_VER1  80
#define CLONE_ARGS_SIZE_VER2  88

/* scheduling policies and sched_setattr flags */
#define SCHED_NORMAL               0x0
#define SCHED_FIFO                 0x1
#define SCHED_RR                   0x2
#define SCHED_BATCH                0x3
#define SCHED_IDLE                 0x5
#define SCHED_DEADLINE             0x6
#define SCHED_RESET_ON_FORK        0x40000000
#define SCHED_FLAG_RESET_ON_FORK   0x1
#define SCHED_FLAG_RECLAIM         0x2
#define SCHED_FLAG_DL_OVERRUN      0x4
#define SCHED_FLAG_KEEP_POLICY     0x8
#define SCHED_FLAG_KEEP_PARAMS     0x10
#define SCHED_FLAG_UTIL_CLAMP_MIN  0x20
#define SCHED_FLAG_UTIL_CLAMP_MAX  0x40
#define SCHED_FLAG_KEEP_ALL        0x18
#define SCHED_FLAG_UTIL_CLAMP      0x60
#define SCHED_FLAG_ALL             0x7f

/* futex(2) operations */
#define FUTEX_WAIT                     0
#define FUTEX_WAKE                     1
#define FUTEX_FD                       2
#define FUTEX_REQUEUE                  3
#define FUTEX_CMP_REQUEUE              4
#define FUTEX_WAKE_OP                  5
#define FUTEX_LOCK_PI                  6
#define FUTEX_UNLOCK_PI                7
#define FUTEX_TRYLOCK_PI               8
#define FUTEX_WAIT_BITSET              9
#define FUTEX_WAKE_BITSET              10
#define FUTEX_WAIT_REQUEUE_PI          11
#define FUTEX_CMP_REQUEUE_PI           12
#define FUTEX_LOCK_PI2                 13
#define FUTEX_WAIT_PRIVATE             128
#define FUTEX_WAKE_PRIVATE             129
#define FUTEX_REQUEUE_PRIVATE          131
#define FUTEX_CMP_REQUEUE_PRIVATE      132
#define FUTEX_WAKE_OP_PRIVATE          133
#define FUTEX_LOCK_PI_PRIVATE          134
#define FUTEX_LOCK_PI2_PRIVATE         141
#define FUTEX_UNLOCK_PI_PRIVATE        135
#define FUTEX_TRYLOCK_PI_PRIVATE       136
#define FUTEX_WAIT_BITSET_PRIVATE      137
#define FUTEX_WAKE_BITSET_PRIVATE      138
#define FUTEX_WAIT_REQUEUE_PI_PRIVATE  139
#define FUTEX_CMP_REQUEUE_PI_PRIVATE   140

/* futex flags, robust-list futex word bits, FUTEX_WAKE_OP encoding */
#define FUTEX_PRIVATE_FLAG      0x80
#define FUTEX_CLOCK_REALTIME    0x100
#define FUTEX_CMD_MASK          (-385)
#define FUTEX_32                0x2
#define FUTEX_WAITV_MAX         0x80
#define FUTEX_WAITERS           0x80000000U
#define FUTEX_OWNER_DIED        0x40000000
#define FUTEX_TID_MASK          0x3fffffff
#define ROBUST_LIST_LIMIT       0x800
#define FUTEX_BITSET_MATCH_ANY  0xffffffffU
#define FUTEX_OP_SET            0x0
#define FUTEX_OP_ADD            0x1
#define FUTEX_OP_OR             0x2
#define FUTEX_OP_ANDN           0x3
#define FUTEX_OP_XOR            0x4
#define FUTEX_OP_OPARG_SHIFT    0x8
#define FUTEX_OP_CMP_EQ         0x0
#define FUTEX_OP_CMP_NE         0x1
#define FUTEX_OP_CMP_LT         0x2
#define FUTEX_OP_CMP_LE         0x3
#define FUTEX_OP_CMP_GT         0x4
#define FUTEX_OP_CMP_GE         0x5

/* wait4/waitid options and idtypes */
#define WNOHANG      0x1
#define WUNTRACED    0x2
#define WSTOPPED     WUNTRACED
#define WEXITED      0x4
#define WCONTINUED   0x8
#define WNOWAIT      0x1000000
#define __WNOTHREAD  0x20000000
#define __WALL       0x40000000
#define __WCLONE     0x80000000U
#define P_ALL        0x0
#define P_PID        0x1
#define P_PGID       0x2
#define P_PIDFD      0x3

/* clone3(2) argument (linux/sched.h); user pointers travel as u64. */
struct linux_clone_args {
    u64 flags;
    u64 pidfd;
    u64 child_tid;
    u64 parent_tid;
    u64 exit_signal;
    u64 stack;
    u64 stack_size;
    u64 tls;
    u64 set_tid;
    u64 set_tid_size;
    u64 cgroup;
};

/* set_robust_list(2) head (linux/futex.h): a list of user-space lock entries. */
struct linux_robust_list_head {
    uaddr_t list_next;          /* struct robust_list { next } */
    long futex_offset;
    uaddr_t list_op_pending;
};

struct linux_sched_param {
    s32 sched_priority;
};
