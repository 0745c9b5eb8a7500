/*
 * date: print the date and time.
 *
 *   date [-u] [-d @SECONDS | -r FILE] [+FORMAT]
 *
 * FORMAT is strftime's (%Y-%m-%d %H:%M:%S ...); the default is
 * "%a %b %e %H:%M:%S %Z %Y" (Thu Jan  1 00:00:00 UTC 1970).  -d @N shows
 * time N (seconds since 1970, GNU's spelling), -r FILE the file's
 * modification time.  ipcos keeps UTC only, so -u changes nothing here;
 * it is accepted for scripts that also run elsewhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    time_t t = time(NULL);
    const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
    int c;

    while ((c = getopt(argc, argv, "ud:r:")) != -1) {
        if (c == 'd') {
            char *end;
            t = (time_t)strtol(optarg + 1, &end, 10);
            if (optarg[0] != '@' || end == optarg + 1 || *end) {
                fprintf(stderr, "date: invalid date '%s' (only @SECONDS is understood)\n", optarg);
                return 1;
            }
        } else if (c == 'r') {
            struct stat st;
            if (stat(optarg, &st) < 0) {
                fprintf(stderr, "date: %s: %s\n", optarg, strerror(errno));
                return 1;
            }
            t = st.st_mtime;
        } else if (c != 'u') {
            return 1;
        }
    }
    if (optind < argc) {
        if (argv[optind][0] != '+' || optind + 1 < argc) {
            fprintf(stderr, "date: setting the time is not supported\n");
            return 1;
        }
        fmt = argv[optind] + 1;
    }
    struct tm tm;
    char buf[1024];
    gmtime_r(&t, &tm);
    size_t n = strftime(buf, sizeof buf, fmt, &tm);
    if (n == 0 && *fmt) {
        fprintf(stderr, "date: the result is too long\n");
        return 1;
    }
    printf("%s\n", buf);
    return fflush(stdout) == 0 ? 0 : 1;
}
