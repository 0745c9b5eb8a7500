/*
 * cut: select parts of each line.
 *
 *   cut -f LIST [-d DELIM] [-s] [FILE...]   fields separated by DELIM (a tab)
 *   cut -c LIST [FILE...]                   characters (bytes: C locale)
 *   cut -b LIST [FILE...]                   bytes
 *
 * LIST is comma-separated numbers and ranges, counted from 1: "1,3",
 * "2-4", "3-" (to the end), "-2" (from the start).  The parts come out
 * in the order of the line, each once.  A line with no DELIM is printed
 * whole with -f, unless -s.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_POS 4096

static char selected[MAX_POS + 1];  /* selected[i]: position i is wanted */
static long open_from;              /* "N-": every position >= N (0: none) */

static int wanted(long pos)
{
    return (open_from && pos >= open_from) || (pos <= MAX_POS && selected[pos]);
}

/* Parse LIST into selected[] and open_from; exits on a bad list. */
static void parse_list(const char *list)
{
    const char *p = list;

    while (*p) {
        char *end;
        long lo = 1, hi;
        if (*p != '-') {
            lo = strtol(p, &end, 10);
            p = end;
        }
        hi = lo;
        if (*p == '-') {
            p++;
            hi = *p >= '0' && *p <= '9' ? strtol(p, &end, 10) : -1;
            if (hi >= 0)
                p = end;
        }
        if (lo < 1 || (hi >= 0 && hi < lo) || (*p && *p != ',')) {
            fprintf(stderr, "cut: invalid list '%s'\n", list);
            exit(1);
        }
        if (hi < 0)
            open_from = open_from && open_from < lo ? open_from : lo;
        for (long i = lo; hi >= 0 && i <= hi && i <= MAX_POS; i++)
            selected[i] = 1;
        if (*p == ',')
            p++;
    }
}

static void cut_chars(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (wanted((long)i + 1))
            putchar(line[i]);
    putchar('\n');
}

static void cut_fields(const char *line, size_t len, char delim, int only_delimited)
{
    if (!memchr(line, delim, len)) {
        if (!only_delimited) {
            fwrite(line, 1, len, stdout);
            putchar('\n');
        }
        return;
    }
    long field = 1;
    int first = 1;
    for (size_t start = 0; start <= len; field++) {
        const char *d = memchr(line + start, delim, len - start);
        size_t end = d ? (size_t)(d - line) : len;
        if (wanted(field)) {
            if (!first)
                putchar(delim);
            fwrite(line + start, 1, end - start, stdout);
            first = 0;
        }
        start = end + 1;
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    int c, mode = 0, only_delimited = 0, status = 0;
    char delim = '\t';

    while ((c = getopt(argc, argv, "b:c:f:d:s")) != -1) {
        switch (c) {
        case 'b':
        case 'c':
        case 'f':
            mode = c;
            parse_list(optarg);
            break;
        case 'd':
            if (strlen(optarg) != 1) {
                fprintf(stderr, "cut: the delimiter must be a single character\n");
                return 1;
            }
            delim = optarg[0];
            break;
        case 's':
            only_delimited = 1;
            break;
        default:
            return 1;
        }
    }
    if (!mode) {
        fprintf(stderr, "usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]\n");
        return 1;
    }
    int nfiles = argc - optind;
    char *line = NULL;
    size_t cap = 0;
    for (int i = optind; i < argc || nfiles == 0; i++) {
        const char *name = nfiles ? argv[i] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
        if (!f) {
            fprintf(stderr, "cut: %s: %s\n", name, strerror(errno));
            status = 1;
            continue;
        }
        ssize_t n;
        while ((n = getline(&line, &cap, f)) > 0) {
            if (line[n - 1] == '\n')
                n--;
            if (mode == 'f')
                cut_fields(line, n, delim, only_delimited);
            else
                cut_chars(line, n);
        }
        if (f != stdin)
            fclose(f);
        if (nfiles == 0)
            break;
    }
    free(line);
    return fflush(stdout) == 0 ? status : 1;
}
