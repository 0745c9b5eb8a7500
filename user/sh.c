/*
 * sh: the ipcos shell.
 *
 *   sh                 read commands from standard input ("$ " prompt)
 *   sh -c 'LINE'       run one command line
 *   sh FILE            run a script, one command line per line
 *
 * A line is a list of pipelines separated by ';' or '&' (run in the
 * background).  A pipeline is commands joined by '|'.  A command is words
 * and redirections: '< f', '> f', '>> f', and with a descriptor number
 * '2> f', '2>> f', '2>&1'.  Words may be quoted: '...' takes everything
 * literally, "..." allows \" \\ \$ and $-expansion, and an unquoted
 * backslash quotes the next character.  $? is the status of the last
 * foreground command (128+N if signal N killed it), $$ the shell's pid,
 * $NAME an environment variable.  '#' starts a comment.  The builtins are
 * cd and exit.  Other commands are searched for in $PATH (default /bin).
 * The shell's exit status is that of its last command.
 *
 * Internals: each line is split into tokens (lex), the tokens into
 * pipelines of commands (parse), and the pipelines are run in order
 * (run_pipeline), each stage a forked child wired to its neighbours with
 * pipes.  Everything a line allocates is freed before the next one.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;

static int last_status;      /* $? */
static int interactive;      /* prompt and job messages */

/* ---- growable strings and arrays ---- */

struct str {
    char *s;
    size_t len, cap;
};

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "sh: out of memory\n");
        exit(2);
    }
    return p;
}

static void str_add(struct str *b, char c)
{
    if (b->len + 2 > b->cap) {
        b->cap = b->cap ? 2 * b->cap : 32;
        b->s = xrealloc(b->s, b->cap);
    }
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

static void str_adds(struct str *b, const char *s)
{
    while (*s)
        str_add(b, *s++);
}

/* ---- tokens ---- */

enum tok_type { T_WORD, T_PIPE, T_SEMI, T_AMP, T_REDIR };
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct token {
    enum tok_type type;
    char *word;              /* T_WORD */
    int fd;                  /* T_REDIR: the descriptor redirected */
    enum redir_kind kind;    /* T_REDIR */
};

struct tokens {
    struct token *t;
    int n, cap;
};

static void tok_add(struct tokens *ts, struct token t)
{
    if (ts->n == ts->cap) {
        ts->cap = ts->cap ? 2 * ts->cap : 16;
        ts->t = xrealloc(ts->t, ts->cap * sizeof *ts->t);
    }
    ts->t[ts->n++] = t;
}

static void tokens_free(struct tokens *ts)
{
    for (int i = 0; i < ts->n; i++)
        free(ts->t[i].word);
    free(ts->t);
    ts->t = NULL;
    ts->n = ts->cap = 0;
}

static int is_name_char(char c, int first)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (!first && c >= '0' && c <= '9');
}

/* Expand the $-form at *pp (just past the '$') into b; advance *pp. */
static void expand_dollar(const char **pp, struct str *b)
{
    const char *p = *pp;
    char num[16];

    if (*p == '?') {
        snprintf(num, sizeof num, "%d", last_status);
        str_adds(b, num);
        p++;
    } else if (*p == '$') {
        snprintf(num, sizeof num, "%d", (int)getpid());
        str_adds(b, num);
        p++;
    } else if (is_name_char(*p, 1)) {
        char name[64];
        size_t n = 0;
        while (is_name_char(*p, 0)) {
            if (n < sizeof name - 1)
                name[n++] = *p;
            p++;
        }
        name[n] = '\0';
        const char *v = getenv(name);
        if (v)
            str_adds(b, v);
    } else {
        str_add(b, '$');     /* a lone '$' is just a dollar sign */
    }
    *pp = p;
}

/*
 * Split a line into tokens, expanding $-forms as it goes.  With one set,
 * stop after the first ';' or '&', so that a later pipeline's $? is
 * expanded only after the earlier ones have run.  Returns where it
 * stopped (at the end of the line when done), or NULL after printing a
 * syntax error.  Unquoted words that expand to nothing are dropped.
 */
