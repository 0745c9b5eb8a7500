/*
 * grp.h - groups: the supplementary groups of the process (setgroups).
 * There is no group database reader here (/etc/group is plain text).
 */
#ifndef _GRP_H
#define _GRP_H

#include <sys/types.h>

int setgroups(size_t size, const gid_t *list);                      /* lib/attr.c */

#endif
