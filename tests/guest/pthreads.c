/* POSIX threads through the C library (built for glibc and for musl): create/join with return
 * values, detached threads, mutexes (normal, recursive, errorcheck, trylock), condition variables
 * (a bounded producer/consumer queue, broadcast, timed waits that time out), rwlocks, barriers,
 * pthread_once, thread-specific data and __thread, pthread_kill, thread names, getpid/gettid,
 * pthread_exit from main with threads still running. Prints a deterministic report; exit 0 when
 * every check passed. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failures;
#define CHECK(c, ...) do { if (!(c)) { failures++; printf("FAIL line %d: ", __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

/* ---- create / join -------------------------------------------------------------------------- */

static void *square(void *arg)
{
    long v = (long)arg;
    return (void *)(v * v);
}

static void create_join(void)
{
    pthread_t t[16];
    for (long i = 0; i < 16; i++)
        CHECK(pthread_create(&t[i], NULL, square, (void *)i) == 0, "create %ld", i);
    long sum = 0;
    for (int i = 0; i < 16; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0, "join %d", i);
        sum += (long)r;
    }
    printf("join: sum of squares 0..15 = %ld\n", sum);
    CHECK(sum == 1240, "sum %ld", sum);
    /* 100 threads alive at once */
    pthread_t many[100];
    int made = 0;
    for (long i = 0; i < 100; i++)
        made += pthread_create(&many[i], NULL, square, (void *)i) == 0;
    for (int i = 0; i < made; i++)
        pthread_join(many[i], NULL);
    printf("join: %d of 100 threads\n", made);
}

/* ---- mutexes -------------------------------------------------------------------------------- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *incr(void *arg)
{
    (void)arg;
    for (int i = 0; i < 20000; i++) {
        pthread_mutex_lock(&mu);
        counter++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

static void mutexes(void)
{
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, incr, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    printf("mutex: counter = %ld\n", counter);
    CHECK(counter == 160000, "counter %ld", counter);

    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_t rec;
    pthread_mutex_init(&rec, &a);
    CHECK(pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0, "recursive lock twice");
    CHECK(pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0, "recursive unlock twice");
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_t ec;
    pthread_mutex_init(&ec, &a);
    CHECK(pthread_mutex_lock(&ec) == 0, "errorcheck lock");
    CHECK(pthread_mutex_lock(&ec) == EDEADLK, "errorcheck relock");
    CHECK(pthread_mutex_unlock(&ec) == 0, "errorcheck unlock");
    CHECK(pthread_mutex_unlock(&ec) == EPERM, "errorcheck unlock of an unlocked mutex");
    CHECK(pthread_mutex_trylock(&mu) == 0, "trylock free");
    CHECK(pthread_mutex_trylock(&mu) == EBUSY, "trylock held");
    pthread_mutex_unlock(&mu);
    /* timedlock that times out */
    pthread_mutex_lock(&mu);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    CHECK(pthread_mutex_timedlock(&ec, &ts) == 0, "timedlock free");
    pthread_mutex_unlock(&ec);
    printf("mutex: recursive, errorcheck, trylock ok\n");
    pthread_mutex_unlock(&mu);
}

/* ---- condition variables -------------------------------------------------------------------- */

#define QN 4
static int queue[QN], qhead, qcount;
static pthread_mutex_t qmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
    long base = (long)arg;
    for (int i = 1; i <= 500; i++) {
        pthread_mutex_lock(&qmu);
        while (qcount == QN)
            pthread_cond_wait(&not_full, &qmu);
        queue[(qhead + qcount++) % QN] = (int)(base + i);
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qmu);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long n = (long)arg, sum = 0;
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&qmu);
        while (qcount == 0)
            pthread_cond_wait(&not_empty, &qmu);
        sum += queue[qhead];
        qhead = (qhead + 1) % QN;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qmu);
    }
    return (void *)sum;
}

static int go;
static pthread_cond_t go_cv = PTHREAD_COND_INITIALIZER;
static int woken;
static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&qmu);
    while (!go)
        pthread_cond_wait(&go_cv, &qmu);
    woken++;
    pthread_mutex_unlock(&qmu);
    return NULL;
}

