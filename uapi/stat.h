/* Linux arm64 ABI: file modes, struct stat (asm-generic/stat.h, 128 bytes), struct statx
 * (linux/stat.h), directory entries (linux_dirent64 of getdents64, DT_* types).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* file type and permission bits (linux/stat.h) */
#define S_IFMT    0170000
#define S_IFSOCK  0140000
#define S_IFLNK   0120000
#define S_IFREG   0100000
#define S_IFBLK   060000
#define S_IFDIR   040000
#define S_IFCHR   020000
#define S_IFIFO   010000
#define S_ISUID   04000
#define S_ISGID   02000
#define S_ISVTX   01000
#define S_IRWXU   0700
#define S_IRUSR   0400
#define S_IWUSR   0200
#define S_IXUSR   0100
#define S_IRWXG   070
#define S_IRGRP   040
#define S_IWGRP   020
#define S_IXGRP   010
#define S_IRWXO   07
#define S_IROTH   04
#define S_IWOTH   02
#define S_IXOTH   01

#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* statx(2) mask and attribute bits */
#define STATX_TYPE             0x1
#define STATX_MODE             0x2
#define STATX_NLINK            0x4
#define STATX_UID              0x8
#define STATX_GID              0x10
#define STATX_ATIME            0x20
#define STATX_MTIME            0x40
#define STATX_CTIME            0x80
#define STATX_INO              0x100
#define STATX_SIZE             0x200
#define STATX_BLOCKS           0x400
#define STATX_BASIC_STATS      0x7ff
#define STATX_BTIME            0x800
#define STATX_MNT_ID           0x1000
#define STATX_DIOALIGN         0x2000
#define STATX__RESERVED        0x80000000U
#define STATX_ALL              0xfff
#define STATX_ATTR_COMPRESSED  0x4
#define STATX_ATTR_IMMUTABLE   0x10
#define STATX_ATTR_APPEND      0x20
#define STATX_ATTR_NODUMP      0x40
#define STATX_ATTR_ENCRYPTED   0x800
#define STATX_ATTR_AUTOMOUNT   0x1000
#define STATX_ATTR_MOUNT_ROOT  0x2000
#define STATX_ATTR_VERITY      0x100000
#define STATX_ATTR_DAX         0x200000

/* getdents64 d_type values: the S_IFMT bits shifted down by 12, as Linux's fs_types.h defines
 * them (not in the UAPI headers: uapi_check compares them with glibc's <dirent.h>). */
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
#define DT_WHT     14

/* struct stat of fstat/newfstatat on arm64 (asm-generic/stat.h). */
struct linux_stat {
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

struct linux_statx_timestamp {
    s64 tv_sec;
    u32 tv_nsec;
    s32 __reserved;
};

/* statx(2) result (linux/stat.h): 256 bytes. */
struct linux_statx {
    u32 stx_mask;
    u32 stx_blksize;
    u64 stx_attributes;
    u32 stx_nlink;
    u32 stx_uid;
    u32 stx_gid;
    u16 stx_mode;
    u16 __spare0[1];
    u64 stx_ino;
    u64 stx_size;
    u64 stx_blocks;
    u64 stx_attributes_mask;
    struct linux_statx_timestamp stx_atime;
    struct linux_statx_timestamp stx_btime;
    struct linux_statx_timestamp stx_ctime;
    struct linux_statx_timestamp stx_mtime;
    u32 stx_rdev_major;
    u32 stx_rdev_minor;
    u32 stx_dev_major;
    u32 stx_dev_minor;
    u64 stx_mnt_id;
    u32 stx_dio_mem_align;
    u32 stx_dio_offset_align;
    u64 __spare3[12];
};

/* getdents64(2) record (include/linux/dirent.h): d_name is NUL-terminated and each record is
 * padded to 8 bytes; d_reclen is the padded size. */
struct linux_dirent64 {
    u64 d_ino;
    s64 d_off;
    u16 d_reclen;
    u8 d_type;
    char d_name[];
};

/* statfs/fstatfs result on 64-bit (asm-generic/statfs.h): 120 bytes. */
struct linux_statfs {
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
