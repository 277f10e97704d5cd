"""Where Linux defines each structure of the spec's section 4, for the layout oracle.

The document's Rust blocks (```rust) define the structures under the names below; the C blocks
(```c) define `struct NAME` with the same names. tools/gendocs.py measures each structure in
Linux's headers (the TU named here, compiled for aarch64 and for the host's x86-64) and checks both
blocks against those numbers: size, alignment and the offset and size of every field whose name
does not start with `_pad` (explicit padding in the Rust and C versions).

TUs:
  kernel   only Linux UAPI headers (<linux/...>, <asm/...>), as the kernel defines the ABI
  glibc    glibc's headers, for what Linux keeps out of its UAPI headers (struct sockaddr, msghdr,
           cmsghdr live in include/linux/socket.h; the auxv pair is ELF's Elf64_auxv_t)
  src      Linux 6.1's own include/linux/dirent.h (linux_dirent64 is not in the UAPI headers)
"""

KERNEL_HEADERS = """
#include <linux/types.h>
#include <asm/stat.h>
#include <linux/stat.h>
#include <linux/time_types.h>
#include <linux/time.h>
#include <asm/poll.h>
#include <linux/eventpoll.h>
#include <asm/termbits.h>
#include <asm/termios.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <linux/resource.h>
#include <linux/utsname.h>
#include <linux/sched.h>
#include <linux/futex.h>
#include <linux/uio.h>
#include <linux/socket.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
"""

GLIBC_HEADERS = """
#define _GNU_SOURCE 1
#include <sys/socket.h>
#include <elf.h>
"""

SRC_HEADERS = """
typedef unsigned long long u64;
typedef long long s64;
#include "%s/include/linux/dirent.h"
"""
# The few Linux source files the document reads, extracted by mk/docs.mk from Debian's
# linux-source-6.1 into cache/ (override with LINUX_SRC=DIR).
import os as _os
LINUX_SRC = _os.environ.get("LINUX_SRC") or _os.path.join(_os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__)))), "cache", "linux-source-6.1")

# doc name: (TU, C type in that TU, {doc field: C member designator when the names differ})
STRUCTS = [
    ("timespec", "kernel", "struct __kernel_timespec", {}),
    ("timeval", "kernel", "struct __kernel_old_timeval", {}),
    ("itimerspec", "kernel", "struct __kernel_itimerspec", {}),
    ("itimerval", "kernel", "struct itimerval", {}),
    ("stat", "kernel", "struct stat", {}),
    ("statx_timestamp", "kernel", "struct statx_timestamp", {}),
    ("statx", "kernel", "struct statx", {}),
    ("linux_dirent64", "src", "struct linux_dirent64", {}),
    ("iovec", "kernel", "struct iovec", {}),
    ("pollfd", "kernel", "struct pollfd", {}),
    ("epoll_event", "kernel", "struct epoll_event", {}),
    ("sockaddr", "glibc", "struct sockaddr", {}),
    ("in_addr", "kernel", "struct in_addr", {}),
    ("sockaddr_in", "kernel", "struct sockaddr_in", {}),
    ("in6_addr", "kernel", "struct in6_addr", {"s6_addr": "in6_u.u6_addr8"}),
    ("sockaddr_in6", "kernel", "struct sockaddr_in6", {}),
    ("sockaddr_un", "kernel", "struct sockaddr_un", {}),
    ("sockaddr_storage", "kernel", "struct __kernel_sockaddr_storage", {}),
    ("msghdr", "glibc", "struct msghdr", {}),
    ("cmsghdr", "glibc", "struct cmsghdr", {}),
    ("termios", "kernel", "struct termios", {}),
    ("winsize", "kernel", "struct winsize", {}),
    ("kernel_sigaction", "kernel", "struct sigaction", {}),
    ("stack_t", "kernel", "stack_t", {}),
    ("siginfo_kill", "kernel", "siginfo_t", {}),
    ("siginfo_sigchld", "kernel", "siginfo_t", {}),
    ("siginfo_sigfault", "kernel", "siginfo_t", {}),
    ("siginfo_rt", "kernel", "siginfo_t", {}),
    ("siginfo_timer", "kernel", "siginfo_t", {}),
    ("aarch64_ctx", "kernel", "struct _aarch64_ctx", {}),
    ("fpsimd_context", "kernel", "struct fpsimd_context", {}),
    ("sigcontext", "kernel", "struct sigcontext", {}),
    ("ucontext", "kernel", "struct ucontext", {}),
    ("rlimit", "kernel", "struct rlimit", {}),
    ("rusage", "kernel", "struct rusage", {}),
    ("utsname", "kernel", "struct new_utsname", {}),
    ("clone_args", "kernel", "struct clone_args", {}),
    ("robust_list", "kernel", "struct robust_list", {}),
    ("robust_list_head", "kernel", "struct robust_list_head", {}),
    ("auxv_pair", "glibc", "Elf64_auxv_t", {"a_val": "a_un.a_val"}),
]

# flexible array members: no size to compare
FLEXIBLE = {("linux_dirent64", "d_name")}
