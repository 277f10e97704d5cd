/* tmpfs regular files: data in physical pages found through a radix tree of 64-way nodes.
 * A hole is a missing page and reads as zeros; pages are allocated on first write (or mmap), so
 * `truncate -s 1T` or a write at a huge offset costs only the pages touched. The pages come from
 * the page allocator with refcount 1 owned by the file, so mmap can share them with page_get. */
#include "fs/tmpfs.h"
#include "fs/dcache.h"
#include "fs/file.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "lib/string.h"
#include "uapi/errno.h"

#define PM_BITS   6
#define PM_FANOUT (1u << PM_BITS)
#define PM_MAX_HEIGHT 10                /* 60 index bits >= the 51 an off_t can need */
#define MAX_FILE_SIZE 0x7fffffffffffffffL

struct pm_node { u64 slot[PM_FANOUT]; };   /* interior: struct pm_node *; leaf level: paddr_t */

struct tmpfs_data {
    struct pm_node *root;
    unsigned height;                        /* root covers indices < 64^height */
    u64 nr_pages;
    struct super_block *sb;                 /* counts the pages against the instance's size */
};

static struct tmpfs_data *data_of(struct inode *ino) { return ino->priv; }

static bool pm_covers(unsigned height, u64 index) {
    return height * PM_BITS >= 64 || (index >> (height * PM_BITS)) == 0;
}

static paddr_t pm_lookup(struct tmpfs_data *td, u64 index) {
    if (!td->root || !pm_covers(td->height, index)) return 0;
    struct pm_node *n = td->root;
    for (unsigned level = td->height - 1;; level--) {
        u64 s = n->slot[(index >> (level * PM_BITS)) & (PM_FANOUT - 1)];
        if (level == 0 || !s) return (paddr_t)s;
        n = (struct pm_node *)s;
    }
}

static paddr_t pm_get_or_alloc(struct tmpfs_data *td, u64 index) {
    paddr_t pa = pm_lookup(td, index);
    if (pa) return pa;
    if (td->sb && td->sb->max_blocks && td->sb->used_blocks >= td->sb->max_blocks) return 0;
    if (!td->root) {
        td->root = kzalloc(sizeof(struct pm_node));
        if (!td->root) return 0;
        td->height = 1;
    }
    while (!pm_covers(td->height, index)) {
        if (td->height >= PM_MAX_HEIGHT) return 0;
        struct pm_node *n = kzalloc(sizeof(*n));
        if (!n) return 0;
        n->slot[0] = (u64)td->root;
        td->root = n;
        td->height++;
    }
    struct pm_node *n = td->root;
    for (unsigned level = td->height - 1; level > 0; level--) {
        u64 *s = &n->slot[(index >> (level * PM_BITS)) & (PM_FANOUT - 1)];
        if (!*s) {
            struct pm_node *c = kzalloc(sizeof(*c));
            if (!c) return 0;
            *s = (u64)c;
        }
        n = (struct pm_node *)*s;
    }
    pa = page_alloc_zeroed(0);
    if (!pa) return 0;
    n->slot[index & (PM_FANOUT - 1)] = pa;
    td->nr_pages++;
    if (td->sb) td->sb->used_blocks++;
    return pa;
}

/* Free pages with index >= first below node n (covering indices base..); frees emptied nodes.
 * Returns true if n is now empty. */
static bool pm_trunc_node(struct tmpfs_data *td, struct pm_node *n, unsigned level, u64 base,
                          u64 first) {
    bool empty = true;
    u64 span = (u64)1 << (level * PM_BITS);
    for (unsigned i = 0; i < PM_FANOUT; i++) {
        u64 s = n->slot[i];
        if (!s) continue;
        u64 lo = base + i * span;
        bool all = lo >= first;
        if (level == 0) {
            if (all) {
                page_put((paddr_t)s);
                n->slot[i] = 0;
                td->nr_pages--;
                if (td->sb) td->sb->used_blocks--;
            }
            else empty = false;
        } else if (all || first < lo + span) {
            if (pm_trunc_node(td, (struct pm_node *)s, level - 1, lo, first)) {
                kfree((void *)s);
                n->slot[i] = 0;
            } else {
                empty = false;
            }
        } else {
            empty = false;
        }
    }
    return empty;
}

