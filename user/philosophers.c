// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * philosophers: Dijkstra's dining philosophers with System V semaphores.
 *
 *   philosophers [MEALS]       (default 20)
 *
 * Five philosophers sit at a round table with one fork between each pair;
 * to eat, a philosopher needs the forks on both sides.  The forks are a
 * semaphore array of five, each 1 (on the table) or 0 (in a hand).
 *
 * The naive way -- take the left fork, then the right one, in two steps --
 * can deadlock: if all five take their left fork at once, each waits
 * forever for a right one.  Here a philosopher takes both forks in ONE
 * semop with two operations: the kernel applies all of a semop's operations
 * or none of them, and sleeps until it can apply all.  Nobody ever holds
 * one fork while waiting for the other, so there is no deadlock.
 *
 * The operations carry SEM_UNDO: the kernel notes, per process, how to undo
 * what it did to each semaphore and does so when the process exits.  Part 1
 * shows why that matters: a philosopher takes his forks and is killed with
 * SIGKILL while holding them; his exit puts them back.  (Without SEM_UNDO
 * they would stay 0 and his neighbours would starve.)
 *
 * Part 2 is the dinner: every philosopher eats MEALS times.  Each one marks
 * itself eating in shared memory and checks its neighbours are not.
 *
 * What to look for in the output:
 *   forks while philosopher 1 eats: 0 0 1 1 1
 *   killed him; forks now: 1 1 1 1 1 (SEM_UNDO put them back)
 *   philosopher N: ate 20 times          five lines, in any order
 *   dinner over: 100 meals, neighbours ate at the same time 0 times
 */
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/wait.h>

#define N 5
#define LEFT(i) (i)
#define RIGHT(i) (((i) + 1) % N)

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static int forks;
static volatile int *eating;    /* N flags and a clash counter, shared */

/* Take (delta -1) or put back (+1) both forks of philosopher i, in one semop. */
static void both_forks(int i, int delta)
{
    struct sembuf ops[2] = {
        { .sem_num = LEFT(i), .sem_op = delta, .sem_flg = SEM_UNDO },
        { .sem_num = RIGHT(i), .sem_op = delta, .sem_flg = SEM_UNDO },
    };
    if (semop(forks, ops, 2) < 0) {
        perror("philosophers: semop");
        semctl(forks, 0, IPC_RMID);    /* the dinner is over for everyone */
        exit(1);
    }
}

static void print_forks(const char *what)
{
    unsigned short v[N];
    semctl(forks, 0, GETALL, (union semun){ .array = v });
    printf("%s %d %d %d %d %d", what, v[0], v[1], v[2], v[3], v[4]);
}

/* Part 1: philosopher 0 takes his forks and dies holding them. */
static void killed_while_eating(void)
{
    int ready[2];
    char c = 0;
    if (pipe(ready) < 0)
        exit(1);
    pid_t pid = fork();
    if (pid == 0) {
        both_forks(0, -1);
        write(ready[1], "!", 1);    /* tell the parent he holds them */
        for (;;)
            pause();                /* eat forever */
    }
    close(ready[1]);                /* so a philosopher who failed means EOF */
    if (read(ready[0], &c, 1) != 1) {
        semctl(forks, 0, IPC_RMID);
        exit(1);
    }
    close(ready[0]);
    print_forks("forks while philosopher 1 eats:");
    printf("\n");
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);          /* he has exited: his undo is done */
    print_forks("killed him; forks now:");
    printf(" (SEM_UNDO put them back)\n");
}

static void philosopher(int i, int meals)
{
    for (int m = 0; m < meals; m++) {
        both_forks(i, -1);
        eating[i] = 1;
        if (eating[(i + N - 1) % N] || eating[(i + 1) % N])
            eating[N]++;            /* a neighbour eats too: impossible */
        for (volatile int chew = 0; chew < 1000; chew++)
            ;
        eating[i] = 0;
        both_forks(i, +1);
        sched_yield();              /* think */
    }
    printf("philosopher %d: ate %d times\n", i + 1, meals);
    exit(0);
}

int main(int argc, char **argv)
{
    int meals = argc > 1 ? atoi(argv[1]) : 20, status, bad = 0;
    unsigned short all_on_table[N] = { 1, 1, 1, 1, 1 };

    if (meals < 1) {
        fprintf(stderr, "usage: philosophers [MEALS]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    forks = semget(IPC_PRIVATE, N, IPC_CREAT | 0600);
    eating = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (forks < 0 || eating == MAP_FAILED) {
        perror("philosophers: semget/mmap");
        return 1;
    }
    semctl(forks, 0, SETALL, (union semun){ .array = all_on_table });

    killed_while_eating();
    for (int i = 0; i < N; i++)
        if (fork() == 0)
            philosopher(i, meals);
    while (wait(&status) > 0)
        bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    printf("dinner over: %d meals, neighbours ate at the same time %d times\n", N * meals,
           eating[N]);
    semctl(forks, 0, IPC_RMID);
    return bad || eating[N] != 0;
}
