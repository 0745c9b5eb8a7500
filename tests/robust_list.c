/*
 * robust_list: set_robust_list/get_robust_list, and what the kernel does
 * with the list when its owner exits: a lock (a futex word holding the
 * owner's tid) the process still holds gets FUTEX_OWNER_DIED, keeping
 * FUTEX_WAITERS, and one waiter is woken; a lock another process holds is
 * left alone.  Raw system calls: the list is what glibc's robust mutexes
 * build.
 */
#include "check.h"
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u

struct robust_list {
    struct robust_list *next;
};

struct robust_list_head {
    struct robust_list list;
    long futex_offset;
    struct robust_list *list_op_pending;
};

/* A lock as a robust mutex lays it out: the list link, then the futex word. */
struct lock {
    struct robust_list link;
    uint32_t word;
};

static void *volatile bad_ptr = (void *)1;

static long set_list(struct robust_list_head *h, size_t len) { return syscall(SYS_set_robust_list, h, len); }

static void calls(void)
{
    static struct robust_list_head h;
    struct robust_list_head *got = NULL;
    size_t len = 0;

    EXPECT_ERR(set_list(&h, sizeof h + 1), EINVAL);
    EXPECT_OK(set_list(&h, sizeof h));
    EXPECT_OK(syscall(SYS_get_robust_list, 0, &got, &len));
    CHECK(got == &h);
    EXPECT_EQ(len, sizeof h);
    EXPECT_OK(syscall(SYS_get_robust_list, getpid(), &got, &len));
    CHECK(got == &h);
    EXPECT_ERR(syscall(SYS_get_robust_list, 0x7ffffff0, &got, &len), ESRCH);
    EXPECT_ERR(syscall(SYS_get_robust_list, 0, &got, bad_ptr), EFAULT);
}

int main(void)
{
    calls();

    /* the locks live in memory the parent shares */
    struct lock *locks = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(locks != MAP_FAILED);
    locks[2].word = 12345;                      /* held by someone else */
    pid_t pid = check_fork();
    if (pid == 0) {
        static struct robust_list_head h;
        uint32_t tid = syscall(SYS_gettid);
        locks[0].word = tid;                    /* held, nobody waiting */
        locks[1].word = tid | FUTEX_WAITERS;    /* held, with waiters */
        h.list.next = &locks[0].link;
        locks[0].link.next = &locks[1].link;
        locks[1].link.next = &locks[2].link;
        locks[2].link.next = &h.list;
        h.futex_offset = offsetof(struct lock, word) - offsetof(struct lock, link);
        h.list_op_pending = NULL;
        if (set_list(&h, sizeof h))
            _exit(2);
        _exit(0);                               /* dies holding two of them */
    }
    EXPECT_EXIT(wait_for(pid), 0);
    EXPECT_EQ(locks[0].word, FUTEX_OWNER_DIED);
    EXPECT_EQ(locks[1].word, FUTEX_OWNER_DIED | FUTEX_WAITERS);
    EXPECT_EQ(locks[2].word, 12345);
    munmap(locks, 4096);
    return check_done();
}
