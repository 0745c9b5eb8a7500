/*
 * tests/host/test_lib.c - host unit tests for lib/ (see run.sh).
 *
 * lib/'s functions are linked in renamed as lib_NAME, next to the host C
 * library's NAME, so most tests simply compare the two: the same format
 * and arguments must give the same text and return value, the same string
 * must convert to the same number with the same errno and end pointer.
 * The rest check behaviour the host cannot show (malloc on a fake sbrk,
 * edge cases where lib/ promises something of its own).
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

/* ---- lib/, renamed ---- */
int lib_snprintf(char *buf, size_t size, const char *fmt, ...);
int lib_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int lib_sprintf(char *buf, const char *fmt, ...);
int lib_dprintf(int fd, const char *fmt, ...);
extern int lib_errno;

void *lib_memcpy(void *, const void *, size_t);
void *lib_memmove(void *, const void *, size_t);
void *lib_memset(void *, int, size_t);
int lib_memcmp(const void *, const void *, size_t);
void *lib_memchr(const void *, int, size_t);
size_t lib_strlen(const char *);
size_t lib_strnlen(const char *, size_t);
int lib_strcmp(const char *, const char *);
int lib_strncmp(const char *, const char *, size_t);
int lib_strcasecmp(const char *, const char *);
int lib_strncasecmp(const char *, const char *, size_t);
char *lib_strcpy(char *, const char *);
char *lib_strncpy(char *, const char *, size_t);
char *lib_strcat(char *, const char *);
char *lib_strncat(char *, const char *, size_t);
char *lib_strchr(const char *, int);
char *lib_strrchr(const char *, int);
char *lib_strstr(const char *, const char *);
char *lib_strdup(const char *);
char *lib_strndup(const char *, size_t);
size_t lib_strspn(const char *, const char *);
size_t lib_strcspn(const char *, const char *);
char *lib_strtok(char *, const char *);
char *lib_strerror(int);

int lib_isalnum(int), lib_isalpha(int), lib_isblank(int), lib_iscntrl(int);
int lib_isdigit(int), lib_isgraph(int), lib_islower(int), lib_isprint(int);
int lib_ispunct(int), lib_isspace(int), lib_isupper(int), lib_isxdigit(int);
int lib_tolower(int), lib_toupper(int);
unsigned long lib_wctype(const char *);
int lib_iswctype(unsigned int, unsigned long);

long lib_strtol(const char *, char **, int);
unsigned long lib_strtoul(const char *, char **, int);
long long lib_strtoll(const char *, char **, int);
unsigned long long lib_strtoull(const char *, char **, int);
int lib_atoi(const char *);
long lib_atol(const char *);
int lib_abs(int);
long lib_labs(long);
int lib_rand(void);
void lib_srand(unsigned);
void lib_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
void *lib_bsearch(const void *, const void *, size_t, size_t,
                  int (*)(const void *, const void *));
char *lib_getenv(const char *);
int lib_setenv(const char *, const char *, int);
int lib_unsetenv(const char *);

struct tm *lib_gmtime_r(const time_t *, struct tm *);
time_t lib_timegm(struct tm *);
size_t lib_strftime(char *, size_t, const char *, const struct tm *);
extern char *lib_optarg;
extern int lib_optind, lib_opterr, lib_optopt;
int lib_getopt(int, char *const [], const char *);

void *lib_malloc(size_t);
void *lib_calloc(size_t, size_t);
void *lib_realloc(void *, size_t);
void lib_free(void *);

/* ---- bookkeeping ---- */
static int passed, failed;

static void check(int ok, const char *what, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    va_list ap;
    va_start(ap, what);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, what, ap);
    fprintf(stderr, "\n");
    va_end(ap);
}

/* ---- printf: compare with the host ---- */

static void cmp_fmt(const char *fmt, ...)
{
    char a[1024], b[1024];
    va_list ap, ap2;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    int ra = lib_vsnprintf(a, sizeof(a), fmt, ap);
    int rb = vsnprintf(b, sizeof(b), fmt, ap2);
    va_end(ap2);
    va_end(ap);
    check(ra == rb && strcmp(a, b) == 0,
          "format \"%s\": lib gave %d \"%s\", host %d \"%s\"", fmt, ra, a, rb, b);
}

/* Same, but through snprintf's own varargs (not vsnprintf). */
#define CMP(fmt, ...) do { \
        char a_[512], b_[512]; \
        int ra_ = lib_snprintf(a_, sizeof(a_), fmt, __VA_ARGS__); \
        int rb_ = snprintf(b_, sizeof(b_), fmt, __VA_ARGS__); \
        check(ra_ == rb_ && strcmp(a_, b_) == 0, \
              "format \"%s\": lib gave %d \"%s\", host %d \"%s\"", \
              fmt, ra_, a_, rb_, b_); \
    } while (0)

