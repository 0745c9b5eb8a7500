/*
 * command.c - simple commands and pipelines: expanding the words,
 * redirections, finding the command (special built-in, function,
 * built-in, or a program found through $PATH), and waiting for it.
 *
 * Redirections of a built-in, a function or a compound command change
 * the shell's own descriptors, so the originals are first copied above
 * fd 10 (close-on-exec) and put back afterwards (struct redir_save).  A
 * program runs in a forked child that applies the redirections and the
 * command's NAME=value assignments (added to its environment) and execs
 * it.  A file that execve refuses as ENOEXEC (not ELF, no #! line) is
 * run as a shell script, as POSIX asks.
 *
 * Interactive shells put each foreground job in a process group of its
 * own and give it the terminal, so ^C reaches the job and not the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

/* ---- redirections ---- */

/* Remember fd's current file (once per save), to put it back later. */
static void save_fd(struct redir_save *save, int fd)
{
    for (int i = 0; i < save->n; i++)
        if (save->v[i].fd == fd)
            return;
    save->v = xrealloc(save->v, (save->n + 1) * sizeof *save->v);
    save->v[save->n].fd = fd;
    save->v[save->n].copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);    /* -1: fd was closed */
    save->n++;
}

void restore_redirs(struct redir_save *save)
{
    fflush(stdout);
    fflush(stderr);
    for (int i = save->n - 1; i >= 0; i--) {
        int fd = save->v[i].fd, copy = save->v[i].copy;
        if (copy >= 0) {
            dup2(copy, fd);
            close(copy);
        } else {
            close(fd);
        }
    }
    free(save->v);
    save->v = NULL;
    save->n = 0;
}

/* A here-document's text, readable from the returned descriptor. */
static int heredoc_fd(const char *text)
{
    size_t len = strlen(text);
    int fds[2];

    if (pipe(fds) < 0) {
        sh_error("pipe: %s", strerror(errno));
        return -1;
    }
    if (len <= 4096) {                  /* fits in the pipe: no writer needed */
        write(fds[1], text, len);
        close(fds[1]);
        return fds[0];
    }
    /* A writer in a grandchild, so that nobody has to wait for it. */
    pid_t pid = sh_fork();
    if (pid == 0) {
        close(fds[0]);
        if (fork() == 0) {
            for (size_t done = 0; done < len;) {
                ssize_t n = write(fds[1], text + done, len - done);
                if (n <= 0)
                    break;
                done += n;
            }
        }
        _exit(0);
    }
    close(fds[1]);
    if (pid > 0)
        wait_child(pid);
    return fds[0];
}

