/*
 * init_run: /bin/init run as an ordinary process - with an argument it
 * runs it through /bin/sh -c with PATH=/bin and HOME=/, and exits with its
 * status (128+N if signal N killed the shell); it reaps orphans meanwhile.
 */
// ipcos-only: on Linux /bin/init is the host's own init, not ipcos's.
#include "check.h"

static int run_init(const char *line, char *out, int size)
{
    int o[2];
    EXPECT_OK(pipe(o));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(o[1], 1);
        close(o[0]);
        close(o[1]);
        char *argv[] = { "/bin/init", (char *)line, NULL };
        char *envp[] = { "PATH=/nowhere", "HOME=/nowhere", NULL };
        execve(argv[0], argv, envp);
        _exit(120);
    }
    close(o[1]);
    long n = read_full(o[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(o[0]);
    return wait_for(pid);
}

int main(void)
{
    char out[256];
    EXPECT_EXIT(run_init("exit 3", out, sizeof out), 3);
    EXPECT_EXIT(run_init("true", out, sizeof out), 0);
    EXPECT_EXIT(run_init("false", out, sizeof out), 1);
    /* The shell killing itself: init reports 128 + 9. */
    EXPECT_EXIT(run_init("kill -9 $$", out, sizeof out), 137);
    /* The environment init gives the shell. */
    EXPECT_EXIT(run_init("echo $PATH $HOME", out, sizeof out), 0);
    if (strcmp(out, "/bin /\n") != 0)
        FAIL("environment: expected \"/bin /\\n\", got \"%s\"", out);
    /* A command line with quotes survives as one argument. */
    EXPECT_EXIT(run_init("echo 'a  b'; echo c", out, sizeof out), 0);
    if (strcmp(out, "a  b\nc\n") != 0)
        FAIL("quoting: expected \"a  b\\nc\\n\", got \"%s\"", out);
    return check_done();
}
