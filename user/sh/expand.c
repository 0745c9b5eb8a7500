/*
 * expand.c - word expansion (POSIX XCU 2.6), done when a command runs.
 *
 * A word is walked once, left to right: quotes are noted and dropped,
 * '~' becomes $HOME, and $-forms, `...` and $((...)) are replaced by
 * their values.  Each byte of the result carries a mark saying what may
 * still happen to it:
 *     Q_LIT     typed unquoted: may be a pattern character
 *     Q_QUOTED  quoted: taken literally
 *     Q_EXP     came from an unquoted expansion: split at $IFS, pattern
 * and two markers that are not bytes of the result: Q_BREAK (a field ends
 * here: between the words of "$@") and Q_EMPTY (a quoted "" stood here,
 * so the field exists even if it is empty).  Then, for command arguments,
 * field splitting cuts at Q_EXP bytes found in $IFS, and each field that
 * has an unquoted * ? or [ becomes the list of matching path names, if
 * there is any (glob.c).  Assignments, redirection targets and the word
 * of 'case' are not split or globbed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

enum { Q_LIT, Q_QUOTED, Q_EXP, Q_BREAK, Q_EMPTY };

/* Expanded text: bytes and their marks. */
struct xbuf {
    struct str s;
    char *q;
    size_t qcap;
};

static void xadd(struct xbuf *x, char c, int q)
{
    if (x->s.len + 1 > x->qcap) {
        x->qcap = x->qcap ? 2 * x->qcap : 64;
        x->q = xrealloc(x->q, x->qcap);
    }
    x->q[x->s.len] = (char)q;
    str_addc(&x->s, c);
}

static void xadds(struct xbuf *x, const char *s, int q)
{
    while (*s)
        xadd(x, *s++, q);
}

static void xfree(struct xbuf *x)
{
    free(x->s.s);
    free(x->q);
    memset(x, 0, sizeof *x);
}

void fields_add(struct fields *f, char *s)
{
    if (f->n + 2 > f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->v = xrealloc(f->v, f->cap * sizeof *f->v);
    }
    f->v[f->n++] = s;
    f->v[f->n] = NULL;
}

void fields_free(struct fields *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    free(f->v);
    memset(f, 0, sizeof *f);
}

/* An expansion error: in a script, the shell stops (as POSIX asks). */
static int fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", sh.name);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    if (!sh.interactive)
        sh_exit(2);
    return -1;
}

enum mode { M_WORD, M_HEREDOC };

static int expand_text(struct xbuf *x, const char *p, const char *end, enum mode mode, int dq);
static char *expand_pattern_part(const char *p, const char *end);

/* ---- finding the end of nested constructs ---- */

/* Past the '}' closing a "${" whose text starts at p; NULL if none. */
static const char *brace_end(const char *p)
{
    int depth = 1;

    for (; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '\'') {
            const char *q = strchr(p + 1, '\'');
            if (!q)
                return NULL;
            p = q;
        } else if (p[0] == '$' && p[1] == '(') {
            long n = subst_length(p + 2);
            if (n < 0)
                return NULL;
            p += 1 + n;
        } else if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p + 1;
    }
    return NULL;
}

/* Past the "))" closing a "$((" whose text starts at p; NULL if none. */
static const char *arith_end(const char *p)
{
    int depth = 2;

    for (; *p; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && --depth == 0)
            return p + 1;
    }
    return NULL;
}

/* ---- parameters ---- */

/* The value of a special or positional parameter, or a variable; NULL if unset. */
static const char *param_value(const char *name, char *tmp, size_t tmpsize)
{
    if (name[0] >= '0' && name[0] <= '9') {
        int i = atoi(name);
        if (i == 0)
            return arg0;
        return i <= params.n ? params.v[i - 1] : NULL;
    }
    if (name[1] == '\0') {
        switch (name[0]) {
        case '?': snprintf(tmp, tmpsize, "%d", sh.status); return tmp;
        case '$': snprintf(tmp, tmpsize, "%d", (int)sh.shell_pid); return tmp;
        case '#': snprintf(tmp, tmpsize, "%d", params.n); return tmp;
        case '!':
            if (!sh.last_bg)
                return NULL;
            snprintf(tmp, tmpsize, "%d", (int)sh.last_bg);
            return tmp;
        case '-':
            snprintf(tmp, tmpsize, "%s%s%s%s", sh.errexit ? "e" : "", sh.noglob ? "f" : "",
                     sh.nounset ? "u" : "", sh.xtrace ? "x" : "");
            return tmp;
        }
    }
    return var_get(name);
}