static void pm_truncate(struct tmpfs_data *td, u64 first) {
    if (!td->root) return;
    if (pm_trunc_node(td, td->root, td->height - 1, 0, first)) {
        kfree(td->root);
        td->root = NULL;
        td->height = 0;
    }
}

int tmpfs_file_init(struct inode *ino) {
    struct tmpfs_data *td = kzalloc(sizeof(struct tmpfs_data));
    if (!td) return -ENOMEM;
    td->sb = ino->sb;
    ino->priv = td;
    return 0;
}

static void update_blocks(struct inode *ino) { ino->blocks = data_of(ino)->nr_pages * (PAGE_SIZE / 512); }

static ssize_t tmpfs_read(struct file *f, struct iobuf buf, size_t n, off_t *pos) {
    struct inode *ino = f->inode;
    struct tmpfs_data *td = data_of(ino);
    off_t p = *pos;
    if (p < 0) return -EINVAL;
    if (p >= ino->size) return 0;
    if ((u64)n > (u64)(ino->size - p)) n = ino->size - p;
    size_t done = 0;
    while (done < n) {
        u64 idx = (u64)p >> PAGE_SHIFT;
        size_t in_page = p & (PAGE_SIZE - 1);
        size_t chunk = MIN(n - done, PAGE_SIZE - in_page);
        paddr_t pa = pm_lookup(td, idx);
        int r = pa ? iobuf_copy_to(buf, done, (char *)phys_to_virt(pa) + in_page, chunk)
                   : iobuf_clear(buf, done, chunk);
        if (r) { if (!done) return r; break; }
        done += chunk;
        p += chunk;
    }
    *pos = p;
    return done;
}

static ssize_t tmpfs_write(struct file *f, struct iobuf buf, size_t n, off_t *pos) {
    struct inode *ino = f->inode;
    struct tmpfs_data *td = data_of(ino);
    off_t p = (f->flags & O_APPEND) ? ino->size : *pos;
    if (p < 0) return -EINVAL;
    if (n == 0) return 0;
    if ((u64)n > (u64)(MAX_FILE_SIZE - p)) {
        n = MAX_FILE_SIZE - p;
        if (!n) return -EFBIG;
    }
    size_t done = 0;
    int err = 0;
    while (done < n) {
        u64 idx = (u64)p >> PAGE_SHIFT;
        size_t in_page = p & (PAGE_SIZE - 1);
        size_t chunk = MIN(n - done, PAGE_SIZE - in_page);
        paddr_t pa = pm_get_or_alloc(td, idx);
        if (!pa) { err = -ENOSPC; break; }
        err = iobuf_copy_from((char *)phys_to_virt(pa) + in_page, buf, done, chunk);
        if (err) break;
        done += chunk;
        p += chunk;
    }
    update_blocks(ino);
    if (!done) return err;
    if (p > ino->size) ino->size = p;
    inode_touch(ino, true);
    *pos = p;
    return done;
}

static int tmpfs_setsize(struct inode *ino, off_t size) {
    struct tmpfs_data *td = data_of(ino);
    if (size < 0) return -EINVAL;
    if (size < ino->size) {
        mm_truncate_inode(ino, (u64)size);          /* mappings lose the pages past the new end */
        pm_truncate(td, ALIGN_UP((u64)size, PAGE_SIZE) >> PAGE_SHIFT);
        /* Zero the cut-off tail of the last page: growing the file again must read zeros. */
        size_t in_page = size & (PAGE_SIZE - 1);
        paddr_t pa = in_page ? pm_lookup(td, (u64)size >> PAGE_SHIFT) : 0;
        if (pa) memset((char *)phys_to_virt(pa) + in_page, 0, PAGE_SIZE - in_page);
        update_blocks(ino);
    }
    ino->size = size;
    return 0;
}