/* The descriptor a redirection puts in place: >= 0, -2 to close, -1 on error. */
static int redirect_source(struct redir *r)
{
    if (r->kind == R_HEREDOC) {
        const char *body = r->word ? r->word : "";
        char *text = r->here_quoted ? xstrdup(body) : expand_heredoc(body);
        if (!text)
            return -1;
        int fd = heredoc_fd(text);
        free(text);
        return fd;
    }
    char *w = expand_one(r->word);
    int fd = -1;
    if (!w)
        return -1;
    if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
        if (!strcmp(w, "-"))
            fd = -2;
        else if (*w && strspn(w, "0123456789") == strlen(w) && fcntl(atoi(w), F_GETFD) >= 0)
            fd = atoi(w);
        else
            sh_error("%s: bad file descriptor", w);
    } else {
        static const int flags[] = {
            [R_IN] = O_RDONLY, [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
            [R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC, [R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
            [R_RDWR] = O_RDWR | O_CREAT,
        };
        fd = open(w, flags[r->kind], 0666);
        if (fd < 0)
            sh_error("cannot open %s: %s", w, strerror(errno));
    }
    free(w);
    return fd;
}

/* Apply the redirections in order; with save, remember what they replace.  -1 on error. */
int apply_redirs(struct redir *r, struct redir_save *save)
{
    for (; r; r = r->next) {
        int fd = redirect_source(r);
        if (fd == -1)
            return -1;
        if (save)
            save_fd(save, r->fd);
        if (fd == -2) {
            close(r->fd);
        } else if (fd != r->fd) {
            dup2(fd, r->fd);
            if (r->kind != R_DUPIN && r->kind != R_DUPOUT)
                close(fd);
        }
    }
    return 0;
}

/* ---- finding and running programs ---- */

/* execve, and for a file that is not a program (ENOEXEC), sh FILE ARGS. */
static void try_exec(const char *path, char **argv, char **env)
{
    execve(path, argv, env);
    if (errno != ENOEXEC)
        return;
    int argc = 0;
    while (argv[argc])
        argc++;
    char **v = xmalloc((argc + 2) * sizeof *v);
    v[0] = "sh";
    v[1] = (char *)path;
    for (int i = 1; i <= argc; i++)
        v[i + 1] = argv[i];
    execve("/bin/sh", v, env);
    errno = ENOEXEC;
}

/* Run argv[0] (searched in $PATH unless it has a '/').  Never returns. */
void exec_command(char **argv, char **env)
{
    int err = ENOENT;

    if (strchr(argv[0], '/')) {
        try_exec(argv[0], argv, env);
        err = errno;
    } else {
        const char *path = var_get("PATH");
        if (!path)
            path = "/bin";
        for (;;) {
            size_t n = strcspn(path, ":");
            struct str full = { 0 };
            str_addn(&full, path, n);
            if (n)
                str_addc(&full, '/');
            str_adds(&full, argv[0]);
            try_exec(full.s, argv, env);
            if (errno != ENOENT && errno != ENOTDIR)
                err = errno;
            free(full.s);
            if (!path[n])
                break;
            path += n + 1;
        }
    }
    if (err == ENOENT)
        sh_error("%s: not found", argv[0]);
    else
        sh_error("%s: %s", argv[0], strerror(err));
    sh_exit(err == ENOENT ? 127 : 126);
}

/*
 * Wait for a foreground job (the stages of a pipeline); its status is the
 * last one's.  Interactive: the job gets the terminal meanwhile, and a job
 * ended by ^C stops the rest of the command line.
 */
int foreground_wait(pid_t *pids, int n)
{
    int w = 0;

    if (sh.interactive && pids[0] > 0)
        tcsetpgrp(0, pids[0]);
    for (int i = 0; i < n; i++)
        if (pids[i] > 0)
            w = wait_child(pids[i]);
    if (sh.interactive && pids[0] > 0)
        tcsetpgrp(0, getpgrp());
    if (pids[n - 1] <= 0)
        return 1;
    if (WIFSIGNALED(w) && WTERMSIG(w) != SIGINT && WTERMSIG(w) != SIGPIPE)
        fprintf(stderr, "%s: killed by signal %d\n", sh.name, WTERMSIG(w));
    if (WIFSIGNALED(w) && WTERMSIG(w) == SIGINT && sh.interactive)
        sh.jump = J_INTR;
    return status_of(w);
}

/* In a freshly forked child of an interactive shell: join the job's group. */
static void child_setup(pid_t pgid)
{
    if (sh.interactive)
        setpgid(0, pgid);
    become_subshell();
}

int run_pipeline(struct node *n)
{
    pid_t *pids = xmalloc(n->nkids * sizeof *pids);
    int in = -1, st;

    for (int i = 0; i < n->nkids; i++) {
        int fds[2] = { -1, -1 };
        pids[i] = -1;
        if (i < n->nkids - 1 && pipe(fds) < 0) {
            sh_error("pipe: %s", strerror(errno));
            break;
        }
        pids[i] = sh_fork();
        if (pids[i] == 0) {
            child_setup(i ? pids[0] : 0);
            if (in >= 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], 1);
                close(fds[1]);
                close(fds[0]);
            }
            sh_exit(run_node_nofork(n->kids[i]));
        }
        if (pids[i] > 0 && sh.interactive)
            setpgid(pids[i], pids[0]);  /* also here: it must hold before tcsetpgrp */
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
    }
    if (in >= 0)
        close(in);
    st = foreground_wait(pids, n->nkids);
    free(pids);
    return st;
}

/* ---- simple commands ---- */

/*
 * NAME=value words, expanded: a vector of "NAME=value" strings.  NULL on
 * error.  With set, each variable is also set at once, so that a later
 * word sees it (a=1 b=$a).
 */
static char **expand_assigns(struct node *n, int set)
{
    char **v = xmalloc((n->nassigns + 1) * sizeof *v);

    for (int i = 0; i < n->nassigns; i++) {
        const char *eq = strchr(n->assigns[i], '=');
        char *value = expand_one(eq + 1);
        if (!value) {
            while (i--)
                free(v[i]);
            free(v);
            return NULL;
        }
        struct str s = { 0 };
        str_addn(&s, n->assigns[i], eq + 1 - n->assigns[i]);
        str_adds(&s, value);
        if (set) {
            char *name = xstrndup(n->assigns[i], eq - n->assigns[i]);
            var_set(name, value, 0);
            free(name);
        }
        free(value);
        v[i] = str_take(&s);
    }
    v[n->nassigns] = NULL;
    return v;
}

