/* ARM PrimeCell PL011 (DDI0183). Transmit by polling the FIFO-full flag; receive by interrupt. */
#include "drivers/pl011.h"
#include "mm/page.h"

#define DR    0x00
#define FR    0x18
#define CR    0x30
#define IMSC  0x38
#define ICR   0x44
#define FR_TXFF (1 << 5)
#define FR_RXFE (1 << 4)

static volatile u32 *uart = (volatile u32 *)(0x09000000UL + 0xffff000000000000UL);
static int uart_irq = -1;

void tty_input(char c);   /* drivers/tty.c */

void pl011_init(paddr_t base, int irq) {
    uart = phys_to_virt(base);
    uart_irq = irq;
    uart[CR / 4] = (1 << 0) | (1 << 8) | (1 << 9);    /* UARTEN | TXE | RXE */
    uart[ICR / 4] = 0x7ff;
    uart[IMSC / 4] = (1 << 4) | (1 << 6);             /* RX and RX-timeout interrupts */
}

void pl011_putc(char c) {
    while (uart[FR / 4] & FR_TXFF) { }
    uart[DR / 4] = (u8)c;
}

void pl011_write(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) pl011_putc(s[i]);
}

int pl011_irq(void) { return uart_irq; }

void pl011_handle_irq(void) {
    while (!(uart[FR / 4] & FR_RXFE)) tty_input((char)(uart[DR / 4] & 0xff));
    uart[ICR / 4] = (1 << 4) | (1 << 6);
}
