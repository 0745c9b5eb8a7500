/*
 * ipcutils.h: what ipcs, ipcmk, ipcrm and the structure viewers share
 * (util-linux keeps the same in sys-utils/ipcutils.c): user and group
 * names, util-linux's time formats, the kernel's limits, a warning in the
 * program's name.  Header-only: user/ holds one program per .c file.
 */
#ifndef IPCUTILS_H
#define IPCUTILS_H

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *ipc_prog = "ipc"; /* set by main: the name in warnings */

/* "PROG: message\n" on stderr (util-linux's warnx). */
static inline void ipc_warnx(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "%s: ", ipc_prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/*
 * The name of uid (file /etc/passwd) or gid (/etc/group): the first field
 * of the line whose third field is the number.  NULL when there is none
 * (util-linux then prints the number).  Root is "root" without a file.
 */
static inline const char *ipc_id_name(const char *file, unsigned id)
{
    static char names[2][64];
    static int turn;
    char buf[4096], *line, *save;
    char *name = names[turn ^= 1];
    int fd = open(file, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return id == 0 ? "root" : NULL;
    buf[n] = '\0';
    for (line = buf; line && *line; line = save) {
        save = strchr(line, '\n');
        if (save)
            *save++ = '\0';
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2 || strtoul(c2 + 1, NULL, 10) != id || c2[1] < '0' || c2[1] > '9')
            continue;
        snprintf(name, sizeof names[0], "%.*s", (int)(c1 - line), line);
        return name;
    }
    return id == 0 ? "root" : NULL;
}

static inline const char *ipc_user(unsigned uid) { return ipc_id_name("/etc/passwd", uid); }
static inline const char *ipc_group(unsigned gid) { return ipc_id_name("/etc/group", gid); }

/* ctime(3)'s text without its newline: "Tue Dec  1 16:42:49 2026" (UTC here). */
static inline const char *ipc_ctime(long t)
{
    static char buf[2][32];
    static int turn;
    time_t tt = t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    strftime(buf[turn ^= 1], sizeof buf[0], "%a %b %e %H:%M:%S %Y", &tm);
    return buf[turn];
}

/* A number from a file such as /proc/sys/kernel/msgmni; def if unreadable. */
static inline unsigned long long ipc_read_ull(const char *path, int field, unsigned long long def)
{
    char buf[128], *p = buf, *end;
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return def;
    buf[n] = '\0';
    for (int i = 0;; i++) {
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p)
            return def;
        if (i == field)
            return v;
        p = end;
    }
}

#endif
