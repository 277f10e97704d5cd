/* execve and execveat: #! scripts (with and without an interpreter argument), the errors (ENOENT,
 * EACCES, ENOEXEC, ENOTDIR, EFAULT, E2BIG, ELOOP), what survives exec (O_CLOEXEC descriptors closed
 * and others kept, caught signals reset to SIG_DFL and ignored ones kept, the signal mask, pending
 * signals, pid/ppid; the alternate signal stack dropped) and the command name (prctl PR_GET_NAME).
 * Exit 0 = pass.
 *
 * The program re-executes itself as a helper: `proc-exec --dump ...` writes its argv and the
 * environment count to fd 9; `proc-exec --state FD...` writes what it inherited to fd 9. */
#include "lv.h"
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define SELF "/tests/proc-exec"

/* ---- helpers run after exec ------------------------------------------------------------------ */

struct state {
    long pid, ppid;
    int usr1_dfl, usr2_ign, term_handler_dfl, int_blocked, int_pending, quit_pending;
    int fd_cloexec_open, fd_plain_open, fd_dup3_open, fd_setfd_open, fd_dup_open;
    int altstack_disabled;
    char comm[16];
};

static int helper(int argc, char **argv, char **envp, int mode)
{
    int fd = 9;
    if (strncmp(argv[mode], "--dump", 6) == 0) {
        /* argc, then each argument NUL-terminated, then the number of environment strings */
        char buf[4096];
        int n = snprintf(buf, sizeof buf, "%d", argc);
        buf[n++] = 0;
        for (int i = 0; i < argc && n < 4000; i++) {
            size_t l = strlen(argv[i]);
            if (l > 200)
                l = 200;
            memcpy(buf + n, argv[i], l);
            n += l;
            buf[n++] = 0;
        }
        int envc = 0;
        while (envp[envc])
            envc++;
        n += snprintf(buf + n, sizeof buf - n, "env=%d", envc);
        buf[n++] = 0;
        write(fd, buf, n);
        return 0;
    }
    if (strcmp(argv[mode], "--state") == 0) {
        struct state s;
        memset(&s, 0, sizeof s);
        s.pid = syscall(SYS_getpid);
        s.ppid = syscall(SYS_getppid);
        struct sigaction sa;
        sigaction(SIGUSR1, NULL, &sa);
        s.usr1_dfl = sa.sa_handler == SIG_DFL;
        sigaction(SIGUSR2, NULL, &sa);
        s.usr2_ign = sa.sa_handler == SIG_IGN;
        sigaction(SIGTERM, NULL, &sa);
        s.term_handler_dfl = sa.sa_handler == SIG_DFL;
        sigset_t m;
        sigprocmask(SIG_SETMASK, NULL, &m);
        s.int_blocked = sigismember(&m, SIGINT);
        sigpending(&m);
        s.int_pending = sigismember(&m, SIGINT);
        s.quit_pending = sigismember(&m, SIGQUIT);
        for (int i = 2; i < 7 && i < argc; i++) {
            int open_ = fcntl(atoi(argv[i]), F_GETFD) != -1;
            switch (i) {
            case 2: s.fd_cloexec_open = open_; break;
            case 3: s.fd_plain_open = open_; break;
            case 4: s.fd_dup3_open = open_; break;
            case 5: s.fd_setfd_open = open_; break;
            case 6: s.fd_dup_open = open_; break;
            }
        }
        stack_t ss;
        sigaltstack(NULL, &ss);
        s.altstack_disabled = (ss.ss_flags & SS_DISABLE) != 0;
        prctl(PR_GET_NAME, s.comm, 0, 0, 0);
        write(fd, &s, sizeof s);
        return 0;
    }
    return 2;
}

/* ---- running an exec in a child and collecting what it wrote ------------------------------- */

struct result {
    int status;       /* wait status */
    int err;          /* errno of a failed exec (0 if it succeeded) */
    char out[8192];
    int n;
};

/* fork; in the child run fn(arg, wfd) (which execs) with the pipe's write end on fd 9; the child
 * reports a failed exec's errno through the pipe as "ERR<n>" and exits 99. */
