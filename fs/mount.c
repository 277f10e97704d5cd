/* Superblocks, the mount table, boot-time setup of the file tree, mount(2) and umount2(2).
 *
 * Every struct path holds a reference on its mount (path_get/path_put), so a mount is busy while
 * an open file, a cwd or root, or a walk in progress uses it, or another mount sits on it:
 * umount2 then fails with EBUSY, except MNT_DETACH, which takes the mount (and those below it)
 * out of the tree at once and frees it with its last reference. A superblock counts its mounts;
 * the last one gone calls sb->kill (tmpfs frees its whole tree). */
#include "fs/dcache.h"
#include "fs/dirops.h"
#include "fs/namei.h"
#include "fs/fs_struct.h"
#include "fs/tmpfs.h"
#include "fs/devfs.h"
#include "fs/procfs.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/uaccess.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "proc/task.h"
#include "syscall_decls.h"
#include "uapi/errno.h"

static struct mount *mount_list, *mount_tail, *root_mount;
static struct super_block *devtmpfs_sb;   /* one instance, like Linux's devtmpfs */
static int next_mnt_id = 21;              /* Linux's first ids go to early kernel mounts */

struct super_block *sb_alloc(const char *fstype, u64 magic, bool dcache_complete) {
    struct super_block *sb = kzalloc(sizeof(*sb));
    if (!sb) return NULL;
    sb->fstype = fstype;
    sb->magic = magic;
    sb->next_ino = 1;
    sb->dcache_complete = dcache_complete;
    return sb;
}

void mnt_get(struct mount *m) { if (m) m->refs++; }

static void free_mount(struct mount *m) {
    struct super_block *sb = m->sb;
    d_put(m->root);
    kfree(m->devname);
    kfree(m);
    if (--sb->mounts == 0 && sb->kill) sb->kill(sb);
}

void mnt_put(struct mount *m) {
    if (!m) return;
    m->expiry_mark = false;
    BUG_ON(m->refs <= 0);
    if (--m->refs == 0 && !m->attached) free_mount(m);
}

