/* The VFS core types: inodes, dentries, mounts, open files and the operations filesystems and
 * drivers provide. Modelled on Linux, cut down:
 *   - an inode is a file's metadata + its fs's operations; refcounted (inode_get/inode_put);
 *   - a dentry is one name of an inode in one directory; dentries form the tree that path walk,
 *     getcwd and rename work on. tmpfs keeps its whole tree in dentries (the dentry tree IS the
 *     directory), other filesystems create dentries on lookup and drop them when unused;
 *   - a mount attaches a superblock's root dentry on top of a dentry of another mount;
 *   - a struct file is one open file description (shared by dup/fork), with the offset and O_ flags.
 *
 * Concurrency: the kernel is not preemptible and no IRQ handler touches the VFS, so the VFS
 * structures need no locks: an operation runs to completion unless it sleeps, and code that sleeps
 * (blocking reads in drivers) must not hold pointers it has not taken a reference on. */
#pragma once
#include "lib/types.h"
#include "proc/wait.h"

struct inode;
struct dentry;
struct file;
struct mount;
struct super_block;
struct dir_context;
struct path;
struct pipe;
struct file_lock;

/* ---- I/O buffers: a read/write target that is either kernel memory or a user address ---------- */
/* exec and the kernel read into kernel buffers; syscalls pass the user pointer straight through so
 * data is copied once, with copy_to_user/copy_from_user doing the checking. */
struct iobuf {
    bool user;
    union { void *k; uaddr_t u; };
};
static inline struct iobuf iobuf_kernel(void *p) { struct iobuf b; b.user = false; b.k = p; return b; }
static inline struct iobuf iobuf_user(uaddr_t u) { struct iobuf b; b.user = true; b.u = u; return b; }
/* Copy into the buffer at byte offset off (for read ops) / out of it (for write ops); zero-fill.
 * Return 0 or -EFAULT. */
int iobuf_copy_to(struct iobuf b, size_t off, const void *src, size_t n);
int iobuf_copy_from(void *dst, struct iobuf b, size_t off, size_t n);
int iobuf_clear(struct iobuf b, size_t off, size_t n);

/* ---- device numbers ---------------------------------------------------------------------------- */
/* Kernel-internal dev_t: 12-bit major, 20-bit minor (Linux's MKDEV). stat() reports the userspace
 * encoding (huge_encode_dev), see dev_encode(). */
typedef u32 kdev_t;
#define MKDEV(ma, mi) ((kdev_t)(((ma) << 20) | ((mi) & 0xfffff)))
#define MAJOR(d) ((u32)((d) >> 20))
#define MINOR(d) ((u32)((d) & 0xfffff))
static inline u64 dev_encode(kdev_t d) {  /* Linux new_encode_dev / glibc makedev */
    u64 ma = MAJOR(d), mi = MINOR(d);
    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffULL) << 12) | ((ma & ~0xfffULL) << 32);
}

/* ---- inodes ------------------------------------------------------------------------------------ */
/* An attribute change (Linux's struct iattr): `valid` says which fields apply. ctime is always
 * set to now. chmod/chown/utimensat/truncate build one after their permission checks. */
#define ATTR_MODE  0x01       /* permission bits only: the type never changes */
#define ATTR_UID   0x02
#define ATTR_GID   0x04
#define ATTR_SIZE  0x08
#define ATTR_ATIME 0x10
#define ATTR_MTIME 0x20
struct ktimespec { s64 sec; s64 nsec; };
struct iattr {
    unsigned valid;
    mode_t mode;
    uid_t uid;
    gid_t gid;
    off_t size;
    struct ktimespec atime, mtime;
};

/* Per-filesystem inode (namespace) operations. Any may be NULL: the VFS then returns the errno
 * Linux gives (EPERM for link on a filesystem without links, ENOTDIR for lookup on a non-directory,
 * ...). Directory ops get the parent directory inode and a dentry: for create/mkdir/symlink/mknod/
 * link the dentry is a new negative dentry already holding the name, which the op fills with
 * d_instantiate(); for unlink/rmdir the victim's dentry. The VFS has checked permissions, that the
 * name does (not) exist and the type rules before calling, so ops only do the fs work. */
