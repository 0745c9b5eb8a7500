/*
 * sysinfo's record (Linux's uapi linux/sysinfo.h, 64-bit: 112 bytes): the
 * one definition, used by the kernel and by the user library's
 * <sys/sysinfo.h>.  Plain C types only.  ipcos reports memory in bytes
 * (mem_unit 1).
 */
#ifndef IPCOS_UAPI_SYSINFO_H
#define IPCOS_UAPI_SYSINFO_H

struct sysinfo {
	long uptime;                    /* seconds since boot */
	unsigned long loads[3];         /* 1, 5 and 15 minute load averages */
	unsigned long totalram;         /* usable memory, in mem_unit units */
	unsigned long freeram;          /* free memory */
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;           /* number of processes */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;          /* size of the memory unit in bytes */
	char _f[4];                     /* Linux's padding to 112 bytes */
};

#endif
