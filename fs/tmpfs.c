/* tmpfs namespace operations. The dentry tree is the directory structure (sb->dcache_complete),
 * so these ops only create inodes, keep link counts and times right, and relink dentries; the VFS
 * (fs/dirops.c) has already done every existence, type and permission check. */
#include "fs/tmpfs.h"
#include "fs/dcache.h"
#include "fs/file.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "lib/string.h"
#include "uapi/errno.h"

static const struct inode_ops tmpfs_dir_iops;
static const struct inode_ops tmpfs_symlink_iops;
static const struct inode_ops tmpfs_special_iops;
static const struct file_ops tmpfs_dir_fops;

/* Linux's tmpfs reports a directory's size as 20 bytes per entry, "." and ".." included (ls -l
 * shows it, so the guest tests compare it). */
#define BOGO_DIRENT_SIZE 20

static u32 next_tmpfs_dev = 1;   /* anonymous device numbers 0:N, like Linux's tmpfs instances */

static struct inode *tmpfs_new_inode(struct super_block *sb, mode_t mode, kdev_t rdev) {
    if (sb->max_inodes && sb->used_inodes >= sb->max_inodes) return NULL;
    struct inode *ino = inode_alloc(sb, mode);
    if (!ino) return NULL;
    switch (mode & S_IFMT) {
    case S_IFDIR:
        ino->iops = &tmpfs_dir_iops;
        ino->fops = &tmpfs_dir_fops;
        ino->nlink = 2;
        ino->size = 2 * BOGO_DIRENT_SIZE;
        break;
    case S_IFREG:
        ino->iops = &tmpfs_file_iops;
        ino->fops = &tmpfs_file_fops;
        if (tmpfs_file_init(ino)) { ino->iops = NULL; inode_put(ino); return NULL; }
        break;
    case S_IFLNK:
        ino->iops = &tmpfs_symlink_iops;
        break;
    default:                  /* devices, fifos, sockets: open finds their ops elsewhere */
        ino->iops = &tmpfs_special_iops;
        ino->rdev = rdev;
        break;
    }
    return ino;
}

static void dir_changed(struct inode *dir) { inode_touch(dir, true); }
static void dir_added(struct inode *dir) { dir->size += BOGO_DIRENT_SIZE; dir_changed(dir); }
static void dir_removed(struct inode *dir) { dir->size -= BOGO_DIRENT_SIZE; dir_changed(dir); }

static int tmpfs_mknod(struct inode *dir, struct dentry *d, mode_t mode, kdev_t rdev) {
    struct inode *ino = tmpfs_new_inode(dir->sb, mode, rdev);
    if (!ino) return -ENOSPC;     /* Linux tmpfs reports ENOSPC when it cannot get an inode */
    if (S_ISDIR(mode)) dir->nlink++;
    d_instantiate(d, ino);
    dir_added(dir);
    return 0;
}

static int tmpfs_create(struct inode *dir, struct dentry *d, mode_t mode) {
    return tmpfs_mknod(dir, d, (mode & ~S_IFMT) | S_IFREG, 0);
}

static int tmpfs_tmpfile(struct inode *dir, struct dentry *d, mode_t mode) {
    struct inode *ino = tmpfs_new_inode(dir->sb, (mode & ~S_IFMT) | S_IFREG, 0);
    if (!ino) return -ENOSPC;
    ino->nlink = 0;
    d_tmpfile(d, ino);
    return 0;
}

static int tmpfs_mkdir(struct inode *dir, struct dentry *d, mode_t mode) {
    return tmpfs_mknod(dir, d, (mode & ~S_IFMT) | S_IFDIR, 0);
}

static int tmpfs_symlink(struct inode *dir, struct dentry *d, const char *target) {
    size_t len = strlen(target);
    char *copy = kmalloc(len + 1);
    if (!copy) return -ENOSPC;
    memcpy(copy, target, len + 1);
    struct inode *ino = tmpfs_new_inode(dir->sb, S_IFLNK | 0777, 0);
    if (!ino) { kfree(copy); return -ENOSPC; }
    ino->priv = copy;
    ino->size = len;
    d_instantiate(d, ino);
    dir_added(dir);
    return 0;
}

static int tmpfs_link(struct dentry *old, struct inode *dir, struct dentry *d) {
    struct inode *ino = old->inode;
    inode_get(ino);
    ino->nlink++;
    ino->linkable = false;        /* an O_TMPFILE file, now named */
    inode_touch(ino, false);
    d_instantiate(d, ino);
    dir_added(dir);
    return 0;
}

static int tmpfs_unlink(struct inode *dir, struct dentry *d) {
    struct inode *ino = d->inode;
    if (ino->nlink) ino->nlink--;
    inode_touch(ino, false);
    d_drop(d);
    dir_removed(dir);
    return 0;
}

static int tmpfs_rmdir(struct inode *dir, struct dentry *d) {
    d->inode->nlink = 0;          /* "." and its name both go */
    inode_touch(d->inode, false);
    if (dir->nlink > 2) dir->nlink--;
    d_drop(d);
    dir_removed(dir);
    return 0;
}

/* Fix directory link counts for d (a directory) moving from odir to ndir. */
static void move_dir_links(struct dentry *d, struct inode *odir, struct inode *ndir) {
    if (!d_is_dir(d) || odir == ndir) return;
    odir->nlink--;
    ndir->nlink++;
}

