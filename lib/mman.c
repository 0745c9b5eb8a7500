/*
 * mman.c - mmap, munmap, mprotect, msync, madvise.  The system call returns the address or -errno;
 * MAP_FAILED ((void *)-1) with errno set on failure, as in every C library.
 */
#include <sys/mman.h>
#include "internal.h"

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    return (void *)SYSCALL6(SYS_mmap, addr, length, prot, flags, fd, offset);
}

int munmap(void *addr, size_t length)
{
    return SYSCALL2(SYS_munmap, addr, length);
}

int mprotect(void *addr, size_t length, int prot)
{
    return SYSCALL3(SYS_mprotect, addr, length, prot);
}

int msync(void *addr, size_t length, int flags)
{
    return SYSCALL3(SYS_msync, addr, length, flags);
}

int madvise(void *addr, size_t length, int advice)
{
    return SYSCALL3(SYS_madvise, addr, length, advice);
}

/* POSIX's: the error number itself, errno untouched; POSIX_MADV_DONTNEED is only a hint (glibc ignores it). */
int posix_madvise(void *addr, size_t length, int advice)
{
    long r;

    if (advice == POSIX_MADV_DONTNEED)
        return 0;
    r = __ecall(SYS_madvise, (long)addr, (long)length, advice, 0, 0, 0);
    return r < 0 ? (int)-r : 0;
}
