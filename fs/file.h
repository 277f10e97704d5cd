/* Open file descriptions (fs/file.c) and the opening of looked-up paths (fs/open.c). */
#pragma once
#include "fs/vfs.h"

/* The biggest single read/write, as Linux's MAX_RW_COUNT. */
#define MAX_RW_COUNT 0x7ffff000L

/* A new struct file on p (referenced here), refs 1, flags/fmode from the O_ flags. */
struct file *file_alloc(const struct path *p, unsigned flags);
/* Open an existing looked-up path with O_ flags: chooses the ops (devfs for char devices), calls
 * ops->open. Permission checks are the caller's (fs/open.c). ERR_PTR(-errno) on error. */
struct file *vfs_open(const struct path *p, unsigned flags);

/* Open a name relative to dfd with O_ flags and a creation mode (fs/open.c): ERR_PTR(-errno). */
struct file *do_open(int dfd, const char *name, unsigned flags, mode_t mode);

/* Read/write at *pos through the file's ops with the checks every path shares: open mode (EBADF),
 * directory (EISDIR), missing op (EINVAL), count clamp. */
ssize_t vfs_read(struct file *f, struct iobuf buf, size_t n, off_t *pos);
ssize_t vfs_write(struct file *f, struct iobuf buf, size_t n, off_t *pos);
/* Update the access time after a read or readdir (relatime rules, see fs/file.c). */
void file_accessed(struct file *f);
/* The same for an inode seen through mount m (symlinks read by readlink or followed). */
void touch_atime(struct mount *m, struct inode *ino);
/* pread/pwrite and sendfile need a seekable file: one with an lseek op. */
static inline bool file_seekable(const struct file *f) { return f->ops && f->ops->lseek; }

/* lseek implementations for file_ops.lseek. */
off_t generic_file_lseek(struct file *f, off_t off, int whence); /* size-based, SEEK_DATA/HOLE */
off_t dir_lseek(struct file *f, off_t off, int whence);          /* SEEK_SET/SEEK_CUR cookies */
off_t noop_lseek(struct file *f, off_t off, int whence);         /* always 0 (/dev/null) */

/* Character device registry (fs/devfs.c): ops and priv of a registered major:minor. */
const struct file_ops *chrdev_lookup(kdev_t rdev, void **priv);
