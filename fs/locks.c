/* File locks, as Linux's fs/locks.c behaves for local filesystems:
 *
 *   - POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK) belong to a process's descriptor table
 *     (threads sharing it share the locks); a lock covers a byte range [start, end] (end
 *     OFFSET_MAX: to EOF and beyond); an owner's locks never conflict with each other: a new
 *     request replaces, splits or merges the owner's ranges it overlaps or touches. Closing ANY
 *     descriptor of the file in that table drops all of the owner's locks on it (also at exec
 *     for close-on-exec descriptors and at exit). F_SETLKW detects simple deadlocks (EDEADLK).
 *   - OFD locks (F_OFD_*) are the same ranges owned by the open file description; they conflict
 *     with POSIX locks of other owners and go away when the description is last closed.
 *   - flock locks are whole-file, owned by the open file description, and independent of the
 *     other two kinds. Converting a held flock lock first drops it (as Linux: not atomic).
 *
 * A conflict is a shared range where one side is a write lock. Blocked requests sleep on one
 * global wait queue, woken whenever any lock is released, and re-check; the sleep is
 * interruptible (-ERESTARTSYS: EINTR, or a restart with SA_RESTART). Locks live in a list per
 * inode (inode->locks), in no particular order. */
#include "fs/locks.h"
#include "fs/file.h"
#include "fs/dcache.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "proc/task.h"
#include "proc/wait.h"
#include "uapi/errno.h"

#define OFFSET_MAX 0x7fffffffffffffffLL
#define MAX_DEADLK_ITERATIONS 10

enum { LK_POSIX, LK_OFD, LK_FLOCK };

struct file_lock {
    struct file_lock *next;
    void *owner;              /* POSIX: struct files_table *; OFD and flock: struct file * */
    struct file *file;        /* the file it was set through (not referenced) */
    pid_t pid;                /* POSIX: the locker's tgid (F_GETLK's l_pid); OFD: -1 */
    short type;               /* F_RDLCK or F_WRLCK */
    u8 kind;
    s64 start, end;           /* inclusive */
};

/* A POSIX request sleeping in F_SETLKW, for deadlock detection. */
struct blocked {
    struct blocked *next;
    void *owner, *waits_for;  /* the requester and the owner of the lock blocking it */
};

static struct wait_queue lock_wq = WAIT_QUEUE_INIT;
static struct blocked *blocked_list;

static bool same_class(const struct file_lock *a, const struct file_lock *b) {
    return (a->kind == LK_FLOCK) == (b->kind == LK_FLOCK);
}

static bool conflicts(const struct file_lock *req, const struct file_lock *l) {
    if (!same_class(req, l) || l->owner == req->owner) return false;
    if (req->type != F_WRLCK && l->type != F_WRLCK) return false;
    if (req->kind == LK_FLOCK) return true;
    return l->start <= req->end && req->start <= l->end;
}

static struct file_lock *find_conflict(struct inode *ino, const struct file_lock *req) {
    for (struct file_lock *l = ino->locks; l; l = l->next)
        if (conflicts(req, l)) return l;
    return NULL;
}

static void free_lock(struct inode *ino, struct file_lock **pp) {
    struct file_lock *l = *pp;
    *pp = l->next;
    kfree(l);
}

/* POSIX deadlock: following "owner X waits for owner Y" edges from the lock's owner leads back to
 * the requester. OFD requests are never checked (they have no process owner), as in Linux. */
static bool would_deadlock(const struct file_lock *req, const struct file_lock *blocker) {
    if (req->kind != LK_POSIX) return false;
    void *o = blocker->owner;
    for (int i = 0; i <= MAX_DEADLK_ITERATIONS; i++) {
        struct blocked *b = blocked_list;
        while (b && b->owner != o) b = b->next;
        if (!b) return false;
        o = b->waits_for;
        if (o == req->owner) return true;
    }
    return false;
}

struct wait_arg { struct inode *ino; const struct file_lock *req; };
static bool no_conflict(void *arg) {
    struct wait_arg *w = arg;
    return !find_conflict(w->ino, w->req);
}

