/*
 * init: the first process.
 *
 *   init 'COMMAND LINE'   run /bin/sh -c 'COMMAND LINE', wait for it and
 *                         exit with its status (128+N if signal N killed
 *                         it); the kernel then powers off with that code.
 *   init                  run an interactive /bin/sh and exit when it does.
 *
 * The shell gets the environment PATH=/bin HOME=/.  While waiting, init
 * also reaps the orphans the kernel hands to it, so none stays a zombie.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static char *shell_env[] = { "PATH=/bin", "HOME=/", NULL };

/* Make sure descriptors 0, 1 and 2 exist (the console, if the kernel did
   not already open it for us). */
static void open_console(void)
{
    if (fcntl(0, F_GETFD) >= 0 && fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0)
        return;
    int fd = open("/dev/console", O_RDWR);
    if (fd < 0)
        return;
    for (int i = 0; i < 3; i++)
        if (fcntl(i, F_GETFD) < 0)
            dup2(fd, i);
    if (fd > 2)
        close(fd);
}

int main(int argc, char **argv)
{
    char *sh_argv[] = { "sh", NULL, NULL, NULL };

    open_console();
    if (argc > 1) {
        sh_argv[1] = "-c";
        sh_argv[2] = argv[1];
    }

    fflush(stdout);
    fflush(stderr);
    pid_t shell = fork();
    if (shell < 0) {
        fprintf(stderr, "init: fork: %s\n", strerror(errno));
        return 1;
    }
    if (shell == 0) {
        execve("/bin/sh", sh_argv, shell_env);
        fprintf(stderr, "init: /bin/sh: %s\n", strerror(errno));
        _exit(127);
    }

    /* Wait for the shell; anything else that wait returns is an orphan
       we have just reaped. */
    for (;;) {
        int st;
        pid_t pid = wait(&st);
        if (pid == shell) {
            if (WIFSIGNALED(st))
                return 128 + WTERMSIG(st);
            return WEXITSTATUS(st);
        }
        if (pid < 0 && errno != EINTR) {
            fprintf(stderr, "init: wait: %s\n", strerror(errno));
            return 1;
        }
    }
}
