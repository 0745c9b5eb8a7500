/*
 * start.c - from _start (crt0.S) to main() and back out through exit().
 *
 * Also home of `environ`, the process's environment, and of the auxiliary
 * vector the kernel leaves after it (page size, clock tick rate, ...).
 */
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

char **environ;

static unsigned long *auxv;     /* pairs (type, value), ending with AT_NULL */

unsigned long __getauxval(unsigned long type)
{
    for (unsigned long *a = auxv; a != NULL && a[0] != 0; a += 2) {
        if (a[0] == type)
            return a[1];
    }
    return 0;
}

int main(int argc, char **argv, char **envp);
void __libc_start(long *sp) __attribute__((noreturn));

/* sp points at argc, then argv[], NULL, envp[], NULL, auxv (see crt0.S). */
void __libc_start(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **e = envp;

    while (*e != NULL)
        e++;
    auxv = (unsigned long *)(e + 1);
    environ = envp;
    exit(main(argc, argv, envp));
}
