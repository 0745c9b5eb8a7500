/*
 * mman.c - mmap, munmap and mprotect.  The system call returns the address or -errno;
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
