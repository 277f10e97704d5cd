/* tmpfs: the in-memory filesystem used for / and /dev. Directories are the dentry tree itself
 * (fs/tmpfs.c); regular file data lives in pages indexed by a small radix tree (fs/tmpfs_file.c)
 * so sparse files cost nothing for their holes and mmap can map the very same pages. */
#pragma once
#include "fs/vfs.h"

/* A fresh tmpfs instance whose root directory has root_mode (e.g. 0755) and owner root. */
struct super_block *tmpfs_new_sb(const char *fstype, mode_t root_mode);

/* fs/tmpfs_file.c */
extern const struct file_ops tmpfs_file_fops;
extern const struct inode_ops tmpfs_file_iops;
int tmpfs_file_init(struct inode *ino);     /* attach empty data to a new regular inode */
