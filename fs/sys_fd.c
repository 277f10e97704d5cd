/* Descriptor syscalls: dup, dup3, fcntl, ioctl (generic part), flock. */
#include "fs/file.h"
#include "fs/fdtable.h"
#include "fs/pipe.h"
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
    if (old) file_put(old);
    return newfd;
}

/* Record locks: there is no lock table yet, so every lock is granted and F_GETLK reports none.
 * The argument is still fully validated. */
static long do_lock(struct file *f, unsigned int cmd, uaddr_t arg) {
    struct linux_flock fl;
    if (copy_from_user(&fl, arg, sizeof(fl))) return -EFAULT;
    if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK && fl.l_type != F_UNLCK) return -EINVAL;
    if (fl.l_whence > SEEK_END) return -EINVAL;
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        if (fl.l_type == F_UNLCK) return -EINVAL;
        fl.l_type = F_UNLCK;
        return copy_to_user(arg, &fl, sizeof(fl)) ? -EFAULT : 0;
    }
    if (fl.l_type == F_RDLCK && !(f->fmode & FMODE_READ)) return -EBADF;
    if (fl.l_type == F_WRLCK && !(f->fmode & FMODE_WRITE)) return -EBADF;
    return 0;
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
        f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
        r = 0;
        break;
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        r = do_lock(f, cmd, arg);
        break;
    case F_GETOWN: case F_GETSIG: r = 0; break;
    case F_SETOWN: case F_SETSIG: r = 0; break;
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
    struct file *f = fd_get(fd);
    if (!f) return -EBADF;
    unsigned op = cmd & ~LOCK_NB;
    long r = (op == LOCK_SH || op == LOCK_EX || op == LOCK_UN) ? 0 : -EINVAL;
    file_put(f);
    return r;
}
