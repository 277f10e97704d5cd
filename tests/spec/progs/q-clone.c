/* Question 2 (C): the clone flags of pthread_create, posix_spawn, fork and vfork in glibc and in
 * musl (built twice). Exit 0 when every child ran; the flags are checked in the traces
 * (tests/spec/questions.txt). */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static void *thr(void *a) { return a; }

int main(void)
{
    volatile int ok = 1;
    int st;
    pthread_t t;
    void *r;
    if (pthread_create(&t, NULL, thr, (void *)7) || pthread_join(t, &r) || r != (void *)7) ok = 0;
    pid_t p;
    char *argv[] = { "true", NULL };
    if (posix_spawn(&p, "/bin/true", NULL, NULL, argv, environ) || waitpid(p, &st, 0) != p || st) ok = 0;
    p = fork();
    if (p == 0) _exit(0);
    if (waitpid(p, &st, 0) != p || st) ok = 0;
    p = vfork();
    if (p == 0) _exit(0);
    if (waitpid(p, &st, 0) != p || st) ok = 0;
    printf("clone: %s\n", ok ? "ok" : "FAIL");
    return !ok;
}
