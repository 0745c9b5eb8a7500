/*
 * The address of a local (AF_UNIX) socket (Linux's uapi linux/un.h): the one
 * definition, used by the kernel (net/unix.c) and by the user library's
 * <sys/un.h>.  Plain C types only (unsigned short is sa_family_t).
 */
#ifndef IPCOS_UAPI_UN_H
#define IPCOS_UAPI_UN_H

#define UNIX_PATH_MAX 108

struct sockaddr_un {
	unsigned short sun_family;      /* AF_UNIX */
	char sun_path[UNIX_PATH_MAX];   /* NUL-terminated path (or not, if it fills it) */
};

#endif
