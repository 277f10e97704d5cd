/* Linux arm64 ABI: sockets. The AF_/SOCK_/MSG_/SCM_ constants and struct msghdr are not in Linux's
 * UAPI headers (they live in include/linux/socket.h and net.h); their user-visible values are the
 * ones glibc mirrors, and tests/host/uapi_check_socket.c checks each against glibc's headers.
 * SO_* and SOL_SOCKET are asm-generic/socket.h's. */
#pragma once
#include "lib/types.h"

#define AF_UNSPEC            0
#define AF_UNIX              1
#define AF_LOCAL             1
#define AF_INET              2
#define AF_INET6             10
#define AF_NETLINK           16
#define AF_PACKET            17
#define SOCK_STREAM          1
#define SOCK_DGRAM           2
#define SOCK_RAW             3
#define SOCK_SEQPACKET       5
#define SOCK_NONBLOCK        2048
#define SOCK_CLOEXEC         524288
#define SOL_SOCKET           1
#define SO_DEBUG             1
#define SO_REUSEADDR         2
#define SO_TYPE              3
#define SO_ERROR             4
#define SO_DONTROUTE         5
#define SO_BROADCAST         6
#define SO_SNDBUF            7
#define SO_RCVBUF            8
#define SO_KEEPALIVE         9
#define SO_OOBINLINE         10
#define SO_LINGER            13
#define SO_REUSEPORT         15
#define SO_PASSCRED          16
#define SO_PEERCRED          17
#define SO_RCVLOWAT          18
#define SO_SNDLOWAT          19
#define SO_RCVTIMEO          20
#define SO_SNDTIMEO          21
#define SO_ACCEPTCONN        30
#define SO_PROTOCOL          38
#define SO_DOMAIN            39
#define MSG_OOB              1
#define MSG_PEEK             2
#define MSG_DONTROUTE        4
#define MSG_CTRUNC           8
#define MSG_TRUNC            32
#define MSG_DONTWAIT         64
#define MSG_EOR              128
#define MSG_WAITALL          256
#define MSG_NOSIGNAL         16384
#define MSG_CMSG_CLOEXEC     1073741824
#define SCM_RIGHTS           1
#define SCM_CREDENTIALS      2
#define SHUT_RD              0
#define SHUT_WR              1
#define SHUT_RDWR            2
#define SOMAXCONN            4096

/* struct msghdr as the kernel reads it (struct user_msghdr): 56 bytes on 64-bit. */
struct linux_msghdr {
    uaddr_t msg_name;
    s32 msg_namelen;
    uaddr_t msg_iov;
    u64 msg_iovlen;
    uaddr_t msg_control;
    u64 msg_controllen;
    u32 msg_flags;
};

struct linux_cmsghdr {
    u64 cmsg_len;
    s32 cmsg_level;
    s32 cmsg_type;
};

struct linux_sockaddr_un {
    u16 sun_family;
    char sun_path[108];
};

struct linux_ucred {
    s32 pid;
    u32 uid;
    u32 gid;
};
