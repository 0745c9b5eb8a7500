/*
 * chmod: change permission bits.
 *
 *   chmod [-R] MODE FILE...
 *
 * MODE is octal (755, 0644) or symbolic: clauses separated by commas,
 * each WHO OP PERMS, where WHO is some of u g o a (none: all, less the
 * bits the umask removes), OP is + - or =, and PERMS is some of r w x X
 * (x only for directories or files already executable by someone) s t,
 * or one of u g o (copy that class's bits): "u+x", "go-w", "a=r,u+w".
 * -R changes directories' contents too.  Status 1 if a file could not be
 * changed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static const char *mode_arg;
static int recursive;

static mode_t current_umask(void)
{
#ifdef SYS_umask
    mode_t m = umask(0);
    umask(m);
    return m;
#else
    return 022;     /* the kernel keeps no umask yet: Linux's usual value */
#endif
}

/* The bits of class c ('u', 'g', 'o') of mode, shifted to the "other" position. */
static mode_t class_bits(mode_t mode, char c)
{
    return c == 'u' ? (mode >> 6) & 7 : c == 'g' ? (mode >> 3) & 7 : mode & 7;
}

/* Apply the symbolic mode s to mode (of a directory if is_dir); -1 if s is not valid. */
static long apply_symbolic(const char *s, mode_t mode, int is_dir)
{
    while (*s) {
        mode_t who = 0;
        int no_who = 1;
        for (; *s && strchr("ugoa", *s); s++, no_who = 0)
            who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
        if (no_who)
            who = 07777;
        if (!*s || !strchr("+-=", *s))
            return -1;
        while (*s && strchr("+-=", *s)) {
            char op = *s++;
            mode_t bits = 0;
            if (*s && strchr("ugo", *s)) {          /* copy a class: u=g */
                mode_t b = class_bits(mode, *s++);
                bits = b << 6 | b << 3 | b;
            }
            for (; *s && strchr("rwxXst", *s); s++) {
                switch (*s) {
                case 'r': bits |= 0444; break;
                case 'w': bits |= 0222; break;
                case 'x': bits |= 0111; break;
                case 'X': bits |= is_dir || (mode & 0111) ? 0111 : 0; break;
                case 's': bits |= 06000; break;
                case 't': bits |= 01000; break;
                }
            }
            bits &= who;
            if (no_who)
                bits &= ~current_umask();
            if (op == '+')
                mode |= bits;
            else if (op == '-')
                mode &= ~bits;
            else
                mode = (mode & ~who) | bits;
        }
        if (*s == ',')
            s++;
        else if (*s)
            return -1;
    }
    return mode & 07777;
}

static long new_mode(const struct stat *st)
{
    char *end;

    if (*mode_arg >= '0' && *mode_arg <= '7') {
        long m = strtol(mode_arg, &end, 8);
        return *end || m > 07777 ? -1 : m;
    }
    return apply_symbolic(mode_arg, st->st_mode & 07777, S_ISDIR(st->st_mode));
}

static int change(const char *path)
{
    struct stat st;
    int status = 0;

    if (stat(path, &st) < 0) {
        fprintf(stderr, "chmod: cannot access '%s': %s\n", path, strerror(errno));
        return 1;
    }
    long mode = new_mode(&st);
    if (mode < 0) {
        fprintf(stderr, "chmod: invalid mode: '%s'\n", mode_arg);
        exit(1);
    }
    if (chmod(path, (mode_t)mode) < 0) {
        fprintf(stderr, "chmod: changing permissions of '%s': %s\n", path, strerror(errno));
        status = 1;
    }
    if (recursive && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char *sub = malloc(strlen(path) + strlen(e->d_name) + 2);
            sprintf(sub, "%s/%s", path, e->d_name);
            status |= change(sub);
            free(sub);
        }
        if (d)
            closedir(d);
    }
    return status;
}

int main(int argc, char **argv)
{
    int status = 0, i = 1;

    if (i < argc && !strcmp(argv[i], "-R")) {
        recursive = 1;
        i++;
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: chmod [-R] MODE FILE...\n");
        return 1;
    }
    mode_arg = argv[i++];
    for (; i < argc; i++)
        status |= change(argv[i]);
    return status;
}
