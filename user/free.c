/*
 * free: memory in use and free, from /proc/meminfo, as procps's free.
 *
 *   free [-b | -k | -m | -g]      bytes, KiB (the default), MiB or GiB
 *
 *                  total        used        free      shared  buff/cache   available
 *   Mem:          125952        5012      120868          40          72      120868
 *   Swap:              0           0           0
 *
 * total MemTotal, free MemFree, shared Shmem, buff/cache Buffers + Cached
 * + SReclaimable, available MemAvailable, used the rest (total - free -
 * buff/cache), as procps computes them.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char meminfo[4096];

/* The value (KiB) of "Name:" in /proc/meminfo, 0 if it is not there. */
static unsigned long long kb(const char *name)
{
    size_t n = strlen(name);

    for (char *line = meminfo; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (!strncmp(line, name, n) && line[n] == ':')
            return strtoull(line + n + 1, NULL, 10);
    return 0;
}

int main(int argc, char **argv)
{
    int shift = 10, opt; /* KiB -> unit: shift of bytes */
    int fd = open("/proc/meminfo", O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, meminfo, sizeof meminfo - 1);

    while ((opt = getopt(argc, argv, "bkmg")) != -1) {
        if (opt == '?') {
            fprintf(stderr, "usage: free [-b|-k|-m|-g]\n");
            return 1;
        }
        shift = opt == 'b' ? 0 : opt == 'k' ? 10 : opt == 'm' ? 20 : 30;
    }
    if (n <= 0) {
        perror("free: /proc/meminfo");
        return 1;
    }
    meminfo[n] = 0;
    unsigned long long total = kb("MemTotal"), free_ = kb("MemFree"), shared = kb("Shmem");
    unsigned long long cache = kb("Buffers") + kb("Cached") + kb("SReclaimable");
    unsigned long long used = total - free_ > cache ? total - free_ - cache : total - free_;
    unsigned long long v[6] = { total, used, free_, shared, cache, kb("MemAvailable") };
    unsigned long long s[3] = { kb("SwapTotal"), kb("SwapTotal") - kb("SwapFree"), kb("SwapFree") };

    printf("               total        used        free      shared  buff/cache   available\n");
    printf("%-8s", "Mem:");
    for (int i = 0; i < 6; i++)
        printf("%12llu", (v[i] << 10) >> shift);
    printf("\n%-8s", "Swap:");
    for (int i = 0; i < 3; i++)
        printf("%12llu", (s[i] << 10) >> shift);
    printf("\n");
    close(fd);
    return 0;
}
