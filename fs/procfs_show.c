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

#include "uapi/resource.h"

#define RLIMIT_RSS_INDEX RLIMIT_RSS
#define RLIMIT_SIGPENDING_INDEX RLIMIT_SIGPENDING
#define HZ 100                 /* USER_HZ: clock ticks in stat */
#define NS_PER_TICK (1000000000ULL / HZ)

/* ---- global files ---- */

/* Pages of tmpfs data (Linux counts them as Shmem and in Cached). */
struct sb_pages { u64 n; };
static u64 tmpfs_pages(void) {
    u64 n = 0;
    /* every superblock with a mount: count each once */
    for (struct mount *m = vfs_mounts(); m; m = m->next) {
        bool seen = false;
        for (struct mount *o = vfs_mounts(); o != m; o = o->next) seen |= o->sb == m->sb;
        if (!seen && m->sb->magic == TMPFS_MAGIC) n += m->sb->used_blocks;
    }
    return n;
}

static void kb_line(struct seqbuf *s, const char *name, u64 kb) {
    sb_printf(s, "%s", name);
    sb_pad(s, 16);
    sb_printf(s, "%8lu kB\n", (unsigned long)kb);
}

/* Linux's meminfo_proc_show, in its order; what Levitate does not have (swap, huge pages,
 * vmalloc accounting) is 0. */
static int show_meminfo(struct seqbuf *s, pid_t pid) {
    u64 kb = PAGE_SIZE / 1024;
    u64 total = nr_total_pages() * kb, free = nr_free_pages() * kb, shmem = tmpfs_pages() * kb;
    static const char *zero1[] = { "SwapCached:", "Active:", "Inactive:", "Active(anon):", "Inactive(anon):",
                                   "Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:",
                                   "SwapTotal:", "SwapFree:", "Dirty:", "Writeback:", "AnonPages:", "Mapped:" };
    static const char *zero2[] = { "KReclaimable:", "Slab:", "SReclaimable:", "SUnreclaim:", "KernelStack:",
                                   "PageTables:", "SecPageTables:", "NFS_Unstable:", "Bounce:",
                                   "WritebackTmp:", "CommitLimit:", "Committed_AS:" };
    static const char *zero3[] = { "Percpu:", "AnonHugePages:", "ShmemHugePages:", "ShmemPmdMapped:",
                                   "FileHugePages:", "FilePmdMapped:", "CmaTotal:", "CmaFree:" };
    kb_line(s, "MemTotal:", total);
    kb_line(s, "MemFree:", free);
    kb_line(s, "MemAvailable:", free);
    kb_line(s, "Buffers:", 0);
    kb_line(s, "Cached:", shmem);
    for (size_t i = 0; i < ARRAY_SIZE(zero1); i++) kb_line(s, zero1[i], 0);
    kb_line(s, "Shmem:", shmem);
    for (size_t i = 0; i < ARRAY_SIZE(zero2); i++) kb_line(s, zero2[i], 0);
    kb_line(s, "VmallocTotal:", 0);
    kb_line(s, "VmallocUsed:", 0);
    kb_line(s, "VmallocChunk:", 0);
    for (size_t i = 0; i < ARRAY_SIZE(zero3); i++) kb_line(s, zero3[i], 0);
    sb_printf(s, "HugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\n"
                 "HugePages_Surp:        0\n");
    kb_line(s, "Hugepagesize:", 2048);
    kb_line(s, "Hugetlb:", 0);
    return 0;
}

static int show_uptime(struct seqbuf *s, pid_t pid) {
    u64 cs = clock_monotonic_ns() / 10000000ULL;
    /* the second number is the time the CPU spent idle: not tracked, the uptime is close */
    sb_printf(s, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
              (unsigned long)(cs / 100), (unsigned long)(cs % 100));
    return 0;
}

struct counter { int n, running; pid_t last; u64 utime_ns; };
static void count_proc(struct process *p, void *arg) {
    struct counter *c = arg;
    c->n++;
    if (p->pid > c->last) c->last = p->pid;
    c->utime_ns += p->utime_ns;
    for (struct task *t = p->threads; t; t = t->thread_next)
        if (t->state == TASK_RUNNABLE) c->running++;
}