static void test_printf_integers(void)
{
    static const int ints[] = { 0, 1, -1, 7, -42, 255, 1000, -99999, INT_MAX, INT_MIN };
    static const char *const ifmts[] = {
        "%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+05d", "%-+6d|",
        "% 05d", "%.3d", "%.0d", "%8.3d", "%-8.3d|", "%08.3d", "%+.0d",
        "%u", "%x", "%X", "%#x", "%#X", "%o", "%#o", "%#.0o", "%#5o", "%#08x",
        "%#-8x|", "%.0x", "%#.0x", "%12u", "%-12x|", "%hhd", "%hd", "%hhu",
        "%hx", "%hhx", "%#.5o", "%+i", "%1d", "%2d", "%.10d", "%020d",
    };
    for (size_t f = 0; f < sizeof(ifmts) / sizeof(ifmts[0]); f++)
        for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++)
            cmp_fmt(ifmts[f], ints[i]);

    static const long longs[] = { 0, 1, -1, LONG_MAX, LONG_MIN, 0x123456789abcL };
    static const char *const lfmts[] = {
        "%ld", "%li", "%lu", "%lx", "%lX", "%lo", "%#lx", "%+ld", "%25ld",
        "%-25ld|", "%025ld", "%.20ld", "%zd", "%zu", "%zx", "%td", "%jd",
        "%ju", "%jx", "%lld", "%llu", "%llx", "%#llo",
    };
    for (size_t f = 0; f < sizeof(lfmts) / sizeof(lfmts[0]); f++)
        for (size_t i = 0; i < sizeof(longs) / sizeof(longs[0]); i++)
            cmp_fmt(lfmts[f], longs[i]);

    CMP("%llu", ULLONG_MAX);
    CMP("%lld", LLONG_MIN);
    CMP("%jd", INTMAX_MIN);
    CMP("%hhd %hhd", 300, -129);
    CMP("%hd %hu", 70000, -1);
    CMP("%zu", (size_t)SIZE_MAX);
    CMP("%d %s %d", 1, "two", 3);
    CMP("[%*d]", 6, 42);
    CMP("[%-*d]", 6, 42);
    CMP("[%*d]", -6, 42);
    CMP("[%.*d]", 4, 7);
    CMP("[%.*d]", -1, 7);
    CMP("[%*.*d]", 8, 3, -5);
    CMP("[%*.*x]", -8, 3, 255);
    CMP("%d%%", 100);
    CMP("%%%d%%", 5);
    CMP("%c%c%c", 'a', 'b', 'c');
    CMP("[%5c][%-5c]", 'x', 'y');
    CMP("[%c]", 0x141);                 /* an int; only the low byte */
}

static void test_printf_strings(void)
{
    static const char *const sfmts[] = {
        "%s", "[%10s]", "[%-10s]", "[%.2s]", "[%10.2s]", "[%-10.2s]", "[%.0s]",
        "[%.10s]", "[%3s]", "[%.*s]"
    };
    static const char *const strs[] = { "", "a", "hello", "hello, world!" };

    for (size_t f = 0; f < sizeof(sfmts) / sizeof(sfmts[0]) - 1; f++)
        for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
            cmp_fmt(sfmts[f], strs[i]);
    CMP("[%.*s]", 3, "abcdef");
    CMP("[%.*s]", -3, "abcdef");

    /* NULL strings and pointers print as glibc does. */
    const char *null = NULL;
    cmp_fmt("%s", null);
    cmp_fmt("[%10s]", null);
    cmp_fmt("[%-10s]", null);
    cmp_fmt("[%.3s]", null);
    cmp_fmt("[%.6s]", null);
    cmp_fmt("%p", (void *)NULL);
    cmp_fmt("[%10p]", (void *)NULL);
    cmp_fmt("[%-10p]", (void *)NULL);

    CMP("%p", (void *)0x1234);
    CMP("%p", (void *)&passed);
    CMP("[%20p]", (void *)0xdeadbeef);
    CMP("[%-20p]", (void *)0xdeadbeef);
    CMP("%p", (void *)UINTPTR_MAX);

    char unterminated[3] = { 'a', 'b', 'c' };       /* precision stops reading */
    CMP("[%.3s]", unterminated);
}

static double random_double(unsigned *seed)
{
    union { uint64_t u; double d; } v;

    do {
        v.u = 0;
        for (int i = 0; i < 4; i++)
            v.u = (v.u << 16) ^ (uint64_t)(rand_r(seed) & 0xffff);
    } while (!isfinite(v.d));
    return v.d;
}

