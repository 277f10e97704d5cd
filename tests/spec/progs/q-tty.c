/* Question 4: the terminal ioctls interactive programs (BusyBox ash, line editing) use, on a
 * terminal: TCGETS, TCSETS/TCSETSW/TCSETSF (raw mode and back), TIOCGWINSZ/TIOCSWINSZ, TIOCGPGRP/
 * TIOCSPGRP, FIONREAD; and TCGETS on a non-terminal (ENOTTY: isatty). The terminal is fd 0 when it
 * is one (the Linux run gets a pseudo-terminal), else /dev/console (Levitate's console tty).
 * Exit 0 = all as expected. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int bad;
static void ok(const char *what, int cond) { printf("%-46s %s\n", what, cond ? "ok" : "FAIL"); bad |= !cond; }

int main(void)
{
    int fd = isatty(0) ? 0 : open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0) { printf("no terminal\n"); return 1; }
    struct termios t0, t1, t2;
    ok("TCGETS (tcgetattr)", tcgetattr(fd, &t0) == 0);
    ok("canonical mode with echo at start", (t0.c_lflag & ICANON) && (t0.c_lflag & ECHO));
    t1 = t0;
    t1.c_lflag &= ~(ICANON | ECHO);
    t1.c_cc[VMIN] = 1;
    t1.c_cc[VTIME] = 0;
    ok("TCSETSW (tcsetattr TCSADRAIN): raw mode", tcsetattr(fd, TCSADRAIN, &t1) == 0);
    ok("TCGETS shows ICANON and ECHO cleared", tcgetattr(fd, &t2) == 0 && !(t2.c_lflag & (ICANON | ECHO)));
    ok("TCSETS (tcsetattr TCSANOW): restore", tcsetattr(fd, TCSANOW, &t0) == 0);
    ok("TCSETSF (tcsetattr TCSAFLUSH)", tcsetattr(fd, TCSAFLUSH, &t0) == 0);
    ok("restored", tcgetattr(fd, &t2) == 0 && (t2.c_lflag & ICANON) && (t2.c_lflag & ECHO));
    struct winsize ws = { 0 }, w2 = { 0 };
    ok("TIOCGWINSZ", ioctl(fd, TIOCGWINSZ, &ws) == 0);
    ws.ws_row = 33; ws.ws_col = 101;
    ok("TIOCSWINSZ then TIOCGWINSZ", ioctl(fd, TIOCSWINSZ, &ws) == 0 && ioctl(fd, TIOCGWINSZ, &w2) == 0 && w2.ws_row == 33 && w2.ws_col == 101);
    int n = -1;
    ok("FIONREAD", ioctl(fd, FIONREAD, &n) == 0 && n >= 0);
    pid_t pg = -1;
    int r = ioctl(fd, TIOCGPGRP, &pg);
    ok("TIOCGPGRP: our group, or ENOTTY when it is not our controlling tty", (r == 0 && pg > 0) || (r < 0 && errno == ENOTTY));
    int nt = open("/", O_RDONLY);
    errno = 0;
    ok("TCGETS on a directory: ENOTTY (isatty is false)", tcgetattr(nt, &t2) < 0 && errno == ENOTTY);
    return bad;
}
