/* The Linux UAPI definitions fs/ uses (from uapi/), plus the few values no uapi header carries:
 * access(2) modes (unistd.h), path limits (linux/limits.h), utimensat's UTIME_* (linux/stat.h,
 * kernel-only part) and filesystem magic numbers (linux/magic.h). */
#pragma once
#include "lib/types.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/poll.h"
#include "uapi/termios.h"
#include "uapi/misc.h"
#include "uapi/time.h"

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define FS_PATH_MAX 4096     /* PATH_MAX, including the NUL */
#define FS_NAME_MAX 255      /* NAME_MAX */
#define FS_SYMLOOP_MAX 40    /* Linux's MAXSYMLINKS */

#define UTIME_NOW  ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

#define TMPFS_MAGIC 0x01021994
#define ANON_INODE_FS_MAGIC 0x09041934
#define ST_VALID 0x0020      /* statfs f_flags: the flags field is valid */

#define S_IALLUGO 07777

/* fallocate(2) modes (linux/falloc.h) */
#define FALLOC_FL_KEEP_SIZE      0x01
#define FALLOC_FL_PUNCH_HOLE     0x02
#define FALLOC_FL_NO_HIDE_STALE  0x04
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE     0x10
#define FALLOC_FL_INSERT_RANGE   0x20
#define FALLOC_FL_UNSHARE_RANGE  0x40
#define FALLOC_FL_SUPPORTED_MASK 0x7f

/* splice(2)/tee(2) flags (linux/splice.h) */
#define SPLICE_F_MOVE     0x01
#define SPLICE_F_NONBLOCK 0x02
#define SPLICE_F_MORE     0x04
#define SPLICE_F_GIFT     0x08
#define SPLICE_F_ALL      0x0f

/* posix_fadvise advice (linux/fadvise.h; arm64 uses the generic 4 and 5) */
#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

/* statfs f_flags (linux/statfs.h) */
#define ST_RDONLY     0x0001
#define ST_NOSUID     0x0002
#define ST_NODEV      0x0004
#define ST_NOEXEC     0x0008
#define ST_NOATIME    0x0400
#define ST_NODIRATIME 0x0800
#define ST_RELATIME   0x1000
