/*
 * fmt_float.c - printf's %f %F %e %E %g %G, exactly.
 *
 * A double is M * 2^E with integers M < 2^53 and -1074 <= E <= 971, so its
 * decimal expansion is finite.  We compute all of it with integer
 * arithmetic (no floating-point instructions are needed), then round it to
 * the requested precision the way glibc does: to nearest, ties to even.
 *
 *   E >= 0: x = M * 2^E is an integer; multiply M up as a big number.
 *   E <  0: integer part I = M >> -E (small), fraction R / 2^s with s = -E.
 *           R / 2^s = R * 5^s / 10^s, so the fraction's digits are those of
 *           the big number R * 5^s, padded on the left to s digits.
 *
 * Big numbers are little-endian arrays of base-10^9 "limbs": multiplying
 * by a 32-bit number is one pass with a carry, and printing is easy.
 */
#include <stdint.h>
#include <string.h>
#include "format.h"

#define LIMB_BASE 1000000000u   /* 10^9: nine decimal digits per limb */
#define MAX_LIMBS 100           /* R * 5^1074 has at most 767 digits */
#define MAX_DIGITS 1100         /* 16 integer + 1074 fraction digits */

struct big {
    int n;                      /* limbs in use */
    uint32_t limb[MAX_LIMBS];   /* limb[0] is the least significant */
};

static void big_set(struct big *b, uint64_t v)
{
    b->n = 0;
    for (; v != 0; v /= LIMB_BASE)
        b->limb[b->n++] = v % LIMB_BASE;
}

static void big_mul(struct big *b, uint32_t m)
{
    uint64_t carry = 0;

    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->limb[i] * m + carry;
        b->limb[i] = t % LIMB_BASE;
        carry = t / LIMB_BASE;
    }
    for (; carry != 0; carry /= LIMB_BASE)
        b->limb[b->n++] = carry % LIMB_BASE;
}

/* b *= base^k, in steps of base^step (base^step must fit 32 bits). */
static void big_mul_pow(struct big *b, uint32_t base, int step, int k)
{
    uint32_t big_factor = 1, factor = 1;

    for (int i = 0; i < step; i++)
        big_factor *= base;
    for (; k >= step; k -= step)
        big_mul(b, big_factor);
    for (; k > 0; k--)
        factor *= base;
    big_mul(b, factor);
}

/* Write b in decimal (no leading zeros; "" for zero); returns the length. */
static int big_to_digits(const struct big *b, char *out)
{
    int len = 0;

    for (int i = b->n - 1; i >= 0; i--) {
        char nine[9];
        uint32_t v = b->limb[i];
        for (int j = 8; j >= 0; j--, v /= 10)
            nine[j] = '0' + v % 10;
        int skip = 0;
        if (i == b->n - 1)          /* the top limb has no leading zeros */
            while (skip < 8 && nine[skip] == '0')
                skip++;
        memcpy(out + len, nine + skip, 9 - skip);
        len += 9 - skip;
    }
    return len;
}

/*
 * A decimal number: digits d[0..len) with no leading or trailing zeros,
 * and the decimal point after `point` digits (point may be <= 0 or > len,
 * meaning zeros in between).  So 0.0125 is {"125", point -1}, 1500 is
 * {"15", point 4}, and zero is {"", point 0}.
 */
struct decimal {
    char d[MAX_DIGITS + 2];
    int len;
    int point;
};

static void strip_zeros(struct decimal *dec)
{
    int lead = 0;

    while (lead < dec->len && dec->d[lead] == '0')
        lead++;
    memmove(dec->d, dec->d + lead, dec->len - lead);
    dec->len -= lead;
    dec->point -= lead;
    while (dec->len > 0 && dec->d[dec->len - 1] == '0')
        dec->len--;
    if (dec->len == 0)
        dec->point = 0;
}

/* The exact decimal value of M * 2^E. */
static void to_decimal(uint64_t m, int e, struct decimal *dec)
{
    struct big b;

    if (e >= 0) {
        big_set(&b, m);
        big_mul_pow(&b, 2, 29, e);
        dec->len = big_to_digits(&b, dec->d);
        dec->point = dec->len;
    } else {
        int s = -e;
        uint64_t ip = s < 64 ? m >> s : 0;
        uint64_t r = s < 64 ? m & ((1ULL << s) - 1) : m;
        struct big ib;
        char frac[MAX_DIGITS];

        big_set(&ib, ip);
        dec->len = big_to_digits(&ib, dec->d);
        dec->point = dec->len;

        big_set(&b, r);
        big_mul_pow(&b, 5, 13, s);
        int flen = big_to_digits(&b, frac);
        memset(dec->d + dec->len, '0', s - flen);       /* fraction's zeros */
        memcpy(dec->d + dec->len + (s - flen), frac, flen);
        dec->len += s;
    }
    strip_zeros(dec);
}

/* Keep the first `keep` digits, rounding to nearest, ties to even. */
static void round_to(struct decimal *dec, int keep)
{
    int up;

    if (keep >= dec->len)
        return;                         /* nothing is cut off */
    if (keep < 0) {                     /* below half of the last place */
        dec->len = 0;
        dec->point = 0;
        return;
    }
    char first = dec->d[keep];          /* first digit cut off */
    if (first != '5')
        up = first > '5';
    else if (keep + 1 < dec->len)       /* more nonzero digits follow */
        up = 1;
    else                                /* exactly half: round to even */
        up = keep > 0 && (dec->d[keep - 1] - '0') % 2 == 1;

    dec->len = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && dec->d[i] == '9')
            dec->d[i--] = '0';
        if (i >= 0) {
            dec->d[i]++;
        } else {                        /* 99.9 -> 100: a new first digit */
            memmove(dec->d + 1, dec->d, dec->len);
            dec->d[0] = '1';
            dec->len++;
            dec->point++;
        }
    }
    strip_zeros(dec);
}

