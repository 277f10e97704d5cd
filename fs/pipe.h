/* Pipes and FIFOs (fs/pipe.c). */
#pragma once
#include "lib/types.h"

struct file;
struct file_ops;
int pipe_create(unsigned flags, struct file **rd, struct file **wr);
/* The ops of pipes and FIFOs: vfs_open uses them for S_IFIFO inodes (their open op creates or
 * joins the inode's pipe with Linux's FIFO open rules). */
extern const struct file_ops *const pipe_fifo_fops;
bool file_is_pipe(struct file *f);                     /* an open pipe or FIFO */
long pipe_get_size(struct file *f);                    /* F_GETPIPE_SZ */
long pipe_set_size(struct file *f, unsigned long size);  /* F_SETPIPE_SZ */
/* splice/tee helpers (pf: a pipe file opened for the needed direction). Bytes moved, 0 at EOF,
 * or -errno (EAGAIN, EPIPE with SIGPIPE, ERESTARTSYS). */
ssize_t pipe_splice_to_file(struct file *pf, struct file *out, off_t *pos, size_t len, bool nonblock);
ssize_t pipe_splice_from_file(struct file *in, off_t *pos, struct file *pf, size_t len, bool nonblock);
ssize_t pipe_splice_pipes(struct file *in, struct file *out, size_t len, bool nonblock, bool copy);
