/* The kernel's random numbers (lib/random.c): ChaCha20 seeded from the device tree. */
#ifndef IPCOS_RANDOM_H
#define IPCOS_RANDOM_H

#include "types.h"

void random_init(void);
void get_random_bytes(void *buf, size_t n);

#endif
