/* Pipes and FIFOs (issue 4): pipe2, one inode for both ends, F_GETPIPE_SZ/F_SETPIPE_SZ,
 * FIONREAD, capacity and O_NONBLOCK, EPIPE and SIGPIPE, FIFO open rules (blocking opens,
 * O_NONBLOCK reader, ENXIO writer, O_RDWR), FIFO poll before the first writer, reopening a pipe
 * through /proc/self/fd and /dev/stdout, splice (pipe<->file, pipe->pipe) and tee, sendfile from
 * a pipe (EINVAL). Self-checking: exit 0 when every check passed. */
#include "check.h"
#include "fs-util.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>

#define FIFO "/tmp/fs-pipe.fifo"
#define DATA "/tmp/fs-pipe.data"

static void basics(void)
{
    int p[2];
    OK(pipe2(p, O_CLOEXEC));
    struct stat a, b;
    OK(fstat(p[0], &a));
    OK(fstat(p[1], &b));
    CHECK(S_ISFIFO(a.st_mode) && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
          "both ends are one FIFO inode (%lu %lu)", (unsigned long)a.st_ino, (unsigned long)b.st_ino);
    EQ(fcntl(p[0], F_GETFD), FD_CLOEXEC);
    EQ(fcntl(p[0], F_GETFL), O_RDONLY);
    EQ(fcntl(p[1], F_GETFL), O_WRONLY);
    EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
    EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);
    int fd = open("/tests/data/hello.txt", O_RDONLY);
    FAILS(fcntl(fd, F_GETPIPE_SZ), EBADF);
    FAILS(fcntl(fd, F_SETPIPE_SZ, 4096), EBADF);
    close(fd);

    int n = -1;
    OK(ioctl(p[0], FIONREAD, &n));
    EQ(n, 0);
    EQ(write(p[1], "hello", 5), 5);
    OK(ioctl(p[0], FIONREAD, &n));
    EQ(n, 5);
    OK(ioctl(p[1], FIONREAD, &n));
    EQ(n, 5);

    /* F_SETPIPE_SZ rounds up to a power-of-two number of pages, never below one page. */
    EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
    EQ(fcntl(p[0], F_GETPIPE_SZ), 4096);
    EQ(fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
    EQ(fcntl(p[1], F_SETPIPE_SZ, 100000), 131072);
    FAILS(fcntl(p[1], F_SETPIPE_SZ, (1UL << 31) + 1), EINVAL);
    char buf[16] = { 0 };
    EQ(read(p[0], buf, sizeof buf), 5);
    CHECK(!memcmp(buf, "hello", 5), "data kept across resizes: %s", buf);

    /* Shrinking below what is queued is EBUSY. */
    static char big[8192];
    EQ(write(p[1], big, sizeof big), 8192);
    FAILS(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
    EQ(read(p[0], big, sizeof big), 8192);
    close(p[0]);
    close(p[1]);
}

static void capacity(void)
{
    int p[2];
    OK(pipe2(p, O_NONBLOCK));
    static char chunk[4096];
    long total = 0;
    ssize_t r;
    while ((r = write(p[1], chunk, sizeof chunk)) > 0) total += r;
    CHECK(r == -1 && errno == EAGAIN, "a full pipe: EAGAIN (got %zd errno %d)", r, errno);
    EQ(total, 65536);
    FAILS(write(p[1], "x", 1), EAGAIN);
    struct pollfd pf = { p[1], POLLOUT, 0 };
    EQ(poll(&pf, 1, 0), 0);
    EQ(read(p[0], chunk, 100), 100);
    /* An atomic write (<= PIPE_BUF) needs room for all of it. */
    FAILS(write(p[1], chunk, 200), EAGAIN);
    EQ(read(p[0], chunk, sizeof chunk), 4096);
    EQ(write(p[1], chunk, 200), 200);
    /* Reading an empty pipe with O_NONBLOCK: EAGAIN; after the writer closes: EOF. */
    int q[2];
    OK(pipe2(q, O_NONBLOCK));
    FAILS(read(q[0], chunk, 1), EAGAIN);
    close(q[1]);
    EQ(read(q[0], chunk, 1), 0);
    pf.fd = q[0];
    pf.events = POLLIN;
    EQ(poll(&pf, 1, 0), 1);
    EQ(pf.revents, POLLHUP);
    close(q[0]);
    close(p[0]);
    close(p[1]);
}

static int write_to_closed(void *arg)
{
    int *p = arg;
    if (write(p[1], "x", 1) < 0) return 1;   /* SIGPIPE's default action kills us first */
    return 0;
}

static void epipe(void)
{
    int p[2];
    OK(pipe(p));
    close(p[0]);              /* no reader anywhere before the child writes */
    pid_t c = spawn(write_to_closed, p);
    close(p[1]);
    expect_exit(c, -SIGPIPE, "write without a reader");

    OK(pipe(p));
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    FAILS(write(p[1], "x", 1), EPIPE);
    struct pollfd pf = { p[1], POLLOUT, 0 };
    EQ(poll(&pf, 1, 0), 1);
    CHECK(pf.revents & POLLERR, "write end without readers: POLLERR (%#x)", pf.revents);
    signal(SIGPIPE, SIG_DFL);
    close(p[1]);
}

static int fifo_writer(void *arg)
{
    (void)arg;
    /* Blocks until the parent opens the read end. */
    int fd = open(FIFO, O_WRONLY);
    if (fd < 0) return 1;
    if (write(fd, "via fifo", 8) != 8) return 2;
    close(fd);
    return 0;
}

static int fifo_reader(void *arg)
{
    (void)arg;
    int fd = open(FIFO, O_RDONLY);      /* blocks until a writer opens */
    char buf[16] = { 0 };
    if (fd < 0) return 1;
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    return n == 5 && !memcmp(buf, "back!", 5) ? 0 : 3;
}

static void fifos(void)
{
    unlink(FIFO);
    OK(mknod(FIFO, S_IFIFO | 0644, 0));
    FAILS(mkfifo(FIFO, 0644), EEXIST);
    struct stat st;
    OK(stat(FIFO, &st));
    CHECK(S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0644 && st.st_size == 0, "mode %o", st.st_mode);

    /* Non-blocking: a writer without readers gets ENXIO, a reader opens at once. */
    FAILS(open(FIFO, O_WRONLY | O_NONBLOCK), ENXIO);
    int r = OK(open(FIFO, O_RDONLY | O_NONBLOCK));
    struct pollfd pf = { r, POLLIN, 0 };
    /* No writer has ever come: no POLLHUP yet, and read says EOF. */
    EQ(poll(&pf, 1, 0), 0);
    char buf[32];
    EQ(read(r, buf, sizeof buf), 0);
    int w = OK(open(FIFO, O_WRONLY | O_NONBLOCK));
    EQ(write(w, "abc", 3), 3);
    EQ(fcntl(w, F_GETPIPE_SZ), 65536);
    int n = -1;
    OK(ioctl(r, FIONREAD, &n));
    EQ(n, 3);
    EQ(read(r, buf, sizeof buf), 3);
    close(w);
    /* The writer left: now POLLHUP. */
    EQ(poll(&pf, 1, 0), 1);
    EQ(pf.revents, POLLHUP);
    close(r);

    /* Blocking opens meet: a writer child waits for our read open, and the other way round. */
    pid_t c = spawn(fifo_writer, NULL);
    r = OK(open(FIFO, O_RDONLY));
    memset(buf, 0, sizeof buf);
    ssize_t got = 0, k;
    while ((k = read(r, buf + got, sizeof buf - 1 - got)) > 0) got += k;
    EQ(got, 8);
    CHECK(!strcmp(buf, "via fifo"), "read %s", buf);
    close(r);
    expect_exit(c, 0, "FIFO writer");

    c = spawn(fifo_reader, NULL);
    w = OK(open(FIFO, O_WRONLY));
    EQ(write(w, "back!", 5), 5);
    close(w);
    expect_exit(c, 0, "FIFO reader");

    /* O_RDWR never waits, and the data of a FIFO goes when the last opener closes. */
    int rw = OK(open(FIFO, O_RDWR | O_NONBLOCK));
    EQ(write(rw, "left", 4), 4);
    close(rw);
    r = OK(open(FIFO, O_RDONLY | O_NONBLOCK));
    EQ(read(r, buf, sizeof buf), 0);
    close(r);
    FAILS(open(FIFO, O_RDONLY | O_NONBLOCK | O_TRUNC | O_CREAT | O_EXCL, 0644), EEXIST);
    OK(unlink(FIFO));
}

static int via_dev_stdout(void *arg)
{
    (void)arg;
    int fd = open("/dev/stdout", O_WRONLY);
    if (fd < 0) return 1;
    return write(fd, "to stdout", 9) == 9 ? 0 : 2;
}

static void reopen(void)
{
    int p[2];
    OK(pipe(p));
    char path[64], buf[32] = { 0 };
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    int w2 = OK(open(path, O_WRONLY));
    EQ(write(w2, "again", 5), 5);
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
    int r2 = OK(open(path, O_RDONLY));
    struct stat a, b;
    OK(fstat(w2, &a));
    OK(fstat(p[0], &b));
    CHECK(a.st_ino == b.st_ino, "the same pipe");
    EQ(read(r2, buf, sizeof buf), 5);
    CHECK(!memcmp(buf, "again", 5), "got %s", buf);
    /* Every writer must close for EOF, including the reopened one. */
    close(p[1]);
    int flags = fcntl(r2, F_GETFL);
    fcntl(r2, F_SETFL, flags | O_NONBLOCK);
    FAILS(read(r2, buf, 1), EAGAIN);
    close(w2);
    EQ(read(r2, buf, 1), 0);
    close(r2);
    close(p[0]);

    /* /dev/stdout of a process whose stdout is a pipe opens that pipe. */
    OK(pipe(p));
    fflush(stdout);
    int saved = dup(1);
    dup2(p[1], 1);
    pid_t c = spawn(via_dev_stdout, NULL);
    dup2(saved, 1);
    close(saved);
    close(p[1]);
    expect_exit(c, 0, "/dev/stdout");
    memset(buf, 0, sizeof buf);
    EQ(read(p[0], buf, sizeof buf), 9);
    CHECK(!strcmp(buf, "to stdout"), "got %s", buf);
    close(p[0]);
}

static void splices(void)
{
    int p[2], q[2];
    OK(pipe(p));
    OK(pipe(q));
    OK(put_file(DATA, "0123456789abcdef"));
    int f = OK(open(DATA, O_RDWR));
    /* file -> pipe, at the file position, then at an explicit offset (position unchanged) */
    EQ(splice(f, NULL, p[1], NULL, 4, 0), 4);
    EQ(lseek(f, 0, SEEK_CUR), 4);
    loff_t off = 10;
    EQ(splice(f, &off, p[1], NULL, 100, 0), 6);
    EQ(off, 16);
    EQ(lseek(f, 0, SEEK_CUR), 4);
    EQ(splice(f, &off, p[1], NULL, 100, 0), 0);   /* EOF */
    int n = 0;
    OK(ioctl(p[0], FIONREAD, &n));
    EQ(n, 10);
    /* pipe -> pipe moves, tee copies */
    EQ(tee(p[0], q[1], 3, 0), 3);
    OK(ioctl(p[0], FIONREAD, &n));
    EQ(n, 10);
    EQ(splice(p[0], NULL, q[1], NULL, 2, 0), 2);
    char buf[32] = { 0 };
    EQ(read(q[0], buf, sizeof buf), 5);
    CHECK(!memcmp(buf, "01201", 5), "tee + splice gave %.5s", buf);
    /* pipe -> file at an offset: "23abcdef" written over the start */
    off = 0;
    EQ(splice(p[0], NULL, f, &off, 100, 0), 8);
    EQ(off, 8);
    memset(buf, 0, sizeof buf);
    EQ(pread(f, buf, sizeof buf, 0), 16);
    CHECK(!strcmp(buf, "23abcdef89abcdef"), "file now %s", buf);

    /* errors */
    EQ(splice(p[0], NULL, f, NULL, 0, 0), 0);           /* len 0: nothing, whatever else */
    FAILS(splice(p[0], NULL, f, NULL, 1, 0x100), EINVAL);
    FAILS(splice(p[0], &off, f, NULL, 1, 0), ESPIPE);
    FAILS(splice(f, NULL, p[1], &off, 1, 0), ESPIPE);
    FAILS(splice(f, NULL, f, NULL, 1, 0), EINVAL);     /* no pipe at all */
    FAILS(splice(p[0], NULL, p[0], NULL, 1, 0), EBADF); /* read end as output */
    FAILS(splice(-1, NULL, p[1], NULL, 1, 0), EBADF);
    FAILS(splice(p[0], NULL, p[1], NULL, 1, 0), EINVAL); /* a pipe into itself */
    FAILS(splice(p[0], NULL, q[1], NULL, 1, SPLICE_F_NONBLOCK), EAGAIN);   /* empty */
    FAILS(tee(p[0], f, 1, 0), EINVAL);
    int app = OK(open(DATA, O_WRONLY | O_APPEND));
    EQ(write(p[1], "z", 1), 1);
    FAILS(splice(p[0], NULL, app, NULL, 1, 0), EINVAL);
    close(app);
    /* sendfile's input must be a regular file: BusyBox cat relies on EINVAL for pipes */
    FAILS(sendfile(f, p[0], NULL, 1), EINVAL);
    /* the writer gone and the pipe drained: splice reads EOF */
    close(p[1]);
    EQ(read(p[0], buf, 1), 1);
    EQ(splice(p[0], NULL, f, NULL, 10, 0), 0);
    close(p[0]);
    close(q[0]);
    close(q[1]);
    close(f);
    unlink(DATA);
}

int main(void)
{
    start("fs-pipe");
    basics();
    capacity();
    epipe();
    fifos();
    reopen();
    splices();
    return finish();
}
