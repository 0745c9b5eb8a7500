/*
 * lab_forge: the grader's self-test (make labs-check), not a tool.
 *
 *   lab_forge
 *
 * Prints, for every case name any lab grades (/etc/lab_cases, one a line),
 * every kind of pass line a cheating test program might print without
 * running a single check -- "pass CASE", "ok CASE", "CASE: pass" and
 * "TOKEN pass CASE" with made-up tokens -- and exits 0.  It never reads the
 * run's real token (LAB_TOKEN).  labs-check grades it in place of every
 * lab's test programs and requires a score of 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *forged_tokens[] = {
    "00000000000000000000000000000000",
    "ffffffffffffffffffffffffffffffff",
    "LAB_TOKEN",
    "$LAB_TOKEN",
};

static void forge(const char *name)
{
    printf("pass %s\n", name);
    printf("ok %s\n", name);
    printf("%s: pass\n", name);
    for (size_t i = 0; i < sizeof forged_tokens / sizeof forged_tokens[0]; i++)
        printf("%s pass %s\n", forged_tokens[i], name);
}

int main(void)
{
    static char buf[16384];
    int fd = open("/etc/lab_cases", O_RDONLY);
    long len = 0, n;

    if (fd < 0) {
        perror("lab_forge: /etc/lab_cases");
        return 1;
    }
    while (len < (long)sizeof buf - 1 && (n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    close(fd);
    buf[len] = '\0';
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
        forge(line);
    fflush(stdout);
    return 0;
}
