/*
 * sh_pipes: the shell's plumbing - pipelines of many stages, '<', '>',
 * '>>' and '2>' redirections, background jobs with '&', and a large file
 * passed through a pipeline intact.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define F "/tmp/sh_pipes.f"
#define G "/tmp/sh_pipes.g"
#define BIG "/tmp/sh_pipes.big"
#define BIGOUT "/tmp/sh_pipes.out"

static char *env[] = { "PATH=/bin", "HOME=/", NULL };

static int run(const char *line, char *out, int size)
{
    int o[2];
    EXPECT_OK(pipe(o));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(o[1], 1);
        close(o[0]);
        close(o[1]);
        char *args[] = { "sh", "-c", (char *)line, NULL };
        execve("/bin/sh", args, env);
        _exit(120);
    }
    close(o[1]);
    long n = read_full(o[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(o[0]);
    return wait_for(pid);
}

static void expect(const char *line, const char *want, int code)
{
    char out[512];
    int st = run(line, out, sizeof out);
    if (strcmp(out, want) != 0)
        FAIL("sh -c '%s': expected output \"%s\", got \"%s\"", line, want, out);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
        FAIL("sh -c '%s': expected exit %d, got %s", line, code, status_str(st));
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static void pipelines(void)
{
    expect("echo abc | cat", "abc\n", 0);
    expect("echo abc | cat | cat | cat | cat | cat | cat | cat | cat | cat", "abc\n", 0);
    expect("echo a|cat;echo b |cat", "a\nb\n", 0);
    /* The status of a pipeline is its last command's. */
    expect("echo x | false", "", 1);
    expect("false | true", "", 0);
    expect("false | cat; echo $?", "0\n", 0);
}

static void redirections(void)
{
    expect("echo one > " F "; echo two >> " F "; cat < " F, "one\ntwo\n", 0);
    EXPECT_EQ(file_size(F), 8);
    expect("echo new > " F "; cat " F, "new\n", 0);      /* '>' truncates */
    expect("cat < " F " | cat > " G "; cat " G, "new\n", 0);
    expect(">" G "; cat " G, "", 0);                      /* just create */
    EXPECT_EQ(file_size(G), 0);
    expect("cat <" F ">" G "; cat " G, "new\n", 0);       /* no spaces */
    /* stderr to a file; a missing input file fails the command. */
    expect("cat /tmp/sh_pipes.none 2>" G "; echo $?", "1\n", 0);
    CHECK(file_size(G) > 0);
    /* (Shells differ in the status after a failed redirection.) */
    char out[16];
    EXPECT_EXIT(run("cat 2>" G " < /tmp/sh_pipes.none; echo $?", out, sizeof out), 0);
    CHECK(atoi(out) != 0);
    expect("echo to-err 2>" G " 1>&2; cat " G, "to-err\n", 0);
    unlink(F);
    unlink(G);
}

/*
 * Wait until background job pid (its number as the shell printed it) has
 * exited and been reaped, so the test leaves no process behind for the
 * runner's leak check to count.
 */
static void wait_job_gone(const char *pid_text)
{
    pid_t pid = (pid_t)atoi(pid_text);
    if (pid <= 1)
        FAIL("background job's pid: got \"%s\"", pid_text);
    else
        wait_reaped(pid);
}

static void background(void)
{
    /* A background job runs; the shell does not wait for it. */
    char out[64];
    EXPECT_EXIT(run("true & echo $? $!", out, sizeof out), 0);
    if (strncmp(out, "0 ", 2) != 0)
        FAIL("sh -c 'true & echo $? $!': expected \"0 PID\", got \"%s\"", out);
    else
        wait_job_gone(out + 2);
    /* The job runs when it gets a hart: wait until it is gone (no
       wall-clock bound: a loaded machine may take seconds), then its
       output is all there. */
    EXPECT_EXIT(run("echo bg > " F " & echo $!", out, sizeof out), 0);
    wait_job_gone(out);
    EXPECT_EQ(file_size(F), 3);
    /* Several at once, each writing its own file. */
    EXPECT_EXIT(run("echo 1 > " F " & a=$!; echo 22 > " G " & echo fg $a $!", out, sizeof out), 0);
    char *second = NULL, *first = strchr(out, ' ');
    if (strncmp(out, "fg ", 3) != 0 || !first || !(second = strchr(first + 1, ' ')))
        FAIL("expected \"fg PID PID\", got \"%s\"", out);
    if (second) {
        wait_job_gone(first + 1);
        wait_job_gone(second + 1);
    }
    EXPECT_EQ(file_size(F), 2);
    EXPECT_EQ(file_size(G), 3);
    unlink(F);
    unlink(G);
}

static void big_file(void)
{
    enum { SIZE = 200 * 1024 };
    static char buf[SIZE], back[SIZE];
    for (int i = 0; i < SIZE; i++)
        buf[i] = (char)('a' + i % 26 + (i % 977 == 0));
    int fd = EXPECT_OK(open(BIG, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write_full(fd, buf, SIZE), SIZE);
    close(fd);
    char out[16];
    EXPECT_EXIT(run("cat " BIG " | cat | cat > " BIGOUT, out, sizeof out), 0);
    fd = EXPECT_OK(open(BIGOUT, O_RDONLY));
    EXPECT_EQ(read_full(fd, back, SIZE), SIZE);
    close(fd);
    CHECK(memcmp(buf, back, SIZE) == 0);
    unlink(BIG);
    unlink(BIGOUT);
}

int main(void)
{
    pipelines();
    redirections();
    background();
    big_file();
    return check_done();
}
