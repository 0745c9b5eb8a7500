/*
 * sys/sysinfo.h - system statistics (Linux's 64-bit struct sysinfo).
 *
 * On ipcos freeram is in bytes and mem_unit is 1.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#include "../../../kernel/include/uapi/sysinfo.h"      /* struct sysinfo */

int sysinfo(struct sysinfo *info);
int get_nprocs(void);           /* harts online */
int get_nprocs_conf(void);

#endif /* _SYS_SYSINFO_H */