/* A mount showing `root` (a directory of sb: its root, or any directory for a bind mount). */
static int mount_at(const struct path *at, struct super_block *sb, struct dentry *root,
                    unsigned flags, const char *devname) {
    if (at && !d_is_dir(at->dentry)) return -ENOTDIR;
    struct mount *m = kzalloc(sizeof(*m));
    char *dn = kstrdup(devname ? devname : "none");
    if (!m || !dn) { kfree(m); kfree(dn); return -ENOMEM; }
    m->sb = sb;
    m->root = root;
    d_get(root);
    m->flags = flags;
    m->id = next_mnt_id++;
    m->attached = true;
    m->devname = dn;
    sb->mounts++;
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
    return mount_at(at, sb, sb->root, flags, sb->fstype);
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
        mnt_get(m);
        d_put(p->dentry);
        mnt_put(p->mnt);
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

static bool has_children(struct mount *m) {
    for (struct mount *c = mount_list; c; c = c->next)
        if (c != m && c->parent == m) return true;
    return false;
}

/* Take m out of the tree (umount_tree): mounts on top of it first. */
static void detach_tree(struct mount *m) {
    for (;;) {
        struct mount *c = mount_list;
        while (c && (c == m || c->parent != m)) c = c->next;
        if (!c) break;
        detach_tree(c);
    }
    struct mount **pp = &mount_list, *prev = NULL;
    while (*pp && *pp != m) { prev = *pp; pp = &(*pp)->next; }
    if (*pp) {
        *pp = m->next;
        if (mount_tail == m) mount_tail = prev;
    }
    m->next = NULL;
    m->attached = false;
    struct dentry *mp = m->mountpoint;
    if (m->parent != m) {
        mp->mounted--;
        m->parent = m;
        m->mountpoint = m->root;
        d_put(mp);
    }
    if (m->refs == 0) free_mount(m);
}

static void must(int err, const char *what) {
    if (err) panic("vfs_init: %s failed (%d)", what, err);
}

void vfs_init(void) {
    if (root_mount) return;
    struct super_block *rootsb = tmpfs_new_sb("rootfs", 0755);
    if (!rootsb) panic("vfs_init: no memory for the root filesystem");
    rootsb->mounts++;                     /* the root never goes away */
    must(mount_at(NULL, rootsb, rootsb->root, 0, "rootfs"), "mount /");

    must(do_mkdirat(AT_FDCWD, "/dev", 0755), "mkdir /dev");
    struct super_block *devsb = devtmpfs_sb = tmpfs_new_sb("devtmpfs", 0755);
    if (!devsb) panic("vfs_init: no memory for /dev");
    devsb->mounts++;                      /* the one instance stays for later mounts */
    struct path dev;
    must(path_lookup(AT_FDCWD, "/dev", LOOKUP_DIRECTORY, &dev), "lookup /dev");
    must(mount_at(&dev, devsb, devsb->root, MNT_RELATIME, "devtmpfs"), "mount /dev");
    path_put(&dev);
    devfs_populate();

    /* /proc is mounted by the kernel: init programs here do not mount it themselves. */
    must(do_mkdirat(AT_FDCWD, "/proc", 0555), "mkdir /proc");
    struct super_block *procsb = procfs_new_sb();
    if (!procsb) panic("vfs_init: no memory for /proc");
    struct path proc;
    must(path_lookup(AT_FDCWD, "/proc", LOOKUP_DIRECTORY, &proc), "lookup /proc");
    must(mount_at(&proc, procsb, procsb->root, MNT_RELATIME, "proc"), "mount /proc");
    path_put(&proc);

    must(do_mkdirat(AT_FDCWD, "/tmp", 0777), "mkdir /tmp");
    must(do_fchmodat(AT_FDCWD, "/tmp", 01777, 0), "chmod /tmp");
}

/* mount(2): new tmpfs and proc instances, devtmpfs (the one /dev instance), bind mounts of
 * directories, remounts changing the per-mount flags. The flags are recorded and shown in
 * /proc/mounts (MS_RDONLY is not enforced); tmpfs takes mode=, size=, nr_inodes=, uid=, gid=. */
#define MS_REMOUNT   0x20
#define MS_NOSYMFOLLOW 0x100
#define MS_BIND      0x1000
#define MS_MOVE      0x2000
#define MS_REC       0x4000
#define MS_NOUSER    (1UL << 31)
#define MS_RELATIME  (1UL << 21)
#define MS_PROPAGATION (0x20000 | 0x40000 | 0x80000 | 0x100000)   /* UNBINDABLE PRIVATE SLAVE SHARED */
#define MS_MGC_MSK   0xffff0000UL
#define MS_MGC_VAL   0xc0ed0000UL
#define MNT_FLAG_MASK (MNT_RDONLY | MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)
#define MNT_ATIME_MASK (MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)

/* "123", "123k", "12m", "1g" or "50%" (of RAM) -> bytes; false if malformed. */
static bool parse_size(const char *v, u64 *out) {
    u64 n = 0;
    if (*v < '0' || *v > '9') return false;
    while (*v >= '0' && *v <= '9') n = n * 10 + (u64)(*v++ - '0');
    switch (*v) {
    case 0: break;
    case 'k': case 'K': n <<= 10; v++; break;
    case 'm': case 'M': n <<= 20; v++; break;
    case 'g': case 'G': n <<= 30; v++; break;
    case '%': n = nr_total_pages() * PAGE_SIZE / 100 * n; v++; break;
    default: return false;
    }
    *out = n;
    return *v == 0;
}

static bool parse_uint(const char *v, int base, u64 *out) {
    u64 n = 0;
    if (!*v) return false;
    for (; *v; v++) {
        int d = *v - '0';
        if (d < 0 || d >= base) return false;
        n = n * base + d;
    }
    *out = n;
    return true;
}

/* Apply tmpfs options (comma-separated) to a new instance; -EINVAL for anything unknown. */
static int tmpfs_options(struct super_block *sb, char *opts) {
    while (opts && *opts) {
        char *comma = strchr(opts, ',');
        if (comma) *comma = 0;
        char *eq = strchr(opts, '=');
        char *val = eq ? eq + 1 : NULL;
        if (eq) *eq = 0;
        u64 v;
        struct inode *root = sb->root->inode;
        if (!*opts) {
            /* empty option: skipped, as Linux's parser does */
        } else if (!strcmp(opts, "mode") && val && parse_uint(val, 8, &v)) {
            sb->root_mode = v & 07777;
            root->mode = S_IFDIR | (v & 07777);
        } else if (!strcmp(opts, "size") && val && parse_size(val, &v)) {
            sb->max_blocks = (v + PAGE_SIZE - 1) / PAGE_SIZE;
        } else if (!strcmp(opts, "nr_inodes") && val && parse_size(val, &v)) {
            sb->max_inodes = v;
        } else if (!strcmp(opts, "uid") && val && parse_uint(val, 10, &v)) {
            root->uid = v;
        } else if (!strcmp(opts, "gid") && val && parse_uint(val, 10, &v)) {
            root->gid = v;
        } else {
            return -EINVAL;
        }
        opts = comma ? comma + 1 : NULL;
    }
    return 0;
}

static struct super_block *new_sb_of(const char *type, char *opts, int *err) {
    struct super_block *sb = NULL;
    *err = 0;
    if (!strcmp(type, "tmpfs")) {
        sb = tmpfs_new_sb("tmpfs", 01777);
        if (sb && (*err = tmpfs_options(sb, opts))) { sb->kill(sb); return NULL; }
    } else if (!strcmp(type, "proc")) {
        sb = procfs_new_sb();       /* its options (hidepid=, gid=) are accepted and ignored */
    } else if (!strcmp(type, "devtmpfs")) {
        sb = devtmpfs_sb;
    } else {
        *err = -ENODEV;
        return NULL;
    }
    if (!sb) *err = -ENOMEM;
    return sb;
}

static unsigned mnt_flags_of(unsigned long flags) {
    unsigned m = flags & (MNT_RDONLY | MNT_NOSUID | MNT_NODEV | MNT_NOEXEC | MNT_NOATIME | MNT_NODIRATIME);
    if (!(flags & MNT_NOATIME)) m |= MNT_RELATIME;
    if (flags & MNT_STRICTATIME) m &= ~(MNT_RELATIME | MNT_NOATIME);
    return m;
}

static bool is_root_of_mount(const struct path *p) { return p->mnt && p->dentry == p->mnt->root; }

/* MS_MOVE: the mount at `src` (its root) moves onto `at` (Linux's do_move_mount_old). */
static int move_mount_old(const char *src, const struct path *at) {
    if (!src) return -EFAULT;
    struct path from;
    int err = path_lookup(AT_FDCWD, src, LOOKUP_FOLLOW, &from);
    if (err) return err;
    struct mount *m = from.mnt;
    if (!is_root_of_mount(&from) || !m->attached || m->parent == m) err = -EINVAL;
    else if (d_is_dir(from.dentry) != d_is_dir(at->dentry)) err = -ENOTDIR;
    else {
        for (struct mount *p = at->mnt; p && !err; p = p->parent == p ? NULL : p->parent)
            if (p == m) err = -ELOOP;              /* onto itself or below itself */
    }
    if (!err) {
        struct dentry *old = m->mountpoint;
        old->mounted--;
        m->parent = at->mnt;
        m->mountpoint = at->dentry;
        d_get(at->dentry);
        at->dentry->mounted++;
        d_put(old);
        /* now the most recent mount on its new mountpoint: the end of the list */
        struct mount **pp = &mount_list, *prev = NULL;
        while (*pp != m) { prev = *pp; pp = &(*pp)->next; }
        if (mount_tail != m) {
            *pp = m->next;
            m->next = NULL;
            mount_tail->next = m;
            mount_tail = m;
        }
        (void)prev;
    }
    path_put(&from);
    return err;
}

/* A string argument of mount(2): NULL stays NULL; at most a page, as Linux copies. */
static char *mount_string(uaddr_t u, int *err) {
    *err = 0;
    if (!u) return NULL;
    char *s = kmalloc(PAGE_SIZE);
    if (!s) { *err = -ENOMEM; return NULL; }
    long n = strncpy_from_user(s, u, PAGE_SIZE);
    if (n == -ENAMETOOLONG) { s[PAGE_SIZE - 1] = 0; n = 0; }
    if (n < 0) { kfree(s); *err = (int)n; return NULL; }
    return s;
}

long sys_mount(uaddr_t dev_name, uaddr_t dir_name, uaddr_t type, unsigned long flags, uaddr_t data) {
    int e1, e2, e3;
    char *fstype = mount_string(type, &e1);
    char *src = mount_string(dev_name, &e2);
    char *opts = mount_string(data, &e3);
    struct path at = { 0 };
    long err = e1 ? e1 : e2 ? e2 : e3;
    char *target = NULL;
    if (!err) {
        target = getname(dir_name, false);
        err = IS_ERR(target) ? PTR_ERR(target) : path_lookup(AT_FDCWD, target, LOOKUP_FOLLOW, &at);
        putname(target);
    }
    if (err) goto out;
    if ((flags & MS_MGC_MSK) == MS_MGC_VAL) flags &= ~MS_MGC_MSK;
    if (flags & MS_NOUSER) { err = -EINVAL; goto out; }
    if (!current || current->cred.euid != 0) { err = -EPERM; goto out; }
    unsigned mf = mnt_flags_of(flags);
    if ((flags & MS_REMOUNT) && !(flags & (MNT_NOATIME | MNT_NODIRATIME | MS_RELATIME | MNT_STRICTATIME)))
        mf = (mf & ~MNT_ATIME_MASK) | (at.mnt->flags & MNT_ATIME_MASK);
    if (flags & MS_REMOUNT) {
        /* Only the per-mount flags change (the superblock has no options worth changing). */
        err = is_root_of_mount(&at) ? 0 : -EINVAL;
        /* becoming read-only with files open for writing: EBUSY (sb_prepare_remount_readonly) */
        if (!err && (mf & MNT_RDONLY) && !(at.mnt->flags & MNT_RDONLY) && at.mnt->sb->writers) err = -EBUSY;
        if (!err) at.mnt->flags = mf;
    } else if (flags & MS_BIND) {
        struct path from;
        char *name = src ? src : NULL;
        err = !name ? -EFAULT : path_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &from);
        if (!err) {
            err = !d_is_dir(from.dentry) || !d_is_dir(at.dentry) ? -ENOTDIR
                : !from.mnt ? -EINVAL
                : mount_at(&at, from.dentry->sb, from.dentry, mf, from.mnt->devname);
            path_put(&from);
        }
    } else if (flags & MS_PROPAGATION) {
        err = 0;                          /* one namespace, nothing propagates: accepted */
    } else if (flags & MS_MOVE) {
        err = move_mount_old(src, &at);
    } else if (!fstype) {
        err = -EINVAL;
    } else {
        int e;
        if (strcmp(fstype, "tmpfs") && strcmp(fstype, "proc") && strcmp(fstype, "devtmpfs")) {
            err = -ENODEV;
        } else if (!d_is_dir(at.dentry)) {
            err = -ENOTDIR;               /* before making an instance */
        } else if (!strcmp(fstype, "devtmpfs") && is_root_of_mount(&at) && at.mnt->sb == devtmpfs_sb) {
            err = -EBUSY;                 /* the same instance on its own root */
        } else {
            struct super_block *sb = new_sb_of(fstype, opts, &e);
            err = !sb ? e : mount_at(&at, sb, sb->root, mf, src ? src : "none");
            if (err && sb && sb != devtmpfs_sb && sb->kill) sb->kill(sb);
        }
    }
out:
    path_put(&at);
    kfree(fstype);
    kfree(src);
    kfree(opts);
    return err;
}

