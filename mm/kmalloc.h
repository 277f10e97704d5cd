/* Kernel heap (mm/kmalloc.c): power-of-two size classes carved from pages; big blocks are whole pages. */
#pragma once
#include "lib/types.h"

void *kmalloc(size_t size);            /* NULL when out of memory: callers return -ENOMEM */
void *kzalloc(size_t size);
void kfree(void *p);                   /* kfree(NULL) is a no-op */
char *kstrdup(const char *s);
