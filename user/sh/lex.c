/*
 * lex.c - the shell's tokens (POSIX XCU 2.3, "Token Recognition").
 *
 * A token is an operator (; & | && || ;; ( ) < > >> >| <> <& >& << <<-),
 * a newline, or a word.  A word runs until an unquoted blank or operator
 * character; inside it, '...' and "..." quotes, backslashes, $NAME,
 * ${...}, $(...), $((...)) and `...` are kept as typed -- the word is
 * expanded only when its command runs (expand.c) -- but they are scanned
 * here to find where the word ends: "a b" is one word, and so is
 * $(echo a; echo b).  A command substitution is parsed right away by
 * parse.c, so that ')' inside it (a case pattern) cannot end it early.
 *
 * Backslash-newline joins lines and disappears.  '#' at the start of a
 * token starts a comment.  Digits just before '<' or '>' are an IO_NUMBER
 * (the 2 of 2>file).  After a newline, the lexer reads the bodies of the
 * here-documents that the line opened.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* The character k places after the lexer's position, reading more input if needed; -1 at EOF. */
static int at(struct parser *p, size_t k)
{
    struct source *s = p->src;

    while (s->pos + k >= s->text.len)
        if (source_more(s, s->text.len > 0) <= 0)
            return -1;
    return (unsigned char)s->text.s[s->pos + k];
}

static int cur(struct parser *p)
{
    return at(p, 0);
}

static int next(struct parser *p)
{
    return at(p, 1);
}

static void advance(struct parser *p)
{
    if (p->src->text.s[p->src->pos++] == '\n')
        p->src->lineno++;
}

/* Skip a backslash-newline pair at the position, if there is one.  Returns 1 if it did. */
static int skip_continuation(struct parser *p)
{
    if (cur(p) == '\\' && next(p) == '\n') {
        advance(p);
        advance(p);
        return 1;
    }
    return 0;
}

/* Take the current character into the word. */
static void take(struct parser *p, struct str *w)
{
    str_addc(w, (char)cur(p));
    advance(p);
}

static int scan_dollar(struct parser *p, struct str *w);
static int scan_dquote(struct parser *p, struct str *w);
static int scan_backquote(struct parser *p, struct str *w);

/* '...': everything up to the next quote, literally. */
static int scan_squote(struct parser *p, struct str *w)
{
    int line = p->src->lineno;

    take(p, w);
    while (cur(p) != '\'') {
        if (cur(p) < 0) {
            syntax_error(p, line, "unterminated quoted string");
            return -1;
        }
        take(p, w);
    }
    take(p, w);
    return 0;
}

/*
 * One piece of a word at the position: a backslash and what it quotes, a
 * quoted string, an expansion, or one plain character.  Inside "...",
 * single quotes are plain characters.
 */
static int scan_piece(struct parser *p, struct str *w, int in_dquote)
{
    int c = cur(p);

    if (c == '\\') {
        take(p, w);
        if (cur(p) >= 0)
            take(p, w);
        return 0;
    }
    if (c == '\'' && !in_dquote)
        return scan_squote(p, w);
    if (c == '"' && !in_dquote)
        return scan_dquote(p, w);
    if (c == '$')
        return scan_dollar(p, w);
    if (c == '`')
        return scan_backquote(p, w);
    take(p, w);
    return 0;
}

/* "...": backslash quotes $ ` " \ and newline; $ and ` still expand. */
static int scan_dquote(struct parser *p, struct str *w)
{
    int line = p->src->lineno;

    take(p, w);
    while (cur(p) != '"') {
        if (cur(p) < 0) {
            syntax_error(p, line, "unterminated quoted string");
            return -1;
        }
        if (!skip_continuation(p) && scan_piece(p, w, 1) < 0)
            return -1;
    }
    take(p, w);
    return 0;
}

