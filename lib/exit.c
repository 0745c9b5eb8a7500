/*
 * exit.c - leaving the program: exit, atexit, _Exit, abort and the
 * failure path of assert().
 *
 * exit(status) calls the atexit functions (last registered first), then
 * flushes every stdio stream, then ends the process with _exit().
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

#define ATEXIT_MAX 32           /* the standard asks for at least 32 */

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

int atexit(void (*fn)(void))
{
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_fns[atexit_count++] = fn;
    return 0;
}

void exit(int status)
{
    /* Pop each function before calling it, so one that calls exit() again
     * does not run the same functions twice. */
    while (atexit_count > 0)
        atexit_fns[--atexit_count]();
    __stdio_flush_all();
    _exit(status);
}

void _Exit(int status)
{
    _exit(status);
}

/* SIGABRT kills us today; if it ever gets caught and returns, exit anyway. */
void abort(void)
{
    raise(SIGABRT);
    _exit(127);
}

void __assert_fail(const char *expr, const char *file, unsigned int line,
                   const char *func)
{
    fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, func, expr);
    abort();
}