struct inode_ops {
    /* Fill dentry->inode (d_instantiate) if the name exists; leave it negative otherwise.
     * Returns 0 or -errno. NULL for filesystems whose dentry tree is complete (tmpfs). */
    int (*lookup)(struct inode *dir, struct dentry *d);
    int (*create)(struct inode *dir, struct dentry *d, mode_t mode);     /* regular file */
    /* O_TMPFILE: a regular file with no name (nlink 0): fill d with d_tmpfile(). */
    int (*tmpfile)(struct inode *dir, struct dentry *d, mode_t mode);
    int (*mkdir)(struct inode *dir, struct dentry *d, mode_t mode);
    int (*mknod)(struct inode *dir, struct dentry *d, mode_t mode, kdev_t rdev);
    int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
    int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
    int (*unlink)(struct inode *dir, struct dentry *d);
    int (*rmdir)(struct inode *dir, struct dentry *d);
    /* Move old (in odir) to the name of new (in ndir); new may be positive (replace, already
     * type-checked and, for directories, checked empty). flags: RENAME_* (NOREPLACE checked). */
    int (*rename)(struct inode *odir, struct dentry *old, struct inode *ndir, struct dentry *new,
                  unsigned flags);
    /* Copy the target into buf (up to n bytes, no NUL); returns length or -errno. */
    ssize_t (*readlink)(struct inode *ino, char *buf, size_t n);
    /* Magic links (/proc/PID/fd/N, cwd, exe): path walk jumps straight to this path (referenced
     * into *out) instead of parsing the readlink text, so deleted files and pipes resolve too. */
    int (*get_path)(struct inode *ino, struct path *out);
    /* Optional: refresh inode fields before stat (procfs); NULL = the inode fields are current. */
    int (*getattr)(struct inode *ino);
    /* Optional: apply an attribute change (a disk fs would write it back). NULL: the VFS stores
     * it in struct inode itself, sizes through setsize (fs/attr.c: simple_setattr). */
    int (*setattr)(struct inode *ino, const struct iattr *ia);
    /* Change the size (truncate/ftruncate and O_TRUNC). NULL on files that cannot be resized. */
    int (*setsize)(struct inode *ino, off_t size);
    /* fallocate(2) with its generic checks done (mode, range, file type). NULL: EOPNOTSUPP. */
    int (*fallocate)(struct inode *ino, int mode, off_t off, off_t len);
    /* For mmap of regular files: the physical page holding bytes [index*4096, +4096), allocating a
     * zeroed one if alloc (0 on a hole without alloc, or out of memory). The page stays owned
     * by the file; a mapping takes its own reference with page_get(). */
    paddr_t (*get_page)(struct inode *ino, u64 index, bool alloc);
    /* Called when the last reference to the inode goes: free fs-private data. */
    void (*evict)(struct inode *ino);
};

struct inode {
    u64 ino;
    kdev_t dev;               /* device of the filesystem (st_dev) */
    kdev_t rdev;              /* device number of a char/block special file */
    mode_t mode;              /* S_IFMT type bits | permission bits */
    uid_t uid;
    gid_t gid;
    u32 nlink;
    off_t size;
    u64 blocks;               /* 512-byte units actually allocated (st_blocks) */
    struct ktimespec atime, mtime, ctime, btime;
    int refs;
    const struct inode_ops *iops;
    const struct file_ops *fops;   /* used when the inode is opened (char devices: from devfs) */
    struct super_block *sb;
    void *priv;               /* fs-private (tmpfs: page table of file data / symlink target) */
    struct wait_queue *wq;    /* for files that can block (fifos), else NULL */
    bool linkable;            /* an O_TMPFILE file linkat may give a name (nlink 0 allowed) */
    struct pipe *pipe;        /* pipes and open FIFOs: the shared ring (fs/pipe.c) */
    struct file_lock *locks;  /* record locks and flock locks held on the file (fs/locks.c) */
};

/* ---- dentries ---------------------------------------------------------------------------------- */
struct dentry {
    char *name;               /* kmalloc'ed, NUL-terminated; "/" for a root */
    u32 name_len;
    struct dentry *parent;    /* itself for a superblock's root */
    struct inode *inode;      /* NULL: negative (the name does not exist) */
    int refs;
    struct super_block *sb;
    struct dentry *children;  /* positive children, in creation order (readdir: newest first) */
    struct dentry *next, *prev; /* siblings */
    struct dentry *last_child;
    u64 seq;                  /* position in the parent's readdir order; never reused */
    u64 next_seq;             /* for a directory: seq to give the next child */
    int mounted;              /* number of mounts on this dentry */
    bool linked;              /* in its parent's children list */
    bool pinned;              /* the fs holds a reference (tmpfs keeps every linked dentry) */
};

/* ---- superblocks and mounts -------------------------------------------------------------------- */
struct super_block {
    const char *fstype;       /* "tmpfs", "devtmpfs", "proc", ... */
    kdev_t dev;
    u64 magic;                /* statfs f_type */
    struct dentry *root;
    u64 next_ino;
    void *priv;
    bool dcache_complete;     /* every name lives in the dentry tree: a miss is ENOENT (tmpfs) */
    int mounts;               /* mounts showing this sb (+1 for an instance that must stay) */
    int writers;              /* open files that may write to it (a read-only remount: EBUSY) */
    /* statfs and the tmpfs limits (Linux: half of RAM for blocks and for inodes); 0 = no limit */
    u64 max_blocks, used_blocks;
    u64 max_inodes, used_inodes;
    mode_t root_mode;         /* tmpfs: the mode option (shown in /proc/mounts unless 01777) */
    /* Called when the last mount of the sb is gone: release the tree (tmpfs) or caches. */
    void (*kill)(struct super_block *sb);
};

