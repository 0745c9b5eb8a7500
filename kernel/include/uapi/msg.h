/*
 * System V message queues: msgrcv's flags, msgctl's commands and
 * MSG_INFO's record (Linux's uapi linux/msg.h).  The one definition, used
 * by the kernel (through ipcbuf.h) and by the user library's <sys/msg.h>.
 * Plain C types only.
 */
#ifndef IPCOS_UAPI_MSG_H
#define IPCOS_UAPI_MSG_H

#define MSG_NOERROR 010000      /* truncate a message that is too long */
#define MSG_EXCEPT 020000       /* receive any type but msgtyp */
#define MSG_COPY 040000         /* copy the message at position msgtyp, leave it queued (needs IPC_NOWAIT) */

#define MSG_STAT 11
#define MSG_INFO 12
#define MSG_STAT_ANY 13

struct msginfo {
	int msgpool;
	int msgmap;
	int msgmax;
	int msgmnb;
	int msgmni;
	int msgssz;
	int msgtql;
	unsigned short msgseg;
};

#endif
