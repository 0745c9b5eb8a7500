/*
 * parse.c - the shell grammar (POSIX XCU 2.10), by recursive descent.
 *
 *   command_line : and_or ((';' | '&') and_or)* [';' | '&'] NEWLINE
 *   and_or       : pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline     : ['!'] command ('|' linebreak command)*
 *   command      : simple_command | compound_command redirect*
 *                | NAME '(' ')' linebreak compound_command redirect*
 *   compound     : '{' list '}' | '(' list ')' | if | while | until | for | case
 *   list         : and_or separated by ';', '&' or newlines, up to a
 *                  reserved word that ends it (then, fi, done, ...)
 *
 * Reserved words (if, then, ..., '{', '}', '!') are words like any other,
 * recognised only where a command may start and only when unquoted.  The
 * top level reads one command line at a time, so a script runs line by
 * line and a syntax error on line 9 stops the script there, after lines
 * 1 to 8 have run (as in other shells).
 */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define MAX_DEPTH 200           /* nesting of compound commands */

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command(struct parser *p);

static struct node *new_node(struct parser *p, enum node_type type)
{
    struct node *n = arena_alloc(p->arena, sizeof *n);

    memset(n, 0, sizeof *n);
    n->type = type;
    n->lineno = peek(p)->lineno;
    return n;
}

static struct node *new_pair(struct parser *p, enum node_type type, struct node *a, struct node *b)
{
    struct node *n = new_node(p, type);

    n->a = a;
    n->b = b;
    n->lineno = a ? a->lineno : n->lineno;
    return n;
}

/* Is the current token the unquoted word w? */
static int is_word(struct parser *p, const char *w)
{
    struct token *t = peek(p);

    return t->type == T_WORD && !t->quoted && !strcmp(t->text, w);
}

static void skip_newlines(struct parser *p)
{
    while (peek(p)->type == T_NEWLINE)
        consume(p);
}

/* Consume the reserved word w, or report what came instead. */
static int expect(struct parser *p, const char *w)
{
    if (is_word(p, w)) {
        consume(p);
        return 0;
    }
    syntax_error(p, 0, "unexpected %s (expecting \"%s\")", tok_desc(peek(p)), w);
    return -1;
}

static int unexpected(struct parser *p)
{
    syntax_error(p, 0, "unexpected %s", tok_desc(peek(p)));
    return -1;
}

/* Does the current token end a list?  (A reserved word, ')', ';;', EOF.) */
static int ends_list(struct parser *p)
{
    static const char *const enders[] = {
        "then", "else", "elif", "fi", "do", "done", "esac", "}", NULL,
    };
    enum tok_type t = peek(p)->type;

    if (t == T_EOF || t == T_RPAREN || t == T_DSEMI)
        return 1;
    for (int i = 0; enders[i]; i++)
        if (is_word(p, enders[i]))
            return 1;
    return 0;
}

/* Append and-or list n (run in the background if t is '&') to list. */
static struct node *append(struct parser *p, struct node *list, struct node *n, enum tok_type t)
{
    if (t == T_AMP)
        n = new_pair(p, N_ASYNC, n, NULL);
    return list ? new_pair(p, N_SEQ, list, n) : n;
}

/*
 * A list inside a compound command: and-or lists separated by ';', '&' or
 * newlines, ending before a reserved word.  An empty list is an error
 * except where allowed (a case item's, $( )).
 */
static struct node *parse_list(struct parser *p, int allow_empty)
{
    struct node *list = NULL;

    skip_newlines(p);
    while (!p->error && !ends_list(p)) {
        struct node *n = parse_and_or(p);
        if (!n)
            return NULL;
        enum tok_type t = peek(p)->type;
        list = append(p, list, n, t);
        if (t != T_AMP && t != T_SEMI && t != T_NEWLINE)
            break;
        consume(p);
        skip_newlines(p);
    }
    if (!list && !allow_empty && !p->error)
        unexpected(p);
    return p->error ? NULL : list;
}

static struct node *parse_pipeline(struct parser *p)
{
    int negate = 0;
    struct node *pipe = NULL, *n;