/* Digits from index `from` to `to` (exclusive); zeros outside d[]. */
static void emit_digits(struct fmt_out *o, const struct decimal *dec, long from, long to)
{
    if (from < 0 && from < to) {
        long z = (to < 0 ? to : 0) - from;
        __fmt_pad(o, '0', z);
        from += z;
    }
    if (from < dec->len && from < to) {
        long end = to < dec->len ? to : dec->len;
        __fmt_emit(o, dec->d + from, end - from);
        from = end;
    }
    if (from < to)
        __fmt_pad(o, '0', to - from);
}

/*
 * The number itself (no sign, no padding), in one of two styles:
 *   fixed:       integer digits, then `prec` fraction digits   (%f)
 *   exponential: one digit, `prec` fraction digits, e+XX        (%e)
 * With emit == 0 it only measures; returns the length either way.
 */
static size_t body(struct fmt_out *o, int emit, const struct decimal *dec,
                   int exponential, long prec, int dot, char e_char)
{
    size_t len = 0;

    if (exponential) {
        int x = dec->len ? dec->point - 1 : 0;
        char exp[8];
        int n = 0, ax = x < 0 ? -x : x;

        exp[n++] = e_char;
        exp[n++] = x < 0 ? '-' : '+';
        if (ax >= 100)
            exp[n++] = '0' + ax / 100;
        exp[n++] = '0' + ax / 10 % 10;
        exp[n++] = '0' + ax % 10;
        len = 1 + dot + prec + n;
        if (emit) {
            emit_digits(o, dec, 0, 1);
            __fmt_emit(o, ".", dot);
            emit_digits(o, dec, 1, 1 + prec);
            __fmt_emit(o, exp, n);
        }
    } else {
        long ilen = dec->point > 0 ? dec->point : 1;
        len = ilen + dot + prec;
        if (emit) {
            emit_digits(o, dec, dec->point - ilen, dec->point);
            __fmt_emit(o, ".", dot);
            emit_digits(o, dec, dec->point, dec->point + prec);
        }
    }
    return len;
}

void __fmt_double(struct fmt_out *o, const struct fmt_spec *sp, double x)
{
    union { double d; uint64_t u; } bits = { x };
    int negative = bits.u >> 63;
    int biased = (bits.u >> 52) & 0x7ff;
    uint64_t frac = bits.u & ((1ULL << 52) - 1);
    int upper = sp->conv == 'F' || sp->conv == 'E' || sp->conv == 'G';
    char sign = negative ? '-' : sp->plus ? '+' : sp->space ? ' ' : 0;
    struct decimal dec;

    if (biased == 0x7ff) {                      /* inf or nan */
        const char *word = frac ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        size_t len = 3 + (sign != 0);
        size_t fill = (size_t)sp->width > len ? sp->width - len : 0;
        if (!sp->left)
            __fmt_pad(o, ' ', fill);
        __fmt_emit(o, &sign, sign != 0);
        __fmt_emit(o, word, 3);
        if (sp->left)
            __fmt_pad(o, ' ', fill);
        return;
    }

    /* x = M * 2^E; subnormals (biased == 0) have no hidden 1 bit. */
    uint64_t m = biased ? frac | (1ULL << 52) : frac;
    to_decimal(m, (biased ? biased : 1) - 1075, &dec);

    long prec = sp->prec < 0 ? 6 : sp->prec;
    int exponential = 0;
    char conv = sp->conv | 0x20;                /* lower case */

    if (conv == 'f') {
        round_to(&dec, dec.point + prec);
    } else if (conv == 'e') {
        round_to(&dec, prec + 1);
        exponential = 1;
    } else {
        /* %g: P significant digits; %e style if the exponent X after
         * rounding is < -4 or >= P, else %f style with P-1-X decimals.
         * Without '#', trailing zeros (and a bare '.') are dropped. */
        long p = prec == 0 ? 1 : prec;
        round_to(&dec, p);
        long xexp = dec.len ? dec.point - 1 : 0;
        if (xexp < -4 || xexp >= p) {
            exponential = 1;
            prec = p - 1;
            if (!sp->alt)
                prec = dec.len > 1 ? dec.len - 1 : 0;
        } else {
            prec = p - 1 - xexp;
            if (!sp->alt) {
                long used = dec.len - dec.point;        /* real decimals */
                prec = used < 0 ? 0 : used < prec ? used : prec;
            }
        }
    }

    int dot = prec > 0 || sp->alt;
    char e_char = upper ? 'E' : 'e';
    size_t len = (sign != 0) + body(o, 0, &dec, exponential, prec, dot, e_char);
    size_t fill = (size_t)sp->width > len ? sp->width - len : 0;

    if (!sp->left && !sp->zero)
        __fmt_pad(o, ' ', fill);
    __fmt_emit(o, &sign, sign != 0);
    if (!sp->left && sp->zero)
        __fmt_pad(o, '0', fill);
    body(o, 1, &dec, exponential, prec, dot, e_char);
    if (sp->left)
        __fmt_pad(o, ' ', fill);
}
