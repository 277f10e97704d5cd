/* The contents of /proc: the global files and links, and the per-process entries. Formats follow
 * Linux 6.1 (fs/proc/) for the fields programs parse: glibc's pthread_getattr_np reads
 * /proc/self/maps, BusyBox ps reads stat and cmdline, free and top read meminfo and uptime. */
#include "fs/procfs.h"
#include "fs/dcache.h"
#include "fs/namei.h"
#include "fs/fs_struct.h"
#include "fs/fdtable.h"
#include "fs/fs_uapi.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/uaccess.h"
#include "mm/kmalloc.h"
#include "lib/string.h"
#include "lib/time.h"
#include "proc/task.h"
#include "proc/process.h"
#include "lib/printk.h"
#include "uapi/errno.h"

#define HZ 100                 /* USER_HZ: clock ticks in stat */
#define NS_PER_TICK (1000000000ULL / HZ)

/* ---- global files ---- */

static int show_meminfo(struct seqbuf *s, pid_t pid) {
    u64 total = nr_total_pages() * (PAGE_SIZE / 1024), free = nr_free_pages() * (PAGE_SIZE / 1024);
    sb_printf(s, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\nMemAvailable:   %8lu kB\n",
              (unsigned long)total, (unsigned long)free, (unsigned long)free);
    sb_printf(s, "Buffers:        %8lu kB\nCached:         %8lu kB\nSwapCached:     %8lu kB\n", 0UL, 0UL, 0UL);
    sb_printf(s, "SwapTotal:      %8lu kB\nSwapFree:       %8lu kB\nShmem:          %8lu kB\n", 0UL, 0UL, 0UL);
    return 0;
}

static int show_uptime(struct seqbuf *s, pid_t pid) {
    u64 cs = clock_monotonic_ns() / 10000000ULL;
    sb_printf(s, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
              (unsigned long)(cs / 100), (unsigned long)(cs % 100));
    return 0;
}

struct counter { int n; pid_t last; };
static void count_proc(struct process *p, void *arg) {
    struct counter *c = arg;
    c->n++;
    if (p->pid > c->last) c->last = p->pid;
}

static int show_loadavg(struct seqbuf *s, pid_t pid) {
    struct counter c = { 0, 0 };
    for_each_process(count_proc, &c);
    sb_printf(s, "0.00 0.00 0.00 1/%d %d\n", c.n, c.last);
    return 0;
}

static int show_cpuinfo(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "processor\t: 0\nBogoMIPS\t: 125.00\nFeatures\t: fp asimd evtstrm cpuid\n"
                 "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\n"
                 "CPU part\t: 0xd08\nCPU revision\t: 3\n\n");
    return 0;
}

static int show_filesystems(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "nodev\trootfs\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n");
    return 0;
}

static int show_version(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "Linux version 6.1.0-levitate (levitate) #1 SMP Levitate\n");
    return 0;
}

static int show_mounts(struct seqbuf *s, pid_t pid) {
    struct path root = vfs_global_root();
    char *k = kmalloc(FS_PATH_MAX);
    if (!k) return -ENOMEM;
    for (struct mount *m = vfs_mounts(); m; m = m->next) {
        struct path at = { m->parent, m->mountpoint };
        bool reachable, deleted;
        if (d_path(&at, &root, k, FS_PATH_MAX, &reachable, &deleted) < 0) continue;
        sb_printf(s, "%s %s %s rw 0 0\n", m->sb->fstype, k, m->sb->fstype);
    }
    kfree(k);
    return 0;
}

static long self_text(pid_t pid, char *buf, size_t n) {
    if (!current || !current->proc) return -ENOENT;
    int len = snprintf(buf, n, "%d", current->proc->pid);
    return MIN((size_t)len, n);
}

static long mounts_text(pid_t pid, char *buf, size_t n) {
    size_t len = MIN(n, (size_t)11);
    memcpy(buf, "self/mounts", len);
    return len;
}

const struct proc_entry proc_root_entries[] = {
    { "self", S_IFLNK | 0777, .text = self_text },
    { "mounts", S_IFLNK | 0777, .text = mounts_text },
    { "meminfo", S_IFREG | 0444, .show = show_meminfo },
    { "uptime", S_IFREG | 0444, .show = show_uptime },
    { "loadavg", S_IFREG | 0444, .show = show_loadavg },
    { "cpuinfo", S_IFREG | 0444, .show = show_cpuinfo },
    { "filesystems", S_IFREG | 0444, .show = show_filesystems },
    { "version", S_IFREG | 0444, .show = show_version },
};
const size_t proc_root_count = ARRAY_SIZE(proc_root_entries);

