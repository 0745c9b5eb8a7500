/*
 * The deliberate panic of make test's panic check: linked into
 * build/kernel-panic.bin only (Makefile), it replaces main.c's empty
 * boot_test() and panics two calls deeper, so the check (tools/test) can
 * see a backtrace naming panic_test_inner, panic_test_outer, boot_test and
 * kmain with their offsets.
 */
#include "kernel.h"

static volatile int depth;

__attribute__((noinline)) static void panic_test_inner(int n)
{
	depth = n;
	panic("deliberate panic (test kernel), depth %d", depth);
}

__attribute__((noinline)) static void panic_test_outer(int n)
{
	panic_test_inner(n + 1);
	depth = 0; /* not reached: keeps the call a call, not a tail jump */
}

void boot_test(void)
{
	panic_test_outer(1);
}