/* Insert a value: quoted inside "...", else subject to splitting. */
static void add_value(struct xbuf *x, const char *v, int dq)
{
    xadds(x, v, dq ? Q_QUOTED : Q_EXP);
}

/* $@ or $*: the positional parameters, as separate fields where that applies. */
static void add_params(struct xbuf *x, char which, int dq)
{
    const char *ifs = var_get("IFS");
    char sep = ifs ? ifs[0] : ' ';

    for (int i = 0; i < params.n; i++) {
        if (i > 0 && (!dq || which == '@'))
            xadd(x, 0, Q_BREAK);
        else if (i > 0 && sep)
            xadd(x, sep, Q_QUOTED);
        if (dq)
            xadd(x, 0, Q_EMPTY);                /* "$@": empty words stay */
        add_value(x, params.v[i], dq);
    }
}

/* The name at p: a variable name, digits, or one special character.  Returns its length. */
static size_t param_name_len(const char *p, int braced)
{
    size_t n = 0;

    if (*p >= '0' && *p <= '9') {
        if (!braced)
            return 1;                           /* $10 is ${1}0 */
        while (p[n] >= '0' && p[n] <= '9')
            n++;
        return n;
    }
    if (*p && strchr("@*#?$!-", *p))
        return 1;
    while (var_is_name(p, n + 1))
        n++;
    return n;
}

/* Remove the shortest or longest prefix or suffix matching pat. */
static char *trim(const char *v, const char *pat, int suffix, int longest)
{
    size_t len = strlen(v);
    char *buf = xstrdup(v);

    for (size_t k = 0; k <= len; k++) {
        size_t cut = longest ? len - k : k;     /* length of the part tried */
        int hit;
        if (suffix) {
            hit = pattern_match(pat, v + len - cut);
        } else {
            buf[cut] = '\0';
            hit = pattern_match(pat, buf);
            buf[cut] = v[cut];
        }
        if (hit) {
            free(buf);
            return suffix ? xstrndup(v, len - cut) : xstrdup(v + cut);
        }
    }
    free(buf);
    return xstrdup(v);
}

/* Expand the word of ${name OP word} to a plain string (no splitting). */
static char *word_string(const char *p, const char *end, int dq)
{
    struct xbuf w = { 0 };

    if (expand_text(&w, p, end, M_WORD, dq) < 0) {
        xfree(&w);
        return NULL;
    }
    struct str out = { 0 };
    str_adds(&out, "");
    for (size_t i = 0; i < w.s.len; i++)
        if (w.q[i] != Q_BREAK && w.q[i] != Q_EMPTY)
            str_addc(&out, w.s.s[i]);
    xfree(&w);
    return str_take(&out);
}

/* A parameter's value, or $@/$* (all), into x. */
static void add_param(struct xbuf *x, const char *name, const char *v, int all, int dq)
{
    if (all)
        add_params(x, name[0], dq);
    else if (v)
        add_value(x, v, dq);
}

/*
 * The operator part of ${name OP word} (p at OP, after any ':'): - = + ?
 * (colon: an empty value counts as unset), and % %% # ## (trim a
 * suffix or prefix matching the pattern word).
 */
static int braced_op(struct xbuf *x, const char *name, const char *v, int all, int colon,
                     const char *p, const char *end, int dq)
{
    char op = *p++;

    if (op == '%' || op == '#') {
        int longest = *p == op;
        if (colon)
            return fail("%s", "bad substitution");
        char *pat = expand_pattern_part(p + longest, end);
        if (!pat)
            return -1;
        char *r = trim(v ? v : "", pat, op == '%', longest);
        add_value(x, r, dq);
        free(r);
        free(pat);
        return 0;
    }
    if (!strchr("-=+?", op))
        return fail("%s", "bad substitution");
    int is_set = v && !(colon && !*v);
    if (op == '+')
        return is_set ? expand_text(x, p, end, M_WORD, dq) : 0;
    if (is_set) {
        add_param(x, name, v, all, dq);
        return 0;
    }
    if (op == '-')
        return expand_text(x, p, end, M_WORD, dq);
    char *w = word_string(p, end, dq);
    if (!w)
        return -1;
    if (op == '?') {
        fail(*w ? "%s" : "parameter not set", *w ? w : name);
        free(w);
        return -1;
    }
    if (!var_is_name(name, strlen(name))) {   /* '=': only variables can be assigned */
        free(w);
        return fail("%s: cannot assign in this way", name);
    }
    var_set(name, w, 0);
    add_value(x, w, dq);
    free(w);
    return 0;
}