static struct result run(void (*fn)(void *, int), void *arg)
{
    static struct result r;
    memset(&r, 0, sizeof r);
    int fds[2];
    if (pipe2(fds, 0) != 0) {
        CHECK(0, "pipe2");
        return r;
    }
    long pid = lv_fork();
    if (pid == 0) {
        close(fds[0]);
        if (fds[1] != 9) {
            dup3(fds[1], 9, 0);
            close(fds[1]);
        }
        fn(arg, 9);
        char b[32];
        int n = snprintf(b, sizeof b, "ERR%d", errno);
        write(9, b, n);
        syscall(SYS_exit_group, 99);
    }
    close(fds[1]);
    long k;
    while (r.n < (int)sizeof r.out - 1 && (k = read(fds[0], r.out + r.n, sizeof r.out - 1 - r.n)) > 0)
        r.n += k;
    close(fds[0]);
    r.status = reap(pid);
    if (r.n > 3 && memcmp(r.out, "ERR", 3) == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 99)
        r.err = atoi(r.out + 3);
    return r;
}

/* exec path with argv[] (NULL-terminated), execveat when use_at */
struct ex {
    const char *path;
    const char *argv[8];
    char **envp;
    int at_fd, at_flags, use_at;
};

static void do_exec(void *arg, int wfd)
{
    struct ex *e = arg;
    (void)wfd;
    const char **argv = e->argv;
    char *empty[] = {NULL};
    char **envp = e->envp ? e->envp : empty;
    if (e->use_at)
        syscall(SYS_execveat, e->at_fd, e->path, argv, envp, e->at_flags);
    else
        syscall(SYS_execve, e->path, argv, envp);
}

/* the dumped argv as "a|b|c" */
static const char *joined(struct result *r)
{
    static char s[8192];
    int k = 0;
    s[0] = 0;
    for (int i = 0; i < r->n && k < (int)sizeof s - 2; i++)
        s[k++] = r->out[i] ? r->out[i] : '|';
    s[k] = 0;
    return s;
}

static void write_file(const char *path, const char *text, int mode)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    CHECK(fd >= 0, "create %s: errno %d", path, errno);
    if (fd < 0)
        return;
    EQ(write(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
    EQ(chmod(path, mode), 0);
}

#define EXPECT_ARGS(res, want) do {                                                          \
        const char *_j = joined(&(res));                                                     \
        CHECK(strcmp(_j, want) == 0, "argv after exec: \"%s\", expected \"%s\" (status %#x)", \
              _j, want, (res).status);                                                       \
    } while (0)

/* ---- sections -------------------------------------------------------------------------------- */

static void sec_basic(void)
{
    struct ex e = {SELF, {"proc-exec", "--dump", "x y", "", NULL}, NULL, 0, 0, 0};
    struct result r = run(do_exec, &e);
    EXPECT_ARGS(r, "4|proc-exec|--dump|x y||env=0|");
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0, "status %#x", r.status);
    char *env[] = {"A=1", "B=2", "EMPTY=", NULL};
    e.envp = env;
    r = run(do_exec, &e);
    EXPECT_ARGS(r, "4|proc-exec|--dump|x y||env=3|");
}

