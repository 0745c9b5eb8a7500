/*
 * internal.h - what the library's own files share; never installed.
 *
 * The one system call helper lives here: __ecall() puts the number in a7
 * and up to six arguments in a0..a5, executes `ecall`, and returns a0.
 * Linux's convention is that a result in [-4095, -1] is -errno;
 * __syscall_ret() turns that into errno plus -1, the C library's way
 * (inline, with the error case in __syscall_error).
 *
 * SYSCALLn(nr, ...) casts each argument to long (pointers, ints, sizes)
 * and applies that convention, so a wrapper is usually one line:
 *     ssize_t read(int fd, void *buf, size_t n)
 *     { return SYSCALL3(SYS_read, fd, buf, n); }
 */
#ifndef _LIB_INTERNAL_H
#define _LIB_INTERNAL_H

#include <sys/syscall.h>

static inline long __ecall(long nr, long a0, long a1, long a2,
                           long a3, long a4, long a5)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a3 __asm__("a3") = a3;
    register long r_a4 __asm__("a4") = a4;
    register long r_a5 __asm__("a5") = a5;
    register long r_a7 __asm__("a7") = nr;

    __asm__ volatile("ecall"
                     : "+r"(r_a0)
                     : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5),
                       "r"(r_a7)
                     : "memory");
    return r_a0;
}

/* errno = -r, return -1 (out of line: the rare case). */
long __syscall_error(long r);

/* -4095..-1 -> errno = -r, return -1; anything else is returned as is. */
static inline long __syscall_ret(long r)
{
    if ((unsigned long)r >= -4095UL)
        return __syscall_error(r);
    return r;
}

#define __A(x) ((long)(x))
#define SYSCALL0(nr)             __syscall_ret(__ecall(nr, 0, 0, 0, 0, 0, 0))
#define SYSCALL1(nr, a)          __syscall_ret(__ecall(nr, __A(a), 0, 0, 0, 0, 0))
#define SYSCALL2(nr, a, b)       __syscall_ret(__ecall(nr, __A(a), __A(b), 0, 0, 0, 0))
#define SYSCALL3(nr, a, b, c)    __syscall_ret(__ecall(nr, __A(a), __A(b), __A(c), 0, 0, 0))
#define SYSCALL4(nr, a, b, c, d) \
    __syscall_ret(__ecall(nr, __A(a), __A(b), __A(c), __A(d), 0, 0))
#define SYSCALL5(nr, a, b, c, d, e) \
    __syscall_ret(__ecall(nr, __A(a), __A(b), __A(c), __A(d), __A(e), 0))
#define SYSCALL6(nr, a, b, c, d, e, f) \
    __syscall_ret(__ecall(nr, __A(a), __A(b), __A(c), __A(d), __A(e), __A(f)))

/* stdio.c: flush every open stream (exit() calls it). */
void __stdio_flush_all(void);

/* start.c: a value from the auxiliary vector, or 0 if it is not there. */
#define AT_PAGESZ   6
#define AT_CLKTCK   17
unsigned long __getauxval(unsigned long type);

#endif /* _LIB_INTERNAL_H */
