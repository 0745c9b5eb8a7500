/*
 * arith.c - $(( expression )): signed long arithmetic with C's operators
 * and precedence (POSIX XCU 2.6.4), by recursive descent:
 *
 *   assign : NAME op= assign | cond        (op= is = += -= *= /= %= <<= >>= &= ^= |=)
 *   cond   : or ['?' assign ':' cond]
 *   or     : and ('||' and)*          and : bitor ('&&' bitor)*
 *   bitor  : xor ('|' xor)*           xor : bitand ('^' bitand)*
 *   bitand : eq ('&' eq)*             eq  : rel ('==' | '!=' rel)*
 *   rel    : shift ('<' '<=' '>' '>=' shift)*
 *   shift  : add ('<<' | '>>' add)*   add : mul ('+' | '-' mul)*
 *   mul    : unary ('*' '/' '%' unary)*
 *   unary  : ('+' | '-' | '!' | '~') unary | NUMBER | NAME | '(' assign ')'
 *
 * A variable's value is read as a number (unset or empty is 0).  The side
 * not taken by && || ?: is parsed but not evaluated (no assignments, no
 * division-by-zero error), as C does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
    const char *p;
    int skip;               /* > 0: parsing a branch that is not taken */
    const char *error;
};

static long assign(struct arith *a);

static void space(struct arith *a)
{
    while (*a->p == ' ' || *a->p == '\t' || *a->p == '\n')
        a->p++;
}

/* Is the operator op next (and not the start of a longer one)?  Consumes it. */
static int next_is(struct arith *a, const char *op)
{
    size_t n = strlen(op);

    space(a);
    if (strncmp(a->p, op, n))
        return 0;
    /* '<' is not '<<' or '<=', '&' is not '&&', '=' is not '==', ... */
    char after = a->p[n];
    if ((n == 1 && (after == op[0] || after == '=')) && strchr("<>&|=", op[0]))
        return 0;
    if (n == 1 && after == '=' && strchr("+-*/%^!", op[0]))
        return 0;
    if (n == 2 && after == '=' && (!strcmp(op, "<<") || !strcmp(op, ">>")))
        return 0;
    a->p += n;
    return 1;
}

static void error(struct arith *a, const char *msg)
{
    if (!a->error)
        a->error = msg;
}

/* A number in C syntax (decimal, 0octal, 0xhex); the whole string must be it. */
static int parse_number(const char *s, long *v)
{
    char *end;

    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s) {
        *v = 0;
        return 0;
    }
    *v = strtol(s, &end, 0);
    while (*end == ' ' || *end == '\t')
        end++;
    return *end ? -1 : 0;
}

static long primary(struct arith *a)
{
    long v = 0;

    space(a);
    if (*a->p == '(') {
        a->p++;
        v = assign(a);
        if (!next_is(a, ")"))
            error(a, "missing ')'");
        return v;
    }
    if (*a->p >= '0' && *a->p <= '9') {
        char *end;
        v = strtol(a->p, &end, 0);
        if ((*end >= '0' && *end <= '9') || (*end >= 'a' && *end <= 'z') ||
            (*end >= 'A' && *end <= 'Z') || *end == '_')
            error(a, "bad number");
        a->p = end;
        return v;
    }
    size_t n = 0;
    while (var_is_name(a->p, n + 1))
        n++;
    if (n == 0) {
        error(a, *a->p ? "syntax error" : "expression expected");
        return 0;
    }
    char *name = xstrndup(a->p, n);
    const char *value = var_get(name);
    a->p += n;
    if (value && parse_number(value, &v) < 0)
        error(a, "variable is not a number");
    free(name);
    return v;
}

static long unary(struct arith *a)
{
    space(a);
    char c = *a->p;
    if ((c == '+' || c == '-') && a->p[1] != c) {
        a->p++;
        long v = unary(a);
        return c == '-' ? -v : v;
    }
    if (c == '!' && a->p[1] != '=') {
        a->p++;
        return !unary(a);
    }
    if (c == '~') {
        a->p++;
        return ~unary(a);
    }
    return primary(a);
}

