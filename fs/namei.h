/* Path walk (fs/namei.c) and permission checks (fs/perm.c). Internal to fs/. */
#pragma once
#include "fs/vfs.h"

#define LOOKUP_FOLLOW    0x1   /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2   /* the result must be a directory */
#define LOOKUP_EMPTY     0x4   /* "" names the start itself (AT_EMPTY_PATH) */

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

/* State of one walk. After nd_start, `path` is the directory holding the last component
 * `last` (not yet looked up); nd_lookup_last resolves it, following symlinks as asked. */
struct nameidata {
    struct path path;         /* referenced */
    struct path root;         /* referenced: the caller's root ("/" and ".." stop here) */
    const char *last;         /* points into the caller's string or buf */
    size_t last_len;
    int last_type;            /* LAST_* */
    bool trailing_slash;      /* the name ended in '/': the result must be a directory */
    int nlinks;               /* symlinks followed so far (ELOOP past 40) */
    char *buf;                /* owned: the current string after a symlink expansion */
};

/* Start at dfd (AT_FDCWD: cwd; ignored for absolute names) and walk up to the last component.
 * flags: LOOKUP_EMPTY allows "". On error nd is released. */
int nd_start(struct nameidata *nd, int dfd, const char *name, unsigned flags);
/* Resolve nd's last component into *res (referenced; the dentry may be negative). For LAST_NORM
 * nd->path stays the parent directory of the result; symlinks are followed when follow is set
 * or the name had a trailing slash (their targets walked from the link's directory). */
int nd_lookup_last(struct nameidata *nd, bool follow, struct path *res);
void nd_release(struct nameidata *nd);

/* Whole lookups: a positive result (ENOENT otherwise), referenced in *out. */
int path_lookup(int dfd, const char *name, unsigned flags, struct path *out);
/* Look a name up in a directory: a referenced dentry, negative if absent, or ERR_PTR. */
struct dentry *lookup_one(const struct path *dir, const char *name, size_t len);

/* Copy a user path into a new kernel buffer (PATH_MAX). ENAMETOOLONG, EFAULT, and ENOENT for ""
 * unless allow_empty. Returns the string or ERR_PTR; free with putname. */
char *getname(uaddr_t u, bool allow_empty);
void putname(char *name);

/* ---- permissions (fs/perm.c) ---- */
#define MAY_EXEC  1
#define MAY_WRITE 2
#define MAY_READ  4
/* Owner/group/other bits for uid/gid; uid 0 bypasses read/write and directory search, but
 * executing a non-directory needs some x bit. 0 or -EACCES. */
int inode_permission_as(const struct inode *ino, int mask, uid_t uid, gid_t gid);
int inode_permission(const struct inode *ino, int mask);   /* as current's fsuid/fsgid */
/* gid is fsgid or one of current's supplementary groups (Linux's in_group_p). */
bool fs_in_group(gid_t fsgid, gid_t gid);
/* May the caller remove `victim` from `dir` (write+search on dir, sticky bit)? 0 or -errno. */
int may_delete(const struct inode *dir, const struct inode *victim);
/* May the caller create in dir (write+search, and dir not removed)? 0 or -errno. */
int may_create(const struct inode *dir);
