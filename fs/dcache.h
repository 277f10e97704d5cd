/* Inode and dentry lifetimes (fs/dcache.c), superblocks and mounts (fs/mount.c). Internal to fs/. */
#pragma once
#include "fs/vfs.h"

/* Credentials the VFS uses: current's fsuid/fsgid, or root when there is no task yet (boot). */
uid_t fs_fsuid(void);
gid_t fs_fsgid(void);
struct ktimespec fs_now(void);

/* A new inode of sb: refs 1, ino from sb, owner = caller's fsuid/fsgid, all times now, nlink 1. */
struct inode *inode_alloc(struct super_block *sb, mode_t mode);
void inode_get(struct inode *ino);
void inode_put(struct inode *ino);
/* Mark the inode changed: ctime (and mtime if data) = now. */
void inode_touch(struct inode *ino, bool data);

/* A negative, unlinked dentry named name[0..len) under parent (holds a reference on parent). */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
/* A root dentry for sb (its own parent), holding ino. */
struct dentry *d_alloc_root(struct super_block *sb, struct inode *ino);
/* Attach ino (the caller's reference moves to the dentry) and link d into its parent. On a
 * dcache_complete fs the dentry is pinned: it lives until d_drop even with no users. */
void d_instantiate(struct dentry *d, struct inode *ino);
/* O_TMPFILE: attach ino to d without linking it (the name becomes "#INO", as Linux's). */
void d_tmpfile(struct dentry *d, struct inode *ino);
/* The linked child named name[0..len) of parent, referenced, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
/* Unlink d from its parent (unlink/rmdir/rename-over); open users keep it alive, nameless. */
void d_drop(struct dentry *d);
/* Rename: move d under new_parent with a new name (0 or -ENOMEM; on error nothing changed). */
int d_move(struct dentry *d, struct dentry *new_parent, const char *name, size_t len);
void d_get(struct dentry *d);
void d_put(struct dentry *d);
/* True if a is d or one of d's ancestors (same superblock). */
bool d_is_ancestor(struct dentry *a, struct dentry *d);
/* Directory has no linked children. */
bool d_empty_dir(struct dentry *d);
/* Readdir over the linked children: ".", "..", then children by seq (cookie = seq). */
int dcache_readdir(struct file *f, struct dir_context *ctx);

static inline bool d_positive(const struct dentry *d) { return d->inode != NULL; }
static inline bool d_is_dir(const struct dentry *d) {
    return d->inode && (d->inode->mode & 0170000) == 0040000;
}
static inline bool d_is_symlink(const struct dentry *d) {
    return d->inode && (d->inode->mode & 0170000) == 0120000;
}
static inline bool d_is_root(const struct dentry *d) { return d->parent == d; }

void path_get(const struct path *p);
void path_put(struct path *p);   /* leaves p zeroed */
static inline bool path_equal(const struct path *a, const struct path *b) {
    return a->mnt == b->mnt && a->dentry == b->dentry;
}

/* ---- superblocks and mounts (fs/mount.c) ---- */
struct super_block *sb_alloc(const char *fstype, u64 magic, bool dcache_complete);
/* Mount references (path_get/path_put take them); a detached mount is freed with its last. */
void mnt_get(struct mount *m);
/* A read-only mount (MS_RDONLY): changes through it fail with EROFS, as mnt_want_write does. */
static inline bool mnt_readonly(const struct mount *m) { return m && (m->flags & MNT_RDONLY); }
void mnt_put(struct mount *m);
/* Mount sb on `at` (a directory). 0 or -errno. */
int vfs_mount(const struct path *at, struct super_block *sb, unsigned flags);
/* The mount whose mountpoint is d in parent mnt, or NULL. */
struct mount *mount_lookup(struct mount *parent, struct dentry *d);
/* While p's dentry is a mountpoint, step into the mounted filesystem's root (references moved). */
void follow_mounts(struct path *p);
/* The global root: the root mount's root dentry (not referenced). */
struct path vfs_global_root(void);
/* The caller's root and cwd (referenced): current->fs, or the global root at boot. */
void fs_root_cwd(struct path *root, struct path *cwd);
struct mount *vfs_mounts(void);    /* the mount list, for /proc/mounts */
