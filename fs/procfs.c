/* procfs: /proc generated from live kernel state. Unlike tmpfs its dentries are only a cache:
 * every lookup asks procfs (a directory per live process, /proc/self, per-process entries, one
 * magic link per open descriptor), and a dentry disappears with its last user, so nothing stale
 * outlives the process it describes. A file's text is produced when it is opened
 * (fs/procfs_show.c) and read from that snapshot. Magic links (fd/N, cwd, root, exe) resolve to
 * the object itself through inode_ops.get_path, so a deleted file or a pipe can still be opened. */
#include "fs/procfs.h"
#include "fs/dcache.h"
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "proc/task.h"
#include "proc/process.h"
#include "uapi/errno.h"

enum { PK_ROOT, PK_PID, PK_FDDIR, PK_ENTRY, PK_FD };

struct proc_node {
    int kind;
    pid_t pid;
    int fd;
    const struct proc_entry *ent;
};

#define PID_COOKIE_BASE 1000        /* readdir cookies of /proc: entries 2.., pids from here */
#define MAX_LISTED_PIDS 4096

static const struct inode_ops proc_dir_iops, proc_link_iops, proc_magic_iops, proc_file_iops;
static const struct file_ops proc_dir_fops, proc_file_fops;

struct task *proc_task(pid_t pid) {
    struct task *t = task_by_tid(pid);
    if (!t || t->proc->pid != pid || t->proc->zombie) return NULL;
    return t;
}

static struct proc_node *node_of(struct inode *ino) { return ino->priv; }

static struct inode *proc_inode(struct super_block *sb, int kind, pid_t pid, int fd,
                                const struct proc_entry *ent, mode_t mode) {
    struct proc_node *n = kzalloc(sizeof(*n));
    struct inode *ino = n ? inode_alloc(sb, mode) : NULL;
    if (!ino) { kfree(n); return NULL; }
    *n = (struct proc_node){ kind, pid, fd, ent };
    ino->priv = n;
    /* Stable, distinct numbers: the pid in the high bits, the entry or fd below. */
    ino->ino = kind == PK_ROOT ? 1 : ((u64)pid << 32) | ((u64)kind << 24) |
               (u64)(ent ? (ent - (pid ? proc_pid_entries : proc_root_entries)) + 1 : (u32)fd);
    struct task *t = pid ? proc_task(pid) : NULL;
    ino->uid = t ? t->cred.euid : 0;
    ino->gid = t ? t->cred.egid : 0;
    switch (mode & S_IFMT) {
    case S_IFDIR: ino->iops = &proc_dir_iops; ino->fops = &proc_dir_fops; ino->nlink = 2; break;
    case S_IFLNK: ino->iops = (kind == PK_FD || (ent && ent->get_path)) ? &proc_magic_iops : &proc_link_iops; break;
    default: ino->iops = &proc_file_iops; ino->fops = &proc_file_fops; break;
    }
    return ino;
}

static bool name_is(const struct dentry *d, const char *name) {
    return strlen(name) == d->name_len && memcmp(d->name, name, d->name_len) == 0;
}

