/* Linux arm64 ABI: signals (asm/signal.h, asm-generic/signal.h, asm-generic/signal-defs.h,
 * asm-generic/siginfo.h) and the signal frame pieces (asm/sigcontext.h, asm/ucontext.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them.
 * Handlers and user pointers are uaddr_t: the kernel never calls or dereferences them. */
#pragma once
#include "lib/types.h"

/* signal numbers */
#define _NSIG        64
#define _NSIG_BPW    64
#define _NSIG_WORDS  1
#define SIGHUP       1
#define SIGINT       2
#define SIGQUIT      3
#define SIGILL       4
#define SIGTRAP      5
#define SIGABRT      6
#define SIGIOT       6
#define SIGBUS       7
#define SIGFPE       8
#define SIGKILL      9
#define SIGUSR1      10
#define SIGSEGV      11
#define SIGUSR2      12
#define SIGPIPE      13
#define SIGALRM      14
#define SIGTERM      15
#define SIGSTKFLT    16
#define SIGCHLD      17
#define SIGCONT      18
#define SIGSTOP      19
#define SIGTSTP      20
#define SIGTTIN      21
#define SIGTTOU      22
#define SIGURG       23
#define SIGXCPU      24
#define SIGXFSZ      25
#define SIGVTALRM    26
#define SIGPROF      27
#define SIGWINCH     28
#define SIGIO        29
#define SIGPOLL      SIGIO
#define SIGPWR       30
#define SIGSYS       31
#define SIGUNUSED    31
#define SIGRTMIN     32
#define SIGRTMAX     _NSIG

/* sigaction flags (SA_RESTORER is arm64's: the sa_restorer field exists) */
#define SA_RESTORER        0x4000000
#define SA_NOCLDSTOP       0x1
#define SA_NOCLDWAIT       0x2
#define SA_SIGINFO         0x4
#define SA_UNSUPPORTED     0x400
#define SA_EXPOSE_TAGBITS  0x800
#define SA_ONSTACK         0x8000000
#define SA_RESTART         0x10000000
#define SA_NODEFER         0x40000000
#define SA_RESETHAND       0x80000000U
#define SA_NOMASK          SA_NODEFER
#define SA_ONESHOT         SA_RESETHAND

/* rt_sigprocmask how */
#define SIG_BLOCK    0
#define SIG_UNBLOCK  1
#define SIG_SETMASK  2

/* sigaltstack */
#define MINSIGSTKSZ    0x1400
#define SIGSTKSZ       0x4000
#define SS_ONSTACK     1
#define SS_DISABLE     2
#define SS_AUTODISARM  0x80000000U

/* Special handler values (Linux casts them to __sighandler_t; ours are plain addresses). */
#define SIG_DFL ((uaddr_t)0)
#define SIG_IGN ((uaddr_t)1)
#define SIG_ERR ((uaddr_t)-1)

/* si_code values */
#define SI_USER               0
#define SI_KERNEL             128
#define SI_QUEUE              (-1)
#define SI_TIMER              (-2)
#define SI_MESGQ              (-3)
#define SI_ASYNCIO            (-4)
#define SI_SIGIO              (-5)
#define SI_TKILL              (-6)
#define SI_DETHREAD           (-7)
#define SI_ASYNCNL            (-60)
#define ILL_ILLOPC            1
#define ILL_ILLOPN            2
#define ILL_ILLADR            3
#define ILL_ILLTRP            4
#define ILL_PRVOPC            5
#define ILL_PRVREG            6
#define ILL_COPROC            7
#define ILL_BADSTK            8
#define ILL_BADIADDR          9
#define NSIGILL               11
#define FPE_INTDIV            1
#define FPE_INTOVF            2
#define FPE_FLTDIV            3
#define FPE_FLTOVF            4
#define FPE_FLTUND            5
#define FPE_FLTRES            6
#define FPE_FLTINV            7
#define FPE_FLTSUB            8
#define FPE_FLTUNK            14
#define FPE_CONDTRAP          15
#define NSIGFPE               15
#define SEGV_MAPERR           1
#define SEGV_ACCERR           2
#define SEGV_BNDERR           3
#define SEGV_PKUERR           4
#define SEGV_ACCADI           5
#define SEGV_ADIDERR          6
#define SEGV_ADIPERR          7
#define SEGV_MTEAERR          8
#define SEGV_MTESERR          9
#define NSIGSEGV              9
#define BUS_ADRALN            1
#define BUS_ADRERR            2
#define BUS_OBJERR            3
#define BUS_MCEERR_AR         4
#define BUS_MCEERR_AO         5
#define NSIGBUS               5
#define TRAP_BRKPT            1
#define TRAP_TRACE            2
#define TRAP_BRANCH           3
#define TRAP_HWBKPT           4
#define TRAP_UNK              5
#define TRAP_PERF             6
#define NSIGTRAP              6
#define TRAP_PERF_FLAG_ASYNC  1
#define CLD_EXITED            1
#define CLD_KILLED            2
#define CLD_DUMPED            3
#define CLD_TRAPPED           4
#define CLD_STOPPED           5
#define CLD_CONTINUED         6
#define NSIGCHLD              6
#define POLL_IN               1
#define POLL_OUT              2
#define POLL_MSG              3
#define POLL_ERR              4
#define POLL_PRI              5
#define POLL_HUP              6
#define NSIGPOLL              6
#define SYS_SECCOMP           1
#define SYS_USER_DISPATCH     2
#define NSIGSYS               2
#define NSIGEMT               1