static const char *lex(const char *p, struct tokens *ts, int one)
{
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        if (*p == '#')
            p += strlen(p);
        if (*p == '\0')
            return p;

        struct token t = { .type = T_WORD };
        if (*p == '|' || *p == ';' || *p == '&') {
            t.type = *p == '|' ? T_PIPE : *p == ';' ? T_SEMI : T_AMP;
            p++;
            tok_add(ts, t);
            if (one && t.type != T_PIPE)
                return p;
            continue;
        }
        /* A redirection, maybe with a one-digit descriptor before it. */
        const char *r = p;
        int fd = -1;
        if (*r >= '0' && *r <= '9' && (r[1] == '<' || r[1] == '>')) {
            fd = *r - '0';
            r++;
        }
        if (*r == '<' || *r == '>') {
            t.type = T_REDIR;
            if (*r == '<') {
                t.kind = R_IN;
                r++;
            } else if (r[1] == '>') {
                t.kind = R_APPEND;
                r += 2;
            } else if (r[1] == '&') {
                t.kind = R_DUP;
                r += 2;
            } else {
                t.kind = R_OUT;
                r++;
            }
            t.fd = fd >= 0 ? fd : t.kind == R_IN ? 0 : 1;
            p = r;
            tok_add(ts, t);
            continue;
        }

        /* A word: runs until an unquoted blank or operator. */
        struct str b = { 0 };
        int quoted = 0;
        while (*p && !strchr(" \t\r\n|;&<>", *p)) {
            if (*p == '\\') {
                p++;
                if (*p)
                    str_add(&b, *p++);
                quoted = 1;
            } else if (*p == '\'') {
                const char *end = strchr(p + 1, '\'');
                if (!end) {
                    fprintf(stderr, "sh: syntax error: unterminated '\n");
                    free(b.s);
                    return NULL;
                }
                for (p++; p < end; p++)
                    str_add(&b, *p);
                p++;
                quoted = 1;
            } else if (*p == '"') {
                for (p++; *p && *p != '"';) {
                    if (*p == '\\' && p[1] && strchr("\"\\$", p[1])) {
                        str_add(&b, p[1]);
                        p += 2;
                    } else if (*p == '$') {
                        p++;
                        expand_dollar(&p, &b);
                    } else {
                        str_add(&b, *p++);
                    }
                }
                if (*p != '"') {
                    fprintf(stderr, "sh: syntax error: unterminated \"\n");
                    free(b.s);
                    return NULL;
                }
                p++;
                quoted = 1;
            } else if (*p == '$') {
                p++;
                expand_dollar(&p, &b);
            } else {
                str_add(&b, *p++);
            }
        }
        if (b.len == 0 && !quoted) {
            free(b.s);
            continue;
        }
        t.word = b.s ? b.s : strdup("");
        tok_add(ts, t);
    }
}

/* ---- commands and pipelines ---- */

struct redir {
    int fd;
    enum redir_kind kind;
    char *target;            /* file name, or descriptor number for R_DUP */
};

struct cmd {
    char **argv;             /* NULL-terminated */
    int argc;
    struct redir *redirs;
    int nredirs;
};

struct pipeline {
    struct cmd *cmds;
    int ncmds;
    int background;
};

static void cmd_add_arg(struct cmd *c, char *word)
{
    c->argv = xrealloc(c->argv, (c->argc + 2) * sizeof *c->argv);
    c->argv[c->argc++] = word;
    c->argv[c->argc] = NULL;
}

static void pipelines_free(struct pipeline *pl, int n)
{
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < pl[i].ncmds; j++) {
            free(pl[i].cmds[j].argv);
            free(pl[i].cmds[j].redirs);
        }
        free(pl[i].cmds);
    }
    free(pl);
}

static void syntax_error(const char *near)
{
    fprintf(stderr, "sh: syntax error near '%s'\n", near);
}