static void sec_scripts(void)
{
    /* #! without an argument: argv = interpreter, script path, the original argv[1..] */
    write_file("/tmp/s-noarg", "#!" SELF "\n", 0755);
    struct ex e = {"/tmp/s-noarg", {"ignored-argv0", "--dump", "tail", NULL}, NULL, 0, 0, 0};
    struct result r = run(do_exec, &e);
    EXPECT_ARGS(r, "4|" SELF "|/tmp/s-noarg|--dump|tail|env=0|");
    /* with an argument: interpreter, the argument, script path, the original argv[1..] */
    write_file("/tmp/s-arg", "#!" SELF " --dump\n", 0755);
    struct ex e2 = {"/tmp/s-arg", {"argv0", "tail", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e2);
    EXPECT_ARGS(r, "4|" SELF "|--dump|/tmp/s-arg|tail|env=0|");
    /* the rest of the #! line is ONE argument, inner blanks included; leading and trailing blanks
     * are dropped */
    write_file("/tmp/s-sp", "#!  " SELF " --dump x\t \n", 0755);
    struct ex e3 = {"/tmp/s-sp", {"argv0", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e3);
    EXPECT_ARGS(r, "3|" SELF "|--dump x|/tmp/s-sp|env=0|");
    /* through sh: $0 is the script path */
    write_file("/tmp/s-sh", "#!/bin/sh\necho \"sh:$0:$1:$#\" >&9\n", 0755);
    struct ex e4 = {"/tmp/s-sh", {"zero", "arg1", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e4);
    r.out[r.n] = 0;
    CHECK(strcmp(r.out, "sh:/tmp/s-sh:arg1:1\n") == 0, "#!/bin/sh script printed \"%s\"", r.out);
    /* a script with an argument through sh: #!/bin/sh -e */
    write_file("/tmp/s-she", "#!/bin/sh -e\necho \"e:$-\" | grep -q e && echo ok >&9\nfalse\necho no >&9\n", 0755);
    struct ex e5 = {"/tmp/s-she", {"zero", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e5);
    r.out[r.n] = 0;
    CHECK(strcmp(r.out, "ok\n") == 0 && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 1,
          "#!/bin/sh -e script printed \"%s\", status %#x", r.out, r.status);

    /* errors: missing interpreter, script without x bit, interpreter not executable */
    write_file("/tmp/s-missing", "#!/no/such/interp\n", 0755);
    struct ex e6 = {"/tmp/s-missing", {"x", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e6);
    EQ(r.err, ENOENT);
    write_file("/tmp/s-nox", "#!/bin/sh\nexit 0\n", 0644);
    struct ex e7 = {"/tmp/s-nox", {"x", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e7);
    EQ(r.err, EACCES);
    write_file("/tmp/s-badinterp", "#!/tests/data/hello.txt\n", 0755);
    struct ex e8 = {"/tmp/s-badinterp", {"x", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e8);
    EQ(r.err, EACCES);
    /* a script whose interpreter is itself a script (Linux allows nesting) */
    write_file("/tmp/s-nest", "#!/tmp/s-arg\n", 0755);
    struct ex e9 = {"/tmp/s-nest", {"argv0", NULL}, NULL, 0, 0, 0};
    r = run(do_exec, &e9);
    EXPECT_ARGS(r, "4|" SELF "|--dump|/tmp/s-arg|/tmp/s-nest|env=0|");
}

static void sec_errors(void)
{
    char *argv[] = {"x", NULL};
    char *envp[] = {NULL};
    FAILS(syscall(SYS_execve, "/no/such/file", argv, envp), ENOENT);
    FAILS(syscall(SYS_execve, "", argv, envp), ENOENT);
    FAILS(syscall(SYS_execve, "/tests/data/hello.txt", argv, envp), EACCES);    /* mode 0644 */
    FAILS(syscall(SYS_execve, "/tests/data", argv, envp), EACCES);              /* a directory */
    FAILS(syscall(SYS_execve, "/tests/data/hello.txt/x", argv, envp), ENOTDIR);
    FAILS(syscall(SYS_execve, (char *)8, argv, envp), EFAULT);
    FAILS(syscall(SYS_execve, "/bin/true", (char **)8, envp), EFAULT);
    FAILS(syscall(SYS_execve, "/bin/true", argv, (char **)8), EFAULT);
    char *badv[] = {"x", (char *)8, NULL};
    FAILS(syscall(SYS_execve, "/bin/true", badv, envp), EFAULT);
    char longpath[5000];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[0] = '/';
    longpath[sizeof longpath - 1] = 0;
    FAILS(syscall(SYS_execve, longpath, argv, envp), ENAMETOOLONG);
    /* garbage with the x bit: ENOEXEC (no #!, not ELF) */
    write_file("/tmp/garbage", "this is not a program\n", 0755);
    FAILS(syscall(SYS_execve, "/tmp/garbage", argv, envp), ENOEXEC);
    write_file("/tmp/empty-x", "", 0755);
    FAILS(syscall(SYS_execve, "/tmp/empty-x", argv, envp), ENOEXEC);
    /* a failed exec leaves the caller intact */
    EQ(syscall(SYS_getpid), syscall(SYS_getpid));
}

static void sec_e2big(void)
{
    /* one string of MAX_ARG_STRLEN (32 pages, NUL included) or more: E2BIG */
    size_t big = 32 * 4096;
    char *s = malloc(big + 1);
    memset(s, 'x', big);
    s[big] = 0;
    char *argv[] = {"x", s, NULL};
    char *envp[] = {NULL};
    FAILS(syscall(SYS_execve, "/bin/true", argv, envp), E2BIG);
    char *envb[] = {s, NULL};
    FAILS(syscall(SYS_execve, "/bin/true", (char *[]){"x", NULL}, envb), E2BIG);
    /* the total of strings and pointers above the limit (a quarter of an 8 MiB stack limit, at most
     * 6 MiB even when unlimited): 1800 strings of 4 KiB = 7.2 MiB */
    static char *many[1802];
    char *chunk = malloc(4096);
    memset(chunk, 'y', 4095);
    chunk[4095] = 0;
    many[0] = "x";
    for (int i = 1; i < 1801; i++)
        many[i] = chunk;
    many[1801] = NULL;
    FAILS(syscall(SYS_execve, "/bin/true", many, envp), E2BIG);
    /* a large but acceptable set runs: 100 KiB in one string, 256 strings of 4 KiB = 1 MiB */
    s[100 * 1024] = 0;
    struct ex e = {SELF, {"proc-exec", "--dump", s, NULL}, NULL, 0, 0, 0};
    struct result r = run(do_exec, &e);
    CHECK(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 && r.n > 0 && r.out[0] == '3',
          "exec with a 100 KiB argument: status %#x err %d", r.status, r.err);
    long pid = lv_fork();
    if (pid == 0) {
        many[257] = NULL;
        many[1] = "--dump";
        int fd = open("/dev/null", O_WRONLY);
        dup3(fd, 1, 0);
        many[0] = SELF;
        syscall(SYS_execve, SELF, many, envp);
        syscall(SYS_exit_group, 100 + errno);
    }
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec with 1 MiB of arguments: status %#x", st);
    free(chunk);
    free(s);
}

static void sec_execveat(void)
{
    int dfd = open("/tests", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0, "open /tests");
    /* relative to a directory fd */
    struct ex e = {"proc-exec", {"proc-exec", "--dump", NULL}, NULL, dfd, 0, 1};
    struct result r = run(do_exec, &e);
    long nosys = r.err == ENOSYS;
    if (nosys && !strict()) {
        printf("proc-exec: execveat is ENOSYS here (qemu-user); execveat checks skipped\n");
        close(dfd);
        return;
    }
    EXPECT_ARGS(r, "2|proc-exec|--dump|env=0|");
    /* AT_EMPTY_PATH on a descriptor of the program */
    int pfd = open(SELF, O_RDONLY);
    struct ex e2 = {"", {"via-fd", "--dump", NULL}, NULL, pfd, AT_EMPTY_PATH, 1};
    r = run(do_exec, &e2);
    EXPECT_ARGS(r, "2|via-fd|--dump|env=0|");
    /* an absolute path ignores the fd */
    struct ex e3 = {SELF, {"abs", "--dump", NULL}, NULL, -1, 0, 1};
    r = run(do_exec, &e3);
    EXPECT_ARGS(r, "2|abs|--dump|env=0|");
    /* errors */
    char *argv[] = {"x", NULL};
    char *envp[] = {NULL};
    FAILS(syscall(SYS_execveat, dfd, "", argv, envp, 0), ENOENT);               /* empty, no flag */
    FAILS(syscall(SYS_execveat, 12345, "proc-exec", argv, envp, 0), EBADF);
    FAILS(syscall(SYS_execveat, pfd, "proc-exec", argv, envp, 0), ENOTDIR);      /* not a directory */
    FAILS(syscall(SYS_execveat, dfd, "proc-exec", argv, envp, 0x4), EINVAL);    /* unknown flag */
    symlink(SELF, "/tmp/exec-link");
    FAILS(syscall(SYS_execveat, AT_FDCWD, "/tmp/exec-link", argv, envp, AT_SYMLINK_NOFOLLOW), ELOOP);
    /* ... while following it works */
    struct ex e4 = {"/tmp/exec-link", {"link", "--dump", NULL}, NULL, AT_FDCWD, 0, 1};
    r = run(do_exec, &e4);
    EXPECT_ARGS(r, "2|link|--dump|env=0|");
    unlink("/tmp/exec-link");
    close(pfd);
    close(dfd);
}

/* ---- what survives exec ---------------------------------------------------------------------- */

static void on_sig(int sig) { (void)sig; }

static int fds_for_state[5];

static void do_exec_state(void *arg, int wfd)
{
    (void)arg;
    (void)wfd;
    char a[5][16];
    for (int i = 0; i < 5; i++)
        snprintf(a[i], 16, "%d", fds_for_state[i]);
    char *argv[] = {"proc-exec", "--state", a[0], a[1], a[2], a[3], a[4], NULL};
    char *envp[] = {NULL};
    syscall(SYS_execve, SELF, argv, envp);
}

static void sec_inherit(void)
{
    int cfd = open("/tests/data/hello.txt", O_RDONLY | O_CLOEXEC);
    int pfd = open("/tests/data/hello.txt", O_RDONLY);
    int d3 = dup3(pfd, 20, O_CLOEXEC);
    int sfd = open("/tests/data/hello.txt", O_RDONLY);
    EQ(fcntl(sfd, F_SETFD, FD_CLOEXEC), 0);
    int dfd = dup(cfd);                 /* dup clears FD_CLOEXEC on the copy */
    EQ(fcntl(dfd, F_GETFD), 0);
    int fd_list[5] = {cfd, pfd, d3, sfd, dfd};
    memcpy(fds_for_state, fd_list, sizeof fd_list);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    EQ(sigaction(SIGTERM, &sa, NULL), 0);
    signal(SIGUSR2, SIG_IGN);
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGINT);
    sigaddset(&m, SIGQUIT);
    EQ(sigprocmask(SIG_BLOCK, &m, &old), 0);
    /* an alternate stack, which exec must drop */
    stack_t ss = {.ss_sp = malloc(65536), .ss_size = 65536, .ss_flags = 0};
    EQ(sigaltstack(&ss, NULL), 0);

    int p[2];
    EQ(pipe2(p, 0), 0);
    long pid = lv_fork();
    if (pid == 0) {
        close(p[0]);
        if (p[1] != 9) {
            dup3(p[1], 9, 0);
            close(p[1]);
        }
        /* a pending, blocked SIGINT must still be pending after exec */
        kill(syscall(SYS_getpid), SIGINT);
        do_exec_state(NULL, 9);
        syscall(SYS_exit_group, 99);
    }
    close(p[1]);
    struct state s;
    memset(&s, 0, sizeof s);
    EQ(read(p[0], &s, sizeof s), sizeof s);
    close(p[0]);
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "state helper status %#x", st);
    EQ(s.pid, pid);                                      /* exec keeps the pid ... */
    EQ(s.ppid, syscall(SYS_getpid));                     /* ... and the parent */
    CHECK(s.usr1_dfl, "a caught signal (SIGUSR1) is not SIG_DFL after exec");
    CHECK(s.term_handler_dfl, "a caught signal (SIGTERM) is not SIG_DFL after exec");
    CHECK(s.usr2_ign, "an ignored signal (SIGUSR2) is not SIG_IGN after exec");
    CHECK(s.int_blocked, "the signal mask (SIGINT) was not kept across exec");
    CHECK(s.int_pending, "a pending blocked SIGINT was lost across exec");
    CHECK(!s.quit_pending, "SIGQUIT pending after exec, never sent");
    CHECK(!s.fd_cloexec_open, "the O_CLOEXEC descriptor survived exec");
    CHECK(s.fd_plain_open, "a plain descriptor was closed by exec");
    CHECK(!s.fd_dup3_open, "the dup3(O_CLOEXEC) descriptor survived exec");
    CHECK(!s.fd_setfd_open, "the F_SETFD FD_CLOEXEC descriptor survived exec");
    CHECK(s.fd_dup_open, "the dup() of an O_CLOEXEC descriptor was closed by exec");
    CHECK(s.altstack_disabled, "the alternate signal stack survived exec");
    CHECK(strcmp(s.comm, "proc-exec") == 0, "command name after exec: \"%s\"", s.comm);

    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    for (int i = 0; i < 5; i++)
        close(fd_list[i]);
}

static void sec_comm(void)
{
    char name[32];
    memset(name, 0, sizeof name);
    EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
    CHECK(strcmp(name, "proc-exec") == 0, "PR_GET_NAME: \"%s\"", name);
    EQ(prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz", 0, 0, 0), 0);
    memset(name, 0x55, sizeof name);
    EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
    CHECK(strcmp(name, "abcdefghijklmno") == 0, "16-byte truncation: \"%s\"", name);
    EQ((unsigned char)name[16], 0x55);               /* exactly 16 bytes written */
    EQ(prctl(PR_SET_NAME, "", 0, 0, 0), 0);
    EQ(prctl(PR_GET_NAME, name, 0, 0, 0), 0);
    EQ(name[0], 0);
    FAILS(prctl(PR_SET_NAME, (char *)8, 0, 0, 0), EFAULT);
    FAILS(prctl(PR_GET_NAME, (char *)8, 0, 0, 0), EFAULT);
    FAILS(prctl(0x7fff1234, 0, 0, 0, 0), EINVAL);
    /* a child inherits the name; exec replaces it with the file's name (15 bytes at most) */
    EQ(prctl(PR_SET_NAME, "parent-name", 0, 0, 0), 0);
    long pid = lv_fork();
    if (pid == 0) {
        char n[16];
        prctl(PR_GET_NAME, n, 0, 0, 0);
        syscall(SYS_exit_group, strcmp(n, "parent-name") == 0 ? 0 : 1);
    }
    int st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child did not inherit the name");
    /* exec through a long file name */
    unlink("/tmp/a-very-long-program-name");
    EQ(symlink(SELF, "/tmp/a-very-long-program-name"), 0);
    int p[2];
    EQ(pipe2(p, 0), 0);
    pid = lv_fork();
    if (pid == 0) {
        if (p[1] != 9) {
            dup3(p[1], 9, 0);
            close(p[1]);
        }
        char *argv[] = {"whatever", "--state", "-1", "-1", "-1", "-1", "-1", NULL};
        char *envp[] = {NULL};
        syscall(SYS_execve, "/tmp/a-very-long-program-name", argv, envp);
        syscall(SYS_exit_group, 99);
    }
    close(p[1]);
    struct state s;
    memset(&s, 0, sizeof s);
    EQ(read(p[0], &s, sizeof s), sizeof s);
    close(p[0]);
    reap(pid);
    /* Linux names the task after the last component of the path given to exec (not the link
     * target, not argv[0]) */
    CHECK(strcmp(s.comm, "a-very-long-pro") == 0, "comm after exec of a long name: \"%s\"", s.comm);
    unlink("/tmp/a-very-long-program-name");
}

static const struct section sections[] = {
    {"basic", sec_basic},     {"scripts", sec_scripts}, {"errors", sec_errors}, {"e2big", sec_e2big},
    {"execveat", sec_execveat}, {"inherit", sec_inherit}, {"comm", sec_comm},
};

int main(int argc, char **argv, char **envp)
{
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "--dump", 6) == 0 || strcmp(argv[i], "--state") == 0)
            return helper(argc, argv, envp, i);
    return RUN_SECTIONS("proc-exec", sections, argc, argv);
}
