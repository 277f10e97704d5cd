/* Character devices: a registry from major:minor to file ops, the /dev nodes, and the memory
 * devices null, zero, full, random, urandom (Linux's major 1 numbers).
 *
 * The registry is keyed by device number, not by name, so any char-special inode opens the
 * driver: /dev/console from the initramfs works the same as the node made here. */
#include "fs/devfs.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/file.h"
#include "fs/dirops.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "lib/random.h"
#include "uapi/errno.h"

#define MAX_CHRDEVS 64

struct chrdev {
    kdev_t dev;
    char *name;
    mode_t perm;
    const struct file_ops *ops;
    void *priv;
};
static struct chrdev chrdevs[MAX_CHRDEVS];
static int nr_chrdevs;
static bool dev_ready;         /* /dev is mounted: registrations create their node at once */

const struct file_ops *chrdev_lookup(kdev_t rdev, void **priv) {
    for (int i = 0; i < nr_chrdevs; i++) {
        if (chrdevs[i].dev == rdev) {
            *priv = chrdevs[i].priv;
            return chrdevs[i].ops;
        }
    }
    return NULL;
}

/* Create /dev/NAME (NAME may contain '/': missing directories are made 0755). An existing
 * node is left as it is: the initramfs or an earlier registration made it on purpose. */
static int make_node(const struct chrdev *c) {
    struct path dir;
    int err = path_lookup(AT_FDCWD, "/dev", LOOKUP_DIRECTORY, &dir);
    if (err) return err;
    const char *s = c->name;
    for (;;) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (!len || len > FS_NAME_MAX) { err = -EINVAL; break; }
        struct dentry *d = lookup_one(&dir, s, len);
        if (IS_ERR(d)) { err = PTR_ERR(d); break; }
        struct inode *di = dir.dentry->inode;
        if (!slash) {
            if (!d_positive(d)) err = di->iops->mknod(di, d, S_IFCHR | (c->perm & 07777), c->dev);
            d_put(d);
            break;
        }
        if (!d_positive(d)) err = di->iops->mkdir(di, d, 0755);
        if (!err && !d_is_dir(d)) err = -ENOTDIR;
        if (err) { d_put(d); break; }
        struct path next = { dir.mnt, d };
        mnt_get(next.mnt);
        path_put(&dir);
        dir = next;
        s = slash + 1;
    }
    path_put(&dir);
    return err;
}

int devfs_register_chr(const char *name, mode_t perm, u32 major, u32 minor,
                       const struct file_ops *ops, void *priv) {
    kdev_t dev = MKDEV(major, minor);
    void *p;
    if (chrdev_lookup(dev, &p)) return -EEXIST;
    if (nr_chrdevs == MAX_CHRDEVS) return -ENOSPC;
    struct chrdev *c = &chrdevs[nr_chrdevs];
    c->name = kstrdup(name);
    if (!c->name) return -ENOMEM;
    c->dev = dev;
    c->perm = perm;
    c->ops = ops;
    c->priv = priv;
    nr_chrdevs++;
    if (dev_ready) {
        int err = make_node(c);
        if (err) printk("devfs: cannot create /dev/%s (%d)\n", name, err);
    }
    return 0;
}

/* ---- memory devices ---- */

static ssize_t null_read(struct file *f, struct iobuf b, size_t n, off_t *pos) { return 0; }
static ssize_t null_write(struct file *f, struct iobuf b, size_t n, off_t *pos) { return n; }
static ssize_t full_write(struct file *f, struct iobuf b, size_t n, off_t *pos) { return -ENOSPC; }

static ssize_t zero_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    int err = iobuf_clear(b, 0, n);
    return err ? err : (ssize_t)n;
}

static ssize_t random_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    u8 chunk[256];
    size_t done = 0;
    while (done < n) {
        size_t c = MIN(n - done, sizeof(chunk));
        get_random_bytes(chunk, c);
        if (iobuf_copy_to(b, done, chunk, c)) return done ? (ssize_t)done : -EFAULT;
        done += c;
    }
    memset(chunk, 0, sizeof(chunk));    /* no key stream left on the stack */
    return done;
}

static const struct file_ops null_fops = { .read = null_read, .write = null_write, .lseek = noop_lseek };
static const struct file_ops zero_fops = { .read = zero_read, .write = null_write, .lseek = noop_lseek };
static const struct file_ops full_fops = { .read = zero_read, .write = full_write, .lseek = noop_lseek };
static const struct file_ops random_fops = { .read = random_read, .write = null_write, .lseek = noop_lseek };

void devfs_populate(void) {
    static const struct { const char *name; u32 minor; const struct file_ops *ops; } mem[] = {
        { "null", 3, &null_fops }, { "zero", 5, &zero_fops }, { "full", 7, &full_fops },
        { "random", 8, &random_fops }, { "urandom", 9, &random_fops },
    };
    for (size_t i = 0; i < ARRAY_SIZE(mem); i++)
        devfs_register_chr(mem[i].name, 0666, 1, mem[i].minor, mem[i].ops, NULL);
    dev_ready = true;
    for (int i = 0; i < nr_chrdevs; i++) {
        int err = make_node(&chrdevs[i]);
        if (err) printk("devfs: cannot create /dev/%s (%d)\n", chrdevs[i].name, err);
    }
    /* The usual links (they resolve once /proc exists) and directories. */
    do_symlinkat("/proc/self/fd", AT_FDCWD, "/dev/fd");
    do_symlinkat("/proc/self/fd/0", AT_FDCWD, "/dev/stdin");
    do_symlinkat("/proc/self/fd/1", AT_FDCWD, "/dev/stdout");
    do_symlinkat("/proc/self/fd/2", AT_FDCWD, "/dev/stderr");
    do_mkdirat(AT_FDCWD, "/dev/pts", 0755);
    if (do_mkdirat(AT_FDCWD, "/dev/shm", 0777) == 0) do_fchmodat(AT_FDCWD, "/dev/shm", 01777, 0);
}
