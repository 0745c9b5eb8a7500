/*
 * tour_sig_timer: the sig_timer example counts five interval-timer ticks in
 * order, and shows the interrupted read() failing with EINTR without
 * SA_RESTART and restarted with it (exact lines).  The measured time is
 * printed but not checked: it depends on the machine's load.
 */
#include "example.h"

static char out[OUT_SIZE];

/* Run the example and check what it printed. */
static void check_output(void)
{
    char line[16];

    EXPECT_EXIT(run_example(out, sizeof out, "sig_timer", NULL), 0);
    for (int i = 1; i <= 5; i++) {
        snprintf(line, sizeof line, "tick %d\n", i);
        EXPECT_EQ(line_index(out, line), i - 1);
    }
    EXPECT_EQ(line_index(out, "5 ticks in about 500 ms (measured: "), 5);
    EXPECT_EQ(line_index(out, "without SA_RESTART: read() = -1 (Interrupted system call), "
                              "then read() = 1 '!'\n"), 6);
    EXPECT_EQ(line_index(out, "with SA_RESTART:    read() = 1 '!' (the call was restarted)\n"), 7);
    EXPECT_EQ(count_lines(out), 8);
    example_done(out);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    RUN_CHILD(check_output);
    return check_done();
}
