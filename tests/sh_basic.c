/*
 * sh_basic: the shell's language - words and quoting, $? and $NAME,
 * sequences, the exit status of the shell, the cd and exit builtins,
 * commands not found, and the three ways to feed it commands (-c, a
 * script file, standard input).
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define SCRIPT "/tmp/sh_basic.sh"
#define ERRF "/tmp/sh_basic.err"

static char *env[] = { "PATH=/bin", "HOME=/tmp", NULL };

/* Run /bin/sh with args (and input on stdin if given); capture stdout. */
static int run_sh(char *const args[], const char *input, char *out, int size)
{
    int o[2], i[2];
    EXPECT_OK(pipe(o));
    EXPECT_OK(pipe(i));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(i[0], 0);
        dup2(o[1], 1);
        close(i[0]); close(i[1]); close(o[0]); close(o[1]);
        execve("/bin/sh", args, env);
        _exit(120);
    }
    close(i[0]);
    close(o[1]);
    if (input)
        write_full(i[1], input, strlen(input));
    close(i[1]);
    long n = read_full(o[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(o[0]);
    return wait_for(pid);
}

/* sh -c LINE: expect the output and exit status. */
static void expect_c(const char *line, const char *want, int code)
{
    char out[512];
    char *args[] = { "sh", "-c", (char *)line, NULL };
    int st = run_sh(args, NULL, out, sizeof out);
    if (strcmp(out, want) != 0)
        FAIL("sh -c '%s': expected output \"%s\", got \"%s\"", line, want, out);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
        FAIL("sh -c '%s': expected exit %d, got %s", line, code, status_str(st));
}

static void words(void)
{
    expect_c("echo hello", "hello\n", 0);
    expect_c("echo   spaced    out  ", "spaced out\n", 0);
    expect_c("echo 'a  b' \"c  d\" e\\ f", "a  b c  d e f\n", 0);
    expect_c("echo '\"q\"' \"'s'\" x'y'\"z\"", "\"q\" 's' xyz\n", 0);
    expect_c("echo '$HOME' \"$HOME\" $HOME", "$HOME /tmp /tmp\n", 0);
    expect_c("echo \"a;b|c>d\" 'e&f<g'", "a;b|c>d e&f<g\n", 0);
    expect_c("echo a $IPCOS_UNSET b \"\" c", "a b  c\n", 0);
    expect_c("echo one # a comment", "one\n", 0);
    expect_c("echo \"\\\"\" \"\\$x\"", "\" $x\n", 0);
}

static void status(void)
{
    expect_c("true", "", 0);
    expect_c("false", "", 1);
    expect_c("false; echo $?", "1\n", 0);
    expect_c("true; echo $?; false; echo $?", "0\n1\n", 0);
    expect_c("false; true", "", 0);
    expect_c("true; false", "", 1);
    expect_c("exit 7", "", 7);
    expect_c("exit 7; echo not here", "", 7);
    expect_c("false; exit", "", 1);
    expect_c("echo a; echo b; echo c", "a\nb\nc\n", 0);
    /* A child killed by a signal: 128 + the signal number. */
    expect_c("sh -c 'kill -9 $$'; echo $?", "137\n", 0);
    expect_c("sh -c 'exit 300'; echo $?", "44\n", 0);
    /* Not found: 127, and a message on stderr. */
    expect_c("ipcos_no_such_cmd 2>" ERRF "; echo $?", "127\n", 0);
    struct stat st;
    EXPECT_OK(stat(ERRF, &st));
    CHECK(st.st_size > 0);
    unlink(ERRF);
}

static void cd(void)
{
    expect_c("cd /tmp; echo x > sh_basic.cd; cat /tmp/sh_basic.cd", "x\n", 0);
    unlink("/tmp/sh_basic.cd");
    expect_c("cd; echo y > sh_basic.home; cat /tmp/sh_basic.home", "y\n", 0);
    unlink("/tmp/sh_basic.home");
    /* A failed cd is an error but not the end of the shell. */
    char out[64];
    char *args[] = { "sh", "-c", "cd /ipcos_nowhere 2>" ERRF "; echo $?", NULL };
    EXPECT_EXIT(run_sh(args, NULL, out, sizeof out), 0);
    CHECK(atoi(out) != 0);
    unlink(ERRF);
}

static void script_and_stdin(void)
{
    const char *script = "echo first\n# comment line\n\nfalse\necho $?\nexit 4\necho never\n";
    int fd = EXPECT_OK(open(SCRIPT, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write_full(fd, script, strlen(script)), (long)strlen(script));
    close(fd);

    char out[256];
    char *file_args[] = { "sh", SCRIPT, NULL };
    EXPECT_EXIT(run_sh(file_args, NULL, out, sizeof out), 4);
    if (strcmp(out, "first\n1\n") != 0)
        FAIL("sh script: expected \"first\\n1\\n\", got \"%s\"", out);

    /* The same commands on standard input (a pipe: no prompt). */
    char *stdin_args[] = { "sh", NULL };
    EXPECT_EXIT(run_sh(stdin_args, script, out, sizeof out), 4);
    if (strcmp(out, "first\n1\n") != 0)
        FAIL("sh < pipe: expected \"first\\n1\\n\", got \"%s\"", out);
    /* The status of the last command, at end of input. */
    EXPECT_EXIT(run_sh(stdin_args, "true\nfalse\n", out, sizeof out), 1);
    EXPECT_EXIT(run_sh(stdin_args, "false\ntrue", out, sizeof out), 0);
    unlink(SCRIPT);

    /* A script that does not exist. */
    char *missing[] = { "sh", "/tmp/sh_basic.none", NULL };
    int st = run_sh(missing, NULL, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
}

int main(void)
{
    words();
    status();
    cd();
    script_and_stdin();
    return check_done();
}
