/* Root, current directory and umask of a process, path names of dentries (getcwd,
 * /proc/self/fd, /proc/self/exe), and the syscalls getcwd, chdir, fchdir, chroot, umask. */
#include "fs/fs_struct.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

struct fs_struct *fs_new_root(void) {
    struct fs_struct *fs = kzalloc(sizeof(*fs));
    if (!fs) return NULL;
    fs->refs = 1;
    fs->root = fs->cwd = vfs_global_root();
    path_get(&fs->root);
    path_get(&fs->cwd);
    fs->umask = 022;
    return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old) {
    struct fs_struct *fs = kzalloc(sizeof(*fs));
    if (!fs) return NULL;
    fs->refs = 1;
    fs->root = old->root;
    fs->cwd = old->cwd;
    path_get(&fs->root);
    path_get(&fs->cwd);
    fs->umask = old->umask;
    return fs;
}

void fs_get(struct fs_struct *fs) { fs->refs++; }

void fs_put(struct fs_struct *fs) {
    if (!fs) return;
    BUG_ON(fs->refs <= 0);
    if (--fs->refs) return;
    path_put(&fs->root);
    path_put(&fs->cwd);
    kfree(fs);
}

mode_t fs_umask(void) { return (current && current->fs) ? current->fs->umask : 022; }

/* Names are prepended from the end of buf, walking up through parents and mounts. */
long d_path(const struct path *p, const struct path *root, char *buf, size_t size,
            bool *reachable, bool *deleted) {
    if (size == 0) return -ENAMETOOLONG;
    struct mount *m = p->mnt;
    struct dentry *d = p->dentry;
    size_t pos = size - 1;
    buf[pos] = 0;
    *reachable = true;
    *deleted = !d->linked;
    for (;;) {
        if (d == root->dentry && m == root->mnt) break;
        if (!m) {                              /* anonymous: just its own name */
            if (pos < d->name_len) return -ENAMETOOLONG;
            pos -= d->name_len;
            memcpy(buf + pos, d->name, d->name_len);
            memmove(buf, buf + pos, size - pos);
            return size - 1 - pos;
        }
        if (d == m->root) {
            if (m->parent == m) { *reachable = false; break; }
            d = m->mountpoint;
            m = m->parent;
            continue;
        }
        if (pos < d->name_len + 1) return -ENAMETOOLONG;
        pos -= d->name_len;
        memcpy(buf + pos, d->name, d->name_len);
        buf[--pos] = '/';
        d = d->parent;
    }
    if (pos == size - 1) {                     /* the root itself */
        if (pos < 1) return -ENAMETOOLONG;
        buf[--pos] = '/';
    }
    memmove(buf, buf + pos, size - pos);
    return size - 1 - pos;
}

long vfs_path_of(struct file *f, char *buf, size_t size) {
    struct path root, cwd;
    fs_root_cwd(&root, &cwd);
    bool reachable, deleted;
    long n = d_path(&f->path, &root, buf, size, &reachable, &deleted);
    path_put(&root);
    path_put(&cwd);
    if (n >= 0 && deleted && f->path.mnt) {
        static const char suffix[] = " (deleted)";
        if (n + sizeof(suffix) > size) return -ENAMETOOLONG;
        memcpy(buf + n, suffix, sizeof(suffix));
        n += sizeof(suffix) - 1;
    }
    return n;
}

long sys_getcwd(uaddr_t buf, unsigned long size) {
    struct path root, cwd;
    fs_root_cwd(&root, &cwd);
    char *k = kmalloc(FS_PATH_MAX);
    long n = -ENOMEM;
    bool reachable, deleted;
    if (k) n = d_path(&cwd, &root, k, FS_PATH_MAX, &reachable, &deleted);
    if (n >= 0 && deleted) n = -ENOENT;
    if (n >= 0 && !reachable) {
        /* Linux prefixes "(unreachable)" when cwd is outside the root (after chroot). */
        static const char pre[] = "(unreachable)";
        if (n + sizeof(pre) > FS_PATH_MAX) n = -ENAMETOOLONG;
        else { memmove(k + sizeof(pre) - 1, k, n + 1); memcpy(k, pre, sizeof(pre) - 1); n += sizeof(pre) - 1; }
    }
    if (n >= 0) {
        if ((unsigned long)n + 1 > size) n = -ERANGE;
        else if (copy_to_user(buf, k, n + 1)) n = -EFAULT;
        else n = n + 1;   /* the syscall returns the length including the NUL */
    }
    kfree(k);
    path_put(&root);
    path_put(&cwd);
    return n;
}

static long set_cwd_or_root(struct path *p, bool root) {
    if (!d_is_dir(p->dentry)) { path_put(p); return -ENOTDIR; }
    int err = inode_permission(p->dentry->inode, MAY_EXEC);
    if (!err && root && fs_fsuid() != 0) err = -EPERM;
    if (err || !current || !current->fs) { path_put(p); return err; }
    struct path *slot = root ? &current->fs->root : &current->fs->cwd;
    path_put(slot);
    *slot = *p;
    return 0;
}

/* chdir and chroot: look the directory up by name, then make it the cwd or the root. */
static long set_dir_by_name(uaddr_t filename, bool root) {
    char *name = getname(filename, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    struct path p;
    int err = path_lookup(AT_FDCWD, name, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);
    putname(name);
    if (err) return err;
    return set_cwd_or_root(&p, root);
}

long sys_chdir(uaddr_t filename) { return set_dir_by_name(filename, false); }
long sys_chroot(uaddr_t filename) { return set_dir_by_name(filename, true); }

long sys_fchdir(unsigned int fd) {
    struct file *f = fd_get_raw(fd);
    if (!f) return -EBADF;
    struct path p = f->path;
    path_get(&p);
    file_put(f);
    if (!p.mnt) { path_put(&p); return -ENOTDIR; }
    return set_cwd_or_root(&p, false);
}

long sys_umask(int mask) {
    if (!current || !current->fs) return 022;
    mode_t old = current->fs->umask;
    current->fs->umask = mask & 0777;
    return old;
}
