/* What the device tree told us about the machine (lib/fdt.c, read once at boot). */
#ifndef IPCOS_PLATFORM_H
#define IPCOS_PLATFORM_H

#include "types.h"
#include "param.h"

struct platform {
	paddr_t mem_start, mem_end;
	int nharts;
	u64 hartids[NCPU];
	u32 intc_phandle[NCPU];      /* each hart's interrupt-controller phandle */
	u64 timebase;                /* timer ticks per second */
	paddr_t uart_base;
	u32 uart_irq;
	paddr_t plic_base;
	int plic_context[NCPU];      /* S-mode external interrupt context of each hart, -1 if none */
	paddr_t test_base;           /* sifive,test0 power-off device, 0 if none */
	paddr_t rtc_base;            /* goldfish RTC, 0 if none */
	paddr_t initrd_start, initrd_end;
	paddr_t dtb_start, dtb_end;
	u64 isa_hwcap;               /* single-letter ISA extensions every hart has (AT_HWCAP) */
	char isa[NCPU][96];          /* each hart's riscv,isa string (/proc/cpuinfo) */
	char bootargs[1024];
	u8 rng_seed[64];             /* /chosen/rng-seed (QEMU: 32 bytes from the host's getrandom) */
	u32 rng_seed_len;
};

extern struct platform platform;
void fdt_parse(paddr_t dtb);

#endif
