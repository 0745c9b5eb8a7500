// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * primes: the prime sieve as a pipeline of processes joined by pipes
 * (Doug McIlroy's idea, as in xv6's primes lab).
 *
 *   primes [N]          (default 100, at most 300: a process per prime)
 *
 * The first process writes 2, 3, ..., N into a pipe.  Every stage reads
 * its first number p -- always a prime, since nothing smaller divided it
 * -- prints it, and then passes on down a new pipe, to a new process, every
 * number that p does not divide.  Each prime found adds one process.
 *
 *   gen --2,3,4,5,6,7..--> [2] --3,5,7,9..--> [3] --5,7,11..--> [5] --> ...
 *
 * What to look for in the output: "prime 2", "prime 3", ... in increasing
 * order, one line per stage, 25 lines for N = 100.  The order is a
 * consequence of the pipeline, not luck: a stage prints its prime before it
 * passes anything on, so the next stage cannot print first.  When the
 * generator is done it closes its end of the pipe: read() in the next stage
 * returns 0 (end of file), that stage closes its own output, and the end of
 * file ripples down the chain; each stage waits for the next to exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void make_pipe(int fds[2])
{
    if (pipe(fds) < 0) {
        perror("primes: pipe");
        exit(1);
    }
}

static pid_t must_fork(void)
{
    fflush(stdout);             /* so the child does not inherit unprinted text */
    pid_t pid = fork();
    if (pid < 0) {
        perror("primes: fork");
        exit(1);
    }
    return pid;
}

/* Read one number; 0 at end of file. */
static int get(int fd)
{
    int n;
    return read(fd, &n, sizeof n) == sizeof n ? n : 0;
}

static void put(int fd, int n)
{
    if (write(fd, &n, sizeof n) != sizeof n) {
        perror("primes: write");
        exit(1);
    }
}

/* One stage of the sieve, run by a process of its own: numbers arrive on fd `in`. */
static void stage(int in)
{
    int p = get(in), n, out = -1;
    pid_t next = 0;

    if (p == 0)
        return;                 /* nothing came: the end of the chain */
    printf("prime %d\n", p);
    fflush(stdout);             /* out now, before anything goes further down */
    while ((n = get(in)) != 0) {
        if (n % p == 0)
            continue;           /* sieved out */
        if (out < 0) {          /* the first survivor: start the next stage */
            int fds[2];
            make_pipe(fds);
            next = must_fork();
            if (next == 0) {
                close(in);
                close(fds[1]);
                stage(fds[0]);
                exit(0);
            }
            close(fds[0]);
            out = fds[1];
        }
        put(out, n);
    }
    close(in);
    if (out >= 0) {
        close(out);             /* end of file for the next stage */
        waitpid(next, NULL, 0);
    }
}

int main(int argc, char **argv)
{
    int limit = argc > 1 ? atoi(argv[1]) : 100;
    int fds[2];

    if (limit < 2 || limit > 300) {
        fprintf(stderr, "usage: primes [N]   (2 <= N <= 300)\n");
        return 2;
    }
    make_pipe(fds);
    pid_t first = must_fork();
    if (first == 0) {
        close(fds[1]);
        stage(fds[0]);
        exit(0);
    }
    close(fds[0]);
    for (int n = 2; n <= limit; n++)
        put(fds[1], n);         /* blocks when the pipe is full: flow control */
    close(fds[1]);
    int status;
    if (waitpid(first, &status, 0) != first || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "primes: the pipeline failed\n");
        return 1;
    }
    return 0;
}