static const char *tok_text(const struct token *t)
{
    switch (t->type) {
    case T_PIPE: return "|";
    case T_SEMI: return ";";
    case T_AMP: return "&";
    case T_REDIR: return t->kind == R_IN ? "<" : t->kind == R_APPEND ? ">>" :
                         t->kind == R_DUP ? ">&" : ">";
    default: return t->word;
    }
}

/*
 * Group the tokens into pipelines.  The words stay owned by the tokens.
 * Returns the number of pipelines (in *out), or -1 on a syntax error.
 */
static int parse(struct tokens *ts, struct pipeline **out)
{
    struct pipeline *pl = NULL;
    int npl = 0;
    int i = 0;

    while (i < ts->n) {
        pl = xrealloc(pl, (npl + 1) * sizeof *pl);
        struct pipeline *p = &pl[npl++];
        memset(p, 0, sizeof *p);
        for (;;) {
            /* One command: words and redirections. */
            p->cmds = xrealloc(p->cmds, (p->ncmds + 1) * sizeof *p->cmds);
            struct cmd *c = &p->cmds[p->ncmds++];
            memset(c, 0, sizeof *c);
            while (i < ts->n && (ts->t[i].type == T_WORD || ts->t[i].type == T_REDIR)) {
                struct token *t = &ts->t[i++];
                if (t->type == T_WORD) {
                    cmd_add_arg(c, t->word);
                    continue;
                }
                if (i >= ts->n || ts->t[i].type != T_WORD) {
                    syntax_error(i < ts->n ? tok_text(&ts->t[i]) : "newline");
                    goto error;
                }
                c->redirs = xrealloc(c->redirs, (c->nredirs + 1) * sizeof *c->redirs);
                c->redirs[c->nredirs++] = (struct redir){ t->fd, t->kind, ts->t[i++].word };
            }
            if (c->argc == 0 && c->nredirs == 0) {
                syntax_error(i < ts->n ? tok_text(&ts->t[i]) : "newline");
                goto error;
            }
            if (i < ts->n && ts->t[i].type == T_PIPE) {
                i++;
                continue;
            }
            break;
        }
        if (i < ts->n) {         /* ';' or '&' ends the pipeline */
            p->background = ts->t[i].type == T_AMP;
            i++;
        }
    }
    *out = pl;
    return npl;

error:
    pipelines_free(pl, npl);
    return -1;
}

/* ---- running commands ---- */

/* Status as $? shows it: the exit code, or 128+N after signal N. */
static int status_code(int st)
{
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    if (WIFSIGNALED(st))
        return 128 + WTERMSIG(st);
    return 1;
}

/* Apply a command's redirections in the child.  Returns 0 or -1. */
static int apply_redirs(const struct cmd *c)
{
    for (int i = 0; i < c->nredirs; i++) {
        const struct redir *r = &c->redirs[i];
        int fd;
        if (r->kind == R_DUP) {
            char *end;
            long from = strtol(r->target, &end, 10);
            if (*end || end == r->target) {
                fprintf(stderr, "sh: %s: bad descriptor\n", r->target);
                return -1;
            }
            fd = (int)from;
            if (fd != r->fd && dup2(fd, r->fd) < 0) {
                fprintf(stderr, "sh: %d: %s\n", fd, strerror(errno));
                return -1;
            }
            continue;
        }
        if (r->kind == R_IN)
            fd = open(r->target, O_RDONLY);
        else if (r->kind == R_OUT)
            fd = open(r->target, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        else
            fd = open(r->target, O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", r->target, strerror(errno));
            return -1;
        }
        if (fd != r->fd) {
            dup2(fd, r->fd);
            close(fd);
        }
    }
    return 0;
}

/* Exec argv[0], searching $PATH when it has no '/'.  Never returns. */
static void exec_command(char **argv)
{
    if (strchr(argv[0], '/')) {
        execve(argv[0], argv, environ);
        fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/bin";
    int err = ENOENT;
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t dirlen = colon ? (size_t)(colon - path) : strlen(path);
        char full[512];
        if (dirlen == 0)
            snprintf(full, sizeof full, "%s", argv[0]);
        else
            snprintf(full, sizeof full, "%.*s/%s", (int)dirlen, path, argv[0]);
        execve(full, argv, environ);
        if (errno != ENOENT && errno != ENOTDIR)
            err = errno;
        path += dirlen;
        if (*path == ':')
            path++;
    }
    if (err == ENOENT) {
        fprintf(stderr, "sh: %s: not found\n", argv[0]);
        _exit(127);
    }
    fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(err));
    _exit(126);
}

