/*
 * trap.c - the trap built-in: commands to run when a signal arrives or
 * the shell exits.
 *
 *   trap                      list the traps (as commands that set them)
 *   trap 'COMMANDS' SIGNAL... run COMMANDS when SIGNAL arrives (EXIT or 0:
 *                             when the shell exits)
 *   trap '' SIGNAL...         ignore SIGNAL (commands started later too)
 *   trap - SIGNAL...          back to the default action
 *
 * SIGNAL is a name (INT, SIGINT, TERM, ...) or a number.  A caught
 * signal only sets a flag; the commands run at the next safe point --
 * after the command running when it arrived, or at once if the shell
 * was waiting in the 'wait' built-in -- with $? kept as it was.  A
 * subshell starts with the caught signals back at their defaults (POSIX);
 * programs the shell runs get the defaults too (exec resets handlers),
 * but inherit ignored signals.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define NSIG_TRAP 32

static char *action[NSIG_TRAP];     /* NULL: default; "": ignored; else commands */
static volatile sig_atomic_t pending[NSIG_TRAP];
volatile sig_atomic_t trap_pending;
static int running;                 /* a trap's commands are running */

static const char *const names[NSIG_TRAP] = {
    "EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
    "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
    "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
};

static void caught(int sig)
{
    pending[sig] = 1;
    trap_pending = 1;
}

/* A signal's number from "INT", "SIGINT" or "2"; -1 if there is none. */
static int signal_number(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (*s && !*end)
        return n >= 0 && n < NSIG_TRAP ? (int)n : -1;
    if (!strncmp(s, "SIG", 3))
        s += 3;
    for (int i = 0; i < NSIG_TRAP; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

static void set_trap(int sig, const char *what)
{
    struct sigaction sa;

    free(action[sig]);
    action[sig] = what ? xstrdup(what) : NULL;
    if (sig == 0)
        return;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = !what ? SIG_DFL : !*what ? SIG_IGN : caught;
    sigaction(sig, &sa, NULL);  /* no SA_RESTART: 'wait' must return */
    if (!what && sig == SIGINT && sh.interactive)
        interactive_sigint();   /* the prompt's own handler again */
}

int builtin_trap(int argc, char **argv)
{
    int status = 0, i = 1;

    if (argc == 1) {
        for (int s = 0; s < NSIG_TRAP; s++)
            if (action[s])
                printf("trap -- '%s' %s\n", action[s], names[s]);
        return 0;
    }
    if (!strcmp(argv[i], "--"))
        i++;
    /* "trap SIGNAL..." with a first word that is a signal number resets them */
    const char *what = argv[i];
    if (signal_number(what) >= 0 && *what >= '0' && *what <= '9')
        what = "-";
    else
        i++;
    for (; i < argc; i++) {
        int sig = signal_number(argv[i]);
        if (sig < 0 || sig == SIGKILL || sig == SIGSTOP) {
            sh_error("trap: %s: bad signal", argv[i]);
            status = 1;
            continue;
        }
        set_trap(sig, strcmp(what, "-") ? what : NULL);
    }
    return status;
}

/* Run the commands of the signals that have arrived. */
void run_traps(void)
{
    if (running)
        return;
    while (trap_pending) {
        trap_pending = 0;
        for (int sig = 1; sig < NSIG_TRAP; sig++) {
            if (!pending[sig])
                continue;
            pending[sig] = 0;
            if (!action[sig] || !*action[sig])
                continue;
            int status = sh.status;
            running = 1;
            run_text(action[sig], sh.name);
            running = 0;
            sh.status = status;
        }
    }
}

/* The shell is about to exit: the EXIT trap, once. */
void run_exit_trap(void)
{
    char *commands = action[0];

    if (!commands || running)
        return;
    action[0] = NULL;
    running = 1;
    run_text(commands, sh.name);
    running = 0;
    free(commands);
}

/* In a subshell: caught signals go back to their defaults, ignored ones stay. */
void traps_reset(void)
{
    for (int sig = 0; sig < NSIG_TRAP; sig++)
        if (action[sig] && *action[sig])
            set_trap(sig, NULL);
}
