/*
 * ls: list directories (sorted, without names starting with '.' unless
 * -a) and name files (-d: directories too, not their contents).  -l adds each entry's mode and size, and where a
 * symbolic link points:
 *
 *   drwxr-xr-x        0 bin
 *   lrwxrwxrwx        3 sh -> ash
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int long_format, show_all, dirs_as_files;

static void mode_string(mode_t m, char out[11])
{
    out[0] = S_ISDIR(m) ? 'd' : S_ISFIFO(m) ? 'p' : S_ISCHR(m) ? 'c' :
             S_ISLNK(m) ? 'l' : S_ISBLK(m) ? 'b' : '-';
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        out[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
    /* set-user-ID, set-group-ID, sticky: s/t over x, S/T where x is off */
    if (m & S_ISUID)
        out[3] = out[3] == 'x' ? 's' : 'S';
    if (m & S_ISGID)
        out[6] = out[6] == 'x' ? 's' : 'S';
    if (m & S_ISVTX)
        out[9] = out[9] == 'x' ? 't' : 'T';
    out[10] = '\0';
}

/* Print one entry; path is where to stat it, name what to show. */
static int show(const char *path, const char *name)
{
    if (!long_format) {
        printf("%s\n", name);
        return 0;
    }
    struct stat st;
    if (lstat(path, &st) < 0) {
        fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
        return 1;
    }
    char mode[11], target[256] = "";
    mode_string(st.st_mode, mode);
    if (S_ISLNK(st.st_mode)) {
        long n = readlink(path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
    }
    printf("%s %8ld %s%s%s\n", mode, (long)st.st_size, name, *target ? " -> " : "", target);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char **names = NULL;
    int n = 0, status = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && !show_all)
            continue;
        char **more = realloc(names, (n + 1) * sizeof *names);
        char *copy = strdup(e->d_name);
        if (!more || !copy) {
            fprintf(stderr, "ls: out of memory\n");
            exit(1);
        }
        names = more;
        names[n++] = copy;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        status |= show(path, names[i]);
        free(names[i]);
    }
    free(names);
    return status;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                long_format = 1;
            else if (*o == 'a')
                show_all = 1;
            else if (*o == 'd')
                dirs_as_files = 1;
            else {
                fprintf(stderr, "usage: ls [-lad] [PATH...]\n");
                return 1;
            }
        }
    }
    if (i == argc)
        return dirs_as_files ? show(".", ".") : list_dir(".");

    int status = 0, many = argc - i > 1;
    for (int first = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
            status = 2;         /* GNU's status for an operand it cannot reach */
            continue;
        }
        if (!S_ISDIR(st.st_mode) || dirs_as_files) {
            status |= show(argv[i], argv[i]);
            continue;
        }
        if (many)
            printf("%s%s:\n", first ? "" : "\n", argv[i]);
        first = 0;
        status |= list_dir(argv[i]);
    }
    return status;
}
