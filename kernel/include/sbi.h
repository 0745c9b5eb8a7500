/* The Supervisor Binary Interface calls we make to OpenSBI (arch/riscv/sbi.c). */
#ifndef IPCOS_SBI_H
#define IPCOS_SBI_H

#include "types.h"

struct sbiret {
	long error;
	long value;
};

void sbi_set_timer(u64 stime);
void sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
void sbi_remote_sfence_vma_all(void);
long sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque);
void sbi_shutdown(void) __attribute__((noreturn));
void sbi_console_putchar(int c);
unsigned long sbi_machine_id(int fid); /* 4 mvendorid, 5 marchid, 6 mimpid */

#endif
