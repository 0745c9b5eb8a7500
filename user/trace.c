/*
 * trace: run a command with some of its system calls traced.
 *
 *   trace CALLS COMMAND [ARGS...]
 *
 * CALLS is a comma-separated list of system call numbers (Linux's riscv64
 * numbers: 63 read, 64 write, 172 getpid, ...), or "all".  trace sets the
 * mask with ipcos's trace system call (number 1000, the syscall lab) and
 * executes COMMAND, which keeps the mask, as do its children.  The kernel
 * then prints "PID: syscall NR -> RET" on the console as each traced call
 * returns (and keeps the lines in its log: syslog(2)).
 *
 *   $ trace 63,64 cat /etc/tests
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#define NCALLS 1024

static unsigned long mask[NCALLS / 64];

static int parse_calls(const char *s)
{
    if (strcmp(s, "all") == 0) {
        memset(mask, 0xff, sizeof mask);
        return 0;
    }
    while (*s) {
        char *end;
        long nr = strtol(s, &end, 10);
        if (end == s || nr < 0 || nr >= NCALLS || (*end && *end != ','))
            return -1;
        mask[nr / 64] |= 1UL << (nr % 64);
        s = *end ? end + 1 : end;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || parse_calls(argv[1]) < 0) {
        fprintf(stderr, "usage: trace CALLS COMMAND [ARGS...]   (CALLS: 63,64,... or all)\n");
        return 2;
    }
    if (syscall(SYS_trace, mask, sizeof mask) < 0) {
        fprintf(stderr, "trace: %s\n", strerror(errno));
        return 1;
    }
    execvp(argv[2], argv + 2);
    fprintf(stderr, "trace: %s: %s\n", argv[2], strerror(errno));
    return 127;
}
