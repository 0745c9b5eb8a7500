// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * shm_ring: the bounded buffer -- a ring of SLOTS items in System V shared
 * memory, with the three classic semaphores (Dijkstra's solution):
 *
 *   EMPTY  counts free slots    (starts at SLOTS)  producers P it, consumers V it
 *   FULL   counts filled slots  (starts at 0)      consumers P it, producers V it
 *   MUTEX  guards in/out        (starts at 1)      around each put and take
 *
 *   shm_ring [ITEMS]       (default 500 per producer)
 *
 * Two producers each put ITEMS numbers into the ring and two consumers take
 * them out.  A producer finding the ring full sleeps in semop on EMPTY; a
 * consumer finding it empty sleeps on FULL.  The data itself never passes
 * through the kernel: only the sleeping and the waking do.
 *
 * Items are producer * 100000 + sequence number, so each consumer checks
 * that every producer's items reach it in order (the ring is FIFO), and adds
 * up the sequence numbers: PRODUCERS x (1 + ... + ITEMS) in all when every
 * item is taken exactly once.  Then the parent puts a STOP per consumer.
 *
 * What to look for in the output (the split between the consumers varies):
 *   consumer 1: took 517 items, each producer's in order
 *   consumer 2: took 483 items, each producer's in order
 *   total: 1000 items, sum 250500, expected 250500
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>

#define SLOTS 8
#define STOP (-1L)
enum { EMPTY, FULL, MUTEX };
enum { PRODUCERS = 2, CONSUMERS = 2 };

struct ring {
    long slot[SLOTS];
    int in, out;                /* next slot to fill, next slot to empty */
    long taken[CONSUMERS], sum[CONSUMERS];  /* each consumer's report */
};

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static int semid;
static struct ring *ring;
static long items;              /* per producer */

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static void sem(int num, int delta)
{
    struct sembuf op = { .sem_num = num, .sem_op = delta, .sem_flg = 0 };
    if (semop(semid, &op, 1) < 0)
        die("shm_ring: semop");
}

static void put(long item)
{
    sem(EMPTY, -1);             /* wait for a free slot */
    sem(MUTEX, -1);
    ring->slot[ring->in] = item;
    ring->in = (ring->in + 1) % SLOTS;
    sem(MUTEX, +1);
    sem(FULL, +1);              /* one more to take */
}

static long take(void)
{
    sem(FULL, -1);              /* wait for a filled slot */
    sem(MUTEX, -1);
    long item = ring->slot[ring->out];
    ring->out = (ring->out + 1) % SLOTS;
    sem(MUTEX, +1);
    sem(EMPTY, +1);             /* one more free */
    return item;
}

static void consumer(int c)
{
    long last[PRODUCERS + 1] = { 0 }, item;
    int in_order = 1;
    while ((item = take()) != STOP) {
        int p = item / 100000, seq = item % 100000;
        if (seq <= last[p])
            in_order = 0;
        last[p] = seq;
        ring->taken[c]++;
        ring->sum[c] += seq;
    }
    printf("consumer %d: took %ld items, %s\n", c + 1, ring->taken[c],
           in_order ? "each producer's in order" : "OUT OF ORDER");
    exit(in_order ? 0 : 1);
}

static void producer(int p)
{
    for (long seq = 1; seq <= items; seq++)
        put((p + 1) * 100000L + seq);
    exit(0);
}

static pid_t spawn(void (*fn)(int), int arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("shm_ring: fork");
    if (pid == 0)
        fn(arg);
    return pid;
}

int main(int argc, char **argv)
{
    items = argc > 1 ? atol(argv[1]) : 500;
    if (items < 1 || items > 99999) {
        fprintf(stderr, "usage: shm_ring [ITEMS]   (1..99999)\n");
        return 2;
    }
    int shmid = shmget(IPC_PRIVATE, sizeof(struct ring), IPC_CREAT | 0600);
    semid = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    if (shmid < 0 || semid < 0 || (ring = shmat(shmid, NULL, 0)) == (void *)-1)
        die("shm_ring: shmget/semget/shmat");
    shmctl(shmid, IPC_RMID, NULL);  /* goes away with the last detach */
    unsigned short init[3] = { [EMPTY] = SLOTS, [FULL] = 0, [MUTEX] = 1 };
    semctl(semid, 0, SETALL, (union semun){ .array = init });

    int status, bad = 0;
    for (int c = 0; c < CONSUMERS; c++)
        spawn(consumer, c);
    for (int p = 0; p < PRODUCERS; p++)
        spawn(producer, p);
    for (int p = 0; p < PRODUCERS; p++)     /* the first to finish: consumers wait for STOP */
        bad |= wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    for (int c = 0; c < CONSUMERS; c++)
        put(STOP);
    while (wait(&status) > 0)
        bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;

    long taken = 0, sum = 0, want = PRODUCERS * (items * (items + 1) / 2);
    for (int c = 0; c < CONSUMERS; c++) {
        taken += ring->taken[c];
        sum += ring->sum[c];
    }
    printf("total: %ld items, sum %ld, expected %ld\n", taken, sum, want);
    semctl(semid, 0, IPC_RMID);
    return bad || taken != PRODUCERS * items || sum != want;
}
