/*
 * A small flattened-device-tree reader.  One pass over the structure block at
 * boot fills struct platform with what the kernel needs: memory, harts and
 * their interrupt controllers, the timebase, the UART, the PLIC and its hart
 * contexts, the power-off (test) device, the RTC, the initrd and the boot
 * arguments.  Everything is big-endian in the blob.
 */
#include "kernel.h"
#include "platform.h"
#include "riscv.h"

struct platform platform;

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

#define MAX_DEPTH 8
#define MAX_IEXT 64

static inline u32 be32(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* Read a cells-wide big-endian number. */
static u64 read_cells(const u8 *p, int cells)
{
	u64 v = 0;

	for (int i = 0; i < cells; i++)
		v = v << 32 | be32(p + 4 * i);
	return v;
}

/* What we learn about one node while inside it. */
struct node {
	const char *name;
	int addr_cells, size_cells; /* for this node's children */
	const u8 *reg;
	u32 reg_len;
	const char *compat;
	u32 compat_len;
	const char *device_type;
	bool disabled;
	u32 phandle;
	u32 child_intc_phandle;     /* cpus: phandle of the interrupt-controller child */
	const char *isa;            /* cpus: riscv,isa, as "rv64imafdc_zicsr..." */
	u32 irq;
	const u8 *iext;
	u32 iext_len;
};

static bool compatible(struct node *n, const char *want)
{
	const char *s = n->compat, *end = n->compat + n->compat_len;

	while (s && s < end) {
		if (!strcmp(s, want))
			return true;
		s += strlen(s) + 1;
	}
	return false;
}

/*
 * AT_HWCAP as Linux computes it: bit (letter - 'a') for each of the base
 * extensions i, m, a, f, d, c, v named in the single-letter part of the
 * hart's riscv,isa string, kept only if every hart has it.
 */
static u64 isa_hwcap(const char *isa)
{
	u64 caps = 0;

	if (!isa || strncmp(isa, "rv64", 4))
		return 0;
	for (const char *s = isa + 4; *s && *s != '_'; s++)
		if (strchr("imafdcv", *s))
			caps |= 1UL << (*s - 'a');
	return caps;
}

static const u8 *plic_iext;
static u32 plic_iext_len;

/* A node ended: record it if it is something we want.  parent may be NULL. */
static void node_done(struct node *n, struct node *parent)
{
	int ac = parent ? parent->addr_cells : 2, sc = parent ? parent->size_cells : 1;
	u64 base = n->reg ? read_cells(n->reg, ac) : 0;
	u64 size = n->reg && sc ? read_cells(n->reg + 4 * ac, sc) : 0;

	if (n->device_type && !strcmp(n->device_type, "memory") && !platform.mem_end) {
		platform.mem_start = base;
		platform.mem_end = base + size;
	} else if (n->device_type && !strcmp(n->device_type, "cpu")) {
		if (!n->disabled && platform.nharts < NCPU) {
			u64 caps = isa_hwcap(n->isa);
			platform.isa_hwcap = platform.nharts ? platform.isa_hwcap & caps : caps;
			platform.hartids[platform.nharts] = base;
			strlcpy(platform.isa[platform.nharts], n->isa ? n->isa : "", sizeof(platform.isa[0]));
			platform.intc_phandle[platform.nharts] = n->child_intc_phandle;
			platform.nharts++;
		}
	} else if (parent && compatible(n, "riscv,cpu-intc")) {
		parent->child_intc_phandle = n->phandle;
	} else if (compatible(n, "ns16550a") && !platform.uart_base) {
		platform.uart_base = base;
		platform.uart_irq = n->irq;
	} else if (compatible(n, "riscv,plic0") || compatible(n, "sifive,plic-1.0.0")) {
		platform.plic_base = base;
		plic_iext = n->iext;
		plic_iext_len = n->iext_len;
	} else if (compatible(n, "sifive,test0")) {
		platform.test_base = base;
	} else if (compatible(n, "google,goldfish-rtc")) {
		platform.rtc_base = base;
	}
}

static void prop(struct node *n, int depth, const char *name, const u8 *val, u32 len)
{
	if (!strcmp(name, "#address-cells"))
		n->addr_cells = be32(val);
	else if (!strcmp(name, "#size-cells"))
		n->size_cells = be32(val);
	else if (!strcmp(name, "reg")) {
		n->reg = val;
		n->reg_len = len;
	} else if (!strcmp(name, "compatible")) {
		n->compat = (const char *)val;
		n->compat_len = len;
	} else if (!strcmp(name, "device_type"))
		n->device_type = (const char *)val;
	else if (!strcmp(name, "status"))
		n->disabled = strcmp((const char *)val, "okay") && strcmp((const char *)val, "ok");
	else if (!strcmp(name, "riscv,isa"))
		n->isa = (const char *)val;
	else if (!strcmp(name, "phandle"))
		n->phandle = be32(val);
	else if (!strcmp(name, "interrupts"))
		n->irq = be32(val);
	else if (!strcmp(name, "interrupts-extended")) {
		n->iext = val;
		n->iext_len = len;
	} else if (!strcmp(name, "timebase-frequency"))
		platform.timebase = len == 8 ? read_cells(val, 2) : be32(val);
	else if (depth == 1 && !strcmp(n->name, "chosen")) {
		if (!strcmp(name, "bootargs"))
			strlcpy(platform.bootargs, (const char *)val, sizeof(platform.bootargs));
		else if (!strcmp(name, "linux,initrd-start"))
			platform.initrd_start = read_cells(val, len / 4);
		else if (!strcmp(name, "linux,initrd-end"))
			platform.initrd_end = read_cells(val, len / 4);
		else if (!strcmp(name, "rng-seed")) {
			platform.rng_seed_len = MIN(len, (u32)sizeof(platform.rng_seed));
			memcpy(platform.rng_seed, val, platform.rng_seed_len);
		}
	}
}

/* interrupts-extended of the PLIC: (intc phandle, irq) per context; S-mode is irq 9. */
static void resolve_plic_contexts(void)
{
	for (int h = 0; h < NCPU; h++)
		platform.plic_context[h] = -1;
	for (u32 i = 0; i + 8 <= plic_iext_len; i += 8) {
		u32 ph = be32(plic_iext + i), irq = be32(plic_iext + i + 4);
		if (irq != IRQ_S_EXT)
			continue;
		for (int h = 0; h < platform.nharts; h++)
			if (platform.intc_phandle[h] == ph)
				platform.plic_context[h] = i / 8;
	}
}

void fdt_parse(paddr_t dtb)
{
	const u8 *blob = __va(dtb);
	const u8 *p, *strings;
	struct node stack[MAX_DEPTH];
	int depth = -1;

	if (be32(blob) != FDT_MAGIC)
		panic("no device tree at %lx", dtb);
	platform.dtb_start = dtb;
	platform.dtb_end = dtb + be32(blob + 4);
	p = blob + be32(blob + 8);
	strings = blob + be32(blob + 12);
	for (;;) {
		u32 tok = be32(p);
		p += 4;
		if (tok == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;
			p += ALIGN_UP(strlen(name) + 1, 4);
			if (++depth >= MAX_DEPTH)
				panic("device tree too deep");
			memset(&stack[depth], 0, sizeof(stack[depth]));
			stack[depth].name = name;
			stack[depth].addr_cells = 2;
			stack[depth].size_cells = 1;
		} else if (tok == FDT_END_NODE) {
			node_done(&stack[depth], depth ? &stack[depth - 1] : NULL);
			depth--;
		} else if (tok == FDT_PROP) {
			u32 len = be32(p), nameoff = be32(p + 4);
			prop(&stack[depth], depth, (const char *)strings + nameoff, p + 8, len);
			p += 8 + ALIGN_UP(len, 4);
		} else if (tok == FDT_NOP) {
			continue;
		} else {
			break;
		}
	}
	resolve_plic_contexts();
	if (!platform.mem_end || !platform.timebase || !platform.nharts)
		panic("device tree lacks memory, timebase or cpus");
}
