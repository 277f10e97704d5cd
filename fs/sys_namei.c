/* Namespace syscalls (thin wrappers copying names in for fs/dirops.c) and getdents64. */
#include "fs/dirops.h"
#include "fs/file.h"
#include "fs/namei.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/uaccess.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

long sys_mkdirat(int dfd, uaddr_t pathname, mode_t mode) {
    char *name = getname(pathname, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    long r = do_mkdirat(dfd, name, mode);
    putname(name);
    return r;
}

long sys_mknodat(int dfd, uaddr_t filename, mode_t mode, unsigned int dev) {
    char *name = getname(filename, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    /* The userspace dev_t encoding (Linux new_decode_dev). */
    u32 major = (dev & 0xfff00) >> 8, minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);
    long r = do_mknodat(dfd, name, mode, MKDEV(major, minor));
    putname(name);
    return r;
}

long sys_unlinkat(int dfd, uaddr_t pathname, int flag) {
    if (flag & ~AT_REMOVEDIR) return -EINVAL;
    char *name = getname(pathname, false);
    if (IS_ERR(name)) return PTR_ERR(name);
    long r = do_unlinkat(dfd, name, flag & AT_REMOVEDIR);
    putname(name);
    return r;
}

long sys_symlinkat(uaddr_t oldname, int newdfd, uaddr_t newname) {
    char *target = getname(oldname, false);
    if (IS_ERR(target)) return PTR_ERR(target);
    char *name = getname(newname, false);
    long r = IS_ERR(name) ? PTR_ERR(name) : do_symlinkat(target, newdfd, name);
    putname(name);
    putname(target);
    return r;
}

long sys_linkat(int olddfd, uaddr_t oldname, int newdfd, uaddr_t newname, int flags) {
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
    char *o = getname(oldname, flags & AT_EMPTY_PATH);
    if (IS_ERR(o)) return PTR_ERR(o);
    char *n = getname(newname, false);
    long r = IS_ERR(n) ? PTR_ERR(n) : do_linkat(olddfd, o, newdfd, n, flags);
    putname(n);
    putname(o);
    return r;
}

long sys_renameat2(int olddfd, uaddr_t oldname, int newdfd, uaddr_t newname, unsigned int flags) {
    char *o = getname(oldname, false);
    if (IS_ERR(o)) return PTR_ERR(o);
    char *n = getname(newname, false);
    long r = IS_ERR(n) ? PTR_ERR(n) : do_renameat2(olddfd, o, newdfd, n, flags);
    putname(n);
    putname(o);
    return r;
}

long sys_renameat(int olddfd, uaddr_t oldname, int newdfd, uaddr_t newname) {
    return sys_renameat2(olddfd, oldname, newdfd, newname, 0);
}

/* getdents64: records are built in a small kernel buffer and copied out one by one. */
struct getdents_state {
    uaddr_t buf;
    size_t count, used;
    int error;
};

static bool filldir64(struct dir_context *ctx, const char *name, size_t len, u64 ino,
                      unsigned dtype, off_t next) {
    struct getdents_state *s = ctx->arg;
    if (len > FS_NAME_MAX) return true;       /* cannot be represented: skip it */
    size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
    if (s->used + reclen > s->count) {
        if (!s->used) s->error = -EINVAL;      /* not even one entry fits */
        return false;
    }
    union { struct linux_dirent64 d; char raw[ALIGN_UP(offsetof(struct linux_dirent64, d_name) + FS_NAME_MAX + 1, 8)]; } rec;
    memset(&rec, 0, reclen);
    rec.d.d_ino = ino;
    rec.d.d_off = next;
    rec.d.d_reclen = reclen;
    rec.d.d_type = dtype;
    memcpy(rec.d.d_name, name, len);
    if (copy_to_user(s->buf + s->used, &rec, reclen)) { s->error = -EFAULT; return false; }
    s->used += reclen;
    return true;
}

long sys_getdents64(unsigned int fd, uaddr_t dirent, unsigned int count) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    if (!f->ops->readdir) {
        r = -ENOTDIR;
    } else if (f->inode->nlink == 0) {
        r = -ENOENT;                           /* a removed directory */
    } else {
        struct getdents_state s = { dirent, count, 0, 0 };
        struct dir_context ctx = { filldir64, f->pos, &s };
        r = f->ops->readdir(f, &ctx);
        f->pos = ctx.pos;
        file_accessed(f);
        if (!r) r = s.used ? (long)s.used : s.error;
    }
    file_put(f);
    return r;
}
