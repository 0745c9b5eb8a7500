/*
 * limits.h - sizes of the integer types and a few system limits.
 *
 * The integer limits come from the compiler's predefined macros, so they
 * are right for riscv64 (LP64, where plain char is unsigned) and for the
 * host when lib/ is unit-tested there.  PATH_MAX and friends are Linux's.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT        8
#define MB_LEN_MAX      16

#define SCHAR_MIN       (-SCHAR_MAX - 1)
#define SCHAR_MAX       __SCHAR_MAX__
#define UCHAR_MAX       (SCHAR_MAX * 2 + 1)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN        0
#define CHAR_MAX        UCHAR_MAX
#else
#define CHAR_MIN        SCHAR_MIN
#define CHAR_MAX        SCHAR_MAX
#endif

#define SHRT_MIN        (-SHRT_MAX - 1)
#define SHRT_MAX        __SHRT_MAX__
#define USHRT_MAX       (SHRT_MAX * 2 + 1)

#define INT_MIN         (-INT_MAX - 1)
#define INT_MAX         __INT_MAX__
#define UINT_MAX        (INT_MAX * 2U + 1U)

#define LONG_MIN        (-LONG_MAX - 1L)
#define LONG_MAX        __LONG_MAX__
#define ULONG_MAX       (LONG_MAX * 2UL + 1UL)

#define LLONG_MIN       (-LLONG_MAX - 1LL)
#define LLONG_MAX       __LONG_LONG_MAX__
#define ULLONG_MAX      (LLONG_MAX * 2ULL + 1ULL)

#define SSIZE_MAX       LONG_MAX

/* Linux's limits (include/uapi/linux/limits.h). */
#define NAME_MAX        255     /* bytes in a file name, without the NUL */
#define PATH_MAX        4096    /* bytes in a path name, with the NUL */
#define PIPE_BUF        4096    /* writes up to this size are atomic */
#define ARG_MAX         131072  /* bytes of arguments + environment */
#define NGROUPS_MAX     65536

#endif /* _LIMITS_H */