    if (is_word(p, "!")) {
        consume(p);
        negate = 1;
    }
    for (;;) {
        if (!(n = parse_command(p)))
            return NULL;
        if (!pipe && peek(p)->type != T_PIPE) {
            pipe = n;
            break;
        }
        if (!pipe)
            pipe = new_node(p, N_PIPE);
        pipe->kids = xrealloc(pipe->kids, (pipe->nkids + 1) * sizeof *pipe->kids);
        pipe->kids[pipe->nkids++] = n;
        if (peek(p)->type != T_PIPE)
            break;
        consume(p);
        skip_newlines(p);
    }
    if (pipe->type == N_PIPE) {     /* move the stages into the arena */
        struct node **kids = arena_alloc(p->arena, pipe->nkids * sizeof *kids);
        memcpy(kids, pipe->kids, pipe->nkids * sizeof *kids);
        free(pipe->kids);
        pipe->kids = kids;
        pipe->lineno = kids[0]->lineno;
    }
    return negate ? new_pair(p, N_NOT, pipe, NULL) : pipe;
}

static struct node *parse_and_or(struct parser *p)
{
    struct node *left = parse_pipeline(p);

    while (left) {
        enum tok_type t = peek(p)->type;
        if (t != T_AND && t != T_OR)
            break;
        consume(p);
        skip_newlines(p);
        struct node *right = parse_pipeline(p);
        if (!right)
            return NULL;
        left = new_pair(p, t == T_AND ? N_AND : N_OR, left, right);
    }
    return left;
}

/* ---- words and redirections ---- */

/* Append a copy of the current word to a NULL-terminated vector. */
static void add_word(struct parser *p, char ***v, int *n)
{
    char **nv = arena_alloc(p->arena, (*n + 2) * sizeof *nv);

    if (*n)
        memcpy(nv, *v, *n * sizeof *nv);
    nv[(*n)++] = peek(p)->text;
    nv[*n] = NULL;
    *v = nv;
    consume(p);
}

static int is_redirect(struct parser *p)
{
    enum tok_type t = peek(p)->type;

    return t == T_IONUM || (t >= T_LESS && t <= T_DLESSDASH);
}

/* One redirection, appended at *tail. */
static int parse_redirect(struct parser *p, struct redir ***tail)
{
    static const enum redir_kind kinds[] = {
        [T_LESS] = R_IN, [T_GREAT] = R_OUT, [T_DGREAT] = R_APPEND,
        [T_CLOBBER] = R_CLOBBER, [T_LESSGREAT] = R_RDWR, [T_LESSAND] = R_DUPIN,
        [T_GREATAND] = R_DUPOUT, [T_DLESS] = R_HEREDOC, [T_DLESSDASH] = R_HEREDOC,
    };
    struct redir *r = arena_alloc(p->arena, sizeof *r);
    int fd = -1;

    memset(r, 0, sizeof *r);
    if (peek(p)->type == T_IONUM) {
        fd = atoi(peek(p)->text);
        consume(p);
        if (!is_redirect(p) || peek(p)->type == T_IONUM)
            return unexpected(p);
    }
    enum tok_type op = peek(p)->type;
    consume(p);
    if (peek(p)->type != T_WORD) {
        struct token optok = { .type = op };
        syntax_error(p, 0, "unexpected %s (expecting a word after \"%s\")",
                     tok_desc(peek(p)), tok_name(&optok));
        return -1;
    }
    r->kind = kinds[op];
    r->fd = fd >= 0 ? fd : (op == T_LESS || op == T_LESSAND || op == T_LESSGREAT ||
                            r->kind == R_HEREDOC) ? 0 : 1;
    if (r->kind == R_HEREDOC) {
        struct redir **q = &p->pending;
        r->here_end = peek(p)->text;
        r->here_quoted = peek(p)->quoted;
        r->here_strip = op == T_DLESSDASH;
        while (*q)
            q = &(*q)->here_next;
        *q = r;
    } else {
        r->word = peek(p)->text;
    }
    consume(p);
    **tail = r;
    *tail = &r->next;
    return 0;
}

static int parse_redirects(struct parser *p, struct node *n)
{
    struct redir **tail = &n->redirs;

    while (*tail)
        tail = &(*tail)->next;
    while (is_redirect(p))
        if (parse_redirect(p, &tail) < 0)
            return -1;
    return 0;
}

/* NAME=value, NAME a valid name, unquoted up to the '='. */
static int is_assignment(const struct token *t)
{
    const char *eq = strchr(t->text, '=');

    return eq && eq > t->text && var_is_name(t->text, eq - t->text);
}

static struct node *parse_function(struct parser *p, struct node *cmd)
{
    struct node *f = new_node(p, N_FUNC);

