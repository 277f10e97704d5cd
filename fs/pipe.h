/* Pipes (fs/pipe.c). */
#pragma once
#include "lib/types.h"

struct file;
int pipe_create(unsigned flags, struct file **rd, struct file **wr);
bool file_is_pipe(struct file *f);
long pipe_get_size(struct file *f);                    /* F_GETPIPE_SZ */
long pipe_set_size(struct file *f, unsigned long size);  /* F_SETPIPE_SZ */
