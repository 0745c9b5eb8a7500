/*
 * sys/types.h - the basic scalar types of the system interface.
 *
 * Sizes follow Linux on riscv64 (LP64, asm-generic): 64-bit off_t and
 * time_t, 32-bit pid_t, uid_t, gid_t, mode_t and nlink_t.
 * Every typedef is guarded so other headers may include this one freely.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>             /* size_t, NULL */

#ifndef __ipcos_types_defined
#define __ipcos_types_defined
typedef long            ssize_t;
typedef long            off_t;
typedef int             pid_t;
typedef unsigned int    uid_t;
typedef unsigned int    gid_t;
typedef unsigned int    id_t;
typedef unsigned int    mode_t;
typedef unsigned int    nlink_t;
typedef unsigned long   dev_t;
typedef unsigned long   ino_t;
typedef int             blksize_t;
typedef long            blkcnt_t;
typedef long            time_t;
typedef int             clockid_t;
typedef long            suseconds_t;
typedef unsigned int    useconds_t;
#endif

#endif /* _SYS_TYPES_H */
