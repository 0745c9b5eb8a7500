/*
 * tr: translate, delete or squeeze characters from standard input.
 *
 *   tr [-c] [-s] SET1 SET2    change each character of SET1 into the
 *                             one at the same place in SET2
 *   tr [-c] -d [-s] SET1 [SET2]   delete the characters of SET1
 *   tr [-c] -s SET1           squeeze runs of a SET1 character to one
 *
 * A set is characters, ranges (a-z), classes ([:lower:] [:upper:]
 * [:digit:] [:alpha:] [:alnum:] [:space:] [:blank:] [:punct:] [:xdigit:]
 * [:print:] [:graph:] [:cntrl:]) and escapes (\n \t \\ \NNN octal ...).
 * -c uses every character NOT in SET1.  When SET2 is shorter, its last
 * character is repeated.  SET2 may hold a class only as tr [:lower:]
 * [:upper:] (or the other way round).  With -s and SET2, runs of SET2 characters in
 * the output are squeezed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

struct set {
    unsigned char c[4096];  /* the characters in order, ranges expanded */
    int n;
};

static void add(struct set *s, int c)
{
    if (s->n < (int)sizeof s->c)
        s->c[s->n++] = (unsigned char)c;
}

/* One character of a set description at *pp, escapes decoded. */
static int next_char(const char **pp)
{
    const char *p = *pp;
    int c = (unsigned char)*p++;

    if (c == '\\' && *p) {
        static const char from[] = "ntrabfv\\", to[] = "\n\t\r\a\b\f\v\\";
        const char *k = strchr(from, *p);
        if (*p >= '0' && *p <= '7') {
            c = 0;
            for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
                c = c * 8 + (*p++ - '0');
        } else {
            c = k ? to[k - from] : (unsigned char)*p;
            p++;
        }
    }
    *pp = p;
    return c;
}

static void parse_set(const char *p, struct set *s)
{
    s->n = 0;
    while (*p) {
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            char name[16] = "";
            if (end && end - (p + 2) < (long)sizeof name)
                memcpy(name, p + 2, end - (p + 2));
            wctype_t class = wctype(name);
            if (class) {
                for (int c = 0; c < 256; c++)
                    if (iswctype(c, class))
                        add(s, c);
                p = end + 2;
                continue;
            }
        }
        int lo = next_char(&p);
        if (p[0] == '-' && p[1]) {
            p++;
            int hi = next_char(&p);
            if (hi < lo) {
                fprintf(stderr, "tr: range-endpoints of '%c-%c' are in reverse order\n", lo, hi);
                exit(1);
            }
            for (int c = lo; c <= hi; c++)
                add(s, c);
        } else {
            add(s, lo);
        }
    }
}

/* -c: every byte that is not in s, in increasing order. */
static void complement(struct set *s)
{
    char in[256] = { 0 };

    for (int i = 0; i < s->n; i++)
        in[s->c[i]] = 1;
    s->n = 0;
    for (int c = 0; c < 256; c++)
        if (!in[c])
            add(s, c);
}

int main(int argc, char **argv)
{
    int c, del = 0, squeeze = 0, comp = 0;
    struct set set1, set2;

    while ((c = getopt(argc, argv, "cdsC")) != -1) {
        if (c == '?')
            return 1;
        comp |= c == 'c' || c == 'C';
        del |= c == 'd';
        squeeze |= c == 's';
    }
    int nsets = argc - optind;
    if (nsets < 1 || nsets > 2 || (!del && !squeeze && nsets != 2) || (del && !squeeze && nsets != 1)) {
        fprintf(stderr, "usage: tr [-c] [-d] [-s] SET1 [SET2]\n");
        return 1;
    }
    /* as GNU tr: translating, a class in SET2 must be [:upper:] or [:lower:] facing the other in SET1 */
    if (!del && nsets == 2 && strstr(argv[optind + 1], "[:") &&
        !((!strcmp(argv[optind], "[:lower:]") || !strcmp(argv[optind], "[:upper:]")) &&
          (!strcmp(argv[optind + 1], "[:lower:]") || !strcmp(argv[optind + 1], "[:upper:]")))) {
        fprintf(stderr, "tr: misaligned [:upper:] and/or [:lower:] construct\n");
        return 1;
    }
    parse_set(argv[optind], &set1);
    if (comp)
        complement(&set1);
    set2.n = 0;
    if (nsets == 2)
        parse_set(argv[optind + 1], &set2);

    int map[256], in1[256] = { 0 }, squeezable[256] = { 0 };
    for (c = 0; c < 256; c++)
        map[c] = c;
    for (int i = 0; i < set1.n; i++)
        in1[set1.c[i]] = 1;
    if (!del && nsets == 2) {
        if (set2.n == 0) {
            fprintf(stderr, "tr: when translating, SET2 must not be empty\n");
            return 1;
        }
        for (int i = 0; i < set1.n; i++)
            map[set1.c[i]] = set2.c[i < set2.n ? i : set2.n - 1];
    }
    const struct set *sq = nsets == 2 ? &set2 : &set1;
    for (int i = 0; squeeze && i < sq->n; i++)
        squeezable[sq->c[i]] = 1;

    int last = -1;
    while ((c = getchar()) != EOF) {
        if (del && in1[c])
            continue;
        c = map[c];
        if (squeeze && squeezable[c] && c == last)
            continue;
        last = c;
        putchar(c);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