/* cd and exit.  Returns 1 if argv was a builtin (its status in *status). */
static int run_builtin(char **argv, int *status)
{
    if (strcmp(argv[0], "cd") == 0) {
        const char *dir = argv[1];
        if (!dir)
            dir = getenv("HOME");
        if (!dir || !*dir)
            dir = "/";
        if (chdir(dir) < 0) {
            fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
            *status = 1;
        } else {
            *status = 0;
        }
        return 1;
    }
    if (strcmp(argv[0], "exit") == 0) {
        int code = last_status;
        if (argv[1]) {
            char *end;
            code = (int)strtol(argv[1], &end, 10);
            if (*end || end == argv[1]) {
                fprintf(stderr, "sh: exit: %s: bad number\n", argv[1]);
                code = 2;
            }
        }
        fflush(stdout);
        exit(code & 0xff);
    }
    return 0;
}

/* The child's side of one pipeline stage. */
static void run_stage(struct cmd *c, int in, int out)
{
    if (in != 0) {
        dup2(in, 0);
        close(in);
    }
    if (out != 1) {
        dup2(out, 1);
        close(out);
    }
    if (apply_redirs(c) < 0)
        _exit(1);
    if (c->argc == 0)
        _exit(0);
    int status;
    if (run_builtin(c->argv, &status))
        _exit(status);
    exec_command(c->argv);
}

static void report_signal(int st)
{
    if (WIFSIGNALED(st) && WTERMSIG(st) != SIGINT && WTERMSIG(st) != SIGPIPE)
        fprintf(stderr, "sh: killed by signal %d\n", WTERMSIG(st));
}

static void run_pipeline(struct pipeline *p)
{
    struct cmd *first = &p->cmds[0];

    /* A lone builtin runs in the shell itself, so cd and exit work. */
    if (p->ncmds == 1 && first->argc > 0 && !p->background &&
        run_builtin(first->argv, &last_status))
        return;

    pid_t *pids = xrealloc(NULL, p->ncmds * sizeof *pids);
    pid_t job = 0;               /* interactive: the job's process group */
    int in = 0;                  /* read end feeding the next stage */
    for (int i = 0; i < p->ncmds; i++) {
        int fds[2] = { -1, 1 };
        if (i < p->ncmds - 1 && pipe(fds) < 0) {
            fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
            break;
        }
        fflush(stdout);
        fflush(stderr);
        pids[i] = fork();
        if (pids[i] == 0) {
            /*
             * Interactive: each job is a process group of its own, and ^C
             * goes to the foreground group only (the shell ignores it).
             */
            if (interactive) {
                setpgid(0, job);
                signal(SIGINT, SIG_DFL);
            }
            if (fds[0] >= 0)
                close(fds[0]);
            run_stage(&p->cmds[i], in, fds[1]);
        }
        if (pids[i] < 0)
            fprintf(stderr, "sh: fork: %s\n", strerror(errno));
        if (interactive && pids[i] > 0) {
            if (!job)
                job = pids[i];
            setpgid(pids[i], job); /* also here, so it holds before we go on */
        }
        if (in != 0)
            close(in);
        if (fds[1] != 1)
            close(fds[1]);
        in = fds[0] >= 0 ? fds[0] : 0;
    }
    if (in != 0)
        close(in);

    if (p->background) {
        if (interactive)
            printf("[%d]\n", (int)pids[p->ncmds - 1]);
        last_status = 0;
    } else {
        int st = 0;
        if (interactive && job)
            tcsetpgrp(0, job);
        for (int i = 0; i < p->ncmds; i++) {
            if (pids[i] <= 0)
                continue;
            while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
                ;
            if (i == p->ncmds - 1)
                report_signal(st);
        }
        last_status = pids[p->ncmds - 1] > 0 ? status_code(st) : 1;
        if (interactive && job)
            tcsetpgrp(0, getpgrp());
    }
    free(pids);
}

