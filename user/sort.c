/*
 * sort: sort lines of text.
 *
 *   sort [-bfnrsu] [-t SEP] [-k POS1[,POS2]]... [-o FILE] [FILE...]
 *
 *   -n  compare numbers (leading blanks, '-', digits, a decimal point)
 *   -r  reverse          -u  only the first of lines that compare equal
 *   -f  fold lower case to upper    -b  ignore leading blanks
 *   -s  stable: no last-resort comparison of whole lines
 *   -t SEP  fields are separated by SEP (default: a blank starts a field)
 *   -k F[.C][bfnr][,F[.C][bfnr]]  sort on fields F (char C) to F2 (C2);
 *       a key with its own letters does not take the global ones
 *   -o FILE  write there (it may be an input)
 *
 * As GNU sort in the C locale: bytes compare by value, and lines whose
 * keys tie are ordered by comparing them whole (unless -s or -u).  The
 * lines are kept in memory and merge-sorted (stable).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct key {
    int field1, char1;          /* start: field and character, from 1 */
    int field2, char2;          /* end: field and character; char2 0 = field end; field2 0 = line end */
    int numeric, reverse, fold, blanks;
    int own;                    /* has letters of its own (else takes the global ones) */
};

static struct key keys[10];
static int nkeys;
static struct key global;
static int unique, stable;
static int sep = -1;            /* -t */

struct line {
    char *s;
    size_t len;
};

/* ---- keys ---- */

static int parse_opts(const char **pp, struct key *k)
{
    int any = 0;
    for (; **pp && strchr("bfnr", **pp); (*pp)++, any = 1) {
        k->blanks |= **pp == 'b';
        k->fold |= **pp == 'f';
        k->numeric |= **pp == 'n';
        k->reverse |= **pp == 'r';
    }
    return any;
}

static void parse_key(const char *spec)
{
    struct key k = { 0 };
    const char *p = spec;
    char *end;

    k.field1 = (int)strtol(p, &end, 10);
    p = end;
    k.char1 = 1;
    if (*p == '.') {
        k.char1 = (int)strtol(p + 1, &end, 10);
        p = end;
    }
    int own = parse_opts(&p, &k);
    if (*p == ',') {
        k.field2 = (int)strtol(p + 1, &end, 10);
        p = end;
        if (*p == '.') {
            k.char2 = (int)strtol(p + 1, &end, 10);
            p = end;
        }
        own |= parse_opts(&p, &k);
    }
    if (*p || k.field1 < 1 || k.char1 < 1 || (spec[0] && strchr(spec, ',') && k.field2 < 1) ||
        nkeys == (int)(sizeof keys / sizeof keys[0])) {
        fprintf(stderr, "sort: invalid key '%s'\n", spec);
        exit(2);
    }
    k.own = own;
    keys[nkeys++] = k;
}

/* Where field f (from 1) starts in s[0..len): its leading blanks included, unless -t. */
static size_t field_start(const char *s, size_t len, int f)
{
    size_t i = 0;

    for (int n = 1; n < f && i < len; n++) {
        if (sep >= 0) {
            while (i < len && s[i] != sep)
                i++;
            if (i < len)
                i++;
        } else {
            while (i < len && isblank((unsigned char)s[i]))
                i++;
            while (i < len && !isblank((unsigned char)s[i]))
                i++;
        }
    }
    return i;
}

static size_t field_end(const char *s, size_t len, size_t i)
{
    if (sep >= 0) {
        while (i < len && s[i] != sep)
            i++;
        return i;
    }
    while (i < len && isblank((unsigned char)s[i]))
        i++;
    while (i < len && !isblank((unsigned char)s[i]))
        i++;
    return i;
}

static void key_span(const struct key *k, const struct line *l, size_t *from, size_t *to)
{
    size_t b = field_start(l->s, l->len, k->field1), e = l->len;

    if (k->blanks)
        while (b < l->len && isblank((unsigned char)l->s[b]))
            b++;
    b += k->char1 - 1;
    if (k->field2) {
        e = field_start(l->s, l->len, k->field2);
        if (k->char2) {
            if (k->blanks)
                while (e < l->len && isblank((unsigned char)l->s[e]))
                    e++;
            e += k->char2;
        } else {
            e = field_end(l->s, l->len, e);
        }
    }
    *to = e < l->len ? e : l->len;
    *from = b < *to ? b : *to;
}

/* ---- comparing ---- */

/* Compare the numbers at the start of a[0..n) and b[0..m), as text (no overflow). */
static int numcmp(const char *a, size_t n, const char *b, size_t m)
{
    struct { const char *s; size_t len, intlen; int neg, zero; } x[2] = { { a, n }, { b, m } };

    for (int k = 0; k < 2; k++) {
        const char *s = x[k].s, *end = s + x[k].len;
        while (s < end && isblank((unsigned char)*s))
            s++;
        x[k].neg = s < end && *s == '-';
        s += x[k].neg;
        while (s < end && *s == '0')
            s++;
        const char *digits = s;
        while (s < end && isdigit((unsigned char)*s))
            s++;
        x[k].intlen = s - digits;
        const char *frac = s < end && *s == '.' ? s + 1 : s;
        const char *fend = frac;
        while (fend < end && isdigit((unsigned char)*fend))
            fend++;
        x[k].zero = x[k].intlen == 0 && strspn(frac, "0") >= (size_t)(fend - frac);
        x[k].s = digits;
        x[k].len = fend - digits;
    }
    if (x[0].zero && x[1].zero)
        return 0;
    int sa = x[0].zero ? 0 : x[0].neg ? -1 : 1, sb = x[1].zero ? 0 : x[1].neg ? -1 : 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    int r = 0;
    if (x[0].intlen != x[1].intlen)
        r = x[0].intlen < x[1].intlen ? -1 : 1;
    else {
        /* same number of integer digits: compare digit by digit, '.' skipped, 0 padding */
        size_t i = 0, j = 0;
        while (!r && (i < x[0].len || j < x[1].len)) {
            char ca = i < x[0].len ? x[0].s[i++] : '0', cb = j < x[1].len ? x[1].s[j++] : '0';
            if (ca == '.')
                ca = i < x[0].len ? x[0].s[i++] : '0';
            if (cb == '.')
                cb = j < x[1].len ? x[1].s[j++] : '0';
            r = ca < cb ? -1 : ca > cb;
        }
    }
    return sa < 0 ? -r : r;
}

