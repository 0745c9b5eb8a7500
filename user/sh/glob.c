/*
 * glob.c - pattern matching (POSIX XCU 2.13): '*' any string, '?' any
 * character, '[...]' a bracket expression ('[!...]' or '[^...]' negated,
 * ranges a-z, classes [:alpha:] and friends), '\c' the character c.
 *
 * pattern_match() serves case and ${x%pattern}; glob_expand() is pathname
 * expansion, which matches one '/'-separated component at a time against
 * the names in the directories, never lets '*' or '?' match a '/', and
 * requires a leading '.' of a name to be matched by a '.' in the pattern.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include <sys/stat.h>
#include "sh.h"

/* Is c in the class [:name:] (name is len bytes, not NUL-terminated)? */
static int in_class(const char *name, size_t len, int c)
{
    char buf[16];

    if (len >= sizeof buf)
        return 0;
    memcpy(buf, name, len);
    buf[len] = '\0';
    return iswctype((wint_t)c, wctype(buf));
}

/*
 * Match c against the bracket expression at p (just after the '[').
 * Returns the position after the closing ']' and sets *hit, or NULL if
 * there is no closing ']' (then the '[' is an ordinary character).
 */
static const char *bracket(const char *p, int c, int *hit)
{
    int negate = 0, found = 0;
    const char *start;

    if (*p == '!' || *p == '^') {
        negate = 1;
        p++;
    }
    start = p;
    while (*p && (*p != ']' || p == start)) {
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (end) {
                found |= in_class(p + 2, end - (p + 2), c);
                p = end + 2;
                continue;
            }
        }
        int lo = (unsigned char)*p;
        if (*p == '\\' && p[1])
            lo = (unsigned char)*++p;
        p++;
        int hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            if (*p == '\\' && p[1])
                p++;
            hi = (unsigned char)*p++;
        }
        if (c >= lo && c <= hi)
            found = 1;
    }
    if (*p != ']')
        return NULL;
    *hit = found != negate;
    return p + 1;
}

/* Does the whole of s match pat?  With path, '*' '?' '[' never match '/'. */
static int match(const char *pat, const char *s, int path)
{
    while (*pat) {
        if (*pat == '*') {
            while (*pat == '*')
                pat++;
            if (!*pat)
                return !path || !strchr(s, '/');
            for (; *s; s++) {
                if (match(pat, s, path))
                    return 1;
                if (path && *s == '/')
                    return 0;
            }
            return 0;
        }
        if (!*s)
            return 0;
        if (*pat == '?') {
            if (path && *s == '/')
                return 0;
            pat++;
            s++;
            continue;
        }
        if (*pat == '[') {
            int hit;
            const char *after = bracket(pat + 1, (unsigned char)*s, &hit);
            if (after) {
                if (!hit || (path && *s == '/'))
                    return 0;
                pat = after;
                s++;
                continue;
            }
        }
        if (*pat == '\\' && pat[1])
            pat++;
        if (*pat++ != *s++)
            return 0;
    }
    return !*s;
}

int pattern_match(const char *pat, const char *s)
{
    return match(pat, s, 0);
}

/* Does the pattern have an unescaped * ? or [ ? */
int has_glob_chars(const char *p)
{
    for (; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '*' || *p == '?' || *p == '[')
            return 1;
    }
    return 0;
}

/* The pattern with its backslash escapes removed. */
static char *unescape(const char *p, size_t n)
{
    struct str b = { 0 };

    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n)
            i++;
        str_addc(&b, p[i]);
    }
    return str_take(&b);
}

static int exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

/* Expand pattern (the part after prefix, which is a path or ""). */
static void glob_in(const char *prefix, const char *pattern, struct fields *out)
{
    size_t n = strcspn(pattern, "/");
    char *comp = xstrndup(pattern, n);
    const char *rest = pattern + n;

    if (!has_glob_chars(comp)) {
        char *lit = unescape(comp, n);
        struct str path = { 0 };
        str_adds(&path, prefix);
        str_adds(&path, lit);
        while (*rest == '/') {
            str_addc(&path, '/');
            rest++;
        }
        if (*rest)
            glob_in(path.s, rest, out);
        else if (exists(path.s))
            fields_add(out, str_take(&path));
        free(path.s);
        free(lit);
        free(comp);
        return;
    }
    DIR *d = opendir(*prefix ? prefix : ".");
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' && comp[0] != '.')
            continue;                   /* hidden unless asked for */
        if (!match(comp, e->d_name, 1))
            continue;
        struct str path = { 0 };
        str_adds(&path, prefix);
        str_adds(&path, e->d_name);
        const char *r = rest;
        while (*r == '/') {
            str_addc(&path, '/');
            r++;
        }
        if (*r)
            glob_in(path.s, r, out);
        else if (*rest == '\0' || exists(path.s))
            fields_add(out, xstrdup(path.s));
        free(path.s);
    }
    if (d)
        closedir(d);
    free(comp);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the paths matching pattern to out, sorted; nothing if none match. */
void glob_expand(const char *pattern, struct fields *out)
{
    int first = out->n;
    struct str prefix = { 0 };

    str_adds(&prefix, "");
    while (*pattern == '/') {
        str_addc(&prefix, '/');
        pattern++;
    }
    glob_in(prefix.s, pattern, out);
    free(prefix.s);
    if (out->n - first > 1)
        qsort(out->v + first, out->n - first, sizeof *out->v, by_bytes);
}
