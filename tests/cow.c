/*
 * cow: after fork, parent and child have separate memory - each writes the
 * same global, heap and stack variable and sees only its own value, and a
 * 1 MiB array the child rewrites is unchanged in the parent.
 */
#include "check.h"

#define BIG (1024 * 1024)

static int global = 1;
static char big[BIG];            /* bss */
static char data_arr[8192] = { 1 };  /* initialised data */

static void one_round(void)
{
    volatile int stack = 10;
    int *heap = malloc(sizeof *heap);
    *heap = 100;
    global = 1;
    int fds[2];
    EXPECT_OK(pipe(fds));

    pid_t pid = check_fork();
    if (pid == 0) {
        close(fds[1]);
        global = 2;
        stack = 20;
        *heap = 200;
        char c;
        /* Wait until the parent has written its own values. */
        read(fds[0], &c, 1);
        int ok = global == 2 && stack == 20 && *heap == 200;
        _exit(ok ? 0 : 1);
    }
    close(fds[0]);
    global = 3;
    stack = 30;
    *heap = 300;
    EXPECT_EQ(write(fds[1], "x", 1), 1);
    close(fds[1]);
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(global, 3);
    EXPECT_EQ(stack, 30);
    EXPECT_EQ(*heap, 300);
    free(heap);
}

static void big_array(void)
{
    for (int i = 0; i < BIG; i++)
        big[i] = (char)(i * 7);
    data_arr[100] = 5;

    pid_t pid = check_fork();
    if (pid == 0) {
        /* The child sees the parent's contents, then overwrites them all. */
        for (int i = 0; i < BIG; i++)
            if (big[i] != (char)(i * 7))
                _exit(2);
        memset(big, 0x5a, BIG);
        memset(data_arr, 0x5a, sizeof data_arr);
        for (int i = 0; i < BIG; i += 4096)
            if (big[i] != 0x5a)
                _exit(3);
        _exit(0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    int bad = 0;
    for (int i = 0; i < BIG; i++)
        if (big[i] != (char)(i * 7))
            bad++;
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(data_arr[0], 1);
    EXPECT_EQ(data_arr[100], 5);
}

/* A large heap block: the child frees and reuses it; the parent keeps it. */
static void heap_block(void)
{
    size_t n = 256 * 1024;
    unsigned char *p = malloc(n);
    CHECK(p != NULL);
    if (!p)
        return;
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i >> 3);
    pid_t pid = check_fork();
    if (pid == 0) {
        free(p);
        char *q = malloc(n);
        if (q)
            memset(q, 0xff, n);
        _exit(0);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i >> 3))
            bad++;
    EXPECT_EQ(bad, 0);
    free(p);
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        one_round();
    big_array();
    heap_block();
    return check_done();
}
