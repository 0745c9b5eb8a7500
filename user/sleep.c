/*
 * sleep: wait for the given number of seconds (fractions allowed: 0.5).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sleep SECONDS\n");
        return 1;
    }
    char *end;
    long whole = strtol(argv[1], &end, 10);
    long nsec = 0;
    if (*end == '.') {
        long scale = 100000000;
        for (end++; *end >= '0' && *end <= '9'; end++, scale /= 10)
            nsec += (*end - '0') * scale;
    }
    if (*end || whole < 0) {
        fprintf(stderr, "sleep: invalid time '%s'\n", argv[1]);
        return 1;
    }
    struct timespec t = { whole, nsec };
    while (nanosleep(&t, &t) < 0)
        ;
    return 0;
}
