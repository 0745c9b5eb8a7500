/*
 * semview: draw a semaphore array as the kernel holds it, from
 * /proc/sysvipc/sem_array/ID: each semaphore's value and last pid with
 * the operations asleep on it (pending_alter: they change it; pending_const:
 * they wait for zero), then the array's own queues (operations on several
 * semaphores at once: complex_count of them).
 *
 *   semview SEMID
 *
 *   sem_array 0 (key 0x00004321): 2 semaphores, complex_count 0
 *   sem 0: semval 0, sempid 12
 *     pending_alter: pid 14 {0 -1}
 *   sem 1: semval 3, sempid 0
 *   array queues: none
 */
#include "ipcview.h"

/* "0:-1:0x1000,1:1:0" -> "{0 -1 SEM_UNDO} {1 +1}" */
static void print_sops(const char *sops)
{
    char *s = (char *)sops;

    while (*s) {
        long num = strtol(s, &s, 10), op = strtol(s + 1, &s, 10), flg = strtol(s + 1, &s, 0);
        printf(" {%ld %s%ld%s%s}", num, op > 0 ? "+" : "", op, flg & 04000 ? " IPC_NOWAIT" : "",
               flg & 010000 ? " SEM_UNDO" : "");
        if (*s == ',')
            s++;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: semview SEMID\n");
        return 2;
    }
    char *pos = view_read("semview", "sem_array", argv[1]), *line;
    int array_queues = 0;

    while ((line = view_line(&pos))) {
        if (view_is(line, "sem_array")) {
            long n = view_num(line, "sem_nsems");
            printf("sem_array %s (key %s): %ld semaphore%s, complex_count %ld%s\n", view_str(line, "id"),
                   view_str(line, "key"), n, n == 1 ? "" : "s", view_num(line, "complex_count"),
                   view_num(line, "global") ? ", global (every operation takes the array lock)" : "");
        } else if (view_is(line, "sem")) {
            printf("sem %ld: semval %ld, sempid %ld\n", strtol(line + 4, NULL, 10), view_num(line, "semval"),
                   view_num(line, "sempid"));
        } else if (view_is(line, "sem_queue")) {
            int array = !strncmp(line, "sem_queue array ", 16);
            if (array && !array_queues++)
                printf("array queues:\n");
            const char *list = strstr(line, "pending_alter") ? "pending_alter" : "pending_const";
            printf("  %s: pid %s", list, view_str(line, "pid"));
            print_sops(view_str(line, "sops"));
            printf("\n");
        }
    }
    if (!array_queues)
        printf("array queues: none\n");
    return 0;
}
