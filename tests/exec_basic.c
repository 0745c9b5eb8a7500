/*
 * exec_basic: execve - a missing file gives ENOENT (and the caller goes on),
 * /bin/true and /bin/false exit 0 and 1, argv reaches the new program
 * (/bin/echo prints it into a pipe), and envp becomes its environment.
 */
#include "check.h"
#include <fcntl.h>

extern char **environ;

/* Run argv[0] with its stdout on a pipe; return its status and output. */
static int run_capture(char *const argv[], char *const envp[], char *out, int size)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execve(argv[0], argv, envp);
        _exit(100 + errno);
    }
    close(fds[1]);
    long n = read_full(fds[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    return wait_for(pid);
}

static void missing(void)
{
    char *argv[] = { "/bin/no_such_program", NULL };
    char *envp[] = { NULL };
    EXPECT_ERR(execve("/bin/no_such_program", argv, envp), ENOENT);
    EXPECT_ERR(execve("/no_such_dir/prog", argv, envp), ENOENT);
    EXPECT_ERR(execv("/bin/no_such_program", argv), ENOENT);
    /* A directory is not executable. */
    EXPECT_ERR(execve("/", argv, envp), EACCES);
    /* We are still here and still work. */
    CHECK(getpid() > 0);
}

static void true_false(void)
{
    char out[64];
    char *t[] = { "/bin/true", NULL }, *f[] = { "/bin/false", NULL };
    EXPECT_EXIT(run_capture(t, environ, out, sizeof out), 0);
    EXPECT_EQ(strlen(out), 0);
    EXPECT_EXIT(run_capture(f, environ, out, sizeof out), 1);
}

static void arguments(void)
{
    char out[256];
    char *argv[] = { "/bin/echo", "hello", "", "two words", "x", NULL };
    EXPECT_EXIT(run_capture(argv, environ, out, sizeof out), 0);
    if (strcmp(out, "hello  two words x\n") != 0)
        FAIL("echo output: expected \"hello  two words x\\n\", got \"%s\"", out);

    /* Many arguments. */
    char *many[66];
    char bufs[64][8];
    char want[512] = "";
    many[0] = "/bin/echo";
    for (int i = 0; i < 64; i++) {
        snprintf(bufs[i], sizeof bufs[i], "a%d", i);
        many[i + 1] = bufs[i];
        strcat(want, bufs[i]);
        strcat(want, i == 63 ? "\n" : " ");
    }
    many[65] = NULL;
    EXPECT_EXIT(run_capture(many, environ, out, sizeof out), 0);
    if (strcmp(out, want) != 0)
        FAIL("echo of 64 args: expected \"%s\", got \"%s\"", want, out);
}

/* The exec'd program (this test again, in "env" mode) sees exactly envp. */
static void environment(const char *self)
{
    char out[256];
    char *argv[] = { (char *)self, "env", NULL };
    char *envp[] = { "IPCOS_A=alpha", "IPCOS_B=b c", NULL };
    EXPECT_EXIT(run_capture(argv, envp, out, sizeof out), 0);
    if (strcmp(out, "IPCOS_A=alpha\nIPCOS_B=b c\n") != 0)
        FAIL("environment: expected the two variables, got \"%s\"", out);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "env") == 0) {
        for (char **e = environ; *e; e++)
            printf("%s\n", *e);
        printf("%s", getenv("IPCOS_A") ? "" : "getenv failed\n");
        return 0;
    }
    missing();
    true_false();
    arguments();
    environment(argv[0]);
    return check_done();
}
