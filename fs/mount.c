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
#include "lib/string.h"
#include "proc/task.h"
#include "syscall_decls.h"
#include "uapi/errno.h"

static struct mount *mount_list, *mount_tail, *root_mount;
static struct super_block *devtmpfs_sb;   /* one instance, like Linux's devtmpfs */

struct super_block *sb_alloc(const char *fstype, u64 magic, bool dcache_complete) {
    struct super_block *sb = kzalloc(sizeof(*sb));
    if (!sb) return NULL;
    sb->fstype = fstype;
    sb->magic = magic;
    sb->next_ino = 1;
    sb->dcache_complete = dcache_complete;
    return sb;
}

/* A mount showing `root` (a directory of sb: its root, or any directory for a bind mount). */
static int mount_at(const struct path *at, struct super_block *sb, struct dentry *root, unsigned flags) {
    if (at && !d_is_dir(at->dentry)) return -ENOTDIR;
    struct mount *m = kzalloc(sizeof(*m));
    if (!m) return -ENOMEM;
    m->sb = sb;
    m->root = root;
    d_get(root);
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

int vfs_mount(const struct path *at, struct super_block *sb, unsigned flags) {
    return mount_at(at, sb, sb->root, flags);
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
    struct super_block *devsb = devtmpfs_sb = tmpfs_new_sb("devtmpfs", 0755);
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

/* mount(2), enough for init scripts: new tmpfs and proc instances, devtmpfs (the one /dev
 * instance), bind mounts of directories; remounts and propagation changes are accepted and change
 * nothing. MS_RDONLY is recorded but not enforced, and there is no umount yet (mounts hold no
 * reference counts to tell whether they are busy). */
#define MS_RDONLY    0x1
#define MS_REMOUNT   0x20
#define MS_BIND      0x1000
#define MS_MOVE      0x2000
#define MS_PROPAGATION (0x20000 | 0x40000 | 0x80000 | 0x100000)   /* UNBINDABLE PRIVATE SLAVE SHARED */
#define MS_MGC_MSK   0xffff0000UL
#define MS_MGC_VAL   0xc0ed0000UL

static struct super_block *new_sb_of(const char *type) {
    if (!strcmp(type, "tmpfs")) return tmpfs_new_sb("tmpfs", 01777);
    if (!strcmp(type, "proc")) return procfs_new_sb();
    if (!strcmp(type, "devtmpfs")) return devtmpfs_sb;
    return NULL;
}

long sys_mount(uaddr_t dev_name, uaddr_t dir_name, uaddr_t type, unsigned long flags, uaddr_t data) {
    if (fs_fsuid() != 0) return -EPERM;
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL) flags &= ~MS_MGC_MSK;
    char *target = getname(dir_name, false);
    if (IS_ERR(target)) return PTR_ERR(target);
    struct path at;
    long err = path_lookup(AT_FDCWD, target, LOOKUP_FOLLOW, &at);
    putname(target);
    if (err) return err;
    if (flags & (MS_REMOUNT | MS_PROPAGATION)) {
        err = 0;                          /* nothing to change: accepted */
    } else if (flags & MS_MOVE) {
        err = -EINVAL;
    } else if (flags & MS_BIND) {
        char *src = getname(dev_name, false);
        struct path from;
        err = IS_ERR(src) ? PTR_ERR(src) : path_lookup(AT_FDCWD, src, LOOKUP_FOLLOW, &from);
        putname(src);
        if (!err) {
            err = !d_is_dir(from.dentry) || !d_is_dir(at.dentry) ? -ENOTDIR
                : mount_at(&at, from.dentry->sb, from.dentry, flags & MS_RDONLY);
            path_put(&from);
        }
    } else {
        char *fstype = getname(type, false);
        if (!d_is_dir(at.dentry)) {
            err = -ENOTDIR;               /* before making an instance that would leak */
        } else if (IS_ERR(fstype)) {
            err = PTR_ERR(fstype);
        } else {
            struct super_block *sb = new_sb_of(fstype);
            err = !sb ? -ENODEV : vfs_mount(&at, sb, flags & MS_RDONLY);
        }
        putname(fstype);
    }
    path_put(&at);
    return err;
}
