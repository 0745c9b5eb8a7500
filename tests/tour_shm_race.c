/*
 * tour_shm_race: the shm_race example's locked total is exactly 2 x M.
 * The unlocked total is only checked for its shape (it is between 2 and
 * 2 x N, and "lost" is what is missing): whether increments are lost
 * depends on timing, so this test never asks for a short total.
 */
#include "example.h"

static char out[OUT_SIZE];

/* Run the example and check what it printed. */
static void check_output(void)
{
    EXPECT_EXIT(run_example(out, sizeof out, "shm_race", "100000", "3000", NULL), 0);
    EXPECT_LINE(out, "locked:   2 x 3000 increments, total 6000 (exact)");
    const char *p = after(out, "unlocked: 2 x 100000 increments, total ");
    if (!p) {
        FAIL("no \"unlocked: 2 x 100000 increments, total\" line");
    } else {
        char *end;
        long total = strtol(p, &end, 10);
        CHECK(total >= 2 && total <= 200000);
        long lost = strncmp(end, " (", 2) == 0 ? strtol(end + 2, &end, 10) : -1;
        EXPECT_EQ(lost, 200000 - total);
        CHECK(strncmp(end, " lost)\n", 7) == 0);
    }
    EXPECT_EQ(count_lines(out), 2);
    EXPECT_EQ(line_index(out, "unlocked:"), 0);

    EXPECT_EXIT(run_example_quietly("shm_race", "0"), 2);    /* usage */
    example_done(out);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    RUN_CHILD(check_output);
    return check_done();
}
