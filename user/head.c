/*
 * head: the first lines (or bytes) of each file.
 *
 *   head [-n N | -c N | -N] [FILE...]     N lines (default 10), or N bytes
 *
 * With several files each gets a "==> NAME <==" header, as in GNU head.
 * "-" or no FILE is standard input.  Status 1 if a file could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long count = 10;
static int bytes;           /* -c: count bytes, not lines */

static int head(FILE *f)
{
    long left = count;
    int c;

    while (left > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        if (bytes || c == '\n')
            left--;
    }
    return ferror(f) ? -1 : 0;
}

/* A count: digits only.  Exits with a message if it is not one. */
static long number(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < 0) {
        fprintf(stderr, "head: invalid number: '%s'\n", s);
        exit(1);
    }
    return v;
}

int main(int argc, char **argv)
{
    int c, status = 0;

    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        count = number(argv[1] + 1);            /* the old form: head -5 */
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((c = getopt(argc, argv, "n:c:")) != -1) {
        if (c == '?')
            return 1;
        count = number(optarg);
        bytes = c == 'c';
    }
    int nfiles = argc - optind, headers = 0;
    for (int i = optind; i < argc || nfiles == 0; i++) {
        const char *name = nfiles ? argv[i] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
        if (!f) {
            fprintf(stderr, "head: cannot open '%s' for reading: %s\n", name, strerror(errno));
            status = 1;
            continue;
        }
        if (nfiles > 1)
            printf("%s==> %s <==\n", headers++ ? "\n" : "",
                   f == stdin ? "standard input" : name);
        if (head(f) < 0) {
            fprintf(stderr, "head: error reading '%s'\n", name);
            status = 1;
        }
        if (f != stdin)
            fclose(f);
        if (nfiles == 0)
            break;
    }
    return fflush(stdout) == 0 ? status : 1;
}
