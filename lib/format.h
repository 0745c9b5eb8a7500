/*
 * format.h - the printf engine's internal interface (never installed).
 *
 * __vformat() turns a format and its arguments into text and hands the
 * text, piece by piece, to a sink: a string (snprintf), a FILE (fprintf)
 * or a file descriptor (dprintf).  It only needs <stdarg.h> and a few
 * string functions, so tests/host/ can compile it on the host and compare
 * it with the host's printf.
 */
#ifndef _LIB_FORMAT_H
#define _LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Where the text goes.  put() may be called many times with short pieces. */
struct fmt_sink {
    void (*put)(struct fmt_sink *sink, const char *s, size_t n);
};

/* One parsed conversion, e.g. "%-08.3lx". */
struct fmt_spec {
    int left;           /* '-': pad on the right */
    int zero;           /* '0': pad numbers with zeros */
    int plus;           /* '+': always print a sign */
    int space;          /* ' ': a space where a '+' would go */
    int alt;            /* '#': 0x for %x, a leading 0 for %o, ... */
    int width;          /* minimum field width (0 = none) */
    int prec;           /* precision, or -1 if none was given */
    int length;         /* LEN_* below */
    char conv;          /* the conversion letter */
};

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J, LEN_BIG_L };

/* Output so far: where it goes and how many bytes were produced. */
struct fmt_out {
    struct fmt_sink *sink;
    size_t count;
};

void __fmt_emit(struct fmt_out *o, const char *s, size_t n);
void __fmt_pad(struct fmt_out *o, char c, size_t n);
void __fmt_double(struct fmt_out *o, const struct fmt_spec *sp, double x);

/* Returns the number of bytes produced, or -1 (errno EOVERFLOW) if that
 * does not fit an int or a width/precision is too large. */
int __vformat(struct fmt_sink *sink, const char *fmt, va_list ap);

/* vsnprintf's work: at most size-1 bytes and a NUL into buf. */
int __vsnformat(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* _LIB_FORMAT_H */