/* A decimal number without sign or leading zeros, or -1. */
static long parse_num(const char *s, size_t len) {
    if (!len || len > 9 || (s[0] == '0' && len > 1)) return -1;
    long v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static struct file *task_file(struct task *t, int fd) {
    struct files_table *ft = t ? t->files : NULL;
    if (!ft || fd < 0 || fd >= ft->size) return NULL;
    return ft->fds[fd];
}

static int proc_lookup(struct inode *dir, struct dentry *d) {
    struct proc_node *n = node_of(dir);
    struct inode *ino = NULL;
    if (n->kind == PK_ROOT) {
        for (size_t i = 0; i < proc_root_count && !ino; i++)
            if (name_is(d, proc_root_entries[i].name))
                ino = proc_inode(dir->sb, PK_ENTRY, 0, 0, &proc_root_entries[i], proc_root_entries[i].mode);
        long pid = ino ? -1 : parse_num(d->name, d->name_len);
        if (pid > 0 && proc_task(pid)) ino = proc_inode(dir->sb, PK_PID, pid, 0, NULL, S_IFDIR | 0555);
    } else if (n->kind == PK_PID) {
        if (!proc_task(n->pid)) return -ENOENT;
        if (name_is(d, "fd")) ino = proc_inode(dir->sb, PK_FDDIR, n->pid, 0, NULL, S_IFDIR | 0500);
        for (size_t i = 0; i < proc_pid_count && !ino; i++)
            if (name_is(d, proc_pid_entries[i].name))
                ino = proc_inode(dir->sb, PK_ENTRY, n->pid, 0, &proc_pid_entries[i], proc_pid_entries[i].mode);
    } else if (n->kind == PK_FDDIR) {
        long fd = parse_num(d->name, d->name_len);
        struct file *f = fd >= 0 ? task_file(proc_task(n->pid), fd) : NULL;
        if (f) {
            mode_t m = S_IFLNK | ((f->fmode & FMODE_READ) ? 0500 : 0) | ((f->fmode & FMODE_WRITE) ? 0300 : 0);
            ino = proc_inode(dir->sb, PK_FD, n->pid, fd, NULL, m);
        }
    } else {
        return -ENOTDIR;
    }
    if (!ino) return -ENOENT; /* as Linux's procfs: a missing name fails the lookup itself */
    d_instantiate(d, ino);
    return 0;
}

static int sort_pid(const void *a, const void *b) { return *(const pid_t *)a - *(const pid_t *)b; }
struct pid_list { pid_t *pids; int n; };
static void collect_pid(struct process *p, void *arg) {
    struct pid_list *l = arg;
    if (l->n < MAX_LISTED_PIDS) l->pids[l->n++] = p->pid;
}

static unsigned dtype(mode_t m) { return (m >> 12) & 15; }

static int proc_readdir(struct file *f, struct dir_context *ctx) {
    struct dentry *d = f->path.dentry;
    struct proc_node *n = node_of(d->inode);
    if (ctx->pos == 0) {
        if (!ctx->emit(ctx, ".", 1, d->inode->ino, DT_DIR, 1)) return 0;
        ctx->pos = 1;
    }
    if (ctx->pos == 1) {
        if (!ctx->emit(ctx, "..", 2, d->parent->inode->ino, DT_DIR, 2)) return 0;
        ctx->pos = 2;
    }
    if (n->kind == PK_ROOT) {
        for (size_t i = ctx->pos - 2; ctx->pos < PID_COOKIE_BASE && i < proc_root_count; i++) {
            const struct proc_entry *e = &proc_root_entries[i];
            if (!ctx->emit(ctx, e->name, strlen(e->name), 2 + i, dtype(e->mode), i + 3)) return 0;
            ctx->pos = i + 3;
        }
        struct pid_list l = { kmalloc(MAX_LISTED_PIDS * sizeof(pid_t)), 0 };
        if (!l.pids) return -ENOMEM;
        for_each_process(collect_pid, &l);
        /* insertion sort is plenty for the few processes there are */
        for (int i = 1; i < l.n; i++)
            for (int j = i; j > 0 && sort_pid(&l.pids[j - 1], &l.pids[j]) > 0; j--) {
                pid_t t = l.pids[j]; l.pids[j] = l.pids[j - 1]; l.pids[j - 1] = t;
            }
        for (int i = 0; i < l.n; i++) {
            off_t cookie = PID_COOKIE_BASE + l.pids[i];
            if (cookie < ctx->pos) continue;
            char name[16];
            int len = snprintf(name, sizeof(name), "%d", l.pids[i]);
            if (!ctx->emit(ctx, name, len, (u64)l.pids[i] << 32, DT_DIR, cookie + 1)) break;
            ctx->pos = cookie + 1;
        }
        kfree(l.pids);
    } else if (n->kind == PK_PID) {
        if (!proc_task(n->pid)) return -ENOENT;
        if (ctx->pos == 2) {
            if (!ctx->emit(ctx, "fd", 2, d->inode->ino + 0x100, DT_DIR, 3)) return 0;
            ctx->pos = 3;
        }
        for (size_t i = ctx->pos - 3; i < proc_pid_count; i++) {
            const struct proc_entry *e = &proc_pid_entries[i];
            if (!ctx->emit(ctx, e->name, strlen(e->name), d->inode->ino + 1 + i, dtype(e->mode), i + 4))
                return 0;
            ctx->pos = i + 4;
        }
    } else if (n->kind == PK_FDDIR) {
        struct task *t = proc_task(n->pid);
        struct files_table *ft = t ? t->files : NULL;
        for (int fd = ctx->pos - 2; ft && fd < ft->size; fd++) {
            if (!ft->fds[fd]) continue;
            char name[16];
            int len = snprintf(name, sizeof(name), "%d", fd);
            if (!ctx->emit(ctx, name, len, ((u64)n->pid << 32) | fd, DT_LNK, fd + 3)) return 0;
            ctx->pos = fd + 3;
        }
    }
    return 0;
}

int proc_fd_path(pid_t pid, int fd, struct path *out) {
    struct file *f = task_file(proc_task(pid), fd);
    if (!f) return -ENOENT;
    *out = f->path;
    path_get(out);
    return 0;
}

long proc_fd_text(pid_t pid, int fd, char *buf, size_t n) {
    struct file *f = task_file(proc_task(pid), fd);
    if (!f) return -ENOENT;
    return vfs_path_of(f, buf, n);
}

static int proc_get_path(struct inode *ino, struct path *out) {
    struct proc_node *n = node_of(ino);
    if (n->kind == PK_FD) return proc_fd_path(n->pid, n->fd, out);
    return n->ent->get_path(n->pid, out);
}

static ssize_t proc_readlink(struct inode *ino, char *buf, size_t size) {
    struct proc_node *n = node_of(ino);
    char *k = kmalloc(FS_PATH_MAX);
    if (!k) return -ENOMEM;
    long len = n->kind == PK_FD ? proc_fd_text(n->pid, n->fd, k, FS_PATH_MAX)
                                : n->ent->text(n->pid, k, FS_PATH_MAX);
    if (len >= 0) {
        len = MIN((size_t)len, size);
        memcpy(buf, k, len);
    }
    kfree(k);
    return len;
}

static void proc_evict(struct inode *ino) { kfree(ino->priv); }

/* ---- generated files ---- */

static int proc_file_open(struct inode *ino, struct file *f) {
    struct proc_node *n = node_of(ino);
    if (n->pid && !proc_task(n->pid)) return -ESRCH;
    struct seqbuf *s = kzalloc(sizeof(*s));
    if (!s) return -ENOMEM;
    int err = n->ent->show(s, n->pid);
    if (!err && s->oom) err = -ENOMEM;
    if (err) { kfree(s->buf); kfree(s); return err; }
    f->priv = s;
    return 0;
}

static ssize_t proc_file_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    struct seqbuf *s = f->priv;
    if (*pos < 0) return -EINVAL;
    if ((size_t)*pos >= s->len) return 0;
    n = MIN(n, s->len - (size_t)*pos);
    if (iobuf_copy_to(b, 0, s->buf + *pos, n)) return -EFAULT;
    *pos += n;
    return n;
}

