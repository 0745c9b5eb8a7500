/*
 * sys/utsname.h - the system's name and version, as uname(2) gives it.
 */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

#define _UTSNAME_LENGTH 65

struct utsname {
    char sysname[_UTSNAME_LENGTH];      /* "ipcos" */
    char nodename[_UTSNAME_LENGTH];
    char release[_UTSNAME_LENGTH];
    char version[_UTSNAME_LENGTH];
    char machine[_UTSNAME_LENGTH];      /* "riscv64" */
    char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *buf);

#endif /* _SYS_UTSNAME_H */
