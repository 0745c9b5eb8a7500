/*
 * sig_storm: four processes send each other 10,000 signals while passing
 * data around a ring of pipes.
 *
 * Process i sends SIGUSR1 to i+1 and SIGUSR2 to i+2 (mod 4), 1250 of each,
 * and after each pair writes a chunk of data (varying sizes) into the pipe
 * to i+1 and reads and checks the chunk from i-1.  Handlers count (with
 * SA_RESTART, so the pipe I/O they interrupt goes on) and acknowledge each
 * signal with a byte on a pipe back to its sender; the sender waits for
 * the acknowledgement before its next signal of that kind, so no two
 * signals can merge and every count must come out exact.  When a process
 * has finished its loop, every signal it sent has been handled; a final
 * handshake through the parent waits for all four loops, and only then are
 * the counts checked and the processes allowed to exit (an exited process
 * would never acknowledge).  A lost wake-up hangs the test, and the
 * runner's timeout reports it; each child arms alarm(TEST_TIMEOUT_S) only
 * so that none is left behind when a host runner kills the parent alone.
 * (alarm(55) failed a storm that a loaded machine made slow, not lost.)
 */
#include "check.h"
#include <poll.h>
#include <signal.h>

enum { NPROC = 4, PER_KIND = 1250 };   /* 4 * 2 * 1250 = 10,000 signals */

struct result {
    int id;
    int usr1, usr2;             /* handled */
    int bad_data;               /* wrong chunk bytes or short reads */
    int errors;                 /* a failed kill, read or write */
};

/* The pipes, all made before forking. */
static int data[NPROC][2];      /* i -> i+1 */
static int ack1[NPROC][2];      /* i's SIGUSR1 handler -> i-1 */
static int ack2[NPROC][2];      /* i's SIGUSR2 handler -> i-2 */
static int done_pipe[2];        /* children -> parent: loop finished */
static int go_pipe[NPROC][2];   /* parent -> child: pids, then "check" */
static int result_pipe[2];      /* children -> parent: struct result */

static volatile sig_atomic_t usr1_count, usr2_count, ack_errors;
static int my_ack1, my_ack2;

static void on_usr1(int sig)
{
    int saved = errno;
    (void)sig;
    usr1_count++;
    if (write(my_ack1, "1", 1) != 1)
        ack_errors++;
    errno = saved;
}

static void on_usr2(int sig)
{
    int saved = errno;
    (void)sig;
    usr2_count++;
    if (write(my_ack2, "2", 1) != 1)
        ack_errors++;
    errno = saved;
}

static int chunk_len(int sender, int k)
{
    return 1 + (k * 97 + sender * 13) % 700;
}

static unsigned char chunk_byte(int sender, int k, int j)
{
    return (unsigned char)(sender * 31 + k * 7 + j);
}

