/*
 * syscall.c - the errno convention for system calls, and syscall().
 *
 * See internal.h for the ecall helper the wrappers use.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
#include "internal.h"

long __syscall_error(long r)
{
    errno = (int)-r;
    return -1;
}

/*
 * syscall(nr, ...) - make system call nr with up to six long arguments.
 * Like glibc's, it reads six arguments whatever nr needs; the unused
 * ones are whatever the caller's registers held, which the kernel ignores.
 */
long syscall(long nr, ...)
{
    va_list ap;
    long a[6];

    va_start(ap, nr);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    return __syscall_ret(__ecall(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}
