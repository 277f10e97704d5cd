/* Tiny self-checking harness for guest syscall tests: each CHECK prints what failed; the program
 * exits 0 only when every check passed. Uses raw syscall() so that libc wrappers don't hide the
 * kernel's behaviour. */
#ifndef LV_CHECK_H
#define LV_CHECK_H
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int checks_run, checks_failed;
static const char *test_name = "test";

#define CHECK(cond, ...) do {                                                         \
        checks_run++;                                                                 \
        if (!(cond)) {                                                                \
            checks_failed++;                                                          \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                    \
            printf(__VA_ARGS__);                                                      \
            printf("\n");                                                             \
            fflush(stdout);                                                           \
        }                                                                             \
    } while (0)

/* A raw syscall expected to succeed; returns its result (and records errno on failure). */
#define OK(expr) ({                                                                   \
        errno = 0;                                                                    \
        long _r = (long)(expr);                                                       \
        int _e = errno;                                                               \
        CHECK(_r >= 0, "%s returned %ld errno=%d (%s)", #expr, _r, _e, strerror(_e)); \
        _r; })

/* A raw syscall expected to fail with errno ERR. */
#define FAILS(expr, err) do {                                                         \
        errno = 0;                                                                    \
        long _r = (long)(expr);                                                       \
        int _e = errno;                                                               \
        CHECK(_r == -1 && _e == (err), "%s returned %ld errno=%d (%s), expected -1 %s", \
              #expr, _r, _e, strerror(_e), #err);                                     \
    } while (0)

#define EQ(a, b) do {                                                                 \
        long long _a = (long long)(a), _b = (long long)(b);                           \
        CHECK(_a == _b, "%s == %lld, expected %s == %lld", #a, _a, #b, _b);           \
    } while (0)

/* Call first: names the test and makes stdout unbuffered, so printf never calls malloc (which would
 * move the break under a brk test) and output survives a crash. */
static void start(const char *name)
{
    test_name = name;
    setvbuf(stdout, NULL, _IONBF, 0);
}

static int finish(void)
{
    if (checks_failed)
        printf("%s: %d of %d checks FAILED\n", test_name, checks_failed, checks_run);
    else
        printf("%s: all %d checks passed\n", test_name, checks_run);
    fflush(stdout);
    return checks_failed ? 1 : 0;
}
#endif
