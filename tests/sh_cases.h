/*
 * sh_cases.h - table-driven shell tests: each case is a script for
 * sh -c, the output and the exit status it must give.  Include after
 * check.h and capture.h.
 *
 * The expected output of every case was captured from dash (Debian's
 * /bin/sh) running the same script, and only cases whose result POSIX
 * defines are kept, so the same table passes on ipcos (our /bin/sh) and
 * on the Linux host (dash).  Each case runs as
 *     sh -c SCRIPT name a1 "b 2"
 * ($0 = name, $1 = a1, $2 = "b 2") with PATH=/bin:/usr/bin, HOME=/tmp,
 * LC_ALL=C (GNU tools on the host then sort and match bytes as ours do),
 * standard input "first line\nsecond\n", in a fresh directory (base.PID)
 * that setup() fills (if given) and that is removed afterwards.
 */
#ifndef SH_CASES_H
#define SH_CASES_H

/* The input files every case of tools_files and tools_text starts with (a setup for run_sh_cases). */
static inline void tools_input_files(void)
{
    put_file("lines", "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\ntwelve\n");
    put_file("words", "alpha beta\ngamma  delta epsilon\n\n  zeta\n");
    put_file("nonl", "no newline at end");
    put_file("empty", "");
    put_file("kv", "b 2\na 10\nc 1\nb 2\na 3\nB 5\n");
    put_file("passwd", "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/usr/sbin/nologin\nuser:x:1000:1000:A User,,,:/home/user:/bin/bash\n");
    put_file("fruit", "apple\nbanana\napple\napple\ncherry\nbanana\n");
    put_file("hello", "Hello World\nhello again\nHELLO\nnothing here\nsay hello.\n");
    put_file("nums", "10\n9\n-1\n2.5\n2.50\nabc\n0\n-0\n+3\n 7\n1.25\n-1.5\n");
    mkdir("d", 0755);
}

struct sh_case {
    const char *script;
    const char *out;        /* standard output */
    int status;
};

static void run_sh_cases(const struct sh_case *c, int n, const char *base, void (*setup)(void))
{
    static char *env[] = { "PATH=/bin:/usr/bin", "HOME=/tmp", "LC_ALL=C", NULL };
    static char out[8192], err[2048];
    char dir[64];

    /* one directory per run: other runs of this test may share the machine */
    snprintf(dir, sizeof dir, "%s.%d", base, (int)getpid());

    for (int i = 0; i < n; i++) {
        char *argv[] = { "sh", "-c", (char *)c[i].script, "name", "a1", "b 2", NULL };
        remove_tree(dir);
        EXPECT_OK(mkdir(dir, 0755));
        if (chdir(dir) == 0 && setup)
            setup();
        chdir("/");
        int st = capture(dir, "/bin/sh", argv, env, "first line\nsecond\n",
                         out, sizeof out, err, sizeof err);
        if (strcmp(out, c[i].out) == 0 && WIFEXITED(st) && WEXITSTATUS(st) == c[i].status)
            continue;
        fprintf(stderr, "sh -c '%s'\n  expected (exit %d): \"%s\"\n  got (%s): \"%s\"\n"
                "  stderr: \"%s\"\n", c[i].script, c[i].status, c[i].out, status_str(st), out, err);
        FAIL("case %d failed", i);
    }
    remove_tree(dir);
}

#endif