static void condvars(void)
{
    pthread_t p[3], c[2];
    for (long i = 0; i < 3; i++)
        pthread_create(&p[i], NULL, producer, (void *)(i * 1000));
    for (int i = 0; i < 2; i++)
        pthread_create(&c[i], NULL, consumer, (void *)750L);
    long total = 0;
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(c[i], &r);
        total += (long)r;
    }
    for (int i = 0; i < 3; i++)
        pthread_join(p[i], NULL);
    printf("condvar: queue total = %ld\n", total);
    CHECK(total == 3 * 125250 + 500 * 1000 + 500 * 2000, "total %ld", total);
    /* broadcast */
    pthread_t w[5];
    for (int i = 0; i < 5; i++)
        pthread_create(&w[i], NULL, waiter, NULL);
    usleep(50000);
    pthread_mutex_lock(&qmu);
    go = 1;
    pthread_cond_broadcast(&go_cv);
    pthread_mutex_unlock(&qmu);
    for (int i = 0; i < 5; i++)
        pthread_join(w[i], NULL);
    printf("condvar: broadcast woke %d\n", woken);
    CHECK(woken == 5, "woken %d", woken);
    /* timed wait: ETIMEDOUT, not before the deadline (realtime and monotonic clocks) */
    for (int clk = 0; clk < 2; clk++) {
        pthread_condattr_t ca;
        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, clk ? CLOCK_MONOTONIC : CLOCK_REALTIME);
        pthread_cond_t cv;
        pthread_cond_init(&cv, &ca);
        struct timespec dl, now;
        clockid_t id = clk ? CLOCK_MONOTONIC : CLOCK_REALTIME;
        clock_gettime(id, &dl);
        dl.tv_nsec += 80 * 1000 * 1000;
        if (dl.tv_nsec >= 1000000000) {
            dl.tv_sec++;
            dl.tv_nsec -= 1000000000;
        }
        pthread_mutex_lock(&qmu);
        int r = pthread_cond_timedwait(&cv, &qmu, &dl);
        pthread_mutex_unlock(&qmu);
        clock_gettime(id, &now);
        int late = now.tv_sec > dl.tv_sec || (now.tv_sec == dl.tv_sec && now.tv_nsec >= dl.tv_nsec);
        printf("condvar: timedwait (%s) = %s, after the deadline: %s\n", clk ? "monotonic" : "realtime",
               r == ETIMEDOUT ? "ETIMEDOUT" : strerror(r), late ? "yes" : "no");
        CHECK(r == ETIMEDOUT && late, "timedwait %d late %d", r, late);
    }
}

/* ---- rwlock, barrier, once, TSD, __thread ---------------------------------------------------- */

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t bar;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int dtor_runs;
static __thread int tls_val = 7;
static int serial_count;

static void once_fn(void) { once_runs++; }
static void dtor(void *p)
{
    __atomic_add_fetch(&dtor_runs, 1, __ATOMIC_SEQ_CST);
    free(p);
}

static void *misc_worker(void *arg)
{
    long id = (long)arg;
    pthread_once(&once, once_fn);
    tls_val = (int)id;
    pthread_setspecific(key, malloc(16));
    pthread_rwlock_rdlock(&rw);
    pthread_rwlock_unlock(&rw);
    if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
        __atomic_add_fetch(&serial_count, 1, __ATOMIC_SEQ_CST);
    return (void *)(long)(tls_val == id);
}

static void misc(void)
{
    pthread_barrier_init(&bar, NULL, 4);
    pthread_key_create(&key, dtor);
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, misc_worker, (void *)(i + 100));
    int tls_ok = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        tls_ok += (long)r;
    }
    printf("misc: once ran %d time(s), barrier serial %d, __thread ok %d/4, main's __thread %d, TSD dtors %d\n",
           once_runs, serial_count, tls_ok, tls_val, dtor_runs);
    CHECK(once_runs == 1 && serial_count == 1 && tls_ok == 4 && tls_val == 7 && dtor_runs == 4, "misc");
    /* rwlock: readers share, a writer excludes */
    CHECK(pthread_rwlock_rdlock(&rw) == 0 && pthread_rwlock_tryrdlock(&rw) == 0, "two readers");
    CHECK(pthread_rwlock_trywrlock(&rw) == EBUSY, "writer while read-locked");
    pthread_rwlock_unlock(&rw);
    pthread_rwlock_unlock(&rw);
    CHECK(pthread_rwlock_wrlock(&rw) == 0 && pthread_rwlock_tryrdlock(&rw) == EBUSY, "reader while write-locked");
    pthread_rwlock_unlock(&rw);
    printf("rwlock: ok\n");
}

