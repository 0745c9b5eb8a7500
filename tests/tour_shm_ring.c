/*
 * tour_shm_ring: the shm_ring example moves every item exactly once (the
 * exact total and sum) and each consumer sees each producer's items in
 * order; how the items split between the two consumers varies.
 */
#include "example.h"

static char out[OUT_SIZE];

/* Run the example and check what it printed. */
static void check_output(void)
{
    char prefix[64];
    long taken = 0;

    EXPECT_EXIT(run_example(out, sizeof out, "shm_ring", "300", NULL), 0);
    for (int c = 1; c <= 2; c++) {
        snprintf(prefix, sizeof prefix, "consumer %d: took ", c);
        const char *p = after(out, prefix);
        char *end;
        if (!p) {
            FAIL("no line starting \"%s\"", prefix);
            continue;
        }
        long n = strtol(p, &end, 10);
        CHECK(n >= 0 && n <= 600);
        const char *rest = " items, each producer's in order\n";
        CHECK(strncmp(end, rest, strlen(rest)) == 0);
        taken += n;
    }
    EXPECT_EQ(taken, 600);
    EXPECT_EQ(line_index(out, "total: 600 items, sum 90300, expected 90300\n"), 2);
    EXPECT_EQ(count_lines(out), 3);
    example_done(out);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    RUN_CHILD(check_output);
    return check_done();
}
