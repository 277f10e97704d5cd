/* Linux arm64 ABI: the kernel's struct termios (asm-generic/termbits.h: 36 bytes, c_line
 * before c_cc, NCCS = 19; glibc's user-side struct differs), its flags, and the tty/file ioctl
 * numbers (asm-generic/ioctls.h).
 * Values generated from the arm64 UAPI headers; tests/host/uapi_check.c checks each against them. */
#pragma once
#include "lib/types.h"

/* c_cc indices */
#define NCCS      19
#define VINTR     0
#define VQUIT     1
#define VERASE    2
#define VKILL     3
#define VEOF      4
#define VMIN      6
#define VSWTC     7
#define VSTART    8
#define VSTOP     9
#define VSUSP     10
#define VEOL      11
#define VREPRINT  12
#define VDISCARD  13
#define VWERASE   14
#define VLNEXT    15
#define VEOL2     16

/* c_iflag bits */
#define IGNBRK   01
#define BRKINT   02
#define IGNPAR   04
#define PARMRK   010
#define INPCK    020
#define ISTRIP   040
#define INLCR    0100
#define IGNCR    0200
#define ICRNL    0400
#define IXANY    04000
#define IUCLC    01000
#define IXON     02000
#define IXOFF    010000
#define IMAXBEL  020000
#define IUTF8    040000

/* c_oflag bits */
#define OPOST   01
#define OCRNL   010
#define ONOCR   020
#define ONLRET  040
#define OFILL   0100
#define OFDEL   0200
#define OLCUC   02
#define ONLCR   04
#define NLDLY   0400
#define NL0     0
#define NL1     0400
#define CRDLY   03000
#define CR0     0
#define CR1     01000
#define CR2     02000
#define CR3     03000
#define TABDLY  014000
#define TAB0    0
#define TAB1    04000
#define TAB2    010000
#define TAB3    014000
#define XTABS   014000
#define BSDLY   020000
#define BS0     0
#define BS1     020000
#define VTDLY   040000
#define VT0     0
#define VT1     040000
#define FFDLY   0100000
#define FF0     0
#define FF1     0100000

/* c_cflag bits and baud rates */
#define B0        0
#define B50       01
#define B75       02
#define B110      03
#define B134      04
#define B150      05
#define B200      06
#define B300      07
#define B600      010
#define B1200     011
#define B1800     012
#define B2400     013
#define B4800     014
#define B9600     015
#define B19200    016
#define B38400    017
#define EXTA      B19200
#define EXTB      B38400
#define ADDRB     04000000000
#define CMSPAR    010000000000
#define CRTSCTS   020000000000U
#define IBSHIFT   020
#define CBAUD     010017
#define CSIZE     060
#define CS5       0
#define CS6       020
#define CS7       040
#define CS8       060
#define CSTOPB    0100
#define CREAD     0200
#define PARENB    0400
#define PARODD    01000
#define HUPCL     02000
#define CLOCAL    04000
#define CBAUDEX   010000
#define BOTHER    010000
#define B57600    010001
#define B115200   010002
#define B230400   010003
#define B460800   010004
#define B500000   010005
#define B576000   010006
#define B921600   010007
#define B1000000  010010
#define B1152000  010011
#define B1500000  010012
#define B2000000  010013
#define B2500000  010014
#define B3000000  010015
#define B3500000  010016
#define B4000000  010017
#define CIBAUD    02003600000

/* c_lflag bits */
#define ISIG     01
#define ICANON   02
#define XCASE    04
#define ECHO     010
#define ECHOE    020
#define ECHOK    040
#define ECHONL   0100
#define NOFLSH   0200
#define TOSTOP   0400
#define ECHOCTL  01000
#define ECHOPRT  02000
#define ECHOKE   04000
#define FLUSHO   010000
#define PENDIN   040000
#define IEXTEN   0100000
#define EXTPROC  0200000

/* tcflow/tcflush/tcsetattr arguments */
#define TCOOFF     0
#define TCOON      1
#define TCIOFF     2
#define TCION      3
#define TCIFLUSH   0
#define TCOFLUSH   1
#define TCIOFLUSH  2
#define TCSANOW    0
#define TCSADRAIN  1
#define TCSAFLUSH  2

