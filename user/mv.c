/*
 * mv: move (rename) files.
 *
 *   mv SOURCE DEST          rename SOURCE to DEST (or move it into DEST, a directory)
 *   mv SOURCE... DIRECTORY  move each SOURCE into DIRECTORY
 *
 * Each move is one rename(): an existing DEST file is replaced, and a
 * directory moves with everything in it.  ipcos has one filesystem (and
 * /proc, which cannot be moved into), so there is no copying.  -f is
 * accepted (mv never asks anyway).  Status 1 if a move failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* target + "/" + the last component of src, malloc'ed. */
static char *into(const char *target, const char *src)
{
    char *copy = strdup(src), *end = copy + strlen(copy);

    while (end > copy + 1 && end[-1] == '/')
        *--end = '\0';
    char *slash = strrchr(copy, '/'), *base = slash && slash[1] ? slash + 1 : copy;
    char *path = malloc(strlen(target) + strlen(base) + 2);
    sprintf(path, "%s%s%s", target, target[strlen(target) - 1] == '/' ? "" : "/", base);
    free(copy);
    return path;
}

int main(int argc, char **argv)
{
    int c, status = 0;
    struct stat st;

    while ((c = getopt(argc, argv, "f")) != -1)
        if (c == '?')
            return 1;
    int n = argc - optind;
    if (n < 2) {
        fprintf(stderr, "mv: missing %s operand\n", n ? "destination file" : "file");
        return 1;
    }
    const char *target = argv[argc - 1];
    int into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !into_dir) {
        fprintf(stderr, "mv: target '%s' is not a directory\n", target);
        return 1;
    }
    for (int i = optind; i < argc - 1; i++) {
        char *dst = into_dir ? into(target, argv[i]) : strdup(target);
        if (rename(argv[i], dst) < 0) {
            fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], dst, strerror(errno));
            status = 1;
        }
        free(dst);
    }
    return status;
}
