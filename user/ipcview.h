/*
 * ipcview.h: what msgview, semview and shmview share: reading one
 * /proc/sysvipc/<kind>/ID file (fs/proc_sysvipc.c) and picking fields out
 * of its lines, which are "structure name=value name=value ...".
 */
#ifndef IPCVIEW_H
#define IPCVIEW_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The file for object ID of kind ("msg_queue", ...), NUL-terminated, or exit 1 with a message. */
static inline char *view_read(const char *prog, const char *kind, const char *id)
{
    static char buf[65536];
    char path[96];
    long n = -1;

    snprintf(path, sizeof path, "/proc/sysvipc/%s/%s", kind, id);
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        n = read(fd, buf, sizeof buf - 1);
        close(fd);
    }
    if (n <= 0) {
        fprintf(stderr, "%s: no such %s: %s\n", prog, kind, id);
        exit(1);
    }
    buf[n] = 0;
    return buf;
}

/* The next line (cut at its newline), or NULL; *pos moves on. */
static inline char *view_line(char **pos)
{
    char *line = *pos, *nl;

    if (!line || !*line)
        return NULL;
    if ((nl = strchr(line, '\n'))) {
        *nl = 0;
        *pos = nl + 1;
    } else {
        *pos = line + strlen(line);
    }
    return line;
}

/*
 * The value of " name=" in line, as a string ("" if absent): a copy in one
 * of 16 buffers used in turn, so one printf may hold several.
 */
static inline const char *view_str(const char *line, const char *name)
{
    static char val[16][128];
    static int turn;
    char key[64];
    const char *p;
    size_t n = 0;

    snprintf(key, sizeof key, " %s=", name);
    char *out = val[turn = (turn + 1) % 16];
    if ((p = strstr(line, key))) {
        p += strlen(key);
        while (p[n] && p[n] != ' ' && n < sizeof val[0] - 1)
            n++;
        memcpy(out, p, n);
    }
    out[n] = 0;
    return out;
}

static inline long view_num(const char *line, const char *name)
{
    return strtol(view_str(line, name), NULL, 0);
}

/* Does line describe structure name ("msg_msg 0 ...": its first word)? */
static inline int view_is(const char *line, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(line, name, n) && (line[n] == ' ' || !line[n]);
}

#endif
