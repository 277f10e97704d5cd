/* Superblocks, the mount table, and boot-time setup of the file tree.
 * Mounts are never removed yet (no umount), so paths hold no mount references. */
#include "fs/dcache.h"
#include "fs/dirops.h"
#include "fs/namei.h"
#include "fs/fs_struct.h"
#include "fs/tmpfs.h"
#include "fs/devfs.h"
#include "fs/procfs.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "lib/printk.h"
#include "proc/task.h"
#include "uapi/errno.h"

static struct mount *mount_list, *mount_tail, *root_mount;

struct super_block *sb_alloc(const char *fstype, u64 magic, bool dcache_complete) {
    struct super_block *sb = kzalloc(sizeof(*sb));
    if (!sb) return NULL;
    sb->fstype = fstype;
    sb->magic = magic;
    sb->next_ino = 1;
    sb->dcache_complete = dcache_complete;
    return sb;
}

int vfs_mount(const struct path *at, struct super_block *sb, unsigned flags) {
    if (at && !d_is_dir(at->dentry)) return -ENOTDIR;
    struct mount *m = kzalloc(sizeof(*m));
    if (!m) return -ENOMEM;
    m->sb = sb;
    m->root = sb->root;
    m->flags = flags;
    if (at) {
        m->parent = at->mnt;
        m->mountpoint = at->dentry;
        d_get(at->dentry);    /* a mountpoint stays even if unlinked */
        at->dentry->mounted++;
    } else {
        m->parent = m;
        m->mountpoint = sb->root;
        root_mount = m;
    }
    if (mount_tail) mount_tail->next = m; else mount_list = m;
    mount_tail = m;
    return 0;
}

struct mount *mount_lookup(struct mount *parent, struct dentry *d) {
    struct mount *found = NULL;  /* the most recent mount on d wins (stacked mounts) */
    for (struct mount *m = mount_list; m; m = m->next)
        if (m != parent && m->parent == parent && m->mountpoint == d) found = m;
    return found;
}

void follow_mounts(struct path *p) {
    while (p->mnt && p->dentry->mounted) {
        struct mount *m = mount_lookup(p->mnt, p->dentry);
        if (!m) return;
        d_get(m->root);
        d_put(p->dentry);
        p->mnt = m;
        p->dentry = m->root;
    }
}

struct path vfs_global_root(void) {
    struct path p = { root_mount, root_mount ? root_mount->root : NULL };
    return p;
}

struct mount *vfs_mounts(void) { return mount_list; }

void fs_root_cwd(struct path *root, struct path *cwd) {
    if (current && current->fs) {
        *root = current->fs->root;
        *cwd = current->fs->cwd;
    } else {
        *root = *cwd = vfs_global_root();
    }
    path_get(root);
    path_get(cwd);
}

static void must(int err, const char *what) {
    if (err) panic("vfs_init: %s failed (%d)", what, err);
}

void vfs_init(void) {
    if (root_mount) return;
    struct super_block *rootsb = tmpfs_new_sb("rootfs", 0755);
    if (!rootsb) panic("vfs_init: no memory for the root filesystem");
    must(vfs_mount(NULL, rootsb, 0), "mount /");

    must(do_mkdirat(AT_FDCWD, "/dev", 0755), "mkdir /dev");
    struct super_block *devsb = tmpfs_new_sb("devtmpfs", 0755);
    if (!devsb) panic("vfs_init: no memory for /dev");
    struct path dev;
    must(path_lookup(AT_FDCWD, "/dev", LOOKUP_DIRECTORY, &dev), "lookup /dev");
    must(vfs_mount(&dev, devsb, 0), "mount /dev");
    path_put(&dev);
    devfs_populate();

    /* /proc is mounted by the kernel: init programs here do not mount it themselves. */
    must(do_mkdirat(AT_FDCWD, "/proc", 0555), "mkdir /proc");
    struct super_block *procsb = procfs_new_sb();
    if (!procsb) panic("vfs_init: no memory for /proc");
    struct path proc;
    must(path_lookup(AT_FDCWD, "/proc", LOOKUP_DIRECTORY, &proc), "lookup /proc");
    must(vfs_mount(&proc, procsb, 0), "mount /proc");
    path_put(&proc);

    must(do_mkdirat(AT_FDCWD, "/tmp", 0777), "mkdir /tmp");
    must(do_fchmodat(AT_FDCWD, "/tmp", 01777, 0), "chmod /tmp");
}
