/* uapi/socket.h against glibc: its socket constants and structs are not in the UAPI headers. */
#include <stddef.h>
#include "uapi/socket.h"
enum { LV_AF_UNSPEC = AF_UNSPEC };
enum { LV_AF_UNIX = AF_UNIX };
enum { LV_AF_LOCAL = AF_LOCAL };
enum { LV_AF_INET = AF_INET };
enum { LV_AF_INET6 = AF_INET6 };
enum { LV_AF_NETLINK = AF_NETLINK };
enum { LV_AF_PACKET = AF_PACKET };
enum { LV_SOCK_STREAM = SOCK_STREAM };
enum { LV_SOCK_DGRAM = SOCK_DGRAM };
enum { LV_SOCK_RAW = SOCK_RAW };
enum { LV_SOCK_SEQPACKET = SOCK_SEQPACKET };
enum { LV_SOCK_NONBLOCK = SOCK_NONBLOCK };
enum { LV_SOCK_CLOEXEC = SOCK_CLOEXEC };
enum { LV_SOL_SOCKET = SOL_SOCKET };
enum { LV_SO_DEBUG = SO_DEBUG };
enum { LV_SO_REUSEADDR = SO_REUSEADDR };
enum { LV_SO_TYPE = SO_TYPE };
enum { LV_SO_ERROR = SO_ERROR };
enum { LV_SO_DONTROUTE = SO_DONTROUTE };
enum { LV_SO_BROADCAST = SO_BROADCAST };
enum { LV_SO_SNDBUF = SO_SNDBUF };
enum { LV_SO_RCVBUF = SO_RCVBUF };
enum { LV_SO_KEEPALIVE = SO_KEEPALIVE };
enum { LV_SO_OOBINLINE = SO_OOBINLINE };
enum { LV_SO_LINGER = SO_LINGER };
enum { LV_SO_REUSEPORT = SO_REUSEPORT };
enum { LV_SO_PASSCRED = SO_PASSCRED };
enum { LV_SO_PEERCRED = SO_PEERCRED };
enum { LV_SO_RCVLOWAT = SO_RCVLOWAT };
enum { LV_SO_SNDLOWAT = SO_SNDLOWAT };
enum { LV_SO_RCVTIMEO = SO_RCVTIMEO };
enum { LV_SO_SNDTIMEO = SO_SNDTIMEO };
enum { LV_SO_ACCEPTCONN = SO_ACCEPTCONN };
enum { LV_SO_PROTOCOL = SO_PROTOCOL };
enum { LV_SO_DOMAIN = SO_DOMAIN };
enum { LV_MSG_OOB = MSG_OOB };
enum { LV_MSG_PEEK = MSG_PEEK };
enum { LV_MSG_DONTROUTE = MSG_DONTROUTE };
enum { LV_MSG_CTRUNC = MSG_CTRUNC };
enum { LV_MSG_TRUNC = MSG_TRUNC };
enum { LV_MSG_DONTWAIT = MSG_DONTWAIT };
enum { LV_MSG_EOR = MSG_EOR };
enum { LV_MSG_WAITALL = MSG_WAITALL };
enum { LV_MSG_NOSIGNAL = MSG_NOSIGNAL };
enum { LV_MSG_CMSG_CLOEXEC = MSG_CMSG_CLOEXEC };
enum { LV_SCM_RIGHTS = SCM_RIGHTS };
enum { LV_SCM_CREDENTIALS = SCM_CREDENTIALS };
enum { LV_SHUT_RD = SHUT_RD };
enum { LV_SHUT_WR = SHUT_WR };
enum { LV_SHUT_RDWR = SHUT_RDWR };
enum { LV_SOMAXCONN = SOMAXCONN };
#undef AF_UNSPEC
#undef AF_UNIX
#undef AF_LOCAL
#undef AF_INET
#undef AF_INET6
#undef AF_NETLINK
#undef AF_PACKET
#undef SOCK_STREAM
#undef SOCK_DGRAM
#undef SOCK_RAW
#undef SOCK_SEQPACKET
#undef SOCK_NONBLOCK
#undef SOCK_CLOEXEC
#undef SOL_SOCKET
#undef SO_DEBUG
#undef SO_REUSEADDR
#undef SO_TYPE
#undef SO_ERROR
#undef SO_DONTROUTE
#undef SO_BROADCAST
#undef SO_SNDBUF
#undef SO_RCVBUF
#undef SO_KEEPALIVE
#undef SO_OOBINLINE
#undef SO_LINGER
#undef SO_REUSEPORT
#undef SO_PASSCRED
#undef SO_PEERCRED
#undef SO_RCVLOWAT
#undef SO_SNDLOWAT
#undef SO_RCVTIMEO
#undef SO_SNDTIMEO
#undef SO_ACCEPTCONN
#undef SO_PROTOCOL
#undef SO_DOMAIN
#undef MSG_OOB
#undef MSG_PEEK
#undef MSG_DONTROUTE
#undef MSG_CTRUNC
#undef MSG_TRUNC
#undef MSG_DONTWAIT
#undef MSG_EOR
#undef MSG_WAITALL
#undef MSG_NOSIGNAL
#undef MSG_CMSG_CLOEXEC
#undef SCM_RIGHTS
#undef SCM_CREDENTIALS
#undef SHUT_RD
#undef SHUT_WR
#undef SHUT_RDWR
#undef SOMAXCONN
_Static_assert(sizeof(struct linux_msghdr) == 56, "msghdr");
_Static_assert(sizeof(struct linux_cmsghdr) == 16, "cmsghdr");
_Static_assert(sizeof(struct linux_sockaddr_un) == 110, "sockaddr_un");
_Static_assert(offsetof(struct linux_msghdr, msg_control) == 32, "msghdr");
_Static_assert(offsetof(struct linux_msghdr, msg_flags) == 48, "msghdr");
_Static_assert(sizeof(struct linux_ucred) == 12, "ucred");
#include <sys/socket.h>
#include <sys/un.h>
_Static_assert((long)LV_AF_UNSPEC == (long)AF_UNSPEC, "AF_UNSPEC differs from Linux");
_Static_assert((long)LV_AF_UNIX == (long)AF_UNIX, "AF_UNIX differs from Linux");
_Static_assert((long)LV_AF_LOCAL == (long)AF_LOCAL, "AF_LOCAL differs from Linux");
_Static_assert((long)LV_AF_INET == (long)AF_INET, "AF_INET differs from Linux");
_Static_assert((long)LV_AF_INET6 == (long)AF_INET6, "AF_INET6 differs from Linux");
_Static_assert((long)LV_AF_NETLINK == (long)AF_NETLINK, "AF_NETLINK differs from Linux");
_Static_assert((long)LV_AF_PACKET == (long)AF_PACKET, "AF_PACKET differs from Linux");
_Static_assert((long)LV_SOCK_STREAM == (long)SOCK_STREAM, "SOCK_STREAM differs from Linux");
_Static_assert((long)LV_SOCK_DGRAM == (long)SOCK_DGRAM, "SOCK_DGRAM differs from Linux");
_Static_assert((long)LV_SOCK_RAW == (long)SOCK_RAW, "SOCK_RAW differs from Linux");
_Static_assert((long)LV_SOCK_SEQPACKET == (long)SOCK_SEQPACKET, "SOCK_SEQPACKET differs from Linux");
_Static_assert((long)LV_SOCK_NONBLOCK == (long)SOCK_NONBLOCK, "SOCK_NONBLOCK differs from Linux");
_Static_assert((long)LV_SOCK_CLOEXEC == (long)SOCK_CLOEXEC, "SOCK_CLOEXEC differs from Linux");
_Static_assert((long)LV_SOL_SOCKET == (long)SOL_SOCKET, "SOL_SOCKET differs from Linux");
_Static_assert((long)LV_SO_DEBUG == (long)SO_DEBUG, "SO_DEBUG differs from Linux");
_Static_assert((long)LV_SO_REUSEADDR == (long)SO_REUSEADDR, "SO_REUSEADDR differs from Linux");
_Static_assert((long)LV_SO_TYPE == (long)SO_TYPE, "SO_TYPE differs from Linux");
_Static_assert((long)LV_SO_ERROR == (long)SO_ERROR, "SO_ERROR differs from Linux");
_Static_assert((long)LV_SO_DONTROUTE == (long)SO_DONTROUTE, "SO_DONTROUTE differs from Linux");
_Static_assert((long)LV_SO_BROADCAST == (long)SO_BROADCAST, "SO_BROADCAST differs from Linux");
_Static_assert((long)LV_SO_SNDBUF == (long)SO_SNDBUF, "SO_SNDBUF differs from Linux");
_Static_assert((long)LV_SO_RCVBUF == (long)SO_RCVBUF, "SO_RCVBUF differs from Linux");
_Static_assert((long)LV_SO_KEEPALIVE == (long)SO_KEEPALIVE, "SO_KEEPALIVE differs from Linux");
_Static_assert((long)LV_SO_OOBINLINE == (long)SO_OOBINLINE, "SO_OOBINLINE differs from Linux");
_Static_assert((long)LV_SO_LINGER == (long)SO_LINGER, "SO_LINGER differs from Linux");
_Static_assert((long)LV_SO_REUSEPORT == (long)SO_REUSEPORT, "SO_REUSEPORT differs from Linux");
_Static_assert((long)LV_SO_PASSCRED == (long)SO_PASSCRED, "SO_PASSCRED differs from Linux");
_Static_assert((long)LV_SO_PEERCRED == (long)SO_PEERCRED, "SO_PEERCRED differs from Linux");
_Static_assert((long)LV_SO_RCVLOWAT == (long)SO_RCVLOWAT, "SO_RCVLOWAT differs from Linux");
_Static_assert((long)LV_SO_SNDLOWAT == (long)SO_SNDLOWAT, "SO_SNDLOWAT differs from Linux");
_Static_assert((long)LV_SO_RCVTIMEO == (long)SO_RCVTIMEO, "SO_RCVTIMEO differs from Linux");
_Static_assert((long)LV_SO_SNDTIMEO == (long)SO_SNDTIMEO, "SO_SNDTIMEO differs from Linux");
_Static_assert((long)LV_SO_ACCEPTCONN == (long)SO_ACCEPTCONN, "SO_ACCEPTCONN differs from Linux");
_Static_assert((long)LV_SO_PROTOCOL == (long)SO_PROTOCOL, "SO_PROTOCOL differs from Linux");
_Static_assert((long)LV_SO_DOMAIN == (long)SO_DOMAIN, "SO_DOMAIN differs from Linux");
_Static_assert((long)LV_MSG_OOB == (long)MSG_OOB, "MSG_OOB differs from Linux");
_Static_assert((long)LV_MSG_PEEK == (long)MSG_PEEK, "MSG_PEEK differs from Linux");
_Static_assert((long)LV_MSG_DONTROUTE == (long)MSG_DONTROUTE, "MSG_DONTROUTE differs from Linux");
_Static_assert((long)LV_MSG_CTRUNC == (long)MSG_CTRUNC, "MSG_CTRUNC differs from Linux");
_Static_assert((long)LV_MSG_TRUNC == (long)MSG_TRUNC, "MSG_TRUNC differs from Linux");
_Static_assert((long)LV_MSG_DONTWAIT == (long)MSG_DONTWAIT, "MSG_DONTWAIT differs from Linux");
_Static_assert((long)LV_MSG_EOR == (long)MSG_EOR, "MSG_EOR differs from Linux");
_Static_assert((long)LV_MSG_WAITALL == (long)MSG_WAITALL, "MSG_WAITALL differs from Linux");
_Static_assert((long)LV_MSG_NOSIGNAL == (long)MSG_NOSIGNAL, "MSG_NOSIGNAL differs from Linux");
_Static_assert((long)LV_MSG_CMSG_CLOEXEC == (long)MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC differs from Linux");
_Static_assert((long)LV_SCM_RIGHTS == (long)SCM_RIGHTS, "SCM_RIGHTS differs from Linux");
_Static_assert((long)LV_SCM_CREDENTIALS == (long)SCM_CREDENTIALS, "SCM_CREDENTIALS differs from Linux");
_Static_assert((long)LV_SHUT_RD == (long)SHUT_RD, "SHUT_RD differs from Linux");
_Static_assert((long)LV_SHUT_WR == (long)SHUT_WR, "SHUT_WR differs from Linux");
_Static_assert((long)LV_SHUT_RDWR == (long)SHUT_RDWR, "SHUT_RDWR differs from Linux");
_Static_assert((long)LV_SOMAXCONN == (long)SOMAXCONN, "SOMAXCONN differs from Linux");