/* `...`: up to the next unescaped backquote. */
static int scan_backquote(struct parser *p, struct str *w)
{
    int line = p->src->lineno;

    take(p, w);
    while (cur(p) != '`') {
        if (cur(p) < 0) {
            syntax_error(p, line, "unterminated `...`");
            return -1;
        }
        if (cur(p) == '\\')
            take(p, w);
        if (cur(p) >= 0)
            take(p, w);
    }
    take(p, w);
    return 0;
}

/*
 * Inside ${...} or $((...)): up to the closing character, allowing nested
 * quotes and expansions.  For $((, close is ')' and parentheses nest.
 */
static int scan_nested(struct parser *p, struct str *w, char open, char close, int depth)
{
    int line = p->src->lineno;

    for (;;) {
        int c = cur(p);
        if (c < 0) {
            syntax_error(p, line, "missing '%c'", close);
            return -1;
        }
        if (skip_continuation(p))
            continue;
        if (c == close && --depth == 0) {
            take(p, w);
            return 0;
        }
        if (c == open)
            depth++;
        if (scan_piece(p, w, 0) < 0)
            return -1;
    }
}

/* $NAME, ${...}, $(...), $((...)) or a lone '$'. */
static int scan_dollar(struct parser *p, struct str *w)
{
    take(p, w);                                 /* '$' */
    if (cur(p) == '{') {
        take(p, w);
        return scan_nested(p, w, '{', '}', 1);
    }
    if (cur(p) != '(')
        return 0;
    if (next(p) == '(') {                       /* $(( arithmetic )) */
        take(p, w);
        take(p, w);
        if (scan_nested(p, w, '(', ')', 2) < 0)
            return -1;
        if (w->s[w->len - 2] != ')') {
            syntax_error(p, 0, "missing '))'");
            return -1;
        }
        return 0;
    }
    /* $( command ): parse it, and keep its text */
    take(p, w);
    size_t start = p->src->pos;
    if (scan_cmdsubst(p) < 0)
        return -1;
    str_addn(w, p->src->text.s + start, p->src->pos - start);
    return 0;
}

/* Read the rest of a word that starts at the position; *quoted if it had quotes. */
static int scan_word(struct parser *p, struct str *w, int *quoted)
{
    *quoted = 0;
    for (;;) {
        int c = cur(p);
        if (c < 0 || strchr(" \t\n;&|<>()", c))
            return 0;
        if (skip_continuation(p))
            continue;
        if (c == '\\' || c == '\'' || c == '"')
            *quoted = 1;
        if (scan_piece(p, w, 0) < 0)
            return -1;
    }
}

/* Operators, longest first. */
static const struct { const char *text; enum tok_type type; } operators[] = {
    { "&&", T_AND }, { "||", T_OR }, { ";;", T_DSEMI }, { "<<-", T_DLESSDASH },
    { "<<", T_DLESS }, { "<&", T_LESSAND }, { "<>", T_LESSGREAT }, { ">>", T_DGREAT },
    { ">&", T_GREATAND }, { ">|", T_CLOBBER }, { "&", T_AMP }, { "|", T_PIPE },
    { ";", T_SEMI }, { "(", T_LPAREN }, { ")", T_RPAREN }, { "<", T_LESS },
    { ">", T_GREAT }, { "\n", T_NEWLINE },
};

static int read_heredocs(struct parser *p);

/* An operator at the position: fill t and return 0, or -1 if there is none. */
static int lex_operator(struct parser *p, struct token *t)
{
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        const char *op = operators[i].text;
        size_t n = strlen(op), k;
        for (k = 0; k < n && at(p, k) == (unsigned char)op[k]; k++)
            ;
        if (k < n)
            continue;
        while (k--)
            advance(p);
        t->type = operators[i].type;
        if (t->type == T_NEWLINE && p->pending)
            read_heredocs(p);
        return 0;
    }
    return -1;
}

/*
 * Read the next token.  It is built in a local copy: a command
 * substitution inside a word runs the parser, which uses p->tok.
 */
