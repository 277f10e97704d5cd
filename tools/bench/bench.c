/* Levitate benchmark suite (issue 6): one static program, run unchanged on Levitate and on Linux.
 *
 * usage: bench [--quick] [--budget SECONDS] [--no-fork] [--list] [--hello] [NAME...]
 *
 * Each benchmark repeats one operation until a time budget is spent (self-calibrating: the
 * iteration count grows until one timed run lasts at least the budget) and prints one JSON line:
 *   {"bench":"null_syscall","ns_per_op":123.4,"iters":4096}
 * throughput benchmarks add "mb_per_s" (10^6 bytes per second). A
 * benchmark that fails prints {"bench":"NAME","error":"what failed"}. The last line is
 *   {"done":true,"ok":N,"failed":M}
 * and the exit status is 0 when nothing failed, 1 otherwise, 2 on a usage error.
 *
 *   --quick         tiny budgets (a smoke test: the numbers mean little)
 *   --budget S      time budget of one timed run in seconds (default 0.25)
 *   --no-fork       run every benchmark in this process (default: each in a child process, so a
 *                   crash of one benchmark is reported and the others still run)
 *   --list          print the benchmark names and exit
 *   --hello         print "bench: hello from user space" and exit (boot-time probe); as PID 1 it
 *                   then powers the machine off. Invoked as "bench-hello" it does the same.
 *   NAME...         run only these benchmarks (default: all, in the listed order)
 *
 * Only libc wrappers and syscall() are used: no kernel-specific interface. Files go to /tmp
 * (tmpfs); fork_exec runs /bin/true (BusyBox on both systems). Timing is CLOCK_MONOTONIC through
 * libc (a vDSO read where the kernel provides one, else a system call: far below the budget).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KiB 1024L
#define MiB (1024L * 1024L)
#define PAGE 4096L

static double budget_ns = 0.25e9;
static char errbuf[256];

/* A benchmark's run function performs `iters` operations and returns the nanoseconds they took
 * (only the timed part), or a negative value after calling fail(). */
typedef double (*run_fn)(long iters);

static int fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, sizeof errbuf, fmt, ap);
    va_end(ap);
    return -1;
}
#define FAILERR(what) (fail("%s: %s", what, strerror(errno)), -1.0)

static inline uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void json_string(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

/* ---- the benchmarks ---------------------------------------------------------------------- */

static double b_null_syscall(long n) {
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) syscall(SYS_getppid);
    return now_ns() - t;
}

static double b_clock_gettime_libc(long n) {
    struct timespec ts;
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) clock_gettime(CLOCK_MONOTONIC, &ts);
    return now_ns() - t;
}

static double b_clock_gettime_syscall(long n) {
    struct timespec ts;
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return now_ns() - t;
}

static double b_read_devzero(long n) {
    char c;
    int fd = open("/dev/zero", O_RDONLY);
    if (fd < 0) return FAILERR("open /dev/zero");
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++)
        if (read(fd, &c, 1) != 1) { close(fd); return FAILERR("read /dev/zero"); }
    double d = now_ns() - t;
    close(fd);
    return d;
}

#define SMALL_FILE "/tmp/bench-small"

static int make_small_file(void) {
    int fd = open(SMALL_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return fail("create " SMALL_FILE ": %s", strerror(errno));
    if (write(fd, "levitate\n", 9) != 9) { close(fd); return fail("write " SMALL_FILE ": %s", strerror(errno)); }
    close(fd);
    return 0;
}

static double b_open_close(long n) {
    if (make_small_file() < 0) return -1;
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        int fd = open(SMALL_FILE, O_RDONLY);
        if (fd < 0) return FAILERR("open " SMALL_FILE);
        close(fd);
    }
    return now_ns() - t;
}

static double b_stat(long n) {
    struct stat st;
    if (make_small_file() < 0) return -1;
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++)
        if (stat(SMALL_FILE, &st) < 0) return FAILERR("stat " SMALL_FILE);
    return now_ns() - t;
}

