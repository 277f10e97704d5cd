/* Minimal case harness for the host unit tests of the kernel core (tests/host/core/).
 * Every case prints "PASS name" or "FAIL name: reason"; the program exits non-zero if any failed.
 * Cases that may crash or hang on malformed input run in a forked child (run_isolated): a
 * sanitizer report, a signal or a timeout then fails that case only. */
#pragma once
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

/* Leak reports would only flag the test's own early returns on failure: off. */
const char *__asan_default_options(void) { return "detect_leaks=0:print_legend=0"; }

static const char *h_case;          /* name of the running case */
static int h_case_failed, h_npass, h_nfail;

static void h_begin(const char *name) { h_case = name; h_case_failed = 0; }

static __attribute__((format(printf, 1, 2))) void h_fail(const char *fmt, ...) {
    if (!h_case_failed) {           /* report the first failure of a case only */
        va_list ap;
        printf("FAIL %s: ", h_case);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf("\n");
        fflush(stdout);
    }
    h_case_failed = 1;
}

static void h_end(void) {
    if (h_case_failed) h_nfail++;
    else { h_npass++; printf("PASS %s\n", h_case); }
    fflush(stdout);
}

static __attribute__((format(printf, 4, 5))) void h_failx(const char *file, int line, const char *cond,
                                                         const char *fmt, ...) {
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    h_fail("%s (%s:%d: %s)", msg, file, line, cond);
}
/* EXPECT(cond, fmt, ...): fail the case and return from the case function if cond is false. */
#define EXPECT(cond, ...) do { if (!(cond)) { h_failx(__FILE__, __LINE__, #cond, __VA_ARGS__); return; } } while (0)
/* CHECK(cond, fmt, ...): fail the case if cond is false and evaluate to 0 (the caller decides). */
#define CHECK(cond, ...) ((cond) ? 1 : (h_failx(__FILE__, __LINE__, #cond, __VA_ARGS__), 0))

static __attribute__((unused)) void run_case(const char *name, void (*fn)(void)) {
    h_begin(name);
    fn();
    h_end();
}
#define RUN(fn) run_case(#fn, fn)

/* Runs fn in a child with a timeout. Exit code 0: pass, 3: the child reported FAIL itself,
 * anything else (sanitizer report, signal, alarm): a crash. */
static __attribute__((unused)) void run_isolated_named(const char *name, void (*fn)(void), unsigned timeout) {
    h_begin(name);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) { h_fail("fork failed"); h_end(); return; }
    if (pid == 0) {
        alarm(timeout);
        fn();
        fflush(stdout);
        _exit(h_case_failed ? 3 : 0);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0) { }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) { }
    else if (WIFEXITED(st) && WEXITSTATUS(st) == 3) h_case_failed = 1;  /* already printed */
    else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM) h_fail("timed out after %us (hang)", timeout);
    else if (WIFSIGNALED(st)) h_fail("crashed with signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
    else h_fail("crashed: exit status %d (see the sanitizer report above)", WEXITSTATUS(st));
    h_end();
}
#define RUN_ISOLATED(fn) run_isolated_named(#fn, fn, 5)

static int h_finish(const char *prog) {
    printf("%s: %d passed, %d failed\n", prog, h_npass, h_nfail);
    return h_nfail ? 1 : 0;
}

static void h_init(void) { setvbuf(stdout, NULL, _IOLBF, 0); }
