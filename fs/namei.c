/* Path walk: turning a name into a (mount, dentry) pair, as Linux's fs/namei.c does it.
 *
 * The walk is iterative: a symlink met in the middle of a path is expanded by building a new
 * string "target/rest" and walking on from the directory holding the link (or from the root for
 * an absolute target), so nesting costs no kernel stack. Every symlink followed counts towards
 * the limit of 40 (ELOOP). A name ending in '/' must resolve to a directory and follows a final
 * symlink. Components longer than NAME_MAX give ENAMETOOLONG, a component looked up in a
 * non-directory ENOTDIR, a directory without search permission EACCES. ".." never climbs above
 * the caller's root and crosses from a mounted root to the directory it covers. */
#include "fs/namei.h"
#include "fs/dcache.h"
#include "fs/fdtable.h"
#include "fs/file.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "uapi/errno.h"

char *getname(uaddr_t u, bool allow_empty) {
    char *buf = kmalloc(FS_PATH_MAX);
    if (!buf) return ERR_PTR(-ENOMEM);
    long n = strncpy_from_user(buf, u, FS_PATH_MAX);
    if (n < 0) { kfree(buf); return ERR_PTR(n); }
    if (n == 0 && !allow_empty) { kfree(buf); return ERR_PTR(-ENOENT); }
    return buf;
}

void putname(char *name) { if (!IS_ERR(name)) kfree(name); }

void nd_release(struct nameidata *nd) {
    path_put(&nd->path);
    path_put(&nd->root);
    kfree(nd->buf);
    nd->buf = NULL;
}

static int may_lookup(struct nameidata *nd) {
    struct inode *dir = nd->path.dentry->inode;
    if (!S_ISDIR(dir->mode)) return -ENOTDIR;
    return inode_permission(dir, MAY_EXEC);
}

static int classify(const char *c, size_t len) {
    if (len == 1 && c[0] == '.') return LAST_DOT;
    if (len == 2 && c[0] == '.' && c[1] == '.') return LAST_DOTDOT;
    return LAST_NORM;
}

static void set_path(struct nameidata *nd, struct path *p) {   /* p's reference moves to nd */
    path_put(&nd->path);
    nd->path = *p;
}

static void follow_dotdot(struct nameidata *nd) {
    for (;;) {
        if (path_equal(&nd->path, &nd->root)) return;
        struct mount *m = nd->path.mnt;
        struct dentry *d = nd->path.dentry;
        if (m && d == m->root) {
            if (m->parent == m) return;            /* the global root */
            struct path up = { m->parent, m->mountpoint };
            path_get(&up);
            set_path(nd, &up);
            continue;                              /* maybe the caller's root, maybe a root again */
        }
        if (d_is_root(d)) return;                  /* root of an unmounted fs (anon files) */
        struct path up = { m, d->parent };
        path_get(&up);
        set_path(nd, &up);
        break;
    }
    follow_mounts(&nd->path);
}

struct dentry *lookup_one(const struct path *dir, const char *name, size_t len) {
    struct dentry *parent = dir->dentry;
    struct dentry *d = d_lookup(parent, name, len);
    if (d) return d;
    d = d_alloc(parent, name, len);
    if (!d) return ERR_PTR(-ENOMEM);
    struct inode *di = parent->inode;
    if (!parent->sb->dcache_complete && di->iops && di->iops->lookup) {
        int err = di->iops->lookup(di, d);
        if (err) { d_put(d); return ERR_PTR(err); }
    }
    return d;
}

/* Read a symlink's target into a new buffer: "" is ENOENT, as in Linux. */
static char *read_link(struct dentry *d, size_t *lenp) {
    struct inode *ino = d->inode;
    if (!ino->iops || !ino->iops->readlink) return ERR_PTR(-EINVAL);
    char *t = kmalloc(FS_PATH_MAX);
    if (!t) return ERR_PTR(-ENOMEM);
    ssize_t n = ino->iops->readlink(ino, t, FS_PATH_MAX);
    if (n < 0) { kfree(t); return ERR_PTR(n); }
    if (n == 0) { kfree(t); return ERR_PTR(-ENOENT); }
    if (n >= FS_PATH_MAX) { kfree(t); return ERR_PTR(-ENAMETOOLONG); }
    t[n] = 0;
    *lenp = n;
    return t;
}

/* Replace the walk's string by target + "/" + rest (rest may be empty). */
static char *splice_link(struct nameidata *nd, struct dentry *link, const char *rest, int *err) {
    if (++nd->nlinks > FS_SYMLOOP_MAX) { *err = -ELOOP; return NULL; }
    size_t tlen = 0;
    char *t = read_link(link, &tlen);
    if (IS_ERR(t)) { *err = PTR_ERR(t); return NULL; }
    touch_atime(nd->path.mnt, link->inode);   /* following a link reads it (Linux's pick_link) */
    size_t rlen = strlen(rest);
    char *s = kmalloc(tlen + 1 + rlen + 1);
    if (!s) { kfree(t); *err = -ENOMEM; return NULL; }
    memcpy(s, t, tlen);
    s[tlen] = '/';
    memcpy(s + tlen + 1, rest, rlen + 1);
    if (!rlen) s[tlen] = 0;
    kfree(t);
    kfree(nd->buf);           /* rest may have pointed into it: already copied */
    nd->buf = s;
    return s;
}

