/* Unix permission checks (Linux's generic_permission without ACLs or capabilities other than
 * root's): the owner class is used if the caller owns the file, else the group class if it is
 * in the file's group, else other; root overrides read/write/search but needs an x bit to
 * execute a regular file, like CAP_DAC_OVERRIDE. */
#include "fs/namei.h"
#include "fs/dcache.h"
#include "fs/fs_uapi.h"
#include "proc/task.h"
#include "uapi/errno.h"

/* Linux's in_group_p: the fs gid or one of the supplementary groups (of current). */
bool fs_in_group(gid_t fsgid, gid_t gid) {
    if (gid == fsgid) return true;
    if (!current) return false;
    for (u32 i = 0; i < current->cred.ngroups && i < CRED_MAX_GROUPS; i++)
        if (current->cred.groups[i] == gid) return true;
    return false;
}

int inode_permission_as(const struct inode *ino, int mask, uid_t uid, gid_t gid) {
    mode_t m = ino->mode;
    mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
    if (uid == 0) {
        if (!(mask & MAY_EXEC) || S_ISDIR(m)) return 0;
        return (m & 0111) ? 0 : -EACCES;
    }
    unsigned bits;
    if (uid == ino->uid) bits = (m >> 6) & 7;
    else if (fs_in_group(gid, ino->gid)) bits = (m >> 3) & 7;
    else bits = m & 7;
    return ((int)bits & mask) == mask ? 0 : -EACCES;
}

int inode_permission(const struct inode *ino, int mask) {
    return inode_permission_as(ino, mask, fs_fsuid(), fs_fsgid());
}

int may_create(const struct inode *dir) {
    if (dir->nlink == 0) return -ENOENT;   /* creating in a removed directory */
    return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int may_delete(const struct inode *dir, const struct inode *victim) {
    int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
    if (err) return err;
    uid_t uid = fs_fsuid();
    if ((dir->mode & S_ISVTX) && uid != 0 && uid != victim->uid && uid != dir->uid) return -EPERM;
    return 0;
}
