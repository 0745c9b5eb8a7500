/*
 * exec.c - running the tree: lists, and-or lists, pipelines, compound
 * commands, background jobs, and the read-parse-run loop.
 *
 * run_node() returns a command's exit status and leaves it in $?.  The
 * shell itself runs everything except what must be a separate process:
 * external commands (command.c), the stages of a pipeline, ( subshells ),
 * background jobs and command substitutions, each a forked copy of the
 * shell that runs its part of the tree and exits with its status.
 *
 * break, continue and return are not C jumps: they set sh.jump, and every
 * list and loop on the way out looks at it and stops.  'set -e' ends the
 * shell when a simple command, pipeline or subshell fails outside a
 * condition (the part before then/do, the left of && and ||, after !):
 * sh.errexit_off counts how many such conditions we are in.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include "sh.h"

struct shell sh = { .name = "sh", .subst_status = -1 };

void sh_error(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "%s: ", sh.name);
    if (!sh.interactive && sh.lineno > 0)
        fprintf(stderr, "line %d: ", sh.lineno);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void sh_exit(int status)
{
    sh.status = status;
    run_exit_trap();            /* (an 'exit N' in it ends the shell with N) */
    fflush(stdout);
    exit(status & 0xff);
}

/* fork, with the standard streams flushed so nothing is written twice. */
pid_t sh_fork(void)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        sh_error("fork: %s", strerror(errno));
    return pid;
}

/* In a forked child that runs part of the tree: no prompts, no jobs of ours. */
void become_subshell(void)
{
    traps_reset();
    sh.in_subshell = 1;
    if (sh.interactive) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
    }
    sh.interactive = 0;
    jobs_forget();
}

/* $? as the shell reports a wait status: the exit code, or 128+N after signal N. */
int status_of(int w)
{
    if (WIFEXITED(w))
        return WEXITSTATUS(w);
    if (WIFSIGNALED(w))
        return 128 + WTERMSIG(w);
    return 1;
}

/* ---- background jobs ---- */

struct job {
    pid_t pid;
    int status;             /* $?-style, once done */
    int done;
};
static struct job *jobs;
static int njobs;

void job_add(pid_t pid)
{
    jobs = xrealloc(jobs, (njobs + 1) * sizeof *jobs);
    jobs[njobs++] = (struct job){ pid, 0, 0 };
}

void jobs_forget(void)
{
    free(jobs);
    jobs = NULL;
    njobs = 0;
}

static void job_remove(int i)
{
    jobs[i] = jobs[--njobs];
}

