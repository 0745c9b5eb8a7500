/*
 * The fuzzer's random source (xorshift64*, one stream per worker, so a seed
 * fixes every worker's sequence of choices) and its hostile values.
 */
#include <stdio.h>
#include <string.h>
#include "fuzz.h"

uint64_t rnd(struct worker *w)
{
    uint64_t x = w->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    w->rng = x;
    return x * 0x2545F4914F6CDD1DULL;
}

uint64_t below(struct worker *w, uint64_t n)
{
    return n ? rnd(w) % n : 0;
}

int chance(struct worker *w, int percent)
{
    return (int)below(w, 100) < percent;
}

/* Addresses no system call may read or write through. */
long bad_ptr(struct worker *w)
{
    switch (below(w, 8)) {
    case 0: return 0;
    case 1: return 1;
    case 2: return (long)0xffffffc080200000UL;            /* the kernel's text */
    case 3: return (long)0xffffffc080200000UL + (long)below(w, 1 << 20) * 8;
    case 4: return 0x1000;                                /* below any mapping */
    case 5: return (long)w->guard_end;                    /* just past a mapping */
    case 6: return (long)0x2000000000L + (long)below(w, 1L << 30); /* user space, never mapped here */
    default: return (long)rnd(w);                         /* anything */
    }
}

/*
 * valid most of the time; else bad, misaligned, or straddling the end of a
 * mapping.  A misaligned pointer points into the worker's scratch buffer,
 * not at valid + 1: what the kernel writes through it must not spill over
 * whatever lies after the valid object.
 */
long any_ptr(struct worker *w, void *valid, size_t len)
{
    int r = (int)below(w, 100);
    if (r < 75)
        return (long)valid;
    if (r < 83) /* misaligned, where what the kernel may write (len) fits */
        return len <= sizeof w->scratch - 64 ? (long)w->scratch + 1 + 8 * (long)below(w, 8) : (long)valid;
    if (r < 91 && len)
        return (long)w->guard_end - (long)below(w, len ? len : 1); /* runs off the end */
    return bad_ptr(w);
}

/*
 * A buffer for the kernel to write into: mostly (valid, a size that fits);
 * else a hostile pointer with any size, or the end of a mapping with a huge
 * or negative size, where the kernel must stop at the fault.  A huge size
 * never goes with a pointer into the worker's own memory: the kernel would
 * rightly fill it past the buffer.
 */
void out_buf(struct worker *w, void *valid, long len, long *ptr, long *size)
{
    switch (below(w, 10)) {
    case 0:
        *ptr = bad_ptr(w);
        *size = any_size(w, len);
        break;
    case 1:
        *ptr = (long)w->guard_end - (long)below(w, 64);
        *size = chance(w, 50) ? -1 - (long)below(w, 100) : (long)1 << (20 + below(w, 20));
        break;
    case 2:
        *ptr = (long)w->scratch + 1 + 8 * (long)below(w, 8); /* misaligned */
        *size = (long)below(w, len + 1);
        break;
    default:
        *ptr = (long)valid;
        *size = chance(w, 10) ? 0 : (long)below(w, len + 1);
    }
}

long any_size(struct worker *w, long valid)
{
    switch (below(w, 12)) {
    case 0: return 0;
    case 1: return -1;
    case 2: return (long)1 << 40;
    case 3: return 0x7fffffffL + 1;
    case 4: return (long)below(w, 3 * PAGE);
    case 5: return -(long)below(w, 4096) - 2;
    default: return valid;
    }
}

/* A 32-bit argument as it may arrive: valid, random, negative, or with garbage above bit 31. */
long any_int(struct worker *w, long valid)
{
    switch (below(w, 10)) {
    case 0: return (long)(int)rnd(w);
    case 1: return -1;
    case 2: return (long)((rnd(w) & 0xffffffff00000000UL) | ((uint64_t)valid & 0xffffffffUL));
    case 3: return (long)below(w, 64);
    default: return valid;
    }
}

/* One of its own open descriptors (not 0, 1, 2), or -1 if none. */
int own_fd(struct worker *w)
{
    return w->nfds ? w->fds[below(w, w->nfds)] : -1;
}

int any_fd(struct worker *w)
{
    switch (below(w, 10)) {
    case 0: return -1;
    case 1: return 1000000;
    case 2: {                                             /* maybe open, maybe not */
        int fd = (int)below(w, 70);
        return fd == w->pipefd[0] || fd == w->pipefd[1] || fd == w->sockfd[0] || fd == w->sockfd[1] ? 63 : fd;
    }
    default: { int fd = own_fd(w); return fd >= 0 ? fd : 63; } /* never its own pipe or socketpair */
    }
}

/* An id of a System V object: another worker's, a stale one, or a made-up one. */
int foreign_id(struct worker *w, int kind)
{
    int other = (int)below(w, w->nworkers);
    int slot = (int)below(w, NCHAOS);
    switch (below(w, 6)) {
    case 0: return w->stale_id[kind];
    case 1: return -1;
    case 2: return (int)rnd(w);
    case 3: return (int)below(w, 64);
    default:
        return kind == 0 ? w->sh->msq[other][slot] : kind == 1 ? w->sh->sem[other][slot]
                                                        : w->sh->shm[other][slot];
    }
}

/*
 * A path: its own directory's entries mostly; with own_only 0 also names
 * elsewhere (only for calls that do not change anything) and odd ones.
 */
const char *any_path(struct worker *w, char *buf, size_t len, int own_only)
{
    static const char *elsewhere[] = { "/proc/meminfo", "/proc/1/stat", "/", "/tmp", "/bin/sh",
                                       "/dev/null", "/proc/sysvipc/msg", "/proc", "" };
    static const char *odd[] = { ".", "..", "a/", "a/../b", "//x", "no/such/dir" };
    int r = (int)below(w, 100);
    if (r < 70 || own_only)
        snprintf(buf, len, "%s/%c%s", w->dir, 'a' + (int)below(w, 6), chance(w, 20) ? "/x" : "");
    else if (r < 85)
        snprintf(buf, len, "%s", elsewhere[below(w, sizeof elsewhere / sizeof elsewhere[0])]);
    else if (r < 95)
        snprintf(buf, len, "%s/%s", w->dir, odd[below(w, sizeof odd / sizeof odd[0])]);
    else {
        size_t n = len - 1;                               /* a name far too long */
        memset(buf, 'n', n);
        buf[n] = '\0';
        memcpy(buf, w->dir, strlen(w->dir));
        buf[strlen(w->dir)] = '/';
    }
    return buf;
}
