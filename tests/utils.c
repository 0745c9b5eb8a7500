/*
 * utils: the small programs in /bin do their jobs - echo, cat (files,
 * standard input, a missing file), ls (sorted, hidden names skipped, a
 * plain file), mkdir, rm (-r), and kill (-N, -NAME, default SIGTERM).
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#define D "/tmp/utils.d"

static char *env[] = { "PATH=/bin", NULL };

/* Run argv with input on stdin (if any); capture stdout; stderr is
   kept for failures only in a file. */
static int run(char *const argv[], const char *input, char *out, int size)
{
    int o[2], i[2];
    EXPECT_OK(pipe(o));
    EXPECT_OK(pipe(i));
    pid_t pid = check_fork();
    if (pid == 0) {
        int err = open("/tmp/utils.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (err >= 0)
            dup2(err, 2);
        dup2(i[0], 0);
        dup2(o[1], 1);
        close(i[0]); close(i[1]); close(o[0]); close(o[1]);
        execve(argv[0], argv, env);
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
    int st = wait_for(pid);
    unlink("/tmp/utils.err");
    return st;
}

#define EXPECT_OUT(out, want) do { \
        if (strcmp(out, want) != 0) \
            FAIL("expected output \"%s\", got \"%s\"", want, out); \
    } while (0)

static void put(const char *path, const char *text)
{
    int fd = EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write_full(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void echo_cat(void)
{
    char out[256];
    char *echo[] = { "/bin/echo", "one", "two", NULL };
    EXPECT_EXIT(run(echo, NULL, out, sizeof out), 0);
    EXPECT_OUT(out, "one two\n");

    EXPECT_OK(mkdir(D, 0755));
    put(D "/a", "alpha\n");
    put(D "/b", "beta");
    char *cat2[] = { "/bin/cat", D "/a", D "/b", NULL };
    EXPECT_EXIT(run(cat2, NULL, out, sizeof out), 0);
    EXPECT_OUT(out, "alpha\nbeta");
    char *cat0[] = { "/bin/cat", NULL };
    EXPECT_EXIT(run(cat0, "from stdin\n", out, sizeof out), 0);
    EXPECT_OUT(out, "from stdin\n");
    /* A missing file: the others are still copied, the status is 1. */
    char *catm[] = { "/bin/cat", D "/a", D "/none", D "/b", NULL };
    EXPECT_EXIT(run(catm, NULL, out, sizeof out), 1);
    EXPECT_OUT(out, "alpha\nbeta");
}

static void ls_mkdir_rm(void)
{
    char out[256];
    put(D "/c", "");
    put(D "/.hidden", "");
    char *ls[] = { "/bin/ls", D, NULL };
    EXPECT_EXIT(run(ls, NULL, out, sizeof out), 0);
    EXPECT_OUT(out, "a\nb\nc\n");
    char *lsf[] = { "/bin/ls", D "/b", NULL };
    EXPECT_EXIT(run(lsf, NULL, out, sizeof out), 0);
    EXPECT_OUT(out, D "/b\n");
    char *lsm[] = { "/bin/ls", D "/none", NULL };
    int st = run(lsm, NULL, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
#ifndef __linux__
    /* Our ls -l: mode, size, name. */
    char *lsl[] = { "/bin/ls", "-l", D, NULL };
    EXPECT_EXIT(run(lsl, NULL, out, sizeof out), 0);
    EXPECT_OUT(out, "-rw-r--r--        6 a\n-rw-r--r--        4 b\n"
                    "-rw-r--r--        0 c\n");
#endif

    char *mk[] = { "/bin/mkdir", D "/sub", NULL };
    EXPECT_EXIT(run(mk, NULL, out, sizeof out), 0);
    CHECK(exists(D "/sub"));
    st = run(mk, NULL, out, sizeof out);          /* exists already */
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
    put(D "/sub/deep", "x");

    char *rm1[] = { "/bin/rm", D "/c", NULL };
    EXPECT_EXIT(run(rm1, NULL, out, sizeof out), 0);
    CHECK(!exists(D "/c"));
    st = run(rm1, NULL, out, sizeof out);         /* gone already */
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
    char *rmd[] = { "/bin/rm", D "/sub", NULL };  /* a directory, no -r */
    st = run(rmd, NULL, out, sizeof out);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) != 0);
    CHECK(exists(D "/sub/deep"));
    char *rmr[] = { "/bin/rm", "-r", D, NULL };
    EXPECT_EXIT(run(rmr, NULL, out, sizeof out), 0);
    CHECK(!exists(D));
}

/* A child blocked reading a pipe, to be killed by /bin/kill. */
static void kill_with(const char *opt, int sig)
{
    int fds[2];
    EXPECT_OK(pipe(fds));
    pid_t victim = check_fork();
    if (victim == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);
        _exit(0);
    }
    close(fds[0]);
    char pid[16], out[64];
    snprintf(pid, sizeof pid, "%d", (int)victim);
    char *with[] = { "/bin/kill", (char *)opt, pid, NULL };
    char *without[] = { "/bin/kill", pid, NULL };
    int st = run(opt ? with : without, NULL, out, sizeof out);
    EXPECT_EXIT(st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        kill(victim, sig); /* no /bin/kill to do it: do not wait for ever */
    EXPECT_SIGNAL(wait_for(victim), sig);
    close(fds[1]);
    /* Now it is gone: kill fails. */
    EXPECT_EQ(run(opt ? with : without, NULL, out, sizeof out) != 0, 1);
}

int main(void)
{
    echo_cat();
    ls_mkdir_rm();
    kill_with("-9", SIGKILL);
    kill_with("-USR1", SIGUSR1);
    kill_with("-SIGUSR2", SIGUSR2);
    kill_with(NULL, SIGTERM);
    return check_done();
}