/* Apply a binary operator; division checks for zero unless skipping. */
static long apply(struct arith *a, const char *op, long l, long r)
{
    switch (op[0]) {
    case '*': return l * r;
    case '/':
    case '%':
        if (r == 0) {
            if (!a->skip)
                error(a, "division by zero");
            return 0;
        }
        if (l == -__LONG_MAX__ - 1 && r == -1)
            return op[0] == '/' ? l : 0;
        return op[0] == '/' ? l / r : l % r;
    case '+': return l + r;
    case '-': return l - r;
    case '<':
        if (op[1] == '<') return (long)((unsigned long)l << (r & 63));
        return op[1] == '=' ? l <= r : l < r;
    case '>':
        if (op[1] == '>') return l >> (r & 63);
        return op[1] == '=' ? l >= r : l > r;
    case '=': return l == r;
    case '!': return l != r;
    case '&': return l & r;
    case '^': return l ^ r;
    case '|': return l | r;
    }
    return 0;
}

/* The binary operator levels, loosest first (|| && ?: are handled apart). */
static const char *const levels[][5] = {
    { "|" }, { "^" }, { "&" }, { "==", "!=" }, { "<=", ">=", "<", ">" },
    { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static long binary(struct arith *a, int level)
{
    if (level == NLEVELS)
        return unary(a);
    long v = binary(a, level + 1);
    for (;;) {
        const char *op = NULL;
        for (int i = 0; i < 5 && levels[level][i]; i++)
            if (next_is(a, levels[level][i])) {
                op = levels[level][i];
                break;
            }
        if (!op)
            return v;
        v = apply(a, op, v, binary(a, level + 1));
    }
}

static long logical_and(struct arith *a)
{
    long v = binary(a, 0);

    while (next_is(a, "&&")) {
        a->skip += !v;
        long r = binary(a, 0);
        a->skip -= !v;
        v = v && r;
    }
    return v;
}

static long logical_or(struct arith *a)
{
    long v = logical_and(a);

    while (next_is(a, "||")) {
        a->skip += !!v;
        long r = logical_and(a);
        a->skip -= !!v;
        v = v || r;
    }
    return v;
}

static long cond(struct arith *a)
{
    long c = logical_or(a);

    if (!next_is(a, "?"))
        return c;
    a->skip += !c;
    long yes = assign(a);
    a->skip -= !c;
    if (!next_is(a, ":"))
        error(a, "missing ':'");
    a->skip += !!c;
    long no = cond(a);
    a->skip -= !!c;
    return c ? yes : no;
}

static long assign(struct arith *a)
{
    static const char *const ops[] = {
        "=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", NULL,
    };
    const char *start;

    space(a);
    start = a->p;
    size_t n = 0;
    while (var_is_name(start, n + 1))
        n++;
    if (n > 0) {
        a->p = start + n;
        space(a);
        for (int i = 0; ops[i]; i++) {
            size_t len = strlen(ops[i]);
            if (strncmp(a->p, ops[i], len) || (len == 1 && a->p[1] == '='))
                continue;
            a->p += len;
            char *name = xstrndup(start, n);
            long v = assign(a);
            if (len > 1) {
                char op[3] = { ops[i][0], len == 3 ? ops[i][1] : 0, 0 };
                long old = 0;
                const char *value = var_get(name);
                if (value && parse_number(value, &old) < 0)
                    error(a, "variable is not a number");
                v = apply(a, op, old, v);
            }
            if (!a->skip && !a->error) {
                char num[32];
                snprintf(num, sizeof num, "%ld", v);
                var_set(name, num, 0);
            }
            free(name);
            return v;
        }
        a->p = start;
    }
    return cond(a);
}

/* Evaluate expr; 0 and *result, or -1 after printing what was wrong. */
int arith_eval(const char *expr, long *result)
{
    struct arith a = { .p = expr };

    *result = assign(&a);
    space(&a);
    if (!a.error && *a.p)
        error(&a, "syntax error");
    if (a.error) {
        sh_error("arithmetic: %s: \"%s\"", a.error, expr);
        return -1;
    }
    return 0;
}
