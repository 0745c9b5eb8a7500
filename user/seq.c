/*
 * seq: print a sequence of numbers.
 *
 *   seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST
 *
 * FIRST and INCREMENT default to 1.  Numbers may have decimals: they are
 * printed with as many decimals as FIRST or INCREMENT has (seq 1 0.5 2
 * prints 1.0 1.5 2.0), as GNU seq does.  -w pads with leading zeros to a
 * common width; -s separates the numbers with SEP instead of a newline.
 * Arithmetic is exact: the numbers are kept as integers counting units
 * of the smallest decimal place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DECIMALS 9

struct num {
    long long units;        /* value * 10^decimals */
    int decimals;
};

/* Parse "[-+]digits[.digits]"; exits with a message if s is not a number. */
static struct num parse(const char *s)
{
    struct num n = { 0, 0 };
    const char *p = s;
    int neg = *p == '-', digits = 0;

    if (*p == '-' || *p == '+')
        p++;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        n.units = n.units * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9' && n.decimals < MAX_DECIMALS; p++, digits++) {
            n.units = n.units * 10 + (*p - '0');
            n.decimals++;
        }
    if (*p || digits == 0) {
        fprintf(stderr, "seq: invalid floating point argument: '%s'\n", s);
        exit(1);
    }
    if (neg)
        n.units = -n.units;
    return n;
}

static long long rescale(struct num n, int decimals)
{
    long long v = n.units;

    for (int i = n.decimals; i < decimals; i++)
        v *= 10;
    for (int i = n.decimals; i > decimals; i--)
        v /= 10;
    return v;
}

/* v (in units of 10^-decimals) as text, zero-padded after the sign to width. */
static void format(long long v, int decimals, int width, char *out, size_t size)
{
    char digits[48];
    long long mag = v < 0 ? -v : v, scale = 1;

    for (int i = 0; i < decimals; i++)
        scale *= 10;
    if (decimals)
        snprintf(digits, sizeof digits, "%lld.%0*lld", mag / scale, decimals, mag % scale);
    else
        snprintf(digits, sizeof digits, "%lld", mag);
    static const char zeros[] = "00000000000000000000000000000000";
    int pad = width - (int)strlen(digits) - (v < 0);
    snprintf(out, size, "%s%.*s%s", v < 0 ? "-" : "", pad > 0 ? pad : 0, zeros, digits);
}

int main(int argc, char **argv)
{
    const char *sep = "\n";
    int equal_width = 0, i = 1;

    /* options; "-1" is a number, not an option */
    for (; i < argc && argv[i][0] == '-' && argv[i][1] && !strchr("0123456789.", argv[i][1]); i++) {
        if (!strcmp(argv[i], "-w"))
            equal_width = 1;
        else if (!strcmp(argv[i], "-s") && i + 1 < argc)
            sep = argv[++i];
        else if (!strncmp(argv[i], "-s", 2))
            sep = argv[i] + 2;
        else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else {
            fprintf(stderr, "usage: seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST\n");
            return 1;
        }
    }
    int n = argc - i;
    if (n < 1 || n > 3) {
        fprintf(stderr, "usage: seq [-w] [-s SEP] [FIRST [INCREMENT]] LAST\n");
        return 1;
    }
    struct num first = parse(n > 1 ? argv[i] : "1");
    struct num step = parse(n > 2 ? argv[i + 1] : "1");
    struct num last = parse(argv[argc - 1]);
    int shown = first.decimals > step.decimals ? first.decimals : step.decimals;
    int exact = shown > last.decimals ? shown : last.decimals;
    if (step.units == 0) {
        fprintf(stderr, "seq: invalid Zero increment value: '%s'\n", argv[i + 1]);
        return 1;
    }
    long long x = rescale(first, exact), d = rescale(step, exact), end = rescale(last, exact);
    long long down = 1;                 /* exact units per shown unit */
    for (int k = shown; k < exact; k++)
        down *= 10;
    int width = 0;
    if (equal_width) {
        char a[64], b[64];
        format(x / down, shown, 0, a, sizeof a);
        format(end / down, shown, 0, b, sizeof b);
        width = strlen(a) > strlen(b) ? (int)strlen(a) : (int)strlen(b);
    }
    for (int count = 0; d > 0 ? x <= end : x >= end; x += d, count++) {
        char text[64];
        format(x / down, shown, width, text, sizeof text);
        printf("%s%s", count ? sep : "", text);
        if (d > 0 ? x > end - d : x < end - d)
            break;                      /* the next one would pass the end (or overflow) */
    }
    if (d > 0 ? rescale(first, exact) <= end : rescale(first, exact) >= end)
        putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}