static int wait_ok(pid_t pid, const char *what) {
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return fail("%s: waitpid: %s", what, strerror(errno));
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) return 0;
    if (WIFSIGNALED(st)) return fail("%s: child killed by signal %d", what, WTERMSIG(st));
    return fail("%s: child exited with status %d", what, WEXITSTATUS(st));
}

static double b_fork_exit(long n) {
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) return FAILERR("fork");
        if (p == 0) _exit(0);
        if (wait_ok(p, "fork_exit") < 0) return -1;
    }
    return now_ns() - t;
}

static const char *exec_path = "/bin/true";

static double b_fork_exec(long n) {
    char *argv[] = { (char *)"true", NULL };
    char *envp[] = { NULL };
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        pid_t p = fork();
        if (p < 0) return FAILERR("fork");
        if (p == 0) {
            execve(exec_path, argv, envp);
            _exit(127);
        }
        if (wait_ok(p, "fork_exec /bin/true") < 0) return -1;
    }
    return now_ns() - t;
}

/* Ping-pong: one byte each way through two pipes; one op = one round trip. */
struct pp { int to[2], back[2]; long n; int err; };

static void *pp_echo(void *arg) {
    struct pp *p = arg;
    char c;
    for (long i = 0; i < p->n; i++) {
        if (read(p->to[0], &c, 1) != 1 || write(p->back[1], &c, 1) != 1) { p->err = errno ? errno : EIO; break; }
    }
    return NULL;
}

static int pp_open(struct pp *p, long n) {
    p->n = n;
    p->err = 0;
    if (pipe(p->to) < 0) return fail("pipe: %s", strerror(errno));
    if (pipe(p->back) < 0) { close(p->to[0]); close(p->to[1]); return fail("pipe: %s", strerror(errno)); }
    return 0;
}

static void pp_close(struct pp *p) {
    close(p->to[0]); close(p->to[1]); close(p->back[0]); close(p->back[1]);
}

static double pp_drive(struct pp *p) {
    char c = 'x';
    uint64_t t = now_ns();
    for (long i = 0; i < p->n; i++)
        if (write(p->to[1], &c, 1) != 1 || read(p->back[0], &c, 1) != 1) return FAILERR("pipe ping-pong");
    return now_ns() - t;
}

static double b_pipe_pingpong_proc(long n) {
    struct pp p;
    if (pp_open(&p, n) < 0) return -1;
    pid_t pid = fork();
    if (pid < 0) { pp_close(&p); return FAILERR("fork"); }
    if (pid == 0) { pp_echo(&p); _exit(p.err ? 1 : 0); }
    double d = pp_drive(&p);
    pp_close(&p);
    if (wait_ok(pid, "pipe_pingpong_proc echo child") < 0) return -1;
    return d;
}

static double b_pipe_pingpong_thread(long n) {
    struct pp p;
    pthread_t th;
    if (pp_open(&p, n) < 0) return -1;
    int e = pthread_create(&th, NULL, pp_echo, &p);
    if (e) { pp_close(&p); return fail("pthread_create: %s", strerror(e)); }
    double d = pp_drive(&p);
    pthread_join(th, NULL);
    pp_close(&p);
    if (d >= 0 && p.err) return fail("echo thread: %s", strerror(p.err));
    return d;
}

/* 64 KiB per op from a writer process to this one; reads are completed to whole 64 KiB. */
#define CHUNK (64 * KiB)
static char chunk_buf[CHUNK];

static double b_pipe_throughput(long n) {
    int fds[2];
    if (pipe(fds) < 0) return FAILERR("pipe");
    pid_t pid = fork();
    if (pid < 0) return FAILERR("fork");
    if (pid == 0) {
        close(fds[0]);
        memset(chunk_buf, 'w', CHUNK);
        for (long i = 0; i < n; i++) {
            for (long off = 0; off < CHUNK;) {
                ssize_t w = write(fds[1], chunk_buf + off, CHUNK - off);
                if (w <= 0) _exit(1);
                off += w;
            }
        }
        _exit(0);
    }
    close(fds[1]);
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        for (long off = 0; off < CHUNK;) {
            ssize_t r = read(fds[0], chunk_buf + off, CHUNK - off);
            if (r <= 0) { close(fds[0]); return r < 0 ? FAILERR("read pipe") : (fail("pipe: early EOF"), -1.0); }
            off += r;
        }
    }
    double d = now_ns() - t;
    close(fds[0]);
    if (wait_ok(pid, "pipe_throughput writer") < 0) return -1;
    return d;
}

