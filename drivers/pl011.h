/* PL011 UART: the serial console's hardware side. */
#pragma once
#include "lib/types.h"

void pl011_init(paddr_t base, int irq);
void pl011_putc(char c);
void pl011_write(const char *s, size_t n);
int pl011_irq(void);                          /* the UART's interrupt id, -1 if none */
void pl011_handle_irq(void);                  /* drains RX into tty_input() */