/* Wait (if allowed) until req conflicts with nothing. 0 or -errno. */
static int wait_conflicts(struct inode *ino, const struct file_lock *req, bool sleep) {
    for (;;) {
        struct file_lock *c = find_conflict(ino, req);
        if (!c) return 0;
        if (!sleep) return -EAGAIN;
        if (would_deadlock(req, c)) return -EDEADLK;
        struct blocked me = { blocked_list, req->owner, c->owner };
        blocked_list = &me;
        struct wait_arg w = { ino, req };
        /* Hold the inode: a close while we sleep must not free it under us. */
        inode_get(ino);
        int r = waitq_sleep(&lock_wq, no_conflict, &w, 0, true);
        for (struct blocked **pp = &blocked_list; *pp; pp = &(*pp)->next)
            if (*pp == &me) { *pp = me.next; break; }
        inode_put(ino);
        if (r) return r;
    }
}

static struct file_lock *new_lock(const struct file_lock *tmpl, s64 start, s64 end) {
    struct file_lock *l = kmalloc(sizeof *l);
    if (!l) return NULL;
    *l = *tmpl;
    l->start = start;
    l->end = end;
    return l;
}

/* Apply a POSIX/OFD request (conflicts already excluded): the owner's locks overlapping or
 * adjacent to [start, end] are merged (same type), trimmed or split (other type / unlock). */
static int posix_apply(struct inode *ino, const struct file_lock *req, short type) {
    /* Allocate everything first so that nothing changes on ENOLCK. */
    struct file_lock *ins = type != F_UNLCK ? new_lock(req, req->start, req->end) : NULL;
    struct file_lock *spare = new_lock(req, 0, 0);
    if ((type != F_UNLCK && !ins) || !spare) { kfree(ins); kfree(spare); return -ENOLCK; }
    s64 s = req->start, e = req->end;
    bool changed = false;
    for (struct file_lock **pp = &ino->locks; *pp;) {
        struct file_lock *l = *pp;
        if (l->owner != req->owner || l->kind == LK_FLOCK) { pp = &l->next; continue; }
        bool touches = (l->end >= s || l->end == s - 1) && (l->start <= e || (e != OFFSET_MAX && l->start == e + 1));
        bool overlaps = l->end >= s && l->start <= e;
        if (!touches) { pp = &l->next; continue; }
        if (type != F_UNLCK && l->type == type) {       /* same type: absorb it */
            if (l->start < s) s = l->start;
            if (l->end > e) e = l->end;
            free_lock(ino, pp);
            continue;
        }
        if (!overlaps) { pp = &l->next; continue; }
        changed = true;
        if (l->start < s && l->end > e) {               /* split: keep both outer pieces */
            spare->type = l->type;
            spare->pid = l->pid;
            spare->file = l->file;
            spare->start = e + 1;
            spare->end = l->end;
            spare->next = l->next;
            l->end = s - 1;
            l->next = spare;
            spare = NULL;
            break;                                      /* nothing else can overlap */
        }
        if (l->start < s) { l->end = s - 1; pp = &l->next; continue; }
        if (l->end > e) { l->start = e + 1; pp = &l->next; continue; }
        free_lock(ino, pp);
    }
    kfree(spare);
    if (ins) {
        ins->start = s;
        ins->end = e;
        ins->type = type;
        ins->next = ino->locks;
        ino->locks = ins;
    }
    if (changed || type == F_UNLCK) wake_up_all(&lock_wq);
    return 0;
}

/* struct flock -> a lock request on f (Linux's flock64_to_posix_lock). */
static int flock_to_lock(struct file *f, const struct linux_flock *fl, struct file_lock *req) {
    s64 base;
    switch (fl->l_whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = f->pos; break;
    case SEEK_END: base = f->inode->size; break;
    default: return -EINVAL;
    }
    if (fl->l_start > OFFSET_MAX - base) return -EOVERFLOW;
    s64 start = base + fl->l_start, end;
    if (start < 0) return -EINVAL;
    if (fl->l_len > 0) {
        if (fl->l_len - 1 > OFFSET_MAX - start) return -EOVERFLOW;
        end = start + fl->l_len - 1;
    } else if (fl->l_len < 0) {
        if (start + fl->l_len < 0) return -EINVAL;
        end = start - 1;
        start += fl->l_len;
    } else {
        end = OFFSET_MAX;
    }
    if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && fl->l_type != F_UNLCK) return -EINVAL;
    req->next = NULL;
    req->owner = current->files;
    req->file = f;
    req->pid = current->proc->pid;
    req->type = fl->l_type;
    req->kind = LK_POSIX;
    req->start = start;
    req->end = end;
    return 0;
}

