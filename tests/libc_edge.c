/*
 * libc_edge: the C library's behaviour at its edges, the same on glibc and on
 * ipcos: printf with an unknown conversion, a NULL %s, huge widths into a
 * small buffer; malloc/calloc/realloc of impossible sizes failing with
 * ENOMEM; strtol overflow; strerror texts.
 */
#include "check.h"
#include <limits.h>
#include <stdint.h>

/* Formats go through a variable so the compiler's format checks stay quiet. */
static const char *volatile fmt_unknown = "a%yb";
static const char *volatile fmt_str = "[%s]";
static const char *volatile fmt_wide = "%1000000d|";

static void printf_edges(void)
{
    char buf[64];
    const char *volatile null_str = NULL;

    /* An unknown conversion must not crash (glibc and ipcos print it as is). */
    int n = snprintf(buf, sizeof buf, fmt_unknown, 1);
    CHECK(n >= 2);
    CHECK(buf[0] == 'a');

    EXPECT_EQ(snprintf(buf, sizeof buf, fmt_str, null_str), 8);
    CHECK(strcmp(buf, "[(null)]") == 0);

    /* A huge width: the return value counts it all; the buffer holds what fits. */
    memset(buf, 'x', sizeof buf);
    EXPECT_EQ(snprintf(buf, 16, fmt_wide, 7), 1000001);
    EXPECT_EQ((int)strlen(buf), 15);
    EXPECT_EQ(buf[15], '\0');
    EXPECT_EQ(buf[16], 'x');

    EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
    EXPECT_EQ(snprintf(buf, sizeof buf, "%-5d|%05d|%x|%X|%lu", 42, 42, 255, 255, 123UL), 21);
    CHECK(strcmp(buf, "42   |00042|ff|FF|123") == 0);
    EXPECT_EQ(snprintf(buf, sizeof buf, "%zu %ld %c %%", (size_t)7, -9L, 'z'), 8);
    CHECK(strcmp(buf, "7 -9 z %") == 0);
}

/* Sizes go through volatiles so the compiler does not reject the calls. */
static volatile size_t size_max = SIZE_MAX, half = SIZE_MAX / 2;

static void malloc_edges(void)
{
    void *volatile p;

    errno = 0;
    p = malloc(size_max);
    CHECK(p == NULL);
    EXPECT_EQ(errno, ENOMEM);

    errno = 0;
    p = malloc(half);
    CHECK(p == NULL);
    EXPECT_EQ(errno, ENOMEM);

    errno = 0;
    p = calloc(half, 4); /* the product overflows */
    CHECK(p == NULL);
    EXPECT_EQ(errno, ENOMEM);

    char *volatile q = malloc(16);
    CHECK(q != NULL);
    strcpy(q, "still here");
    errno = 0;
    p = realloc((void *)q, size_max);
    CHECK(p == NULL);
    EXPECT_EQ(errno, ENOMEM);
    CHECK(strcmp(q, "still here") == 0); /* the old block is untouched */
    free(q);

    /* Ordinary use still works after the failures. */
    char *r = calloc(1000, 1);
    CHECK(r != NULL && r[0] == 0 && r[999] == 0);
    free(r);
}

static void misc_edges(void)
{
    errno = 0;
    EXPECT_EQ(strtol("99999999999999999999", NULL, 10), LONG_MAX);
    EXPECT_EQ(errno, ERANGE);
    CHECK(strcmp(strerror(ENOENT), "No such file or directory") == 0);
    CHECK(strcmp(strerror(EPIPE), "Broken pipe") == 0);
    EXPECT_EQ(atoi("  -17x"), -17);
}

int main(void)
{
    printf_edges();
    malloc_edges();
    misc_edges();
    return check_done();
}