#define MNT_FORCE       1
#define MNT_DETACH      2
#define MNT_EXPIRE      4
#define UMOUNT_NOFOLLOW 8

long sys_umount2(uaddr_t name, int flags) {
    if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW)) return -EINVAL;
    char *path = getname(name, false);
    if (IS_ERR(path)) return PTR_ERR(path);
    struct path p;
    long err = path_lookup(AT_FDCWD, path, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
    putname(path);
    if (err) return err;
    struct mount *m = p.mnt;
    if (!current || current->cred.euid != 0) err = -EPERM;
    else if (!is_root_of_mount(&p) || !m->attached) err = -EINVAL;
    else if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH))) err = -EINVAL;
    else if ((flags & MNT_EXPIRE) && (m->refs > 1 || has_children(m))) err = -EBUSY;
    else if ((flags & MNT_EXPIRE) && !m->expiry_mark) {
        /* The first call marks it; unmounted by a second call if nothing used it meanwhile. */
        m->expiry_mark = true;
        d_put(p.dentry);
        m->refs--;            /* our own reference, dropped without clearing the mark */
        return -EAGAIN;
    }
    else if (current->fs && m == current->fs->root.mnt && !(flags & MNT_DETACH)) {
        m->flags |= MNT_RDONLY;           /* "unmounting" one's root remounts it read-only */
        err = 0;
    } else if (m->parent == m) err = -EINVAL;
    else if (!(flags & MNT_DETACH) && (m->refs > 1 || has_children(m))) err = -EBUSY;
    else detach_tree(m);
    path_put(&p);
    return err;
}