/* A magic link's target path (referenced), counted like any symlink. */
static int jump_link(struct nameidata *nd, struct dentry *link, struct path *out) {
    if (++nd->nlinks > FS_SYMLOOP_MAX) return -ELOOP;
    return link->inode->iops->get_path(link->inode, out);
}

static bool is_magic(struct dentry *d) { return d->inode->iops && d->inode->iops->get_path; }

/* Walk s from nd->path up to its last component. */
static int nd_walk(struct nameidata *nd, const char *s) {
    for (;;) {
        if (*s == '/') {
            struct path r = nd->root;
            path_get(&r);
            set_path(nd, &r);
            while (*s == '/') s++;
        }
        if (!*s) {            /* "/" (or a link to it): the start directory itself */
            nd->last = s;
            nd->last_len = 0;
            nd->last_type = LAST_ROOT;
            return 0;
        }
        size_t len = 0;
        while (s[len] && s[len] != '/') len++;
        if (len > FS_NAME_MAX) return -ENAMETOOLONG;
        const char *rest = s + len;
        while (*rest == '/') rest++;
        int type = classify(s, len);
        int err = may_lookup(nd);
        if (!*rest) {
            nd->last = s;
            nd->last_len = len;
            nd->last_type = type;
            nd->trailing_slash = s[len] == '/';
            return err;
        }
        if (err) return err;
        if (type == LAST_DOT) { s = rest; continue; }
        if (type == LAST_DOTDOT) { follow_dotdot(nd); s = rest; continue; }
        struct dentry *d = lookup_one(&nd->path, s, len);
        if (IS_ERR(d)) return PTR_ERR(d);
        if (!d_positive(d)) { d_put(d); return -ENOENT; }
        if (d_is_symlink(d) && is_magic(d)) {
            struct path target;
            err = jump_link(nd, d, &target);
            d_put(d);
            if (err) return err;
            set_path(nd, &target);
            s = rest;
            continue;
        }
        if (d_is_symlink(d)) {
            char *ns = splice_link(nd, d, rest, &err);
            d_put(d);
            if (!ns) return err;
            s = ns;           /* relative targets resolve in the link's directory: nd->path */
            continue;
        }
        struct path next = { nd->path.mnt, d };
        mnt_get(next.mnt);    /* d is referenced by lookup_one */
        follow_mounts(&next);
        set_path(nd, &next);
        s = rest;
    }
}

int nd_start(struct nameidata *nd, int dfd, const char *name, unsigned flags) {
    memset(nd, 0, sizeof(*nd));
    if (strnlen(name, FS_PATH_MAX) >= FS_PATH_MAX) return -ENAMETOOLONG;
    fs_root_cwd(&nd->root, &nd->path);
    if (name[0] != '/' && dfd != AT_FDCWD) {
        struct file *f = fd_get_raw(dfd);   /* O_PATH descriptors are fine as dirfds */
        if (!f) { nd_release(nd); return -EBADF; }
        path_put(&nd->path);
        nd->path = f->path;
        path_get(&nd->path);
        file_put(f);
    }
    if (!name[0]) {
        if (!(flags & LOOKUP_EMPTY)) { nd_release(nd); return -ENOENT; }
        nd->last = name;
        nd->last_type = LAST_ROOT;
        return 0;
    }
    int err = nd_walk(nd, name);
    if (err) nd_release(nd);
    return err;
}

int nd_lookup_last(struct nameidata *nd, bool follow, struct path *res) {
    for (;;) {
        if (nd->last_type != LAST_NORM) {
            if (nd->last_type == LAST_DOTDOT) follow_dotdot(nd);
            *res = nd->path;
            path_get(res);
            return 0;
        }
        struct dentry *d = lookup_one(&nd->path, nd->last, nd->last_len);
        if (IS_ERR(d)) return PTR_ERR(d);
        if (d_is_symlink(d) && (follow || nd->trailing_slash) && is_magic(d)) {
            int err = jump_link(nd, d, res);
            d_put(d);
            return err;
        }
        if (d_is_symlink(d) && (follow || nd->trailing_slash)) {
            bool ts = nd->trailing_slash;
            int err;
            char *ns = splice_link(nd, d, "", &err);
            d_put(d);
            if (!ns) return err;
            err = nd_walk(nd, ns);
            if (err) return err;
            nd->trailing_slash |= ts;
            continue;
        }
        res->mnt = nd->path.mnt;
        res->dentry = d;
        mnt_get(res->mnt);
        follow_mounts(res);
        return 0;
    }
}

int path_lookup(int dfd, const char *name, unsigned flags, struct path *out) {
    struct nameidata nd;
    int err = nd_start(&nd, dfd, name, flags);
    if (err) return err;
    err = nd_lookup_last(&nd, flags & LOOKUP_FOLLOW, out);
    bool must_dir = nd.trailing_slash || (flags & LOOKUP_DIRECTORY);
    nd_release(&nd);
    if (err) return err;
    if (!d_positive(out->dentry)) { path_put(out); return -ENOENT; }
    if (must_dir && !d_is_dir(out->dentry)) { path_put(out); return -ENOTDIR; }
    return 0;
}
