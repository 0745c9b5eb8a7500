/*
 * dirent.h - reading directories (lib/dirent.c, on getdents64).
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

/* d_type values (Linux's) */
#define DT_UNKNOWN  0
#define DT_FIFO     1
#define DT_CHR      2
#define DT_DIR      4
#define DT_BLK      6
#define DT_REG      8
#define DT_LNK      10
#define DT_SOCK     12
#define DT_WHT      14

struct dirent {
    ino_t          d_ino;       /* inode number */
    off_t          d_off;       /* position of the next entry */
    unsigned short d_reclen;    /* size of this record */
    unsigned char  d_type;      /* DT_* */
    char           d_name[256]; /* NUL-terminated name */
};

typedef struct __DIR DIR;

DIR           *opendir(const char *path);
DIR           *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
int            closedir(DIR *dir);
int            dirfd(DIR *dir);

#endif /* _DIRENT_H */