    f->lineno = cmd->lineno;
    f->name = cmd->words[0];
    consume(p);                                 /* '(' */
    if (peek(p)->type != T_RPAREN) {
        syntax_error(p, 0, "unexpected %s (expecting \")\")", tok_desc(peek(p)));
        return NULL;
    }
    consume(p);
    skip_newlines(p);
    if (!(f->a = parse_command(p)))
        return NULL;
    if (f->a->type == N_CMD || f->a->type == N_FUNC) {
        syntax_error(p, f->a->lineno, "a function body must be a compound command");
        return NULL;
    }
    p->arena->keep = 1;                         /* the body outlives this command */
    return f;
}

static struct node *parse_simple(struct parser *p)
{
    struct node *n = new_node(p, N_CMD);
    struct redir **tail = &n->redirs;

    for (;;) {
        struct token *t = peek(p);
        if (is_redirect(p)) {
            if (parse_redirect(p, &tail) < 0)
                return NULL;
        } else if (t->type == T_WORD) {
            if (n->nwords == 0 && is_assignment(t)) {
                add_word(p, &n->assigns, &n->nassigns);
                continue;
            }
            add_word(p, &n->words, &n->nwords);
            if (n->nwords == 1 && !n->nassigns && !n->redirs && peek(p)->type == T_LPAREN &&
                var_is_name(n->words[0], strlen(n->words[0])))
                return parse_function(p, n);
        } else {
            break;
        }
    }
    if (!n->nwords && !n->nassigns && !n->redirs) {
        unexpected(p);
        return NULL;
    }
    return n;
}

/* ---- compound commands ---- */

static struct node *parse_if(struct parser *p)
{
    struct node *n = new_node(p, N_IF);

    consume(p);                                 /* "if" or "elif" */
    if (!(n->a = parse_list(p, 0)) || expect(p, "then") < 0 || !(n->b = parse_list(p, 0)))
        return NULL;
    if (is_word(p, "elif"))
        return (n->c = parse_if(p)) ? n : NULL;     /* its "fi" is ours */
    if (is_word(p, "else")) {
        consume(p);
        if (!(n->c = parse_list(p, 0)))
            return NULL;
    }
    return expect(p, "fi") < 0 ? NULL : n;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
    struct node *n = new_node(p, type);

    consume(p);                                 /* "while" or "until" */
    if (!(n->a = parse_list(p, 0)) || expect(p, "do") < 0 || !(n->b = parse_list(p, 0)) ||
        expect(p, "done") < 0)
        return NULL;
    return n;
}

static struct node *parse_for(struct parser *p)
{
    struct node *n = new_node(p, N_FOR);

    consume(p);                                 /* "for" */
    struct token *t = peek(p);
    if (t->type != T_WORD || t->quoted || !var_is_name(t->text, strlen(t->text))) {
        syntax_error(p, 0, "bad for loop variable %s", tok_desc(t));
        return NULL;
    }
    n->name = t->text;
    consume(p);
    skip_newlines(p);
    if (is_word(p, "in")) {
        consume(p);
        n->words = arena_alloc(p->arena, sizeof *n->words);
        n->words[0] = NULL;
        while (peek(p)->type == T_WORD)
            add_word(p, &n->words, &n->nwords);
        if (peek(p)->type != T_SEMI && peek(p)->type != T_NEWLINE) {
            unexpected(p);
            return NULL;
        }
        consume(p);
    } else if (peek(p)->type == T_SEMI) {
        consume(p);
    }
    skip_newlines(p);
    if (expect(p, "do") < 0 || !(n->b = parse_list(p, 0)) || expect(p, "done") < 0)
        return NULL;
    return n;
}

/* One case item: [(] pattern [| pattern]... ) list [;;] */
static struct case_item *parse_case_item(struct parser *p)
{
    struct case_item *item = arena_alloc(p->arena, sizeof *item);
    int n = 0;

    memset(item, 0, sizeof *item);
    if (peek(p)->type == T_LPAREN)
        consume(p);
    for (;;) {
        if (peek(p)->type != T_WORD) {
            unexpected(p);
            return NULL;
        }
        add_word(p, &item->patterns, &n);
        if (peek(p)->type != T_PIPE)
            break;
        consume(p);
    }
    if (peek(p)->type != T_RPAREN) {
        syntax_error(p, 0, "unexpected %s (expecting \")\")", tok_desc(peek(p)));
        return NULL;
    }
    consume(p);
    item->body = parse_list(p, 1);
    if (p->error)
        return NULL;
    if (peek(p)->type == T_DSEMI) {
        consume(p);
        skip_newlines(p);
    } else if (!is_word(p, "esac")) {
        unexpected(p);
        return NULL;
    }
    return item;
}

static struct node *parse_case(struct parser *p)
{
    struct node *n = new_node(p, N_CASE);
    struct case_item **tail = &n->items;

