/*
 * cp: copy files.
 *
 *   cp [-r] SOURCE DEST          copy SOURCE to DEST (or into DEST, a directory)
 *   cp [-r] SOURCE... DIRECTORY  copy each SOURCE into DIRECTORY
 *
 * A new file gets its source's permission bits.  Directories are copied
 * (with everything in them) only with -r (or -R).  Copying a file onto
 * itself is refused.  Status 1 if anything could not be copied.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int recursive;

static int copy_path(const char *src, const char *dst);

/* dir + "/" + name, malloc'ed. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    char *p = malloc(n + strlen(name) + 2);

    sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
    return p;
}

/* The last component of path ("a/b/" -> "b"). */
static char *base_name(const char *path)
{
    char *copy = strdup(path), *end = copy + strlen(copy);

    while (end > copy + 1 && end[-1] == '/')
        *--end = '\0';
    char *slash = strrchr(copy, '/');
    char *base = strdup(slash && slash[1] ? slash + 1 : copy);
    free(copy);
    return base;
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
    int in = open(src, O_RDONLY), out = -1, status = 1;
    char buf[8192];
    long n;

    if (in < 0) {
        fprintf(stderr, "cp: cannot open '%s' for reading: %s\n", src, strerror(errno));
        return 1;
    }
    if ((out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777)) < 0) {
        fprintf(stderr, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno));
        goto out;
    }
    while ((n = read(in, buf, sizeof buf)) > 0)
        for (long done = 0; done < n;) {
            long w = write(out, buf + done, n - done);
            if (w <= 0) {
                fprintf(stderr, "cp: error writing '%s': %s\n", dst, strerror(errno));
                goto out;
            }
            done += w;
        }
    if (n < 0)
        fprintf(stderr, "cp: error reading '%s': %s\n", src, strerror(errno));
    else
        status = 0;
out:
    close(in);
    if (out >= 0 && close(out) < 0)
        status = 1;
    return status;
}

static int copy_dir(const char *src, const char *dst, const struct stat *st)
{
    struct stat dst_st;
    int status = 0;

    if (stat(dst, &dst_st) < 0 && mkdir(dst, st->st_mode & 07777) < 0) {
        fprintf(stderr, "cp: cannot create directory '%s': %s\n", dst, strerror(errno));
        return 1;
    }
    DIR *d = opendir(src);
    struct dirent *e;
    if (!d) {
        fprintf(stderr, "cp: cannot open directory '%s': %s\n", src, strerror(errno));
        return 1;
    }
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *from = join(src, e->d_name), *to = join(dst, e->d_name);
        status |= copy_path(from, to);
        free(from);
        free(to);
    }
    closedir(d);
    return status;
}

/* Copy src to exactly the name dst. */
static int copy_path(const char *src, const char *dst)
{
    struct stat st, dst_st;

    if (stat(src, &st) < 0) {
        fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
        return 1;
    }
    if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
        fprintf(stderr, "cp: '%s' and '%s' are the same file\n", src, dst);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
            return 1;
        }
        return copy_dir(src, dst, &st);
    }
    return copy_file(src, dst, &st);
}

int main(int argc, char **argv)
{
    int c, status = 0;
    struct stat st;

    while ((c = getopt(argc, argv, "rR")) != -1) {
        if (c == '?')
            return 1;
        recursive = 1;
    }
    int n = argc - optind;
    if (n < 2) {
        fprintf(stderr, n ? "cp: missing destination file operand after '%s'\n"
                          : "cp: missing file operand%s\n", n ? argv[optind] : "");
        return 1;
    }
    const char *target = argv[argc - 1];
    int into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !into_dir) {
        fprintf(stderr, "cp: target '%s' is not a directory\n", target);
        return 1;
    }
    for (int i = optind; i < argc - 1; i++) {
        if (into_dir) {
            char *base = base_name(argv[i]), *dst = join(target, base);
            status |= copy_path(argv[i], dst);
            free(dst);
            free(base);
        } else {
            status |= copy_path(argv[i], target);
        }
    }
    return status;
}