static void *nothing(void *arg) { return arg; }

static double b_thread_create(long n) {
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        pthread_t th;
        int e = pthread_create(&th, NULL, nothing, NULL);
        if (e) return fail("pthread_create: %s", strerror(e));
        if ((e = pthread_join(th, NULL))) return fail("pthread_join: %s", strerror(e));
    }
    return now_ns() - t;
}

/* Futex ping-pong between two threads on one word: 1 = the other thread's turn, 0 = ours. */
static _Atomic uint32_t fword;
static long futex_n;
static int futex_err;

static long futex(_Atomic uint32_t *w, int op, uint32_t val) {
    return syscall(SYS_futex, w, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

static void *futex_partner(void *arg) {
    for (long i = 0; i < futex_n; i++) {
        while (atomic_load(&fword) == 0)
            if (futex(&fword, FUTEX_WAIT, 0) < 0 && errno != EAGAIN && errno != EINTR) { futex_err = errno; return arg; }
        atomic_store(&fword, 0);
        if (futex(&fword, FUTEX_WAKE, 1) < 0) { futex_err = errno; return arg; }
    }
    return arg;
}

static double b_futex_pingpong(long n) {
    pthread_t th;
    atomic_store(&fword, 0);
    futex_n = n;
    futex_err = 0;
    int e = pthread_create(&th, NULL, futex_partner, NULL);
    if (e) return fail("pthread_create: %s", strerror(e));
    uint64_t t = now_ns();
    for (long i = 0; i < n && !futex_err; i++) {
        atomic_store(&fword, 1);
        if (futex(&fword, FUTEX_WAKE, 1) < 0) { futex_err = errno; break; }
        while (atomic_load(&fword) == 1)
            if (futex(&fword, FUTEX_WAIT, 1) < 0 && errno != EAGAIN && errno != EINTR) { futex_err = errno; break; }
    }
    double d = now_ns() - t;
    if (futex_err) {                /* unblock the partner and report */
        atomic_store(&fword, 1);
        futex_n = 0;
        futex(&fword, FUTEX_WAKE, 1);
    }
    pthread_join(th, NULL);
    if (futex_err) return fail("futex: %s", strerror(futex_err));
    return d;
}

static double b_mmap_touch_1m(long n) {
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        char *p = mmap(NULL, MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return FAILERR("mmap 1 MiB");
        for (long off = 0; off < MiB; off += PAGE) p[off] = 1;
        if (munmap(p, MiB) < 0) return FAILERR("munmap");
    }
    return now_ns() - t;
}

/* First touch of fresh anonymous pages; one op = one 4 KiB page fault. Only the touching loop is
 * timed (mmap/munmap of the 8 MiB regions are not); transparent huge pages are declined so that
 * every page faults (Debian's kernel defaults to THP "always"). */
#define PF_REGION (8 * MiB)
static double b_page_fault(long n) {
    double total = 0;
    while (n > 0) {
        long pages = n < PF_REGION / PAGE ? n : PF_REGION / PAGE;
        char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return FAILERR("mmap");
        madvise(p, pages * PAGE, MADV_NOHUGEPAGE);
        uint64_t t = now_ns();
        for (long i = 0; i < pages; i++) p[i * PAGE] = 1;
        total += now_ns() - t;
        if (munmap(p, pages * PAGE) < 0) return FAILERR("munmap");
        n -= pages;
    }
    return total;
}

/* 16 MiB written (create/truncate, 64 KiB writes, close) or read back (open, 64 KiB reads). */
#define BIG_FILE "/tmp/bench-16m"
#define BIG_SIZE (16 * MiB)

static double write_big(long n) {
    memset(chunk_buf, 'b', CHUNK);
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        int fd = open(BIG_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) return FAILERR("open " BIG_FILE);
        for (long off = 0; off < BIG_SIZE; off += CHUNK)
            if (write(fd, chunk_buf, CHUNK) != CHUNK) { close(fd); return FAILERR("write " BIG_FILE); }
        if (close(fd) < 0) return FAILERR("close " BIG_FILE);
    }
    return now_ns() - t;
}

static double b_tmpfs_write(long n) {
    double d = write_big(n);
    unlink(BIG_FILE);
    return d;
}

static double b_tmpfs_read(long n) {
    if (write_big(1) < 0) { unlink(BIG_FILE); return -1; }
    uint64_t t = now_ns();
    for (long i = 0; i < n; i++) {
        int fd = open(BIG_FILE, O_RDONLY);
        if (fd < 0) { unlink(BIG_FILE); return FAILERR("open " BIG_FILE); }
        for (long off = 0; off < BIG_SIZE; off += CHUNK)
            if (read(fd, chunk_buf, CHUNK) != CHUNK) { close(fd); unlink(BIG_FILE); return FAILERR("read " BIG_FILE); }
        close(fd);
    }
    double d = now_ns() - t;
    unlink(BIG_FILE);
    return d;
}

/* ---- the table and the harness ------------------------------------------------------------- */

struct bench {
    const char *name;
    run_fn run;
    long bytes_per_op;      /* throughput benchmarks: bytes moved per op (adds mb_per_s) */
    const char *what;
};

static const struct bench benches[] = {
    { "null_syscall",          b_null_syscall,          0, "getppid via syscall()" },
    { "clock_gettime_libc",    b_clock_gettime_libc,    0, "clock_gettime(CLOCK_MONOTONIC) through libc (vDSO on Linux)" },
    { "clock_gettime_syscall", b_clock_gettime_syscall, 0, "clock_gettime(CLOCK_MONOTONIC) as a raw system call" },
    { "read_devzero_1b",       b_read_devzero,          0, "read of 1 byte from /dev/zero" },
    { "open_close",            b_open_close,            0, "open+close of " SMALL_FILE },
    { "stat",                  b_stat,                  0, "stat of " SMALL_FILE },
    { "fork_exit_wait",        b_fork_exit,             0, "fork, child _exit(0), waitpid" },
    { "fork_exec_wait",        b_fork_exec,             0, "fork, child execve /bin/true, waitpid" },
    { "pipe_pingpong_proc",    b_pipe_pingpong_proc,    0, "1-byte round trip over two pipes between two processes" },
    { "pipe_pingpong_thread",  b_pipe_pingpong_thread,  0, "1-byte round trip over two pipes between two threads" },
    { "pipe_throughput_64k",   b_pipe_throughput,   CHUNK, "64 KiB through a pipe from another process" },
    { "thread_create_join",    b_thread_create,         0, "pthread_create + pthread_join" },
    { "futex_pingpong",        b_futex_pingpong,        0, "FUTEX_WAKE/FUTEX_WAIT round trip between two threads" },
    { "mmap_touch_munmap_1m",  b_mmap_touch_1m,         0, "mmap 1 MiB anonymous, write each page, munmap" },
    { "page_fault",            b_page_fault,            0, "first write to a fresh anonymous 4 KiB page" },
    { "tmpfs_write_16m",       b_tmpfs_write,  BIG_SIZE, "create + 16 MiB in 64 KiB writes + close, in /tmp" },
    { "tmpfs_read_16m",        b_tmpfs_read,   BIG_SIZE, "open + 16 MiB in 64 KiB reads + close, in /tmp" },
};
#define NBENCH (sizeof benches / sizeof benches[0])

/* Grow the iteration count until one timed run lasts at least the budget; that run is reported. */
static int measure(const struct bench *b, double *ns_out, long *iters_out) {
    long iters = 1;
    for (int rounds = 0; rounds < 64; rounds++) {
        errbuf[0] = 0;
        double d = b->run(iters);
        if (d < 0) return -1;
        if (d >= budget_ns) { *ns_out = d; *iters_out = iters; return 0; }
        double want = d > 0 ? iters * (budget_ns * 1.15 / d) : iters * 100.0;
        if (want > iters * 100.0) want = iters * 100.0;
        if (want < iters * 2.0) want = iters * 2.0;
        if (want > 1e12) return fail("calibration: the operation takes no time");
        iters = (long)want;
    }
    return fail("calibration did not converge");
}

/* Runs one benchmark (in this process) and prints its line; returns 0 on success. */
static int run_one(const struct bench *b) {
    double ns = 0;
    long iters = 1;
    if (measure(b, &ns, &iters) < 0) {
        printf("{\"bench\":\"%s\",\"error\":", b->name);
        json_string(errbuf[0] ? errbuf : "failed");
        printf("}\n");
        fflush(stdout);
        return 1;
    }
    double per = ns / iters;
    printf("{\"bench\":\"%s\",\"ns_per_op\":%.1f,\"iters\":%ld", b->name, per, iters);
    if (b->bytes_per_op) printf(",\"mb_per_s\":%.1f", b->bytes_per_op * 1e3 / per);
    printf("}\n");
    fflush(stdout);
    return 0;
}

/* Runs it in a child, so a crash or a stray signal is reported and the others still run. The
 * child prints its own line; the parent prints one only if the child died without doing so. */
static int run_forked(const struct bench *b) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("{\"bench\":\"%s\",\"error\":\"fork for the benchmark: %s\"}\n", b->name, strerror(errno));
        fflush(stdout);
        return 1;
    }
    if (pid == 0) _exit(run_one(b) ? 1 : 0);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) { st = -1; break; }
    if (st != -1 && WIFEXITED(st)) return WEXITSTATUS(st) != 0;
    char msg[64];
    if (st == -1) snprintf(msg, sizeof msg, "waitpid: %s", strerror(errno));
    else snprintf(msg, sizeof msg, "benchmark process killed by signal %d", WTERMSIG(st));
    printf("{\"bench\":\"%s\",\"error\":\"%s\"}\n", b->name, msg);
    fflush(stdout);
    return 1;
}

