/* Namespace operations: mkdir, mknod, symlink, link, unlink, rmdir, rename. Each walks to the
 * parent, looks the last name up and checks, in Linux's order, everything that can fail before the
 * filesystem op changes anything. */
#include "fs/dirops.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fs_struct.h"
#include "fs/fs_uapi.h"
#include "uapi/errno.h"

/* Walk to name's parent and look up the (absent) last component, as Linux's filename_create:
 * EEXIST if it exists or is "/", ".", ".."; ENOENT for "missing/" unless making a directory.
 * On success *d is a referenced negative dentry and nd must be released by the caller. */
static int filename_create(struct nameidata *nd, int dfd, const char *name, bool want_dir,
                           struct dentry **d) {
    int err = nd_start(nd, dfd, name, 0);
    if (err) return err;
    if (nd->last_type != LAST_NORM) { err = -EEXIST; goto fail; }
    *d = lookup_one(&nd->path, nd->last, nd->last_len);
    if (IS_ERR(*d)) { err = PTR_ERR(*d); goto fail; }
    if (d_positive(*d)) err = -EEXIST;
    else if (nd->trailing_slash && !want_dir) err = -ENOENT;
    else if (mnt_readonly(nd->path.mnt)) err = -EROFS;
    if (!err) return 0;
    d_put(*d);
fail:
    nd_release(nd);
    return err;
}

static struct inode *parent_inode(struct nameidata *nd) { return nd->path.dentry->inode; }

int do_mknodat(int dfd, const char *name, mode_t mode, kdev_t dev) {
    mode_t type = mode & S_IFMT;
    switch (type) {
    case 0: case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: break;
    case S_IFDIR: return -EPERM;
    default: return -EINVAL;
    }
    if ((type == S_IFCHR || type == S_IFBLK) && fs_fsuid() != 0) return -EPERM;
    struct nameidata nd;
    struct dentry *d;
    int err = filename_create(&nd, dfd, name, false, &d);
    if (err) return err;
    struct inode *dir = parent_inode(&nd);
    mode_t perm = mode & 07777 & ~fs_umask();
    err = may_create(dir);
    if (!err) {
        if (type == 0 || type == S_IFREG)
            err = dir->iops->create ? dir->iops->create(dir, d, perm | S_IFREG) : -EPERM;
        else
            err = dir->iops->mknod ? dir->iops->mknod(dir, d, perm | type, dev) : -EPERM;
    }
    d_put(d);
    nd_release(&nd);
    return err;
}

int do_mkdirat(int dfd, const char *name, mode_t mode) {
    struct nameidata nd;
    struct dentry *d;
    int err = filename_create(&nd, dfd, name, true, &d);
    if (err) return err;
    struct inode *dir = parent_inode(&nd);
    err = may_create(dir);
    if (!err) {
        mode_t perm = mode & (0777 | S_ISVTX) & ~fs_umask();
        err = dir->iops->mkdir ? dir->iops->mkdir(dir, d, perm) : -EPERM;
    }
    d_put(d);
    nd_release(&nd);
    return err;
}

int do_symlinkat(const char *target, int dfd, const char *name) {
    if (!target[0]) return -ENOENT;
    struct nameidata nd;
    struct dentry *d;
    int err = filename_create(&nd, dfd, name, false, &d);
    if (err) return err;
    struct inode *dir = parent_inode(&nd);
    err = may_create(dir);
    if (!err) err = dir->iops->symlink ? dir->iops->symlink(dir, d, target) : -EPERM;
    d_put(d);
    nd_release(&nd);
    return err;
}

int do_linkat(int odfd, const char *oname, int ndfd, const char *nname, int flags) {
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
    if ((flags & AT_EMPTY_PATH) && fs_fsuid() != 0) return -ENOENT;   /* needs CAP_DAC_READ_SEARCH */
    struct path old;
    unsigned lf = (flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0) |
                  (flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0);
    int err = path_lookup(odfd, oname, lf, &old);
    if (err) return err;
    struct nameidata nd;
    struct dentry *d;
    err = filename_create(&nd, ndfd, nname, false, &d);
    if (err) { path_put(&old); return err; }
    struct inode *dir = parent_inode(&nd);
    struct inode *ino = old.dentry->inode;
    if (nd.path.mnt != old.mnt) err = -EXDEV;
    else err = may_create(dir);
    if (!err && S_ISDIR(ino->mode)) err = -EPERM;
    if (!err && ino->nlink == 0 && !ino->linkable) err = -ENOENT;   /* an unlinked file */
    if (!err) err = dir->iops->link ? dir->iops->link(old.dentry, dir, d) : -EPERM;
    d_put(d);
    nd_release(&nd);
    path_put(&old);
    return err;
}

static bool is_busy(const struct path *parent, struct dentry *d) {
    if (d->mounted) return true;
    struct path root, cwd;
    fs_root_cwd(&root, &cwd);
    bool busy = root.dentry == d && root.mnt == parent->mnt;
    path_put(&root);
    path_put(&cwd);
    return busy;
}

