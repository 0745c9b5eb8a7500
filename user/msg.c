/*
 * msg: System V message queues from the shell, for scripts that start
 * producers and consumers.
 *
 *   msg send KEY TYPE TEXT...       put one message (the TEXT words joined
 *                                   by spaces) of type TYPE (> 0) on the queue
 *   msg recv KEY [TYPE [COUNT]]     take COUNT (1) messages and print each
 *                                   as "TYPE TEXT"; TYPE 0 (the default)
 *                                   takes any, -T the lowest type <= T
 *
 * KEY is a number (0x1234 works too); the queue is made (mode 0666) by
 * whichever end comes first.  Both ends wait when the queue is full or
 * empty, as msgsnd and msgrcv do.  Remove the queue with ipcrm -Q KEY.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>

struct message {
    long type;
    char text[1024];
};

static long number(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 0);

    if (!*s || *end) {
        fprintf(stderr, "msg: %s: '%s' is not a number\n", what, s);
        exit(2);
    }
    return v;
}

static int usage(void)
{
    fprintf(stderr, "usage: msg send KEY TYPE TEXT... | msg recv KEY [TYPE [COUNT]]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct message m;

    if (argc < 3)
        return usage();
    int q = msgget((key_t)number(argv[2], "key"), IPC_CREAT | 0666);
    if (q < 0) {
        fprintf(stderr, "msg: msgget: %s\n", strerror(errno));
        return 1;
    }
    if (!strcmp(argv[1], "send") && argc >= 4) {
        m.type = number(argv[3], "type");
        m.text[0] = '\0';
        for (int i = 4; i < argc; i++) {
            if (strlen(m.text) + strlen(argv[i]) + 2 > sizeof m.text)
                break;
            if (i > 4)
                strcat(m.text, " ");
            strcat(m.text, argv[i]);
        }
        if (msgsnd(q, &m, strlen(m.text), 0) < 0) {
            fprintf(stderr, "msg: msgsnd: %s\n", strerror(errno));
            return 1;
        }
        return 0;
    }
    if (strcmp(argv[1], "recv") || argc > 5)
        return usage();
    long type = argc > 3 ? number(argv[3], "type") : 0;
    long count = argc > 4 ? number(argv[4], "count") : 1;
    for (long i = 0; i < count; i++) {
        ssize_t n = msgrcv(q, &m, sizeof m.text - 1, type, MSG_NOERROR);
        if (n < 0) {
            fprintf(stderr, "msg: msgrcv: %s\n", strerror(errno));
            return 1;
        }
        m.text[n] = '\0';
        printf("%ld %s\n", m.type, m.text);
        fflush(stdout);
    }
    return 0;
}
