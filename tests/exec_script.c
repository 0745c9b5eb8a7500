/*
 * exec_script: execve of "#!" scripts, as Linux's binfmt_script.
 *
 * The interpreter of most test scripts is this program itself: started
 * with IPCOS_DUMP_ARGV in its environment it prints its arguments, one
 * per line in brackets, so the test sees exactly the argv the kernel
 * built: INTERPRETER [ARGUMENT] SCRIPT argv[1]...  Checked: the optional
 * argument is the rest of the line as one string (blanks inside kept,
 * around it dropped); a last line without newline; the 256-byte limit
 * (an argument may be cut, the interpreter's name may not: ENOEXEC);
 * "#!" alone (ENOEXEC); a missing (ENOENT) or non-executable (EACCES)
 * interpreter; a script as interpreter of a script; ELOOP after five
 * levels; a file that is neither ELF nor script (ENOEXEC); and a real
 * /bin/sh script with arguments.
 */
#include "check.h"
#include "capture.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#define DIR "."            /* a directory of this run's own (main), by relative names */

static char self[128];           /* this program's absolute path */
static char *dump_env[] = { "IPCOS_DUMP_ARGV=1", "PATH=/bin:/usr/bin", NULL };

static void put(const char *path, const char *text, mode_t mode)
{
    unlink(path);
    int fd = EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC, mode));
    EXPECT_EQ(write_full(fd, text, strlen(text)), (long)strlen(text));
    close(fd);
}

