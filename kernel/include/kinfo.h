/* dev/kinfo.c: /dev/kinfo, the page of live counters processes map (uapi/kinfo.h). */
#ifndef IPCOS_KINFO_H
#define IPCOS_KINFO_H

#include "uapi/kinfo.h"

extern struct kinfo *kinfo;
extern const struct file_ops kinfo_fops;
void kinfo_init(void);  /* before the first process: cpus[i].kinfo */
void kinfo_tick(void);  /* hart 0's timer tick: the shared fields */

#endif
