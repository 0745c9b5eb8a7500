/*
 * The only gate between the kernel and user memory (copyin and copyout,
 * inline in mm.h, and the calls here).  Each call first checks
 * that the whole user range lies below USER_TOP (so no kernel address can be
 * named), then copies with the MMU checking each page (arch/riscv/uaccess.S).
 * A page fault during the copy goes to uvm_fault (first touch of heap or
 * stack, copy-on-write) and the copy resumes; a real fault ends the copy and
 * the call returns -EFAULT.  The kernel never dereferences a user pointer
 * anywhere else.
 */
#include "kernel.h"
#include "mm.h"
#include "proc.h"

size_t __clear_user(void *dst, size_t n);
long __strncpy_from_user(char *dst, const char *src, long max);
long __futex_cmpxchg_user(u32 *uaddr, u32 old, u32 new);
/* labels in uaccess.S */
extern char __uaccess_start[], __uaccess_end[], __copy_user_fault[], __strncpy_from_user_fault[];
extern char __futex_cmpxchg_user_fault[];

int clear_user(uaddr_t dst, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return __clear_user((void *)dst, n) ? -EFAULT : 0;
}

/* Copy a NUL-terminated string of at most max bytes (NUL included); returns its length. */
long copyinstr(char *dst, uaddr_t src, size_t max)
{
	long len;

	if (src >= USER_TOP)
		return -EFAULT;
	max = MIN(max, USER_TOP - src);
	len = __strncpy_from_user(dst, (const char *)src, max);
	if (len < 0)
		return -EFAULT;
	if ((size_t)len == max)
		return src + max == USER_TOP ? -EFAULT : -ENAMETOOLONG;
	return len;
}

/*
 * Atomically replace the u32 at uaddr with new if it holds old (robust
 * futexes).  0 with the value found in *found, or -EFAULT.
 */
int futex_cmpxchg_user(uaddr_t uaddr, u32 old, u32 new, u32 *found)
{
	long r;

	if (!access_ok(uaddr, sizeof(u32)) || (uaddr & 3))
		return -EFAULT;
	r = __futex_cmpxchg_user((u32 *)uaddr, old, new);
	if (r < 0)
		return -EFAULT;
	*found = r;
	return 0;
}

/*
 * A page fault in kernel mode at pc: if pc is in a user-access routine,
 * resolve it (0: retry the instruction) or return where to continue with
 * failure.  Returns 1 if pc is not a user access at all (a kernel bug).
 */
u64 uaccess_fault(u64 pc, u64 addr, bool write)
{
	if (pc < (u64)__uaccess_start || pc >= (u64)__uaccess_end)
		return 1;
	if (addr < USER_TOP && myproc() && uvm_fault(myproc(), addr, write ? FAULT_WRITE : FAULT_READ) == 0)
		return 0;
	if (pc >= (u64)__futex_cmpxchg_user)
		return (u64)__futex_cmpxchg_user_fault;
	if (pc >= (u64)__strncpy_from_user)
		return (u64)__strncpy_from_user_fault;
	return (u64)__copy_user_fault; /* for __clear_user too: a2 holds what is left */
}
