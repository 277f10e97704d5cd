/* Inodes and dentries: allocation, reference counting and the dentry tree operations.
 *
 * Reference rules: a dentry holds a reference on its inode and on its parent; a linked dentry of a
 * dcache_complete filesystem (tmpfs) is also pinned by the fs (one extra reference) until it is
 * unlinked, so the tree itself keeps files alive. Other filesystems' dentries are a cache that
 * dies with its last user. An inode lives while some dentry or holder references it; unlinked
 * open files therefore survive until the last close, as POSIX requires. */
#include "fs/dcache.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/time.h"
#include "lib/printk.h"
#include "proc/task.h"
#include "uapi/errno.h"

uid_t fs_fsuid(void) { return current ? current->cred.fsuid : 0; }
gid_t fs_fsgid(void) { return current ? current->cred.fsgid : 0; }

struct ktimespec fs_now(void) {
    u64 ns = clock_realtime_ns();
    struct ktimespec t = { (s64)(ns / 1000000000ULL), (s64)(ns % 1000000000ULL) };
    return t;
}

struct inode *inode_alloc(struct super_block *sb, mode_t mode) {
    struct inode *ino = kzalloc(sizeof(*ino));
    if (!ino) return NULL;
    ino->ino = sb ? sb->next_ino++ : 0;
    ino->dev = sb ? sb->dev : 0;
    ino->mode = mode;
    ino->uid = fs_fsuid();
    ino->gid = fs_fsgid();
    ino->nlink = 1;
    ino->refs = 1;
    ino->sb = sb;
    ino->atime = ino->mtime = ino->ctime = ino->btime = fs_now();
    if (sb) sb->used_inodes++;
    return ino;
}

void inode_get(struct inode *ino) { ino->refs++; }

void inode_put(struct inode *ino) {
    if (!ino) return;
    BUG_ON(ino->refs <= 0);
    if (--ino->refs) return;
    if (ino->iops && ino->iops->evict) ino->iops->evict(ino);
    if (ino->sb) ino->sb->used_inodes--;
    kfree(ino);
}

void inode_touch(struct inode *ino, bool data) {
    ino->ctime = fs_now();
    if (data) ino->mtime = ino->ctime;
}

static struct dentry *d_new(const char *name, size_t len) {
    struct dentry *d = kzalloc(sizeof(*d));
    if (!d) return NULL;
    d->name = kmalloc(len + 1);
    if (!d->name) { kfree(d); return NULL; }
    memcpy(d->name, name, len);
    d->name[len] = 0;
    d->name_len = len;
    d->refs = 1;
    d->next_seq = 2;          /* cookies 0 and 1 are "." and ".." */
    return d;
}

struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len) {
    struct dentry *d = d_new(name, len);
    if (!d) return NULL;
    d->parent = parent;
    d->sb = parent->sb;
    d_get(parent);
    return d;
}

struct dentry *d_alloc_root(struct super_block *sb, struct inode *ino) {
    struct dentry *d = d_new("/", 1);
    if (!d) return NULL;
    d->parent = d;
    d->sb = sb;
    d->inode = ino;
    d->linked = true;         /* a root counts as linked: it is never "deleted" */
    return d;
}

static void d_link(struct dentry *d) {
    struct dentry *p = d->parent;
    d->seq = p->next_seq++;
    d->next = NULL;
    d->prev = p->last_child;
    if (p->last_child) p->last_child->next = d; else p->children = d;
    p->last_child = d;
    d->linked = true;
}

static void d_unlink(struct dentry *d) {
    struct dentry *p = d->parent;
    if (d->prev) d->prev->next = d->next; else p->children = d->next;
    if (d->next) d->next->prev = d->prev; else p->last_child = d->prev;
    d->next = d->prev = NULL;
    d->linked = false;
}

void d_instantiate(struct dentry *d, struct inode *ino) {
    BUG_ON(d->inode || d->linked);
    d->inode = ino;
    d_link(d);
    if (d->sb && d->sb->dcache_complete) {
        d->pinned = true;
        d->refs++;
    }
}