/* Wait for one child; its wait status, or -1 if it is not ours (ECHILD). */
int wait_child(pid_t pid)
{
    int w;

    while (waitpid(pid, &w, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return w;
}

/*
 * 'wait PID': the job's status, waiting if it is still running; 127 if it
 * is not our job.  A trapped signal ends the wait at once: 128 + 0 then
 * (the traps run when the built-in returns).
 */
int job_wait(pid_t pid)
{
    for (int i = 0; i < njobs; i++) {
        if (jobs[i].pid != pid)
            continue;
        int w;
        while (!jobs[i].done && waitpid(pid, &w, 0) < 0) {
            if (errno != EINTR) {
                w = 127 << 8;
                break;
            }
            if (trap_pending)
                return 128;
        }
        int st = jobs[i].done ? jobs[i].status : status_of(w);
        job_remove(i);
        return st;
    }
    return 127;
}

/* 'wait': every job (unless a trapped signal comes first: 128). */
int jobs_wait_all(void)
{
    while (njobs > 0)
        if (job_wait(jobs[0].pid) == 128 && trap_pending)
            return 128;
    return 0;
}

/* At an interactive prompt: say which jobs have finished. */
void jobs_reap(void)
{
    int w;
    pid_t pid;

    while ((pid = waitpid(-1, &w, WNOHANG)) > 0) {
        for (int i = 0; i < njobs; i++)
            if (jobs[i].pid == pid) {
                printf("[%d] done, status %d\n", (int)pid, status_of(w));
                job_remove(i);
                break;
            }
    }
    fflush(stdout);
}

/* ---- the tree ---- */

static void check_errexit(int status)
{
    if (sh.errexit && !sh.errexit_off && status != 0 && sh.jump == J_NONE)
        sh_exit(status);
}

/* Run a in a forked child that exits with its status; returns the child's pid. */
static pid_t fork_node(struct node *a, int background)
{
    pid_t pid = sh_fork();

    if (pid != 0)
        return pid;
    if (background && sh.interactive)
        setpgid(0, 0);
    become_subshell();
    if (background) {
        /* No job control: a background job neither reads the terminal nor gets ^C. */
        int fd = open("/dev/null", O_RDONLY);
        if (fd >= 0 && fd != 0) {
            dup2(fd, 0);
            close(fd);
        }
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    sh_exit(run_node_nofork(a));
}

static int run_async(struct node *n)
{
    pid_t pid = fork_node(n->a, 1);

    if (pid > 0) {
        job_add(pid);
        sh.last_bg = pid;
        if (sh.interactive)
            fprintf(stderr, "[%d]\n", (int)pid);
    }
    return pid > 0 ? 0 : 1;
}

static int run_subshell(struct node *n)
{
    pid_t pid = sh_fork();

    if (pid == 0) {
        become_subshell();
        if (apply_redirs(n->redirs, NULL) < 0)
            sh_exit(1);
        sh_exit(run_node_nofork(n->a));
    }
    if (pid < 0)
        return 1;
    return foreground_wait(&pid, 1);
}

/* After a loop body: 1 if the loop must stop (break, or a jump past it). */
static int loop_should_stop(void)
{
    if (sh.jump == J_BREAK) {
        if (--sh.jump_count == 0)
            sh.jump = J_NONE;
        return 1;
    }
    if (sh.jump == J_CONTINUE) {
        if (--sh.jump_count == 0) {
            sh.jump = J_NONE;
            return 0;
        }
        return 1;
    }
    return sh.jump != J_NONE;
}

static int run_condition(struct node *n)
{
    sh.errexit_off++;
    int st = run_node(n);
    sh.errexit_off--;
    return st;
}

static int run_while(struct node *n)
{
    int st = 0;

    sh.loop_depth++;
    for (;;) {
        int c = run_condition(n->a);
        if (sh.jump != J_NONE) {
            if (loop_should_stop())
                break;
            continue;
        }
        if ((c == 0) != (n->type == N_WHILE))
            break;
        st = run_node(n->b);
        if (loop_should_stop())
            break;
    }
    sh.loop_depth--;
    return st;
}

static int run_for(struct node *n)
{
    struct fields list = { 0 };
    int st = 0;

    if (!n->words) {
        for (int i = 0; i < params.n; i++)
            fields_add(&list, xstrdup(params.v[i]));
    } else if (expand_words(n->words, n->nwords, EXP_SPLIT, &list) < 0) {
        return 1;
    }
    sh.loop_depth++;
    for (int i = 0; i < list.n; i++) {
        var_set(n->name, list.v[i], 0);
        st = run_node(n->b);
        if (loop_should_stop())
            break;
    }
    sh.loop_depth--;
    fields_free(&list);
    return st;
}

static int run_case(struct node *n)
{
    char *word = expand_one(n->name);

    if (!word)
        return 1;
    for (struct case_item *it = n->items; it; it = it->next) {
        for (char **p = it->patterns; *p; p++) {
            char *pat = expand_pattern(*p);
            int hit = pat && pattern_match(pat, word);
            free(pat);
            if (hit) {
                free(word);
                return run_node(it->body);
            }
        }
    }
    free(word);
    return 0;
}

/* Compound commands that run in the shell itself, with their redirections. */
static int run_compound(struct node *n)
{
    struct redir_save save = { 0 };
    int st;

    if (apply_redirs(n->redirs, &save) < 0) {
        restore_redirs(&save);
        return 1;
    }
    switch (n->type) {
    case N_GROUP:
        st = run_node(n->a);
        break;
    case N_IF: {
        int c = run_condition(n->a);
        st = sh.jump != J_NONE ? c : c == 0 ? run_node(n->b) : n->c ? run_node(n->c) : 0;
        break;
    }
    case N_WHILE:
    case N_UNTIL:
        st = run_while(n);
        break;
    case N_FOR:
        st = run_for(n);
        break;
    default:
        st = run_case(n);
        break;
    }
    restore_redirs(&save);
    return st;
}

static int run_tree(struct node *n, int nofork)
{
    int st = 0;

    switch (n->type) {
    case N_CMD:
        st = run_simple(n, nofork);
        check_errexit(st);
        break;
    case N_PIPE:
        st = run_pipeline(n);
        check_errexit(st);
        break;
    case N_SUBSHELL:
        st = run_subshell(n);
        check_errexit(st);
        break;
    case N_AND:
    case N_OR:
        st = run_condition(n->a);
        if (sh.jump == J_NONE && (st == 0) == (n->type == N_AND))
            st = run_tree(n->b, nofork);
        break;
    case N_NOT:
        st = !run_condition(n->a);
        break;
    case N_SEQ:
        run_node(n->a);
        if (sh.jump == J_NONE)
            st = run_tree(n->b, nofork);
        else
            st = sh.status;
        break;
    case N_ASYNC:
        st = run_async(n);
        break;
    case N_FUNC:
        st = define_function(n->name, n->a);
        break;
    default:
        st = run_compound(n);
        break;
    }
    sh.status = st;
    if (trap_pending)
        run_traps();
    if (sh.interactive && got_sigint) {     /* ^C during a loop of built-ins */
        got_sigint = 0;
        sh.jump = J_INTR;
    }
    return st;
}

int run_node(struct node *n)
{
    return n ? run_tree(n, 0) : 0;
}

/* The same, in a child that exits right after: the last command may exec in place. */
int run_node_nofork(struct node *n)
{
    return n ? run_tree(n, 1) : 0;
}

/* ---- sources of commands ---- */

/*
 * Parse and run command lines from src until its end (or exit, or a
 * return from a '.' script).  A syntax error ends a script with status 2;
 * an interactive shell forgets the line and goes on.
 */
int run_source(struct source *src)
{
    struct parser p = { .src = src };

    for (;;) {
        struct arena arena = { 0 };
        int eof;

        if (src->interactive)
            jobs_reap();
        source_reset(src);
        p.arena = &arena;
        struct node *n = parse_command_line(&p, &eof);
        if (p.error) {
            sh.status = 2;
            if (!src->interactive)
                sh_exit(2);
        } else if (n) {
            run_node(n);
        }
        if (!arena.keep)
            arena_free(&arena);
        if (src->interrupted) {
            src->interrupted = 0;
            src->eof = 0;
            sh.status = 130;
        } else if (eof) {
            break;
        }
        if (sh.jump == J_INTR) {            /* ^C: the rest of the line is dropped */
            sh.jump = J_NONE;
            sh.status = 130;
        }
        if (sh.jump != J_NONE)
            break;
    }
    free(src->text.s);
    src->text.s = NULL;
    return sh.status;
}

/* eval, '.', and $( ): run a string as a script. */
int run_text(const char *text, const char *name)
{
    struct source src = { .name = name, .fd = -1, .str = text, .lineno = 1 };
    int saved_line = sh.lineno;

    int st = run_source(&src);
    sh.lineno = saved_line;
    return st;
}
