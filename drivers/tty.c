/* The serial console as a terminal: a line discipline over the PL011 with Linux's default termios
 * (canonical mode, echo, ICRNL, OPOST|ONLCR), TCGETS/TCSETS*, TIOCGWINSZ/TIOCSWINSZ, TIOCGPGRP/
 * TIOCSPGRP. Also /dev/ttyraw: the same wire without a line discipline and not a terminal, so a
 * program's output reaches the runner byte-exact and isatty() is false, as with the oracle's pipe. */
#include "drivers/pl011.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "proc/wait.h"
#include "proc/task.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/termios.h"
#include "uapi/poll.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "proc/process.h"

static struct linux_termios tio = {
    .c_iflag = ICRNL | IXON,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = B38400 | CS8 | CREAD | HUPCL,
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    .c_line = 0,
    .c_cc = { [VINTR] = 3, [VQUIT] = 28, [VERASE] = 127, [VKILL] = 21, [VEOF] = 4,
              [VMIN] = 1, [VSTART] = 17, [VSTOP] = 19, [VSUSP] = 26, [VREPRINT] = 18,
              [VWERASE] = 23, [VLNEXT] = 22, [VDISCARD] = 15 },
};
static struct linux_winsize winsz = { .ws_row = 24, .ws_col = 80 };
static int fg_pgrp = 1;

/* Input: raw bytes from the UART; `line` collects the line being edited in canonical mode, and
 * `ready` holds bytes a read() may take. */
#define TTY_BUF 4096
static char ready[TTY_BUF];
static u32 ready_head, ready_len;
static char line[TTY_BUF];
static u32 line_len;
static int eof_pending;
static struct wait_queue rwq = WAIT_QUEUE_INIT;

static void out_char(char c) {
    if ((tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR) && c == '\n') pl011_putc('\r');
    pl011_putc(c);
}

static void echo_char(char c) {
    if (!(tio.c_lflag & ECHO)) return;
    if ((tio.c_lflag & ECHOCTL) && (u8)c < 32 && c != '\n' && c != '\t') { pl011_putc('^'); pl011_putc(c + 64); return; }
    out_char(c);
}

static void push_ready(const char *s, u32 n) {
    for (u32 i = 0; i < n && ready_len < TTY_BUF; i++) ready[(ready_head + ready_len++) % TTY_BUF] = s[i];
}

void tty_input(char c) {
    if (tio.c_iflag & ISTRIP) c &= 0x7f;
    if (c == '\r' && (tio.c_iflag & IGNCR)) return;
    if (c == '\r' && (tio.c_iflag & ICRNL)) c = '\n';
    else if (c == '\n' && (tio.c_iflag & INLCR)) c = '\r';
    if (tio.c_lflag & ISIG) {
        /* ^C, ^\ and ^Z signal the foreground process group and discard the line, as n_tty does. */
        int sig = c == (char)tio.c_cc[VINTR] ? SIGINT : c == (char)tio.c_cc[VQUIT] ? SIGQUIT :
                  c == (char)tio.c_cc[VSUSP] ? SIGTSTP : 0;
        if (sig && c) {
            echo_char(c);
            if (tio.c_lflag & ECHO) out_char('\n');
            line_len = 0;
            if (!(tio.c_lflag & NOFLSH)) { ready_len = 0; eof_pending = 0; }
            signal_pgrp(fg_pgrp, sig);
            return;
        }
    }
    if (!(tio.c_lflag & ICANON)) {
        push_ready(&c, 1);
        echo_char(c);
        wake_up_all(&rwq);
        return;
    }
    if (c == (char)tio.c_cc[VERASE] || c == '\b') {
        if (line_len) {
            line_len--;
            if (tio.c_lflag & ECHO) { pl011_putc('\b'); pl011_putc(' '); pl011_putc('\b'); }
        }
        return;
    }
    if (c == (char)tio.c_cc[VKILL]) {
        while (line_len) { line_len--; if (tio.c_lflag & ECHO) { pl011_putc('\b'); pl011_putc(' '); pl011_putc('\b'); } }
        return;
    }
    if (c == (char)tio.c_cc[VEOF]) {
        if (line_len) push_ready(line, line_len); else eof_pending++;
        line_len = 0;
        wake_up_all(&rwq);
        return;
    }
    if (line_len < TTY_BUF - 1) line[line_len++] = c;
    echo_char(c);
    if (c == '\n') {
        push_ready(line, line_len);
        line_len = 0;
        wake_up_all(&rwq);
    }
}