/* ---- per-process entries ---- */

static char state_of(const struct task *t) {
    switch (t->state) {
    case TASK_RUNNABLE: return 'R';
    case TASK_SLEEPING: return 'S';
    case TASK_ZOMBIE: return 'Z';
    default: return 'X';
    }
}

/* The 52 fields of Linux's do_task_stat; the ones we do not track are 0. */
static int show_stat(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    struct process *p = t->proc;
    struct mm *mm = t->mm;
    unsigned long vsize = mm ? mm_total_vm(mm) : 0, rss = mm ? mm->rss_pages : 0;
    sb_printf(s, "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 %lu 0 0 0 20 0 %d 0 %lu %lu %lu ",
              p->pid, t->comm, state_of(t), p->parent ? p->parent->pid : 0, p->pgid, p->sid,
              (unsigned long)(p->utime_ns / NS_PER_TICK), p->nr_threads,
              (unsigned long)(p->start_ns / NS_PER_TICK), vsize, rss);
    sb_printf(s, "18446744073709551615 0 0 %lu 0 0 0 %lu 0 0 0 0 0 %d 0 0 0 0 0 0 0 0 %lu %lu %lu %lu %lu 0\n",
              (unsigned long)(mm ? mm->stack_top : 0), (unsigned long)t->sigmask, 17,
              (unsigned long)(mm ? mm->brk_start : 0), (unsigned long)(mm ? mm->arg_start : 0),
              (unsigned long)(mm ? mm->arg_end : 0), (unsigned long)(mm ? mm->env_start : 0),
              (unsigned long)(mm ? mm->env_end : 0));
    return 0;
}

static int show_status(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    struct process *p = t->proc;
    static const char *names[] = { "R (running)", "S (sleeping)", "Z (zombie)", "X (dead)" };
    char st = state_of(t);
    const char *state = st == 'R' ? names[0] : st == 'S' ? names[1] : st == 'Z' ? names[2] : names[3];
    const struct cred *c = &t->cred;
    sb_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n",
              t->comm, t->fs ? t->fs->umask : 022, state, p->pid, t->tid, p->parent ? p->parent->pid : 0);
    sb_printf(s, "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t\n",
              c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
              t->files ? t->files->size : 0);
    if (t->mm)
        sb_printf(s, "VmSize:\t%8lu kB\nVmRSS:\t%8lu kB\n", (unsigned long)(mm_total_vm(t->mm) / 1024),
                  (unsigned long)(t->mm->rss_pages * (PAGE_SIZE / 1024)));
    sb_printf(s, "Threads:\t%d\nSigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n", p->nr_threads,
              (unsigned long)t->sigpending, (unsigned long)p->shared_pending, (unsigned long)t->sigmask);
    sb_printf(s, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
    return 0;
}

/* Linux's show_map_vma: "start-end perms offset major:minor inode", the name at column 73. */
static int show_maps(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    if (!t->mm) return 0;
    char *k = kmalloc(FS_PATH_MAX);
    if (!k) return -ENOMEM;
    for (struct vma *v = t->mm->vmas; v; v = v->next) {
        struct inode *ino = v->file ? v->file->inode : NULL;
        sb_printf(s, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", (unsigned long)v->start,
                  (unsigned long)v->end, (v->prot & 1) ? 'r' : '-', (v->prot & 2) ? 'w' : '-',
                  (v->prot & 4) ? 'x' : '-', (v->flags & VMA_SHARED) && !(v->flags & VMA_SPECIAL) ? 's' : 'p',
                  (unsigned long)(v->file ? v->file_off : 0), ino ? MAJOR(ino->dev) : 0,
                  ino ? MINOR(ino->dev) : 0, (unsigned long)(ino ? ino->ino : 0));
        const char *name = NULL;
        if (v->file && vfs_path_of(v->file, k, FS_PATH_MAX) >= 0) name = k;
        else if (v->flags & VMA_SPECIAL) name = (v->prot & 4) ? "[vdso]" : "[vvar]";   /* as Linux */
        else if (v->flags & VMA_HEAP) name = "[heap]";
        else if (v->flags & (VMA_STACK | VMA_GROWSDOWN)) name = "[stack]";
        if (name) {
            s->len--;                              /* the pad replaces the trailing space */
            sb_pad(s, 72);
            sb_printf(s, " %s", name);
        }
        sb_write(s, "\n", 1);
    }
    kfree(k);
    return 0;
}

