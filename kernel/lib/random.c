/*
 * random.c - the kernel's random numbers: getrandom(2), AT_RANDOM.
 *
 * The entropy: the device tree's /chosen/rng-seed, which QEMU's virt
 * machine fills with 32 bytes from the host's own getrandom() at every
 * boot, mixed with the timer and the wall clock at boot.  The generator is
 * ChaCha20 used with fast key erasure (as Linux's crng and Bernstein's
 * proposal): each request runs the 20-round block function under the
 * current 256-bit key, the first 32 bytes of the block become the new key
 * and the rest is output, so a key found later does not reveal earlier
 * output.  With QEMU's seed the output is cryptographically strong: as
 * strong as the host's generator and ChaCha20.  Without an rng-seed (other
 * firmware or machines), only the timer and the clock seed it: then it is
 * NOT cryptographic -- predictable by whoever can guess the boot time --
 * and the kernel says so at boot.  Like Linux with a trusted boot seed, it
 * never blocks.
 *
 * Locking: rng_lock (a leaf) guards the key, the block counter and the
 * output not yet handed out.
 */
#include "kernel.h"
#include "mm.h"
#include "platform.h"
#include "proc.h"
#include "syscalls.h"
#include "spinlock.h"
#include "random.h"

static struct spinlock rng_lock = SPINLOCK_INIT("rng");
static u32 rng_key[8];
static u64 rng_blocks;          /* blocks made so far: part of each block's nonce */
static bool rng_seeded;         /* from the device tree: the output is cryptographic */

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d) (a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), \
			a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c, b = ROTL(b, 7))

/* ChaCha20's block function (RFC 8439): 64 bytes from the key, a block counter and a nonce. */
static void chacha20_block(const u32 key[8], u64 counter, u64 nonce, u32 out[16])
{
	u32 x[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1], key[2], key[3],
		      key[4], key[5], key[6], key[7], (u32)counter, (u32)(counter >> 32), (u32)nonce,
		      (u32)(nonce >> 32) };

	memcpy(out, x, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] += x[i];
}

/* Boot: the key from the device tree's seed, the timer and the clock. */
void random_init(void)
{
	u32 block[16];
	u64 t = rdtime(), clock = realtime_ns();

	for (u32 i = 0; i < platform.rng_seed_len && i < sizeof(rng_key); i++)
		((u8 *)rng_key)[i] ^= platform.rng_seed[i];
	rng_seeded = platform.rng_seed_len >= 16;
	rng_key[0] ^= (u32)t;
	rng_key[1] ^= (u32)(t >> 32);
	rng_key[2] ^= (u32)clock;
	rng_key[3] ^= (u32)(clock >> 32);
	chacha20_block(rng_key, 0, ~0UL, block);   /* stir: the key is the hash of all that */
	memcpy(rng_key, block, sizeof(rng_key));
	memset(block, 0, sizeof(block));
	if (!rng_seeded)
		printk("random: no rng-seed in the device tree: getrandom() is not cryptographic\n");
}

/*
 * n bytes of output into the kernel buffer buf.  Each block's 32 output
 * bytes are handed out until used up (as Linux batches its output): an
 * exec's 16 AT_RANDOM bytes cost half a block.  Bytes handed out are
 * erased from the buffer.
 */
void get_random_bytes(void *buf, size_t n)
{
	static u8 out[32];          /* rng_lock: output not handed out yet, at its end */
	static u32 avail;
	u32 block[16];

	acquire(&rng_lock);
	while (n) {
		if (!avail) {
			chacha20_block(rng_key, rng_blocks++, rdtime(), block);
			memcpy(rng_key, block, 32);     /* fast key erasure */
			memcpy(out, (u8 *)block + 32, 32);
			avail = 32;
		}
		size_t chunk = MIN(n, (size_t)avail);
		u8 *from = out + 32 - avail;
		memcpy(buf, from, chunk);
		memset(from, 0, chunk);
		avail -= chunk;
		buf = (u8 *)buf + chunk;
		n -= chunk;
	}
	release(&rng_lock);
	memset(block, 0, sizeof(block));
}

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM 0x2
#define GRND_INSECURE 0x4
#define MAX_RW_COUNT 0x7ffff000L

/*
 * getrandom(buf, count, flags), as Linux's: unknown flags EINVAL;
 * GRND_INSECURE with GRND_RANDOM EINVAL; never blocks (the generator is
 * seeded at boot).  At most MAX_RW_COUNT bytes; a signal stops a long
 * request after a page (what was copied is returned); nothing writable
 * EFAULT, a fault later returns what was copied.
 */
long sys_getrandom(uaddr_t ubuf, size_t count, unsigned flags)
{
	u8 tmp[256];
	long done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	count = MIN(count, (size_t)MAX_RW_COUNT);
	while ((size_t)done < count) {
		size_t chunk = MIN(count - done, sizeof(tmp));
		get_random_bytes(tmp, chunk);
		if (copyout(ubuf + done, tmp, chunk))
			break;
		done += chunk;
		if (done % PAGE_SIZE == 0 && (size_t)done < count && signal_pending(myproc()))
			break;
	}
	memset(tmp, 0, sizeof(tmp));
	return done ? done : (count ? -EFAULT : 0);
}