/* "load1 load5 load15 running/total last_pid" (no load averages are kept: 0.00) */
static int show_loadavg(struct seqbuf *s, pid_t pid) {
    struct counter c = { 0, 0, 0, 0 };
    for_each_process(count_proc, &c);
    sb_printf(s, "0.00 0.00 0.00 %d/%lu %d\n", c.running ? c.running : 1, (unsigned long)task_count(), c.last);
    return 0;
}

/* Linux's show_stat: CPU time in USER_HZ ticks (user time is the processes' user time; the rest
 * of the uptime counts as idle), then counters. */
static int show_proc_stat(struct seqbuf *s, pid_t pid) {
    struct counter c = { 0, 0, 0, 0 };
    for_each_process(count_proc, &c);
    u64 up = clock_monotonic_ns() / NS_PER_TICK, user = c.utime_ns / NS_PER_TICK;
    u64 idle = up > user ? up - user : 0;
    u64 boot = (clock_realtime_ns() - clock_monotonic_ns()) / 1000000000ULL;
    for (int i = 0; i < 2; i++) {
        if (i == 0) sb_printf(s, "cpu  "); else sb_printf(s, "cpu0 ");
        sb_printf(s, "%lu 0 0 %lu 0 0 0 0 0 0\n", (unsigned long)user, (unsigned long)idle);
    }
    sb_printf(s, "intr 0\nctxt 0\nbtime %lu\nprocesses %d\nprocs_running %d\nprocs_blocked 0\n"
                 "softirq 0 0 0 0 0 0 0 0 0 0 0\n", (unsigned long)boot, c.last, c.running ? c.running : 1);
    return 0;
}

static int show_cpuinfo(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "processor\t: 0\nBogoMIPS\t: 125.00\nFeatures\t: fp asimd evtstrm cpuid\n"
                 "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\n"
                 "CPU part\t: 0xd08\nCPU revision\t: 3\n\n");
    return 0;
}

static int show_filesystems(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "nodev\trootfs\nnodev\ttmpfs\nnodev\tproc\nnodev\tdevtmpfs\nnodev\tpipefs\n");
    return 0;
}

static int show_version(struct seqbuf *s, pid_t pid) {
    sb_printf(s, "Linux version 6.1.0-levitate (levitate) #1 SMP Levitate\n");
    return 0;
}

/* Options a tmpfs instance shows (Linux's shmem_show_options): what differs from the defaults. */
static void tmpfs_opts(struct seqbuf *s, struct super_block *sb) {
    if (sb->magic != TMPFS_MAGIC || !strcmp(sb->fstype, "rootfs")) return;
    if (sb->max_blocks != nr_total_pages() / 2)
        sb_printf(s, ",size=%luk", (unsigned long)(sb->max_blocks * (PAGE_SIZE / 1024)));
    if (sb->max_inodes != nr_total_pages() / 2) sb_printf(s, ",nr_inodes=%lu", (unsigned long)sb->max_inodes);
    if (sb->root_mode != 01777) sb_printf(s, ",mode=%03o", sb->root_mode);
    struct inode *root = sb->root ? sb->root->inode : NULL;
    if (root && root->uid) sb_printf(s, ",uid=%u", root->uid);
    if (root && root->gid) sb_printf(s, ",gid=%u", root->gid);
}

