/*
 * ipcrm: remove System V IPC objects.
 *
 *   ipcrm -q MSQID ... | -Q KEY ... | -s SEMID ... | -S KEY ...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 3 || argv[1][0] != '-' || !strchr("qQsS", argv[1][1]) || argv[1][2]) {
        fprintf(stderr, "usage: ipcrm -q MSQID ... | -Q KEY ... | -s SEMID ... | -S KEY ...\n");
        return 1;
    }
    int sem = argv[1][1] == 's' || argv[1][1] == 'S';
    int bykey = argv[1][1] == 'Q' || argv[1][1] == 'S';
    for (int i = 2; i < argc; i++) {
        int id = atoi(argv[i]);
        if (bykey) {
            key_t key = (key_t)strtol(argv[i], NULL, 0);
            id = sem ? semget(key, 0, 0) : msgget(key, 0);
            if (id < 0) {
                fprintf(stderr, "ipcrm: key %s: %s\n", argv[i], strerror(errno));
                status = 1;
                continue;
            }
        }
        if ((sem ? semctl(id, 0, IPC_RMID) : msgctl(id, IPC_RMID, NULL)) < 0) {
            fprintf(stderr, "ipcrm: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