static bool readable(void *arg) { (void)arg; return ready_len > 0 || eof_pending; }

static ssize_t tty_read(struct file *f, struct iobuf b, size_t n, off_t *pos) {
    if (n == 0) return 0;
    for (;;) {
        u64 fl = irq_save();
        if (ready_len) {
            size_t got = 0;
            while (got < n && ready_len) {
                char c = ready[ready_head];
                ready_head = (ready_head + 1) % TTY_BUF;
                ready_len--;
                irq_restore(fl);
                if (iobuf_copy_to(b, got, &c, 1)) return got ? (ssize_t)got : -EFAULT;
                fl = irq_save();
                got++;
                if ((tio.c_lflag & ICANON) && c == '\n') break;
            }
            irq_restore(fl);
            return got;
        }
        if (eof_pending) { eof_pending--; irq_restore(fl); return 0; }
        irq_restore(fl);
        if (f->flags & O_NONBLOCK) return -EAGAIN;
        int r = waitq_sleep(&rwq, readable, NULL, 0, true);
        if (r) return r;
    }
}

static ssize_t write_common(struct iobuf b, size_t n, bool cooked) {
    char buf[256];
    size_t done = 0;
    while (done < n) {
        size_t c = MIN(n - done, sizeof buf);
        if (iobuf_copy_from(buf, b, done, c)) return done ? (ssize_t)done : -EFAULT;
        for (size_t i = 0; i < c; i++) cooked ? out_char(buf[i]) : pl011_putc(buf[i]);
        done += c;
    }
    return done;
}

static ssize_t tty_write(struct file *f, struct iobuf b, size_t n, off_t *pos) { return write_common(b, n, true); }
static ssize_t raw_write(struct file *f, struct iobuf b, size_t n, off_t *pos) { return write_common(b, n, false); }

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg) {
    switch (cmd) {
    case TCGETS:
        return copy_to_user(arg, &tio, sizeof tio) ? -EFAULT : 0;
    case TCSETS: case TCSETSW: case TCSETSF: {
        struct linux_termios t;
        if (copy_from_user(&t, arg, sizeof t)) return -EFAULT;
        u64 fl = irq_save();
        tio = t;
        if (cmd == TCSETSF) { ready_len = 0; line_len = 0; }
        irq_restore(fl);
        return 0;
    }
    case TIOCGWINSZ:
        return copy_to_user(arg, &winsz, sizeof winsz) ? -EFAULT : 0;
    case TIOCSWINSZ:
        return copy_from_user(&winsz, arg, sizeof winsz) ? -EFAULT : 0;
    case TIOCGPGRP:
        return copy_to_user(arg, &fg_pgrp, sizeof fg_pgrp) ? -EFAULT : 0;
    case TIOCSPGRP: {
        int pg;
        if (copy_from_user(&pg, arg, sizeof pg)) return -EFAULT;
        if (pg <= 0) return -EINVAL;
        fg_pgrp = pg;
        return 0;
    }
    case TIOCSCTTY: case TIOCNOTTY:
        return 0;
    case FIONREAD: {
        int n = ready_len;
        return copy_to_user(arg, &n, sizeof n) ? -EFAULT : 0;
    }
    }
    return -ENOTTY;
}

static unsigned tty_poll(struct file *f) {
    return (readable(NULL) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

static int tty_open(struct inode *ino, struct file *f) { f->wq = &rwq; return 0; }

static const struct file_ops tty_ops = {
    .open = tty_open, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl, .poll = tty_poll,
};
static const struct file_ops raw_ops = {
    .open = tty_open, .read = tty_read, .write = raw_write, .poll = tty_poll,
};

void tty_init(void) {
    devfs_register_chr("console", 0600, 5, 1, &tty_ops, NULL);
    devfs_register_chr("tty", 0666, 5, 0, &tty_ops, NULL);
    devfs_register_chr("ttyAMA0", 0620, 204, 64, &tty_ops, NULL);
    devfs_register_chr("ttyraw", 0620, 240, 0, &raw_ops, NULL);
}
