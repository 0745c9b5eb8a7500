/*
 * badptr_path: system calls taking a path (and execve's argv and envp)
 * reject bad pointers with EFAULT - an unmapped low address, a kernel
 * address, and a string that runs off the end of mapped memory - and the
 * caller survives.  Raw syscall() keeps the C library's hands off them.
 */
#include "check.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef AT_FDCWD
#define AT_FDCWD -100
#endif

#define NBAD 3
static char *bad[NBAD];

/* A string with no NUL that ends exactly where mapped memory ends: the
   top of the heap, page-aligned with sbrk. */
static char *unterminated(void)
{
    uintptr_t brk = (uintptr_t)sbrk(0);
    uintptr_t pad = (4096 - brk % 4096) % 4096;
    if (pad < 64)
        pad += 4096;
    char *base = sbrk(pad);
    if (base == (char *)-1) {
        FAIL("sbrk(%ld) failed", (long)pad);
        return (char *)8;
    }
    char *end = base + pad;      /* page-aligned, first unmapped byte */
    memset(end - 32, 'a', 32);
    return end - 32;
}

static void path_calls(void)
{
    struct stat st;
    for (int i = 0; i < NBAD; i++) {
        EXPECT_ERR(syscall(SYS_openat, AT_FDCWD, bad[i], O_RDONLY, 0), EFAULT);
        EXPECT_ERR(syscall(SYS_openat, AT_FDCWD, bad[i], O_RDWR | O_CREAT, 0644), EFAULT);
        EXPECT_ERR(syscall(SYS_newfstatat, AT_FDCWD, bad[i], &st, 0), EFAULT);
        EXPECT_ERR(syscall(SYS_chdir, bad[i]), EFAULT);
        EXPECT_ERR(syscall(SYS_mkdirat, AT_FDCWD, bad[i], 0755), EFAULT);
        EXPECT_ERR(syscall(SYS_unlinkat, AT_FDCWD, bad[i], 0), EFAULT);
        EXPECT_ERR(syscall(SYS_unlinkat, AT_FDCWD, bad[i], 0x200), EFAULT);
    }
    /* newfstatat with a good path and a bad buffer (the first two only:
       the third is a readable string, not a writable buffer). */
    for (int i = 0; i < 2; i++)
        EXPECT_ERR(syscall(SYS_newfstatat, AT_FDCWD, "/", bad[i], 0), EFAULT);
    EXPECT_ERR(syscall(SYS_newfstatat, AT_FDCWD, "/", (void *)(uintptr_t)&path_calls, 0),
               EFAULT);
    /* The working directory did not move. */
    char cwd[256];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
}

/* execve in a child: on EFAULT the child exits 42; had the exec gone
   through, /bin/true would exit 0. */
static void try_exec(const char *path, char *const argv[], char *const envp[],
                     const char *what)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        long r = syscall(SYS_execve, path, argv, envp);
        _exit(r == -1 && errno == EFAULT ? 42 : 43);
    }
    int st = wait_for(pid);
    if (!(WIFEXITED(st) && WEXITSTATUS(st) == 42))
        FAIL("execve with bad %s: expected EFAULT (exit 42), got %s", what,
             status_str(st));
}

static void exec_calls(void)
{
    char *good_argv[] = { "/bin/true", NULL };
    char *good_envp[] = { "A=b", NULL };
    for (int i = 0; i < NBAD; i++) {
        try_exec(bad[i], good_argv, good_envp, "path");
        if (i == 2)
            continue;    /* the unterminated string is readable memory */
        char *argv_bad_entry[] = { "/bin/true", bad[i], NULL };
        char *envp_bad_entry[] = { "A=b", bad[i], NULL };
        try_exec("/bin/true", (char **)bad[i], good_envp, "argv");
        try_exec("/bin/true", argv_bad_entry, good_envp, "argv[1]");
        try_exec("/bin/true", good_argv, (char **)bad[i], "envp");
        try_exec("/bin/true", good_argv, envp_bad_entry, "envp[1]");
    }
    try_exec("/bin/true", (char **)&bad[2], good_envp, "unterminated argv[0]");
    /* And the good call does work. */
    pid_t pid = check_fork();
    if (pid == 0) {
        syscall(SYS_execve, "/bin/true", good_argv, good_envp);
        _exit(43);
    }
    EXPECT_EXIT(wait_for(pid), 0);
}

int main(void)
{
    bad[0] = (char *)8;
    bad[1] = (char *)0xffffffc080200000UL;
    bad[2] = unterminated();
    path_calls();
    exec_calls();
    return check_done();
}
