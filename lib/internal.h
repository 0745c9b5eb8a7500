/*
 * internal.h - what the library's own files share; never installed.
 *
 * The system call helpers live here: __ecallN() puts the number in a7
 * and its N arguments in a0.., executes `ecall`, and returns a0.
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

/*
 * One helper per argument count, as musl's __syscallN: a register the call
 * does not use is left as it is (the kernel reads only the arguments the
 * call has), so a wrapper sets up nothing more than its arguments.
 */
#define __ECALL_ASM(...) \
    __asm__ volatile("ecall" : "+r"(r_a0) : "r"(r_a7), ##__VA_ARGS__ : "memory")

static inline long __ecall0(long nr)
{
    register long r_a0 __asm__("a0");
    register long r_a7 __asm__("a7") = nr;
    __ECALL_ASM();
    return r_a0;
}

static inline long __ecall1(long nr, long a0)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a7 __asm__("a7") = nr;
    __ECALL_ASM();
    return r_a0;
}

static inline long __ecall2(long nr, long a0, long a1)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a7 __asm__("a7") = nr;
    __ECALL_ASM("r"(r_a1));
    return r_a0;
}

static inline long __ecall3(long nr, long a0, long a1, long a2)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a7 __asm__("a7") = nr;
    __ECALL_ASM("r"(r_a1), "r"(r_a2));
    return r_a0;
}

static inline long __ecall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    register long r_a0 __asm__("a0") = a0;
    register long r_a1 __asm__("a1") = a1;
    register long r_a2 __asm__("a2") = a2;
    register long r_a3 __asm__("a3") = a3;
    register long r_a4 __asm__("a4") = a4;
    register long r_a5 __asm__("a5") = a5;
    register long r_a7 __asm__("a7") = nr;
    __ECALL_ASM("r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5));
    return r_a0;
}

/* Any count (the few four- and five-argument calls pass zeros for the rest). */
static inline long __ecall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    return __ecall6(nr, a0, a1, a2, a3, a4, a5);
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
#define SYSCALL0(nr)             __syscall_ret(__ecall0(nr))
#define SYSCALL1(nr, a)          __syscall_ret(__ecall1(nr, __A(a)))
#define SYSCALL2(nr, a, b)       __syscall_ret(__ecall2(nr, __A(a), __A(b)))
#define SYSCALL3(nr, a, b, c)    __syscall_ret(__ecall3(nr, __A(a), __A(b), __A(c)))
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
