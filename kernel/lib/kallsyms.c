/*
 * The kernel's symbol table (Linux's kallsyms): the name of the function
 * holding an address, for backtraces (lib/printk.c) and for a sleeping
 * process's wait channel (proc/wchan.c).
 *
 * tools/kallsyms generates the table from the kernel's first link and the
 * Makefile links it into the second, in a section after all text (so the
 * addresses it lists are the final ones).  Text symbols only, sorted by
 * address; a lookup is a binary search.  The table is read-only: no locking.
 */
#include "kernel.h"

extern const u64 kallsyms_num;
extern const u64 kallsyms_addrs[];
extern const u32 kallsyms_sizes[];
extern const u32 kallsyms_offsets[];
extern const char kallsyms_names[];

/*
 * The function containing addr: its name, with *offset the distance from
 * its start and *size its length.  NULL when addr is in no function.
 */
const char *kallsyms_lookup(u64 addr, u64 *offset, u64 *size)
{
	u64 lo = 0, hi = kallsyms_num;

	/* the last symbol at or below addr */
	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;
		if (kallsyms_addrs[mid] <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	lo--;
	/* several names for one address (e.g. _kernel_start, _start): the one with a size */
	while (lo && kallsyms_addrs[lo - 1] == kallsyms_addrs[lo] && !kallsyms_sizes[lo])
		lo--;
	if (addr - kallsyms_addrs[lo] >= kallsyms_sizes[lo])
		return NULL;
	*offset = addr - kallsyms_addrs[lo];
	*size = kallsyms_sizes[lo];
	return kallsyms_names + kallsyms_offsets[lo];
}

/* "name+0xoff/0xsize", or the bare address, into buf: where addr is. */
void sprint_symbol(char *buf, size_t len, u64 addr)
{
	u64 off, size;
	const char *name = kallsyms_lookup(addr, &off, &size);

	if (name)
		snprintk(buf, len, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintk(buf, len, "0x%lx", addr);
}

/*
 * The same for a return address (Linux's sprint_backtrace): the function is
 * the one holding the call, at ra - 1, since a call to a function that does
 * not return (panic) may be the last instruction of its function, with ra
 * already the start of the next one.
 */
void sprint_backtrace(char *buf, size_t len, u64 ra)
{
	u64 off, size;
	const char *name = kallsyms_lookup(ra - 1, &off, &size);

	if (name)
		snprintk(buf, len, "%s+0x%lx/0x%lx", name, off + 1, size);
	else
		snprintk(buf, len, "0x%lx", ra);
}
