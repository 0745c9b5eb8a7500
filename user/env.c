/*
 * env: show the environment, or run a command in a changed one.
 *
 *   env                          print NAME=value, one per line
 *   env [-i] [-u NAME]... [NAME=value]... [COMMAND [ARG]...]
 *
 * -i starts from an empty environment, -u removes NAME, NAME=value sets
 * it; then COMMAND runs (found through $PATH) with the result, or the
 * result is printed.  Exit status: COMMAND's, or 125 if env itself
 * failed, 126 if COMMAND could not be run, 127 if it was not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void usage(void)
{
    fprintf(stderr, "usage: env [-i] [-u NAME]... [NAME=value]... [COMMAND [ARG]...]\n");
    exit(125);
}

int main(int argc, char **argv)
{
    int i = 1;
    static char *empty[] = { NULL };

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (!strcmp(argv[i], "-i")) {
            environ = empty;
        } else if (!strcmp(argv[i], "-u") && i + 1 < argc) {
            if (unsetenv(argv[++i]) < 0) {
                fprintf(stderr, "env: cannot unset '%s': %s\n", argv[i], strerror(errno));
                return 125;
            }
        } else {
            usage();
        }
    }
    if (i < argc && !strcmp(argv[i], "-")) {   /* the old spelling of -i */
        environ = empty;
        i++;
    }
    for (; i < argc && strchr(argv[i], '='); i++) {
        char *eq = strchr(argv[i], '=');
        *eq = '\0';
        int r = setenv(argv[i], eq + 1, 1);
        *eq = '=';
        if (r < 0) {
            fprintf(stderr, "env: cannot set '%s': %s\n", argv[i], strerror(errno));
            return 125;
        }
    }
    if (i == argc) {
        for (char **e = environ; *e; e++)
            printf("%s\n", *e);
        return fflush(stdout) == 0 ? 0 : 125;
    }
    execvp(argv[i], argv + i);
    int err = errno;
    fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(err));
    return err == ENOENT ? 127 : 126;
}
