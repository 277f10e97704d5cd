/* Descriptor syscalls: dup, dup3, fcntl, ioctl (generic part), flock. */
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/pipe.h"
#include "fs/locks.h"
#include "fs/fs_uapi.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "uapi/errno.h"
#include "syscall_decls.h"

/* The status flags F_SETFL may change (Linux's SETFL_MASK). */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | FASYNC | O_DIRECT | O_NOATIME)

long sys_dup(unsigned int fildes) {
    struct file *f = fd_get_raw(fildes);
    if (!f) return -EBADF;
    int fd = fd_install(current->files, f, 0);
    if (fd < 0) file_put(f);
    return fd;
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags) {
    if (flags & ~O_CLOEXEC) return -EINVAL;
    if (oldfd == newfd) return -EINVAL;
    if (newfd >= (unsigned)fd_limit()) return -EBADF;
    struct file *f = fd_get_raw(oldfd);
    if (!f) return -EBADF;
    struct file *old = fd_install_at(current->files, newfd, f, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0);
    if (IS_ERR(old)) { file_put(f); return PTR_ERR(old); }
    if (old) fd_close_file(current->files, old);
    return newfd;
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg) {
    struct file *f = fd_get_raw(fd);
    if (!f) return -EBADF;
    struct files_table *ft = current->files;
    long r;
    if ((f->fmode & FMODE_PATH) && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD &&
        cmd != F_SETFD && cmd != F_GETFL) {
        file_put(f);
        return -EBADF;
    }
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= (unsigned long)fd_limit()) { r = -EINVAL; break; }
        file_get(f);
        r = fd_alloc_from(ft, (int)arg, f, cmd == F_DUPFD_CLOEXEC ? FD_CLOEXEC : 0);
        if (r < 0) file_put(f);
        break;
    case F_GETFD: r = fd_get_flags(ft, fd); break;
    case F_SETFD: r = fd_set_flags(ft, fd, arg & FD_CLOEXEC); break;
    case F_GETFL: r = f->flags; break;
    case F_SETFL:
        /* O_NOATIME needs ownership (or root), as at open */
        if ((arg & O_NOATIME) && !(f->flags & O_NOATIME) && current->cred.fsuid != 0 &&
            current->cred.fsuid != f->inode->uid) { r = -EPERM; break; }
        f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
        r = 0;
        break;
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        r = fcntl_lock(f, cmd, arg);
        break;
    /* Owners and signals for SIGIO are recorded and reported; no SIGIO is ever sent. */
    case F_SETOWN:
        f->owner_type = (long)arg < 0 ? F_OWNER_PGRP : F_OWNER_PID;
        f->owner_pid = (long)arg < 0 ? -(int)arg : (int)arg;
        r = 0;
        break;
    case F_GETOWN: r = f->owner_type == F_OWNER_PGRP ? -f->owner_pid : f->owner_pid; break;
    case F_SETOWN_EX: {
        struct { int type; int pid; } ex;
        if (copy_from_user(&ex, arg, sizeof ex)) { r = -EFAULT; break; }
        if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID && ex.type != F_OWNER_PGRP) { r = -EINVAL; break; }
        f->owner_type = ex.type;
        f->owner_pid = ex.pid;
        r = 0;
        break;
    }
    case F_GETOWN_EX: {
        struct { int type; int pid; } ex = { f->owner_type ? f->owner_type : F_OWNER_PID, f->owner_pid };
        r = copy_to_user(arg, &ex, sizeof ex) ? -EFAULT : 0;
        break;
    }
    case F_SETSIG: r = arg > 64 ? -EINVAL : 0; if (!r) f->owner_sig = (int)arg; break;
    case F_GETSIG: r = f->owner_sig; break;
    case F_GETLEASE: r = F_UNLCK; break;    /* leases are never granted: there is none */
    case F_GETPIPE_SZ: r = file_is_pipe(f) ? pipe_get_size(f) : -EBADF; break;
    case F_SETPIPE_SZ: r = file_is_pipe(f) ? pipe_set_size(f, arg) : -EBADF; break;
    default:
        r = -EINVAL;
        break;
    }
    file_put(f);
    return r;
}

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg) {
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r;
    int v;
    switch (cmd) {
    case FIOCLEX: r = fd_set_flags(current->files, fd, FD_CLOEXEC); break;
    case FIONCLEX: r = fd_set_flags(current->files, fd, 0); break;
    case FIONBIO:
    case FIOASYNC:
        if (copy_from_user(&v, arg, sizeof(v))) { r = -EFAULT; break; }
        unsigned bit = cmd == FIONBIO ? O_NONBLOCK : FASYNC;
        f->flags = v ? (f->flags | bit) : (f->flags & ~bit);
        r = 0;
        break;
    case FIONREAD:
        if (S_ISREG(f->inode->mode)) {
            off_t left = f->inode->size - f->pos;
            v = left < 0 ? 0 : left > 0x7fffffff ? 0x7fffffff : (int)left;
            r = copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
            break;
        }
        /* ttys and pipes count their own bytes */
        __attribute__((fallthrough));
    default:
        r = f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
        break;
    }
    file_put(f);
    return r;
}

long sys_flock(unsigned int fd, unsigned int cmd) {
    if (cmd & LOCK_MAND) return 0;     /* Linux 5.15+: ignored, with a warning */
    if ((cmd & ~LOCK_NB) != LOCK_SH && (cmd & ~LOCK_NB) != LOCK_EX && (cmd & ~LOCK_NB) != LOCK_UN)
        return -EINVAL;
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    long r = flock_lock(f, cmd);
    file_put(f);
    return r;
}