/*
 * Run one line of input.  The whole line is lexed and parsed once to find
 * syntax errors before anything runs; then each pipeline is lexed again
 * (expanding $? afresh), parsed and run in turn.
 */
static void run_line(const char *line)
{
    struct tokens ts = { 0 };
    struct pipeline *pl = NULL;
    int n = -1;

    if (lex(line, &ts, 0))
        n = parse(&ts, &pl);
    tokens_free(&ts);
    if (n < 0) {
        last_status = 2;
        return;
    }
    pipelines_free(pl, n);

    const char *p = line;
    while (*p) {
        p = lex(p, &ts, 1);
        n = p ? parse(&ts, &pl) : -1;
        if (n > 0) {
            run_pipeline(&pl[0]);
            pipelines_free(pl, n);
        }
        tokens_free(&ts);
        if (!p || n < 0)
            break;
    }
}

/* Reap background jobs that have finished. */
static void reap_jobs(void)
{
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
        if (interactive)
            printf("[%d] done, status %d\n", (int)pid, status_code(st));
}

/* ---- input ---- */

struct input {
    int fd;
    char buf[512];
    int pos, len;
};

/* Read one line (without its newline) into *line.  Returns 0 at EOF. */
/* ^C at the prompt: the console dropped the line; start a fresh one. */
static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
}

static int read_line(struct input *in, struct str *line)
{
    line->len = 0;
    if (line->s)
        line->s[0] = '\0';
    for (;;) {
        if (in->pos == in->len) {
            long n = read(in->fd, in->buf, sizeof in->buf);
            if (n < 0 && errno == EINTR) {
                if (got_sigint && interactive) {
                    got_sigint = 0;
                    line->len = 0;
                    if (line->s)
                        line->s[0] = '\0';
                    printf("$ ");
                    fflush(stdout);
                }
                continue;
            }
            if (n <= 0)
                return line->len > 0;
            in->pos = 0;
            in->len = (int)n;
        }
        char c = in->buf[in->pos++];
        if (c == '\n') {
            if (!line->s)
                str_adds(line, "");
            return 1;
        }
        str_add(line, c);
    }
}

static void run_file(int fd)
{
    struct input in = { .fd = fd };
    struct str line = { 0 };
    for (;;) {
        reap_jobs();
        if (interactive) {
            printf("$ ");
            fflush(stdout);
        }
        if (!read_line(&in, &line))
            break;
        run_line(line.s ? line.s : "");
    }
    if (interactive)
        printf("\n");
    free(line.s);
}

/* Run a -c string, line by line. */
static void run_string(const char *s)
{
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        char *line = xrealloc(NULL, n + 1);
        memcpy(line, s, n);
        line[n] = '\0';
        run_line(line);
        free(line);
        s += n;
        if (*s == '\n')
            s++;
    }
}

/* Interactive when standard input is a terminal. */
static int stdin_is_interactive(void)
{
    return isatty(0);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        run_string(argv[2]);
    } else if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
        fprintf(stderr, "sh: -c: option requires an argument\n");
        return 2;
    } else if (argc >= 2) {
        int fd = open(argv[1], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
            return 127;
        }
        run_file(fd);
        close(fd);
    } else {
        interactive = stdin_is_interactive();
        if (interactive) {
            /* ^C interrupts the command, not the shell; at the prompt it gives a new one */
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_sigint; /* no SA_RESTART: the read must end */
            sigemptyset(&sa.sa_mask);
            sigaction(SIGINT, &sa, NULL);
            signal(SIGTTOU, SIG_IGN); /* (Linux) tcsetpgrp from the background */
            setpgid(0, 0);
            tcsetpgrp(0, getpid());
        }
        run_file(0);
    }
    fflush(stdout);
    return last_status;
}
