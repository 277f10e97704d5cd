/* File locks (fs/locks.c): POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK), open file
 * description locks (F_OFD_*) and BSD flock locks, kept per inode and enforced between owners. */
#pragma once
#include "fs/vfs.h"

struct files_table;
struct linux_flock;

/* fcntl's lock commands on f: cmd is F_GETLK/F_SETLK/F_SETLKW/F_OFD_*; arg the user's struct
 * flock. 0 or -errno (EAGAIN on conflict, EDEADLK, EINTR/ERESTARTSYS, EBADF, EINVAL, EFAULT). */
long fcntl_lock(struct file *f, unsigned int cmd, uaddr_t arg);
/* flock(2) on f with LOCK_SH/LOCK_EX/LOCK_UN [| LOCK_NB]. */
long flock_lock(struct file *f, unsigned int cmd);
/* Closing a descriptor of f in table `owner` drops that owner's POSIX locks on the file (all of
 * them, whichever descriptor set them), as Linux's filp_close does. */
void locks_remove_posix(struct file *f, struct files_table *owner);
/* The last reference to f went away: drop the OFD and flock locks it owned. */
void locks_remove_file(struct file *f);
