/*
 * ps: list processes from /proc: for each numeric entry, read
 * /proc/PID/stat ("pid (name) state ppid ...") and print
 *
 *   PID  PPID S NAME
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct proc {
    int pid, ppid;
    char state;
    char name[64];
};

/* Parse one stat file.  The name is between the first '(' and the last
   ')', since it may itself contain spaces and parentheses. */
static int read_stat(int pid, struct proc *p)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
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
    p->ppid = atoi(close_paren + 3);
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

int main(void)
{
    DIR *d = opendir("/proc");
    if (!d) {
        perror("ps: /proc");
        return 1;
    }
    struct proc *procs = NULL;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!numeric(e->d_name))
            continue;
        struct proc p;
        if (read_stat(atoi(e->d_name), &p) < 0)
            continue;      /* it exited meanwhile */
        struct proc *more = realloc(procs, (n + 1) * sizeof *procs);
        if (!more) {
            fprintf(stderr, "ps: out of memory\n");
            return 1;
        }
        procs = more;
        procs[n++] = p;
    }
    closedir(d);
    qsort(procs, n, sizeof *procs, by_pid);
    printf("  PID  PPID S NAME\n");
    for (int i = 0; i < n; i++)
        printf("%5d %5d %c %s\n", procs[i].pid, procs[i].ppid, procs[i].state,
               procs[i].name);
    free(procs);
    return 0;
}
