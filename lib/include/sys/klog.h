/*
 * sys/klog.h - reading the kernel log (glibc's klogctl, the syslog(2)
 * system call; nothing to do with syslog(3)).
 *
 * On ipcos the log holds the kernel's last 16 KiB of messages as plain
 * lines, without Linux's "<level>[time]" prefix.
 */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

#define SYSLOG_ACTION_CLOSE        0
#define SYSLOG_ACTION_OPEN         1
#define SYSLOG_ACTION_READ_ALL     3    /* the newest whole lines that fit */
#define SYSLOG_ACTION_READ_CLEAR   4    /* READ_ALL, then CLEAR */
#define SYSLOG_ACTION_CLEAR        5    /* later reads start after what is there now */
#define SYSLOG_ACTION_SIZE_BUFFER  10   /* the log's size in bytes */

int klogctl(int type, char *bufp, int len);

#endif /* _SYS_KLOG_H */
