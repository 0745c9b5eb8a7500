/*
 * Calls to the SBI firmware (OpenSBI) below us: the timer, inter-hart
 * interrupts, remote TLB fences (RFENCE), starting harts (HSM) and system
 * reset.
 * Each call is an ecall with the extension id in a7 and the function in a6.
 */
#include "sbi.h"
#include "kernel.h"
#include "proc.h"

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM 0x48534D
#define SBI_EXT_SRST 0x53525354

static struct sbiret sbi_call4(long ext, long fid, long a0, long a1, long a2, long a3)
{
	register long r0 asm("a0") = a0;
	register long r1 asm("a1") = a1;
	register long r2 asm("a2") = a2;
	register long r3 asm("a3") = a3;
	register long r6 asm("a6") = fid;
	register long r7 asm("a7") = ext;
	asm volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r3), "r"(r6), "r"(r7) : "memory");
	return (struct sbiret){ r0, r1 };
}

static struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2)
{
	return sbi_call4(ext, fid, a0, a1, a2, 0);
}

void sbi_set_timer(u64 stime)
{
	sbi_call(SBI_EXT_TIME, 0, stime, 0, 0);
}

void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	sbi_call(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0);
}

/*
 * Every hart (this one too) flushes its whole TLB; returns when they all
 * have (OpenSBI waits for each).  For a page table changed behind the back
 * of a process that may be running elsewhere (unmap_mapping_range).
 */
void sbi_remote_sfence_vma_all(void)
{
	unsigned long mask = 0;

	for (int i = 0; i < ncpus; i++)
		mask |= 1UL << cpus[i].hartid;
	sbi_call4(SBI_EXT_RFENCE, 1, mask, 0, 0, -1L);
}

long sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, 0, hartid, start_pa, opaque).error;
}

void sbi_shutdown(void)
{
	sbi_call(SBI_EXT_SRST, 0, 0 /* shutdown */, 0 /* no reason */, 0);
	for (;;)
		asm volatile("wfi");
}

void sbi_console_putchar(int c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0);
}

/* The SBI base extension's machine ids: mvendorid (fid 4), marchid (5), mimpid (6). */
unsigned long sbi_machine_id(int fid)
{
	struct sbiret r = sbi_call(0x10, fid, 0, 0, 0);

	return r.error ? 0 : r.value;
}
