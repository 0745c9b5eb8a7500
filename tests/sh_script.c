/*
 * sh_script: shell scripts -- run as 'sh FILE ARGS' and by name through
 * a '#!' line (with arguments, and with an option on the '#!' line); -c
 * with $0; syntax errors reported with their line number and exit status
 * 2 after the lines before them have run; and commands read from
 * standard input sharing it with the commands they run.  On the host the
 * same checks run against dash (error messages differ in wording, so only
 * the line number in them is compared).
 */
#include "check.h"
#include "capture.h"

static char D[64];              /* /tmp/sh_script.PID: this run's own */

static char *env[] = { "PATH=/bin:/usr/bin", "HOME=/tmp", NULL };
static char out[4096], err[1024];

static const char script[] =
    "# a script: arguments, a function, a loop\n"
    "greet() {\n"
    "    echo \"hello, $1\"\n"
    "}\n"
    "echo \"$0: $# args\"\n"
    "for a in \"$@\"; do\n"
    "    greet \"$a\"\n"
    "done\n"
    "n=0\n"
    "while [ $n -lt 3 ]; do\n"
    "    n=$((n + 1))\n"
    "done\n"
    "echo \"counted to $n\"\n"
    "exit 4\n";

#define EXPECT_OUT(want) do { \
        if (strcmp(out, want) != 0) \
            FAIL("expected output \"%s\", got \"%s\" (stderr \"%s\")", want, out, err); \
    } while (0)

/* The line number in a shell's error message: "line N" (ours) or ": N: " (dash). */
static int error_line(const char *msg)
{
    const char *p = strstr(msg, "line ");
    if (p)
        return atoi(p + 5);
    for (p = msg; (p = strchr(p, ':')); p++)
        if (p[1] == ' ' && p[2] >= '0' && p[2] <= '9')
            return atoi(p + 2);
    return -1;
}

static void write_script(const char *path, const char *text, mode_t mode)
{
    unlink(path);
    int fd = EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
    EXPECT_EQ(write_full(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
}

static void sh_file_args(void)
{
    char *argv[] = { "sh", "s.sh", "one", "two words", NULL };
    write_script("s.sh", script, 0644);
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, NULL, out, sizeof out, err, sizeof err), 4);
    EXPECT_OUT("s.sh: 2 args\nhello, one\nhello, two words\ncounted to 3\n");
}

static void hashbang(void)
{
    /* by name: the kernel runs /bin/sh FILE ARGS */
    char text[sizeof script + 16] = "#!/bin/sh\n";
    strcat(text, script);
    write_script("./run-me", text, 0755);
    char *argv[] = { "run-me", "a", "b", "c", NULL };
    EXPECT_EXIT(capture(D, "./run-me", argv, env, NULL, out, sizeof out, err, sizeof err), 4);
    EXPECT_OUT("./run-me: 3 args\nhello, a\nhello, b\nhello, c\ncounted to 3\n");

    /* an option on the #! line: -e stops at the first failure */
    write_script("./strict", "#!/bin/sh -e\necho \"one $1\"\nfalse\necho two\n", 0755);
    char *argv2[] = { "strict", "arg", NULL };
    EXPECT_EXIT(capture(D, "./strict", argv2, env, NULL, out, sizeof out, err, sizeof err), 1);
    EXPECT_OUT("one arg\n");

    /* the shell finds it through PATH too, and a script without #! runs as sh */
    write_script("plain", "echo \"plain $#\"\n", 0755);
    char *argv3[] = { "sh", "-c", "PATH=.:$PATH; run-me x; echo \"status $?\"; plain 1 2", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv3, env, NULL, out, sizeof out, err, sizeof err), 0);
    EXPECT_OUT("./run-me: 1 args\nhello, x\ncounted to 3\nstatus 4\nplain 2\n");
}

static void dash_c(void)
{
    char *argv[] = { "sh", "-c", "echo \"$0 [$1] [$2] $#\"", "zero", "one", "two two", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, NULL, out, sizeof out, err, sizeof err), 0);
    EXPECT_OUT("zero [one] [two two] 2\n");
    char *argv2[] = { "sh", "-c", "exit 7", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv2, env, NULL, out, sizeof out, err, sizeof err), 7);
    char *argv3[] = { "sh", "-e", "-c", "echo a; false; echo b", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv3, env, NULL, out, sizeof out, err, sizeof err), 1);
    EXPECT_OUT("a\n");
}

/* A script with a syntax error on line `line`: what comes before it runs. */
static void expect_syntax_error(const char *text, const char *want_out, int line)
{
    char *argv[] = { "sh", "bad.sh", NULL };
    write_script("bad.sh", text, 0644);
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, NULL, out, sizeof out, err, sizeof err), 2);
    EXPECT_OUT(want_out);
    if (line > 0 && error_line(err) != line)
        FAIL("script \"%s\": expected an error on line %d, got \"%s\"", text, line, err);
    if (!strstr(err, "bad.sh"))
        FAIL("the error does not name the script: \"%s\"", err);
}

static void syntax_errors(void)
{
    expect_syntax_error("echo line1\necho line2\nif true; then\n  echo never\nfi fi\necho never2\n",
                        "line1\nline2\n", 5);
    expect_syntax_error("echo a\nwhile true\ndo\n  echo b\n", "a\n", 5);
    expect_syntax_error("echo a\ndone\necho b\n", "a\n", 2);
    expect_syntax_error("echo x | | cat\n", "", 1);
    expect_syntax_error("echo ok\n( echo unclosed\necho more\n", "ok\n", 4);
#ifndef __linux__
    /* ours names the line the quote opened on (dash: the last line) */
    expect_syntax_error("echo a\necho \"open\n\necho b\n", "a\n", 2);
#else
    expect_syntax_error("echo a\necho \"open\n\necho b\n", "a\n", 0);
#endif

    /* -c: the same, and the message goes to stderr */
    char *argv[] = { "sh", "-c", "echo before\nthen\necho after", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, NULL, out, sizeof out, err, sizeof err), 2);
    EXPECT_OUT("before\n");
    EXPECT_EQ(error_line(err), 2);
}

static void standard_input(void)
{
    char *argv[] = { "sh", NULL };
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, "echo one\nfalse\n", out, sizeof out, err, sizeof err), 1);
    EXPECT_OUT("one\n");
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, "if true\nthen echo multi\nfi\n",
                        out, sizeof out, err, sizeof err), 0);
    EXPECT_OUT("multi\n");
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, "echo a\nfi\necho b\n", out, sizeof out, err, sizeof err), 2);
    EXPECT_OUT("a\n");
    EXPECT_EQ(error_line(err), 2);
#ifndef __linux__
    /*
     * POSIX: a shell reading commands from standard input must leave the
     * rest of it to the commands it runs (dash reads ahead here).
     */
    EXPECT_EXIT(capture(D, "/bin/sh", argv, env, "read x\ndata line\necho \"got $x\"\ncat\nto cat\n",
                        out, sizeof out, err, sizeof err), 0);
    EXPECT_OUT("got data line\nto cat\n");
#endif
}

int main(void)
{
    snprintf(D, sizeof D, "/tmp/sh_script.%d", (int)getpid());
    remove_tree(D);
    if (!enter_own_dir(D))      /* the scripts are written and named relative to it */
        return check_done();
    sh_file_args();
    hashbang();
    dash_c();
    syntax_errors();
    standard_input();
    EXPECT_OK(chdir("/"));
    remove_tree(D);
    return check_done();
}
