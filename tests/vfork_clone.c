/*
 * vfork_clone - vfork, posix_spawn and clone with the flags C libraries use.
 *   - vfork + _exit: the parent resumes only after the child is gone, and
 *     sees the status; memory the child wrote is the parent's (shared);
 *   - vfork + execve: the parent resumes once the exec is done;
 *   - posix_spawn runs a program (where the C library has <spawn.h>);
 *   - clone(CLONE_VM|CLONE_VFORK|CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|
 *     CLONE_PARENT_SETTID): the child writes its tid, and at exit the kernel
 *     clears it (the address space is still in use by the parent), as
 *     Linux's mm_release; the parent's copy of the tid is set too;
 *   - clone with exit signal 0: wait4 sees the child only with __WCLONE
 *     or __WALL;
 *   - gettid is the pid in a single-threaded process.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#if __has_include(<spawn.h>)
#include <spawn.h>
#define HAVE_SPAWN 1
#endif

#include "check.h"

#ifndef __WCLONE
#define __WCLONE 0x80000000
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif

extern char **environ;

static void vfork_exit(void)
{
    static volatile int shared_word;
    pid_t pid;
    int st;

    shared_word = 1;
    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        shared_word = 2; /* the parent's memory: vfork shares it */
        _exit(5);
    }
    CHECK(pid > 0);
    EXPECT_EQ(shared_word, 2);
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    EXPECT_EXIT(st, 5);
}

static void vfork_exec(void)
{
    int fds[2];
    char buf[16];
    pid_t pid;

    EXPECT_OK(pipe(fds));
    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        dup2(fds[1], 1);
        execl("/bin/echo", "echo", "hi", (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    close(fds[1]);
    memset(buf, 0, sizeof(buf));
    EXPECT_EQ(read_full(fds[0], buf, sizeof(buf) - 1), 3);
    EXPECT_EQ(strcmp(buf, "hi\n"), 0);
    close(fds[0]);
    EXPECT_EXIT(wait_for(pid), 0);
}

static void spawn(void)
{
#ifdef HAVE_SPAWN
    char *argv[] = { "sh", "-c", "exit 7", NULL };
    pid_t pid;
    EXPECT_EQ(posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ), 0);
    EXPECT_EXIT(wait_for(pid), 7);
    char *bad[] = { "nothing", NULL };
    EXPECT_EQ(posix_spawn(&pid, "/nonexistent/program", NULL, NULL, bad, environ), ENOENT);
#else
    printf("skip: no <spawn.h> in this C library\n");
#endif
}

static char child_stack[16384] __attribute__((aligned(16)));
static volatile pid_t seen_tid;

static int child_fn(void *arg)
{
    seen_tid = *(volatile pid_t *)arg; /* CLONE_CHILD_SETTID wrote it before we ran */
    return 3;
}

static void clone_tids(void)
{
    static pid_t ctid = 12345, ptid;
    int flags = CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PARENT_SETTID | SIGCHLD;
    pid_t pid;

    fflush(stdout);
    pid = clone(child_fn, child_stack + sizeof(child_stack), flags, &ctid, &ptid, NULL, &ctid);
    CHECK(pid > 0);
    EXPECT_EQ(ptid, pid);
    EXPECT_EQ(seen_tid, pid);
    EXPECT_EQ(ctid, 0); /* cleared at the child's exit: the parent still uses the memory */
    EXPECT_EXIT(wait_for(pid), 3);
}

static int quiet_child(void *arg)
{
    (void)arg;
    return 4;
}

static void clone_exit_signal_0(void)
{
    int st;
    pid_t pid;

    fflush(stdout);
    pid = clone(quiet_child, child_stack + sizeof(child_stack), CLONE_VM | CLONE_VFORK, NULL);
    CHECK(pid > 0);
    /* a "clone" child: invisible to a plain wait */
    EXPECT_ERR(waitpid(pid, &st, WNOHANG), ECHILD);
    EXPECT_EQ(waitpid(pid, &st, __WCLONE), pid);
    EXPECT_EXIT(st, 4);
}

int main(void)
{
    EXPECT_EQ(gettid(), getpid());
    vfork_exit();
    vfork_exec();
    spawn();
    clone_tids();
    clone_exit_signal_0();
    return check_done();
}