/* ${...} whose inside is [p, end): ${name}, ${#name}, or ${name OP word} (braced_op). */
static int expand_braced(struct xbuf *x, const char *p, const char *end, int dq)
{
    char tmp[32], name[256];
    int length = 0;

    if (p[0] == '#' && p + 1 < end && param_name_len(p + 1, 1) == (size_t)(end - p - 1)) {
        length = 1;                             /* ${#name} */
        p++;
    }
    size_t n = param_name_len(p, 1);
    if (n == 0 || n >= sizeof name)
        return fail("%s", "bad substitution");
    memcpy(name, p, n);
    name[n] = '\0';
    p += n;
    const char *v = param_value(name, tmp, sizeof tmp);
    int all = !strcmp(name, "@") || !strcmp(name, "*");
    if (all && params.n == 0)
        v = NULL;
    if (length) {
        snprintf(tmp, sizeof tmp, "%zu", v ? strlen(v) : (size_t)0);
        add_value(x, tmp, dq);
        return 0;
    }
    if (p < end) {
        int colon = *p == ':';
        return braced_op(x, name, v, all, colon, p + colon, end, dq);
    }
    if (!v && sh.nounset && !all)
        return fail("%s: parameter not set", name);
    add_param(x, name, v, all, dq);
    return 0;
}

/* ---- $-forms, `...` and the walk ---- */

/* $(( expr )): the expression is expanded as if in "...", then evaluated. */
static int expand_arith(struct xbuf *x, const char *p, const char *end, int dq)
{
    char *expr = word_string(p, end, 1);
    long v;
    char num[32];

    if (!expr)
        return -1;
    int r = arith_eval(expr, &v);      /* (it says what was wrong) */
    free(expr);
    if (r < 0) {
        if (!sh.interactive)
            sh_exit(2);
        return -1;
    }
    snprintf(num, sizeof num, "%ld", v);
    add_value(x, num, dq);
    return 0;
}

/* $( cmds ) or `cmds`: what the commands print, minus trailing newlines. */
static void add_output(struct xbuf *x, const char *text, int dq)
{
    char *out = command_output(text);

    add_value(x, out, dq);
    free(out);
}

/* One $-form at *pp; moves *pp past it.  *at is set for a "$@" with no words. */
static int expand_dollar(struct xbuf *x, const char **pp, const char *end, int dq, int *at)
{
    const char *s = *pp + 1, *e;
    char tmp[32], name[256];

    if (s < end && *s == '{') {
        if (!(e = brace_end(s + 1)) || e > end)
            return fail("%s", "bad substitution");
        *pp = e;
        if (dq && e - s == 3 && s[1] == '@' && params.n == 0)
            *at = 1;
        return expand_braced(x, s + 1, e - 1, dq);
    }
    if (s + 1 < end && s[0] == '(' && s[1] == '(') {
        if (!(e = arith_end(s + 2)) || e > end)
            return fail("%s", "missing '))'");
        *pp = e;
        return expand_arith(x, s + 2, e - 2, dq);
    }
    if (s < end && *s == '(') {
        long n = subst_length(s + 1);
        if (n < 0 || s + 1 + n > end)
            return fail("%s", "bad command substitution");
        char *text = xstrndup(s + 1, n - 1);
        add_output(x, text, dq);
        free(text);
        *pp = s + 1 + n;
        return 0;
    }
    size_t n = s < end ? param_name_len(s, 0) : 0;
    if (n == 0 || n >= sizeof name) {
        xadd(x, '$', dq ? Q_QUOTED : Q_LIT);    /* a lone '$' */
        *pp = s;
        return 0;
    }
    memcpy(name, s, n);
    name[n] = '\0';
    *pp = s + n;
    if (!strcmp(name, "@") || !strcmp(name, "*")) {
        if (dq && name[0] == '@' && params.n == 0)
            *at = 1;
        add_params(x, name[0], dq);
        return 0;
    }
    const char *v = param_value(name, tmp, sizeof tmp);
    if (!v && sh.nounset)
        return fail("%s: parameter not set", name);
    if (v)
        add_value(x, v, dq);
    return 0;
}

