/*
 * string.c - memory and string functions.
 *
 * Written for clarity first.  memcpy and memset move a word (8 bytes) at a
 * time when the pointers allow it, since everything else is built on them.
 *
 * GCC recognises loops that copy or clear memory and may replace them by
 * a call to memcpy/memset -- inside memcpy/memset that would be endless
 * recursion, so this file turns that optimisation off.
 */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A word that may alias any other type, for the word-at-a-time loops. */
typedef unsigned long __attribute__((may_alias)) word_t;
#define WORD sizeof(word_t)

/* ---- memory ---- */

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0) {
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
            *(word_t *)d = *(const word_t *)s;
    }
    while (n-- > 0)
        *d++ = *s++;
    return dst;
}

/* Like memcpy, but the areas may overlap: copy backwards when dst > src. */
void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n-- > 0)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char b = (unsigned char)c;

    while (n > 0 && ((uintptr_t)d & (WORD - 1)) != 0) {
        *d++ = b;
        n--;
    }
    if (n >= WORD) {
        word_t w = b * 0x0101010101010101UL;   /* b in every byte */
        for (; n >= WORD; n -= WORD, d += WORD)
            *(word_t *)d = w;
    }
    while (n-- > 0)
        *d++ = b;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != q[i])
            return p[i] < q[i] ? -1 : 1;
    }
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for (size_t i = 0; i < n; i++) {
        if (p[i] == (unsigned char)c)
            return (void *)(p + i);
    }
    return NULL;
}

/* ---- lengths and comparisons ---- */

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p != '\0')
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n] != '\0')
        n++;
    return n;
}

/* Characters compare as unsigned char, whatever the sign of plain char. */
int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    while (*p != '\0' && *p == *q) {
        p++;
        q++;
    }
    return *p - *q;
}

int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for (; n > 0; n--, p++, q++) {
        if (*p != *q || *p == '\0')
            return *p - *q;
    }
    return 0;
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int strcasecmp(const char *a, const char *b)
{
    return strncasecmp(a, b, SIZE_MAX);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a;
    const unsigned char *q = (const unsigned char *)b;

    for (; n > 0; n--, p++, q++) {
        int x = lower(*p), y = lower(*q);
        if (x != y || x == '\0')
            return x - y;
    }
    return 0;
}

/* ---- copying ---- */

char *strcpy(char *dst, const char *src)
{
    char *d = dst;

    while ((*d++ = *src++) != '\0')
        ;
    return dst;
}

/* Copies at most n bytes and pads with NULs; no NUL if src is too long. */
char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;

    for (; i < n && src[i] != '\0'; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = '\0';
    return dst;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

/* Appends at most n bytes of src, and always a NUL. */
char *strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    size_t i = 0;

    for (; i < n && src[i] != '\0'; i++)
        d[i] = src[i];
    d[i] = '\0';
    return dst;
}

char *strdup(const char *s)
{
    return strndup(s, SIZE_MAX);
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = malloc(len + 1);

    if (p != NULL) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

/* ---- searching ---- */

/* strchr(s, '\0') finds the terminator, as the standard requires. */
char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (*s == '\0')
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (*s == '\0')
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for (; *haystack != '\0' || n == 0; haystack++) {
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    }
    return NULL;
}

/* Length of the prefix of s made only of bytes in accept. */
size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;

    while (s[n] != '\0' && strchr(accept, s[n]) != NULL)
        n++;
    return n;
}

/* Length of the prefix of s made only of bytes not in reject. */
size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;

    while (s[n] != '\0' && strchr(reject, s[n]) == NULL)
        n++;
    return n;
}

/*
 * strtok_r - split s into tokens separated by bytes of delim.  Pass s the
 * first time and NULL afterwards; *save remembers where we stopped.
 */
char *strtok_r(char *s, const char *delim, char **save)
{
    char *tok;

    if (s == NULL)
        s = *save;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);
    if (*s == '\0') {
        *save = NULL;
        return NULL;
    }
    tok = s;
    s += strcspn(s, delim);
    if (*s != '\0')
        *s++ = '\0';
    *save = s;
    return tok;
}

char *strtok(char *s, const char *delim)
{
    static char *save;

    return strtok_r(s, delim, &save);
}
