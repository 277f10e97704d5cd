/* Resource limits: a fork bomb as a non-root user under RLIMIT_NPROC ends in EAGAIN and the system
 * keeps working (root, which RLIMIT_NPROC does not bind, forks and execs afterwards); threads count
 * towards RLIMIT_NPROC; an oversized allocation gives ENOMEM (1 TiB without MAP_NORESERVE, and under
 * RLIMIT_AS); RLIMIT_STACK is honoured by exec (the new program's stack grows up to the limit and no
 * further); setrlimit/prlimit64 errors. Exit 0 = pass.
 *
 * qemu-user differences (checked only under strict()): it ignores RLIMIT_AS, RLIMIT_DATA and
 * RLIMIT_STACK (setrlimit succeeds without effect, getrlimit shows the host's), gives every guest
 * program a fixed 8 MiB stack, and each emulated process is two host tasks (its RCU thread), so the
 * number of processes RLIMIT_NPROC allows differs. */
#include "lv.h"
#include <pthread.h>
#include <sys/mman.h>
#include <sys/resource.h>

#define SELF "/tests/limits"
#define MiB (1024UL * 1024)

/* ---- RLIMIT_NPROC --------------------------------------------------------------------------- */

/* Odd on purpose: under qemu-user the caller (after a raw setresuid in its main thread) is one
 * task of the user and every child two (its RCU thread), so an odd limit makes fork itself fail
 * rather than a child's RCU thread (which aborts that qemu). */
#define NPROC 13

struct bomb {
    int succ, done, eagain, other, maxdepth;
};

static void bomb_body(struct bomb *b, int release_rd, int depth)
{
    for (int k = 0; k < 3 && depth < 5; k++) {
        long pid = lv_fork();
        if (pid == 0) {
            depth++;
            k = -1;                      /* the child starts its own round of forks */
            continue;
        }
        if (pid > 0)
            __atomic_add_fetch(&b->succ, 1, __ATOMIC_SEQ_CST);
        else if (errno == EAGAIN)
            __atomic_add_fetch(&b->eagain, 1, __ATOMIC_SEQ_CST);
        else
            __atomic_add_fetch(&b->other, 1, __ATOMIC_SEQ_CST);
    }
    __atomic_add_fetch(&b->done, 1, __ATOMIC_SEQ_CST);
    char c;
    read(release_rd, &c, 1);             /* until the leader lets go */
    while (syscall(SYS_wait4, -1, NULL, 0, NULL) > 0)
        ;
    syscall(SYS_exit_group, 0);
}

static void nproc_body(void)
{
    struct bomb *b = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset(b, 0, sizeof *b);
    struct rlimit rl = {NPROC, NPROC};
    EQ(setrlimit(RLIMIT_NPROC, &rl), 0);
    long uid = 40000 + syscall(SYS_getpid) % 10000;          /* a user with no other processes */
    EQ(syscall(SYS_setresgid, uid, uid, uid), 0);
    EQ(syscall(SYS_setresuid, uid, uid, uid), 0);
    if (syscall(SYS_getuid) != uid)
        return;
    int rel[2];
    EQ(pipe2(rel, 0), 0);
    /* the bomb runs in its own process group under one root process, so that whatever is left
     * can be killed as a group */
    long root = lv_fork();
    if (root == 0) {
        syscall(SYS_setpgid, 0, 0);
        close(rel[1]);
        bomb_body(b, rel[0], 0);
    }
    CHECK(root > 0, "fork of the bomb's root: errno %d", errno);
    if (root <= 0)
        return;
    setpgid(root, root);
    close(rel[0]);
    for (int i = 0; i < 5000 && __atomic_load_n(&b->done, __ATOMIC_SEQ_CST) != __atomic_load_n(&b->succ, __ATOMIC_SEQ_CST) + 1; i++)
        usleep(1000);
    STRICT(b->done == b->succ + 1, "a qemu-user child can die when its RCU thread is refused",
           "%d of %d processes finished their forks", b->done, b->succ + 1);
    CHECK(b->eagain > 0, "the fork bomb never got EAGAIN (%d processes)", b->succ + 1);
    EQ(b->other, 0);
    CHECK(b->succ >= 1 && b->succ < NPROC - 1, "%d forks succeeded under RLIMIT_NPROC %d", b->succ, NPROC);
    STRICT(b->succ == NPROC - 2, "qemu-user processes are two host tasks each",
           "%d forks succeeded, expected %d (the limit counts us and the bomb's root too)", b->succ, NPROC - 2);
    /* let them go: each reaps its children; we reap the root */
    close(rel[1]);
    int st = -1;
    for (int i = 0; i < 1000; i++) {
        if (syscall(SYS_wait4, root, &st, WNOHANG, NULL) == root)
            break;
        usleep(10000);
    }
    if (st == -1) {
        /* a hung qemu-user child (its RCU thread was refused): clean up the group */
        STRICT(0, "qemu-user", "the fork bomb did not end within 10 s");
        syscall(SYS_kill, -root, SIGKILL);
        syscall(SYS_wait4, root, &st, 0, NULL);
    }
    FAILS(syscall(SYS_wait4, -1, NULL, WNOHANG, NULL), ECHILD);
    /* all gone: we can fork again */
    long pid = lv_fork();
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    CHECK(pid > 0, "fork after the bomb ended: errno %d", errno);
    if (pid > 0)
        reap(pid);
}

