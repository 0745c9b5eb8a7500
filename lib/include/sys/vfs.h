/* sys/vfs.h - the same as sys/statfs.h, as in glibc. */
#include <sys/statfs.h>