static void test_printf_floats(void)
{
    static const double values[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, 0.125, 0.375, 1e-5, 1e-4,
        123.456, -123.456, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 2.675, 1.005, 9.5,
        99.5, 999.9999, 0.000123456, 123456789.0, 1e15, 1e16, 1e17, 1e21,
        1e22, 1e23, 1e100, 1e300, -1e300, 1e-300, DBL_MAX, DBL_MIN,
        DBL_EPSILON, 4.9406564584124654e-324, 2.2250738585072009e-308,
        9007199254740993.0, 18446744073709551616.0, 0.05, 0.15, 0.25, 0.35,
        5e-5, 9.9999e-5, 0.00001, 123e-20, 3.14159265358979, 6.02214076e23,
        1.602176634e-19,
    };
    static const char *const ffmts[] = {
        "%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.10f", "%.20f", "%#.0f",
        "%e", "%.0e", "%.1e", "%.3e", "%.15e", "%.25e", "%#.0e", "%E",
        "%g", "%.0g", "%.1g", "%.2g", "%.3g", "%.10g", "%.17g", "%#g", "%#.3g",
        "%G", "%+f", "% f", "%+e", "% g", "%012.3f", "%-12.3f|", "%012.3e",
        "%-14.4e|", "%015g", "%-15g|", "%+015.2f", "%F", "%.40f", "%.30e",
        "%10.4f", "%#.10g", "%.100f",
    };
    for (size_t f = 0; f < sizeof(ffmts) / sizeof(ffmts[0]); f++)
        for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
            if (strcmp(ffmts[f], "%#.3g") == 0 && values[i] == 999.9999)
                continue;       /* glibc bug, checked below */
            cmp_fmt(ffmts[f], values[i]);
        }
    /* C says %#.3g of 999.9999 is "1.00e+03"; glibc prints "1.e+03". */
    char g[32];
    lib_snprintf(g, sizeof(g), "%#.3g", 999.9999);
    check(strcmp(g, "1.00e+03") == 0, "%%#.3g of 999.9999: \"%s\"", g);

    static const char *const specials[] = {
        "%f", "%F", "%e", "%E", "%g", "%G", "%10f", "%-10f|", "%010f", "%+f", "% f"
    };
    for (size_t f = 0; f < sizeof(specials) / sizeof(specials[0]); f++) {
        cmp_fmt(specials[f], INFINITY);
        cmp_fmt(specials[f], -INFINITY);
        cmp_fmt(specials[f], NAN);
    }

    /* Random bit patterns, random precisions: the digits must be exact. */
    unsigned seed = 12345;
    for (int i = 0; i < 3000; i++) {
        double x = random_double(&seed);
        char fmt[16];
        static const char convs[] = "feEgG";
        snprintf(fmt, sizeof(fmt), "%%.%d%c", rand_r(&seed) % 25, convs[i % 5]);
        cmp_fmt(fmt, x);
    }
    for (int i = 0; i < 2000; i++) {            /* everyday magnitudes */
        double x = (rand_r(&seed) - RAND_MAX / 2) / (double)(1 << (rand_r(&seed) % 30));
        char fmt[16];
        static const char convs[] = "fegf";
        snprintf(fmt, sizeof(fmt), "%%.%d%c", rand_r(&seed) % 12, convs[i % 4]);
        cmp_fmt(fmt, x);
    }

    CMP("%Lf", (long double)1.25);
    CMP("%.3Le", (long double)-12345.678);
    CMP("%Lg", (long double)1e-10);
    CMP("%f %d", 1.5, 7);                       /* arguments stay in step */
    CMP("%d %g %d", 1, 2.0, 3);
}

static void test_printf_edges(void)
{
    char buf[64];
    int r;

    /* Unknown conversions are printed as written. */
    const char *fmt = "%y";
    r = lib_snprintf(buf, sizeof(buf), fmt, 1);
    check(r == 2 && strcmp(buf, "%y") == 0, "%%y -> \"%s\" (%d)", buf, r);
    fmt = "a%-5yb";
    r = lib_snprintf(buf, sizeof(buf), fmt, 1);
    check(r == 6 && strcmp(buf, "a%-5yb") == 0, "%%-5y -> \"%s\" (%d)", buf, r);
    fmt = "x%ky%d";
    r = lib_snprintf(buf, sizeof(buf), fmt, 7);
    check(r == 5 && strcmp(buf, "x%ky7") == 0, "%%k -> \"%s\" (%d)", buf, r);
    fmt = "abc%";
    r = lib_snprintf(buf, sizeof(buf), fmt);
    check(r == 4 && strcmp(buf, "abc%") == 0, "trailing %% -> \"%s\" (%d)", buf, r);
    r = lib_snprintf(buf, sizeof(buf), "");
    check(r == 0 && buf[0] == '\0', "empty format");

    /* snprintf returns what would have been written, and always NULs. */
    memset(buf, 'X', sizeof(buf));
    r = lib_snprintf(buf, 5, "%d", 123456789);
    check(r == 9 && strcmp(buf, "1234") == 0 && buf[5] == 'X', "truncation: \"%s\" %d", buf, r);
    r = lib_snprintf(NULL, 0, "%s-%d", "abc", 42);
    check(r == 6, "snprintf(NULL, 0) = %d", r);
    buf[0] = 'X';
    r = lib_snprintf(buf, 1, "hello");
    check(r == 5 && buf[0] == '\0', "size 1");
    memset(buf, 'X', sizeof(buf));
    r = lib_snprintf(buf, 0, "hello");
    check(r == 5 && buf[0] == 'X', "size 0 writes nothing");

    /* Huge widths: no crash, no overflow, the right count. */
    memset(buf, 'X', sizeof(buf));
    r = lib_snprintf(buf, 8, "%1000000d", 5);
    check(r == 1000000 && strcmp(buf, "       ") == 0 && buf[8] == 'X',
          "%%1000000d into 8 bytes: %d", r);
    r = lib_snprintf(buf, 8, "%-1000000d|", 5);
    check(r == 1000001 && strcmp(buf, "5      ") == 0, "%%-1000000d: %d", r);
    r = lib_snprintf(buf, 8, "%.1000000d", 5);
    check(r == 1000000 && strcmp(buf, "0000000") == 0, "%%.1000000d: %d", r);
    r = lib_snprintf(buf, 8, "%1000000.3f", 2.5);
    check(r == 1000000 && strcmp(buf, "       ") == 0, "%%1000000.3f: %d", r);
    r = lib_snprintf(buf, 8, "%.100000f", 1.0);
    check(r == 100002 && strcmp(buf, "1.00000") == 0, "%%.100000f: %d", r);
    r = lib_snprintf(buf, 8, "%*d", 1000000, 5);
    check(r == 1000000, "%%*d with 1000000: %d", r);
    char *big = malloc(2000001);
    r = lib_snprintf(big, 2000001, "%2000000s", "end");
    check(r == 2000000 && strcmp(big + 1999997, "end") == 0 && big[0] == ' ',
          "%%2000000s into a big buffer: %d", r);
    free(big);

    /* Widths that do not fit an int, and results past INT_MAX: -1 EOVERFLOW. */
    lib_errno = 0;
    fmt = "%2147483648d";
    r = lib_snprintf(buf, sizeof(buf), fmt, 1);
    check(r == -1 && lib_errno == EOVERFLOW, "width 2^31: %d errno %d", r, lib_errno);
    lib_errno = 0;
    fmt = "%.99999999999d";
    r = lib_snprintf(buf, sizeof(buf), fmt, 1);
    check(r == -1 && lib_errno == EOVERFLOW, "huge precision: %d errno %d", r, lib_errno);
    lib_errno = 0;
    r = lib_snprintf(buf, sizeof(buf), "%*d", INT_MIN, 1);
    check(r == -1 && lib_errno == EOVERFLOW, "width INT_MIN: %d", r);
    lib_errno = 0;
    r = lib_snprintf(buf, sizeof(buf), "%2147483647d%d", 1, 2);
    check(r == -1 && lib_errno == EOVERFLOW, "result past INT_MAX: %d", r);

    /* %n stores the count so far. */
    int n1 = -1;
    long n2 = -1;
    signed char n3 = -1;
    r = lib_snprintf(buf, sizeof(buf), "abc%n%5d%ln|%hhn", &n1, 1, &n2, &n3);
    check(r == 9 && n1 == 3 && n2 == 8 && n3 == 9, "%%n: %d %d %ld %d", r, n1, n2, n3);

    /* sprintf. */
    r = lib_sprintf(buf, "%s=%d", "x", -3);
    check(r == 4 && strcmp(buf, "x=-3") == 0, "sprintf");

    /* dprintf: through its chunk buffer to a pipe, in one piece. */
    int fds[2];
    char got[2048], want[2048];
    if (pipe(fds) == 0) {
        r = lib_dprintf(fds[1], "%s %d %600s|%-700d|", "dprintf", 42, "x", 7);
        snprintf(want, sizeof(want), "%s %d %600s|%-700d|", "dprintf", 42, "x", 7);
        close(fds[1]);
        size_t n = 0;
        ssize_t k;
        while ((k = read(fds[0], got + n, sizeof(got) - 1 - n)) > 0)
            n += k;
        got[n] = '\0';
        close(fds[0]);
        check(r == (int)strlen(want) && strcmp(got, want) == 0, "dprintf to a pipe (%d)", r);
    }
    check(lib_dprintf(-1, "x") == -1, "dprintf to a bad fd fails");
}

