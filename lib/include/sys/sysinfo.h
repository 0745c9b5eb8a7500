/*
 * sys/sysinfo.h - system statistics (Linux's 64-bit struct sysinfo).
 *
 * On ipcos freeram is in bytes and mem_unit is 1.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
    long           uptime;      /* seconds since boot */
    unsigned long  loads[3];    /* 1, 5 and 15 minute load averages */
    unsigned long  totalram;    /* usable memory, in mem_unit units */
    unsigned long  freeram;     /* free memory */
    unsigned long  sharedram;
    unsigned long  bufferram;
    unsigned long  totalswap;
    unsigned long  freeswap;
    unsigned short procs;       /* number of processes */
    unsigned short pad;
    unsigned long  totalhigh;
    unsigned long  freehigh;
    unsigned int   mem_unit;    /* size of the memory unit in bytes */
    /* Linux pads the struct to 112 bytes here; alignment does it for us. */
};

int sysinfo(struct sysinfo *info);
int get_nprocs(void);           /* harts online */
int get_nprocs_conf(void);

#endif /* _SYS_SYSINFO_H */