/* ioctl numbers (a few encode sizeof(struct termios2) or struct serial_iso7816 via _IOR) */
#define TCGETS           0x5401
#define TCSETS           0x5402
#define TCSETSW          0x5403
#define TCSETSF          0x5404
#define TCGETA           0x5405
#define TCSETA           0x5406
#define TCSETAW          0x5407
#define TCSETAF          0x5408
#define TCSBRK           0x5409
#define TCXONC           0x540A
#define TCFLSH           0x540B
#define TIOCEXCL         0x540C
#define TIOCNXCL         0x540D
#define TIOCSCTTY        0x540E
#define TIOCGPGRP        0x540F
#define TIOCSPGRP        0x5410
#define TIOCOUTQ         0x5411
#define TIOCSTI          0x5412
#define TIOCGWINSZ       0x5413
#define TIOCSWINSZ       0x5414
#define TIOCMGET         0x5415
#define TIOCMBIS         0x5416
#define TIOCMBIC         0x5417
#define TIOCMSET         0x5418
#define TIOCGSOFTCAR     0x5419
#define TIOCSSOFTCAR     0x541A
#define FIONREAD         0x541B
#define TIOCINQ          FIONREAD
#define TIOCLINUX        0x541C
#define TIOCCONS         0x541D
#define TIOCGSERIAL      0x541E
#define TIOCSSERIAL      0x541F
#define TIOCPKT          0x5420
#define FIONBIO          0x5421
#define TIOCNOTTY        0x5422
#define TIOCSETD         0x5423
#define TIOCGETD         0x5424
#define TCSBRKP          0x5425
#define TIOCSBRK         0x5427
#define TIOCCBRK         0x5428
#define TIOCGSID         0x5429
#define TCGETS2          0x802C542AU
#define TCSETS2          0x402C542B
#define TCSETSW2         0x402C542C
#define TCSETSF2         0x402C542D
#define TIOCGRS485       0x542E
#define TIOCSRS485       0x542F
#define TIOCGPTN         0x80045430U
#define TIOCSPTLCK       0x40045431
#define TIOCGDEV         0x80045432U
#define TCGETX           0x5432
#define TCSETX           0x5433
#define TCSETXF          0x5434
#define TCSETXW          0x5435
#define TIOCSIG          0x40045436
#define TIOCVHANGUP      0x5437
#define TIOCGPKT         0x80045438U
#define TIOCGPTLCK       0x80045439U
#define TIOCGEXCL        0x80045440U
#define TIOCGPTPEER      0x5441
#define TIOCGISO7816     0x80285442U
#define TIOCSISO7816     0xC0285443U
#define FIONCLEX         0x5450
#define FIOCLEX          0x5451
#define FIOASYNC         0x5452
#define TIOCSERCONFIG    0x5453
#define TIOCSERGWILD     0x5454
#define TIOCSERSWILD     0x5455
#define TIOCGLCKTRMIOS   0x5456
#define TIOCSLCKTRMIOS   0x5457
#define TIOCSERGSTRUCT   0x5458
#define TIOCSERGETLSR    0x5459
#define TIOCSERGETMULTI  0x545A
#define TIOCSERSETMULTI  0x545B
#define TIOCMIWAIT       0x545C
#define TIOCGICOUNT      0x545D
#define FIOQSIZE         0x5460

/* TIOCPKT packet bytes and TIOCSERGETLSR bits */
#define TIOCPKT_DATA        0x0
#define TIOCPKT_FLUSHREAD   0x1
#define TIOCPKT_FLUSHWRITE  0x2
#define TIOCPKT_STOP        0x4
#define TIOCPKT_START       0x8
#define TIOCPKT_NOSTOP      0x10
#define TIOCPKT_DOSTOP      0x20
#define TIOCPKT_IOCTL       0x40
#define TIOCSER_TEMT        0x1

typedef u8 linux_cc_t;
typedef u32 linux_tcflag_t;

struct linux_termios {
    linux_tcflag_t c_iflag;
    linux_tcflag_t c_oflag;
    linux_tcflag_t c_cflag;
    linux_tcflag_t c_lflag;
    linux_cc_t c_line;
    linux_cc_t c_cc[NCCS];
};

/* TIOCGWINSZ/TIOCSWINSZ (asm-generic/termios.h). */
struct linux_winsize {
    u16 ws_row;
    u16 ws_col;
    u16 ws_xpixel;
    u16 ws_ypixel;
};
