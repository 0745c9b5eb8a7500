/*
 * format.c - the printf engine: parses each %-conversion and formats
 * integers, characters, strings and pointers (floating point is in
 * fmt_float.c).
 *
 * A conversion is  %[flags][width][.precision][length]letter :
 *     flags      - 0 + space #
 *     width      digits or *           (a negative * means '-')
 *     precision  .digits or .*         (a negative * means none)
 *     length     hh h l ll z t j (L for floating point)
 *     letter     d i u o x X c s p n %  f F e E g G
 * Anything else after a '%' is printed as it was written ("%y" -> "%y").
 *
 * Nothing here builds the whole result in a buffer, so any width works:
 * padding is emitted in small blocks, and the sink decides what to keep.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include "format.h"

void __fmt_emit(struct fmt_out *o, const char *s, size_t n)
{
    if (n > 0) {
        o->sink->put(o->sink, s, n);
        o->count += n;
    }
}

void __fmt_pad(struct fmt_out *o, char c, size_t n)
{
    char block[32];

    memset(block, c, sizeof(block));
    while (n > 0) {
        size_t k = n < sizeof(block) ? n : sizeof(block);
        __fmt_emit(o, block, k);
        n -= k;
    }
}

/* Emit s (len bytes) right- or left-justified in the field width. */
static void format_text(struct fmt_out *o, const struct fmt_spec *sp,
                        const char *s, size_t len)
{
    size_t fill = (size_t)sp->width > len ? sp->width - len : 0;

    if (!sp->left)
        __fmt_pad(o, ' ', fill);
    __fmt_emit(o, s, len);
    if (sp->left)
        __fmt_pad(o, ' ', fill);
}

/*
 * Format an integer: magnitude v, `negative` for a minus sign.  The parts
 * are   [spaces] [sign or 0x] [zeros] digits [spaces]   where the zeros
 * come from the precision (minimum number of digits) or from the '0' flag.
 */
static void format_int(struct fmt_out *o, const struct fmt_spec *sp,
                       unsigned long long v, int negative)
{
    const char *set = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned base = 10;
    char digits[24];            /* 64 bits in octal: 22 digits */
    char prefix[3];
    size_t nd = 0, np = 0, zeros = 0;

    if (sp->conv == 'o')
        base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X')
        base = 16;

    if (sp->conv == 'd' || sp->conv == 'i') {
        if (negative)
            prefix[np++] = '-';
        else if (sp->plus)
            prefix[np++] = '+';
        else if (sp->space)
            prefix[np++] = ' ';
    } else if (base == 16 && sp->alt && v != 0) {
        prefix[np++] = '0';
        prefix[np++] = sp->conv;        /* x or X */
    }

    for (unsigned long long t = v; t != 0; t /= base)
        digits[nd++] = set[t % base];   /* least significant first */

    /* Precision: at least that many digits (so 0 with ".0" prints none). */
    size_t min_digits = sp->prec < 0 ? 1 : (size_t)sp->prec;
    if (nd < min_digits)
        zeros = min_digits - nd;
    /* "%#o" makes sure the number starts with a 0. */
    if (base == 8 && sp->alt && zeros == 0 && (nd == 0 || digits[nd - 1] != '0'))
        zeros = 1;

    size_t len = np + zeros + nd;
    if (sp->zero && !sp->left && sp->prec < 0 && (size_t)sp->width > len) {
        zeros += sp->width - len;
        len = sp->width;
    }

    size_t fill = (size_t)sp->width > len ? sp->width - len : 0;
    if (!sp->left)
        __fmt_pad(o, ' ', fill);
    __fmt_emit(o, prefix, np);
    __fmt_pad(o, '0', zeros);
    while (nd > 0)
        __fmt_emit(o, &digits[--nd], 1);
    if (sp->left)
        __fmt_pad(o, ' ', fill);
}

