/* What the rest of the kernel calls into the filesystem layer for. Included by fs/vfs.h. */
#pragma once
#include "lib/types.h"

struct file;
struct file_ops;
struct files_table;
struct fs_struct;

/* Boot: mount tmpfs at /, create /dev with null zero full random urandom (+ registered drivers). */
void vfs_init(void);
/* Unpack one or more concatenated cpio newc/crc archives into the root fs. Later entries replace
 * earlier files. 0, or -errno for a malformed archive (entries before the damage are kept). */
int initramfs_unpack(const void *data, size_t len);

/* Open a path relative to current->fs (root, cwd) with O_* flags; ERR_PTR(-errno) on error. */
struct file *file_open_kernel(const char *path, int flags, mode_t mode);
/* pread into kernel memory: bytes read or -errno; does not move f->pos. */
ssize_t kernel_read(struct file *f, void *buf, size_t n, off_t off);
ssize_t kernel_write(struct file *f, const void *buf, size_t n, off_t off);
void file_get(struct file *f);
void file_put(struct file *f);
/* Regular file with an x bit the caller may use (root: any x bit), else -EACCES. */
int file_check_exec(struct file *f);
/* Anonymous file not in any directory (pipes, sockets, eventfd): mode gives the S_IFMT type
 * (S_IFIFO, S_IFSOCK) and permission bits; flags are O_ flags (O_RDONLY/O_WRONLY/O_RDWR,
 * O_NONBLOCK). ERR_PTR(-ENOMEM) on failure. */
struct file *file_alloc_anon(const struct file_ops *ops, void *priv, mode_t mode, unsigned flags,
                             const char *name);
/* Another open file on f's anonymous inode (the other end of a pipe or socket pair: one inode,
 * as in Linux), with the same ops, priv and wait queue. ERR_PTR(-ENOMEM) on failure. */
struct file *file_alloc_peer(struct file *f, unsigned flags);

/* Descriptor tables (fs/fdtable.c). files_new: empty table; files_dup: copy for fork (each open
 * file gets another reference, close-on-exec flags copied); get/put share for CLONE_FILES. */
struct files_table *files_new(void);
struct files_table *files_dup(struct files_table *ft);
void files_get(struct files_table *ft);
void files_put(struct files_table *ft);
/* Install f (the caller's reference moves to the table) at the lowest free fd; fd_flags is
 * FD_CLOEXEC or 0. Returns the fd or -EMFILE (then the caller still owns its reference). */
int fd_install(struct files_table *ft, struct file *f, int fd_flags);
/* Referenced file at fd of the current task, or NULL (callers return -EBADF); O_PATH files count
 * as bad here, as in Linux's fdget. file_put when done. */
struct file *fd_get(int fd);
void files_close_on_exec(struct files_table *ft);

/* Root, cwd and umask (fs/fs_struct.c). fs_new_root: root and cwd at "/", umask 022. */
struct fs_struct *fs_new_root(void);
struct fs_struct *fs_dup(struct fs_struct *fs);   /* fork without CLONE_FS */
void fs_get(struct fs_struct *fs);                /* CLONE_FS */
void fs_put(struct fs_struct *fs);

/* Absolute path of an open file as seen from current's root, into buf (NUL-terminated).
 * Returns the length (without NUL) or -ENAMETOOLONG/-ERANGE when size is too small.
 * Unlinked files get " (deleted)" appended, as Linux's /proc/self/fd links do. */
long vfs_path_of(struct file *f, char *buf, size_t size);