/* A mount. Paths (struct path) hold a reference on their mount (path_get/path_put), so umount
 * can tell whether it is busy; a detached mount (umount -l) lives until its last reference. */
struct mount {
    struct super_block *sb;
    struct dentry *root;      /* sb->root, or a directory of sb for a bind mount */
    struct mount *parent;     /* itself for the root mount and for detached mounts */
    struct dentry *mountpoint;/* dentry in parent the mount covers */
    struct mount *next;       /* global mount list (attached mounts only) */
    unsigned flags;           /* MNT_* below */
    int refs;                 /* path references */
    int id;                   /* statx's mnt_id, /proc/PID/mountinfo */
    bool attached;
    bool expiry_mark;         /* umount2(MNT_EXPIRE) marked it; any use clears the mark */
    char *devname;            /* mount(2)'s source, shown first in /proc/mounts */
};
#define MNT_RDONLY   0x1      /* same values as the MS_ flags */
#define MNT_NOSUID   0x2
#define MNT_NODEV    0x4
#define MNT_NOEXEC   0x8
#define MNT_NOATIME  0x400
#define MNT_NODIRATIME 0x800
#define MNT_RELATIME 0x200000
#define MNT_STRICTATIME 0x1000000

struct path {
    struct mount *mnt;
    struct dentry *dentry;
};

/* ---- open files -------------------------------------------------------------------------------- */
struct dir_context;
/* readdir emits entries through this. `next` is the cookie that resumes the listing after this
 * entry (getdents64's d_off). emit returns false when the caller's buffer is full: the entry was
 * NOT consumed and the fs must stop without advancing ctx->pos; on true the fs sets ctx->pos = next. */
typedef bool (*dir_emit_t)(struct dir_context *ctx, const char *name, size_t len, u64 ino,
                           unsigned dtype, off_t next);
struct dir_context {
    dir_emit_t emit;
    off_t pos;                /* fs-defined cookie; readdir updates it (becomes file->pos) */
    void *arg;                /* the emitter's state */
};

struct file_ops {
    /* Called by open after the struct file is set up (priv = the devfs registration's priv).
     * May replace f->ops/f->priv (a driver multiplexing minors). 0 or -errno. */
    int (*open)(struct inode *ino, struct file *f);
    /* Move up to n bytes at *pos; advance *pos for seekable files. Return bytes, 0 at EOF, or
     * -errno (-EAGAIN when O_NONBLOCK and nothing is ready, -EINTR on a signal). */
    ssize_t (*read)(struct file *f, struct iobuf buf, size_t n, off_t *pos);
    ssize_t (*write)(struct file *f, struct iobuf buf, size_t n, off_t *pos);
    /* NULL: ESPIPE. Use generic_file_lseek for size-based files, noop_lseek for /dev/null-like. */
    off_t (*lseek)(struct file *f, off_t off, int whence);
    /* NULL or returning -ENOTTY: not a tty / unknown request. arg is the raw user argument. */
    long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
    /* Readiness now, as a POLLIN|POLLOUT|POLLERR|POLLHUP... mask. NULL: always readable and
     * writable (regular files). Files that can block set f->wq to a queue they wake on change. */
    unsigned (*poll)(struct file *f);
    /* Directories: emit entries from ctx->pos on. 0 or -errno. */
    int (*readdir)(struct file *f, struct dir_context *ctx);
    /* Last reference to the open file went away. */
    void (*release)(struct file *f);
    /* Optional: fsync; NULL = nothing to do. */
    int (*fsync)(struct file *f);
};

struct file {
    int refs;
    struct path path;         /* referenced; dentry->inode is the inode */
    struct inode *inode;
    off_t pos;
    unsigned flags;           /* O_ACCMODE | status flags (O_APPEND, O_NONBLOCK, ...) */
    unsigned fmode;           /* FMODE_*: what this open file may do (from O_ACCMODE / O_PATH) */
    const struct file_ops *ops;
    void *priv;               /* driver / pipe / socket private data */
    struct wait_queue *wq;    /* queue to sleep on in poll/select; NULL if the file never blocks */
    u64 version;              /* FIFO readers: the writer count seen at open (Linux's f_version) */
    int owner_type, owner_pid;/* F_SETOWN(_EX): recorded (no SIGIO is sent) */
    int owner_sig;            /* F_SETSIG */
};

#define FMODE_READ  0x1
#define FMODE_WRITE 0x2
#define FMODE_PATH  0x4        /* O_PATH: only a handle for *at() calls, fstat, close */
#define FMODE_WRITER 0x8       /* counted in its super_block's writers */

/* ---- devfs -------------------------------------------------------------------------------------- */
/* Register a character device: opening any char-special inode with this major:minor (the
 * /dev/NAME node created here, or one made by mknod/initramfs) uses ops, with f->priv = priv.
 * 0 or -errno (-EEXIST if already registered). Call after vfs_init(). */
int devfs_register_chr(const char *name, mode_t perm, u32 major, u32 minor,
                       const struct file_ops *ops, void *priv);

#include "fs/kapi.h"
