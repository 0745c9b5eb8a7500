/*
 * tour_msg_big: the msg_big example's whole output, which is the same on
 * Linux and on ipcos: /proc/sysvipc/msg's cbytes and qnum after each send,
 * EAGAIN when the queue holds msg_qbytes (16384) bytes, EINVAL past MSGMAX,
 * every message back intact and the queue empty.
 */
#include "example.h"

static char out[OUT_SIZE];

static const char want[] =
    "a new queue: msg_qbytes 16384\n"
    "   size  blocks    cbytes  qnum\n"
    "      1       1         1     1\n"
    "    100       1       101     2\n"
    "   4000       1      4101     3\n"
    "   4096       2      8197     4\n"
    "   8187       3     16384     5\n"
    "1 byte more: -1 (Resource temporarily unavailable): the queue is full\n"
    "8193 bytes: -1 (Invalid argument): more than MSGMAX\n"
    "received 5 of 5 messages intact; now cbytes 0, qnum 0\n";

/* Run the example and check what it printed. */
static void check_output(void)
{
    EXPECT_EXIT(run_example(out, sizeof out, "msg_big", NULL), 0);
    if (strcmp(out, want) != 0)
        FAIL("msg_big: output differs; expected:\n%s", want);
    example_done(out);
}

int main(int argc, char **argv)
{
    (void)argc;
    example_init(argv[0]);
    RUN_CHILD(check_output);  /* a case the labs' grader can count (labs/) */
    return check_done();
}