static int tmpfs_exchange(struct inode *odir, struct dentry *a, struct inode *ndir, struct dentry *b) {
    struct dentry *pa = a->parent, *pb = b->parent;
    char *na = kmalloc(a->name_len + 1);
    if (!na) return -ENOMEM;
    memcpy(na, a->name, a->name_len + 1);
    size_t la = a->name_len;
    int err = d_move(a, pb, b->name, b->name_len);
    if (!err) {
        err = d_move(b, pa, na, la);
        if (err) d_move(a, pa, na, la);   /* put a back; a short name copy: cannot matter */
    }
    kfree(na);
    if (err) return err;
    move_dir_links(a, odir, ndir);
    move_dir_links(b, ndir, odir);
    inode_touch(a->inode, false);
    inode_touch(b->inode, false);
    dir_changed(odir);
    dir_changed(ndir);
    return 0;
}

static int tmpfs_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
                        struct dentry *new, unsigned flags) {
    if (flags & RENAME_EXCHANGE) return tmpfs_exchange(odir, old, ndir, new);
    /* RENAME_WHITEOUT leaves a whiteout (a 0:0 character device) under the old name: made
     * first, so that nothing has changed if it cannot be. */
    struct dentry *wd = NULL;
    struct inode *wi = NULL;
    if (flags & RENAME_WHITEOUT) {
        wd = d_alloc(old->parent, old->name, old->name_len);
        wi = wd ? tmpfs_new_inode(odir->sb, S_IFCHR, MKDEV(0, 0)) : NULL;
        if (!wi) {
            if (wd) d_put(wd);
            return -ENOSPC;
        }
    }
    /* Relink first (the only step that can fail), then drop the replaced name. */
    int err = d_move(old, new->parent, new->name, new->name_len);
    if (err) {
        if (wd) { inode_put(wi); d_put(wd); }
        return err;
    }
    if (wd) {
        d_instantiate(wd, wi);
        odir->size += BOGO_DIRENT_SIZE;
        d_put(wd);
    }
    if (d_positive(new)) {
        struct inode *victim = new->inode;
        if (S_ISDIR(victim->mode)) {
            victim->nlink = 0;
            ndir->nlink--;
        } else if (victim->nlink) {
            victim->nlink--;
        }
        inode_touch(victim, false);
        d_drop(new);
    } else {
        ndir->size += BOGO_DIRENT_SIZE;
    }
    odir->size -= BOGO_DIRENT_SIZE;
    move_dir_links(old, odir, ndir);
    inode_touch(old->inode, false);
    dir_changed(odir);
    dir_changed(ndir);
    return 0;
}

static ssize_t tmpfs_readlink(struct inode *ino, char *buf, size_t n) {
    size_t len = MIN((size_t)ino->size, n);
    memcpy(buf, ino->priv, len);
    return len;
}

static void tmpfs_symlink_evict(struct inode *ino) { kfree(ino->priv); }

static const struct inode_ops tmpfs_dir_iops = {
    .create = tmpfs_create,
    .tmpfile = tmpfs_tmpfile,
    .mkdir = tmpfs_mkdir,
    .mknod = tmpfs_mknod,
    .symlink = tmpfs_symlink,
    .link = tmpfs_link,
    .unlink = tmpfs_unlink,
    .rmdir = tmpfs_rmdir,
    .rename = tmpfs_rename,
};
static const struct inode_ops tmpfs_symlink_iops = {
    .readlink = tmpfs_readlink,
    .evict = tmpfs_symlink_evict,
};
static const struct inode_ops tmpfs_special_iops = { 0 };
static const struct file_ops tmpfs_dir_fops = {
    .readdir = dcache_readdir,
    .lseek = dir_lseek,
};

/* The last mount is gone: unlink every dentry (children first) so the tree, the inodes and
 * their pages are freed as their last users go; the super_block itself stays (cheap, and
 * anything still holding an inode may look at it). */
static void tmpfs_kill(struct super_block *sb) {
    struct dentry *root = sb->root, *d = root;
    if (!root) return;
    for (;;) {
        if (d->children) { d = d->children; continue; }
        if (d == root) break;
        struct dentry *parent = d->parent;
        d_drop(d);            /* parent stays: pinned itself, or the root */
        d = parent;
    }
    sb->root = NULL;
    d_put(root);
}

struct super_block *tmpfs_new_sb(const char *fstype, mode_t root_mode) {
    struct super_block *sb = sb_alloc(fstype, TMPFS_MAGIC, true);
    if (!sb) return NULL;
    sb->dev = MKDEV(0, next_tmpfs_dev++);
    /* Linux's defaults: half of RAM in pages, and as many inodes */
    sb->max_blocks = sb->max_inodes = nr_total_pages() / 2;
    sb->root_mode = root_mode & 07777;
    sb->kill = tmpfs_kill;
    struct inode *root = tmpfs_new_inode(sb, S_IFDIR | (root_mode & 07777), 0);
    if (!root) return NULL;
    root->uid = 0;
    root->gid = 0;
    sb->root = d_alloc_root(sb, root);
    if (!sb->root) { inode_put(root); return NULL; }
    return sb;
}
