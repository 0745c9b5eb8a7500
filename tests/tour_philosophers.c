/*
 * tour_philosophers: in the philosophers example a philosopher killed while
 * holding his forks gives them back (SEM_UNDO: exact fork values before and
 * after), every philosopher eats his meals, neighbours never eat together,
 * and the dinner ends (no deadlock).
 */
#include "example.h"

static char out[OUT_SIZE];

/* Run the example and check what it printed. */
static void check_output(void)
{
    char line[64];

    EXPECT_EXIT(run_example(out, sizeof out, "philosophers", "10", NULL), 0);
    EXPECT_EQ(line_index(out, "forks while philosopher 1 eats: 0 0 1 1 1\n"), 0);
    EXPECT_EQ(line_index(out, "killed him; forks now: 1 1 1 1 1 (SEM_UNDO put them back)\n"), 1);
    for (int i = 1; i <= 5; i++) {
        snprintf(line, sizeof line, "philosopher %d: ate 10 times", i);
        EXPECT_LINE(out, line);
    }
    EXPECT_EQ(line_index(out, "dinner over: 50 meals, neighbours ate at the same time 0 times\n"), 7);
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
