/*
 * getopt.c - POSIX getopt(): the option letters of a command line.
 *
 * optstring lists the letters; "x:" means -x takes an argument (-xARG or
 * -x ARG).  Options may be grouped (-abc).  Scanning stops at the first
 * argument that is not an option, at "-" (an operand), or after "--".
 * An unknown letter or a missing argument prints a message (unless
 * opterr is 0 or optstring starts with ':') and returns '?' (or ':' for a
 * missing argument when optstring starts with ':'), with optopt set.
 * Unlike GNU's, it never reorders argv: options come first (a leading
 * '+' in optstring, GNU's way to ask for that, is accepted).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static int next_char = 1;       /* position inside a group like -abc */

int getopt(int argc, char *const argv[], const char *optstring)
{
    if (optstring[0] == '+')    /* GNU's "do not reorder": what we always do */
        optstring++;
    int quiet = optstring[0] == ':';

    if (optind == 0) {          /* optind = 0 restarts, as in glibc */
        optind = 1;
        next_char = 1;
    }
    if (next_char == 1) {
        if (optind >= argc || argv[optind][0] != '-' || argv[optind][1] == '\0')
            return -1;
        if (strcmp(argv[optind], "--") == 0) {
            optind++;
            return -1;
        }
    }
    const char *arg = argv[optind];
    int c = (unsigned char)arg[next_char++];
    const char *spec = c != ':' ? strchr(optstring + quiet, c) : NULL;
    int last = arg[next_char] == '\0';

    optopt = c;
    if (spec == NULL) {
        if (opterr && !quiet)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        if (last) {
            optind++;
            next_char = 1;
        }
        return '?';
    }
    if (spec[1] != ':') {
        if (last) {
            optind++;
            next_char = 1;
        }
        return c;
    }
    /* an argument: the rest of this word, or the next word */
    int rest = next_char;
    optind++;
    next_char = 1;
    if (!last) {
        optarg = (char *)arg + rest;
        return c;
    }
    if (optind >= argc) {
        if (opterr && !quiet)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        return quiet ? ':' : '?';
    }
    optarg = argv[optind++];
    return c;
}
