// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * pingpong: two processes bounce a counter over a pair of pipes.
 *
 *   pingpong [ROUNDS]      (default 1000)
 *
 * The parent sends 0; each side adds one and sends it back.  After ROUNDS
 * round trips the parent must hold 2 * ROUNDS.  Exits 0 on success.
 * The same source compiles with the host's gcc against glibc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

static void put(int fd, long v)
{
    if (write(fd, &v, sizeof v) != sizeof v) {
        perror("pingpong: write");
        exit(1);
    }
}

static long get(int fd)
{
    long v;
    ssize_t n = read(fd, &v, sizeof v);
    if (n == 0)
        exit(0); /* the other side is done */
    if (n != sizeof v) {
        perror("pingpong: read");
        exit(1);
    }
    return v;
}

int main(int argc, char **argv)
{
    long rounds = argc > 1 ? atol(argv[1]) : 1000;
    int ping[2], pong[2];   /* parent -> child, child -> parent */
    int status;

    if (rounds < 1 || pipe(ping) < 0 || pipe(pong) < 0) {
        fprintf(stderr, "usage: pingpong [ROUNDS]\n");
        return 2;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("pingpong: fork");
        return 1;
    }
    if (pid == 0) {
        close(ping[1]);
        close(pong[0]);
        for (;;)
            put(pong[1], get(ping[0]) + 1);
    }
    close(ping[0]);
    close(pong[1]);
    long v = 0;
    for (long i = 0; i < rounds; i++) {
        put(ping[1], v);
        v = get(pong[0]) + 1;
    }
    close(ping[1]);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "pingpong: child failed\n");
        return 1;
    }
    if (v != 2 * rounds) {
        fprintf(stderr, "pingpong: counter %ld, expected %ld\n", v, 2 * rounds);
        return 1;
    }
    printf("pingpong: %ld round trips ok\n", rounds);
    return 0;
}
