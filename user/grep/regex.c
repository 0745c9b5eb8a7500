/*
 * regex.c - a small backtracking matcher for grep's regular expressions.
 *
 * Compiling turns the pattern into a sequence of nodes, each an atom (a
 * character, '.', a bracket expression, a back-reference, or a group of
 * alternative sequences) with a repetition count {min,max}, or an anchor
 * (^ $).  The whole pattern is group 0.
 *
 * Matching tries each start position; at each node it takes as many
 * repetitions as it can and backs off one at a time until the rest of the
 * pattern matches ("greedy with backtracking").  What must match after a
 * node is passed down as a chain of continuations (struct cont), which is
 * how a repeated group can go round again or hand over to the rest.  The
 * time can grow exponentially on pathological patterns; grep's inputs
 * here are lines of text and patterns a person typed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "regex.h"

enum node_type { R_CHAR, R_ANY, R_SET, R_BACKREF, R_GROUP, R_BOL, R_EOL };

struct re_node {
    enum node_type type;
    int min, max;               /* repetitions; max -1: no limit */
    unsigned char c;            /* R_CHAR */
    unsigned char set[32];      /* R_SET: a bit per byte */
    int group;                  /* R_GROUP: its number; R_BACKREF: which group */
    struct re_seq *alts;        /* R_GROUP: its alternatives */
    int nalts;
};

struct re_seq {
    struct re_node *nodes;
    int n;
};

/* ---- compiling ---- */

struct parse {
    const char *p;
    int ere;
    int ngroups;
    const char *error;
};

static void set_bit(unsigned char *set, int c)
{
    set[c >> 3] |= 1 << (c & 7);
}

static int in_set(const unsigned char *set, int c)
{
    return set[c >> 3] >> (c & 7) & 1;
}

/* [...] at ps->p (just past the '['): fill n->set. */
static void parse_bracket(struct parse *ps, struct re_node *n)
{
    const char *p = ps->p;
    int negate = *p == '^';

    if (negate)
        p++;
    for (const char *start = p; *p && (*p != ']' || p == start);) {
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            char name[16] = "";
            if (end && end - (p + 2) < (long)sizeof name)
                memcpy(name, p + 2, end - (p + 2));
            wctype_t class = wctype(name);
            if (!class) {
                ps->error = "invalid character class";
                return;
            }
            for (int c = 0; c < 256; c++)
                if (iswctype(c, class))
                    set_bit(n->set, c);
            p = end + 2;
            continue;
        }
        int lo = (unsigned char)*p++, hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            hi = (unsigned char)p[1];
            p += 2;
        }
        if (hi < lo) {
            ps->error = "invalid range end";
            return;
        }
        for (int c = lo; c <= hi; c++)
            set_bit(n->set, c);
    }
    if (*p != ']') {
        ps->error = "unmatched [";
        return;
    }
    if (negate)
        for (int i = 0; i < 32; i++)
            n->set[i] = ~n->set[i];
    ps->p = p + 1;
}

/* Is the operator op (one of "(){}|+?") at ps->p?  In a BRE it is written \op. */
static int at_op(struct parse *ps, char op)
{
    if (ps->ere)
        return ps->p[0] == op;
    return ps->p[0] == '\\' && ps->p[1] == op;
}

static void skip_op(struct parse *ps)
{
    ps->p += ps->ere ? 1 : 2;
}

/* An interval {m}, {m,}, {m,n} after its opening brace. */
static void parse_interval(struct parse *ps, struct re_node *n)
{
    char *end;

    n->min = (int)strtol(ps->p, &end, 10);
    n->max = n->min;
    if (end == ps->p) {
        ps->error = "invalid interval";
        return;
    }
    ps->p = end;
    if (*ps->p == ',') {
        ps->p++;
        n->max = *ps->p >= '0' && *ps->p <= '9' ? (int)strtol(ps->p, &end, 10) : -1;
        if (n->max >= 0)
            ps->p = end;
    }
    if (!at_op(ps, '}') || (n->max >= 0 && n->max < n->min)) {
        ps->error = "invalid interval";
        return;
    }
    skip_op(ps);
}

static void parse_alts(struct parse *ps, struct re_node *group, int in_group);

