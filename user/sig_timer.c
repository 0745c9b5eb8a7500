// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * sig_timer: a timer that interrupts you, and what happens to the system
 * call you were blocked in when it does.
 *
 *   sig_timer
 *
 * Part 1, setitimer: an interval timer sends SIGALRM every 100 ms.  The
 * handler only counts (a handler runs in the middle of whatever the program
 * was doing, so it should do as little as possible); the main program
 * sleeps in pause() until a signal has been handled, and prints the ticks.
 *
 * Part 2, SA_RESTART versus EINTR: the program blocks in read() on an empty
 * pipe, and alarm(1) sends SIGALRM a second later.  The handler writes one
 * byte into that same pipe.  Then:
 *   - installed without SA_RESTART, the interrupted read() fails with EINTR,
 *     even though the byte is there now (a second read() gets it);
 *   - installed with SA_RESTART, the kernel runs read() again after the
 *     handler returns, and it returns the handler's byte.
 * The same handler, the same byte: only the flag differs.
 *
 * What to look for in the output:
 *   tick 1 ... tick 5, then "5 ticks in about 500 ms (measured: N ms)"
 *   without SA_RESTART: read() = -1 (Interrupted system call), then read() = 1 '!'
 *   with SA_RESTART:    read() = 1 '!' (the call was restarted)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;
static volatile sig_atomic_t in_read, early;    /* part 2 */
static int fds[2];              /* the pipe of part 2 */

static void on_tick(int sig)
{
    (void)sig;
    ticks++;
}

static void on_alarm(int sig)
{
    (void)sig;
    char c = '!';
    if (!in_read)
        early = 1;              /* a very slow machine: read() had not started */
    if (write(fds[1], &c, 1) != 1)  /* write() may be called from a handler */
        _exit(1);
}

static void handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) < 0) {
        perror("sig_timer: sigaction");
        _exit(1);
    }
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void part1_ticks(void)
{
    struct itimerval every = { { 0, 100000 }, { 0, 100000 } }, off = { { 0, 0 }, { 0, 0 } };
    int seen = 0;

    handle(SIGALRM, on_tick, 0);
    long start = now_ms();
    setitimer(ITIMER_REAL, &every, NULL);   /* first in 100 ms, then every 100 ms */
    while (seen < 5) {
        pause();                /* returns (EINTR) once a handler has run */
        while (seen < ticks && seen < 5)
            printf("tick %d\n", ++seen);
    }
    setitimer(ITIMER_REAL, &off, NULL);
    printf("5 ticks in about 500 ms (measured: %ld ms)\n", now_ms() - start);
}

/* Block in read() on the empty pipe until SIGALRM comes; report what read() did. */
static int part2_read(const char *label, int flags)
{
    char c = 0;
    ssize_t n;
    int err;

    handle(SIGALRM, on_alarm, flags);
    do {                        /* again if the alarm beat read() to it */
        early = 0;
        alarm(1);
        in_read = 1;
        n = read(fds[0], &c, 1);
        err = errno;
        in_read = 0;
    } while (early);
    if (n == 1) {
        printf("%s read() = 1 '%c' (the call was restarted)\n", label, c);
        return flags & SA_RESTART ? 0 : 1;
    }
    printf("%s read() = %ld (%s), ", label, (long)n, strerror(err));
    n = read(fds[0], &c, 1);    /* the handler's byte is waiting */
    printf("then read() = %ld '%c'\n", (long)n, c);
    return n == 1 && err == EINTR && !(flags & SA_RESTART) ? 0 : 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);   /* each line out at once */
    part1_ticks();
    if (pipe(fds) < 0) {
        perror("sig_timer: pipe");
        return 1;
    }
    int bad = part2_read("without SA_RESTART:", 0);
    bad |= part2_read("with SA_RESTART:   ", SA_RESTART);
    return bad;
}
