/*
 * which: where the shell would find each command.
 *
 *   which [-a] NAME...
 *
 * Prints the first file called NAME in the directories of $PATH that is
 * a regular file the caller may execute (-a: every one).  A NAME with a
 * '/' is checked as it is.  Status 0 if every NAME was found, else 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int executable(const char *path)
{
    struct stat st;

    if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
        return 0;
    if (geteuid() == 0)
        return (st.st_mode & 0111) != 0;
    if (st.st_uid == geteuid())
        return (st.st_mode & 0100) != 0;
    if (st.st_gid == getegid())
        return (st.st_mode & 0010) != 0;
    return (st.st_mode & 0001) != 0;
}

/* Print where name is; returns 1 if it was found. */
static int which(const char *name, int all)
{
    const char *path = getenv("PATH");
    int found = 0;

    if (strchr(name, '/')) {
        if (executable(name))
            printf("%s\n", name);
        return executable(name);
    }
    if (!path)
        path = "/bin";
    for (;;) {
        size_t n = strcspn(path, ":");
        char full[1024];
        snprintf(full, sizeof full, "%.*s%s%s", (int)n, n ? path : ".", "/", name);
        if (executable(full)) {
            printf("%s\n", full);
            found = 1;
            if (!all)
                break;
        }
        if (!path[n])
            break;
        path += n + 1;
    }
    return found;
}

int main(int argc, char **argv)
{
    int all = 0, status = 0, c;

    while ((c = getopt(argc, argv, "a")) != -1) {
        if (c != 'a')
            return 2;
        all = 1;
    }
    for (int i = optind; i < argc; i++)
        if (!which(argv[i], all))
            status = 1;
    return status;
}
