/*
 * ipcrm: remove System V IPC objects.
 *
 *   ipcrm -q MSQID ... | -Q KEY ...
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

int main(int argc, char **argv)
{
    int status = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: ipcrm -q MSQID ... | -Q KEY ...\n");
        return 1;
    }
    for (int i = 2; i < argc; i++) {
        int id;
        if (strcmp(argv[1], "-q") == 0) {
            id = atoi(argv[i]);
        } else if (strcmp(argv[1], "-Q") == 0) {
            id = msgget((key_t)strtol(argv[i], NULL, 0), 0);
            if (id < 0) {
                fprintf(stderr, "ipcrm: key %s: %s\n", argv[i], strerror(errno));
                status = 1;
                continue;
            }
        } else {
            fprintf(stderr, "ipcrm: unknown option %s\n", argv[1]);
            return 1;
        }
        if (msgctl(id, IPC_RMID, NULL) < 0) {
            fprintf(stderr, "ipcrm: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