/* sigevent */
#define SI_MAX_SIZE      128
#define SIGEV_SIGNAL     0
#define SIGEV_NONE       1
#define SIGEV_THREAD     2
#define SIGEV_THREAD_ID  4
#define SIGEV_MAX_SIZE   64
#define SIGEV_PAD_SIZE   12

/* signal frame record magics (asm/sigcontext.h) */
#define FPSIMD_MAGIC  0x46508001
#define ESR_MAGIC     0x45535201
#define EXTRA_MAGIC   0x45585401
#define SVE_MAGIC     0x53564501
#define ZA_MAGIC      0x54366345

typedef u64 linux_sigset_t;     /* _NSIG = 64 signals, one bit each (bit n-1 = signal n) */

/* The kernel's struct sigaction on arm64 (asm-generic/signal.h with SA_RESTORER): 32 bytes. */
struct linux_sigaction {
    uaddr_t sa_handler;          /* or sa_sigaction with SA_SIGINFO */
    u64 sa_flags;
    uaddr_t sa_restorer;
    linux_sigset_t sa_mask;
};

/* stack_t of sigaltstack(2). */
struct linux_stack {
    uaddr_t ss_sp;
    s32 ss_flags;
    u64 ss_size;
};

union linux_sigval {
    s32 sival_int;
    uaddr_t sival_ptr;
};

/* siginfo_t: same members and accessor macros as asm-generic/siginfo.h (128 bytes). */
union linux_sifields {
    struct { pid_t _pid; uid_t _uid; } _kill;
    struct { s32 _tid; s32 _overrun; union linux_sigval _sigval; s32 _sys_private; } _timer;
    struct { pid_t _pid; uid_t _uid; union linux_sigval _sigval; } _rt;
    struct { pid_t _pid; uid_t _uid; s32 _status; long _utime; long _stime; } _sigchld;
    struct {
        uaddr_t _addr;
        union {
            s32 _trapno;
            s16 _addr_lsb;
            struct { char _dummy_bnd[8]; uaddr_t _lower; uaddr_t _upper; } _addr_bnd;
            struct { char _dummy_pkey[8]; u32 _pkey; } _addr_pkey;
            struct { unsigned long _data; u32 _type; u32 _flags; } _perf;
        };
    } _sigfault;
    struct { long _band; s32 _fd; } _sigpoll;
    struct { uaddr_t _call_addr; s32 _syscall; u32 _arch; } _sigsys;
};

struct linux_siginfo {
    union {
        struct {
            s32 si_signo;
            s32 si_errno;
            s32 si_code;
            union linux_sifields _sifields;
        };
        s32 _si_pad[SI_MAX_SIZE / sizeof(s32)];
    };
};
#define si_pid          _sifields._kill._pid
#define si_uid          _sifields._kill._uid
#define si_tid          _sifields._timer._tid
#define si_overrun      _sifields._timer._overrun
#define si_sys_private  _sifields._timer._sys_private
#define si_status       _sifields._sigchld._status
#define si_utime        _sifields._sigchld._utime
#define si_stime        _sifields._sigchld._stime
#define si_value        _sifields._rt._sigval
#define si_int          _sifields._rt._sigval.sival_int
#define si_ptr          _sifields._rt._sigval.sival_ptr
#define si_addr         _sifields._sigfault._addr
#define si_addr_lsb     _sifields._sigfault._addr_lsb
#define si_band         _sifields._sigpoll._band
#define si_fd           _sifields._sigpoll._fd
#define si_call_addr    _sifields._sigsys._call_addr
#define si_syscall      _sifields._sigsys._syscall
#define si_arch         _sifields._sigsys._arch

/* The rt signal frame's machine context (asm/sigcontext.h): registers, then a 4 KiB area of
 * records (struct linux_aarch64_ctx headers: FPSIMD, ESR, ..., terminated by a zero header). */
struct linux_sigcontext {
    u64 fault_address;
    u64 regs[31];
    u64 sp;
    u64 pc;
    u64 pstate;
    u8 __reserved[4096] __attribute__((aligned(16)));
};

struct linux_aarch64_ctx {
    u32 magic;
    u32 size;
};

struct linux_fpsimd_context {
    struct linux_aarch64_ctx head;
    u32 fpsr;
    u32 fpcr;
    __uint128_t vregs[32];
};

struct linux_esr_context {
    struct linux_aarch64_ctx head;
    u64 esr;
};

/* asm/ucontext.h: uc_sigmask is padded to glibc's 1024-bit sigset_t. */
struct linux_ucontext {
    u64 uc_flags;
    uaddr_t uc_link;
    struct linux_stack uc_stack;
    linux_sigset_t uc_sigmask;
    u8 __unused[1024 / 8 - sizeof(linux_sigset_t)];
    struct linux_sigcontext uc_mcontext;
};
