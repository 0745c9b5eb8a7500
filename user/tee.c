/*
 * tee: copy standard input to standard output and to each FILE.
 *   -a  append to the files instead of truncating them
 * A file that cannot be opened or written is reported and skipped; the
 * status is then 1, but the copying goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int write_all(int fd, const char *buf, long n)
{
    while (n > 0) {
        long w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w;
        n -= w;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, c;

    while ((c = getopt(argc, argv, "a")) != -1) {
        if (c != 'a')
            return 1;
        flags = O_WRONLY | O_CREAT | O_APPEND;
    }
    int n = argc - optind + 1;
    int *fds = malloc(n * sizeof *fds);
    char **names = argv + optind - 1;
    fds[0] = 1;
    for (int i = 1; i < n; i++) {
        fds[i] = open(names[i], flags, 0666);
        if (fds[i] < 0) {
            fprintf(stderr, "tee: %s: %s\n", names[i], strerror(errno));
            status = 1;
        }
    }
    char buf[4096];
    long r;
    while ((r = read(0, buf, sizeof buf)) != 0) {
        if (r < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "tee: read error: %s\n", strerror(errno));
            return 1;
        }
        for (int i = 0; i < n; i++) {
            if (fds[i] >= 0 && write_all(fds[i], buf, r) < 0) {
                fprintf(stderr, "tee: %s: %s\n", i ? names[i] : "standard output",
                        strerror(errno));
                fds[i] = -1;
                status = 1;
            }
        }
    }
    for (int i = 1; i < n; i++)
        if (fds[i] >= 0 && close(fds[i]) < 0)
            status = 1;
    return status;
}
