/*
 * mkcpio: write a cpio archive ("newc" format, as the Linux kernel and
 * QEMU's -initrd loaders read it) of a directory tree to standard output.
 *
 *   mkcpio DIR > archive.cpio
 *
 * Every file, directory and symbolic link under DIR goes in, named by its
 * path relative to DIR ("bin/sh", no leading "./"), a directory before its
 * contents, names in sorted order.  Modes are kept; uid, gid and mtime are
 * 0 so the same tree always gives the same archive.  Inode numbers count
 * up from 1.  The archive ends with the "TRAILER!!!" entry.
 *
 * newc entry: "070701", then 13 fields of 8 hex digits (ino, mode, uid,
 * gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor,
 * namesize including the NUL, check = 0), the name, NUL, padding to a
 * multiple of 4 bytes, then the data, padded to a multiple of 4 too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static unsigned long next_ino = 1;
static unsigned long long written;     /* bytes written so far */

static void die(const char *what, const char *path)
{
    fprintf(stderr, "mkcpio: %s: %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void out(const void *buf, size_t n)
{
    if (fwrite(buf, 1, n, stdout) != n)
        die("write", "stdout");
    written += n;
}

static void pad4(void)
{
    static const char zeros[4];
    out(zeros, (4 - written % 4) % 4);
}

static void header(const char *name, unsigned long mode, unsigned long nlink,
                   unsigned long size)
{
    unsigned long fields[13] = {
        next_ino++, mode, 0, 0, nlink, 0, size, 0, 0, 0, 0,
        (unsigned long)strlen(name) + 1, 0
    };
    char hdr[6 + 13 * 8 + 1];

    if (size > 0xffffffffUL) {
        fprintf(stderr, "mkcpio: %s: too large for a newc archive\n", name);
        exit(1);
    }
    memcpy(hdr, "070701", 6);
    for (int i = 0; i < 13; i++)
        snprintf(hdr + 6 + 8 * i, 9, "%08X", (unsigned)(fields[i] & 0xffffffffUL));
    out(hdr, 110);
    out(name, strlen(name) + 1);
    pad4();
}

/* Copy a regular file's contents (exactly size bytes) into the archive. */
static void copy_file(const char *path, unsigned long size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die("open", path);
    char buf[65536];
    unsigned long done = 0;
    while (done < size) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0)
            die("read", path);
        if (n == 0) {
            fprintf(stderr, "mkcpio: %s: file shrank while archiving\n", path);
            exit(1);
        }
        if (done + n > size)
            n = size - done;
        out(buf, n);
        done += n;
    }
    close(fd);
    pad4();
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add everything inside the directory at path; rel is its archive name
   ("" for the top). */
static void add_dir(const char *path, const char *rel)
{
    DIR *d = opendir(path);
    if (!d)
        die("opendir", path);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        if (!names || !(names[n] = strdup(e->d_name))) {
            fprintf(stderr, "mkcpio: out of memory\n");
            exit(1);
        }
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);

    for (size_t i = 0; i < n; i++) {
        size_t plen = strlen(path) + strlen(names[i]) + 2;
        size_t rlen = strlen(rel) + strlen(names[i]) + 2;
        char *full = malloc(plen), *name = malloc(rlen);
        if (!full || !name) {
            fprintf(stderr, "mkcpio: out of memory\n");
            exit(1);
        }
        snprintf(full, plen, "%s/%s", path, names[i]);
        snprintf(name, rlen, "%s%s%s", rel, *rel ? "/" : "", names[i]);

        struct stat st;
        if (lstat(full, &st) < 0)
            die("lstat", full);
        if (S_ISDIR(st.st_mode)) {
            header(name, st.st_mode, 2, 0);
            add_dir(full, name);
        } else if (S_ISREG(st.st_mode)) {
            header(name, st.st_mode, 1, (unsigned long)st.st_size);
            copy_file(full, (unsigned long)st.st_size);
        } else if (S_ISLNK(st.st_mode)) {
            char target[4096];
            ssize_t len = readlink(full, target, sizeof target);
            if (len < 0)
                die("readlink", full);
            header(name, st.st_mode, 1, (unsigned long)len);
            out(target, len);
            pad4();
        } else {
            fprintf(stderr, "mkcpio: %s: not a file, directory or link; skipped\n", full);
        }
        free(full);
        free(name);
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkcpio DIR > archive.cpio\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) < 0)
        die("stat", argv[1]);
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mkcpio: %s: not a directory\n", argv[1]);
        return 2;
    }
    add_dir(argv[1], "");
    next_ino = 0;
    header("TRAILER!!!", 0, 1, 0);
    if (fflush(stdout) != 0)
        die("write", "stdout");
    return 0;
}
