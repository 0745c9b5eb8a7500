/*
 * example.h - what the tests of the user/ examples (the programs of
 * doc/TOUR.md, tests/tour_*.c) share: run an example with its standard
 * output captured, and look at the lines it printed.
 *
 * The example's program sits beside the test's own: /bin on ipcos,
 * build/host/ in the host pass (tools/test builds the examples first).  An
 * example's standard error goes to the test's, so its complaints show in
 * the log.  On a failed check the whole output is shown too.
 */
#ifndef EXAMPLE_H
#define EXAMPLE_H

#include "check.h"
#include <fcntl.h>
#include <stdarg.h>

#define OUT_SIZE 16384

static char example_dir[256] = "/bin";

/* Where the examples are: the directory of this test's argv[0]. */
static inline void example_init(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    if (slash)
        snprintf(example_dir, sizeof example_dir, "%.*s", (int)(slash - argv0), argv0);
}

/*
 * Run example name with the given arguments (a NULL-terminated list),
 * its standard output into out (NUL-terminated); returns its wait status.
 */
static inline int run_example(char *out, size_t size, const char *name, ...)
{
    char path[320], *argv[16];
    int argc = 0, fds[2];
    va_list ap;

    snprintf(path, sizeof path, "%s/%s", example_dir, name);
    argv[argc++] = path;
    va_start(ap, name);
    while (argc < 15 && (argv[argc] = va_arg(ap, char *)) != NULL)
        argc++;
    va_end(ap);
    argv[argc] = NULL;

    if (pipe(fds) < 0) {
        FAIL("pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = check_fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execv(path, argv);
        fprintf(stderr, "exec %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    long n = read_full(fds[0], out, size - 1);
    out[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    return wait_for(pid);
}

/* The line after the one at p, or NULL at the end of the text. */
static inline const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl && nl[1] ? nl + 1 : NULL;
}

#define for_each_line(p, out) for (const char *p = *(out) ? (out) : NULL; p; p = next_line(p))

/* Run example name with one argument, its output thrown away; returns its wait status. */
static inline int run_example_quietly(const char *name, const char *arg)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%s", example_dir, name);
    pid_t pid = check_fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(path, path, arg, (char *)NULL);
        _exit(127);
    }
    return wait_for(pid);
}

/* How many lines of out are exactly line (given without its newline). */
static inline int count_line(const char *out, const char *line)
{
    size_t len = strlen(line);
    int n = 0;
    for_each_line(p, out)
        n += strncmp(p, line, len) == 0 && (p[len] == '\n' || p[len] == '\0');
    return n;
}

/* The index (0, 1, ...) of the first line of out that starts with prefix, or -1. */
static inline int line_index(const char *out, const char *prefix)
{
    int i = 0;
    for_each_line(p, out) {
        if (strncmp(p, prefix, strlen(prefix)) == 0)
            return i;
        i++;
    }
    return -1;
}

/* The text after prefix on the first line that starts with it, or NULL. */
static inline const char *after(const char *out, const char *prefix)
{
    for_each_line(p, out)
        if (strncmp(p, prefix, strlen(prefix)) == 0)
            return p + strlen(prefix);
    return NULL;
}

static inline int count_lines(const char *out)
{
    int n = 0;
    for (; *out; out++)
        n += *out == '\n';
    return n;
}

/* Exactly one line of out is line. */
#define EXPECT_LINE(out, line) do { \
        int c_ = count_line((out), (line)); \
        if (c_ != 1) \
            FAIL("expected the line \"%s\" once, found it %d times", (line), c_); \
    } while (0)

/* End of main for an example's test: show the output if anything failed. */
static inline int example_done(const char *out)
{
    if (check_failures)
        fprintf(stderr, "the example printed:\n%s", out);
    return check_done();
}

#endif