static void free_vector(char **v)
{
    for (int i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* Set the variables of "NAME=value" strings; with old, remember their values first. */
static void assign(char **assigns, char ***old)
{
    int n = 0;

    while (assigns[n])
        n++;
    if (old)
        *old = xmalloc((n + 1) * sizeof **old);
    for (int i = 0; i < n; i++) {
        char *eq = strchr(assigns[i], '=');
        *eq = '\0';
        if (old) {
            const char *v = var_get(assigns[i]);
            (*old)[i] = v ? xstrdup(v) : NULL;
        }
        var_set(assigns[i], eq + 1, 0);
        *eq = '=';
    }
}

/* Undo assign(..., old): the values before a built-in's or function's own assignments. */
static void unassign(char **assigns, char **old)
{
    for (int i = 0; assigns[i]; i++) {
        char *eq = strchr(assigns[i], '=');
        *eq = '\0';
        if (old[i])
            var_set(assigns[i], old[i], 0);
        else
            var_unset(assigns[i]);
        *eq = '=';
        free(old[i]);
    }
    free(old);
}

/* set -x: "+ NAME=value cmd args" on standard error. */
static void trace(char **assigns, struct fields *args)
{
    struct str line = { 0 };

    str_adds(&line, "+");
    for (int i = 0; assigns[i]; i++) {
        str_addc(&line, ' ');
        str_adds(&line, assigns[i]);
    }
    for (int i = 0; i < args->n; i++) {
        str_addc(&line, ' ');
        str_adds(&line, args->v[i]);
    }
    fprintf(stderr, "%s\n", line.s);
    free(line.s);
}

static int call_function(struct node *body, struct fields *args)
{
    struct params saved = params;

    params.v = NULL;
    params.n = 0;
    params_set(args->v + 1, args->n - 1);
    sh.func_depth++;
    int st = run_node(body);
    if (sh.jump == J_RETURN) {
        sh.jump = J_NONE;
        st = sh.status;
    }
    sh.func_depth--;
    params_free(&params);
    params = saved;
    return st;
}

/* A program: fork (unless this child is about to exit anyway), redirect, exec. */
static int run_program(struct node *n, struct fields *args, char **assigns, int nofork)
{
    pid_t pid = nofork ? 0 : sh_fork();

    if (pid == 0) {
        if (!nofork)
            child_setup(0);
        if (apply_redirs(n->redirs, NULL) < 0)
            sh_exit(1);
        int na = 0;
        while (assigns[na])
            na++;
        exec_command(args->v, var_environ(assigns, na));
    }
    if (pid < 0)
        return 1;
    if (sh.interactive)
        setpgid(pid, pid);
    return foreground_wait(&pid, 1);
}

/* What runs when the command has a name: built-in, function, or program. */
static int run_named(struct node *n, struct fields *args, char **assigns, int nofork)
{
    int special = 0;
    builtin_fn fn = find_builtin(args->v[0], &special);
    struct node *func = special ? NULL : find_function(args->v[0]);
    struct redir_save save = { 0 };
    char **old = NULL;
    int st;

    if (!strcmp(args->v[0], "exec")) {          /* its redirections stay */
        if (apply_redirs(n->redirs, NULL) < 0)
            return 1;
        assign(assigns, NULL);
        if (args->n == 1)
            return 0;
        exec_command(args->v + 1, var_environ(NULL, 0));
    }
    if (!fn && !func)
        return run_program(n, args, assigns, nofork);
    assign(assigns, special ? NULL : &old);
    if (apply_redirs(n->redirs, &save) < 0)
        st = 1;
    else if (func)
        st = call_function(func, args);
    else
        st = fn(args->n, args->v);
    restore_redirs(&save);
    if (old)
        unassign(assigns, old);
    return st;
}

int run_simple(struct node *n, int nofork)
{
    struct fields args = { 0 };
    char **assigns = NULL;
    int st;

    sh.lineno = n->lineno;
    sh.subst_status = -1;
    if (expand_words(n->words, n->nwords, EXP_SPLIT, &args) < 0 ||
        !(assigns = expand_assigns(n, args.n == 0))) {
        fields_free(&args);
        return 1;
    }
    if (sh.xtrace)
        trace(assigns, &args);
    if (args.n > 0) {
        st = run_named(n, &args, assigns, nofork);
    } else {
        /* Only assignments (set already, for good) and redirections */
        struct redir_save save = { 0 };
        st = apply_redirs(n->redirs, &save) < 0 ? 1 : sh.subst_status >= 0 ? sh.subst_status : 0;
        restore_redirs(&save);
    }
    free_vector(assigns);
    fields_free(&args);
    return st;
}

/* $( text ): run it in a child and return what it writes, minus trailing newlines. */
char *command_output(const char *text)
{
    struct str out = { 0 };
    int fds[2];

    str_adds(&out, "");
    if (pipe(fds) < 0) {
        sh_error("pipe: %s", strerror(errno));
        return str_take(&out);
    }
    pid_t pid = sh_fork();
    if (pid == 0) {
        become_subshell();
        close(fds[0]);
        if (fds[1] != 1) {
            dup2(fds[1], 1);
            close(fds[1]);
        }
        sh_exit(run_text(text, sh.name));
    }
    close(fds[1]);
    char buf[512];
    for (;;) {
        ssize_t r = read(fds[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        str_addn(&out, buf, r);
    }
    close(fds[0]);
    if (pid > 0)
        sh.subst_status = status_of(wait_child(pid));
    while (out.len > 0 && out.s[out.len - 1] == '\n')
        out.s[--out.len] = '\0';
    return str_take(&out);
}
