/*
 * builtin.c - the commands the shell runs itself, because they change
 * the shell (cd, exit, export, set, shift, read, wait, ...) or because
 * a separate process would be wasted on them (echo, true, test).
 *
 * The special built-ins of POSIX (: . break continue eval exit export
 * return set shift trap unset) are found before functions, and their
 * NAME=value assignments stay set after them; the others come after
 * functions.  Each takes argc/argv like main and returns its status.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sh.h"

/* A non-negative decimal number, or -1. */
static long number(const char *s)
{
    char *end;

    if (!*s || *s == '-' || *s == '+')
        return -1;
    long v = strtol(s, &end, 10);
    return *end || v < 0 ? -1 : v;
}

static int bi_colon(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int bi_false(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

static int bi_echo(int argc, char **argv)
{
    int i = 1, newline = 1;

    if (argc > 1 && !strcmp(argv[1], "-n")) {
        newline = 0;
        i = 2;
    }
    for (; i < argc; i++) {
        fputs(argv[i], stdout);
        if (i < argc - 1)
            putchar(' ');
    }
    if (newline)
        putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}

static int bi_cd(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    int print = 0;
    char buf[PATH_MAX];

    if (argc > 1 && !strcmp(dir, "-")) {
        dir = var_get("OLDPWD");
        print = 1;
    }
    if (!dir || !*dir) {
        sh_error("cd: %s not set", argc > 1 ? "OLDPWD" : "HOME");
        return 1;
    }
    char *old = getcwd(buf, sizeof buf) ? xstrdup(buf) : NULL;
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        free(old);
        return 1;
    }
    if (old)
        var_set("OLDPWD", old, 0);
    free(old);
    if (getcwd(buf, sizeof buf)) {
        var_set("PWD", buf, 0);
        if (print)
            printf("%s\n", buf);
    }
    return 0;
}

static int bi_pwd(int argc, char **argv)
{
    char buf[PATH_MAX];

    (void)argc;
    (void)argv;
    if (!getcwd(buf, sizeof buf)) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

static int bi_exit(int argc, char **argv)
{
    long code = argc > 1 ? number(argv[1]) : sh.status;

    if (code < 0) {
        sh_error("exit: %s: bad number", argv[1]);
        code = 2;
    }
    sh_exit((int)code);
}

static int bi_export(int argc, char **argv)
{
    if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-p"))) {
        var_print(1);
        return 0;
    }
    int st = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!var_is_name(argv[i], len)) {
            sh_error("export: %s: bad variable name", argv[i]);
            st = 1;
            continue;
        }
        char *name = xstrndup(argv[i], len);
        if (eq)
            var_set(name, eq + 1, 1);
        else
            var_export(name);
        free(name);
    }
    return st;
}

static int bi_unset(int argc, char **argv)
{
    int i = 1, functions = 0;

    if (argc > 1 && (!strcmp(argv[1], "-f") || !strcmp(argv[1], "-v"))) {
        functions = argv[1][1] == 'f';
        i++;
    }
    for (; i < argc; i++) {
        if (functions)
            define_function(argv[i], NULL);
        else
            var_unset(argv[i]);
    }
    return 0;
}

static int bi_shift(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : 1;

    if (n < 0 || n > params.n) {
        sh_error("shift: can't shift that many");
        return 1;
    }
    params_set(params.v + n, params.n - (int)n);
    return 0;
}

/* set [-efux] [+efux] [--] [args]: options, and new positional parameters. */
static int bi_set(int argc, char **argv)
{
    int i = 1;

    if (argc == 1) {
        var_print(0);
        return 0;
    }
    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        int on = argv[i][0] == '-';
        for (const char *o = argv[i] + 1; *o; o++) {
            switch (*o) {
            case 'e': sh.errexit = on; break;
            case 'f': sh.noglob = on; break;
            case 'u': sh.nounset = on; break;
            case 'x': sh.xtrace = on; break;
            default:
                sh_error("set: -%c: unknown option", *o);
                return 2;
            }
        }
    }
    if (i < argc || (i > 1 && !strcmp(argv[i - 1], "--")))
        params_set(argv + i, argc - i);
    return 0;
}

/* read one byte at a time: what follows the line belongs to someone else. */
static int read_line(struct str *line, int raw)
{
    char c;

    str_adds(line, "");
    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        if (c == '\n')
            return 0;
        if (c == '\\' && !raw) {
            if (read(0, &c, 1) <= 0)
                return -1;
            if (c == '\n')
                continue;           /* line continuation */
            str_addc(line, '\\');   /* kept to mark c as quoted, removed below */
        }
        str_addc(line, c);
    }
}

/*
 * read [-r] NAME...: one line, split at $IFS; the last NAME gets the rest
 * of the line.  Without -r a backslash quotes the next character.
 */