/* execve(path, argv) in a child; its output in out; returns the wait status. */
static int run(const char *path, char *const argv[], char *out, int size)
{
    int o[2];
    EXPECT_OK(pipe(o));
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(o[1], 1);
        close(o[0]);
        close(o[1]);
        execve(path, argv, dump_env);
        printf("errno %d\n", errno);
        fflush(stdout);
        _exit(99);
    }
    close(o[1]);
    long n = read_full(o[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(o[0]);
    return wait_for(pid);
}

/* The script's text runs with args; expect output want. */
static void expect_argv(const char *text, char *const argv[], const char *want)
{
    char out[1024];
    put(DIR "/s", text, 0755);
    int st = run(DIR "/s", argv, out, sizeof out);
    if (strcmp(out, want) != 0)
        FAIL("script \"%s\": expected \"%s\", got \"%s\"", text, want, out);
    EXPECT_EXIT(st, 0);
}

/* The script's text makes execve fail with err. */
static void expect_errno(const char *text, int err)
{
    char out[64], want[32];
    char *argv[] = { DIR "/s", NULL };
    put(DIR "/s", text, 0755);
    snprintf(want, sizeof want, "errno %d\n", err);
    int st = run(DIR "/s", argv, out, sizeof out);
    if (strcmp(out, want) != 0)
        FAIL("script \"%.40s\": expected %s, got \"%s\"", text, errno_name(err), out);
    EXPECT_EXIT(st, 99);
}

static void arguments(void)
{
    char line[512], want[1024];
    char *a1[] = { "argv0-dropped", "one", "two three", NULL };

    snprintf(line, sizeof line, "#!%s\necho not run\n", self);
    snprintf(want, sizeof want, "[%s]\n[" DIR "/s]\n[one]\n[two three]\n", self);
    expect_argv(line, a1, want);

    /* One optional argument: the rest of the line, blanks around it dropped. */
    snprintf(line, sizeof line, "#! \t%s \t -x  -y z \t\nrest\n", self);
    snprintf(want, sizeof want, "[%s]\n[-x  -y z]\n[" DIR "/s]\n[one]\n[two three]\n", self);
    expect_argv(line, a1, want);

    /* No newline at all (a one-line file). */
    snprintf(line, sizeof line, "#!%s arg", self);
    snprintf(want, sizeof want, "[%s]\n[arg]\n[" DIR "/s]\n", self);
    char *a0[] = { "x", NULL };
    expect_argv(line, a0, want);

    /* Past 256 bytes: the argument is cut at byte 255. */
    int n = snprintf(line, sizeof line, "#!%s ", self);
    memset(line + n, 'y', 300);
    line[n + 300] = '\n';
    line[n + 301] = '\0';
    snprintf(want, sizeof want, "[%s]\n[%.*s]\n[" DIR "/s]\n", self, 255 - n, line + n);
    expect_argv(line, a0, want);

    /* An empty argv: nothing to drop. */
    char *none[] = { NULL };
    snprintf(line, sizeof line, "#!%s\n", self);
    snprintf(want, sizeof want, "[%s]\n[" DIR "/s]\n", self);
    expect_argv(line, none, want);
}

static void errors(void)
{
    char line[512];

    expect_errno("#!\n", ENOEXEC);
    expect_errno("#! \t \nfoo\n", ENOEXEC);
    expect_errno("plain text, no #! line\n", ENOEXEC);
    expect_errno("#!" DIR "/missing\n", ENOENT);
    put(DIR "/noexec", "#!/bin/sh\n", 0644);
    expect_errno("#!" DIR "/noexec\n", EACCES);
    expect_errno("#!" DIR "\n", EACCES);                    /* a directory */
    /* The interpreter's name cut by the 256-byte limit. */
    strcpy(line, "#!/");
    memset(line + 3, 'z', 300);
    strcpy(line + 303, "\n");
    expect_errno(line, ENOEXEC);
}

/* s1 -> s2 -> ... -> s<depth> -> this program. */
static void chain(int depth)
{
    char line[512], path[64], prev[64];

    for (int i = depth; i >= 1; i--) {
        snprintf(path, sizeof path, DIR "/s%d", i);
        if (i == depth)
            snprintf(line, sizeof line, "#!%s L%d\n", self, i);
        else
            snprintf(line, sizeof line, "#!%s L%d\n", prev, i);
        put(path, line, 0755);
        strcpy(prev, path);
    }
}

static void nesting(void)
{
    char out[1024], want[1024];
    char *argv[] = { "first", "arg", NULL };

    chain(2);
    snprintf(want, sizeof want, "[%s]\n[L2]\n[" DIR "/s2]\n[L1]\n[" DIR "/s1]\n[arg]\n", self);
    EXPECT_EXIT(run(DIR "/s1", argv, out, sizeof out), 0);
    if (strcmp(out, want))
        FAIL("two levels: expected \"%s\", got \"%s\"", want, out);

    chain(5);                           /* five scripts, then a program: fine */
    EXPECT_EXIT(run(DIR "/s1", argv, out, sizeof out), 0);
    CHECK(strstr(out, "[L5]\n[" DIR "/s5]\n[L4]\n") != NULL);

    chain(6);                           /* six: too deep */
    EXPECT_EXIT(run(DIR "/s1", argv, out, sizeof out), 99);
    snprintf(want, sizeof want, "errno %d\n", ELOOP);
    if (strcmp(out, want))
        FAIL("six levels: expected ELOOP, got \"%s\"", out);
}

static void shell_script(void)
{
    char out[256];
    char *argv[] = { "ignored", "a b", "c", NULL };

    put(DIR "/sh", "#!/bin/sh\necho \"$# [$1] [$2]\"\nexit 7\n", 0755);
    EXPECT_EXIT(run(DIR "/sh", argv, out, sizeof out), 7);
    if (strcmp(out, "2 [a b] [c]\n"))
        FAIL("sh script: got \"%s\"", out);
}

/* This program's absolute path, from argv[0] (a path, or a name found in $PATH). */
static int find_self(const char *arg0)
{
    char cwd[PATH_MAX] = "", path[PATH_MAX];
    struct stat st;

    if (strchr(arg0, '/')) {
        if (arg0[0] != '/' && !getcwd(cwd, sizeof cwd))
            return -1;
        snprintf(path, sizeof path, "%s%s%s", cwd, cwd[0] ? "/" : "", arg0);
    } else {
        const char *dirs = getenv("PATH") ? getenv("PATH") : "/bin";
        for (;;) {
            size_t n = strcspn(dirs, ":");
            snprintf(path, sizeof path, "%.*s/%s", (int)n, dirs, arg0);
            if (stat(path, &st) == 0 || !dirs[n])
                break;
            dirs += n + 1;
        }
    }
    if (strlen(path) >= sizeof self || stat(path, &st) < 0)
        return -1;
    strcpy(self, path);
    return 0;
}

int main(int argc, char **argv)
{
    if (getenv("IPCOS_DUMP_ARGV")) {
        for (int i = 0; i < argc; i++)
            printf("[%s]\n", argv[i]);
        return 0;
    }
    if (find_self(argv[0]) < 0) {
        fprintf(stderr, "exec_script: cannot tell where %s is\n", argv[0]);
        return 1;
    }
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/exec_script.%d", (int)getpid());
    remove_tree(dir);
    if (!enter_own_dir(dir))
        return check_done();
    arguments();
    errors();
    nesting();
    shell_script();
    EXPECT_OK(chdir("/"));
    remove_tree(dir);
    return check_done();
}
