/*
 * tour_primes: the primes example prints exactly the primes below N, one
 * "prime P" line each, in increasing order, for the default N = 100 and for
 * N = 2; a bad N is a usage error (exit 2).
 */
#include "example.h"

static char out[OUT_SIZE];

int main(int argc, char **argv)
{
    char want[512] = "";
    (void)argc;
    example_init(argv[0]);

    for (int n = 2; n < 100; n++) {
        int prime = 1;
        for (int d = 2; d * d <= n; d++)
            prime &= n % d != 0;
        if (prime)
            snprintf(want + strlen(want), sizeof want - strlen(want), "prime %d\n", n);
    }
    EXPECT_EXIT(run_example(out, sizeof out, "primes", NULL), 0);
    if (strcmp(out, want) != 0)
        FAIL("primes: expected the 25 primes below 100 in order");
    EXPECT_EQ(count_lines(out), 25);

    EXPECT_EXIT(run_example(out, sizeof out, "primes", "2", NULL), 0);
    CHECK(strcmp(out, "prime 2\n") == 0);
    EXPECT_EXIT(run_example_quietly("primes", "1"), 2);      /* usage */
    return example_done(out);
}