/* `...` at *pp: the text between the backquotes, with \$ \` \\ (and \" in "...") unescaped. */
static int expand_backquote(struct xbuf *x, const char **pp, const char *end, int dq)
{
    struct str text = { 0 };
    const char *p = *pp + 1;

    str_adds(&text, "");
    for (; p < end && *p != '`'; p++) {
        if (*p == '\\' && p + 1 < end && (strchr("$`\\", p[1]) || (dq && p[1] == '"')))
            p++;
        str_addc(&text, *p);
    }
    *pp = p < end ? p + 1 : p;
    add_output(x, text.s, dq);
    free(text.s);
    return 0;
}

/* A backslash at *pp: what it quotes depends on where it is. */
static void expand_backslash(struct xbuf *x, const char **pp, const char *end, enum mode mode, int dq)
{
    const char *p = *pp;

    if (p + 1 >= end) {                         /* a backslash at the very end */
        xadd(x, '\\', Q_QUOTED);
        *pp = p + 1;
        return;
    }
    if (mode == M_HEREDOC || dq) {
        if (p[1] == '\n') {                     /* line continuation */
            *pp = p + 2;
            return;
        }
        if (!strchr("$`\\", p[1]) && !(dq && mode == M_WORD && p[1] == '"')) {
            xadd(x, '\\', Q_QUOTED);            /* stays a backslash */
            *pp = p + 1;
            return;
        }
    }
    xadd(x, p[1], Q_QUOTED);
    *pp = p + 2;
}

/*
 * Expand the raw text [p, end) into x.  dq: we start inside "...".
 * In M_HEREDOC mode quotes are ordinary characters.
 */
static int expand_text(struct xbuf *x, const char *p, const char *end, enum mode mode, int dq)
{
    size_t mark = 0;        /* where the marker of the open "..." is */
    int at = 0;             /* a "$@" with no words inside this "..." */

    while (p < end) {
        int r = 0;
        if (*p == '\\') {
            expand_backslash(x, &p, end, mode, dq);
        } else if (*p == '\'' && mode == M_WORD && !dq) {
            const char *q = memchr(p + 1, '\'', end - p - 1);
            if (!q)
                q = end;
            xadd(x, 0, Q_EMPTY);
            for (p++; p < q; p++)
                xadd(x, *p, Q_QUOTED);
            p = q < end ? q + 1 : q;
        } else if (*p == '"' && mode == M_WORD) {
            dq = !dq;
            p++;
            if (dq) {
                mark = x->s.len;
                at = 0;
                xadd(x, 0, Q_EMPTY);
            } else if (at && x->s.len == mark + 1) {
                x->s.s[--x->s.len] = '\0';      /* "$@" alone: no field at all */
            }
        } else if (*p == '$') {
            r = expand_dollar(x, &p, end, dq, &at);
        } else if (*p == '`') {
            r = expand_backquote(x, &p, end, dq);
        } else {
            xadd(x, *p++, dq ? Q_QUOTED : Q_LIT);
        }
        if (r < 0)
            return -1;
    }
    return 0;
}

/* ---- fields ---- */

/* The bytes of x[from, to) without the markers. */
static char *plain(const struct xbuf *x, size_t from, size_t to)
{
    struct str out = { 0 };

    str_adds(&out, "");
    for (size_t i = from; i < to; i++)
        if (x->q[i] != Q_BREAK && x->q[i] != Q_EMPTY)
            str_addc(&out, x->s.s[i]);
    return str_take(&out);
}

/* x[from, to) as a pattern: quoted pattern characters get a backslash. */
static char *as_pattern(const struct xbuf *x, size_t from, size_t to, int *has_magic)
{
    struct str out = { 0 };

    *has_magic = 0;
    str_adds(&out, "");
    for (size_t i = from; i < to; i++) {
        char c = x->s.s[i];
        int q = x->q[i];
        if (q == Q_BREAK || q == Q_EMPTY)
            continue;
        if ((q == Q_QUOTED && strchr("*?[]\\", c)) || (q == Q_EXP && c == '\\'))
            str_addc(&out, '\\');
        else if (strchr("*?[", c))
            *has_magic = 1;
        str_addc(&out, c);
    }
    return str_take(&out);
}

