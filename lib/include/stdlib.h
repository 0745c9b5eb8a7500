/*
 * stdlib.h - memory allocation, process exit, number conversion,
 * random numbers, sorting, temporary files and the environment.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>             /* size_t, NULL */

#define EXIT_SUCCESS    0
#define EXIT_FAILURE    1
#define RAND_MAX        2147483647

/* Memory (lib/malloc.c) */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void  free(void *ptr);

/* Leaving (lib/exit.c) */
void  exit(int status) __attribute__((noreturn));
void  _Exit(int status) __attribute__((noreturn));
int   atexit(void (*fn)(void));
void  abort(void) __attribute__((noreturn));

/* Numbers (lib/stdlib.c) */
int   atoi(const char *s);
long  atol(const char *s);
long long atoll(const char *s);
long  strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int   abs(int x);
long  labs(long x);
long long llabs(long long x);
int   rand(void);
void  srand(unsigned int seed);

/* Sorting and searching */
void  qsort(void *base, size_t n, size_t size,
            int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *));

/* Files of a new name: "...XXXXXX" templates (lib/file.c) */
int   mkstemp(char *tmpl);
char *mkdtemp(char *tmpl);

/* Environment (getenv: lib/stdlib.c; setenv, unsetenv: lib/env.c) */
char *getenv(const char *name);
int   setenv(const char *name, const char *value, int overwrite);
int   unsetenv(const char *name);

#endif /* _STDLIB_H */
