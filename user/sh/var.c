/*
 * var.c - shell variables, the positional parameters, the environment the
 * shell passes on, and the memory helpers everything else uses.
 *
 * Variables sit in a small hash table of name -> value, each with an
 * "exported" mark.  At start-up every NAME=value of the environment
 * becomes an exported variable; a command the shell runs gets the
 * exported ones (plus the assignments written before the command, as in
 * 'LANG=C sort'), which is how the environment passes through execve.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* ---- memory ---- */

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fputs("sh: out of memory\n", stderr);
        _Exit(2);
    }
    return p;
}

void *xmalloc(size_t n)
{
    return xrealloc(NULL, n);
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void str_addn(struct str *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        if (b->cap < b->len + n + 1)
            b->cap = b->len + n + 1;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void str_addc(struct str *b, char c)
{
    str_addn(b, &c, 1);
}

void str_adds(struct str *b, const char *s)
{
    str_addn(b, s, strlen(s));
}

char *str_take(struct str *b)
{
    char *s = b->s ? b->s : xstrdup("");

    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    char data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
    struct arena_block *b = a->blocks;

    n = (n + 15) & ~(size_t)15;
    if (!b || b->used + n > b->size) {
        size_t size = n > 4000 ? n : 4000;
        b = xmalloc(sizeof *b + size);
        b->used = 0;
        b->size = size;
        b->next = a->blocks;
        a->blocks = b;
    }
    b->used += n;
    return b->data + b->used - n;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void arena_free(struct arena *a)
{
    while (a->blocks) {
        struct arena_block *b = a->blocks;
        a->blocks = b->next;
        free(b);
    }
}

/* ---- variables ---- */

struct var {
    struct var *next;
    char *name;
    char *value;            /* NULL: exported but never given a value */
    int exported;
};

#define NBUCKETS 64
static struct var *table[NBUCKETS];

static unsigned hash(const char *name, size_t len)
{
    unsigned h = 5381;

    while (len--)
        h = h * 33 + (unsigned char)*name++;
    return h % NBUCKETS;
}

static struct var *lookup(const char *name, size_t len)
{
    for (struct var *v = table[hash(name, len)]; v; v = v->next)
        if (!strncmp(v->name, name, len) && !v->name[len])
            return v;
    return NULL;
}

/* Is s[0..len) a name: a letter or '_', then letters, digits, '_'? */
int var_is_name(const char *s, size_t len)
{
    if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

const char *var_get(const char *name)
{
    struct var *v = lookup(name, strlen(name));

    return v ? v->value : NULL;
}

static struct var *get_or_add(const char *name)
{
    size_t len = strlen(name);
    struct var *v = lookup(name, len);

    if (!v) {
        unsigned h = hash(name, len);
        v = xmalloc(sizeof *v);
        v->name = xstrdup(name);
        v->value = NULL;
        v->exported = 0;
        v->next = table[h];
        table[h] = v;
    }
    return v;
}

/* Set name to value (and mark it exported if export).  Returns 0. */
int var_set(const char *name, const char *value, int export)
{
    struct var *v = get_or_add(name);
    char *copy = xstrdup(value);

    free(v->value);
    v->value = copy;
    if (export)
        v->exported = 1;
    return 0;
}

void var_export(const char *name)
{
    get_or_add(name)->exported = 1;
}

void var_unset(const char *name)
{
    size_t len = strlen(name);

    for (struct var **pv = &table[hash(name, len)]; *pv; pv = &(*pv)->next) {
        struct var *v = *pv;
        if (strcmp(v->name, name))
            continue;
        *pv = v->next;
        free(v->name);
        free(v->value);
        free(v);
        return;
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* A value as the shell would read it back: 'it''s' -> 'it'\''s'. */
static void print_quoted(const char *s)
{
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

/* 'set' (every variable) or 'export -p' (the exported ones), sorted. */
void var_print(int exported_only)
{
    struct var **all = NULL;
    int n = 0;

    for (int i = 0; i < NBUCKETS; i++)
        for (struct var *v = table[i]; v; v = v->next)
            if (!exported_only || v->exported) {
                all = xrealloc(all, (n + 1) * sizeof *all);
                all[n++] = v;
            }
    if (n)
        qsort(all, n, sizeof *all, by_name);
    for (int i = 0; i < n; i++) {
        if (exported_only)
            printf("export %s", all[i]->name);
        else
            printf("%s", all[i]->name);
        if (all[i]->value) {
            putchar('=');
            print_quoted(all[i]->value);
        }
        putchar('\n');
    }
    free(all);
}

/*
 * The environment for a command: every exported variable with a value,
 * then the command's own NAME=value assignments (which win).  The vector
 * and its strings are malloc'ed; the caller is about to exec.
 */
char **var_environ(char **extra, int nextra)
{
    char **env = NULL;
    int n = 0;

    for (int i = 0; i < NBUCKETS; i++)
        for (struct var *v = table[i]; v; v = v->next) {
            if (!v->exported || !v->value)
                continue;
            int shadowed = 0;
            for (int k = 0; k < nextra; k++)
                if (!strncmp(extra[k], v->name, strlen(v->name)) &&
                    extra[k][strlen(v->name)] == '=')
                    shadowed = 1;
            if (shadowed)
                continue;
            size_t len = strlen(v->name) + strlen(v->value) + 2;
            env = xrealloc(env, (n + 1) * sizeof *env);
            env[n] = xmalloc(len);
            snprintf(env[n++], len, "%s=%s", v->name, v->value);
        }
    env = xrealloc(env, (n + nextra + 1) * sizeof *env);
    for (int k = 0; k < nextra; k++)
        env[n++] = extra[k];
    env[n] = NULL;
    return env;
}

/* Every NAME=value of the environment we were started with, exported. */
void var_import(char **envp)
{
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        if (!eq || !var_is_name(*envp, eq - *envp))
            continue;
        char *name = xstrndup(*envp, eq - *envp);
        var_set(name, eq + 1, 1);
        free(name);
    }
}

/* ---- positional parameters ---- */

struct params params;
char *arg0 = "sh";

void params_free(struct params *p)
{
    for (int i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    p->v = NULL;
    p->n = 0;
}

/* $1..$n become copies of v[0..n). */
void params_set(char **v, int n)
{
    struct params fresh = { xmalloc((n + 1) * sizeof(char *)), n };

    for (int i = 0; i < n; i++)
        fresh.v[i] = xstrdup(v[i]);
    fresh.v[n] = NULL;
    params_free(&params);
    params = fresh;
}
