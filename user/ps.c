/*
 * ps: list processes from /proc.
 *
 *   ps                 PID, parent, state and name of every process:
 *                        PID  PPID S NAME
 *   ps -o COL,COL...   the columns asked for, as procps names them: pid
 *                      ppid pgid sid s stat comm args (or cmd) wchan vsz
 *                      rss time; -o may be given more than once
 *
 * Each process's /proc/PID/stat gives the numbers ("pid (name) S ppid
 * pgrp session ..." in proc(5)'s order; the name is between the first
 * '(' and the last ')', since it may hold spaces and parentheses),
 * /proc/PID/cmdline the arguments, /proc/PID/wchan where it sleeps.
 * Sizes are KiB, TIME is user plus system time as [DD-]HH:MM:SS.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
    int pid, ppid, pgid, sid;
    char state;
    char name[64];
    unsigned long ticks, vsize, rss; /* utime + stime in 1/100 s, bytes, pages */
};

/* The whole of a small file, NUL-terminated; its length, or -1. */
static long slurp(int pid, const char *file, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = '\0';
    return n;
}

static int read_stat(int pid, struct proc *p)
{
    char buf[1024];
    unsigned long f[24];
    if (slurp(pid, "stat", buf, sizeof buf) <= 0)
        return -1;
    char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');
    if (!open_paren || !close_paren || close_paren < open_paren || close_paren[1] != ' ')
        return -1;
    size_t len = close_paren - open_paren - 1;
    if (len >= sizeof p->name)
        len = sizeof p->name - 1;
    memcpy(p->name, open_paren + 1, len);
    p->name[len] = '\0';
    p->pid = pid;
    p->state = close_paren[2];
    char *s = close_paren + 3;
    for (int i = 0; i < 24; i++)           /* fields 4 (ppid) to 27 */
        f[i] = strtol(s, &s, 10);
    p->ppid = f[0];
    p->pgid = f[1];
    p->sid = f[2];
    p->ticks = f[10] + f[11];              /* utime, stime */
    p->vsize = f[19];
    p->rss = f[20];
    return 0;
}

static int by_pid(const void *a, const void *b)
{
    return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

static int numeric(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* The columns -o knows: name, header, width (negative: left-aligned), as procps's. */
static const struct { const char *name, *head; int width; } columns[] = {
    { "pid", "PID", 5 },     { "ppid", "PPID", 5 },   { "pgid", "PGID", 5 },     { "sid", "SID", 5 },
    { "s", "S", -1 },        { "stat", "STAT", -4 },  { "comm", "COMMAND", -15 }, { "args", "COMMAND", -27 },
    { "cmd", "CMD", -27 },   { "wchan", "WCHAN", -6 }, { "vsz", "VSZ", 6 },       { "rss", "RSS", 5 },
    { "time", "TIME", 8 },
};
#define NCOLUMNS (int)(sizeof columns / sizeof columns[0])

/* A cell: right-aligned in width w, or left-aligned in -w (the last column unpadded). */
static void print_cell(const char *text, int w, int last)
{
    if (w < 0 && last)
        fputs(text, stdout);
    else if (w < 0)
        printf("%-*s", -w, text);
    else
        printf("%*s", w, text);
}

static void field(int col, const struct proc *p, int last)
{
    char buf[4096];
    const char *name = columns[col].name;
    int w = columns[col].width;

    if (!strcmp(name, "args") || !strcmp(name, "cmd")) {
        long n = slurp(p->pid, "cmdline", buf, sizeof buf);
        for (long i = 0; i < n - 1; i++)
            if (!buf[i])
                buf[i] = ' ';
        if (n <= 0)
            snprintf(buf, sizeof buf, "[%s]", p->name);
    } else if (!strcmp(name, "wchan")) {
        if (p->state != 'S' || slurp(p->pid, "wchan", buf, sizeof buf) <= 0 || !strcmp(buf, "0"))
            strcpy(buf, "-");
    } else if (!strcmp(name, "comm")) {
        snprintf(buf, sizeof buf, "%s", p->name);
    } else if (!strcmp(name, "s") || !strcmp(name, "stat")) {
        snprintf(buf, sizeof buf, "%c", p->state);
    } else if (!strcmp(name, "time")) {
        unsigned long t = p->ticks / 100;
        if (t >= 86400)
            snprintf(buf, sizeof buf, "%lu-%02lu:%02lu:%02lu", t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
        else
            snprintf(buf, sizeof buf, "%02lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    } else {
        long v = !strcmp(name, "pid") ? p->pid : !strcmp(name, "ppid") ? p->ppid : !strcmp(name, "pgid") ? p->pgid
               : !strcmp(name, "sid") ? p->sid : !strcmp(name, "vsz") ? (long)(p->vsize / 1024)
               : (long)(p->rss * 4);
        snprintf(buf, sizeof buf, "%ld", v);
    }
    print_cell(buf, w, last);
}

/* Every process, sorted by pid; their count in *n. */
static struct proc *all_procs(int *n)
{
    DIR *d = opendir("/proc");
    struct proc *procs = NULL, p;
    struct dirent *e;

    *n = 0;
    if (!d) {
        perror("ps: /proc");
        exit(1);
    }
    while ((e = readdir(d)) != NULL) {
        if (!numeric(e->d_name) || read_stat(atoi(e->d_name), &p) < 0)
            continue;      /* not a process, or it exited meanwhile */
        struct proc *more = realloc(procs, (*n + 1) * sizeof *procs);
        if (!more) {
            fprintf(stderr, "ps: out of memory\n");
            exit(1);
        }
        procs = more;
        procs[(*n)++] = p;
    }
    closedir(d);
    qsort(procs, *n, sizeof *procs, by_pid);
    return procs;
}

/* Add -o's comma-separated list to cols; 0, or -1 for a column it does not know. */
static int parse_columns(char *list, int *cols, int *ncols)
{
    for (char *c = strtok(list, ","); c; c = strtok(NULL, ",")) {
        int i = 0;
        while (i < NCOLUMNS && strcmp(c, columns[i].name))
            i++;
        if (i == NCOLUMNS) {
            fprintf(stderr, "error: unknown user-defined format specifier \"%s\"\n", c);
            return -1;
        }
        if (*ncols < 32)
            cols[(*ncols)++] = i;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int cols[32], ncols = 0, n, opt;

    while ((opt = getopt(argc, argv, "o:eA")) != -1) {
        if (opt == 'o' && parse_columns(strdup(optarg), cols, &ncols) == 0) /* a copy: strtok cuts it, and /proc/PID/cmdline shows argv */
            continue;
        if (opt == 'e' || opt == 'A')   /* every process: what ps shows anyway */
            continue;
        fprintf(stderr, "usage: ps [-e] [-o COLUMN,...]\n");
        return 1;
    }
    struct proc *procs = all_procs(&n);
    if (!ncols) {
        printf("  PID  PPID S NAME\n");
        for (int i = 0; i < n; i++)
            printf("%5d %5d %c %s\n", procs[i].pid, procs[i].ppid, procs[i].state, procs[i].name);
    } else {
        for (int c = 0; c < ncols; c++) {
            print_cell(columns[cols[c]].head, columns[cols[c]].width, c == ncols - 1);
            fputs(c == ncols - 1 ? "\n" : " ", stdout);
        }
        for (int i = 0; i < n; i++)
            for (int c = 0; c < ncols; c++) {
                field(cols[c], &procs[i], c == ncols - 1);
                fputs(c == ncols - 1 ? "\n" : " ", stdout);
            }
    }
    free(procs);
    return 0;
}
