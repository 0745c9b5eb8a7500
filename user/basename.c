/*
 * basename: the last component of a path, less a suffix.
 *
 *   basename NAME [SUFFIX]          "/usr/lib/" -> "lib"; "a.c" ".c" -> "a"
 *   basename -a [-s SUFFIX] NAME... each NAME (GNU's options)
 *
 * Trailing slashes are ignored; "/" stays "/".  The suffix is removed only
 * if something is left.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void print_base(char *name, const char *suffix)
{
    size_t len = strlen(name);

    while (len > 1 && name[len - 1] == '/')
        name[--len] = '\0';
    char *base = strrchr(name, '/');
    if (base && base[1])
        base++;
    else
        base = name;
    len = strlen(base);
    size_t slen = suffix ? strlen(suffix) : 0;
    if (slen && slen < len && !strcmp(base + len - slen, suffix))
        base[len - slen] = '\0';
    puts(base);
}

int main(int argc, char **argv)
{
    const char *suffix = NULL;
    int all = 0, c;

    while ((c = getopt(argc, argv, "as:")) != -1) {
        if (c == '?')
            return 1;
        if (c == 's')
            suffix = optarg;
        all = 1;
    }
    if (optind >= argc) {
        fprintf(stderr, "basename: missing operand\n");
        return 1;
    }
    if (!all) {
        if (argc - optind > 2) {
            fprintf(stderr, "basename: extra operand '%s'\n", argv[optind + 2]);
            return 1;
        }
        print_base(argv[optind], argv[optind + 1]);
        return 0;
    }
    for (int i = optind; i < argc; i++)
        print_base(argv[i], suffix);
    return 0;
}
