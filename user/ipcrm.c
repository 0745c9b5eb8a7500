/*
 * ipcrm: remove System V IPC objects.
 *
 *   ipcrm -q MSQID ... | -Q KEY ... | -m SHMID ... | -M KEY ... | -s SEMID ... | -S KEY ...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 3 || argv[1][0] != '-' || !strchr("qQmMsS", argv[1][1]) || argv[1][2]) {
        fprintf(stderr, "usage: ipcrm -q MSQID ... | -Q KEY ... | -m SHMID ... | -M KEY ... |"
                        " -s SEMID ... | -S KEY ...\n");
        return 1;
    }
    char kind = argv[1][1] | 0x20; /* q, m or s */
    int bykey = argv[1][1] >= 'A' && argv[1][1] <= 'Z';
    for (int i = 2; i < argc; i++) {
        int id = atoi(argv[i]);
        if (bykey) {
            key_t key = (key_t)strtol(argv[i], NULL, 0);
            id = kind == 's' ? semget(key, 0, 0) : kind == 'm' ? shmget(key, 0, 0) : msgget(key, 0);
            if (id < 0) {
                fprintf(stderr, "ipcrm: key %s: %s\n", argv[i], strerror(errno));
                status = 1;
                continue;
            }
        }
        int r = kind == 's' ? semctl(id, 0, IPC_RMID) : kind == 'm' ? shmctl(id, IPC_RMID, NULL)
                                                                      : msgctl(id, IPC_RMID, NULL);
        if (r < 0) {
            fprintf(stderr, "ipcrm: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
