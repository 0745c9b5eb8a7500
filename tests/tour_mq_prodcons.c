/*
 * tour_mq_prodcons: the mq_prodcons example takes urgent jobs first (exact
 * line), and every client gets exactly the answers to its own jobs, from
 * one server or the other, in some order.
 */
#include "example.h"

static char out[OUT_SIZE];

/* Run the example and check what it printed. */
static void check_output(void)
{
    char prefix[64];

    EXPECT_EXIT(run_example(out, sizeof out, "mq_prodcons", NULL), 0);
    EXPECT_EQ(line_index(out, "took: urgent 2, urgent 4, normal 1, normal 3\n"), 0);
    for (int c = 1; c <= 3; c++) {
        for (int j = 0; j < 4; j++) {
            snprintf(prefix, sizeof prefix, "client %d: job %d = %d (server ", c, j, j * j);
            int n1, n2;
            snprintf(prefix + strlen(prefix), 8, "1)");
            n1 = count_line(out, prefix);
            prefix[strlen(prefix) - 2] = '\0';
            snprintf(prefix + strlen(prefix), 8, "2)");
            n2 = count_line(out, prefix);
            if (n1 + n2 != 1)
                FAIL("client %d job %d: answered %d times", c, j, n1 + n2);
        }
    }
    EXPECT_EQ(count_lines(out), 1 + 3 * 4 + 1);
    EXPECT_EQ(line_index(out, "servers answered 12 jobs\n"), 13);
    example_done(out);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    RUN_CHILD(check_output);  /* a case the labs' grader can count (labs/) */
    return check_done();
}
