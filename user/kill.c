/*
 * kill: send a signal (SIGTERM unless given as -N or -NAME) to each pid.
 *   kill [-N | -NAME | -SIGNAME] PID...
 *   kill -l        list the signal names
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>

static const struct { const char *name; int num; } sigs[] = {
#ifdef SIGHUP
    { "HUP", SIGHUP },
#endif
    { "INT", SIGINT },
#ifdef SIGQUIT
    { "QUIT", SIGQUIT },
#endif
#ifdef SIGILL
    { "ILL", SIGILL },
#endif
#ifdef SIGTRAP
    { "TRAP", SIGTRAP },
#endif
#ifdef SIGABRT
    { "ABRT", SIGABRT },
#endif
#ifdef SIGBUS
    { "BUS", SIGBUS },
#endif
#ifdef SIGFPE
    { "FPE", SIGFPE },
#endif
    { "KILL", SIGKILL },
    { "USR1", SIGUSR1 },
    { "SEGV", SIGSEGV },
    { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE },
    { "ALRM", SIGALRM },
    { "TERM", SIGTERM },
    { "CHLD", SIGCHLD },
#ifdef SIGCONT
    { "CONT", SIGCONT },
#endif
#ifdef SIGSTOP
    { "STOP", SIGSTOP },
#endif
};
#define NSIGS (int)(sizeof sigs / sizeof sigs[0])

/* "9", "KILL" or "SIGKILL" to a number; -1 if unknown. */
static int parse_signal(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s && !*end)
        return n >= 0 && n < 65 ? (int)n : -1;
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (int i = 0; i < NSIGS; i++)
        if (strcasecmp(s, sigs[i].name) == 0)
            return sigs[i].num;
    return -1;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        for (int j = 0; j < NSIGS; j++)
            printf("%2d %s\n", sigs[j].num, sigs[j].name);
        return 0;
    }
    if (argc > 1 && argv[1][0] == '-') {
        sig = parse_signal(argv[1] + 1);
        if (sig < 0) {
            fprintf(stderr, "kill: %s: unknown signal\n", argv[1] + 1);
            return 1;
        }
        i = 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: kill [-N|-NAME] PID...\n");
        return 1;
    }
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!*argv[i] || *end) {
            fprintf(stderr, "kill: %s: not a pid\n", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, sig) < 0) {
            fprintf(stderr, "kill: %ld: %s\n", pid, strerror(errno));
            status = 1;
        }
    }
    return status;
}