/* Fetch a signed/unsigned integer argument of the size the length says. */
static long long signed_arg(va_list *ap, int length)
{
    switch (length) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return va_arg(*ap, ssize_t);
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

static unsigned long long unsigned_arg(va_list *ap, int length)
{
    switch (length) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

/* %n: store the count so far, in an object of the size the length says. */
static void store_count(va_list *ap, int length, size_t count)
{
    switch (length) {
    case LEN_HH: *va_arg(*ap, signed char *) = (signed char)count; break;
    case LEN_H:  *va_arg(*ap, short *) = (short)count; break;
    case LEN_L:  *va_arg(*ap, long *) = (long)count; break;
    case LEN_LL: *va_arg(*ap, long long *) = (long long)count; break;
    case LEN_Z:  *va_arg(*ap, ssize_t *) = (ssize_t)count; break;
    case LEN_T:  *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)count; break;
    case LEN_J:  *va_arg(*ap, intmax_t *) = (intmax_t)count; break;
    default:     *va_arg(*ap, int *) = (int)count; break;
    }
}

/*
 * %Lf and friends: the engine prints doubles, so narrow the long double.
 * On riscv64 long double is IEEE binary128, and the compiler would call
 * libgcc to convert it; we do it by hand (round to nearest even) so that
 * the library needs nothing from libgcc.  Results too small for a normal
 * double become zero.
 */
static double long_double_arg(va_list *ap)
{
    long double v = va_arg(*ap, long double);
#if __LDBL_MANT_DIG__ == 113
    union { long double ld; uint64_t w[2]; } in = { v };     /* w[1]: high */
    union { uint64_t u; double d; } out;
    uint64_t sign = in.w[1] >> 63;
    int e = (in.w[1] >> 48) & 0x7fff;
    uint64_t hi = in.w[1] & ((1ULL << 48) - 1), lo = in.w[0];
    uint64_t m = (hi << 4) | (lo >> 60);        /* top 52 of 112 bits */
    uint64_t rest = lo << 4;                    /* the 60 bits dropped */
    long de = (long)e - 16383 + 1023;

    if (e == 0x7fff) {                          /* inf or nan */
        de = 0x7ff;
        m = (m != 0 || rest != 0) ? (1ULL << 51) : 0;
    } else if (de <= 0) {                       /* zero or too small */
        de = 0;
        m = 0;
    } else {
        if (rest > (1ULL << 63) || (rest == (1ULL << 63) && (m & 1)))
            m++;                                /* round to nearest even */
        if (m >> 52) {                          /* rounding carried out */
            m = 0;
            de++;
        }
        if (de >= 0x7ff) {                      /* too big: infinity */
            de = 0x7ff;
            m = 0;
        }
    }
    out.u = (sign << 63) | ((uint64_t)de << 52) | m;
    return out.d;
#else
    return (double)v;
#endif
}

/* Read a decimal number at *p; 0 if it does not fit an int. */
static int parse_number(const char **p, int *out)
{
    long v = 0;

    while (**p >= '0' && **p <= '9') {
        v = v * 10 + (*(*p)++ - '0');
        if (v > INT_MAX)
            return 0;
    }
    *out = (int)v;
    return 1;
}

/* Parse flags, width, precision and length after a '%'. 0 on overflow. */
static int parse_spec(const char **pp, struct fmt_spec *sp, va_list *ap)
{
    const char *p = *pp;

    for (;; p++) {
        if (*p == '-')      sp->left = 1;
        else if (*p == '0') sp->zero = 1;
        else if (*p == '+') sp->plus = 1;
        else if (*p == ' ') sp->space = 1;
        else if (*p == '#') sp->alt = 1;
        else break;
    }

    if (*p == '*') {
        int w = va_arg(*ap, int);
        p++;
        if (w < 0) {
            if (w == INT_MIN)
                return 0;
            sp->left = 1;
            w = -w;
        }
        sp->width = w;
    } else if (!parse_number(&p, &sp->width)) {
        return 0;
    }

    if (*p == '.') {
        p++;
        if (*p == '*') {
            int prec = va_arg(*ap, int);
            p++;
            sp->prec = prec < 0 ? -1 : prec;
        } else if (!parse_number(&p, &sp->prec)) {
            return 0;
        }
    }

    switch (*p) {
    case 'h':
        p++;
        sp->length = LEN_H;
        if (*p == 'h') {
            p++;
            sp->length = LEN_HH;
        }
        break;
    case 'l':
        p++;
        sp->length = LEN_L;
        if (*p == 'l') {
            p++;
            sp->length = LEN_LL;
        }
        break;
    case 'q': p++; sp->length = LEN_LL; break;
    case 'z': p++; sp->length = LEN_Z; break;
    case 't': p++; sp->length = LEN_T; break;
    case 'j': p++; sp->length = LEN_J; break;
    case 'L': p++; sp->length = LEN_BIG_L; break;
    }
    *pp = p;
    return 1;
}

/*
 * Format the conversion that starts at the '%' at `start`.  Returns where
 * the text continues, or NULL if a width or precision overflowed.
 */
static const char *format_one(struct fmt_out *o, const char *start, va_list *ap)
{
    struct fmt_spec sp = { .prec = -1 };
    const char *p = start + 1;

    if (!parse_spec(&p, &sp, ap))
        return NULL;
    sp.conv = *p;

    switch (sp.conv) {
    case 'd':
    case 'i': {
        long long v = signed_arg(ap, sp.length);
        format_int(o, &sp, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0);
        break;
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        format_int(o, &sp, unsigned_arg(ap, sp.length), 0);
        break;
    case 'c': {
        char c = (char)va_arg(*ap, int);
        format_text(o, &sp, &c, 1);
        break;
    }
    case 's': {
        const char *s = va_arg(*ap, const char *);
        if (s == NULL)                  /* like glibc: no partial "(nu" */
            s = (sp.prec < 0 || sp.prec >= 6) ? "(null)" : "";
        format_text(o, &sp, s, sp.prec < 0 ? strlen(s) : strnlen(s, sp.prec));
        break;
    }
    case 'p': {
        void *ptr = va_arg(*ap, void *);
        if (ptr == NULL) {
            sp.prec = -1;
            format_text(o, &sp, "(nil)", 5);
        } else {
            sp.conv = 'x';
            sp.alt = 1;
            format_int(o, &sp, (uintptr_t)ptr, 0);
        }
        break;
    }
    case 'n':
        store_count(ap, sp.length, o->count);
        break;
    case '%':
        __fmt_emit(o, "%", 1);
        break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
        double x = sp.length == LEN_BIG_L ? long_double_arg(ap) : va_arg(*ap, double);
        __fmt_double(o, &sp, x);
        break;
    }
    default:
        /* Unknown conversion (or the format ended): print it as written. */
        if (*p == '\0') {
            __fmt_emit(o, start, p - start);
            return p;
        }
        __fmt_emit(o, start, p + 1 - start);
        break;
    }
    return p + 1;
}

int __vformat(struct fmt_sink *sink, const char *fmt, va_list ap)
{
    struct fmt_out o = { sink, 0 };
    va_list args;

    /* A copy we can pass by pointer: va_list is an array type on some
     * machines, so &ap would not have type va_list * there. */
    va_copy(args, ap);
    while (*fmt != '\0') {
        const char *pct = strchr(fmt, '%');
        if (pct == NULL) {
            __fmt_emit(&o, fmt, strlen(fmt));
            break;
        }
        __fmt_emit(&o, fmt, pct - fmt);
        fmt = format_one(&o, pct, &args);
        if (fmt == NULL) {
            va_end(args);
            errno = EOVERFLOW;
            return -1;
        }
    }
    va_end(args);
    if (o.count > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)o.count;
}

/* ---- formatting into a string ---- */

struct string_sink {
    struct fmt_sink base;       /* first, so a fmt_sink * is a string_sink * */
    char *buf;
    size_t size;                /* room in buf, counting the final NUL */
    size_t len;                 /* bytes produced so far (may exceed size) */
};

static void string_put(struct fmt_sink *sink, const char *s, size_t n)
{
    struct string_sink *ss = (struct string_sink *)sink;

    if (ss->size > 0 && ss->len < ss->size - 1) {
        size_t room = ss->size - 1 - ss->len;
        memcpy(ss->buf + ss->len, s, n < room ? n : room);
    }
    ss->len += n;
}

int __vsnformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct string_sink ss = { { string_put }, buf, size, 0 };
    int r = __vformat(&ss.base, fmt, ap);

    if (size > 0)
        buf[ss.len < size - 1 ? ss.len : size - 1] = '\0';
    return r;
}
