/*
 * tail: the last lines (or bytes) of each file.
 *
 *   tail [-n N | -n +N | -c N | -c +N | -N] [FILE...]
 *
 * N lines (default 10) from the end; +N starts at line (byte) N.  The
 * whole input is read into memory first, then the start is found by
 * counting newlines back from the end.  Several files get "==> NAME <=="
 * headers.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long count = 10;
static int bytes, from_start;   /* -c; +N */

/* All of f into a malloc'ed buffer; *len its size.  NULL on a read error. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 4096, n;
    char *buf = malloc(cap);

    *len = 0;
    while (buf && (n = fread(buf + *len, 1, cap - *len, f)) > 0) {
        *len += n;
        if (*len == cap)
            buf = realloc(buf, cap *= 2);
    }
    if (!buf || ferror(f)) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Where the output starts in buf[0..len). */
static size_t start_of(const char *buf, size_t len)
{
    if (from_start) {                   /* at byte N, or after N-1 newlines */
        size_t i = 0;
        if (bytes)
            i = count > 1 ? (size_t)count - 1 : 0;
        for (long lines = 1; !bytes && lines < count && i < len; i++)
            if (buf[i] == '\n')
                lines++;
        return i < len ? i : len;
    }
    if (count == 0)
        return len;
    if (bytes)
        return (size_t)count < len ? len - count : 0;
    /* back from the end: a last line without '\n' still counts as a line */
    size_t i = len;
    long lines = 0;
    if (i > 0 && buf[i - 1] == '\n')
        i--;
    for (; i > 0; i--)
        if (buf[i - 1] == '\n' && ++lines == count)
            return i;
    return 0;
}

/* "N" or "+N": sets count and from_start, or exits. */
static void parse_count(const char *s)
{
    char *end;

    from_start = *s == '+';
    if (*s == '+' || *s == '-')
        s++;
    count = strtol(s, &end, 10);
    if (!*s || *end || count < 0) {
        fprintf(stderr, "tail: invalid number: '%s'\n", s);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    int c, status = 0;

    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        parse_count(argv[1] + 1);               /* the old form: tail -5 */
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((c = getopt(argc, argv, "n:c:")) != -1) {
        if (c == '?')
            return 1;
        parse_count(optarg);
        bytes = c == 'c';
    }
    int nfiles = argc - optind, headers = 0;
    for (int i = optind; i < argc || nfiles == 0; i++) {
        const char *name = nfiles ? argv[i] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
        size_t len;
        char *buf;
        if (!f || !(buf = slurp(f, &len))) {
            fprintf(stderr, "tail: cannot read '%s': %s\n", name, strerror(errno));
            status = 1;
        } else {
            if (nfiles > 1)
                printf("%s==> %s <==\n", headers++ ? "\n" : "",
                       f == stdin ? "standard input" : name);
            size_t from = start_of(buf, len);
            fwrite(buf + from, 1, len - from, stdout);
            free(buf);
        }
        if (f && f != stdin)
            fclose(f);
        if (nfiles == 0)
            break;
    }
    return fflush(stdout) == 0 ? status : 1;
}