static void mnt_opts(struct seqbuf *s, const struct mount *m) {
    static const struct { unsigned flag; const char *name; } o[] = {
        { MNT_NOSUID, ",nosuid" }, { MNT_NODEV, ",nodev" }, { MNT_NOEXEC, ",noexec" },
        { MNT_NOATIME, ",noatime" }, { MNT_NODIRATIME, ",nodiratime" }, { MNT_RELATIME, ",relatime" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(o); i++)
        if (m->flags & o[i].flag) sb_printf(s, "%s", o[i].name);
}

/* Linux's seq_escape of names in mount tables: space, tab, newline, backslash as \ooo. */
static void escaped(struct seqbuf *s, const char *str) {
    for (; *str; str++) {
        if (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\\') sb_printf(s, "\\%03o", (u8)*str);
        else sb_write(s, str, 1);
    }
}

/* The path of d from its filesystem's root ("/" for the root). */
static void dentry_path(struct dentry *d, char *buf, size_t size) {
    size_t pos = size - 1;
    buf[pos] = 0;
    while (!d_is_root(d) && pos > d->name_len + 1) {
        pos -= d->name_len;
        memcpy(buf + pos, d->name, d->name_len);
        buf[--pos] = '/';
        d = d->parent;
    }
    if (pos == size - 1) buf[--pos] = '/';
    memmove(buf, buf + pos, size - pos);
}

/* /proc/mounts and /proc/PID/mounts (Linux's show_vfsmnt) or mountinfo (show_mountinfo), for the
 * mounts visible from the reader's root: others are skipped, as in a chroot on Linux. */
static int show_mount_table(struct seqbuf *s, pid_t pid, bool info) {
    struct path root, cwd;
    fs_root_cwd(&root, &cwd);
    char *k = kmalloc(FS_PATH_MAX), *r = kmalloc(FS_PATH_MAX);
    if (!k || !r) { kfree(k); kfree(r); path_put(&root); path_put(&cwd); return -ENOMEM; }
    for (struct mount *m = vfs_mounts(); m; m = m->next) {
        struct path top = { m, m->root };
        bool reachable, deleted;
        if (d_path(&top, &root, k, FS_PATH_MAX, &reachable, &deleted) < 0 || !reachable) continue;
        if (info) {
            dentry_path(m->root, r, FS_PATH_MAX);
            sb_printf(s, "%d %d %u:%u ", m->id, m->parent->id, MAJOR(m->sb->dev), MINOR(m->sb->dev));
            escaped(s, r);
            sb_write(s, " ", 1);
            escaped(s, k);
            sb_printf(s, " %s", (m->flags & MNT_RDONLY) ? "ro" : "rw");
            mnt_opts(s, m);
            sb_printf(s, " - %s ", m->sb->fstype);
            escaped(s, m->devname);
            sb_printf(s, " rw");
            tmpfs_opts(s, m->sb);
            sb_write(s, "\n", 1);
        } else {
            escaped(s, m->devname);
            sb_write(s, " ", 1);
            escaped(s, k);
            sb_printf(s, " %s %s", m->sb->fstype, (m->flags & MNT_RDONLY) ? "ro" : "rw");
            mnt_opts(s, m);
            tmpfs_opts(s, m->sb);
            sb_printf(s, " 0 0\n");
        }
    }
    kfree(k);
    kfree(r);
    path_put(&root);
    path_put(&cwd);
    return 0;
}
static int show_mounts(struct seqbuf *s, pid_t pid) { return show_mount_table(s, pid, false); }
static int show_mountinfo(struct seqbuf *s, pid_t pid) { return show_mount_table(s, pid, true); }

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
    { "stat", S_IFREG | 0444, .show = show_proc_stat },
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

/* Signal dispositions as bit masks: ignored (SIG_IGN) and caught (a handler). */
static void sig_masks(const struct task *t, u64 *ign, u64 *cgt) {
    *ign = *cgt = 0;
    if (!t->sighand) return;
    for (int i = 0; i < 64; i++) {
        u64 h = t->sighand->action[i].handler;
        if (h == 1) *ign |= 1ULL << i;
        else if (h > 1) *cgt |= 1ULL << i;
    }
}

/* The 52 fields of Linux's do_task_stat; the ones we do not track are 0. */
static int show_stat(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    struct process *p = t->proc;
    struct mm *mm = t->mm;
    u64 ign, cgt;
    sig_masks(t, &ign, &cgt);
    unsigned long vsize = mm ? mm_total_vm(mm) : 0, rss = mm ? mm->rss_pages : 0;
    sb_printf(s, "%d (%s) %c %d %d %d 0 -1 4194304 0 0 0 0 %lu 0 0 0 20 0 %d 0 %lu %lu %lu ",
              p->pid, t->comm, state_of(t), p->parent ? p->parent->pid : 0, p->pgid, p->sid,
              (unsigned long)(p->utime_ns / NS_PER_TICK), p->nr_threads,
              (unsigned long)(p->start_ns / NS_PER_TICK), vsize, rss);
    sb_printf(s, "%lu 0 0 %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 0 0 %lu %lu %lu %lu %lu 0\n",
              (unsigned long)p->rlim[RLIMIT_RSS_INDEX].cur,
              (unsigned long)(mm ? mm->stack_top : 0), (unsigned long)(t->sigpending | p->shared_pending),
              (unsigned long)t->sigmask, (unsigned long)ign, (unsigned long)cgt, p->exit_signal,
              (unsigned long)(mm ? mm->brk_start : 0), (unsigned long)(mm ? mm->arg_start : 0),
              (unsigned long)(mm ? mm->arg_end : 0), (unsigned long)(mm ? mm->env_start : 0),
              (unsigned long)(mm ? mm->env_end : 0));
    return 0;
}

/* "size resident shared text lib data dt" in pages (Linux's proc_pid_statm). */
static int show_statm(struct seqbuf *s, pid_t pid) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    struct mm *mm = t->mm;
    sb_printf(s, "%lu %lu 0 0 0 0 0\n", (unsigned long)(mm ? mm_total_vm(mm) / PAGE_SIZE : 0),
              (unsigned long)(mm ? mm->rss_pages : 0));
    return 0;
}

/* Linux's proc_pid_status (fs/proc/array.c), the fields in its order. */
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
    sb_printf(s, "TracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\nFDSize:\t%d\nGroups:\t",
              c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid, c->fsgid,
              t->files ? (t->files->size ? t->files->size : 64) : 0);
    for (u32 i = 0; i < c->ngroups && i < CRED_MAX_GROUPS; i++) sb_printf(s, i ? " %u" : "%u", c->groups[i]);
    sb_printf(s, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", p->pid, t->tid, p->pgid, p->sid);
    if (t->mm) {
        unsigned long vm = mm_total_vm(t->mm) / 1024, rss = t->mm->rss_pages * (PAGE_SIZE / 1024);
        sb_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n"
                     "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\n"
                     "RssShmem:\t%8lu kB\n", vm, vm, 0UL, 0UL, rss, rss, rss, 0UL, 0UL);
        sb_printf(s, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n"
                     "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\nHugetlbPages:\t%8lu kB\n",
                  0UL, 0UL, 0UL, 0UL, 0UL, 0UL, 0UL);
    }
    u64 ign, cgt;
    sig_masks(t, &ign, &cgt);
    sb_printf(s, "CoreDumping:\t0\nTHP_enabled:\t0\nThreads:\t%d\nSigQ:\t0/%lu\n", p->nr_threads,
              (unsigned long)p->rlim[RLIMIT_SIGPENDING_INDEX].cur);
    sb_printf(s, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
              (unsigned long)t->sigpending, (unsigned long)p->shared_pending, (unsigned long)t->sigmask,
              (unsigned long)ign, (unsigned long)cgt);
    const char *cap = c->euid == 0 ? "000001ffffffffff" : "0000000000000000";
    sb_printf(s, "CapInh:\t0000000000000000\nCapPrm:\t%s\nCapEff:\t%s\nCapBnd:\t000001ffffffffff\n"
                 "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n", cap, cap);
    sb_printf(s, "Speculation_Store_Bypass:\tnot vulnerable\nSpeculationIndirectBranch:\tunknown\n"
                 "Cpus_allowed:\t1\nCpus_allowed_list:\t0\nMems_allowed:\t1\nMems_allowed_list:\t0\n"
                 "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
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

/* The argument or environment block, read from the process's address space (Linux reads it the
 * same way, through the target's mm). Processes without one (exiting) show nothing, which ps
 * prints as "[comm]". */
static int show_user_block(struct seqbuf *s, pid_t pid, bool env) {
    struct task *t = proc_task(pid);
    if (!t) return -ESRCH;
    struct mm *mm = t->mm;
    if (!mm) return 0;
    uaddr_t a = env ? mm->env_start : mm->arg_start, e = env ? mm->env_end : mm->arg_end;
    char chunk[256];
    while (a < e) {
        size_t n = MIN((size_t)(e - a), sizeof(chunk));
        if (copy_from_user_mm(mm, chunk, a, n)) break;
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
static int show_pid_mountinfo(struct seqbuf *s, pid_t pid) { return show_mountinfo(s, pid); }

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
    { "mountinfo", S_IFREG | 0444, .show = show_pid_mountinfo },
    { "statm", S_IFREG | 0444, .show = show_statm },
};
const size_t proc_pid_count = ARRAY_SIZE(proc_pid_entries);
