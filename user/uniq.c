/*
 * uniq: drop repeated adjacent lines.
 *
 *   uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]
 *
 * -c prefixes each line with how many times it occurred in a row; -d
 * prints only lines that were repeated, -u only those that were not; -i
 * compares ignoring case.  (Sort first to count across the whole input.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int show_count, only_dups, only_unique, fold_case;

static void emit(const char *line, long count, FILE *out)
{
    if ((only_dups && count < 2) || (only_unique && count > 1))
        return;
    if (show_count)
        fprintf(out, "%7ld %s", count, line);
    else
        fputs(line, out);
}

static int same(const char *a, const char *b)
{
    size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

    if (la != lb)
        return 0;
    return fold_case ? strncasecmp(a, b, la) == 0 : strncmp(a, b, la) == 0;
}

int main(int argc, char **argv)
{
    int c;

    while ((c = getopt(argc, argv, "cdui")) != -1) {
        show_count |= c == 'c';
        only_dups |= c == 'd';
        only_unique |= c == 'u';
        fold_case |= c == 'i';
        if (c == '?')
            return 1;
    }
    FILE *in = stdin, *out = stdout;
    if (optind < argc && strcmp(argv[optind], "-") && !(in = fopen(argv[optind], "r"))) {
        fprintf(stderr, "uniq: %s: %s\n", argv[optind], strerror(errno));
        return 1;
    }
    if (optind + 1 < argc && !(out = fopen(argv[optind + 1], "w"))) {
        fprintf(stderr, "uniq: %s: %s\n", argv[optind + 1], strerror(errno));
        return 1;
    }
    char *prev = NULL, *line = NULL;
    size_t prev_cap = 0, cap = 0;
    long count = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) > 0) {
        if (line[n - 1] != '\n') {          /* the last line may lack its newline */
            if ((size_t)n + 2 > cap)
                line = realloc(line, cap = n + 2);
            strcpy(line + n, "\n");
        }
        if (count > 0 && same(prev, line)) {
            count++;
            continue;
        }
        if (count > 0)
            emit(prev, count, out);
        char *t = prev;                     /* keep this line: swap the buffers */
        prev = line;
        line = t;
        size_t tc = prev_cap;
        prev_cap = cap;
        cap = tc;
        count = 1;
    }
    if (count > 0)
        emit(prev, count, out);
    free(prev);
    free(line);
    return fflush(out) == 0 && !ferror(in) ? 0 : 1;
}