void d_tmpfile(struct dentry *d, struct inode *ino) {
    BUG_ON(d->inode || d->linked);
    char name[24];
    int n = snprintf(name, sizeof(name), "#%lu", (unsigned long)ino->ino);
    char *nn = kmalloc(n + 1);
    if (nn) {
        memcpy(nn, name, n + 1);
        kfree(d->name);
        d->name = nn;
        d->name_len = n;
    }
    d->inode = ino;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len) {
    for (struct dentry *c = parent->children; c; c = c->next) {
        if (c->name_len == len && memcmp(c->name, name, len) == 0) {
            d_get(c);
            return c;
        }
    }
    return NULL;
}

void d_drop(struct dentry *d) {
    if (!d->linked || d_is_root(d)) return;
    d_unlink(d);
    if (d->pinned) {
        d->pinned = false;
        d_put(d);             /* the caller still holds its own reference */
    }
}

int d_move(struct dentry *d, struct dentry *np, const char *name, size_t len) {
    char *nn = kmalloc(len + 1);
    if (!nn) return -ENOMEM;
    memcpy(nn, name, len);
    nn[len] = 0;
    bool was_linked = d->linked;
    if (was_linked) d_unlink(d);
    kfree(d->name);
    d->name = nn;
    d->name_len = len;
    if (np != d->parent) {
        struct dentry *old = d->parent;
        d_get(np);
        d->parent = np;
        d_put(old);           /* the reference d held on its old parent */
    }
    if (was_linked) d_link(d);
    return 0;
}

void d_get(struct dentry *d) { d->refs++; }

void d_put(struct dentry *d) {
    while (d) {
        BUG_ON(d->refs <= 0);
        if (--d->refs) return;
        /* Last reference: a cache dentry of a non-complete fs leaves the tree with it. */
        if (d->linked && !d_is_root(d)) d_unlink(d);
        struct dentry *parent = d_is_root(d) ? NULL : d->parent;
        inode_put(d->inode);
        kfree(d->name);
        kfree(d);
        d = parent;           /* drop the reference d held on its parent, iteratively */
    }
}

bool d_is_ancestor(struct dentry *a, struct dentry *d) {
    for (;;) {
        if (d == a) return true;
        if (d_is_root(d)) return false;
        d = d->parent;
    }
}

bool d_empty_dir(struct dentry *d) { return d->children == NULL; }

static unsigned dtype_of(const struct inode *ino) { return (ino->mode >> 12) & 15; }

/* Children are listed newest first, as Linux's tmpfs does (dcache_readdir walks d_subdirs, where
 * new dentries go to the head): find(1), du(1) and unsorted listings print in that order. The
 * cookie after a child with sequence number s is 2 + SEQ_LIMIT - s, so cookies still grow along
 * the listing and a resumed listing continues with the older children (seq < s); children made
 * meanwhile are not seen by a listing in progress, as on Linux. */
#define SEQ_LIMIT (1ULL << 48)
int dcache_readdir(struct file *f, struct dir_context *ctx) {
    struct dentry *d = f->path.dentry;
    if (ctx->pos == 0) {
        if (!ctx->emit(ctx, ".", 1, d->inode->ino, DT_DIR, 1)) return 0;
        ctx->pos = 1;
    }
    if (ctx->pos == 1) {
        /* ".." of a filesystem root is the covered directory's: report the root's own inode
         * unless mounted (Linux reports the parent mount's; readdir users ignore it). */
        struct dentry *p = d->parent;
        if (!ctx->emit(ctx, "..", 2, p->inode->ino, DT_DIR, 2)) return 0;
        ctx->pos = 2;
    }
    if ((u64)ctx->pos - 2 >= SEQ_LIMIT) return 0;
    u64 below = SEQ_LIMIT - ((u64)ctx->pos - 2);     /* list children with seq < below */
    for (struct dentry *c = d->last_child; c; c = c->prev) {
        if (c->seq >= below || !c->inode) continue;
        off_t next = (off_t)(2 + SEQ_LIMIT - c->seq);
        if (!ctx->emit(ctx, c->name, c->name_len, c->inode->ino, dtype_of(c->inode), next)) return 0;
        ctx->pos = next;
    }
    return 0;
}

void path_get(const struct path *p) {
    if (p->dentry) d_get(p->dentry);
    mnt_get(p->mnt);
}

void path_put(struct path *p) {
    if (p->dentry) d_put(p->dentry);
    mnt_put(p->mnt);
    p->dentry = NULL;
    p->mnt = NULL;
}
