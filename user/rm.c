/*
 * rm: remove files.  -r removes directories and everything in them;
 * -f ignores names that do not exist.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive, force;

static int remove_path(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (unlink(path) < 0) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return 1;
        }
        return 0;
    }
    if (!recursive) {
        fprintf(stderr, "rm: %s: is a directory\n", path);
        return 1;
    }

    /* Remove the contents first.  Collect the names before removing any,
       so that removing does not disturb the directory being read. */
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char **names = NULL;
    int n = 0, status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names || !names[n]) {
            fprintf(stderr, "rm: out of memory\n");
            exit(1);
        }
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    for (int i = 0; i < n; i++) {
        status |= remove_path(names[i]);
        free(names[i]);
    }
    free(names);
    if (rmdir(path) < 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return status;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'r' || *o == 'R')
                recursive = 1;
            else if (*o == 'f')
                force = 1;
            else {
                fprintf(stderr, "usage: rm [-rf] FILE...\n");
                return 1;
            }
        }
    }
    if (i >= argc && !force) {
        fprintf(stderr, "usage: rm [-rf] FILE...\n");
        return 1;
    }
    int status = 0;
    for (; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