/* The argument or environment block. Only the caller's own memory can be read here (there is
 * no cross-address-space access yet): other processes show an empty cmdline, as kernel threads
 * do, which ps prints as "[comm]". */
static int show_user_block(struct seqbuf *s, pid_t pid, bool env) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    if (!t->mm || t->mm != current->mm) return 0;
    uaddr_t a = env ? t->mm->env_start : t->mm->arg_start, e = env ? t->mm->env_end : t->mm->arg_end;
    char chunk[256];
    while (a < e) {
        size_t n = MIN((size_t)(e - a), sizeof(chunk));
        if (copy_from_user(chunk, a, n)) break;
        sb_write(s, chunk, n);
        a += n;
    }
    return 0;
}
static int show_cmdline(struct seqbuf *s, pid_t pid) { return show_user_block(s, pid, false); }
static int show_environ(struct seqbuf *s, pid_t pid) { return show_user_block(s, pid, true); }

static int show_comm(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    sb_printf(s, "%s\n", t->comm);
    return 0;
}

static int show_pid_mounts(struct seqbuf *s, pid_t pid) { return show_mounts(s, pid); }

/* exe: the path recorded at exec, looked up again. */
static int exe_path(pid_t pid, struct path *out) {
    struct task *t = proc_task(pid);
    if (!t || !t->proc->exe_path[0]) return -ENOENT;
    return path_lookup(AT_FDCWD, t->proc->exe_path, LOOKUP_FOLLOW, out);
}
static long exe_text(pid_t pid, char *buf, size_t n) {
    struct task *t = proc_task(pid);
    if (!t || !t->proc->exe_path[0]) return -ENOENT;
    size_t len = MIN(strlen(t->proc->exe_path), n);
    memcpy(buf, t->proc->exe_path, len);
    return len;
}

static int fs_path(pid_t pid, bool root, struct path *out) {
    struct task *t = proc_task(pid);
    if (!t || !t->fs) return -ENOENT;
    *out = root ? t->fs->root : t->fs->cwd;
    path_get(out);
    return 0;
}
static long fs_text(pid_t pid, bool root, char *buf, size_t n) {
    struct path p, myroot, mycwd;
    int err = fs_path(pid, root, &p);
    if (err) return err;
    fs_root_cwd(&myroot, &mycwd);
    bool reachable, deleted;
    long len = d_path(&p, &myroot, buf, n, &reachable, &deleted);
    path_put(&p);
    path_put(&myroot);
    path_put(&mycwd);
    return len;
}
static int cwd_path(pid_t pid, struct path *out) { return fs_path(pid, false, out); }
static int root_path(pid_t pid, struct path *out) { return fs_path(pid, true, out); }
static long cwd_text(pid_t pid, char *buf, size_t n) { return fs_text(pid, false, buf, n); }
static long root_text(pid_t pid, char *buf, size_t n) { return fs_text(pid, true, buf, n); }

const struct proc_entry proc_pid_entries[] = {
    { "exe", S_IFLNK | 0777, .get_path = exe_path, .text = exe_text },
    { "cwd", S_IFLNK | 0777, .get_path = cwd_path, .text = cwd_text },
    { "root", S_IFLNK | 0777, .get_path = root_path, .text = root_text },
    { "maps", S_IFREG | 0444, .show = show_maps },
    { "stat", S_IFREG | 0444, .show = show_stat },
    { "status", S_IFREG | 0444, .show = show_status },
    { "cmdline", S_IFREG | 0444, .show = show_cmdline },
    { "environ", S_IFREG | 0400, .show = show_environ },
    { "comm", S_IFREG | 0644, .show = show_comm },
    { "mounts", S_IFREG | 0444, .show = show_pid_mounts },
};
const size_t proc_pid_count = ARRAY_SIZE(proc_pid_entries);
