/*
 * badptr_ipc: the signal, timer, FIFO and socket system calls reject bad
 * pointers with EFAULT and the caller goes on.  Raw syscall() keeps the C
 * library from touching the pointers.  Each is tried with an unmapped low
 * address and a kernel address; calls that store also with read-only text.
 */
#include "check.h"
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>

#define SOCK "/tmp/badptr_ipc.sock"

static void *bad[3];

static void setup(void)
{
    bad[0] = (void *)8;
    bad[1] = (void *)0xffffffc080200000UL;
    bad[2] = (void *)(uintptr_t)&setup; /* readable, not writable */
}

static void signals(void)
{
    unsigned long set = 0;
    for (int i = 0; i < 2; i++) {
        EXPECT_ERR(syscall(SYS_rt_sigaction, SIGUSR1, bad[i], NULL, 8), EFAULT);
        EXPECT_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad[i], NULL, 8), EFAULT);
        EXPECT_ERR(syscall(SYS_rt_sigsuspend, bad[i], 8), EFAULT);
        EXPECT_ERR(syscall(SYS_setitimer, 0, bad[i], NULL), EFAULT);
    }
    for (int i = 0; i < 3; i++) {
        EXPECT_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, bad[i], 8), EFAULT);
        EXPECT_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, bad[i], 8), EFAULT);
        EXPECT_ERR(syscall(SYS_rt_sigpending, bad[i], 8), EFAULT);
        EXPECT_ERR(syscall(SYS_getitimer, 0, bad[i]), EFAULT);
    }
    /* the mask is unchanged by all that */
    EXPECT_OK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &set, 8));
    EXPECT_EQ(set, 0);
}

static void files(void)
{
    for (int i = 0; i < 2; i++)
        EXPECT_ERR(syscall(SYS_mknodat, AT_FDCWD, bad[i], S_IFIFO | 0600, 0), EFAULT);
    for (int i = 0; i < 3; i++)
        EXPECT_ERR(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, bad[i]), EFAULT);
}

static void sockets(void)
{
    struct sockaddr_un sun;
    socklen_t len = sizeof sun;
    int sv[2];
    char c;

    memset(&sun, 0, sizeof sun);
    sun.sun_family = AF_UNIX;
    strcpy(sun.sun_path, SOCK);
    unlink(SOCK);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(s >= 0);
    for (int i = 0; i < 2; i++) {
        EXPECT_ERR(syscall(SYS_bind, s, bad[i], sizeof sun), EFAULT);
        EXPECT_ERR(syscall(SYS_connect, s, bad[i], sizeof sun), EFAULT);
    }
    EXPECT_OK(bind(s, (struct sockaddr *)&sun, sizeof sun));
    EXPECT_OK(listen(s, 4));
    for (int i = 0; i < 3; i++) {
        len = sizeof sun;
        EXPECT_ERR(syscall(SYS_getsockname, s, bad[i], &len), EFAULT);
    }
    for (int i = 0; i < 2; i++) /* the length is read first: text would be a length */
        EXPECT_ERR(syscall(SYS_getsockname, s, &sun, bad[i]), EFAULT);

    EXPECT_OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    EXPECT_EQ(write(sv[1], "ab", 2), 2);
    for (int i = 0; i < 3; i++)
        EXPECT_ERR(syscall(SYS_recvfrom, sv[0], bad[i], 1, 0, NULL, NULL), EFAULT);
    for (int i = 0; i < 2; i++)
        EXPECT_ERR(syscall(SYS_sendto, sv[1], bad[i], 1, 0, NULL, 0), EFAULT);
    EXPECT_EQ(recv(sv[0], &c, 1, 0), 1); /* the data is still there */
    EXPECT_EQ(c, 'a');
    close(sv[0]);
    close(sv[1]);

    EXPECT_OK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
    for (int i = 0; i < 2; i++)
        EXPECT_ERR(syscall(SYS_sendto, sv[1], bad[i], 1, 0, NULL, 0), EFAULT);
    EXPECT_ERR(recv(sv[0], &c, 1, MSG_DONTWAIT), EAGAIN); /* nothing was sent */
    for (int i = 0; i < 3; i++) {
        /*
         * As on Linux: a kernel address is refused before the queue is looked
         * at; a user address that faults during the copy loses the datagram.
         */
        EXPECT_EQ(send(sv[1], "q", 1, 0), 1);
        EXPECT_ERR(syscall(SYS_recvfrom, sv[0], bad[i], 1, 0, NULL, NULL), EFAULT);
        if (i == 1)
            EXPECT_EQ(recv(sv[0], &c, 1, MSG_DONTWAIT), 1);
        else
            EXPECT_ERR(recv(sv[0], &c, 1, MSG_DONTWAIT), EAGAIN);
    }
    close(sv[0]);
    close(sv[1]);
    close(s);
    EXPECT_OK(unlink(SOCK));
}

int main(void)
{
    setup();
    RUN_CHILD(signals);
    RUN_CHILD(files);
    RUN_CHILD(sockets);
    return check_done();
}
