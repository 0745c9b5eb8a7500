/*
 * ln: make links.
 *
 *   ln [-s] [-f] TARGET LINK        LINK becomes another name of TARGET
 *   ln [-s] [-f] TARGET... DIR      a link in DIR for each TARGET
 *   ln [-s] [-f] TARGET             a link in the current directory
 *
 * -s makes symbolic links (the TARGET text is stored as it is: it is
 * resolved from the link's directory when used); without -s, hard links
 * (not to directories).  -f removes an existing LINK first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int symbolic, force;

static int make_link(const char *target, const char *link_name)
{
    if (force && unlink(link_name) < 0 && errno != ENOENT) {
        fprintf(stderr, "ln: cannot remove '%s': %s\n", link_name, strerror(errno));
        return 1;
    }
    if ((symbolic ? symlink(target, link_name) : link(target, link_name)) < 0) {
        fprintf(stderr, "ln: failed to create %s link '%s'%s%s: %s\n", symbolic ? "symbolic" : "hard",
                link_name, symbolic ? " -> '" : "", symbolic ? target : "", strerror(errno));
        return 1;
    }
    return 0;
}

/* dir + "/" + the last component of target, malloc'ed. */
static char *in_dir(const char *dir, const char *target)
{
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char *path = malloc(strlen(dir) + strlen(base) + 2);

    sprintf(path, "%s/%s", dir, base);
    return path;
}

int main(int argc, char **argv)
{
    int c, status = 0;
    struct stat st;

    while ((c = getopt(argc, argv, "sf")) != -1) {
        if (c == '?')
            return 1;
        symbolic |= c == 's';
        force |= c == 'f';
    }
    int n = argc - optind;
    if (n < 1) {
        fprintf(stderr, "ln: missing file operand\n");
        return 1;
    }
    if (n == 1) {
        char *name = in_dir(".", argv[optind]);
        status = make_link(argv[optind], name);
        free(name);
        return status;
    }
    const char *last = argv[argc - 1];
    int into_dir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !into_dir) {
        fprintf(stderr, "ln: target '%s' is not a directory\n", last);
        return 1;
    }
    if (!into_dir)
        return make_link(argv[optind], last);
    for (int i = optind; i < argc - 1; i++) {
        char *name = in_dir(last, argv[i]);
        status |= make_link(argv[i], name);
        free(name);
    }
    return status;
}
