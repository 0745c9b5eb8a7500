/*
 * fault: a program that touches memory it must not - a store to NULL, a
 * load from a kernel address, a store into its own read-only text, a jump
 * to an unmapped or a kernel address - is killed with SIGSEGV, and its
 * parent (and the rest of the system) goes on.
 */
#include "check.h"
#include <signal.h>
#include <stdint.h>

/* Addresses come from volatile variables so the compiler cannot see the
   invalid access and replace it with a trap instruction. */
static volatile uintptr_t null_addr = 0;
static volatile uintptr_t kernel_addr = 0xffffffc080200000UL;
static volatile uintptr_t low_addr = 0x8;

static void store_null(void)
{
    *(volatile int *)null_addr = 1;
}

static void load_null(void)
{
    volatile int x = *(volatile int *)null_addr;
    (void)x;
}

static void load_kernel(void)
{
    volatile long x = *(volatile long *)kernel_addr;
    (void)x;
}

static void store_kernel(void)
{
    *(volatile long *)kernel_addr = 1;
}

static void store_text(void)
{
    volatile uintptr_t text = (uintptr_t)&store_text;
    *(volatile int *)text = 0;
}

static void jump_low(void)
{
    void (*volatile fn)(void) = (void (*)(void))low_addr;
    fn();
}

static void jump_kernel(void)
{
    void (*volatile fn)(void) = (void (*)(void))kernel_addr;
    fn();
}

/* Run a faulting function in a child; it must die of SIGSEGV. */
static void expect_segv(void (*fn)(void), const char *name)
{
    pid_t pid = check_fork();
    if (pid == 0) {
        fn();
        _exit(0);     /* not reached if the fault kills us */
    }
    int st = wait_for(pid);
    if (!(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV))
        FAIL("%s: expected killed by SIGSEGV (%d), got %s", name, SIGSEGV,
             status_str(st));
}

#define SEGV(fn) expect_segv(fn, #fn)

int main(void)
{
    int text_word = *(volatile int *)(uintptr_t)&store_text;
    for (int round = 0; round < 2; round++) {
        SEGV(store_null);
        SEGV(load_null);
        SEGV(load_kernel);
        SEGV(store_kernel);
        SEGV(store_text);
        SEGV(jump_low);
        SEGV(jump_kernel);
    }
    /* The text the children tried to overwrite is intact here. */
    EXPECT_EQ(*(volatile int *)(uintptr_t)&store_text, text_word);
    /* The parent is healthy: it can still fork and wait. */
    pid_t pid = check_fork();
    if (pid == 0)
        _exit(9);
    EXPECT_EXIT(wait_for(pid), 9);
    return check_done();
}
