/*
 * dirent.c - reading directories with the getdents64 system call.
 *
 * getdents64 fills a buffer with variable-length records
 * (struct linux_dirent64 below); readdir hands them out one at a time,
 * refilling the buffer when it runs dry, and copies each into the DIR's
 * struct dirent so the caller always sees a complete, NUL-terminated name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

/* What the kernel writes (include/linux/dirent.h). */
struct linux_dirent64 {
    uint64_t       d_ino;
    int64_t        d_off;
    unsigned short d_reclen;    /* whole record, including the name */
    unsigned char  d_type;
    char           d_name[];    /* NUL-terminated */
};

#define DIRBUF_SIZE 4096

struct __DIR {
    int fd;
    size_t pos;                 /* next record in buf */
    size_t len;                 /* bytes of buf filled */
    struct dirent ent;          /* what readdir returns */
    _Alignas(8) char buf[DIRBUF_SIZE];
};

DIR *fdopendir(int fd)
{
    DIR *d = malloc(sizeof(*d));

    if (d == NULL)
        return NULL;
    d->fd = fd;
    d->pos = d->len = 0;
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d;

    if (fd < 0)
        return NULL;
    d = fdopendir(fd);
    if (d == NULL)
        close(fd);
    return d;
}

/* Returns the next entry, or NULL at the end (errno unchanged) or on error. */
struct dirent *readdir(DIR *d)
{
    struct linux_dirent64 *k;
    size_t namelen;

    if (d->pos >= d->len) {
        long n = SYSCALL3(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
        if (n <= 0)
            return NULL;
        d->len = n;
        d->pos = 0;
    }
    k = (struct linux_dirent64 *)(d->buf + d->pos);
    if (k->d_reclen < sizeof(*k) || k->d_reclen > d->len - d->pos) {
        errno = EIO;            /* a malformed record: stop, don't loop */
        return NULL;
    }
    d->pos += k->d_reclen;

    namelen = strnlen(k->d_name, sizeof(d->ent.d_name) - 1);
    d->ent.d_ino = k->d_ino;
    d->ent.d_off = k->d_off;
    d->ent.d_reclen = k->d_reclen;
    d->ent.d_type = k->d_type;
    memcpy(d->ent.d_name, k->d_name, namelen);
    d->ent.d_name[namelen] = '\0';
    return &d->ent;
}

int closedir(DIR *d)
{
    int r = close(d->fd);

    free(d);
    return r;
}

int dirfd(DIR *d)
{
    return d->fd;
}