/* One atom at ps->p into n; 0, or 1 if the sequence ends here. */
static int parse_atom(struct parse *ps, struct re_node *n, int first)
{
    const char *p = ps->p;

    memset(n, 0, sizeof *n);
    n->min = n->max = 1;
    if (at_op(ps, '(')) {
        skip_op(ps);
        n->type = R_GROUP;
        n->group = ++ps->ngroups;
        parse_alts(ps, n, 1);
        if (!ps->error && !at_op(ps, ')'))
            ps->error = "unmatched (";
        else if (!ps->error)
            skip_op(ps);
        return 0;
    }
    if (*p == '^' && (first || ps->ere)) {
        n->type = R_BOL;
    } else if (*p == '$' && (ps->ere || !p[1] || (p[1] == '\\' && (p[2] == ')' || p[2] == '|')))) {
        n->type = R_EOL;
    } else if (*p == '.') {
        n->type = R_ANY;
    } else if (*p == '[') {
        n->type = R_SET;
        ps->p++;
        parse_bracket(ps, n);
        return 0;
    } else if (*p == '\\' && p[1] >= '1' && p[1] <= '9') {
        n->type = R_BACKREF;
        n->group = p[1] - '0';
        if (n->group > ps->ngroups)
            ps->error = "invalid back reference";
        ps->p += 2;
        return 0;
    } else if (*p == '\\' && p[1]) {
        n->type = R_CHAR;
        n->c = (unsigned char)p[1];
        ps->p += 2;
        return 0;
    } else if (*p == '\\') {
        ps->error = "trailing backslash";
        return 1;
    } else {
        n->type = R_CHAR;
        n->c = (unsigned char)*p;
    }
    ps->p++;
    return 0;
}

/* A repetition after an atom: * \{m,n\} and GNU's \+ \? (ERE: + ? {m,n}). */
static void parse_repeat(struct parse *ps, struct re_node *n)
{
    if (n->type == R_BOL && !ps->ere)
        return;                         /* "^*": the '*' is an ordinary character */
    for (;;) {
        if (*ps->p == '*') {
            ps->p++;
            n->min = 0;
            n->max = -1;
        } else if (at_op(ps, '+')) {
            skip_op(ps);
            n->max = -1;
        } else if (at_op(ps, '?')) {
            skip_op(ps);
            n->min = 0;
        } else if (at_op(ps, '{')) {
            skip_op(ps);
            parse_interval(ps, n);
        } else {
            return;
        }
        if (n->type == R_BOL || n->type == R_EOL)
            ps->error = "repetition of an anchor";
    }
}

/* Nodes up to the end of the pattern, a ')' (in a group) or a '|'. */
static struct re_seq parse_seq(struct parse *ps, int in_group)
{
    struct re_seq seq = { NULL, 0 };

    while (*ps->p && !ps->error && !at_op(ps, '|') && !(in_group && at_op(ps, ')'))) {
        struct re_node *n;
        seq.nodes = realloc(seq.nodes, (seq.n + 1) * sizeof *seq.nodes);
        n = &seq.nodes[seq.n];
        /* a repetition where nothing can repeat: GNU's ERE drops it, BRE's '*' is a character */
        if (ps->ere && strchr("*+?", *ps->p) && (seq.n == 0 || n[-1].type == R_BOL)) {
            ps->p++;
            continue;
        }
        if (*ps->p == '*' && (seq.n == 0 || n[-1].type == R_BOL)) {
            memset(n, 0, sizeof *n);
            n->type = R_CHAR;
            n->c = '*';
            n->min = n->max = 1;
            ps->p++;
        } else if (parse_atom(ps, n, seq.n == 0)) {
            break;
        }
        parse_repeat(ps, n);
        seq.n++;
    }
    return seq;
}

/* The alternatives of a group: sequences separated by '|'. */
static void parse_alts(struct parse *ps, struct re_node *group, int in_group)
{
    for (;;) {
        group->alts = realloc(group->alts, (group->nalts + 1) * sizeof *group->alts);
        group->alts[group->nalts++] = parse_seq(ps, in_group);
        if (ps->error || !at_op(ps, '|'))
            return;
        skip_op(ps);
    }
}

int regex_compile(struct regex *re, const char *pattern, int extended, char *err, int errsize)
{
    struct parse ps = { pattern, extended, 0, NULL };

    re->root = calloc(1, sizeof *re->root);
    re->root->type = R_GROUP;
    re->root->min = re->root->max = 1;
    parse_alts(&ps, re->root, 0);
    if (!ps.error && *ps.p)
        ps.error = "unmatched )";
    if (ps.error) {
        snprintf(err, errsize, "%s", ps.error);
        regex_free(re);
        return -1;
    }
    return 0;
}

static void free_group(struct re_node *g)
{
    for (int a = 0; a < g->nalts; a++) {
        for (int i = 0; i < g->alts[a].n; i++)
            if (g->alts[a].nodes[i].type == R_GROUP)
                free_group(&g->alts[a].nodes[i]);
        free(g->alts[a].nodes);
    }
    free(g->alts);
}

