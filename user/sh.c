/*
 * sh: the ipcos shell, a small POSIX shell.
 *
 *   sh [-efux] -c 'COMMANDS' [NAME [ARG...]]   run COMMANDS ($0 = NAME)
 *   sh [-efux] FILE [ARG...]                   run a script ($0 = FILE)
 *   sh [-efux]                                 read commands from standard input
 *
 * The language is POSIX's: pipelines, && || !, ; and &, { } and ( ),
 * if/while/until/for/case, functions, redirections (< > >> >| <> <& >&
 * and here-documents), quoting, $NAME ${NAME:-word} and the other
 * parameter expansions, $( ) and ` `, $(( )), globbing, and the built-ins
 * : . [ break cd continue echo eval exec exit export false pwd read return
 * set shift test trap true unset wait.  The parts live in user/sh/ (sh.h says
 * which does what); this file starts the shell.
 *
 * On a terminal the shell is interactive: it prompts ($PS1, $PS2), runs
 * each foreground job in a process group of its own that gets ^C, and
 * reports finished background jobs.  Its exit status is that of the last
 * command; a syntax error ends a script with status 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh/sh.h"

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
}

/* ^C interrupts the command, not the shell; at the prompt it gives a new one. */
void interactive_sigint(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;      /* no SA_RESTART: the read must end */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
}

static void setup_interactive(void)
{
    interactive_sigint();
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);       /* (Linux) tcsetpgrp from the background */
    setpgid(0, 0);
    tcsetpgrp(0, getpid());
}

/* -e -f -u -x (and + to turn them off); returns the index of the first operand. */
static int options(int argc, char **argv, int *command)
{
    int i = 1;

    for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--"))
            return i + 1;
        int on = argv[i][0] == '-';
        for (const char *o = argv[i] + 1; *o; o++) {
            switch (*o) {
            case 'c': *command = on; break;
            case 'e': sh.errexit = on; break;
            case 'f': sh.noglob = on; break;
            case 'u': sh.nounset = on; break;
            case 'x': sh.xtrace = on; break;
            case 's': break;        /* read standard input: the default anyway */
            default:
                fprintf(stderr, "sh: -%c: unknown option\n", *o);
                _exit(2);
            }
        }
    }
    return i;
}

int main(int argc, char **argv)
{
    struct source src = { .name = "sh", .fd = 0, .lineno = 1 };
    int command = 0;
    int i = options(argc, argv, &command);

    sh.shell_pid = getpid();
    var_import(environ);
    if (command) {
        if (i >= argc) {
            fprintf(stderr, "sh: -c: a command string is needed\n");
            return 2;
        }
        src.fd = -1;
        src.str = argv[i++];
        if (i < argc)
            arg0 = argv[i++];
    } else if (i < argc) {
        arg0 = argv[i++];
        int fd = open(arg0, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "sh: cannot open %s: %s\n", arg0, strerror(errno));
            return errno == ENOENT ? 127 : 126;
        }
        /* out of the way of the script's own 'exec 3< file' */
        src.fd = fcntl(fd, F_DUPFD_CLOEXEC, 10);
        close(fd);
        src.name = arg0;
    } else {
        src.interactive = sh.interactive = isatty(0) && isatty(2);
        src.byte_at_a_time = !src.interactive;
        if (sh.interactive)
            setup_interactive();
    }
    if (command)
        src.name = arg0;
    sh.name = src.name;
    params_set(argv + i, argc - i);
    run_source(&src);
    if (sh.interactive)
        fputc('\n', stderr);
    sh_exit(sh.status);
}