static paddr_t tmpfs_get_page(struct inode *ino, u64 index, bool alloc) {
    struct tmpfs_data *td = data_of(ino);
    paddr_t pa = alloc ? pm_get_or_alloc(td, index) : pm_lookup(td, index);
    update_blocks(ino);
    return pa;
}

static void tmpfs_file_evict(struct inode *ino) {
    struct tmpfs_data *td = data_of(ino);
    if (!td) return;
    pm_truncate(td, 0);
    kfree(td);
    ino->priv = NULL;
}

/* SEEK_DATA/SEEK_HOLE by page, as Linux's tmpfs: a missing page is a hole. */
static off_t tmpfs_lseek(struct file *f, off_t off, int whence) {
    if (whence != SEEK_DATA && whence != SEEK_HOLE) return generic_file_lseek(f, off, whence);
    struct inode *ino = f->inode;
    struct tmpfs_data *td = data_of(ino);
    if (off < 0 || off >= ino->size) return -ENXIO;
    off_t p = off;
    while (p < ino->size) {
        bool data = pm_lookup(td, (u64)p >> PAGE_SHIFT) != 0;
        if (data == (whence == SEEK_DATA)) break;
        p = (off_t)ALIGN_UP((u64)p + 1, PAGE_SIZE);
    }
    if (p >= ino->size) {
        if (whence == SEEK_DATA) return -ENXIO;
        p = ino->size;                      /* the implicit hole at EOF */
    }
    return f->pos = p;
}

/* fallocate: allocate pages (the size grows unless FALLOC_FL_KEEP_SIZE) or punch a hole
 * (whole pages freed, partial ones zeroed), as Linux's shmem_fallocate. */
static int tmpfs_fallocate(struct inode *ino, int mode, off_t off, off_t len) {
    struct tmpfs_data *td = data_of(ino);
    if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) return -EOPNOTSUPP;
    off_t end = off + len;
    if (mode & FALLOC_FL_PUNCH_HOLE) {
        off_t lim = MIN(end, ino->size);
        for (off_t p = off; p < lim;) {
            u64 idx = (u64)p >> PAGE_SHIFT;
            off_t pend = (off_t)((idx + 1) << PAGE_SHIFT);
            off_t stop = MIN(pend, lim);
            paddr_t pa = pm_lookup(td, idx);
            if (pa) memset((char *)phys_to_virt(pa) + (p & (PAGE_SIZE - 1)), 0, stop - p);
            p = stop;
        }
        /* Free the pages wholly inside the hole: truncate-style removal of single pages. */
        for (u64 idx = ALIGN_UP((u64)off, PAGE_SIZE) >> PAGE_SHIFT; (off_t)((idx + 1) << PAGE_SHIFT) <= lim; idx++) {
            paddr_t pa = pm_lookup(td, idx);
            if (!pa) continue;
            /* The page stays mapped by anyone who has it (page_put drops our reference). */
            struct pm_node *n = td->root;
            for (unsigned level = td->height - 1; level > 0; level--)
                n = (struct pm_node *)n->slot[(idx >> (level * PM_BITS)) & (PM_FANOUT - 1)];
            n->slot[idx & (PM_FANOUT - 1)] = 0;
            page_put(pa);
            td->nr_pages--;
            if (td->sb) td->sb->used_blocks--;
        }
        update_blocks(ino);
        inode_touch(ino, true);
        return 0;
    }
    for (u64 idx = (u64)off >> PAGE_SHIFT; (off_t)(idx << PAGE_SHIFT) < end; idx++) {
        if (!pm_get_or_alloc(td, idx)) {
            update_blocks(ino);
            return -ENOSPC;
        }
    }
    update_blocks(ino);
    if (!(mode & FALLOC_FL_KEEP_SIZE) && end > ino->size) ino->size = end;
    inode_touch(ino, false);
    return 0;
}

const struct file_ops tmpfs_file_fops = {
    .read = tmpfs_read,
    .write = tmpfs_write,
    .lseek = tmpfs_lseek,
};

const struct inode_ops tmpfs_file_iops = {
    .setsize = tmpfs_setsize,
    .fallocate = tmpfs_fallocate,
    .get_page = tmpfs_get_page,
    .evict = tmpfs_file_evict,
};
