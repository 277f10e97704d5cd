/* Kernel randomness: ChaCha20 (RFC 8439) keyed from the device tree's rng-seed (QEMU fills it from
 * the host) mixed with the counter; every request re-keys from the stream (fast key erasure). */
#include "lib/random.h"
#include "lib/string.h"
#include "lib/spinlock.h"

static u32 key[8];
static u64 nonce;
static spinlock_t lock = SPINLOCK_INIT;

#define ROTL(a, b) (((a) << (b)) | ((a) >> (32 - (b))))
#define QR(a, b, c, d) (a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), \
                        a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c, b = ROTL(b, 7))

static void chacha_block(u32 out[16], u64 counter) {
    u32 in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
                   key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
                   (u32)counter, (u32)(counter >> 32), (u32)nonce, (u32)(nonce >> 32) };
    u32 x[16];
    memcpy(x, in, sizeof x);
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) out[i] = x[i] + in[i];
}

void random_init(const void *seed, size_t len) {
    const u8 *s = seed;
    for (size_t i = 0; i < len; i++) ((u8 *)key)[i % 32] ^= s[i];
    u64 c;
    __asm__ volatile("mrs %0, cntvct_el0" : "=r"(c));
    key[0] ^= (u32)c;
    key[1] ^= (u32)(c >> 32);
}

void get_random_bytes(void *buf, size_t n) {
    u64 f = spin_lock_irqsave(&lock);
    u32 block[16];
    u8 *out = buf;
    u64 ctr = 1;
    while (n) {
        chacha_block(block, ctr++);
        size_t c = n < 64 ? n : 64;
        memcpy(out, block, c);
        out += c;
        n -= c;
    }
    chacha_block(block, 0);              /* new key for the next caller */
    memcpy(key, block, sizeof key);
    nonce++;
    spin_unlock_irqrestore(&lock, f);
}
