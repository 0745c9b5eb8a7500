// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * fifo_chat: a FIFO (named pipe) lets processes that share nothing but a
 * file name talk through a pipe.
 *
 *   fifo_chat                      the demo below
 *   fifo_chat listen PATH          make the FIFO PATH, print what is written to it
 *   fifo_chat say PATH WORDS...    write one line into it ("quit" stops the listener)
 *
 * mkfifo() makes a file of type FIFO.  Whoever opens it for reading and
 * whoever opens it for writing are joined by a pipe, as if pipe() had made
 * it -- but they need not be parent and child: anyone who knows the name
 * can join.  Try it from the shell:
 *
 *   $ fifo_chat listen /tmp/chat &
 *   $ fifo_chat say /tmp/chat hello there
 *   $ fifo_chat say /tmp/chat quit
 *
 * Things to notice:
 *   - open() blocks: a talker waits in open() until a reader has the FIFO
 *     open (and a reader would wait for a writer, but see O_NONBLOCK below);
 *   - each line is one write() of less than PIPE_BUF (4096) bytes, and
 *     such writes are atomic: lines from two talkers never mix;
 *   - end of file on a FIFO means "no writer at the moment", not "never
 *     again".  A listener that closed and reopened at each end of file could
 *     lose a line: a talker may open and write just before the close, and a
 *     pipe's data goes with its last open end.  So the listener opens the
 *     FIFO for writing too: with a writer always there, read() never says
 *     end of file, and the listener stops when it hears "quit".
 *
 * The demo forks a listener and two talkers, ann and bob, who each say three
 * lines; the talkers only get the FIFO's name, no inherited descriptor.
 * Then the demo itself says "quit".  What to look for in the output: all six
 * lines, whole, ann's in order and bob's in order but the two mixed in any
 * order, and "heard: quit" last.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int say(const char *path, const char *line)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "%s\n", line);
    int fd = open(path, O_WRONLY);      /* waits until a listener has it open */
    if (fd < 0 || n >= (int)sizeof buf || write(fd, buf, n) != n) {
        perror("fifo_chat: say");
        return 1;
    }
    close(fd);
    return 0;
}

static int listen_on(const char *path)
{
    char line[512];
    FILE *in;

    if (mkfifo(path, 0666) < 0 && errno != EEXIST) {
        perror("fifo_chat: mkfifo");
        return 1;
    }
    int rd = open(path, O_RDONLY | O_NONBLOCK); /* a reader opens at once with O_NONBLOCK */
    int wr = open(path, O_WRONLY);              /* our own writer: no end of file */
    if (rd < 0 || wr < 0 || fcntl(rd, F_SETFL, 0) < 0 || !(in = fdopen(rd, "r"))) {
        perror("fifo_chat: open");      /* (F_SETFL 0: reads wait for data again) */
        return 1;
    }
    while (fgets(line, sizeof line, in)) {
        printf("heard: %s", line);
        if (strcmp(line, "quit\n") == 0)
            break;
    }
    fclose(in);
    close(wr);
    unlink(path);
    return 0;
}

/* One talker of the demo: say three lines over one open of the FIFO. */
static int talk(const char *path, const char *name)
{
    char buf[64];
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return 1;
    for (int i = 1; i <= 3; i++) {
        int n = snprintf(buf, sizeof buf, "%s: hello %d\n", name, i);
        if (write(fd, buf, n) != n)     /* one line, one atomic write */
            return 1;
    }
    close(fd);
    return 0;
}

static int demo(void)
{
    char path[64];
    const char *names[] = { "ann", "bob" };
    pid_t listener, talkers[2];
    int status, bad = 0;

    snprintf(path, sizeof path, "/tmp/fifo_chat.%d", (int)getpid());
    if (mkfifo(path, 0600) < 0) {
        perror("fifo_chat: mkfifo");
        return 1;
    }
    printf("FIFO %s: ann and bob talk, the listener prints what it hears\n", path);
    fflush(stdout);
    if ((listener = fork()) == 0)
        _exit(listen_on(path));
    for (int i = 0; i < 2; i++)
        if ((talkers[i] = fork()) == 0)
            _exit(talk(path, names[i]));
    for (int i = 0; i < 2; i++) {
        waitpid(talkers[i], &status, 0);
        bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    }
    bad |= say(path, "quit");
    waitpid(listener, &status, 0);
    bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    unlink(path);                       /* the listener did; in case it failed */
    return bad;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 1)
        return demo();
    if (argc == 3 && strcmp(argv[1], "listen") == 0)
        return listen_on(argv[2]);
    if (argc >= 4 && strcmp(argv[1], "say") == 0) {
        char line[256] = "";
        for (int i = 3; i < argc; i++)
            snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s", i > 3 ? " " : "",
                     argv[i]);
        return say(argv[2], line);
    }
    fprintf(stderr, "usage: fifo_chat [listen PATH | say PATH WORDS...]\n");
    return 2;
}
