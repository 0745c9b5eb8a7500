/*
 * exec.c - the exec family: execve is the system call; the others choose
 * the environment (environ) or search PATH for the program.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

int execve(const char *path, char *const argv[], char *const envp[])
{
    return SYSCALL3(SYS_execve, path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/*
 * execvp - run `file`, looking for it in each directory of $PATH (or
 * "/bin" when PATH is unset) unless it contains a '/'.  An empty PATH
 * entry means the current directory.  Returns only on failure: EACCES if
 * some candidate was found but not executable, otherwise the last error.
 */
int execvp(const char *file, char *const argv[])
{
    char path[PATH_MAX];
    size_t flen = strlen(file);
    int saw_eacces = 0;

    if (flen == 0) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/') != NULL)
        return execve(file, argv, environ);

    const char *dirs = getenv("PATH");
    if (dirs == NULL)
        dirs = "/bin";

    for (;;) {
        const char *colon = strchr(dirs, ':');
        size_t dlen = colon ? (size_t)(colon - dirs) : strlen(dirs);

        if (dlen + 1 + flen + 1 > sizeof(path)) {
            errno = ENAMETOOLONG;
        } else {
            memcpy(path, dirs, dlen);
            if (dlen > 0)
                path[dlen++] = '/';
            memcpy(path + dlen, file, flen + 1);
            execve(path, argv, environ);
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;      /* found, but it would not run */
        }
        if (colon == NULL)
            break;
        dirs = colon + 1;
    }
    if (saw_eacces)
        errno = EACCES;
    return -1;
}

/* Gather execl's variable arguments (ending with NULL) into an array. */
#define MAX_ARGS 256

static int collect_args(const char *arg0, va_list ap, char *argv[MAX_ARGS + 1])
{
    int n = 0;

    argv[n++] = (char *)arg0;
    while (argv[n - 1] != NULL) {
        if (n > MAX_ARGS) {
            errno = E2BIG;
            return -1;
        }
        argv[n++] = va_arg(ap, char *);
    }
    return 0;
}

/* execl and execlp: the list made an argv, then execv or (search) execvp. */
static int exec_list(const char *path, int search, const char *arg0, va_list ap)
{
    char *argv[MAX_ARGS + 1];

    if (collect_args(arg0, ap, argv) < 0)
        return -1;
    return search ? execvp(path, argv) : execv(path, argv);
}

int execl(const char *path, const char *arg0, ...)
{
    va_list ap;
    int r;

    va_start(ap, arg0);
    r = exec_list(path, 0, arg0, ap);
    va_end(ap);
    return r;
}

int execlp(const char *file, const char *arg0, ...)
{
    va_list ap;
    int r;

    va_start(ap, arg0);
    r = exec_list(file, 1, arg0, ap);
    va_end(ap);
    return r;
}
