/*
 * fuzz_run: a bounded run of the random system-call fuzzer (user/fuzz.c)
 * under the test runner's leak check -- seed 1, 20000 calls, 4 worker
 * processes -- so make test runs it on 1 and on 4 harts.  It passes when
 * the fuzzer's oracles all held (errno values in Linux's sets, the message
 * queue, semaphore, segment and pipe models, no hang, no leak) and the
 * runner finds nothing leaked either.  make fuzz runs it long.
 */
// ipcos-only: the fuzzer's workers become other users and make hostile calls with random pids, signals and paths: not a thing to do to a shared Linux host.
#include "check.h"

int main(void)
{
    char *argv[] = { "fuzz", "-s", "1", "-n", "20000", "-p", "4", NULL };
    pid_t pid = check_fork();
    if (pid == 0) {
        execv("/bin/fuzz", argv);
        perror("exec /bin/fuzz");
        _exit(127);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    return check_done();
}
