/*
 * stdio.c - buffered streams (FILE) on top of file descriptors.
 *
 * A FILE has one buffer, used for either input or output at a time:
 *   output: buf[0..wlen) waits to be written.  A fully buffered stream
 *           writes when the buffer fills; a line-buffered one (stdout) also
 *           after each '\n'; an unbuffered one (stderr) writes at once.
 *   input:  buf[rpos..rlen) has been read but not yet handed out.
 *           (An unbuffered input stream reads one byte at a time, into
 *           `one`.)
 * Switching direction first writes pending output, or gives back unread
 * input (by seeking back, which only works on files).
 *
 * Every stream is on one list so that fflush(NULL) and exit() can flush
 * them all.  Errors and end of file are sticky until clearerr().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

#define F_READ  1               /* opened for reading */
#define F_WRITE 2               /* opened for writing */
#define F_EOF   4               /* end of file seen */
#define F_ERR   8               /* an I/O error happened */

struct __FILE {
    int fd;
    int flags;                  /* F_* */
    int mode;                   /* _IOFBF, _IOLBF or _IONBF */
    unsigned char *buf;
    size_t size;                /* bytes in buf (0: no buffer yet) */
    size_t wlen;                /* output waiting in buf[0..wlen) */
    size_t rpos, rlen;          /* input ready in buf[rpos..rlen) */
    int ungot;                  /* a byte pushed back by ungetc, or EOF */
    int owns_buf;               /* buf came from malloc */
    unsigned char one;          /* the input buffer of an unbuffered stream */
    FILE *next;                 /* list of all streams */
};

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static FILE std_files[3] = {
    { .fd = 0, .flags = F_READ, .mode = _IOFBF, .buf = stdin_buf,
      .size = BUFSIZ, .ungot = EOF, .next = &std_files[1] },
    { .fd = 1, .flags = F_WRITE, .mode = _IOLBF, .buf = stdout_buf,
      .size = BUFSIZ, .ungot = EOF, .next = &std_files[2] },
    { .fd = 2, .flags = F_WRITE, .mode = _IONBF, .ungot = EOF },
};

FILE *stdin = &std_files[0];
FILE *stdout = &std_files[1];
FILE *stderr = &std_files[2];

static FILE *all_files = &std_files[0];

/* ---- the descriptor side ---- */

static int write_all(FILE *f, const void *p, size_t n)
{
    const char *s = p;

    while (n > 0) {
        ssize_t r = write(f->fd, s, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            f->flags |= F_ERR;
            return -1;
        }
        s += r;
        n -= r;
    }
    return 0;
}

static int flush_output(FILE *f)
{
    size_t n = f->wlen;

    f->wlen = 0;
    return write_all(f, f->buf, n);
}

/* Forget unread input; on a file, seek back to where the reader is. */
static void drop_input(FILE *f)
{
    off_t unread = (off_t)(f->rlen - f->rpos) + (f->ungot != EOF);

    if (unread > 0)
        lseek(f->fd, -unread, SEEK_CUR);        /* fails on pipes: fine */
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
}

/*
 * Read up to n bytes from f's descriptor.  Before waiting for input we
 * write out f's own pending output and stdout's, so a prompt printed
 * without a newline is visible.  Returns the count, or 0 at EOF/error.
 */
static size_t read_some(FILE *f, void *dst, size_t n)
{
    ssize_t r;

    if (!(f->flags & F_READ)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return 0;
    }
    if (f->flags & F_EOF)
        return 0;
    if (f->wlen > 0 && flush_output(f) < 0)
        return 0;
    if (stdout->wlen > 0 && stdout->mode != _IOFBF)
        flush_output(stdout);
    do {
        r = read(f->fd, dst, n);
    } while (r < 0 && errno == EINTR);
    if (r < 0)
        f->flags |= F_ERR;
    else if (r == 0)
        f->flags |= F_EOF;
    return r > 0 ? (size_t)r : 0;
}

static unsigned char *input_buffer(FILE *f, size_t *size)
{
    if (f->mode == _IONBF || f->size == 0) {
        *size = 1;
        return &f->one;
    }
    *size = f->size;
    return f->buf;
}

/* Refill the input buffer; 0 if there is nothing more to read. */
static size_t refill(FILE *f)
{
    size_t size;
    unsigned char *buf = input_buffer(f, &size);

    f->rpos = 0;
    f->rlen = read_some(f, buf, size);
    return f->rlen;
}

