/*
 * tour_sock_echo: in the sock_echo example the server accepts each of the
 * three connections once, every client gets all its lines back, every
 * handler sees end of file after three lines, and the server finishes.
 */
#include "example.h"

static char out[OUT_SIZE];

int main(int argc, char **argv)
{
    char line[64];
    (void)argc;
    example_init(argv[0]);

    EXPECT_EXIT(run_example(out, sizeof out, "sock_echo", NULL), 0);
    for (int i = 1; i <= 3; i++) {
        snprintf(line, sizeof line, "server: accepted connection %d", i);
        EXPECT_LINE(out, line);
        snprintf(line, sizeof line, "client %d: 3 of 3 lines came back", i);
        EXPECT_LINE(out, line);
        snprintf(line, sizeof line, "handler %d: echoed 3 lines, then end of file", i);
        EXPECT_LINE(out, line);
    }
    EXPECT_EQ(line_index(out, "server: served 3 clients\n"), 9);
    EXPECT_EQ(count_lines(out), 10);
    return example_done(out);
}
