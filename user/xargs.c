/*
 * xargs: build command lines from standard input and run them.
 *
 *   xargs [-n N] [-I REPL] [-0] [-r] [-t] [COMMAND [ARG...]]
 *
 * The input is split into items at blanks and newlines ('...', "..." and
 * a backslash quote, as POSIX says), and COMMAND (default: echo) runs with
 * its ARGs followed by as many items as fit, or N with -n.  -I REPL runs
 * COMMAND once per input line, with REPL in the ARGs replaced by the line.
 * -0: items end with a NUL byte (from find -print0) and nothing is quoted.
 * -r: do not run COMMAND at all when there are no items.  -t: show each
 * command line on standard error first.
 *
 * Status: 0; 123 if some COMMAND exited with 1-125; 124 if one exited
 * with 255 (xargs stops); 125 if one was killed by a signal (stops); 126
 * if COMMAND could not be run, 127 if it was not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_ITEMS 2048          /* items per command line without -n */
#define MAX_BYTES (96 * 1024)   /* and their bytes: below the kernel's ARG_MAX */

static int nul_items, trace;

/* The next item (malloc'ed), or NULL at the end of the input. */
static char *next_item(void)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int c, quote = 0, started = 0;

    while ((c = getchar()) != EOF) {
        if (nul_items) {
            if (c == '\0')
                break;
        } else if (quote) {
            if (c == quote) {
                quote = 0;
                continue;
            }
            if (c == '\n') {
                fprintf(stderr, "xargs: unmatched %s quote\n", quote == '"' ? "double" : "single");
                exit(1);
            }
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (started)
                break;
            continue;
        } else if (c == '\'' || c == '"') {
            quote = c;
            started = 1;
            continue;
        } else if (c == '\\') {
            c = getchar();
            if (c == EOF)
                break;
        }
        started = 1;
        if (len + 2 > cap)
            buf = realloc(buf, cap = cap ? cap * 2 : 64);
        buf[len++] = (char)c;
    }
    if (!started && !(nul_items && c != EOF))
        return NULL;
    if (!buf)
        buf = malloc(1);
    buf[len] = '\0';
    return buf;
}

/* One input line, blanks at its start dropped (-I); NULL at the end. */
static char *next_line(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p) {
            memmove(line, p, strlen(p) + 1);
            return line;
        }
    }
    free(line);
    return NULL;
}

/* Run argv; returns xargs's verdict for it: 0, 123, 124, 125, 126 or 127. */
static int run(char **argv)
{
    if (trace) {
        for (int i = 0; argv[i]; i++)
            fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
        fputc('\n', stderr);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "xargs: fork: %s\n", strerror(errno));
        return 125;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 125;
    if (WIFSIGNALED(st))
        return 125;
    int code = WEXITSTATUS(st);
    return code == 0 ? 0 : code == 255 ? 124 : code == 126 || code == 127 ? code : 123;
}

/* Replace every REPL in s with item (-I). */
static char *replace(const char *s, const char *repl, const char *item)
{
    size_t rl = strlen(repl), il = strlen(item), n = 0;
    for (const char *p = s; (p = strstr(p, repl)); p += rl)
        n++;
    char *out = malloc(strlen(s) + n * il + 1), *o = out;
    for (const char *p = s, *q; ; p = q + rl) {
        q = rl ? strstr(p, repl) : NULL;
        size_t k = q ? (size_t)(q - p) : strlen(p);
        memcpy(o, p, k);
        o += k;
        if (!q)
            break;
        memcpy(o, item, il);
        o += il;
    }
    *o = '\0';
    return out;
}

int main(int argc, char **argv)
{
    int c, per = 0, no_empty = 0, status = 0;
    const char *repl = NULL;
    static char *echo[] = { "echo", NULL };

    while ((c = getopt(argc, argv, "+n:I:0rt")) != -1) {
        switch (c) {
        case 'n': per = atoi(optarg); break;
        case 'I': repl = optarg; break;
        case '0': nul_items = 1; break;
        case 'r': no_empty = 1; break;
        case 't': trace = 1; break;
        default: return 1;
        }
    }
    char **cmd = optind < argc ? argv + optind : echo;
    int ncmd = optind < argc ? argc - optind : 1;
    char **v = malloc((ncmd + MAX_ITEMS + 1) * sizeof *v);

    if (repl) {                 /* one command per line, REPL replaced */
        char *line;
        while ((line = next_line())) {
            for (int i = 0; i < ncmd; i++)
                v[i] = replace(cmd[i], repl, line);
            v[ncmd] = NULL;
            int r = run(v);
            status = r > status ? r : status;
            for (int i = 0; i < ncmd; i++)
                free(v[i]);
            free(line);
            if (r >= 124)
                return r;
        }
        return status;
    }
    int limit = per > 0 && per < MAX_ITEMS ? per : MAX_ITEMS, ran = 0;
    char *item = next_item();
    while (item || (!ran && !no_empty)) {
        int n = ncmd;
        size_t bytes = 0;
        memcpy(v, cmd, ncmd * sizeof *v);
        while (item && n - ncmd < limit && (n == ncmd || bytes + strlen(item) < MAX_BYTES)) {
            bytes += strlen(item) + 1;
            v[n++] = item;
            item = next_item();
        }
        v[n] = NULL;
        int r = run(v);
        ran = 1;
        status = r > status ? r : status;
        for (int i = ncmd; i < n; i++)
            free(v[i]);
        if (r >= 124)
            return r;
    }
    return status;
}
