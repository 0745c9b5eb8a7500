/*
 * test.c - the test and [ built-ins (POSIX test(1)).
 *
 *   files:    -e -f -d -h -L -p -S -b -c -s -r -w -x -u -g  FILE
 *   strings:  -n S, -z S, S, S1 = S2, S1 != S2, S1 < S2, S1 > S2
 *   integers: N1 -eq -ne -lt -le -gt -ge N2
 *   logic:    ! EXPR, ( EXPR ), EXPR -a EXPR, EXPR -o EXPR
 *
 * With four arguments or fewer the result is decided by how many there
 * are, exactly as POSIX lays out ("test ! = x" compares "!" with "x", it
 * does not negate anything); longer expressions go through a small
 * recursive-descent parser where -a binds tighter than -o.
 * Status: 0 true, 1 false, 2 for a malformed expression.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

struct test {
    char **argv;
    int argc, pos;
    int error;
};

static void bad(struct test *t, const char *what, const char *arg)
{
    if (!t->error)
        sh_error("test: %s%s%s", arg ? arg : "", arg ? ": " : "", what);
    t->error = 1;
}

static int is_unary(const char *op)
{
    return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghLnprsSuwxz", op[1]);
}

static int is_binary(const char *op)
{
    static const char *const ops[] = {
        "=", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", NULL,
    };
    for (int i = 0; ops[i]; i++)
        if (!strcmp(op, ops[i]))
            return 1;
    return 0;
}

/* May the caller read, write or execute (bit 4, 2, 1) the file, by its mode bits? */
static int may(const struct stat *st, int bit)
{
    uid_t uid = geteuid();

    if (uid == 0)
        return bit != 1 || S_ISDIR(st->st_mode) || (st->st_mode & 0111);
    if (st->st_uid == uid)
        return (st->st_mode >> 6) & bit;
    if (st->st_gid == getegid())
        return (st->st_mode >> 3) & bit;
    return st->st_mode & bit;
}

static int unary(struct test *t, char op, const char *arg)
{
    struct stat st;

    if (op == 'n')
        return *arg != '\0';
    if (op == 'z')
        return *arg == '\0';
    if (op == 't') {
        long fd = strtol(arg, NULL, 10);
        return isatty((int)fd);
    }
    if (op == 'h' || op == 'L')
        return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
    if (stat(arg, &st) < 0)
        return 0;
    switch (op) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'S': return S_ISSOCK(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 's': return st.st_size > 0;
    case 'u': return (st.st_mode & S_ISUID) != 0;
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'r': return may(&st, 4) != 0;
    case 'w': return may(&st, 2) != 0;
    case 'x': return may(&st, 1) != 0;
    }
    bad(t, "unknown operator", NULL);
    return 0;
}

static long integer(struct test *t, const char *s)
{
    char *end;

    errno = 0;
    while (*s == ' ' || *s == '\t')
        s++;
    long v = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == s || *end || errno)
        bad(t, "bad number", s);
    return v;
}

static int binary(struct test *t, const char *a, const char *op, const char *b)
{
    if (!strcmp(op, "="))
        return strcmp(a, b) == 0;
    if (!strcmp(op, "!="))
        return strcmp(a, b) != 0;
    if (!strcmp(op, "<"))
        return strcmp(a, b) < 0;
    if (!strcmp(op, ">"))
        return strcmp(a, b) > 0;
    long x = integer(t, a), y = integer(t, b);
    switch (op[1] * 256 + op[2]) {
    case 'e' * 256 + 'q': return x == y;
    case 'n' * 256 + 'e': return x != y;
    case 'l' * 256 + 't': return x < y;
    case 'l' * 256 + 'e': return x <= y;
    case 'g' * 256 + 't': return x > y;
    default:              return x >= y;
    }
}

/* ---- the general parser, for more than four arguments ---- */

static int or_expr(struct test *t);

static const char *arg(struct test *t, int k)
{
    return t->pos + k < t->argc ? t->argv[t->pos + k] : NULL;
}

static int primary(struct test *t)
{
    const char *a = arg(t, 0);

    if (!a) {
        bad(t, "argument expected", NULL);
        return 0;
    }
    if (!strcmp(a, "!")) {
        t->pos++;
        return !primary(t);
    }
    if (!strcmp(a, "(")) {
        t->pos++;
        int v = or_expr(t);
        if (!arg(t, 0) || strcmp(arg(t, 0), ")"))
            bad(t, "')' expected", NULL);
        t->pos++;
        return v;
    }
    if (arg(t, 1) && is_binary(arg(t, 1)) && arg(t, 2)) {
        t->pos += 3;
        return binary(t, a, arg(t, -2), arg(t, -1));
    }
    if (is_unary(a) && arg(t, 1)) {
        t->pos += 2;
        return unary(t, a[1], arg(t, -1));
    }
    t->pos++;
    return *a != '\0';
}

static int and_expr(struct test *t)
{
    int v = primary(t);

    while (arg(t, 0) && !strcmp(arg(t, 0), "-a")) {
        t->pos++;
        v = primary(t) && v;
    }
    return v;
}

static int or_expr(struct test *t)
{
    int v = and_expr(t);

    while (arg(t, 0) && !strcmp(arg(t, 0), "-o")) {
        t->pos++;
        v = and_expr(t) || v;
    }
    return v;
}

/* POSIX's rules by argument count (argv[0..n) are the operands). */
static int eval(struct test *t, char **a, int n)
{
    switch (n) {
    case 0:
        return 0;
    case 1:
        return *a[0] != '\0';
    case 2:
        if (!strcmp(a[0], "!"))
            return !eval(t, a + 1, 1);
        if (is_unary(a[0]))
            return unary(t, a[0][1], a[1]);
        break;
    case 3:
        if (is_binary(a[1]))
            return binary(t, a[0], a[1], a[2]);
        if (!strcmp(a[0], "!"))
            return !eval(t, a + 1, 2);
        if (!strcmp(a[0], "(") && !strcmp(a[2], ")"))
            return eval(t, a + 1, 1);
        if (!strcmp(a[1], "-a") || !strcmp(a[1], "-o"))
            break;
        bad(t, "unknown operator", a[1]);
        return 0;
    case 4:
        if (!strcmp(a[0], "!"))
            return !eval(t, a + 1, 3);
        if (!strcmp(a[0], "(") && !strcmp(a[3], ")"))
            return eval(t, a + 1, 2);
        break;
    }
    t->argv = a;
    t->argc = n;
    t->pos = 0;
    int v = or_expr(t);
    if (t->pos < n)
        bad(t, "unexpected operator", a[t->pos]);
    return v;
}

int builtin_test(int argc, char **argv)
{
    struct test t = { 0 };

    if (!strcmp(argv[0], "[")) {
        if (strcmp(argv[argc - 1], "]")) {
            sh_error("[: missing ]");
            return 2;
        }
        argc--;
    }
    int v = eval(&t, argv + 1, argc - 1);
    return t.error ? 2 : !v;
}
