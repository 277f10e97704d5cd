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
