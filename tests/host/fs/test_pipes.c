/* Host tests of pipes and FIFOs (fs/pipe.c) and of splice/tee/vmsplice (fs/sys_rw.c): the FIFO
 * open rules (non-blocking reader, ENXIO writer, a blocking open interrupted without leaking a
 * count), one inode for both pipe ends, reopening through /proc/self/fd, F_SETPIPE_SZ, FIONREAD,
 * and that the pipe's memory goes with its last opener. The shim never sleeps: a wait returns
 * -ERESTARTSYS. */
#include "shim_fs.h"
#include "fs/pipe.h"

#define ERESTARTSYS 512

static void fifo_open_rules(void) {
    EXPECT(sys_mknodat(AT_FDCWD, U("/fifo"), S_IFIFO | 0644, 0) == 0, "mknod");
    EXPECT(t_open("/fifo", O_WRONLY | O_NONBLOCK, 0) == -ENXIO, "writer without readers");
    EXPECT(t_open("/fifo", O_RDONLY, 0) == -ERESTARTSYS, "a blocking reader waits for a writer");
    EXPECT(t_open("/fifo", O_WRONLY | O_NONBLOCK, 0) == -ENXIO, "the interrupted reader left no count");
    long r = t_open("/fifo", O_RDONLY | O_NONBLOCK, 0);
    EXPECT(r >= 0, "non-blocking reader");
    char buf[16];
    EXPECT(t_read(r, buf, sizeof buf) == 0, "no writer yet: EOF");
    struct linux_pollfd p = { (int)r, POLLIN, 0 };
    struct linux_timespec zero = { 0, 0 };
    EXPECT(sys_ppoll(U(&p), 1, U(&zero), 0, 0) == 0, "no POLLHUP before the first writer");
    long w = t_open("/fifo", O_WRONLY, 0);
    EXPECT(w >= 0, "a writer opens at once when there is a reader");
    EXPECT(t_write(w, "abc", 3) == 3, "write");
    int n = 0;
    EXPECT(sys_ioctl(r, FIONREAD, U(&n)) == 0 && n == 3, "FIONREAD %d", n);
    EXPECT(t_read(r, buf, sizeof buf) == 3 && !memcmp(buf, "abc", 3), "read");
    sys_close(w);
    EXPECT(sys_ppoll(U(&p), 1, U(&zero), 0, 0) == 1 && p.revents == POLLHUP, "hangup %#x", p.revents);
    struct linux_stat st;
    t_stat("/fifo", &st);
    struct inode *ino = NULL;
    struct file *f = fd_get(r);
    ino = f->inode;
    file_put(f);
    EXPECT(ino->pipe != NULL, "the FIFO has a pipe while open");
    sys_close(r);
    EXPECT(ino->pipe == NULL, "freed with the last close");
    long rw = t_open("/fifo", O_RDWR | O_NONBLOCK, 0);
    EXPECT(rw >= 0 && t_write(rw, "x", 1) == 1 && t_read(rw, buf, 1) == 1, "O_RDWR");
    sys_close(rw);
    EXPECT(t_open("/fifo", 3, 0) == -EINVAL, "O_ACCMODE 3 on a FIFO");
    t_unlink("/fifo");
}

