/*
 * sh.h - what the parts of the shell share.
 *
 * The shell reads one complete command at a time (input.c), turns it into
 * a tree of nodes (lex.c splits the text into tokens, parse.c builds the
 * tree), and runs the tree (exec.c).  Words stay as the text the user
 * typed, quotes included, until the command that holds them runs; then
 * expand.c performs the expansions POSIX lists, in its order: tilde,
 * parameters, command substitution and arithmetic (arith.c), field
 * splitting, pathname expansion (glob.c) and quote removal.  Variables and
 * positional parameters live in var.c, the built-in commands in
 * builtin.c and test.c.
 *
 * A tree lives in an arena that is freed after the command has run,
 * unless it defined a function, whose body must outlive it.
 */
#ifndef SH_H
#define SH_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- memory (var.c) ---- */

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable string. */
struct str {
    char *s;
    size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
char *str_take(struct str *b);       /* the string (never NULL); b is reset */

/* Blocks the parser allocates from; freed all at once. */
struct arena {
    struct arena_block *blocks;
    int keep;                           /* a function body points into it */
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* ---- input (input.c) ---- */

struct source {
    const char *name;       /* for messages: "sh", or the script's name */
    int fd;                 /* -1: reading the string str */
    const char *str;
    int interactive;        /* prompts */
    int byte_at_a_time;     /* fd 0 shared with the commands we run */
    char rbuf[512];         /* raw bytes read from fd, not yet used */
    int rpos, rlen;
    int eof;
    int interrupted;        /* ^C at a prompt dropped the command */
    struct str text;        /* the current command's text, read so far */
    size_t pos;             /* the lexer's position in text */
    int lineno;             /* line of text[pos] */
};
extern volatile sig_atomic_t got_sigint;                 /* interactive ^C */
int source_more(struct source *src, int continuation); /* append a line; 0 at EOF */
void source_reset(struct source *src);                  /* start the next command */

/* ---- the syntax tree ---- */

enum redir_kind {
    R_IN,           /* <   */
    R_OUT,          /* >   */
    R_CLOBBER,      /* >|  */
    R_APPEND,       /* >>  */
    R_RDWR,         /* <>  */
    R_DUPIN,        /* <&  */
    R_DUPOUT,       /* >&  */
    R_HEREDOC,      /* << and <<- */
};

struct redir {
    struct redir *next;
    enum redir_kind kind;
    int fd;                 /* the descriptor it changes */
    char *word;             /* target word, or the here-document's body */
    int here_quoted;        /* here-document: delimiter quoted, body literal */
    int here_strip;         /* <<-: strip leading tabs */
    char *here_end;         /* here-document delimiter (while parsing) */
    struct redir *here_next;    /* next here-document waiting for its body */
};

enum node_type {
    N_CMD,          /* simple command: assigns, words, redirs */
    N_PIPE,         /* kids[0] | kids[1] | ... */
    N_AND,          /* a && b */
    N_OR,           /* a || b */
    N_NOT,          /* ! a */
    N_SEQ,          /* a ; b */
    N_ASYNC,        /* a &  (then b, if any, runs in the foreground) */
    N_SUBSHELL,     /* ( a ) */
    N_GROUP,        /* { a ; } */
    N_IF,           /* if a then b else c (an elif is an N_IF in c) */
    N_WHILE,        /* while a do b done */
    N_UNTIL,        /* until a do b done */
    N_FOR,          /* for name in words do b done */
    N_CASE,         /* case name in items esac */
    N_FUNC,         /* name () a */
};

struct case_item {
    struct case_item *next;
    char **patterns;        /* NULL-terminated */
    struct node *body;      /* may be NULL */
};

struct node {
    enum node_type type;
    int lineno;
    struct node *a, *b, *c;
    struct redir *redirs;   /* N_CMD and the compound commands */
    char **words;           /* N_CMD arguments; N_FOR list (NULL: "$@") */
    int nwords;
    char **assigns;         /* N_CMD: NAME=value words */
    int nassigns;
    struct node **kids;     /* N_PIPE stages */
    int nkids;
    char *name;             /* N_FOR variable, N_CASE word, N_FUNC name */
    struct case_item *items;
};

/* ---- tokens and parsing (lex.c, parse.c) ---- */

enum tok_type {
    T_EOF, T_NEWLINE, T_WORD, T_IONUM,
    T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI, T_LPAREN, T_RPAREN,
    T_LESS, T_GREAT, T_DGREAT, T_CLOBBER, T_LESSGREAT, T_LESSAND, T_GREATAND,
    T_DLESS, T_DLESSDASH,
};

struct token {
    enum tok_type type;
    char *text;             /* T_WORD: raw text, quotes included; T_IONUM: digits */
    int quoted;             /* T_WORD: had a quote or backslash */
    int lineno;
};

struct parser {
    struct source *src;
    struct arena *arena;
    struct token tok;       /* the current token */
    int have_tok;           /* tok is valid (looked at, not consumed) */
    struct redir *pending;  /* here-documents whose bodies come after the line */
    int error;              /* a syntax error was reported */
    int quiet;              /* do not report it */
    int depth;              /* nesting, to refuse absurdly deep input */
};

struct token *peek(struct parser *p);
void consume(struct parser *p);
void syntax_error(struct parser *p, int line, const char *fmt, ...);
const char *tok_name(const struct token *t);
const char *tok_desc(const struct token *t);    /* for messages */
int scan_cmdsubst(struct parser *p);    /* lex.c asks parse.c to read $( ... ) */
long subst_length(const char *text);    /* bytes of "cmds)" after a "$(" */
struct node *parse_command_line(struct parser *p, int *eof);

/* ---- expansion (expand.c, arith.c, glob.c) ---- */

struct fields {
    char **v;               /* NULL-terminated */
    int n, cap;
};
void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);

#define EXP_SPLIT 1         /* field splitting and pathname expansion */
int expand_words(char **words, int n, int flags, struct fields *out);
char *expand_one(const char *word);             /* no splitting; NULL on error */
char *expand_pattern(const char *word);         /* for case and ${x%pat} */
char *expand_heredoc(const char *body);
char *command_output(const char *text);          /* $( ... ) */
int arith_eval(const char *expr, long *result);  /* 0, or -1 after a message */
int pattern_match(const char *pat, const char *s);
void glob_expand(const char *pattern, struct fields *out);  /* sorted matches */
int has_glob_chars(const char *pattern);

/* ---- variables (var.c) ---- */

const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
void var_unset(const char *name);
void var_export(const char *name);
int var_is_name(const char *s, size_t len);
void var_print(int exported_only);
char **var_environ(char **extra, int nextra);    /* NAME=value for execve */
void var_import(char **envp);

struct params {
    char **v;               /* $1 ... $n */
    int n;
};
extern struct params params;
extern char *arg0;          /* $0 */
void params_set(char **v, int n);  /* copies */
void params_free(struct params *p);

/* ---- running (exec.c, command.c, builtin.c, test.c) ---- */

struct shell {
    int status;             /* $? */
    pid_t last_bg;          /* $! (0: none yet) */
    pid_t shell_pid;        /* $$: the main shell's, also in subshells */
    int interactive;
    int errexit;            /* set -e */
    int xtrace;             /* set -x */
    int nounset;            /* set -u */
    int noglob;             /* set -f */
    int errexit_off;        /* > 0 inside a condition: set -e does not apply */
    int in_subshell;        /* a forked copy: exit ends only it */
    int loop_depth;
    int func_depth;         /* functions and '.' scripts being run */
    enum { J_NONE, J_BREAK, J_CONTINUE, J_RETURN, J_INTR } jump;
    int jump_count;         /* levels left for break / continue */
    const char *name;       /* "sh", or the script, for messages */
    int lineno;             /* of the command running */
    int subst_status;       /* of the last $( ), or -1: 'x=$(cmd)' sets $? */
};
extern struct shell sh;

/* exec.c */
int run_node(struct node *n);
int run_node_nofork(struct node *n);    /* in a child that exits next */
int run_source(struct source *src);
int run_text(const char *text, const char *name);   /* eval, ., $( ) */
pid_t sh_fork(void);                                 /* flushes stdio first */
void become_subshell(void);
void sh_exit(int status) __attribute__((noreturn));
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int status_of(int wstatus);
int wait_child(pid_t pid);
void job_add(pid_t pid);
int job_wait(pid_t pid);            /* its status, or 127 if not our job */
int jobs_wait_all(void);             /* 0, or 128 if a trap cut it short */
void jobs_reap(void);               /* interactive: report finished jobs */
void jobs_forget(void);

/* command.c */
struct redir_save {
    struct { int fd, copy; } *v;    /* copy -1: fd was closed before */
    int n;
};
int apply_redirs(struct redir *r, struct redir_save *save);  /* save NULL: for good */
void restore_redirs(struct redir_save *save);
int run_simple(struct node *n, int nofork);
int run_pipeline(struct node *n);
int foreground_wait(pid_t *pids, int n);
void exec_command(char **argv, char **env) __attribute__((noreturn));

/* trap.c */
extern volatile sig_atomic_t trap_pending;
int builtin_trap(int argc, char **argv);
void run_traps(void);
void run_exit_trap(void);
void traps_reset(void);
void interactive_sigint(void);      /* sh.c */

/* builtin.c, test.c */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name, int *special);
int define_function(const char *name, struct node *body);
struct node *find_function(const char *name);
int builtin_test(int argc, char **argv);

#endif /* SH_H */