static int bi_read(int argc, char **argv)
{
    int i = 1, raw = 0;
    struct str line = { 0 };
    const char *ifs = var_get("IFS");

    if (argc > 1 && !strcmp(argv[1], "-r")) {
        raw = 1;
        i++;
    }
    if (!ifs)
        ifs = " \t\n";
    char *defaults[] = { "read", "REPLY", NULL };
    if (i == argc) {
        argv = defaults;
        argc = 2;
        i = 1;
    }
    int st = read_line(&line, raw) < 0 ? 1 : 0;
    const char *p = line.s;
    for (; i < argc; i++) {
        struct str field = { 0 };
        int last = i == argc - 1;
        while (*p && strchr(ifs, *p) && strchr(" \t\n", *p))
            p++;
        size_t trail = 0;               /* trailing IFS white space, dropped */
        while (*p) {
            if (*p == '\\' && !raw && p[1]) {
                str_addc(&field, *++p);
                p++;
                trail = 0;
                continue;
            }
            if (strchr(ifs, *p)) {
                if (!last) {
                    p++;
                    while (*p && strchr(ifs, *p) && strchr(" \t\n", *p))
                        p++;
                    break;
                }
                trail = strchr(" \t\n", *p) ? trail + 1 : 0;
            } else {
                trail = 0;
            }
            str_addc(&field, *p++);
        }
        char *value = str_take(&field);
        value[strlen(value) - trail] = '\0';
        var_set(argv[i], value, 0);
        free(value);
    }
    free(line.s);
    return st;
}

static int bi_wait(int argc, char **argv)
{
    int st = 0;

    if (argc == 1)
        return jobs_wait_all();
    for (int i = 1; i < argc; i++) {
        long pid = number(argv[i]);
        if (pid <= 0) {
            sh_error("wait: %s: not a process id", argv[i]);
            st = 2;
            continue;
        }
        st = job_wait((pid_t)pid);
    }
    return st;
}

static int bi_eval(int argc, char **argv)
{
    struct str text = { 0 };

    for (int i = 1; i < argc; i++) {
        str_adds(&text, argv[i]);
        str_addc(&text, i < argc - 1 ? ' ' : '\n');
    }
    if (!text.s)
        return 0;
    int st = run_text(text.s, sh.name);
    free(text.s);
    return st;
}

/* . FILE: run the commands of FILE (found through $PATH if it has no '/') here. */
static int bi_dot(int argc, char **argv)
{
    if (argc < 2) {
        sh_error(".: a file name is needed");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        sh_error(".: cannot open %s: %s", argv[1], strerror(errno));
        return 1;
    }
    struct str text = { 0 };
    char buf[512];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        str_addn(&text, buf, n);
    close(fd);
    sh.func_depth++;
    int st = text.s ? run_text(text.s, argv[1]) : 0;
    sh.func_depth--;
    if (sh.jump == J_RETURN) {
        sh.jump = J_NONE;
        st = sh.status;
    }
    free(text.s);
    return st;
}

/* break [N] and continue [N] */
static int bi_loop_jump(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : 1;

    if (n < 1) {
        sh_error("%s: %s: bad number", argv[0], argv[1]);
        return 1;
    }
    if (sh.loop_depth == 0)
        return 0;
    sh.jump = argv[0][0] == 'b' ? J_BREAK : J_CONTINUE;
    sh.jump_count = n < sh.loop_depth ? (int)n : sh.loop_depth;
    return 0;
}

static int bi_return(int argc, char **argv)
{
    long n = argc > 1 ? number(argv[1]) : sh.status;

    if (n < 0) {
        sh_error("return: %s: bad number", argv[1]);
        n = 2;
    }
    if (sh.func_depth == 0) {
        sh_error("return: not in a function");
        return 1;
    }
    sh.status = (int)(n & 0xff);
    sh.jump = J_RETURN;
    return sh.status;
}

static const struct builtin {
    const char *name;
    builtin_fn fn;
    int special;
} builtins[] = {
    { ":", bi_colon, 1 }, { ".", bi_dot, 1 }, { "break", bi_loop_jump, 1 },
    { "continue", bi_loop_jump, 1 }, { "eval", bi_eval, 1 }, { "exit", bi_exit, 1 },
    { "export", bi_export, 1 }, { "return", bi_return, 1 }, { "set", bi_set, 1 },
    { "shift", bi_shift, 1 }, { "unset", bi_unset, 1 },
    { "[", builtin_test, 0 }, { "cd", bi_cd, 0 }, { "echo", bi_echo, 0 },
    { "false", bi_false, 0 }, { "pwd", bi_pwd, 0 }, { "read", bi_read, 0 },
    { "test", builtin_test, 0 }, { "trap", builtin_trap, 1 }, { "true", bi_colon, 0 },
    { "wait", bi_wait, 0 },
};

builtin_fn find_builtin(const char *name, int *special)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (!strcmp(builtins[i].name, name)) {
            *special = builtins[i].special;
            return builtins[i].fn;
        }
    *special = 0;
    return NULL;
}

/* ---- functions ---- */

struct function {
    struct function *next;
    char *name;
    struct node *body;
};
static struct function *functions;

/* Define (or with body NULL, remove) a function. */
int define_function(const char *name, struct node *body)
{
    struct function **pf = &functions;

    for (; *pf; pf = &(*pf)->next)
        if (!strcmp((*pf)->name, name))
            break;
    if (!*pf && body) {
        *pf = xmalloc(sizeof **pf);
        (*pf)->next = NULL;
        (*pf)->name = xstrdup(name);
    } else if (*pf && !body) {
        struct function *f = *pf;
        *pf = f->next;
        free(f->name);
        free(f);
        return 0;
    }
    if (*pf)
        (*pf)->body = body;
    return 0;
}

struct node *find_function(const char *name)
{
    for (struct function *f = functions; f; f = f->next)
        if (!strcmp(f->name, name))
            return f->body;
    return NULL;
}
