/*
 * env.c - changing the environment: setenv and unsetenv (getenv is in
 * stdlib.c).
 *
 * environ starts out pointing at the strings the kernel put on the stack
 * (start.c).  The first change copies the vector into the heap; from then
 * on the library owns it and grows it with realloc.  A string that
 * setenv replaces is not freed, as in glibc: a program may still hold a
 * pointer that getenv returned.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;        /* environ, when it is our heap copy */

/* NAME must be non-empty and contain no '='. */
static int bad_name(const char *name)
{
    if (name == NULL || *name == '\0' || strchr(name, '=') != NULL) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

static size_t count(void)
{
    size_t n = 0;

    while (environ != NULL && environ[n] != NULL)
        n++;
    return n;
}

/* The slot of NAME=... in environ, or NULL. */
static char **find(const char *name)
{
    size_t len = strlen(name);

    for (char **e = environ; e != NULL && *e != NULL; e++)
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return e;
    return NULL;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (bad_name(name))
        return -1;
    char **slot = find(name);
    if (slot != NULL && !overwrite)
        return 0;

    size_t nlen = strlen(name), vlen = strlen(value);
    char *s = malloc(nlen + vlen + 2);
    if (s == NULL)
        return -1;              /* errno is ENOMEM */
    memcpy(s, name, nlen);
    s[nlen] = '=';
    memcpy(s + nlen + 1, value, vlen + 1);
    if (slot != NULL) {
        *slot = s;
        return 0;
    }

    size_t n = count();
    char **v = realloc(environ == owned ? owned : NULL, (n + 2) * sizeof(char *));
    if (v == NULL) {
        free(s);
        return -1;
    }
    if (environ != owned && n > 0)
        memcpy(v, environ, n * sizeof(char *));
    v[n] = s;
    v[n + 1] = NULL;
    environ = owned = v;
    return 0;
}

int unsetenv(const char *name)
{
    if (bad_name(name))
        return -1;
    char **slot;
    while ((slot = find(name)) != NULL) {
        do
            slot[0] = slot[1];
        while (*slot++ != NULL);
    }
    return 0;
}