/* ---- strings ---- */

static int sign(int v) { return (v > 0) - (v < 0); }

static void test_strings(void)
{
    static const char *const words[] = {
        "", "a", "b", "ab", "abc", "abd", "ABC", "aBc", "abc\xff", "abc\x01",
        "hello world", "\x80", "zzzz", "hello", "hellp",
    };
    size_t nw = sizeof(words) / sizeof(words[0]);

    for (size_t i = 0; i < nw; i++) {
        const char *s = words[i];
        check(lib_strlen(s) == strlen(s), "strlen(\"%s\")", s);
        for (size_t m = 0; m < 6; m++)
            check(lib_strnlen(s, m) == strnlen(s, m), "strnlen(\"%s\", %zu)", s, m);
        for (size_t j = 0; j < nw; j++) {
            const char *t = words[j];
            check(sign(lib_strcmp(s, t)) == sign(strcmp(s, t)), "strcmp(\"%s\",\"%s\")", s, t);
            check(sign(lib_strcasecmp(s, t)) == sign(strcasecmp(s, t)),
                  "strcasecmp(\"%s\",\"%s\")", s, t);
            for (size_t n = 0; n < 5; n++) {
                check(sign(lib_strncmp(s, t, n)) == sign(strncmp(s, t, n)),
                      "strncmp(\"%s\",\"%s\",%zu)", s, t, n);
                check(sign(lib_strncasecmp(s, t, n)) == sign(strncasecmp(s, t, n)),
                      "strncasecmp(\"%s\",\"%s\",%zu)", s, t, n);
                check(sign(lib_memcmp(s, t, n < strlen(s) + 1 && n < strlen(t) + 1 ? n : 0)) ==
                      sign(memcmp(s, t, n < strlen(s) + 1 && n < strlen(t) + 1 ? n : 0)),
                      "memcmp(\"%s\",\"%s\",%zu)", s, t, n);
            }
            check(lib_strstr(s, t) == strstr(s, t), "strstr(\"%s\",\"%s\")", s, t);
            check(lib_strspn(s, t) == strspn(s, t), "strspn(\"%s\",\"%s\")", s, t);
            check(lib_strcspn(s, t) == strcspn(s, t), "strcspn(\"%s\",\"%s\")", s, t);
        }
        for (int c = 0; c < 256; c += 17) {
            check(lib_strchr(s, c) == strchr(s, c), "strchr(\"%s\", %d)", s, c);
            check(lib_strrchr(s, c) == strrchr(s, c), "strrchr(\"%s\", %d)", s, c);
            check(lib_memchr(s, c, strlen(s) + 1) == memchr(s, c, strlen(s) + 1),
                  "memchr(\"%s\", %d)", s, c);
        }
        check(lib_strchr(s, 0) == s + strlen(s), "strchr(s, 0) finds the NUL");
        check(lib_strrchr("hello", 'l') == strrchr("hello", 'l'), "strrchr");
    }

    /* memcpy/memset/memmove at every alignment and many lengths. */
    unsigned char src[200], d1[220], d2[220];
    for (size_t i = 0; i < sizeof(src); i++)
        src[i] = (unsigned char)(i * 7 + 3);
    int ok = 1;
    for (size_t so = 0; so < 9; so++)
        for (size_t doff = 0; doff < 9; doff++)
            for (size_t n = 0; n < 70; n++) {
                memset(d1, 0xee, sizeof(d1));
                memset(d2, 0xee, sizeof(d2));
                lib_memcpy(d1 + doff, src + so, n);
                memcpy(d2 + doff, src + so, n);
                ok &= memcmp(d1, d2, sizeof(d1)) == 0;
                lib_memset(d1 + doff, (int)(n + so), n);
                memset(d2 + doff, (int)(n + so), n);
                ok &= memcmp(d1, d2, sizeof(d1)) == 0;
            }
    check(ok, "memcpy/memset at all alignments");
    ok = 1;
    for (size_t from = 0; from < 20; from++)
        for (size_t to = 0; to < 20; to++)
            for (size_t n = 0; n < 40; n++) {
                memcpy(d1, src, 100);
                memcpy(d2, src, 100);
                void *r1 = lib_memmove(d1 + to, d1 + from, n);
                memmove(d2 + to, d2 + from, n);
                ok &= r1 == d1 + to && memcmp(d1, d2, 100) == 0;
            }
    check(ok, "memmove with overlaps");
    check(lib_memset(d1, 0, 0) == d1 && lib_memcpy(d1, src, 0) == d1, "zero lengths");

    /* Copy and concatenate. */
    char a[32], b[32];
    memset(a, 'X', sizeof(a));
    memset(b, 'X', sizeof(b));
    check(lib_strcpy(a, "hi") == a && memcmp(a, "hi\0X", 4) == 0, "strcpy");
    lib_strncpy(a, "abc", 6);
    strncpy(b, "abc", 6);
    check(memcmp(a, b, sizeof(a)) == 0, "strncpy pads with NULs");
    lib_strncpy(a, "abcdefgh", 4);
    strncpy(b, "abcdefgh", 4);
    check(memcmp(a, b, sizeof(a)) == 0, "strncpy truncates without a NUL");
    strcpy(a, "foo");
    check(lib_strcat(a, "bar") == a && strcmp(a, "foobar") == 0, "strcat");
    check(lib_strncat(a, "bazqux", 3) == a && strcmp(a, "foobarbaz") == 0, "strncat");
    char *d = lib_strdup("duplicate");
    check(d != NULL && strcmp(d, "duplicate") == 0, "strdup");
    lib_free(d);
    d = lib_strndup("duplicate", 3);
    check(d != NULL && strcmp(d, "dup") == 0, "strndup");
    lib_free(d);

    /* strtok. */
    char line[] = "  ls -l\t/tmp  ", line2[] = "  ls -l\t/tmp  ";
    const char *delim = " \t";
    char *t1 = lib_strtok(line, delim), *t2 = strtok(line2, delim);
    while (t1 != NULL && t2 != NULL) {
        check(t1 - line == t2 - line2 && strcmp(t1, t2) == 0, "strtok token \"%s\"", t2);
        t1 = lib_strtok(NULL, delim);
        t2 = strtok(NULL, delim);
    }
    check(t1 == NULL && t2 == NULL, "strtok ends together");
    check(lib_strtok(NULL, delim) == NULL, "strtok after the end");
}

