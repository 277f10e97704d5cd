/* Kernel-level namespace and attribute operations on kernel strings (fs/dirops.c, fs/attr.c):
 * the syscalls copy names from user space and call these; the initramfs unpacker and vfs_init
 * call them directly. All return 0 or -errno with Linux's error precedence. */
#pragma once
#include "fs/vfs.h"

int do_mkdirat(int dfd, const char *name, mode_t mode);
int do_mknodat(int dfd, const char *name, mode_t mode, kdev_t dev);
int do_symlinkat(const char *target, int dfd, const char *name);
int do_linkat(int odfd, const char *oname, int ndfd, const char *nname, int flags);
int do_unlinkat(int dfd, const char *name, bool rmdir);
int do_renameat2(int odfd, const char *oname, int ndfd, const char *nname, unsigned flags);

/* fs/attr.c */
int do_fchmodat(int dfd, const char *name, mode_t mode, int flags);
int do_fchownat(int dfd, const char *name, uid_t uid, gid_t gid, int flags);
/* Apply an attribute change through the fs's setattr (or the default); no permission checks. */
int vfs_setattr(struct inode *ino, const struct iattr *ia);
int chmod_inode(struct inode *ino, mode_t mode);
int chown_inode(struct inode *ino, uid_t uid, gid_t gid);   /* (uid_t)-1 / (gid_t)-1: unchanged */
/* Set a regular file's size (truncate, ftruncate, O_TRUNC); checks nothing about the caller. */
int vfs_truncate(struct inode *ino, off_t size);
