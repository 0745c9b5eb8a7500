/*
 * sys/resource.h - resource limits and resource use (Linux's values).
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/types.h>
#include <sys/time.h>

typedef unsigned long rlim_t;
/* struct rlimit, RLIM_INFINITY, RLIMIT_*, struct rusage, RUSAGE_* */
#include "../../../kernel/include/uapi/resource.h"

int getrlimit(int resource, struct rlimit *rlim);                   /* lib/attr.c */
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);
int getrusage(int who, struct rusage *usage);

#endif
