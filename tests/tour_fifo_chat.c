/*
 * tour_fifo_chat: the fifo_chat demo delivers all six lines whole, each
 * talker's in order, "quit" last, and removes its FIFO; and the command-line
 * modes work between separate processes: a listener started on a FIFO
 * prints what two `fifo_chat say` runs wrote, and stops at "quit".
 */
#include "example.h"
#include <sys/stat.h>

static char out[OUT_SIZE];

static void demo(void)
{
    char line[64], path[64];
    struct stat st;

    EXPECT_EXIT(run_example(out, sizeof out, "fifo_chat", NULL), 0);
    const char *p = after(out, "FIFO /tmp/fifo_chat.");
    CHECK(p != NULL && line_index(out, "FIFO ") == 0);
    if (p) {
        snprintf(path, sizeof path, "/tmp/fifo_chat.%ld", strtol(p, NULL, 10));
        EXPECT_ERR(stat(path, &st), ENOENT);    /* removed */
    }
    const char *names[] = { "ann", "bob" };
    for (int t = 0; t < 2; t++) {
        int last = 0;
        for (int i = 1; i <= 3; i++) {
            snprintf(line, sizeof line, "heard: %s: hello %d", names[t], i);
            EXPECT_LINE(out, line);
            int at = line_index(out, line);
            CHECK(at > last);
            last = at;
        }
    }
    EXPECT_EQ(line_index(out, "heard: quit\n"), 7);
    EXPECT_EQ(count_lines(out), 8);
}

/* listen in one process, say from two others: only the FIFO's name is shared */
static void modes(void)
{
    static char heard[OUT_SIZE];
    char path[64];

    snprintf(path, sizeof path, "/tmp/tour_fifo_chat.%d", (int)getpid());
    unlink(path);
    EXPECT_OK(mkfifo(path, 0600));  /* so `say` cannot come before the listener made it */
    pid_t listener = check_fork();
    if (listener == 0) {
        EXPECT_EXIT(run_example(heard, sizeof heard, "fifo_chat", "listen", path, NULL), 0);
        if (strcmp(heard, "heard: hello there\nheard: quit\n") != 0)
            FAIL("the listener printed \"%s\"", heard);
        _exit(check_failures ? 1 : 0);
    }
    EXPECT_EXIT(run_example(out, sizeof out, "fifo_chat", "say", path, "hello", "there", NULL), 0);
    EXPECT_EXIT(run_example(out, sizeof out, "fifo_chat", "say", path, "quit", NULL), 0);
    EXPECT_EXIT(wait_for(listener), 0);
    unlink(path);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    demo();
    modes();
    return example_done(out);
}