long fcntl_lock(struct file *f, unsigned int cmd, uaddr_t arg) {
    struct linux_flock fl;
    if (copy_from_user(&fl, arg, sizeof(fl))) return -EFAULT;
    struct inode *ino = f->inode;
    struct file_lock req;
    bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK) return -EINVAL;
        int err = flock_to_lock(f, &fl, &req);
        if (err) return err;
        if (ofd) {
            if (fl.l_pid != 0) return -EINVAL;
            req.kind = LK_OFD;
            req.owner = f;
        }
        struct file_lock *c = find_conflict(ino, &req);
        if (!c) {
            fl.l_type = F_UNLCK;
        } else {
            fl.l_type = c->type;
            fl.l_whence = SEEK_SET;
            fl.l_start = c->start;
            fl.l_len = c->end == OFFSET_MAX ? 0 : c->end - c->start + 1;
            fl.l_pid = c->kind == LK_OFD ? -1 : c->pid;
        }
        return copy_to_user(arg, &fl, sizeof(fl)) ? -EFAULT : 0;
    }
    int err = flock_to_lock(f, &fl, &req);
    if (err) return err;
    if (req.type == F_RDLCK && !(f->fmode & FMODE_READ)) return -EBADF;
    if (req.type == F_WRLCK && !(f->fmode & FMODE_WRITE)) return -EBADF;
    if (ofd) {
        if (fl.l_pid != 0) return -EINVAL;
        req.kind = LK_OFD;
        req.owner = f;
        req.pid = -1;
    }
    bool sleep = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
    if (req.type != F_UNLCK) {
        err = wait_conflicts(ino, &req, sleep);
        if (err) return err;
    }
    return posix_apply(ino, &req, req.type);
}

long flock_lock(struct file *f, unsigned int cmd) {
    short type;
    switch (cmd & ~LOCK_NB) {
    case LOCK_SH: type = F_RDLCK; break;
    case LOCK_EX: type = F_WRLCK; break;
    case LOCK_UN: type = F_UNLCK; break;
    default: return -EINVAL;
    }
    if (type != F_UNLCK && !(f->fmode & (FMODE_READ | FMODE_WRITE))) return -EBADF;
    struct inode *ino = f->inode;
    /* An existing lock of this open file: the same type is kept, another is dropped first. */
    for (struct file_lock **pp = &ino->locks; *pp; pp = &(*pp)->next) {
        struct file_lock *l = *pp;
        if (l->kind != LK_FLOCK || l->owner != f) continue;
        if (l->type == type) return 0;
        free_lock(ino, pp);
        wake_up_all(&lock_wq);
        break;
    }
    if (type == F_UNLCK) return 0;
    struct file_lock req = { NULL, f, f, -1, type, LK_FLOCK, 0, OFFSET_MAX };
    int err = wait_conflicts(ino, &req, !(cmd & LOCK_NB));
    if (err) return err;
    struct file_lock *l = new_lock(&req, 0, OFFSET_MAX);
    if (!l) return -ENOLCK;
    l->next = ino->locks;
    ino->locks = l;
    return 0;
}

static void remove_matching(struct inode *ino, bool (*match)(struct file_lock *, void *), void *arg) {
    bool any = false;
    for (struct file_lock **pp = &ino->locks; *pp;) {
        if (match(*pp, arg)) { free_lock(ino, pp); any = true; }
        else pp = &(*pp)->next;
    }
    if (any) wake_up_all(&lock_wq);
}

static bool posix_of(struct file_lock *l, void *owner) { return l->kind == LK_POSIX && l->owner == owner; }
static bool of_file(struct file_lock *l, void *f) { return l->owner == f || l->file == f; }

void locks_remove_posix(struct file *f, struct files_table *owner) {
    if (!f->inode || !f->inode->locks || (f->fmode & FMODE_PATH)) return;
    remove_matching(f->inode, posix_of, owner);
}

void locks_remove_file(struct file *f) {
    /* OFD and flock locks are owned by f; a POSIX lock set through f would normally be gone
     * with its descriptor already, but drop it too, as Linux's locks_remove_file does. */
    remove_matching(f->inode, of_file, f);
}
