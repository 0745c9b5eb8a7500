/*
 * assert.h - assert(EXPR) checks EXPR at run time.  When it is false it
 * prints "FILE:LINE: FUNC: Assertion `EXPR' failed." to stderr and calls
 * abort().  Defining NDEBUG before including this header turns assert()
 * off.  Like the standard says, this header has no include guard: each
 * inclusion looks at NDEBUG again.
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H

void __assert_fail(const char *expr, const char *file, unsigned int line,
                   const char *func) __attribute__((noreturn));

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

#endif /* _ASSERT_H */