static void pipe_ends(void) {
    long fds[2];
    int ifds[2];
    EXPECT(sys_pipe2(U(ifds), 0) == 0, "pipe2");
    fds[0] = ifds[0];
    fds[1] = ifds[1];
    struct linux_stat a, b;
    sys_fstat(fds[0], U(&a));
    sys_fstat(fds[1], U(&b));
    EXPECT(a.st_ino == b.st_ino && S_ISFIFO(a.st_mode), "one inode");
    char path[32], buf[64];
    snprintf(path, sizeof path, "/proc/self/fd/%ld", fds[1]);
    long w2 = t_open(path, O_WRONLY, 0);
    EXPECT(w2 >= 0, "reopen the write end: %ld", w2);
    EXPECT(sys_readlinkat(AT_FDCWD, U(path), U(buf), sizeof buf) > 5 && !memcmp(buf, "pipe:[", 6), "link text");
    EXPECT(t_write(w2, "hi", 2) == 2 && t_read(fds[0], buf, 2) == 2, "through the reopened end");
    sys_close(fds[1]);
    sys_fcntl(fds[0], F_SETFL, O_NONBLOCK);
    EXPECT(t_read(fds[0], buf, 1) == -EAGAIN, "a writer is left");
    sys_close(w2);
    EXPECT(t_read(fds[0], buf, 1) == 0, "EOF");
    EXPECT(sys_fcntl(fds[0], F_GETPIPE_SZ, 0) == 65536, "default size");
    EXPECT(sys_fcntl(fds[0], F_SETPIPE_SZ, 1) == 4096 && sys_fcntl(fds[0], F_SETPIPE_SZ, 70000) == 131072,
           "rounded sizes");
    EXPECT(sys_fcntl(fds[0], F_SETPIPE_SZ, (1UL << 31) + 1) == -EINVAL, "too big");
    shim_set_creds(1000, 1000);
    EXPECT(sys_fcntl(fds[0], F_SETPIPE_SZ, 2 << 20) == -EPERM, "past pipe-max-size without privilege");
    shim_set_creds(0, 0);
    EXPECT(sys_fcntl(fds[0], F_SETPIPE_SZ, 2 << 20) == 2 << 20, "root may");
    sys_close(fds[0]);
    long f = t_open("/", O_RDONLY, 0);
    EXPECT(sys_fcntl(f, F_GETPIPE_SZ, 0) == -EBADF, "not a pipe");
    sys_close(f);
}

static void splice_tee(void) {
    int p[2], q[2];
    sys_pipe2(U(p), 0);
    sys_pipe2(U(q), 0);
    t_put("/sp", "abcdefghij");
    long f = t_open("/sp", O_RDWR, 0);
    long off = 2;
    EXPECT(sys_splice(f, U(&off), p[1], 0, 4, 0) == 4 && off == 6 && sys_lseek(f, 0, SEEK_CUR) == 0, "file->pipe");
    EXPECT(sys_tee(p[0], q[1], 100, 0) == 4, "tee");
    EXPECT(sys_splice(p[0], 0, q[1], 0, 2, 0) == 2, "pipe->pipe");
    char buf[16] = { 0 };
    EXPECT(t_read(q[0], buf, sizeof buf) == 6 && !memcmp(buf, "cdefcd", 6), "got %s", buf);
    EXPECT(sys_splice(p[0], 0, f, 0, 100, 0) == 2 && sys_lseek(f, 0, SEEK_CUR) == 2, "pipe->file");
    EXPECT(t_get("/sp", buf, sizeof buf) == 10 && !strcmp(buf, "efcdefghij"), "file %s", buf);
    EXPECT(sys_splice(p[0], 0, f, 0, 1, SPLICE_F_NONBLOCK) == -EAGAIN, "empty, non-blocking");
    EXPECT(sys_splice(p[0], 0, f, 0, 1, 0) == -ERESTARTSYS, "empty: would wait");
    EXPECT(sys_splice(p[0], U(&off), f, 0, 1, 0) == -ESPIPE && sys_splice(f, 0, f, 0, 1, 0) == -EINVAL, "errors");
    EXPECT(sys_splice(p[0], 0, p[1], 0, 1, 0) == -EINVAL && sys_splice(p[1], 0, q[1], 0, 1, 0) == -EBADF,
           "self and direction");
    struct linux_iovec iov = { U("vm"), 2 };
    EXPECT(sys_vmsplice(p[1], U(&iov), 1, 0) == 2, "vmsplice in");
    char two[2];
    struct linux_iovec out = { U(two), 2 };
    EXPECT(sys_vmsplice(p[0], U(&out), 1, 0) == 2 && !memcmp(two, "vm", 2), "vmsplice out");
    EXPECT(sys_vmsplice(f, U(&out), 1, 0) == -EBADF, "vmsplice on a file");
    sys_close(p[1]);
    EXPECT(sys_splice(p[0], 0, f, 0, 1, 0) == 0, "EOF");
    sys_close(p[0]);
    sys_close(q[0]);
    EXPECT(sys_splice(f, 0, q[1], 0, 1, 0) == -EPIPE && shim_last_signal == 13, "no reader: EPIPE + SIGPIPE");
    sys_close(q[1]);
    sys_close(f);
}

int main(void) {
    h_init();
    shim_boot();
    RUN(fifo_open_rules);
    RUN(pipe_ends);
    RUN(splice_tee);
    return h_finish("test_pipes");
}
