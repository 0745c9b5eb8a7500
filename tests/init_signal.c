/*
 * init_signal: init is protected as Linux protects it (SIGNAL_UNKILLABLE).
 * kill(1, sig) from root succeeds for every signal -- SIGKILL and SIGSTOP
 * included -- and init, which has no handler for any of them, discards
 * them all: it is still there, asleep, and the machine still runs.  The
 * same through tkill and tgkill.
 */
// ipcos-only: on a Linux host it would signal the host's init.
#include "check.h"
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>

int main(void)
{
    static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS,
                                SIGFPE, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
                                SIGCHLD, SIGCONT, SIGTSTP, SIGURG, SIGKILL, SIGSTOP };

    EXPECT_EQ(getuid(), 0);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        EXPECT_EQ(kill(1, sigs[i]), 0);
        EXPECT_EQ(syscall(SYS_tkill, 1, sigs[i]), 0);
        EXPECT_EQ(syscall(SYS_tgkill, 1, 1, sigs[i]), 0);
    }
    EXPECT_EQ(kill(1, 0), 0);
    /* give init every chance to act on anything that reached it */
    for (int i = 0; i < 20; i++) {
        sched_yield();
        sleep_ms(5);
    }
    EXPECT_EQ(kill(1, 0), 0);
    /* asleep -- not stopped, not gone; it may be busy for a moment (reaping
       an orphan of an earlier test) on a loaded machine */
    int st;
    while ((st = proc_state(1)) == 'R')
        sleep_ms(5);
    EXPECT_EQ(st, 'S');
    return check_done();
}
