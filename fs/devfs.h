/* /dev: the character device registry and the memory devices (fs/devfs.c). devfs_register_chr,
 * the drivers' entry point, is declared in fs/vfs.h. */
#pragma once
#include "fs/vfs.h"

/* vfs_init: create the standard nodes and those of drivers registered before /dev existed. */
void devfs_populate(void);
