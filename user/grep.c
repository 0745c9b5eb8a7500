/*
 * grep: print the lines that match a pattern.
 *
 *   grep [-EFcHhilnqsvx] [-e PATTERN]... [PATTERN] [FILE...]
 *
 * PATTERN is a basic regular expression (user/grep/regex.c); -E makes it
 * extended, -F a fixed string.  Several patterns (-e, or lines of one
 * pattern) match if any does.
 *   -i ignore case        -v print the lines that do NOT match
 *   -c count lines        -n number lines          -x match whole lines
 *   -l list file names    -q quiet: only the status
 *   -H / -h  always / never prefix lines with the file name (the default
 *            is to prefix when there are several files)
 *   -s do not report files that cannot be read
 * Status: 0 if a line was selected, 1 if none, 2 on an error (a bad
 * pattern, a file that cannot be read) -- but -q with a match is 0.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "grep/regex.h"

static int invert, count_only, number, quiet, list_files, no_messages, fixed, extended;
static int icase, whole_line, with_name = -1;

static struct regex *res;       /* the compiled patterns */
static char **fixed_pats;       /* -F: the strings */
static int npats;

static void add_pattern(const char *text)
{
    /* a pattern with newlines is several patterns */
    const char *p = text;
    do {
        size_t len = strcspn(p, "\n");
        fixed_pats = realloc(fixed_pats, (npats + 1) * sizeof *fixed_pats);
        fixed_pats[npats] = strndup(p, len);
        npats++;
        p += len;
    } while (*p++);
}

/* Case-insensitive (with -i) search for needle in line[0..len). */
static int find_fixed(const char *line, int len, const char *needle)
{
    int n = (int)strlen(needle);

    if (whole_line)
        return n == len && (icase ? !strncasecmp(line, needle, n) : !memcmp(line, needle, n));
    for (int i = 0; i + n <= len; i++) {
        int k = 0;
        while (k < n && (icase ? tolower((unsigned char)line[i + k]) == tolower((unsigned char)needle[k])
                               : line[i + k] == needle[k]))
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int matches(const char *line, int len)
{
    for (int i = 0; i < npats; i++)
        if (fixed ? find_fixed(line, len, fixed_pats[i]) : regex_match(&res[i], line, len))
            return 1;
    return 0;
}

/* Search one file; returns how many lines were selected. */
static long grep_file(FILE *f, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long selected = 0, lineno = 0;

    while ((n = getline(&line, &cap, f)) > 0) {
        int len = (int)n - (line[n - 1] == '\n');
        lineno++;
        if (matches(line, len) == invert)
            continue;
        selected++;
        if (quiet)
            exit(0);
        if (list_files)
            break;
        if (count_only)
            continue;
        if (with_name)
            printf("%s:", name);
        if (number)
            printf("%ld:", lineno);
        fwrite(line, 1, len, stdout);
        putchar('\n');
    }
    free(line);
    return selected;
}

/* Search one named file ("-": standard input) and print what -c or -l want; 0, 1 or 2. */
static int search(const char *name)
{
    FILE *f = strcmp(name, "-") ? fopen(name, "r") : stdin;
    const char *shown = f == stdin ? "(standard input)" : name;

    if (!f) {
        if (!no_messages)
            fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
        return 2;
    }
    long n = grep_file(f, shown);
    if (count_only && !list_files) {
        if (with_name)
            printf("%s:", shown);
        printf("%ld\n", n);
    }
    if (list_files && n > 0)
        printf("%s\n", shown);
    if (f != stdin)
        fclose(f);
    return n > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int c, status = 1, errors = 0;

    while ((c = getopt(argc, argv, "EFcHhilnqsvxe:")) != -1) {
        switch (c) {
        case 'E': extended = 1; break;
        case 'F': fixed = 1; break;
        case 'c': count_only = 1; break;
        case 'H': with_name = 1; break;
        case 'h': with_name = 0; break;
        case 'i': icase = 1; break;
        case 'l': list_files = 1; break;
        case 'n': number = 1; break;
        case 'q': quiet = 1; break;
        case 's': no_messages = 1; break;
        case 'v': invert = 1; break;
        case 'x': whole_line = 1; break;
        case 'e': add_pattern(optarg); break;
        default: return 2;
        }
    }
    if (npats == 0) {
        if (optind >= argc) {
            fprintf(stderr, "usage: grep [-EFcHhilnqsvx] [-e PATTERN]... [PATTERN] [FILE...]\n");
            return 2;
        }
        add_pattern(argv[optind++]);
    }
    res = calloc(npats, sizeof *res);
    for (int i = 0; !fixed && i < npats; i++) {
        char err[100];
        res[i].icase = icase;
        res[i].whole_line = whole_line;
        if (regex_compile(&res[i], fixed_pats[i], extended, err, sizeof err) < 0) {
            fprintf(stderr, "grep: %s: %s\n", fixed_pats[i], err);
            return 2;
        }
    }
    int nfiles = argc - optind;
    if (with_name < 0)
        with_name = nfiles > 1;
    for (int i = optind; i < argc || nfiles == 0; i++) {
        int r = search(nfiles ? argv[i] : "-");
        if (r == 0)
            status = 0;
        if (r == 2)
            errors = 1;
        if (nfiles == 0)
            break;
    }
    if (fflush(stdout) != 0)
        return 2;
    return errors ? 2 : status;
}
