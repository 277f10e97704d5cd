/* Linux arm64 ABI: open/fcntl flags, *at() flags, seeking, renaming, openat2 resolution
 * (asm/fcntl.h, asm-generic/fcntl.h, linux/fcntl.h, linux/fs.h, linux/openat2.h,
 * linux/close_range.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them.
 * arm64 differs from asm-generic in O_DIRECTORY/O_NOFOLLOW/O_DIRECT/O_LARGEFILE. */
#pragma once
#include "lib/types.h"

/* open(2) flags, octal like Linux */
#define O_DIRECTORY  040000
#define O_NOFOLLOW   0100000
#define O_DIRECT     0200000
#define O_LARGEFILE  0400000
#define O_ACCMODE    03
#define O_RDONLY     0
#define O_WRONLY     01
#define O_RDWR       02
#define O_CREAT      0100
#define O_EXCL       0200
#define O_NOCTTY     0400
#define O_TRUNC      01000
#define O_APPEND     02000
#define O_NONBLOCK   04000
#define O_DSYNC      010000
#define FASYNC       020000
#define O_NOATIME    01000000
#define O_CLOEXEC    02000000
#define __O_SYNC     04000000
#define O_SYNC       04010000
#define O_PATH       010000000
#define __O_TMPFILE  020000000
#define O_TMPFILE    020040000
#define O_NDELAY     O_NONBLOCK

/* fcntl(2) commands and arguments */
#define F_DUPFD              0
#define F_GETFD              1
#define F_SETFD              2
#define F_GETFL              3
#define F_SETFL              4
#define F_GETLK              5
#define F_SETLK              6
#define F_SETLKW             7
#define F_SETOWN             8
#define F_GETOWN             9
#define F_SETSIG             10
#define F_GETSIG             11
#define F_SETOWN_EX          15
#define F_GETOWN_EX          16
#define F_GETOWNER_UIDS      17
#define F_OFD_GETLK          36
#define F_OFD_SETLK          37
#define F_OFD_SETLKW         38
#define F_OWNER_TID          0
#define F_OWNER_PID          1
#define F_OWNER_PGRP         2
#define FD_CLOEXEC           1
#define F_RDLCK              0
#define F_WRLCK              1
#define F_UNLCK              2
#define F_EXLCK              4
#define F_SHLCK              8
#define F_SETLEASE           1024
#define F_GETLEASE           1025
#define F_CANCELLK           1029
#define F_DUPFD_CLOEXEC      1030
#define F_NOTIFY             1026
#define F_SETPIPE_SZ         1031
#define F_GETPIPE_SZ         1032
#define F_ADD_SEALS          1033
#define F_GET_SEALS          1034
#define F_SEAL_SEAL          1
#define F_SEAL_SHRINK        2
#define F_SEAL_GROW          4
#define F_SEAL_WRITE         8
#define F_SEAL_FUTURE_WRITE  16
#define F_GET_RW_HINT        1035
#define F_SET_RW_HINT        1036
#define F_GET_FILE_RW_HINT   1037
#define F_SET_FILE_RW_HINT   1038

/* flock(2) */
#define LOCK_SH     1
#define LOCK_EX     2
#define LOCK_NB     4
#define LOCK_UN     8
#define LOCK_MAND   32
#define LOCK_READ   64
#define LOCK_WRITE  128
#define LOCK_RW     192

/* dirfd and flags of the *at() syscalls. AT_EACCESS (faccessat) and AT_REMOVEDIR (unlinkat)
 * share a bit: the syscall decides */
#define AT_FDCWD               (-100)
#define AT_SYMLINK_NOFOLLOW    0x100
#define AT_EACCESS             0x200
#define AT_REMOVEDIR           0x200
#define AT_SYMLINK_FOLLOW      0x400
#define AT_NO_AUTOMOUNT        0x800
#define AT_EMPTY_PATH          0x1000
#define AT_STATX_SYNC_TYPE     0x6000
#define AT_STATX_SYNC_AS_STAT  0x0
#define AT_STATX_FORCE_SYNC    0x2000
#define AT_STATX_DONT_SYNC     0x4000
#define AT_RECURSIVE           0x8000

/* lseek(2) whence */
#define SEEK_SET   0
#define SEEK_CUR   1
#define SEEK_END   2
#define SEEK_DATA  3
#define SEEK_HOLE  4
#define SEEK_MAX   SEEK_HOLE

/* renameat2(2) flags */
#define RENAME_NOREPLACE  0x1
#define RENAME_EXCHANGE   0x2
#define RENAME_WHITEOUT   0x4

/* openat2(2) resolve flags */
#define RESOLVE_NO_XDEV        0x1
#define RESOLVE_NO_MAGICLINKS  0x2
#define RESOLVE_NO_SYMLINKS    0x4
#define RESOLVE_BENEATH        0x8
#define RESOLVE_IN_ROOT        0x10
#define RESOLVE_CACHED         0x20

/* close_range(2) flags */
#define CLOSE_RANGE_UNSHARE  0x2
#define CLOSE_RANGE_CLOEXEC  0x4

/* struct flock (asm-generic/fcntl.h, no arch padding on arm64): 32 bytes. */
struct linux_flock {
    s16 l_type;
    s16 l_whence;
    s64 l_start;
    s64 l_len;
    s32 l_pid;
};

/* openat2(2) argument (linux/openat2.h). */
struct linux_open_how {
    u64 flags;
    u64 mode;
    u64 resolve;
};
