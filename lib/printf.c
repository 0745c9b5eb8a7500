/*
 * printf.c - the printf family: where formatted text goes.
 *
 * The formatting itself is __vformat() (format.c); these functions only
 * choose the sink: a string (sprintf, snprintf), a FILE (printf, fprintf)
 * or a file descriptor (dprintf).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format.h"

/* ---- into strings ---- */

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return __vsnformat(buf, size, fmt, ap);
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return __vsnformat(buf, SIZE_MAX, fmt, ap);     /* "large enough" */
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsprintf(buf, fmt, ap);
    va_end(ap);
    return r;
}

/* ---- into streams and file descriptors ---- */

/*
 * Text for a FILE or a file descriptor is collected in a small buffer on
 * the stack and passed on in chunks, so that even an unbuffered stream
 * (stderr) gets a whole message in one write() rather than one per piece.
 */
struct chunk_sink {
    struct fmt_sink base;
    void (*flush)(struct chunk_sink *cs);   /* pass on buf[0..len) */
    FILE *f;                    /* for streams */
    int fd;                     /* for dprintf */
    int failed;                 /* dprintf: a write failed */
    size_t len;
    char buf[256];
};

static void chunk_put(struct fmt_sink *sink, const char *s, size_t n)
{
    struct chunk_sink *cs = (struct chunk_sink *)sink;

    while (n > 0) {
        if (cs->len == sizeof(cs->buf))
            cs->flush(cs);
        size_t k = sizeof(cs->buf) - cs->len;
        if (k > n)
            k = n;
        memcpy(cs->buf + cs->len, s, k);
        cs->len += k;
        s += k;
        n -= k;
    }
}

static void flush_to_file(struct chunk_sink *cs)
{
    fwrite(cs->buf, 1, cs->len, cs->f);
    cs->len = 0;
}

static void flush_to_fd(struct chunk_sink *cs)
{
    size_t done = 0;

    while (done < cs->len && !cs->failed) {
        ssize_t n = write(cs->fd, cs->buf + done, cs->len - done);
        if (n <= 0)
            cs->failed = 1;
        else
            done += n;
    }
    cs->len = 0;
}

/* Set up cs without clearing its buffer (that would cost a memset per call). */
static void chunk_init(struct chunk_sink *cs, void (*flush)(struct chunk_sink *),
                       FILE *f, int fd)
{
    cs->base.put = chunk_put;
    cs->flush = flush;
    cs->f = f;
    cs->fd = fd;
    cs->failed = 0;
    cs->len = 0;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    struct chunk_sink cs;
    int had_error = ferror(f);

    chunk_init(&cs, flush_to_file, f, -1);
    int r = __vformat(&cs.base, fmt, ap);

    flush_to_file(&cs);
    if (!had_error && ferror(f))
        return -1;              /* a write failed; errno says why */
    return r;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct chunk_sink cs;

    chunk_init(&cs, flush_to_fd, NULL, fd);
    int r = __vformat(&cs.base, fmt, ap);

    flush_to_fd(&cs);
    return cs.failed ? -1 : r;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}