/* ---- detach, ids, names, signals ------------------------------------------------------------ */

static volatile int detached_ran;
static void *detached(void *arg)
{
    (void)arg;
    detached_ran = 1;
    return NULL;
}

static long tids[2];
static void *ids(void *arg)
{
    (void)arg;
    tids[0] = getpid();
    tids[1] = syscall(SYS_gettid);
    prctl(PR_SET_NAME, "worker-thread-long-name");
    char n[16];
    prctl(PR_GET_NAME, n);
    return strcmp(n, "worker-thread-l") == 0 ? (void *)1L : NULL;
}

static volatile int usr1_in;
static void on_usr1(int s)
{
    (void)s;
    usr1_in = 1;
}
static void *sleeper(void *arg)
{
    (void)arg;
    while (!usr1_in)
        usleep(1000);
    return NULL;
}

static void misc2(void)
{
    pthread_t t;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    CHECK(pthread_create(&t, &a, detached, NULL) == 0, "detached create");
    for (int i = 0; i < 2000 && !detached_ran; i++)
        usleep(1000);
    printf("detach: ran %d\n", detached_ran);
    /* small and large stacks */
    pthread_attr_init(&a);
    pthread_attr_setstacksize(&a, 64 * 1024);
    CHECK(pthread_create(&t, &a, square, (void *)3L) == 0, "64 KiB stack");
    pthread_join(t, NULL);
    pthread_attr_setstacksize(&a, 16 * 1024 * 1024);
    CHECK(pthread_create(&t, &a, square, (void *)3L) == 0, "16 MiB stack");
    pthread_join(t, NULL);

    void *r;
    char before[16], after[16];
    prctl(PR_GET_NAME, before);
    pthread_create(&t, NULL, ids, NULL);
    pthread_join(t, &r);
    prctl(PR_GET_NAME, after);
    printf("ids: thread getpid == getpid: %s, gettid differs: %s, name truncated: %s, main name kept: %s\n",
           tids[0] == getpid() ? "yes" : "no", tids[1] != syscall(SYS_gettid) ? "yes" : "no",
           r ? "yes" : "no", strcmp(before, after) == 0 ? "yes" : "no");
    CHECK(tids[0] == getpid() && tids[1] != syscall(SYS_gettid) && r && !strcmp(before, after), "ids");

    signal(SIGUSR1, on_usr1);
    pthread_create(&t, NULL, sleeper, NULL);
    CHECK(pthread_kill(t, SIGUSR1) == 0, "pthread_kill");
    pthread_join(t, NULL);
    printf("pthread_kill: delivered %d\n", usr1_in);
}

/* pthread_exit in main: the process lives until the last thread ends, with status 0 */
static void *last_one(void *arg)
{
    (void)arg;
    usleep(100000);
    printf("main exited, last thread still printing\n");
    fflush(stdout);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    create_join();
    mutexes();
    condvars();
    misc();
    misc2();
    /* fork from a multithreaded process: the child has one thread and working locks */
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(&mu);
        pthread_mutex_unlock(&mu);
        pthread_t t;
        void *r;
        pthread_create(&t, NULL, square, (void *)5L);
        pthread_join(t, &r);
        _exit((long)r == 25 ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("fork from threads: child status %d\n", WEXITSTATUS(st));
    CHECK(st == 0, "fork child %#x", st);
    printf("%s\n", failures ? "SOME CHECKS FAILED" : "all checks passed");
    fflush(stdout);
    if (failures)
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, last_one, NULL);
    pthread_exit(NULL);
}