static void *idle_thread(void *arg)
{
    int fd = (int)(long)arg;
    char c;
    read(fd, &c, 1);
    return NULL;
}

static void nproc_threads_body(void)
{
    struct rlimit rl = {3, 3};
    EQ(setrlimit(RLIMIT_NPROC, &rl), 0);
    long uid = 40000 + syscall(SYS_getpid) % 10000;
    EQ(syscall(SYS_setresuid, uid, uid, uid), 0);
    int rel[2];
    EQ(pipe2(rel, 0), 0);
    pthread_t t[3];
    int made = 0, err = 0;
    for (int i = 0; i < 3; i++) {
        int e = pthread_create(&t[made], NULL, idle_thread, (void *)(long)rel[0]);
        if (e) {
            err = e;
            break;
        }
        made++;
    }
    STRICT(made == 2 && err == EAGAIN, "qemu-user processes are two host tasks each",
           "threads under RLIMIT_NPROC 3: %d created, then error %d (expected 2, then EAGAIN)", made, err);
    long pid = lv_fork();                      /* a process is refused as well */
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    if (pid > 0)
        reap(pid);
    STRICT(pid == -1 && errno == EAGAIN, "qemu-user processes are two host tasks each",
           "fork with 3 tasks under RLIMIT_NPROC 3: %ld", pid);
    close(rel[1]);
    for (int i = 0; i < made; i++)
        pthread_join(t[i], NULL);
}

static void sec_nproc(void)
{
    checked_in_child(nproc_body, "fork bomb under RLIMIT_NPROC");
    /* root is not bound by it and the system still works: fork + exec */
    long pid = lv_fork();
    if (pid == 0) {
        char *argv[] = {"true", NULL};
        char *envp[] = {NULL};
        syscall(SYS_execve, "/bin/true", argv, envp);
        syscall(SYS_exit_group, 99);
    }
    EQ(reap(pid), 0);
    struct rlimit rl = {1, 1};
    pid = lv_fork();
    if (pid == 0) {
        setrlimit(RLIMIT_NPROC, &rl);         /* root ignores it */
        long c = lv_fork();
        if (c == 0)
            syscall(SYS_exit_group, 0);
        syscall(SYS_exit_group, c > 0 && reap(c) == 0 ? 0 : 1);
    }
    EQ(reap(pid), 0);
}

static void sec_nproc_threads(void) { checked_in_child(nproc_threads_body, "threads under RLIMIT_NPROC"); }

/* ---- ENOMEM --------------------------------------------------------------------------------- */

