/* Interrupts: the GIC (v2 or v3, found in the device tree) and a table of handlers by INTID. */
#pragma once
#include "lib/types.h"

typedef void (*irq_handler_t)(void);
void gic_init(const void *fdt);
void irq_register(int intid, irq_handler_t h, bool level);   /* and enable it */
int gic_version(void);
