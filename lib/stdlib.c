/*
 * stdlib.c - number conversion, abs, random numbers, sorting, searching
 * and getenv.  (Memory is in malloc.c, exit/atexit/abort in exit.c.)
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- strings to numbers ---- */

/* The value of digit c in bases up to 36, or 99 if it is not a digit. */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/*
 * The common part of the strto* family: skip white space, read a sign,
 * choose the base (0 means: "0x" prefix -> 16, leading "0" -> 8, else 10)
 * and read the digits.  Returns the magnitude; *neg tells the sign and
 * *overflow whether the magnitude did not fit an unsigned long long.
 * *end (if end != NULL) is set past the last digit, or to s if there were
 * none.
 */
static unsigned long long scan_number(const char *s, char **end, int base,
                                      int *neg, int *overflow)
{
    const char *p = s;
    unsigned long long v = 0;
    int any = 0;

    *neg = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end != NULL)
            *end = (char *)s;
        return 0;
    }

    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = (*p++ == '-');

    /* "0x" counts as a prefix only if a hex digit follows it. */
    if ((base == 0 || base == 16) && p[0] == '0' &&
        (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = (*p == '0') ? 8 : 10;
    }

    for (;; p++) {
        int d = digit_value(*p);
        if (d >= base)
            break;
        any = 1;
        if (v > (ULLONG_MAX - d) / base)
            *overflow = 1;      /* keep going to find the end */
        else
            v = v * base + d;
    }
    if (end != NULL)
        *end = (char *)(any ? p : s);
    return v;
}

/* Fit a signed result in [min, max], or clamp it and set ERANGE. */
static long long to_signed(unsigned long long v, int neg, int overflow,
                           long long min, long long max)
{
    if (neg) {
        if (overflow || v > (unsigned long long)max + 1) {
            errno = ERANGE;
            return min;
        }
        return (long long)(0 - v);      /* 0 - v keeps -min representable */
    }
    if (overflow || v > (unsigned long long)max) {
        errno = ERANGE;
        return max;
    }
    return (long long)v;
}

long strtol(const char *s, char **end, int base)
{
    int neg, overflow;
    unsigned long long v = scan_number(s, end, base, &neg, &overflow);

    return (long)to_signed(v, neg, overflow, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *s, char **end, int base)
{
    int neg, overflow;
    unsigned long long v = scan_number(s, end, base, &neg, &overflow);

    return to_signed(v, neg, overflow, LLONG_MIN, LLONG_MAX);
}

/* As the standard says, "-1" is accepted and gives the largest value. */
unsigned long long strtoull(const char *s, char **end, int base)
{
    int neg, overflow;
    unsigned long long v = scan_number(s, end, base, &neg, &overflow);

    if (overflow) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return neg ? 0 - v : v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    int neg, overflow;
    unsigned long long v = scan_number(s, end, base, &neg, &overflow);

    if (overflow || v > ULONG_MAX) {
        errno = ERANGE;
        return ULONG_MAX;
    }
    return neg ? 0 - (unsigned long)v : (unsigned long)v;
}

int atoi(const char *s)        { return (int)strtol(s, NULL, 10); }
long atol(const char *s)       { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

int abs(int x)                 { return x < 0 ? -x : x; }
long labs(long x)              { return x < 0 ? -x : x; }
long long llabs(long long x)   { return x < 0 ? -x : x; }

/* ---- pseudo-random numbers ---- */

/*
 * A 64-bit linear congruential generator (Knuth's MMIX constants); rand()
 * returns the top 31 bits, whose period is much longer than the low bits'.
 */
static unsigned long long rand_state = 1;

void srand(unsigned int seed)
{
    rand_state = seed;
}

int rand(void)
{
    rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(rand_state >> 33);     /* 0 .. RAND_MAX */
}

/* ---- sorting and searching ---- */

static void swap_bytes(char *a, char *b, size_t size)
{
    while (size-- > 0) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/*
 * Heap sort: O(n log n) in every case and no recursion.  sift_down lets
 * element `root` sink until both its children (2r+1, 2r+2) are no larger.
 */
static void sift_down(char *base, size_t root, size_t n, size_t size,
                      int (*cmp)(const void *, const void *))
{
    for (;;) {
        size_t child = 2 * root + 1;

        if (child >= n)
            return;
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + root * size, base + child * size) >= 0)
            return;
        swap_bytes(base + root * size, base + child * size, size);
        root = child;
    }
}

void qsort(void *base, size_t n, size_t size,
           int (*cmp)(const void *, const void *))
{
    char *b = base;

    if (n < 2 || size == 0)
        return;
    for (size_t i = n / 2; i-- > 0;)            /* build a max-heap */
        sift_down(b, i, n, size, cmp);
    for (size_t last = n - 1; last > 0; last--) {
        swap_bytes(b, b + last * size, size);   /* largest to the end */
        sift_down(b, 0, last, size, cmp);
    }
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *lo = base;

    while (n > 0) {
        const char *mid = lo + (n / 2) * size;
        int c = cmp(key, mid);

        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}

/* ---- environment ---- */

char *getenv(const char *name)
{
    size_t len = strlen(name);

    if (environ == NULL || len == 0 || strchr(name, '=') != NULL)
        return NULL;
    for (char **e = environ; *e != NULL; e++) {
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return *e + len + 1;
    }
    return NULL;
}
