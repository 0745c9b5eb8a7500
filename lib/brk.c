/*
 * brk.c - the program break: the end of the heap that malloc grows.
 *
 * The brk system call is unusual: it never returns -errno.  brk(addr)
 * returns the new break if it could move it to addr, and the unchanged
 * old break otherwise; brk(0) just reports the current break.
 * We remember the break so that sbrk() can be relative to it.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "internal.h"

static uintptr_t cur_brk;       /* 0 until first asked */

static uintptr_t raw_brk(uintptr_t addr)
{
    return (uintptr_t)__ecall(SYS_brk, (long)addr, 0, 0, 0, 0, 0);
}

int brk(void *addr)
{
    cur_brk = raw_brk((uintptr_t)addr);
    if (cur_brk != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/*
 * sbrk(increment) - move the break by increment bytes and return the old
 * break, or (void *)-1 with ENOMEM if that is impossible (including when
 * old + increment would wrap around the address space).
 */
void *sbrk(intptr_t increment)
{
    if (cur_brk == 0)
        cur_brk = raw_brk(0);

    uintptr_t old = cur_brk;
    if (increment == 0)
        return (void *)old;

    uintptr_t want = old + (uintptr_t)increment;
    if ((increment > 0 && want < old) || (increment < 0 && want > old)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    cur_brk = raw_brk(want);
    if (cur_brk != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    return (void *)old;
}
