/* Linux UAPI constants and structures the filesystem layer needs, copied from the arm64 UAPI
 * headers (/usr/aarch64-linux-gnu/include: asm/fcntl.h, asm-generic/fcntl.h, linux/fcntl.h,
 * linux/stat.h, asm-generic/stat.h, asm-generic/poll.h, asm-generic/statfs.h, asm-generic/ioctls.h).
 * Temporary: when uapi/ gains these, fs/ switches to them. Every macro is guarded so a uapi header
 * included first wins; structures carry fs-private names so nothing clashes. */
#pragma once
#include "lib/types.h"

#if __has_include("uapi/fcntl.h")
#include "uapi/fcntl.h"
#endif
#if __has_include("uapi/stat.h")
#include "uapi/stat.h"
#endif
#if __has_include("uapi/poll.h")
#include "uapi/poll.h"
#endif

#ifndef O_CREAT                      /* open flags (arm64 overrides four of asm-generic's) */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define FASYNC      00020000
#define O_DIRECTORY 00040000         /* arm64 */
#define O_NOFOLLOW  00100000         /* arm64 */
#define O_DIRECT    00200000         /* arm64 */
#define O_LARGEFILE 00400000         /* arm64 */
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define __O_SYNC    04000000
#define O_SYNC      (__O_SYNC | O_DSYNC)
#define O_PATH      010000000
#define __O_TMPFILE 020000000
#define O_TMPFILE   (__O_TMPFILE | O_DIRECTORY)
#define O_NDELAY    O_NONBLOCK
#endif

#ifndef F_DUPFD
#define F_DUPFD         0
#define F_GETFD         1
#define F_SETFD         2
#define F_GETFL         3
#define F_SETFL         4
#define F_GETLK         5
#define F_SETLK         6
#define F_SETLKW        7
#define F_SETOWN        8
#define F_GETOWN        9
#define F_DUPFD_CLOEXEC 1030
#define F_SETPIPE_SZ    1031
#define F_GETPIPE_SZ    1032
#define F_ADD_SEALS     1033
#define F_GET_SEALS     1034
#define FD_CLOEXEC      1
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif

#ifndef AT_FDCWD
#define AT_FDCWD            (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS          0x200
#define AT_REMOVEDIR        0x200
#define AT_SYMLINK_FOLLOW   0x400
#define AT_NO_AUTOMOUNT     0x800
#define AT_EMPTY_PATH       0x1000
#define AT_STATX_SYNC_TYPE  0x6000
#define AT_STATX_SYNC_AS_STAT 0x0000
#define AT_STATX_FORCE_SYNC 0x2000
#define AT_STATX_DONT_SYNC  0x4000
#define AT_RECURSIVE        0x8000
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE  (1 << 1)
#define RENAME_WHITEOUT  (1 << 2)
#endif

#ifndef R_OK
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#endif

#ifndef SEEK_SET
#define SEEK_SET  0
#define SEEK_CUR  1
#define SEEK_END  2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

#ifndef S_IFMT
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)
#endif
#define S_IALLUGO 07777

#ifndef DT_UNKNOWN
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
#endif

#ifndef POLLIN
#define POLLIN     0x0001
#define POLLPRI    0x0002
#define POLLOUT    0x0004
#define POLLERR    0x0008
#define POLLHUP    0x0010
#define POLLNVAL   0x0020
#define POLLRDNORM 0x0040
#define POLLRDBAND 0x0080
#define POLLWRNORM 0x0100
#define POLLWRBAND 0x0200
#define POLLMSG    0x0400
#define POLLRDHUP  0x2000
#endif

#ifndef STATX_TYPE
#define STATX_TYPE        0x00000001U
#define STATX_MODE        0x00000002U
#define STATX_NLINK       0x00000004U
#define STATX_UID         0x00000008U
#define STATX_GID         0x00000010U
#define STATX_ATIME       0x00000020U
#define STATX_MTIME       0x00000040U
#define STATX_CTIME       0x00000080U
#define STATX_INO         0x00000100U
#define STATX_SIZE        0x00000200U
#define STATX_BLOCKS      0x00000400U
#define STATX_BASIC_STATS 0x000007ffU
#define STATX_BTIME       0x00000800U
#define STATX_MNT_ID      0x00001000U
#define STATX_DIOALIGN    0x00002000U
#define STATX__RESERVED   0x80000000U
#endif

#ifndef FIONBIO                      /* generic file ioctls (asm-generic/ioctls.h) */
#define FIONREAD 0x541B
#define FIONBIO  0x5421
#define FIONCLEX 0x5450
#define FIOCLEX  0x5451
#define FIOASYNC 0x5452
#endif

#define FS_PATH_MAX 4096     /* PATH_MAX, including the NUL */
#define FS_NAME_MAX 255      /* NAME_MAX */
#define FS_UIO_MAXIOV 1024   /* UIO_MAXIOV */
#define FS_SYMLOOP_MAX 40    /* Linux's MAXSYMLINKS */
#define TMPFS_MAGIC 0x01021994
#define DEVPTS_SUPER_MAGIC 0x1cd1

/* struct stat of arm64 (asm-generic/stat.h): 128 bytes. */
struct fs_user_stat {
    u64 st_dev;
    u64 st_ino;
    u32 st_mode;
    u32 st_nlink;
    u32 st_uid;
    u32 st_gid;
    u64 st_rdev;
    u64 __pad1;
    s64 st_size;
    s32 st_blksize;
    s32 __pad2;
    s64 st_blocks;
    s64 st_atime;
    u64 st_atime_nsec;
    s64 st_mtime;
    u64 st_mtime_nsec;
    s64 st_ctime;
    u64 st_ctime_nsec;
    u32 __unused4;
    u32 __unused5;
};

struct fs_statx_timestamp { s64 tv_sec; u32 tv_nsec; s32 __reserved; };
/* struct statx (linux/stat.h): 256 bytes. */
struct fs_user_statx {
    u32 stx_mask;
    u32 stx_blksize;
    u64 stx_attributes;
    u32 stx_nlink;
    u32 stx_uid;
    u32 stx_gid;
    u16 stx_mode;
    u16 __spare0;
    u64 stx_ino;
    u64 stx_size;
    u64 stx_blocks;
    u64 stx_attributes_mask;
    struct fs_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    u32 stx_rdev_major;
    u32 stx_rdev_minor;
    u32 stx_dev_major;
    u32 stx_dev_minor;
    u64 stx_mnt_id;
    u32 stx_dio_mem_align;
    u32 stx_dio_offset_align;
    u64 __spare3[12];
};

/* struct statfs on 64-bit (asm-generic/statfs.h): 120 bytes. */
struct fs_user_statfs {
    s64 f_type;
    s64 f_bsize;
    u64 f_blocks;
    u64 f_bfree;
    u64 f_bavail;
    u64 f_files;
    u64 f_ffree;
    s32 f_fsid[2];
    s64 f_namelen;
    s64 f_frsize;
    s64 f_flags;
    s64 f_spare[4];
};

struct fs_user_iovec { u64 iov_base; u64 iov_len; };
struct fs_user_pollfd { s32 fd; s16 events; s16 revents; };
struct fs_user_timespec { s64 tv_sec; s64 tv_nsec; };

_Static_assert(sizeof(struct fs_user_stat) == 128, "struct stat layout");
_Static_assert(sizeof(struct fs_user_statx) == 256, "struct statx layout");
_Static_assert(sizeof(struct fs_user_statfs) == 120, "struct statfs layout");
