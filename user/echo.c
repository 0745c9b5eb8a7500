/*
 * echo: print the arguments separated by spaces, then a newline
 * (none with -n).
 */
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int newline = 1, i = 1;
    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = 0;
        i = 2;
    }
    /* One buffer, one write where it fits, so output is not interleaved. */
    char buf[4096];
    size_t len = 0;
    for (; i <= argc; i++) {
        const char *s = i < argc ? argv[i] : newline ? "\n" : "";
        size_t n = strlen(s);
        int sep = i < argc - 1;
        if (len + n + 1 > sizeof buf) {
            if (write(1, buf, len) != (long)len)
                return 1;
            len = 0;
        }
        if (n + 1 > sizeof buf) {
            if (write(1, s, n) != (long)n)
                return 1;
        } else {
            memcpy(buf + len, s, n);
            len += n;
        }
        if (sep)
            buf[len++] = ' ';
    }
    if (len && write(1, buf, len) != (long)len)
        return 1;
    return 0;
}