void regex_free(struct regex *re)
{
    if (re->root) {
        free_group(re->root);
        free(re->root);
    }
    re->root = NULL;
}

/* ---- matching ---- */

struct matcher {
    const struct regex *re;
    const char *s;
    int len;
    int start[10], end[10];     /* the groups' last matches */
};

/* What must match next: the rest of a sequence, or another round of a group. */
struct cont {
    const struct re_node *seq;  /* the rest of a sequence ... */
    int n;
    const struct re_node *group; /* ... or the group whose round just ended */
    int rounds, round_start;
    const struct cont *next;
};

static int match_seq(struct matcher *m, const struct re_node *seq, int n, int pos,
                     const struct cont *k);

static int same_char(const struct matcher *m, int a, int b)
{
    return m->re->icase ? tolower(a) == tolower(b) : a == b;
}

/* Does one repetition of a single-character atom match at pos? */
static int one(const struct matcher *m, const struct re_node *n, int pos)
{
    if (pos >= m->len)
        return 0;
    int c = (unsigned char)m->s[pos];
    switch (n->type) {
    case R_CHAR: return same_char(m, c, n->c);
    case R_ANY: return 1;
    case R_SET:
        return in_set(n->set, c) ||
               (m->re->icase && (in_set(n->set, tolower(c)) || in_set(n->set, toupper(c))));
    default: return 0;
    }
}

static int match_group(struct matcher *m, const struct re_node *g, int rounds, int pos,
                       const struct cont *after);

static int resume(struct matcher *m, const struct cont *k, int pos)
{
    if (!k)
        return !m->re->whole_line || pos == m->len;
    if (!k->group)
        return match_seq(m, k->seq, k->n, pos, k->next);
    /* a round of a group ended at pos */
    int g = k->group->group, old = m->end[g];
    m->end[g] = pos;
    if (pos == k->round_start && k->rounds >= k->group->min) {
        if (resume(m, k->next, pos))    /* an empty round: do not go round again */
            return 1;
    } else if (match_group(m, k->group, k->rounds, pos, k->next)) {
        return 1;
    }
    m->end[g] = old;
    return 0;
}

/* The group g has matched `rounds` times, ending at pos: another round, or what follows. */
static int match_group(struct matcher *m, const struct re_node *g, int rounds, int pos,
                       const struct cont *after)
{
    if (g->max < 0 || rounds < g->max) {
        int old = m->start[g->group];
        struct cont again = { NULL, 0, g, rounds + 1, pos, after };
        m->start[g->group] = pos;
        for (int a = 0; a < g->nalts; a++)
            if (match_seq(m, g->alts[a].nodes, g->alts[a].n, pos, &again))
                return 1;
        m->start[g->group] = old;
    }
    return rounds >= g->min && resume(m, after, pos);
}

static int match_seq(struct matcher *m, const struct re_node *seq, int n, int pos,
                     const struct cont *k)
{
    if (n == 0)
        return resume(m, k, pos);
    const struct re_node *node = &seq[0];
    struct cont rest = { seq + 1, n - 1, NULL, 0, 0, k };

    switch (node->type) {
    case R_BOL:
        return pos == 0 && match_seq(m, seq + 1, n - 1, pos, k);
    case R_EOL:
        return pos == m->len && match_seq(m, seq + 1, n - 1, pos, k);
    case R_GROUP:
        return match_group(m, node, 0, pos, &rest);
    case R_BACKREF: {
        int g = node->group, glen = m->end[g] - m->start[g], reps = 0, p = pos;
        while ((node->max < 0 || reps < node->max) && p + glen <= m->len) {
            int ok = 1;
            for (int i = 0; i < glen && ok; i++)
                ok = same_char(m, m->s[p + i], m->s[m->start[g] + i]);
            if (!ok || (glen == 0 && reps >= node->min))
                break;
            p += glen;
            reps++;
        }
        for (; reps >= node->min; reps--, p -= glen)
            if (match_seq(m, seq + 1, n - 1, p, k))
                return 1;
        return 0;
    }
    default: {
        int reps = 0;
        while ((node->max < 0 || reps < node->max) && one(m, node, pos + reps))
            reps++;
        for (; reps >= node->min; reps--)
            if (match_seq(m, seq + 1, n - 1, pos + reps, k))
                return 1;
        return 0;
    }
    }
}

int regex_match(const struct regex *re, const char *line, int len)
{
    struct matcher m = { re, line, len, { 0 }, { 0 } };

    for (int pos = 0; pos <= len; pos++) {
        if (match_group(&m, re->root, 0, pos, NULL))
            return 1;
        if (re->whole_line)
            break;
    }
    return 0;
}