/* A finished field: its matching path names if it is a pattern that matches, else itself. */
static void add_field(const struct xbuf *x, size_t from, size_t to, struct fields *out)
{
    int magic;

    if (!sh.noglob) {
        char *pat = as_pattern(x, from, to, &magic);
        int before = out->n;
        if (magic)
            glob_expand(pat, out);
        free(pat);
        if (out->n > before)
            return;
    }
    fields_add(out, plain(x, from, to));
}

static int is_ifs(const struct xbuf *x, size_t i, const char *ifs)
{
    return x->q[i] == Q_EXP && x->s.s[i] && strchr(ifs, x->s.s[i]);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Field splitting (XCU 2.6.5): a run of $IFS white space, or one other
 * $IFS character with the white space around it, ends a field.  Only bytes
 * that came from unquoted expansions count.
 */
static void split(const struct xbuf *x, struct fields *out)
{
    const char *ifs = var_get("IFS");
    size_t start = 0, i = 0;
    int started = 0;        /* the current field has a byte or a "" */

    if (!ifs)
        ifs = " \t\n";
    while (i < x->s.len) {
        if (x->q[i] == Q_BREAK) {
            if (started)
                add_field(x, start, i, out);
            start = ++i;
            started = 0;
            continue;
        }
        if (!is_ifs(x, i, ifs)) {
            started = 1;
            i++;
            continue;
        }
        size_t end = i;
        int hard = 0;       /* a non-white-space delimiter */
        while (i < x->s.len && is_ifs(x, i, ifs) && is_space(x->s.s[i]))
            i++;
        if (i < x->s.len && is_ifs(x, i, ifs) && !is_space(x->s.s[i])) {
            hard = 1;
            i++;
            while (i < x->s.len && is_ifs(x, i, ifs) && is_space(x->s.s[i]))
                i++;
        }
        if (started || hard)
            add_field(x, start, end, out);
        start = i;
        started = 0;
    }
    if (started)
        add_field(x, start, i, out);
}

/* ---- entry points ---- */

/* Expand a word from the start: '~' or '~/...' first. */
static int expand_start(struct xbuf *x, const char *word, enum mode mode)
{
    if (mode == M_WORD && word[0] == '~' && (word[1] == '/' || word[1] == '\0')) {
        const char *home = var_get("HOME");
        xadds(x, home ? home : "~", Q_QUOTED);
        word++;
    }
    return expand_text(x, word, word + strlen(word), mode, 0);
}

/* Expand n words into fields (split and globbed with EXP_SPLIT).  -1 on error. */
int expand_words(char **words, int n, int flags, struct fields *out)
{
    for (int i = 0; i < n; i++) {
        struct xbuf x = { 0 };
        if (expand_start(&x, words[i], M_WORD) < 0) {
            xfree(&x);
            return -1;
        }
        if (flags & EXP_SPLIT)
            split(&x, out);
        else
            fields_add(out, plain(&x, 0, x.s.len));
        xfree(&x);
    }
    return 0;
}

/* One word, not split: assignments, redirection targets, case words.  NULL on error. */
char *expand_one(const char *word)
{
    struct xbuf x = { 0 };
    char *s = NULL;

    if (expand_start(&x, word, M_WORD) == 0)
        s = plain(&x, 0, x.s.len);
    xfree(&x);
    return s;
}

static char *expand_pattern_part(const char *p, const char *end)
{
    struct xbuf x = { 0 };
    char *s = NULL;
    int magic;

    if (expand_text(&x, p, end, M_WORD, 0) == 0)
        s = as_pattern(&x, 0, x.s.len, &magic);
    xfree(&x);
    return s;
}

/* A case pattern: quoted characters match themselves. */
char *expand_pattern(const char *word)
{
    return expand_pattern_part(word, word + strlen(word));
}

/* The body of a here-document whose delimiter was not quoted. */
char *expand_heredoc(const char *body)
{
    struct xbuf x = { 0 };
    char *s = NULL;

    if (expand_text(&x, body, body + strlen(body), M_HEREDOC, 0) == 0)
        s = plain(&x, 0, x.s.len);
    xfree(&x);
    return s;
}