static int textcmp(const char *a, size_t n, const char *b, size_t m, int fold)
{
    for (size_t i = 0; i < n && i < m; i++) {
        int ca = (unsigned char)a[i], cb = (unsigned char)b[i];
        if (fold) {
            ca = toupper(ca);
            cb = toupper(cb);
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return n < m ? -1 : n > m;
}

static int compare_key(const struct key *k, const struct line *a, const struct line *b)
{
    size_t af, at, bf, bt;
    key_span(k, a, &af, &at);
    key_span(k, b, &bf, &bt);
    int r = k->numeric ? numcmp(a->s + af, at - af, b->s + bf, bt - bf)
                       : textcmp(a->s + af, at - af, b->s + bf, bt - bf, k->fold);
    return k->reverse ? -r : r;
}

/* Keys in order; if they tie, the whole lines (GNU's last resort). */
static int compare(const struct line *a, const struct line *b, int keys_only)
{
    for (int i = 0; i < nkeys; i++) {
        int r = compare_key(&keys[i], a, b);
        if (r)
            return r;
    }
    if (keys_only)
        return 0;
    int r = textcmp(a->s, a->len, b->s, b->len, 0);
    return global.reverse ? -r : r;
}

/* Merge sort of v[0..n) (stable), with tmp as scratch space. */
static void merge_sort(struct line *v, struct line *tmp, size_t n, int keys_only)
{
    if (n < 2)
        return;
    size_t half = n / 2, i = 0, j = half, k = 0;
    merge_sort(v, tmp, half, keys_only);
    merge_sort(v + half, tmp, n - half, keys_only);
    while (i < half && j < n)
        tmp[k++] = compare(&v[j], &v[i], keys_only) < 0 ? v[j++] : v[i++];
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* ---- input and output ---- */

static int read_lines(FILE *f, struct line **v, size_t *n, size_t *cap)
{
    char *s = NULL;
    size_t scap = 0;
    ssize_t len;

    while ((len = getline(&s, &scap, f)) > 0) {
        if (*n == *cap)
            *v = realloc(*v, (*cap = *cap ? *cap * 2 : 256) * sizeof **v);
        (*v)[*n].len = len - (s[len - 1] == '\n');
        (*v)[*n].s = s;
        (*n)++;
        s = NULL;
        scap = 0;
    }
    free(s);
    return ferror(f) ? -1 : 0;
}

/* Every line of the named files ("-" or none: standard input) into *v. */
static int read_inputs(char **names, int nfiles, struct line **v, size_t *n)
{
    size_t cap = 0;

    for (int i = 0; i < nfiles || (nfiles == 0 && i == 0); i++) {
        const char *name = nfiles ? names[i] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
        if (!f || read_lines(f, v, n, &cap) < 0) {
            fprintf(stderr, "sort: cannot read: %s: %s\n", name, strerror(errno));
            return -1;
        }
        if (f != stdin)
            fclose(f);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *outname = NULL;
    int c;

    while ((c = getopt(argc, argv, "bfnrsut:k:o:")) != -1) {
        switch (c) {
        case 'b': global.blanks = 1; break;
        case 'f': global.fold = 1; break;
        case 'n': global.numeric = 1; break;
        case 'r': global.reverse = 1; break;
        case 's': stable = 1; break;
        case 'u': unique = 1; break;
        case 'o': outname = optarg; break;
        case 't':
            if (strlen(optarg) != 1) {
                fprintf(stderr, "sort: the separator must be one character\n");
                return 2;
            }
            sep = (unsigned char)optarg[0];
            break;
        case 'k':
            parse_key(optarg);
            break;
        default:
            return 2;
        }
    }
    if (nkeys == 0)             /* no -k: one key, the whole line */
        parse_key("1");
    for (int i = 0; i < nkeys; i++) {
        if (keys[i].own)
            continue;           /* no letters of its own: the global ones, wherever given */
        keys[i].numeric = global.numeric;
        keys[i].reverse = global.reverse;
        keys[i].fold = global.fold;
        keys[i].blanks = global.blanks;
    }
    struct line *v = NULL;
    size_t n = 0;
    if (read_inputs(argv + optind, argc - optind, &v, &n) < 0)
        return 2;
    struct line *tmp = malloc((n ? n : 1) * sizeof *tmp);
    merge_sort(v, tmp, n, unique || stable);
    FILE *out = outname ? fopen(outname, "w") : stdout;
    if (!out) {
        fprintf(stderr, "sort: cannot create %s: %s\n", outname, strerror(errno));
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        if (unique && i > 0 && compare(&v[i - 1], &v[i], 1) == 0)
            continue;
        fwrite(v[i].s, 1, v[i].len, out);
        putc('\n', out);
    }
    return fflush(out) == 0 ? 0 : 2;
}