    consume(p);                                 /* "case" */
    if (peek(p)->type != T_WORD) {
        unexpected(p);
        return NULL;
    }
    n->name = peek(p)->text;
    consume(p);
    skip_newlines(p);
    if (expect(p, "in") < 0)
        return NULL;
    skip_newlines(p);
    while (!is_word(p, "esac")) {
        if (!(*tail = parse_case_item(p)))
            return NULL;
        tail = &(*tail)->next;
    }
    consume(p);
    return n;
}

/* '{ list }' or '( list )' */
static struct node *parse_group(struct parser *p, enum node_type type)
{
    struct node *n = new_node(p, type);

    consume(p);
    if (!(n->a = parse_list(p, 0)))
        return NULL;
    if (type == N_GROUP)
        return expect(p, "}") < 0 ? NULL : n;
    if (peek(p)->type != T_RPAREN) {
        syntax_error(p, 0, "unexpected %s (expecting \")\")", tok_desc(peek(p)));
        return NULL;
    }
    consume(p);
    return n;
}

static struct node *parse_compound(struct parser *p)
{
    if (peek(p)->type == T_LPAREN)
        return parse_group(p, N_SUBSHELL);
    if (is_word(p, "{"))
        return parse_group(p, N_GROUP);
    if (is_word(p, "if"))
        return parse_if(p);
    if (is_word(p, "while"))
        return parse_loop(p, N_WHILE);
    if (is_word(p, "until"))
        return parse_loop(p, N_UNTIL);
    if (is_word(p, "for"))
        return parse_for(p);
    if (is_word(p, "case"))
        return parse_case(p);
    return NULL;
}

static struct node *parse_command(struct parser *p)
{
    struct node *n;

    if (++p->depth > MAX_DEPTH) {
        syntax_error(p, 0, "commands nested too deeply");
        return NULL;
    }
    if (ends_list(p) || is_word(p, "!")) {
        unexpected(p);
        n = NULL;
    } else if ((n = parse_compound(p))) {
        if (parse_redirects(p, n) < 0)
            n = NULL;
    } else if (!p->error) {
        n = parse_simple(p);
    }
    p->depth--;
    return p->error ? NULL : n;
}

/* ---- entry points ---- */

/*
 * The next command line, up to and including its newline (and nothing
 * after it: input that follows belongs to the commands).  NULL with
 * *eof set at the end of input, NULL with p->error after a syntax error,
 * NULL for an empty line.
 */
struct node *parse_command_line(struct parser *p, int *eof)
{
    struct node *list = NULL;

    *eof = 0;
    p->have_tok = 0;
    p->error = 0;
    p->pending = NULL;
    if (peek(p)->type == T_NEWLINE) {
        consume(p);
        return NULL;
    }
    if (peek(p)->type == T_EOF) {
        *eof = !p->src->interrupted;
        return NULL;
    }
    for (;;) {
        struct node *n = parse_and_or(p);
        if (!n)
            return NULL;
        enum tok_type t = peek(p)->type;
        list = append(p, list, n, t);
        if (t == T_AMP || t == T_SEMI) {
            consume(p);
            t = peek(p)->type;
        } else if (t != T_NEWLINE && t != T_EOF) {
            unexpected(p);
            return NULL;
        }
        if (t == T_NEWLINE || t == T_EOF)
            break;
    }
    if (peek(p)->type == T_NEWLINE)
        consume(p);
    return list;
}

/* Called by the lexer just after "$(": parse up to the matching ')'. */
int scan_cmdsubst(struct parser *p)
{
    if (++p->depth > MAX_DEPTH) {
        syntax_error(p, 0, "commands nested too deeply");
        return -1;
    }
    parse_list(p, 1);
    if (p->error)
        return -1;
    if (peek(p)->type != T_RPAREN) {
        syntax_error(p, 0, "unexpected %s (expecting \")\")", tok_desc(peek(p)));
        return -1;
    }
    consume(p);
    p->depth--;
    return 0;
}

/*
 * How long is "cmds)" at text (just after a "$(")?  -1 if it does not
 * parse (quietly: any error was reported when the word was first read).
 */
long subst_length(const char *text)
{
    struct source src = { .name = "sh", .fd = -1, .str = text };
    struct arena arena = { 0 };
    struct parser p = { .src = &src, .arena = &arena, .quiet = 1 };
    long len = -1;

    if (scan_cmdsubst(&p) == 0)
        len = (long)src.pos;
    arena_free(&arena);
    free(src.text.s);
    return len;
}
