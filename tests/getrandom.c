/*
 * getrandom: bytes come back (as many as asked, up to a page at a time and
 * beyond), two requests differ, a zero-length request returns 0, and the
 * flags and pointer are checked as Linux checks them: unknown flags or
 * GRND_RANDOM with GRND_INSECURE EINVAL, an unwritable buffer EFAULT.
 */
#include "check.h"
#include <sys/random.h>

static void *volatile bad_ptr = (void *)1;

int main(void)
{
    unsigned char a[64], b[64], big[10000];

    EXPECT_EQ(getrandom(a, sizeof a, 0), sizeof a);
    EXPECT_EQ(getrandom(b, sizeof b, GRND_NONBLOCK), sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0);         /* 2^-512 to fail by chance */
    EXPECT_EQ(getrandom(big, sizeof big, GRND_RANDOM), sizeof big);
    int zeros = 0;
    for (size_t i = 0; i < sizeof big; i++)
        zeros += big[i] == 0;
    CHECK(zeros < 200);                         /* about 39 expected */
    EXPECT_EQ(getrandom(a, 0, 0), 0);
    EXPECT_EQ(getrandom(a, 1, GRND_INSECURE), 1);
    EXPECT_ERR(getrandom(a, 8, 0x8), EINVAL);
    EXPECT_ERR(getrandom(a, 8, GRND_RANDOM | GRND_INSECURE), EINVAL);
    EXPECT_ERR(getrandom(bad_ptr, 8, 0), EFAULT);
    return check_done();
}