static void test_strerror(void)
{
    for (int e = -2; e <= 140; e++) {
        char mine[128], host[128];
        snprintf(mine, sizeof(mine), "%s", lib_strerror(e));
        snprintf(host, sizeof(host), "%s", strerror(e));
        check(strcmp(mine, host) == 0, "strerror(%d): \"%s\" vs host \"%s\"", e, mine, host);
    }
    check(strcmp(lib_strerror(ENOENT), "No such file or directory") == 0, "ENOENT text");
    check(strcmp(lib_strerror(1000), "Unknown error 1000") == 0, "unknown errno");
}

static void test_ctype(void)
{
    for (int c = -1; c < 256; c++) {
        int ok = !!lib_isalnum(c) == !!isalnum(c) && !!lib_isalpha(c) == !!isalpha(c) &&
                 !!lib_isblank(c) == !!isblank(c) && !!lib_iscntrl(c) == !!iscntrl(c) &&
                 !!lib_isdigit(c) == !!isdigit(c) && !!lib_isgraph(c) == !!isgraph(c) &&
                 !!lib_islower(c) == !!islower(c) && !!lib_isprint(c) == !!isprint(c) &&
                 !!lib_ispunct(c) == !!ispunct(c) && !!lib_isspace(c) == !!isspace(c) &&
                 !!lib_isupper(c) == !!isupper(c) && !!lib_isxdigit(c) == !!isxdigit(c) &&
                 lib_tolower(c) == tolower(c) && lib_toupper(c) == toupper(c);
        check(ok, "ctype of %d", c);
    }
    static const char *const names[] = { "alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                         "lower", "print", "punct", "space", "upper", "xdigit" };
    int same = 1;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        for (int c = 0; c < 128; c++)
            same &= !lib_iswctype(c, lib_wctype(names[k])) == !iswctype(c, wctype(names[k]));
    check(same, "iswctype(c, wctype(name)) agrees with the host for every class");
    check(lib_wctype("nosuch") == 0 && !lib_iswctype('a', 0), "wctype of an unknown name");
}

/* ---- numbers ---- */

static void test_strtol(void)
{
    static const char *const inputs[] = {
        "0", "1", "-1", "+1", "  42", "\t\n 42abc", "-", "+", "", "abc", "0x", "0x1f",
        "0X1F", "0xg", "-0x10", "010", "08", "0", "00", "123456789012345678901234567890",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "-18446744073709551615", "-18446744073709551616", "zz", "ZZ", "1010", "777",
        "  -0", "4294967295", "4294967296", "2147483648", "-2147483649", " +-1",
    };
    static const int bases[] = { 0, 2, 8, 10, 16, 36 };

    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        const char *s = inputs[i];
        for (size_t b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
            int base = bases[b];
            char *e1, *e2;
            int err1, err2;

            lib_errno = 0; errno = 0;
            long l1 = lib_strtol(s, &e1, base), l2 = strtol(s, &e2, base);
            err1 = lib_errno; err2 = errno;
            check(l1 == l2 && e1 == e2 && err1 == err2, "strtol(\"%s\", %d): %ld/%ld errno %d/%d",
                  s, base, l1, l2, err1, err2);

            lib_errno = 0; errno = 0;
            unsigned long u1 = lib_strtoul(s, &e1, base), u2 = strtoul(s, &e2, base);
            check(u1 == u2 && e1 == e2 && lib_errno == errno, "strtoul(\"%s\", %d)", s, base);

            lib_errno = 0; errno = 0;
            long long ll1 = lib_strtoll(s, &e1, base), ll2 = strtoll(s, &e2, base);
            check(ll1 == ll2 && e1 == e2 && lib_errno == errno, "strtoll(\"%s\", %d)", s, base);

            lib_errno = 0; errno = 0;
            unsigned long long ull1 = lib_strtoull(s, &e1, base), ull2 = strtoull(s, &e2, base);
            check(ull1 == ull2 && e1 == e2 && lib_errno == errno, "strtoull(\"%s\", %d)", s, base);
        }
        check(lib_atoi(s) == atoi(s) || strlen(s) > 9, "atoi(\"%s\")", s);
        check(lib_atol(s) == atol(s), "atol(\"%s\")", s);
    }
    lib_errno = 0;
    check(lib_strtol("1", NULL, 1) == 0 && lib_errno == EINVAL, "strtol base 1: EINVAL");
    lib_errno = 0;
    check(lib_strtol("1", NULL, 37) == 0 && lib_errno == EINVAL, "strtol base 37: EINVAL");
    check(lib_abs(-5) == 5 && lib_abs(5) == 5 && lib_labs(-5L) == 5, "abs/labs");
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

struct rec { int key; char pad[13]; };

static int cmp_rec(const void *a, const void *b)
{
    return cmp_int(&((const struct rec *)a)->key, &((const struct rec *)b)->key);
}

static void test_qsort_rand_env(void)
{
    unsigned seed = 7;
    for (int n = 0; n < 300; n += (n < 20 ? 1 : 37)) {
        int a[300], b[300];
        for (int i = 0; i < n; i++)
            a[i] = b[i] = rand_r(&seed) % (n / 2 + 1);
        lib_qsort(a, n, sizeof(int), cmp_int);
        qsort(b, n, sizeof(int), cmp_int);
        check(memcmp(a, b, n * sizeof(int)) == 0, "qsort of %d ints", n);
        for (int k = 0; k < n; k++) {
            int *hit = lib_bsearch(&a[k], a, n, sizeof(int), cmp_int);
            check(hit != NULL && *hit == a[k], "bsearch finds %d", a[k]);
        }
        int missing = -1;
        check(lib_bsearch(&missing, a, n, sizeof(int), cmp_int) == NULL, "bsearch misses");
    }
    struct rec r[100];
    for (int i = 0; i < 100; i++) {
        r[i].key = rand_r(&seed) % 1000;
        memset(r[i].pad, r[i].key & 0xff, sizeof(r[i].pad));
    }
    lib_qsort(r, 100, sizeof(r[0]), cmp_rec);
    int sorted = 1;
    for (int i = 0; i < 100; i++) {
        if (i > 0 && r[i - 1].key > r[i].key)
            sorted = 0;
        for (size_t j = 0; j < sizeof(r[i].pad); j++)
            if (r[i].pad[j] != (char)(r[i].key & 0xff))
                sorted = 0;
    }
    check(sorted, "qsort of 17-byte records keeps them whole");

    lib_srand(1);
    int first = lib_rand(), in_range = 1, differ = 0;
    for (int i = 0; i < 10000; i++) {
        int v = lib_rand();
        in_range &= v >= 0 && v <= RAND_MAX;
        differ |= v != first;
    }
    lib_srand(1);
    check(lib_rand() == first && in_range && differ, "rand: repeatable, in range, varies");

    setenv("IPCOS_TEST_VAR", "forty-two", 1);
    setenv("IPCOS_TEST", "short", 1);
    check(lib_getenv("IPCOS_TEST_VAR") != NULL &&
          strcmp(lib_getenv("IPCOS_TEST_VAR"), "forty-two") == 0, "getenv");
    check(strcmp(lib_getenv("IPCOS_TEST"), "short") == 0, "getenv prefix");
    check(lib_getenv("IPCOS_TEST_") == NULL && lib_getenv("") == NULL &&
          lib_getenv("IPCOS_TEST=short") == NULL, "getenv misses");

    /* setenv/unsetenv change the same environ getenv reads */
    check(lib_setenv("IPCOS_NEW", "one", 0) == 0 && strcmp(lib_getenv("IPCOS_NEW"), "one") == 0,
          "setenv adds");
    check(lib_setenv("IPCOS_NEW", "two", 0) == 0 && strcmp(lib_getenv("IPCOS_NEW"), "one") == 0,
          "setenv without overwrite keeps");
    check(lib_setenv("IPCOS_NEW", "two", 1) == 0 && strcmp(lib_getenv("IPCOS_NEW"), "two") == 0,
          "setenv overwrites");
    check(lib_unsetenv("IPCOS_NEW") == 0 && lib_getenv("IPCOS_NEW") == NULL &&
          strcmp(lib_getenv("IPCOS_TEST"), "short") == 0, "unsetenv removes only its name");
    check(lib_unsetenv("IPCOS_NEW") == 0, "unsetenv of a missing name");
    lib_errno = 0;
    check(lib_setenv("A=B", "x", 1) == -1 && lib_errno == EINVAL, "setenv: '=' in name");
    lib_errno = 0;
    check(lib_setenv("", "x", 1) == -1 && lib_errno == EINVAL, "setenv: empty name");
    lib_errno = 0;
    check(lib_unsetenv("") == -1 && lib_errno == EINVAL, "unsetenv: empty name");
}

/* ---- broken-down time and strftime: compare with glibc in UTC ---- */

static void test_time(void)
{
    static const char fmt[] = "%a %A %b %B %h %C %d %e %H %I %j %m %M %n %p %S %s %t %u %w %y "
                              "%Y %D %F %T %R %r %c %x %X %% %z";
    unsigned seed = 7;
    int fields_ok = 1, text_ok = 1, back_ok = 1;

    setenv("TZ", "UTC", 1);
    tzset();
    for (int i = 0; i < 20000; i++) {
        /* times from about 1900 to 2100, plus the edges around the epoch */
        time_t t = i < 200 ? (time_t)(i - 100) * 86399 :
                   (time_t)((long)rand_r(&seed) * 3L - 2208988800L);
        struct tm a, b;
        char sa[512], sb[512];
        lib_gmtime_r(&t, &a);
        gmtime_r(&t, &b);
        if (a.tm_year != b.tm_year || a.tm_mon != b.tm_mon || a.tm_mday != b.tm_mday ||
            a.tm_hour != b.tm_hour || a.tm_min != b.tm_min || a.tm_sec != b.tm_sec ||
            a.tm_wday != b.tm_wday || a.tm_yday != b.tm_yday) {
            if (fields_ok)
                check(0, "gmtime(%ld): lib %d-%d-%d, host %d-%d-%d", (long)t, a.tm_year,
                      a.tm_mon, a.tm_mday, b.tm_year, b.tm_mon, b.tm_mday);
            fields_ok = 0;
            continue;
        }
        size_t la = lib_strftime(sa, sizeof sa, fmt, &a), lb = strftime(sb, sizeof sb, fmt, &b);
        if ((la != lb || strcmp(sa, sb)) && text_ok) {
            check(0, "strftime(%ld): lib \"%s\", host \"%s\"", (long)t, sa, sb);
            text_ok = 0;
        }
        if (lib_timegm(&a) != t && back_ok) {
            check(0, "timegm(gmtime(%ld)) gave %ld", (long)t, (long)lib_timegm(&a));
            back_ok = 0;
        }
    }
    check(fields_ok && text_ok && back_ok, "gmtime, strftime and timegm agree with glibc");
    struct tm tm;
    time_t zero = 0;
    lib_gmtime_r(&zero, &tm);
    char small[8];
    check(lib_strftime(small, sizeof small, "%A %Y", &tm) == 0, "strftime: too small gives 0");
}

/* ---- getopt: the same answers as glibc's in POSIX mode ("+" prefix) ---- */

static void test_getopt(void)
{
    static char *cases[][8] = {
        { "p", "-a", "-b", "arg", "file", NULL },
        { "p", "-ab", "-barg", "-c", "--", "-a", NULL },
        { "p", "-x", "-a", "-", "-b", NULL },
        { "p", "-ca", "file", "-a", NULL },
        { "p", "-b", NULL },
        { "p", NULL },
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        int argc = 0, same = 1;
        while (cases[k][argc])
            argc++;
        char got[128] = "", want[128] = "";
        lib_optind = 1;
        lib_opterr = 0;
        optind = 0;
        opterr = 0;
        for (int c; (c = lib_getopt(argc, cases[k], "ab:c")) != -1;)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%c%s,", c,
                     c == 'b' ? lib_optarg : "");
        for (int c; (c = getopt(argc, cases[k], "+ab:c")) != -1;)
            snprintf(want + strlen(want), sizeof want - strlen(want), "%c%s,", c,
                     c == 'b' ? optarg : "");
        same = !strcmp(got, want) && lib_optind == optind;
        check(same, "getopt case %zu: lib \"%s\" optind %d, glibc \"%s\" optind %d", k, got,
              lib_optind, want, optind);
    }
}

