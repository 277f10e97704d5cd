/* Credentials (Linux kernel/sys.c): real, effective, saved and filesystem ids plus supplementary
 * groups. Privilege is euid 0 (Levitate has no capability sets). -1 leaves an id unchanged. */
#include "syscall/syscall.h"
#include "proc/task.h"
#include "mm/uaccess.h"
#include "uapi/errno.h"

#define KEEP ((u32)-1)
static bool privileged(void) { return current->cred.euid == 0; }

long sys_setuid(uid_t uid) {
    struct cred *c = &current->cred;
    if (uid == KEEP) return -EINVAL;
    if (privileged()) c->uid = c->suid = uid;
    else if (uid != c->uid && uid != c->suid) return -EPERM;
    c->euid = c->fsuid = uid;
    return 0;
}

long sys_setgid(gid_t gid) {
    struct cred *c = &current->cred;
    if (gid == KEEP) return -EINVAL;
    if (privileged()) c->gid = c->sgid = gid;
    else if (gid != c->gid && gid != c->sgid) return -EPERM;
    c->egid = c->fsgid = gid;
    return 0;
}

static bool one_of(u32 v, u32 a, u32 b, u32 c) { return v == a || v == b || v == c; }

long sys_setreuid(uid_t ruid, uid_t euid) {
    struct cred *c = &current->cred;
    bool p = privileged();
    if (ruid != KEEP && !p && ruid != c->uid && ruid != c->euid) return -EPERM;
    if (euid != KEEP && !p && !one_of(euid, c->uid, c->euid, c->suid)) return -EPERM;
    uid_t old_ruid = c->uid;
    if (ruid != KEEP) c->uid = ruid;
    if (euid != KEEP) c->euid = euid;
    if (ruid != KEEP || (euid != KEEP && euid != old_ruid)) c->suid = c->euid;
    c->fsuid = c->euid;
    return 0;
}

long sys_setregid(gid_t rgid, gid_t egid) {
    struct cred *c = &current->cred;
    bool p = privileged();
    if (rgid != KEEP && !p && rgid != c->gid && rgid != c->egid) return -EPERM;
    if (egid != KEEP && !p && !one_of(egid, c->gid, c->egid, c->sgid)) return -EPERM;
    gid_t old_rgid = c->gid;
    if (rgid != KEEP) c->gid = rgid;
    if (egid != KEEP) c->egid = egid;
    if (rgid != KEEP || (egid != KEEP && egid != old_rgid)) c->sgid = c->egid;
    c->fsgid = c->egid;
    return 0;
}

long sys_setresuid(uid_t r, uid_t e, uid_t s) {
    struct cred *c = &current->cred;
    if (!privileged()) {
        if (r != KEEP && !one_of(r, c->uid, c->euid, c->suid)) return -EPERM;
        if (e != KEEP && !one_of(e, c->uid, c->euid, c->suid)) return -EPERM;
        if (s != KEEP && !one_of(s, c->uid, c->euid, c->suid)) return -EPERM;
    }
    if (r != KEEP) c->uid = r;
    if (e != KEEP) c->euid = e;
    if (s != KEEP) c->suid = s;
    c->fsuid = c->euid;
    return 0;
}

long sys_setresgid(gid_t r, gid_t e, gid_t s) {
    struct cred *c = &current->cred;
    if (!privileged()) {
        if (r != KEEP && !one_of(r, c->gid, c->egid, c->sgid)) return -EPERM;
        if (e != KEEP && !one_of(e, c->gid, c->egid, c->sgid)) return -EPERM;
        if (s != KEEP && !one_of(s, c->gid, c->egid, c->sgid)) return -EPERM;
    }
    if (r != KEEP) c->gid = r;
    if (e != KEEP) c->egid = e;
    if (s != KEEP) c->sgid = s;
    c->fsgid = c->egid;
    return 0;
}

long sys_getresuid(uaddr_t r, uaddr_t e, uaddr_t s) {
    struct cred *c = &current->cred;
    if (copy_to_user(r, &c->uid, 4) || copy_to_user(e, &c->euid, 4) || copy_to_user(s, &c->suid, 4)) return -EFAULT;
    return 0;
}

long sys_getresgid(uaddr_t r, uaddr_t e, uaddr_t s) {
    struct cred *c = &current->cred;
    if (copy_to_user(r, &c->gid, 4) || copy_to_user(e, &c->egid, 4) || copy_to_user(s, &c->sgid, 4)) return -EFAULT;
    return 0;
}

/* Returns the old fsuid; changes it only to one of the ids the caller has (or anything for root). */
long sys_setfsuid(uid_t uid) {
    struct cred *c = &current->cred;
    uid_t old = c->fsuid;
    if (uid != KEEP && (privileged() || one_of(uid, c->uid, c->euid, c->suid) || uid == c->fsuid)) c->fsuid = uid;
    return old;
}

long sys_setfsgid(gid_t gid) {
    struct cred *c = &current->cred;
    gid_t old = c->fsgid;
    if (gid != KEEP && (privileged() || one_of(gid, c->gid, c->egid, c->sgid) || gid == c->fsgid)) c->fsgid = gid;
    return old;
}

long sys_getgroups(int size, uaddr_t list) {
    struct cred *c = &current->cred;
    if (size < 0) return -EINVAL;
    if (size == 0) return c->ngroups;
    if ((u32)size < c->ngroups) return -EINVAL;
    if (copy_to_user(list, c->groups, c->ngroups * sizeof(gid_t))) return -EFAULT;
    return c->ngroups;
}

long sys_setgroups(int size, uaddr_t list) {
    if (!privileged()) return -EPERM;
    if (size < 0 || size > 65536) return -EINVAL;
    if (size > CRED_MAX_GROUPS) return -ENOMEM;             /* partial: 32 groups at most */
    gid_t g[CRED_MAX_GROUPS];
    if (size && copy_from_user(g, list, size * sizeof(gid_t))) return -EFAULT;
    struct cred *c = &current->cred;
    for (int i = 0; i < size; i++) c->groups[i] = g[i];
    c->ngroups = size;
    return 0;
}
