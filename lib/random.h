/* Kernel random bytes (lib/random.c): a ChaCha20 stream seeded from the device tree's rng-seed
 * and the timer counter. Feeds getrandom, /dev/urandom and AT_RANDOM. */
#pragma once
#include "lib/types.h"

void get_random_bytes(void *buf, size_t n);
