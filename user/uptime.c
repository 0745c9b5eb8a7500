/*
 * uptime: the time, how long the system has been up, and the load
 * averages, from /proc/uptime and /proc/loadavg, as procps's uptime:
 *
 *    16:53:00 up  3:41,  0 users,  load average: 0.05, 0.02, 0.00
 *
 * Up time is "N min" under an hour, "H:MM" after, with "D days, " in front
 * after a day.  ipcos keeps no login records: always 0 users.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, size - 1);

    if (fd >= 0)
        close(fd);
    if (n <= 0) {
        perror(path);
        return -1;
    }
    buf[n] = 0;
    return 0;
}

int main(void)
{
    char up[128], load[128], *avg[3];
    time_t now = time(NULL);
    struct tm tm;

    if (slurp("/proc/uptime", up, sizeof up) || slurp("/proc/loadavg", load, sizeof load))
        return 1;
    long secs = strtol(up, NULL, 10), days = secs / 86400, hours = secs / 3600 % 24, mins = secs / 60 % 60;
    avg[0] = strtok(load, " "), avg[1] = strtok(NULL, " "), avg[2] = strtok(NULL, " ");
    if (!avg[2]) {
        fprintf(stderr, "uptime: /proc/loadavg: unexpected format\n");
        return 1;
    }

    gmtime_r(&now, &tm);
    printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (days)
        printf("%ld day%s, ", days, days > 1 ? "s" : "");
    if (hours)
        printf("%2ld:%02ld, ", hours, mins);
    else
        printf("%ld min, ", mins);
    printf(" 0 users,  load average: %s, %s, %s\n", avg[0], avg[1], avg[2]); /* as /proc/loadavg has them: 2 decimals */
    return 0;
}
