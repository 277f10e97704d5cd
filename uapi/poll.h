/* Linux arm64 ABI: poll/ppoll (asm-generic/poll.h) and epoll (linux/eventpoll.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* poll events */
#define POLLIN      0x1
#define POLLPRI     0x2
#define POLLOUT     0x4
#define POLLERR     0x8
#define POLLHUP     0x10
#define POLLNVAL    0x20
#define POLLRDNORM  0x40
#define POLLRDBAND  0x80
#define POLLWRNORM  0x100
#define POLLWRBAND  0x200
#define POLLMSG     0x400
#define POLLREMOVE  0x1000
#define POLLRDHUP   0x2000

/* epoll_create1 flags, epoll_ctl ops, epoll events */
#define EPOLL_CLOEXEC     0x80000
#define EPOLL_CTL_ADD     0x1
#define EPOLL_CTL_DEL     0x2
#define EPOLL_CTL_MOD     0x3
#define EPOLLIN           0x1
#define EPOLLPRI          0x2
#define EPOLLOUT          0x4
#define EPOLLERR          0x8
#define EPOLLHUP          0x10
#define EPOLLNVAL         0x20
#define EPOLLRDNORM       0x40
#define EPOLLRDBAND       0x80
#define EPOLLWRNORM       0x100
#define EPOLLWRBAND       0x200
#define EPOLLMSG          0x400
#define EPOLLRDHUP        0x2000
#define EPOLL_URING_WAKE  0x8000000
#define EPOLLEXCLUSIVE    0x10000000
#define EPOLLWAKEUP       0x20000000
#define EPOLLONESHOT      0x40000000
#define EPOLLET           0x80000000U

struct linux_pollfd {
    s32 fd;
    s16 events;
    s16 revents;
};

/* Not packed on arm64 (EPOLL_PACKED is x86-64 only): 16 bytes. */
struct linux_epoll_event {
    u32 events;
    u64 data;
};