/* ---- output ---- */

/* Queue or write n bytes; returns how many were accepted. */
static size_t put_bytes(FILE *f, const void *p, size_t n)
{
    if (!(f->flags & F_WRITE)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return 0;
    }
    if (f->rlen > f->rpos || f->ungot != EOF)
        drop_input(f);
    f->rpos = f->rlen = 0;      /* the buffer is ours for output now */

    /* Unbuffered, or too big to be worth copying: write it directly. */
    if (f->mode == _IONBF || f->size == 0 || (f->wlen == 0 && n >= f->size))
        return write_all(f, p, n) < 0 ? 0 : n;

    const unsigned char *s = p;
    size_t done = 0;
    while (done < n) {
        if (f->wlen == f->size && flush_output(f) < 0)
            return done;
        size_t k = f->size - f->wlen;
        if (k > n - done)
            k = n - done;
        memcpy(f->buf + f->wlen, s + done, k);
        f->wlen += k;
        done += k;
    }
    if (f->mode == _IOLBF && memchr(p, '\n', n) != NULL && flush_output(f) < 0)
        return 0;
    return n;
}

/*
 * fread's and fwrite's byte count, size * n, in *total: 0 when there is
 * nothing to do, or when it overflows (the error flag set, EINVAL).
 */
static int byte_count(FILE *f, size_t size, size_t n, size_t *total)
{
    if (size == 0 || n == 0)
        return 0;
    if (__builtin_mul_overflow(size, n, total)) {
        f->flags |= F_ERR;
        errno = EINVAL;
        return 0;
    }
    return 1;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f)
{
    size_t total;

    if (!byte_count(f, size, n, &total))
        return 0;
    return put_bytes(f, buf, total) / size;
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;

    return put_bytes(f, &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f)  { return fputc(c, f); }
int putchar(int c)        { return fputc(c, stdout); }

int fputs(const char *s, FILE *f)
{
    size_t len = strlen(s);

    return put_bytes(f, s, len) == len ? 0 : EOF;
}

int puts(const char *s)
{
    if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
        return EOF;
    return 0;
}

/* ---- input ---- */

int fgetc(FILE *f)
{
    if (f->ungot != EOF) {
        int c = f->ungot;
        f->ungot = EOF;
        return c;
    }
    if (f->rpos == f->rlen && refill(f) == 0)
        return EOF;

    size_t size;
    return input_buffer(f, &size)[f->rpos++];
}

int getc(FILE *f)   { return fgetc(f); }
int getchar(void)   { return fgetc(stdin); }

/* One byte of push-back, as the standard guarantees. */
int ungetc(int c, FILE *f)
{
    if (c == EOF || f->ungot != EOF)
        return EOF;
    f->ungot = (unsigned char)c;
    f->flags &= ~F_EOF;
    return f->ungot;
}

/* Read a line (with its '\n') of at most size-1 bytes; NULL if none. */
char *fgets(char *s, int size, FILE *f)
{
    int i = 0;

    if (size <= 0)
        return NULL;
    while (i < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0 && size > 1)
        return NULL;
    s[i] = '\0';
    return s;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f)
{
    unsigned char *dst = buf;
    size_t total, got = 0;

    if (!byte_count(f, size, n, &total))
        return 0;
    if (f->ungot != EOF) {
        dst[got++] = (unsigned char)f->ungot;
        f->ungot = EOF;
    }
    while (got < total) {
        size_t avail = f->rlen - f->rpos, bsize;
        unsigned char *in = input_buffer(f, &bsize);

        if (avail > 0) {                        /* from the buffer */
            size_t k = avail < total - got ? avail : total - got;
            memcpy(dst + got, in + f->rpos, k);
            f->rpos += k;
            got += k;
        } else if (total - got >= bsize) {      /* big: straight in */
            size_t k = read_some(f, dst + got, total - got);
            if (k == 0)
                break;
            got += k;
        } else if (refill(f) == 0) {
            break;
        }
    }
    return got / size;
}

/* ---- opening, closing, flushing ---- */

/* "r", "w", "a", each optionally with "+", and "b", "x", "e" anywhere. */
static int parse_mode(const char *mode, int *oflags, int *fflags)
{
    switch (mode[0]) {
    case 'r': *oflags = O_RDONLY; *fflags = F_READ; break;
    case 'w': *oflags = O_WRONLY | O_CREAT | O_TRUNC; *fflags = F_WRITE; break;
    case 'a': *oflags = O_WRONLY | O_CREAT | O_APPEND; *fflags = F_WRITE; break;
    default:
        errno = EINVAL;
        return -1;
    }
    for (const char *p = mode + 1; *p != '\0'; p++) {
        if (*p == '+') {
            *oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
            *fflags = F_READ | F_WRITE;
        } else if (*p == 'x') {
            *oflags |= O_EXCL;
        } else if (*p == 'e') {
            *oflags |= O_CLOEXEC;
        }
    }
    return 0;
}

static FILE *new_stream(int fd, int fflags)
{
    FILE *f = malloc(sizeof(*f));

    if (f == NULL)
        return NULL;
    memset(f, 0, sizeof(*f));
    f->buf = malloc(BUFSIZ);
    if (f->buf == NULL) {
        free(f);
        return NULL;
    }
    f->fd = fd;
    f->flags = fflags;
    f->mode = _IOFBF;
    f->size = BUFSIZ;
    f->owns_buf = 1;
    f->ungot = EOF;
    f->next = all_files;
    all_files = f;
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    int oflags, fflags, fd;
    FILE *f;

    if (parse_mode(mode, &oflags, &fflags) < 0)
        return NULL;
    fd = open(path, oflags, 0666);
    if (fd < 0)
        return NULL;
    f = new_stream(fd, fflags);
    if (f == NULL)
        close(fd);
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int oflags, fflags;

    if (parse_mode(mode, &oflags, &fflags) < 0)
        return NULL;
    return new_stream(fd, fflags);
}

int fflush(FILE *f)
{
    int r = 0;

    if (f == NULL) {
        for (FILE *g = all_files; g != NULL; g = g->next) {
            if (g->wlen > 0 && flush_output(g) < 0)
                r = EOF;
        }
        return r;
    }
    if (f->wlen > 0 && flush_output(f) < 0)
        r = EOF;
    if (f->rlen > f->rpos || f->ungot != EOF)
        drop_input(f);
    return r;
}

void __stdio_flush_all(void)
{
    fflush(NULL);
}

int fclose(FILE *f)
{
    int r = fflush(f);

    if (close(f->fd) < 0)
        r = EOF;
    for (FILE **link = &all_files; *link != NULL; link = &(*link)->next) {
        if (*link == f) {
            *link = f->next;
            break;
        }
    }
    if (f->owns_buf)
        free(f->buf);
    if (f >= &std_files[0] && f <= &std_files[2])
        f->flags = 0;           /* static: just make it unusable */
    else
        free(f);
    return r;
}

/* ---- buffering, state and position ---- */

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF)
        return -1;
    fflush(f);
    if (mode != _IONBF) {
        if (buf != NULL && size > 0) {
            if (f->owns_buf)
                free(f->buf);
            f->buf = (unsigned char *)buf;
            f->size = size;
            f->owns_buf = 0;
        } else if (f->size == 0) {
            size = size > 0 ? size : BUFSIZ;
            f->buf = malloc(size);
            if (f->buf == NULL)
                return -1;
            f->size = size;
            f->owns_buf = 1;
        }
    }
    f->mode = mode;
    return 0;
}

void setbuf(FILE *f, char *buf)
{
    setvbuf(f, buf, buf != NULL ? _IOFBF : _IONBF, BUFSIZ);
}

int fileno(FILE *f)         { return f->fd; }
int feof(FILE *f)           { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f)         { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f)      { f->flags &= ~(F_EOF | F_ERR); }

int fseek(FILE *f, long offset, int whence)
{
    if (f->wlen > 0 && flush_output(f) < 0)
        return -1;
    if (whence == SEEK_CUR)     /* relative to the reader, not the fd */
        offset -= (long)(f->rlen - f->rpos) + (f->ungot != EOF);
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
    if (lseek(f->fd, offset, whence) < 0)
        return -1;
    f->flags &= ~F_EOF;
    return 0;
}

long ftell(FILE *f)
{
    off_t pos = lseek(f->fd, 0, SEEK_CUR);

    if (pos < 0)
        return -1;
    return pos - (long)(f->rlen - f->rpos) - (f->ungot != EOF) + (long)f->wlen;
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    clearerr(f);
}

void perror(const char *s)
{
    const char *msg = strerror(errno);

    if (s != NULL && *s != '\0')
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}
