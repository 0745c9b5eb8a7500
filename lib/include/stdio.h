/*
 * stdio.h - buffered streams and formatted output.
 *
 * A FILE wraps one file descriptor and a buffer (lib/stdio.c).  stdout
 * is line-buffered, stderr unbuffered, other streams fully buffered.
 * printf understands d i u x X o s c p n f F % with the flags - 0 + space #,
 * width and precision (also as *), and the length modifiers hh h l ll z t j.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>             /* size_t, NULL */
#include <sys/types.h>          /* ssize_t, off_t */

typedef struct __FILE FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;

#define EOF     (-1)
#define BUFSIZ  1024

#define _IOFBF  0               /* fully buffered */
#define _IOLBF  1               /* line buffered */
#define _IONBF  2               /* unbuffered */

#ifndef SEEK_SET
#define SEEK_SET        0
#define SEEK_CUR        1
#define SEEK_END        2
#endif

/* Streams */
FILE  *fopen(const char *path, const char *mode);
FILE  *fdopen(int fd, const char *mode);
int    fclose(FILE *f);
int    fflush(FILE *f);
int    setvbuf(FILE *f, char *buf, int mode, size_t size);
void   setbuf(FILE *f, char *buf);
int    fileno(FILE *f);
int    feof(FILE *f);
int    ferror(FILE *f);
void   clearerr(FILE *f);
int    fseek(FILE *f, long offset, int whence);
long   ftell(FILE *f);
void   rewind(FILE *f);

/* Renaming (lib/link.c; RENAME_* are renameat2's flags) */
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE  2
#define RENAME_WHITEOUT  4
int    rename(const char *oldpath, const char *newpath);
int    renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
int    renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath,
                 unsigned int flags);

/* Characters and lines */
int    fgetc(FILE *f);
int    getc(FILE *f);
int    getchar(void);
int    ungetc(int c, FILE *f);
char  *fgets(char *s, int size, FILE *f);
ssize_t getline(char **line, size_t *cap, FILE *f);                 /* lib/getline.c */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f);
int    fputc(int c, FILE *f);
int    putc(int c, FILE *f);
int    putchar(int c);
int    fputs(const char *s, FILE *f);
int    puts(const char *s);
size_t fread(void *buf, size_t size, size_t n, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
void   perror(const char *s);

/* Formatted output */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, __builtin_va_list ap);
int vfprintf(FILE *f, const char *fmt, __builtin_va_list ap);
int vdprintf(int fd, const char *fmt, __builtin_va_list ap);
int vsprintf(char *buf, const char *fmt, __builtin_va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, __builtin_va_list ap);

#endif /* _STDIO_H */
