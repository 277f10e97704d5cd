#define _GNU_SOURCE
/* Question 5: O_CLOEXEC. Descriptors opened with O_CLOEXEC (open, dup3, pipe2, socket's
 * SOCK_CLOEXEC, fcntl F_DUPFD_CLOEXEC, F_SETFD FD_CLOEXEC) are closed by execve; the others stay
 * open; dup() and dup2() clear the flag on the copy. The program re-executes itself with the
 * descriptor numbers and the child reports which are open. Exit 0 = as expected. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *names[] = { "open", "open O_CLOEXEC", "dup of O_CLOEXEC", "dup3 O_CLOEXEC",
    "pipe2 O_CLOEXEC", "socketpair SOCK_CLOEXEC", "F_DUPFD_CLOEXEC", "F_SETFD FD_CLOEXEC" };
static const int expect_open[] = { 1, 0, 1, 0, 0, 0, 0, 0 };
#define N 8
/* Measured: under qemu-user 7.2 (the Linux oracle) a pipe2(O_CLOEXEC) descriptor stays open across
 * execve although F_GETFD shows FD_CLOEXEC; tests/spec/run-questions sets SPEC_QEMU_USER=1 for that
 * run only, and the pipe2 line is then reported but not counted. */
static int tolerated(int i) { return i == 4 && getenv("SPEC_QEMU_USER"); }

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        int bad = 0;
        for (int i = 0; i < N; i++) {
            int fd = atoi(argv[2 + i]);
            int open_now = fcntl(fd, F_GETFD) >= 0;
            printf("after execve: %-24s fd %2d %s%s\n", names[i], fd, open_now ? "open" : "closed",
                   open_now == expect_open[i] ? "" : "  <- UNEXPECTED");
            bad |= open_now != expect_open[i] && !tolerated(i);
        }
        return bad;
    }
    int fd[N], p[2], s[2];
    fd[0] = open("/", O_RDONLY);
    fd[1] = open("/", O_RDONLY | O_CLOEXEC);
    fd[2] = dup(fd[1]);
    fd[3] = dup3(fd[0], 20, O_CLOEXEC);
    if (pipe2(p, O_CLOEXEC)) return 2;
    fd[4] = p[0];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s)) return 2;
    fd[5] = s[0];
    fd[6] = fcntl(fd[0], F_DUPFD_CLOEXEC, 30);
    fd[7] = open("/", O_RDONLY);
    fcntl(fd[7], F_SETFD, FD_CLOEXEC);
    int bad = 0;
    for (int i = 0; i < N; i++) {
        int want = expect_open[i] ? 0 : FD_CLOEXEC;
        int got = fcntl(fd[i], F_GETFD);
        printf("before execve: %-23s fd %2d F_GETFD = %d%s\n", names[i], fd[i], got, got == want ? "" : "  <- UNEXPECTED");
        bad |= got != want;
    }
    fflush(stdout);
    char nums[N][12], *av[N + 3];
    av[0] = argv[0];
    av[1] = "child";
    for (int i = 0; i < N; i++) { snprintf(nums[i], sizeof nums[i], "%d", fd[i]); av[2 + i] = nums[i]; }
    av[N + 2] = NULL;
    pid_t pid = fork();
    if (pid == 0) { execv("/proc/self/exe", av); execv(argv[0], av); _exit(127); }
    int st;
    waitpid(pid, &st, 0);
    return bad || !WIFEXITED(st) || WEXITSTATUS(st);
}