static void as_body(void)
{
    struct rlimit rl = {256 * MiB, 256 * MiB};
    EQ(setrlimit(RLIMIT_AS, &rl), 0);
    struct rlimit got;
    EQ(getrlimit(RLIMIT_AS, &got), 0);
    STRICT(got.rlim_cur == 256 * MiB && got.rlim_max == 256 * MiB, "qemu-user ignores RLIMIT_AS",
           "getrlimit(RLIMIT_AS) = %lu/%lu", (unsigned long)got.rlim_cur, (unsigned long)got.rlim_max);
    void *p = mmap(NULL, 512 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    STRICT(p == MAP_FAILED && errno == ENOMEM, "qemu-user ignores RLIMIT_AS", "512 MiB under RLIMIT_AS 256 MiB: %p", p);
    if (p != MAP_FAILED)
        munmap(p, 512 * MiB);
    p = mmap(NULL, 512 * MiB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    STRICT(p == MAP_FAILED && errno == ENOMEM, "qemu-user ignores RLIMIT_AS",
           "512 MiB NORESERVE under RLIMIT_AS 256 MiB: %p", p);
    if (p != MAP_FAILED)
        munmap(p, 512 * MiB);
    p = malloc(400 * MiB);
    STRICT(p == NULL, "qemu-user ignores RLIMIT_AS", "malloc(400 MiB) under RLIMIT_AS 256 MiB succeeded");
    free(p);
    uintptr_t b = (uintptr_t)syscall(SYS_brk, 0);
    STRICT((uintptr_t)syscall(SYS_brk, b + 300 * MiB) == b, "qemu-user ignores RLIMIT_AS",
           "brk grew 300 MiB under RLIMIT_AS 256 MiB");
    syscall(SYS_brk, b);
    /* small things still work */
    p = mmap(NULL, 1 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED, "1 MiB under RLIMIT_AS 256 MiB: errno %d", errno);
    if (p != MAP_FAILED) {
        memset(p, 1, 1 * MiB);
        munmap(p, 1 * MiB);
    }
    char *q = malloc(1000);
    CHECK(q != NULL, "malloc(1000)");
    free(q);
}

static void sec_enomem(void)
{
    /* 1 TiB of committed memory: more than any machine running this has */
    size_t tib = 1UL << 40;
    void *p = mmap(NULL, tib, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM, "1 TiB without MAP_NORESERVE: %p errno %d", p, errno);
    if (p != MAP_FAILED)
        munmap(p, tib);
    /* ... but reserving address space beyond the machine's memory is fine with MAP_NORESERVE
     * (16 GiB: qemu-user needs about a minute to map 1 TiB) */
    size_t big = 16UL << 30;
    p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(p != MAP_FAILED, "16 GiB with MAP_NORESERVE: errno %d", errno);
    if (p != MAP_FAILED) {
        ((char *)p)[big / 2] = 1;
        munmap(p, big);
    }
    p = malloc(tib);
    CHECK(p == NULL && errno == ENOMEM, "malloc(1 TiB): %p errno %d", p, errno);
    /* more than the address space */
    p = mmap(NULL, 1UL << 50, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM, "2^50 bytes: %p errno %d", p, errno);
    checked_in_child(as_body, "RLIMIT_AS");
}

/* ---- setrlimit / prlimit64 ------------------------------------------------------------------ */

static void rlimit_errors_body(void)
{
    struct rlimit rl = {100, 50};
    FAILS(setrlimit(RLIMIT_NOFILE, &rl), EINVAL);                    /* soft above hard */
    FAILS(syscall(SYS_setrlimit, 99, &rl), EINVAL);                  /* no such resource */
    FAILS(syscall(SYS_getrlimit, 99, &rl), EINVAL);
    FAILS(syscall(SYS_getrlimit, RLIMIT_NOFILE, (void *)8), EFAULT);
    rl.rlim_cur = 64;
    rl.rlim_max = 128;
    EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
    struct rlimit got;
    EQ(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &got), 0);
    EQ(got.rlim_cur, 64);
    EQ(got.rlim_max, 128);
    /* the limit is enforced: descriptor 64 cannot be had */
    FAILS(dup3(0, 64, 0), EBADF);
    EQ(dup3(0, 63, 0), 63);
    /* a non-root process cannot raise its hard limit */
    EQ(syscall(SYS_setresuid, 65534, 65534, 65534), 0);
    rl.rlim_cur = 64;
    rl.rlim_max = 256;
    FAILS(setrlimit(RLIMIT_NOFILE, &rl), EPERM);
    rl.rlim_max = 100;                                                 /* lowering is fine */
    EQ(setrlimit(RLIMIT_NOFILE, &rl), 0);
    FAILS(syscall(SYS_prlimit64, 1, RLIMIT_NOFILE, &rl, NULL), EPERM);  /* someone else's */
}

static void sec_rlimit(void) { checked_in_child(rlimit_errors_body, "setrlimit/prlimit64 errors"); }

/* ---- RLIMIT_STACK at exec ------------------------------------------------------------------- */

static volatile int stack_sink;
static int use_stack(int kib)
{
    volatile char frame[4096];
    frame[0] = (char)kib;
    frame[4095] = (char)kib;
    if (kib <= 4)
        return frame[0];
    int r = use_stack(kib - 4) + frame[4095];
    stack_sink = r;
    return r;
}

/* exec ourselves with the given RLIMIT_STACK (KiB, 0 = leave it) to use KIB of stack: the status */
static int stack_run(long limit_kib, int kib, long *reported)
{
    int p[2];
    pipe2(p, 0);
    long pid = lv_fork();
    if (pid == 0) {
        close(p[0]);
        if (limit_kib) {
            struct rlimit rl = {limit_kib * 1024, RLIM_INFINITY};
            setrlimit(RLIMIT_STACK, &rl);
        }
        char a[16], fd[16];
        snprintf(a, sizeof a, "%d", kib);
        snprintf(fd, sizeof fd, "%d", p[1]);
        char *argv[] = {"limits", "--stack", a, fd, NULL};
        char *envp[] = {NULL};
        syscall(SYS_execve, SELF, argv, envp);
        syscall(SYS_exit_group, 99);
    }
    close(p[1]);
    long v = -1;
    read(p[0], &v, sizeof v);
    close(p[0]);
    if (reported)
        *reported = v;
    return reap(pid);
}

static void sec_stack(void)
{
    long rep = 0;
    /* the default 8 MiB: 6 MiB of stack is fine */
    int st = stack_run(0, 6 * 1024, &rep);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "6 MiB of stack under the default limit: %#x", st);
    /* 1 MiB: 512 KiB fine, 4 MiB is a SIGSEGV */
    st = stack_run(1024, 512, &rep);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "512 KiB under RLIMIT_STACK 1 MiB: %#x", st);
    STRICT(rep == 1024 * 1024, "qemu-user reports the host's RLIMIT_STACK",
           "RLIMIT_STACK after exec: %ld, expected 1 MiB", rep);
    st = stack_run(1024, 4 * 1024, NULL);
    STRICT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "qemu-user's stack is always 8 MiB",
           "4 MiB of stack under RLIMIT_STACK 1 MiB: %#x, expected SIGSEGV", st);
    /* 32 MiB: 20 MiB of stack is fine */
    st = stack_run(32 * 1024, 20 * 1024, &rep);
    STRICT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "qemu-user's stack is always 8 MiB",
           "20 MiB of stack under RLIMIT_STACK 32 MiB: %#x", st);
}

static const struct section sections[] = {
    {"nproc", sec_nproc}, {"nproc_threads", sec_nproc_threads}, {"enomem", sec_enomem},
    {"rlimit", sec_rlimit}, {"stack", sec_stack},
};

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--stack") == 0) {
        struct rlimit rl;
        getrlimit(RLIMIT_STACK, &rl);
        long v = (long)rl.rlim_cur;
        write(atoi(argv[3]), &v, sizeof v);
        use_stack(atoi(argv[2]));
        return 0;
    }
    return RUN_SECTIONS("limits", sections, argc, argv);
}