/* ---- malloc on a fake sbrk ---- */

static _Alignas(16) char arena[32 << 20];
static size_t arena_used, arena_limit = sizeof(arena);
static int sbrk_calls;
static intptr_t sbrk_biggest;

void *lib_sbrk(intptr_t inc)
{
    sbrk_calls++;
    if (inc > sbrk_biggest)
        sbrk_biggest = inc;
    if (inc < 0 || (size_t)inc > arena_limit - arena_used) {
        lib_errno = ENOMEM;
        return (void *)-1;
    }
    void *old = arena + arena_used;
    arena_used += inc;
    return old;
}

static void test_malloc(void)
{
    enum { N = 2000 };
    static unsigned char *ptr[N];
    static size_t len[N];
    unsigned seed = 99;
    int ok = 1;

    check(lib_malloc(0) != NULL, "malloc(0) gives a pointer");
    lib_free(NULL);

    /* Random allocations, reallocations and frees; contents must survive. */
    for (int round = 0; round < 40000; round++) {
        int i = rand_r(&seed) % N;
        if (ptr[i] != NULL) {
            for (size_t k = 0; k < len[i]; k++)
                ok &= ptr[i][k] == (unsigned char)(i + k);
            if (rand_r(&seed) % 3 == 0) {
                size_t n = rand_r(&seed) % 3000;
                unsigned char *q = lib_realloc(ptr[i], n);
                if (n == 0) {           /* realloc(p, 0) frees p */
                    ok &= q == NULL;
                    ptr[i] = NULL;
                    continue;
                }
                ok &= q != NULL && ((uintptr_t)q & 15) == 0;
                size_t keep = n < len[i] ? n : len[i];
                for (size_t k = 0; k < keep; k++)
                    ok &= q[k] == (unsigned char)(i + k);
                for (size_t k = keep; k < n; k++)
                    q[k] = (unsigned char)(i + k);
                ptr[i] = q;
                len[i] = n;
            } else {
                lib_free(ptr[i]);
                ptr[i] = NULL;
            }
        } else {
            size_t n = rand_r(&seed) % 8 == 0 ? rand_r(&seed) % 70000 : rand_r(&seed) % 200;
            ptr[i] = rand_r(&seed) % 4 == 0 ? lib_calloc(n, 1) : lib_malloc(n);
            ok &= ptr[i] != NULL && ((uintptr_t)ptr[i] & 15) == 0;
            if (ptr[i] == NULL)
                break;
            len[i] = n;
            for (size_t k = 0; k < n; k++)
                ptr[i][k] = (unsigned char)(i + k);
        }
    }
    check(ok, "random malloc/realloc/free keeps data and 16-byte alignment");

    /* No two live blocks overlap. */
    ok = 1;
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N && ptr[i]; j++)
            if (ptr[j] && ptr[i] < ptr[j] + len[j] && ptr[j] < ptr[i] + len[i])
                ok = 0;
    check(ok, "live blocks do not overlap");

    for (int i = 0; i < N; i++) {
        lib_free(ptr[i]);
        ptr[i] = NULL;
    }

    /* Everything is free and coalesced: one big block fits without sbrk. */
    size_t used = arena_used;
    int calls = sbrk_calls;
    void *whole = lib_malloc(used - 4096);
    check(whole != NULL && sbrk_calls == calls, "freed memory coalesces (%zu bytes)", used);
    lib_free(whole);

    /* Impossible sizes: NULL and ENOMEM, and sbrk never sees a wrapped size. */
    sbrk_biggest = 0;
    lib_errno = 0;
    check(lib_malloc(SIZE_MAX) == NULL && lib_errno == ENOMEM, "malloc(SIZE_MAX)");
    lib_errno = 0;
    check(lib_malloc(SIZE_MAX - 8) == NULL && lib_errno == ENOMEM, "malloc(SIZE_MAX - 8)");
    lib_errno = 0;
    check(lib_malloc((size_t)PTRDIFF_MAX + 1) == NULL && lib_errno == ENOMEM, "malloc(2^63)");
    lib_errno = 0;
    check(lib_calloc(SIZE_MAX / 2, 3) == NULL && lib_errno == ENOMEM, "calloc overflow");
    lib_errno = 0;
    check(lib_calloc((size_t)1 << 33, (size_t)1 << 33) == NULL && lib_errno == ENOMEM,
          "calloc 2^33 * 2^33");
    lib_errno = 0;
    check(lib_malloc(1UL << 40) == NULL && lib_errno == ENOMEM, "malloc(1 TiB) fails in sbrk");
    check(sbrk_biggest >= 0, "sbrk never asked for a negative increment");
    void *p = lib_malloc(100);
    lib_errno = 0;
    check(lib_realloc(p, SIZE_MAX) == NULL && lib_errno == ENOMEM, "realloc(p, SIZE_MAX)");
    check(((unsigned char *)lib_realloc(p, 50))[0] == ((unsigned char *)p)[0], "p survives");

    /* calloc zeroes recycled memory. */
    unsigned char *dirty = lib_malloc(1000);
    memset(dirty, 0xab, 1000);
    lib_free(dirty);
    unsigned char *clean = lib_calloc(250, 4);
    ok = clean != NULL;
    for (int k = 0; ok && k < 1000; k++)
        ok = clean[k] == 0;
    check(ok, "calloc returns zeroed memory");
    lib_free(clean);

    /* realloc grows in place into a free neighbour. */
    unsigned char *x = lib_malloc(64), *y = lib_malloc(4000), *z = lib_malloc(64);
    lib_free(y);
    unsigned char *x2 = lib_realloc(x, 3000);
    check(x2 == x, "realloc grows in place");
    lib_free(x2);
    lib_free(z);

    /* Out of memory: sbrk fails, malloc says ENOMEM, and recovers later. */
    arena_limit = arena_used;
    lib_errno = 0;
    check(lib_malloc(sizeof(arena)) == NULL && lib_errno == ENOMEM, "malloc when sbrk fails");
    arena_limit = sizeof(arena);
    p = lib_malloc(100);
    check(p != NULL, "malloc works again");
    lib_free(p);
}

int main(void)
{
    test_printf_integers();
    test_printf_strings();
    test_printf_floats();
    test_printf_edges();
    test_strings();
    test_strerror();
    test_ctype();
    test_strtol();
    test_qsort_rand_env();
    test_malloc();
    test_time();
    test_getopt();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