static off_t proc_file_lseek(struct file *f, off_t off, int whence) {
    struct seqbuf *s = f->priv;
    off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->pos : whence == SEEK_END ? (off_t)s->len : -1;
    off_t n;
    if (base < 0 || __builtin_add_overflow(base, off, &n) || n < 0) return -EINVAL;
    return f->pos = n;
}

static void proc_file_release(struct file *f) {
    struct seqbuf *s = f->priv;
    if (s) { kfree(s->buf); kfree(s); }
}

static const struct inode_ops proc_dir_iops = { .lookup = proc_lookup, .evict = proc_evict };
static const struct inode_ops proc_link_iops = { .readlink = proc_readlink, .evict = proc_evict };
static const struct inode_ops proc_magic_iops = {
    .readlink = proc_readlink, .get_path = proc_get_path, .evict = proc_evict,
};
static const struct inode_ops proc_file_iops = { .evict = proc_evict };
static const struct file_ops proc_dir_fops = { .readdir = proc_readdir, .lseek = dir_lseek };
static const struct file_ops proc_file_fops = {
    .open = proc_file_open, .read = proc_file_read, .lseek = proc_file_lseek, .release = proc_file_release,
};

struct super_block *procfs_new_sb(void) {
    struct super_block *sb = sb_alloc("proc", PROC_SUPER_MAGIC, false);
    if (!sb) return NULL;
    static u32 next_dev = 0x80;
    sb->dev = MKDEV(0, next_dev++);
    struct inode *root = proc_inode(sb, PK_ROOT, 0, 0, NULL, S_IFDIR | 0555);
    if (!root) return NULL;
    sb->root = d_alloc_root(sb, root);
    if (!sb->root) { inode_put(root); return NULL; }
    return sb;
}

/* ---- seqbuf ---- */

static bool sb_room(struct seqbuf *s, size_t n) {
    if (s->oom) return false;
    if (s->len + n + 1 <= s->cap) return true;
    size_t cap = s->cap ? s->cap : 512;
    while (cap < s->len + n + 1) cap *= 2;
    char *b = kmalloc(cap);
    if (!b) { s->oom = true; return false; }
    if (s->len) memcpy(b, s->buf, s->len);
    kfree(s->buf);
    s->buf = b;
    s->cap = cap;
    return true;
}

void sb_write(struct seqbuf *s, const void *p, size_t n) {
    if (!sb_room(s, n)) return;
    memcpy(s->buf + s->len, p, n);
    s->len += n;
}

void sb_printf(struct seqbuf *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof(tmp)) { sb_write(s, tmp, n); return; }
    if (!sb_room(s, n)) return;   /* a long line: format straight into the buffer */
    va_start(ap, fmt);
    vsnprintf(s->buf + s->len, n + 1, fmt, ap);
    va_end(ap);
    s->len += n;
}

void sb_pad(struct seqbuf *s, size_t col) {
    size_t start = s->len;
    while (start > 0 && s->buf[start - 1] != '\n') start--;
    while (s->len - start < col && sb_room(s, 1)) s->buf[s->len++] = ' ';
}