static int hello(void) {
    static const char msg[] = "bench: hello from user space\n";
    if (write(1, msg, sizeof msg - 1) < 0) return 1;
    if (getpid() == 1) {          /* as init: stop the machine (Linux panics when init exits) */
        sync();
        reboot(RB_POWER_OFF);
    }
    return 0;
}

static void usage(FILE *f) {
    fprintf(f, "usage: bench [--quick] [--budget SECONDS] [--no-fork] [--list] [--hello] [NAME...]\n");
}

int main(int argc, char **argv) {
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (!strcmp(base, "bench-hello")) return hello();

    int use_fork = 1, nsel = 0;
    const struct bench *sel[NBENCH];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--quick")) budget_ns = 0.01e9;
        else if (!strcmp(a, "--budget") && i + 1 < argc) {
            char *end;
            double s = strtod(argv[++i], &end);
            if (*end || !(s > 0)) { fprintf(stderr, "bench: bad --budget %s\n", argv[i]); return 2; }
            budget_ns = s * 1e9;
        } else if (!strcmp(a, "--no-fork")) use_fork = 0;
        else if (!strcmp(a, "--hello")) return hello();
        else if (!strcmp(a, "--list")) {
            for (unsigned k = 0; k < NBENCH; k++) printf("%-22s %s\n", benches[k].name, benches[k].what);
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) { usage(stdout); return 0; }
        else if (a[0] == '-') { usage(stderr); return 2; }
        else {
            unsigned k;
            for (k = 0; k < NBENCH && strcmp(benches[k].name, a); k++) {}
            if (k == NBENCH) { fprintf(stderr, "bench: no benchmark named %s (see --list)\n", a); return 2; }
            if (nsel < (int)NBENCH) sel[nsel++] = &benches[k];
        }
    }
    if (nsel == 0)
        for (unsigned k = 0; k < NBENCH; k++) sel[nsel++] = &benches[k];

    signal(SIGPIPE, SIG_IGN);      /* a dead partner shows up as EPIPE, reported as an error */
    int failed = 0;
    for (int i = 0; i < nsel; i++)
        failed += use_fork ? run_forked(sel[i]) : run_one(sel[i]);
    printf("{\"done\":true,\"ok\":%d,\"failed\":%d}\n", nsel - failed, failed);
    fflush(stdout);
    return failed ? 1 : 0;
}
