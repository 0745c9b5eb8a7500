/*
 * syscall_args: a system call's int arguments are the low 32 bits of their
 * registers, whatever the caller left above them, as Linux's SYSCALL_DEFINE
 * narrows them: close, dup, lseek, write and kill with a descriptor or pid
 * that has garbage in its upper half act on the real one; semget and msgget
 * read their key and flags the same way; setuid takes a 32-bit id.  Raw
 * syscall() passes the 64-bit values as they are.
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/syscall.h>

#define HIGH(x) ((long)(((uint64_t)0xdead0001 << 32) | (uint32_t)(x)))

int main(void)
{
    int fd[2];
    char c = 'x';

    CHECK(pipe(fd) == 0);
    EXPECT_EQ(syscall(SYS_write, HIGH(fd[1]), &c, 1), 1);
    EXPECT_EQ(read(fd[0], &c, 1), 1);
    long d = syscall(SYS_dup, HIGH(fd[0]));
    CHECK(d > fd[1]);
    EXPECT_EQ(syscall(SYS_close, HIGH(d)), 0);
    EXPECT_ERR(close(d), EBADF);               /* it was d that closed */
    EXPECT_ERR(syscall(SYS_lseek, HIGH(fd[0]), 0, SEEK_SET), ESPIPE); /* a pipe, not EBADF */

    EXPECT_EQ(syscall(SYS_kill, HIGH(getpid()), 0), 0);
    EXPECT_EQ(syscall(SYS_setuid, HIGH(getuid())), 0);

    /* key IPC_PRIVATE and IPC_CREAT | 0600 under garbage: a new private object */
    long sem = syscall(SYS_semget, HIGH(IPC_PRIVATE), HIGH(1), HIGH(IPC_CREAT | 0600));
    CHECK(sem >= 0);
    EXPECT_EQ(semctl(sem, 0, GETVAL), 0);
    EXPECT_EQ(syscall(SYS_semctl, HIGH(sem), HIGH(0), HIGH(IPC_RMID), 0), 0);
    long msq = syscall(SYS_msgget, HIGH(IPC_PRIVATE), HIGH(IPC_CREAT | 0600));
    CHECK(msq >= 0);
    EXPECT_EQ(syscall(SYS_msgctl, HIGH(msq), HIGH(IPC_RMID), NULL), 0);

    close(fd[0]);
    close(fd[1]);
    return check_done();
}