static void lex(struct parser *p)
{
    struct token t = { 0 };
    int c;

    for (;;) {
        c = cur(p);
        if (c == ' ' || c == '\t' || c == '\0')     /* (a NUL byte is dropped) */
            advance(p);
        else if (!skip_continuation(p))
            break;
    }
    if (c == '#')
        while ((c = cur(p)) >= 0 && c != '\n')
            advance(p);
    t.lineno = p->src->lineno;
    t.type = T_EOF;
    if (c >= 0 && lex_operator(p, &t) < 0) {
        struct str w = { 0 };
        if (scan_word(p, &w, &t.quoted) == 0) {
            t.type = T_WORD;
            c = cur(p);
            if (!t.quoted && (c == '<' || c == '>') && strspn(w.s, "0123456789") == w.len)
                t.type = T_IONUM;
            t.text = arena_strndup(p->arena, w.s, w.len);
        }
        free(w.s);
    }
    p->tok = t;
}

/* ---- here-documents ---- */

/* One line of input (without its newline) into line; 0 at EOF. */
static int read_line(struct parser *p, struct str *line)
{
    int c;

    line->len = 0;
    str_adds(line, "");
    if (cur(p) < 0)
        return 0;
    while ((c = cur(p)) >= 0) {
        advance(p);
        if (c == '\n')
            break;
        str_addc(line, (char)c);
    }
    return 1;
}

/* The delimiter with its quotes removed. */
static char *unquote_delim(const char *w)
{
    struct str b = { 0 };
    char q = 0;

    for (; *w; w++) {
        if (q) {
            if (*w == q)
                q = 0;
            else
                str_addc(&b, *w);
        } else if (*w == '\'' || *w == '"') {
            q = *w;
        } else if (*w == '\\' && w[1]) {
            str_addc(&b, *++w);
        } else {
            str_addc(&b, *w);
        }
    }
    return str_take(&b);
}

/* The bodies of the pending here-documents, in order, after a newline. */
static int read_heredocs(struct parser *p)
{
    struct str line = { 0 };

    for (struct redir *r = p->pending; r; r = r->here_next) {
        struct str body = { 0 };
        char *end = unquote_delim(r->here_end);
        str_adds(&body, "");
        while (read_line(p, &line)) {
            char *s = line.s;
            if (r->here_strip)
                while (*s == '\t')
                    s++;
            if (!strcmp(s, end))
                break;
            str_adds(&body, s);
            str_addc(&body, '\n');
        }
        r->word = arena_strndup(p->arena, body.s, body.len);
        free(body.s);
        free(end);
    }
    free(line.s);
    p->pending = NULL;
    return 0;
}

/* ---- the parser's view ---- */

struct token *peek(struct parser *p)
{
    if (!p->have_tok) {
        if (p->error)
            p->tok.type = T_EOF;
        else
            lex(p);
        p->have_tok = 1;
    }
    return &p->tok;
}

void consume(struct parser *p)
{
    peek(p);
    p->have_tok = 0;
}

const char *tok_name(const struct token *t)
{
    if (t->type == T_WORD || t->type == T_IONUM)
        return t->text;
    if (t->type == T_EOF)
        return "end of file";
    if (t->type == T_NEWLINE)
        return "newline";
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
        if (operators[i].type == t->type)
            return operators[i].text;
    return "?";
}

/* A token for a message: "fi" in quotes, or the words end of file / newline. */
const char *tok_desc(const struct token *t)
{
    static char buf[80];

    if (t->type == T_EOF || t->type == T_NEWLINE)
        return tok_name(t);
    snprintf(buf, sizeof buf, "\"%.60s\"", tok_name(t));
    return buf;
}

/*
 * "NAME: line N: syntax error: ..." -- once per command.  The line is the
 * given one, else the current token's.
 */
void syntax_error(struct parser *p, int line, const char *fmt, ...)
{
    va_list ap;

    if (p->error)
        return;
    p->error = 1;
    if (p->quiet || p->src->interrupted)
        return;
    if (!line)
        line = p->have_tok ? p->tok.lineno : p->src->lineno;
    fprintf(stderr, "%s: line %d: syntax error: ", p->src->name, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