static void install(int sig, void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Read exactly one byte, however often signals interrupt (they should not: SA_RESTART). */
static int read_byte(int fd, struct result *r)
{
    char c;
    long n = read(fd, &c, 1);
    if (n != 1) {
        r->errors++;
        return -1;
    }
    return c;
}

static void child(int id)
{
    int next1 = (id + 1) % NPROC, next2 = (id + 2) % NPROC, prev = (id + NPROC - 1) % NPROC;
    struct result r = { id, 0, 0, 0, 0 };
    pid_t pids[NPROC];
    unsigned char buf[1024];

    alarm(TEST_TIMEOUT_S);
    /* handlers and my_ack1/2 came with fork: a sibling may signal us at once */
    if (read_full(go_pipe[id][0], pids, sizeof pids) != sizeof pids)
        _exit(2);

    for (int k = 0; k < PER_KIND; k++) {
        if (kill(pids[next1], SIGUSR1) != 0)
            r.errors++;
        if (read_byte(ack1[next1][0], &r) != '1')
            r.errors++;
        if (kill(pids[next2], SIGUSR2) != 0)
            r.errors++;
        if (read_byte(ack2[next2][0], &r) != '2')
            r.errors++;

        int n = chunk_len(id, k);
        for (int j = 0; j < n; j++)
            buf[j] = chunk_byte(id, k, j);
        if (write_full(data[id][1], buf, n) != n)
            r.errors++;
        n = chunk_len(prev, k);
        if (read_full(data[prev][0], buf, n) != n)
            r.bad_data++;
        for (int j = 0; j < n; j++)
            r.bad_data += buf[j] != chunk_byte(prev, k, j);
    }

    /* final handshake: tell the parent, wait until all four are done */
    char c;
    if (write(done_pipe[1], "d", 1) != 1 || read(go_pipe[id][0], &c, 1) != 1)
        r.errors++;
    r.usr1 = usr1_count;
    r.usr2 = usr2_count;
    r.errors += ack_errors;
    if (write(result_pipe[1], &r, sizeof r) != sizeof r)
        _exit(3);
    _exit(0);
}

static void make_pipe(int fds[2])
{
    if (pipe(fds) != 0) {
        perror("pipe");
        exit(1);
    }
}

/* Four processes, 10,000 signals among them. */
static void storm(void)
{
    pid_t pids[NPROC];

    for (int i = 0; i < NPROC; i++) {
        make_pipe(data[i]);
        make_pipe(ack1[i]);
        make_pipe(ack2[i]);
        make_pipe(go_pipe[i]);
    }
    make_pipe(done_pipe);
    make_pipe(result_pipe);

    install(SIGUSR1, on_usr1);
    install(SIGUSR2, on_usr2);
    for (int i = 0; i < NPROC; i++) {
        my_ack1 = ack1[i][1];   /* what child i's handlers write to */
        my_ack2 = ack2[i][1];
        pids[i] = check_fork();
        if (pids[i] == 0)
            child(i);
    }
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    close(done_pipe[1]);
    close(result_pipe[1]);
    for (int i = 0; i < NPROC; i++)
        EXPECT_EQ(write(go_pipe[i][1], pids, sizeof pids), sizeof pids);

    /* everyone's loop done; a child that died instead ends the test at once */
    char c;
    int done = 0, dead = 0;
    while (done < NPROC && !dead) {
        struct pollfd pfd = { done_pipe[0], POLLIN, 0 };
        if (poll(&pfd, 1, 100) == 1) {
            if (read(done_pipe[0], &c, 1) != 1)
                break;
            done++;
        }
        for (int i = 0; i < NPROC; i++) {
            int st;
            if (pids[i] && waitpid(pids[i], &st, WNOHANG) == pids[i]) {
                FAIL("process %d ended before the end: %s", i, status_str(st));
                pids[i] = 0;
                dead = 1;
            }
        }
    }
    if (dead) {
        for (int i = 0; i < NPROC; i++) {
            if (pids[i]) {
                kill(pids[i], SIGKILL);
                wait_for(pids[i]);
            }
        }
        return;
    }
    EXPECT_EQ(done, NPROC);
    for (int i = 0; i < NPROC; i++)
        EXPECT_EQ(write(go_pipe[i][1], "c", 1), 1);

    int total = 0, seen = 0;
    struct result r;
    while (read_full(result_pipe[0], &r, sizeof r) == sizeof r) {
        seen++;
        if (r.usr1 != PER_KIND || r.usr2 != PER_KIND || r.bad_data || r.errors)
            FAIL("process %d: %d SIGUSR1, %d SIGUSR2 (want %d each), %d bad bytes, %d errors",
                 r.id, r.usr1, r.usr2, PER_KIND, r.bad_data, r.errors);
        total += r.usr1 + r.usr2;
    }
    EXPECT_EQ(seen, NPROC);
    EXPECT_EQ(total, NPROC * 2 * PER_KIND);
    for (int i = 0; i < NPROC; i++)
        EXPECT_EXIT(wait_for(pids[i]), 0);
}

int main(void)
{
    RUN_CHILD(storm);
    return check_done();
}
