/*
 * touch: set the access and modification times of files to now (or to
 * another time), creating files that do not exist.
 *
 *   touch [-a] [-m] [-c] [-d @SECONDS | -r REFERENCE] FILE...
 *
 * -a changes only the access time, -m only the modification time; -c
 * does not create missing files; -d @N uses time N (seconds since 1970,
 * GNU's spelling), -r the times of REFERENCE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    int c, no_create = 0, only_a = 0, only_m = 0, status = 0;
    struct stat ref;
    char *end;

    while ((c = getopt(argc, argv, "acmd:r:")) != -1) {
        switch (c) {
        case 'a': only_a = 1; break;
        case 'm': only_m = 1; break;
        case 'c': no_create = 1; break;
        case 'd':
            times[0].tv_sec = strtol(optarg + 1, &end, 10);
            if (optarg[0] != '@' || end == optarg + 1 || *end) {
                fprintf(stderr, "touch: invalid date '%s' (only @SECONDS is understood)\n", optarg);
                return 1;
            }
            times[0].tv_nsec = 0;
            times[1] = times[0];
            break;
        case 'r':
            if (stat(optarg, &ref) < 0) {
                fprintf(stderr, "touch: failed to get attributes of '%s': %s\n", optarg,
                        strerror(errno));
                return 1;
            }
            times[0] = ref.st_atim;
            times[1] = ref.st_mtim;
            break;
        default:
            return 1;
        }
    }
    if (only_a && !only_m)
        times[1].tv_nsec = UTIME_OMIT;
    if (only_m && !only_a)
        times[0].tv_nsec = UTIME_OMIT;
    if (optind >= argc) {
        fprintf(stderr, "touch: missing file operand\n");
        return 1;
    }
    for (int i = optind; i < argc; i++) {
        if (!no_create) {
            int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
            if (fd < 0 && errno != EISDIR) {
                fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno));
                status = 1;
                continue;
            }
            if (fd >= 0)
                close(fd);
        }
        if (utimensat(AT_FDCWD, argv[i], times, 0) < 0 && !(no_create && errno == ENOENT)) {
            fprintf(stderr, "touch: setting times of '%s': %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
