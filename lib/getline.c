/*
 * getline.c - getline() and getdelim(): read a whole line, however long,
 * into a buffer the caller owns and the library grows with realloc.
 *
 * Returns the number of bytes read (the delimiter included, if there was
 * one; not counting the NUL added after it), or -1 at end of input or on
 * an error (errno says which: ENOMEM, EINVAL, or the read's error).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
    size_t len = 0;
    int c;

    if (line == NULL || cap == NULL) {
        errno = EINVAL;
        return -1;
    }
    if (*line == NULL)
        *cap = 0;
    while ((c = fgetc(f)) != EOF) {
        if (len + 2 > *cap) {
            size_t ncap = *cap ? *cap * 2 : 128;
            char *p = realloc(*line, ncap);
            if (p == NULL)
                return -1;      /* errno is ENOMEM */
            *line = p;
            *cap = ncap;
        }
        (*line)[len++] = (char)c;
        if (c == delim)
            break;
    }
    if (len == 0)
        return -1;
    (*line)[len] = '\0';
    return (ssize_t)len;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
    return getdelim(line, cap, '\n', f);
}
