/*
 * dirname: each NAME without its last component.
 *   "/usr/lib/" -> "/usr", "file" -> ".", "/" -> "/", "//a" -> "/"
 */
#include <stdio.h>
#include <string.h>

static void print_dir(char *s)
{
    size_t len = strlen(s);

    while (len > 1 && s[len - 1] == '/')        /* trailing slashes */
        len--;
    while (len > 0 && s[len - 1] != '/')        /* the last component */
        len--;
    if (len == 0) {
        puts(".");
        return;
    }
    while (len > 1 && s[len - 1] == '/')        /* the slashes before it */
        len--;
    printf("%.*s\n", (int)len, s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "dirname: missing operand\n");
        return 1;
    }
    for (int i = 1; i < argc; i++)
        print_dir(argv[i]);
    return 0;
}