int do_unlinkat(int dfd, const char *name, bool rmdir) {
    struct nameidata nd;
    int err = nd_start(&nd, dfd, name, 0);
    if (err) return err;
    if (nd.last_type != LAST_NORM) {
        if (!rmdir) err = -EISDIR;
        else err = nd.last_type == LAST_DOT ? -EINVAL : nd.last_type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
        nd_release(&nd);
        return err;
    }
    if (mnt_readonly(nd.path.mnt)) { nd_release(&nd); return -EROFS; }
    struct dentry *d = lookup_one(&nd.path, nd.last, nd.last_len);
    if (IS_ERR(d)) { nd_release(&nd); return PTR_ERR(d); }
    struct inode *dir = parent_inode(&nd);
    if (!d_positive(d)) err = -ENOENT;
    else if (rmdir && !d_is_dir(d)) err = -ENOTDIR;
    else if (!rmdir && d_is_dir(d)) err = -EISDIR;
    else if (!rmdir && nd.trailing_slash) err = -ENOTDIR;
    if (!err) err = may_delete(dir, d->inode);
    if (!err && !(rmdir ? dir->iops->rmdir : dir->iops->unlink)) err = -EPERM;
    if (!err && is_busy(&nd.path, d)) err = -EBUSY;
    if (!err && rmdir && !d_empty_dir(d)) err = -ENOTEMPTY;
    if (!err) err = rmdir ? dir->iops->rmdir(dir, d) : dir->iops->unlink(dir, d);
    d_put(d);
    nd_release(&nd);
    return err;
}

/* The checks of Linux's vfs_rename once both names are looked up. */
static int rename_checks(struct nameidata *on, struct dentry *old, struct nameidata *nn,
                         struct dentry *new, unsigned flags) {
    struct inode *odir = parent_inode(on), *ndir = parent_inode(nn);
    bool old_dir = d_is_dir(old);
    int err = may_delete(odir, old->inode);
    if (err) return err;
    if (d_positive(new)) {
        bool new_dir = d_is_dir(new);
        if (!(flags & RENAME_EXCHANGE)) {
            if (old_dir && !new_dir) return -ENOTDIR;
            if (!old_dir && new_dir) return -EISDIR;
        }
        err = may_delete(ndir, new->inode);
        if (err) return err;
        if (new_dir && odir != ndir && (flags & RENAME_EXCHANGE)) {
            err = inode_permission(new->inode, MAY_WRITE);
            if (err) return err;
        }
    } else {
        err = may_create(ndir);
        if (err) return err;
    }
    if (old_dir && odir != ndir) {   /* its ".." changes */
        err = inode_permission(old->inode, MAY_WRITE);
        if (err) return err;
    }
    if (!odir->iops->rename) return -EPERM;
    if (is_busy(&on->path, old) || (d_positive(new) && is_busy(&nn->path, new))) return -EBUSY;
    if (d_is_dir(new) && !(flags & RENAME_EXCHANGE) && !d_empty_dir(new)) return -ENOTEMPTY;
    return 0;
}

int do_renameat2(int odfd, const char *oname, int ndfd, const char *nname, unsigned flags) {
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return -EINVAL;
    if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) && (flags & RENAME_EXCHANGE)) return -EINVAL;
    struct nameidata on, nn;
    int err = nd_start(&on, odfd, oname, 0);
    if (err) return err;
    err = nd_start(&nn, ndfd, nname, 0);
    if (err) { nd_release(&on); return err; }
    struct dentry *old = NULL, *new = NULL;
    if (on.path.mnt != nn.path.mnt) { err = -EXDEV; goto out; }
    if (on.last_type != LAST_NORM) { err = -EBUSY; goto out; }
    if (nn.last_type != LAST_NORM) { err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY; goto out; }
    if (mnt_readonly(on.path.mnt)) { err = -EROFS; goto out; }
    old = lookup_one(&on.path, on.last, on.last_len);
    if (IS_ERR(old)) { err = PTR_ERR(old); old = NULL; goto out; }
    if (!d_positive(old)) { err = -ENOENT; goto out; }
    new = lookup_one(&nn.path, nn.last, nn.last_len);
    if (IS_ERR(new)) { err = PTR_ERR(new); new = NULL; goto out; }
    if ((flags & RENAME_NOREPLACE) && d_positive(new)) { err = -EEXIST; goto out; }
    if ((flags & RENAME_EXCHANGE) && !d_positive(new)) { err = -ENOENT; goto out; }
    if (flags & RENAME_EXCHANGE) {
        if (nn.trailing_slash && !d_is_dir(new)) { err = -ENOTDIR; goto out; }
        if (on.trailing_slash && !d_is_dir(old)) { err = -ENOTDIR; goto out; }
    } else if (!d_is_dir(old) && (on.trailing_slash || nn.trailing_slash)) {
        err = -ENOTDIR;
        goto out;
    }
    /* A directory cannot move below itself; the target cannot be an ancestor of the source. */
    if (d_is_ancestor(old, nn.path.dentry)) { err = -EINVAL; goto out; }
    if (d_positive(new) && d_is_ancestor(new, on.path.dentry)) {
        err = (flags & RENAME_EXCHANGE) ? -EINVAL : -ENOTEMPTY;
        goto out;
    }
    if (old->inode == new->inode) { err = 0; goto out; }   /* same file: nothing to do */
    err = rename_checks(&on, old, &nn, new, flags);
    if (!err) err = parent_inode(&on)->iops->rename(parent_inode(&on), old, parent_inode(&nn), new, flags);
out:
    if (old) d_put(old);
    if (new) d_put(new);
    nd_release(&on);
    nd_release(&nn);
    return err;
}
