/*
 * yes: print "y" (or the arguments, joined by spaces) on every line,
 * until the reader goes away (then SIGPIPE, or EPIPE, ends it).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char line[4096], buf[8192];
    size_t len = 0;

    if (argc < 2)
        strcpy(line, "y\n");
    else {
        line[0] = '\0';
        for (int i = 1; i < argc; i++) {
            if (strlen(line) + strlen(argv[i]) + 2 > sizeof line)
                break;
            strcat(line, argv[i]);
            strcat(line, i < argc - 1 ? " " : "\n");
        }
    }
    /* fill a buffer with whole lines: fewer system calls */
    size_t n = strlen(line);
    while (len + n <= sizeof buf) {
        memcpy(buf + len, line, n);
        len += n;
    }
    for (;;)
        if (write(1, buf, len) < 0)
            return 1;
}
