/* Per-process filesystem context: root, current directory and umask (Linux's fs_struct).
 * Shared by CLONE_FS threads, copied by fork; functions in fs/fs_struct.c, API in fs/kapi.h. */
#pragma once
#include "fs/vfs.h"

struct fs_struct {
    int refs;
    struct path root;         /* referenced */
    struct path cwd;          /* referenced */
    mode_t umask;
};

/* The caller's umask (022 at boot, before any task). */
mode_t fs_umask(void);
/* Absolute name of p as seen from root into buf: length or -ENAMETOOLONG (buffer too small).
 * *reachable is false when p is not under root; *deleted when p was unlinked. */
long d_path(const struct path *p, const struct path *root, char *buf, size_t size,
            bool *reachable, bool *deleted);
