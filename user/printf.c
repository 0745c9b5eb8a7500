/*
 * printf: format and print data.
 *
 *   printf FORMAT [ARGUMENT...]
 *
 * FORMAT is printed with its escapes (\n \t \\ \a \b \f \r \v \NNN octal)
 * and conversions (%s %b %c %d %i %o %u %x %X %%, with flags - + space 0 #,
 * width and precision), each conversion taking the next ARGUMENT.  %b
 * prints its argument with the escapes interpreted.  If ARGUMENTs are
 * left over, the FORMAT is used again for them.  A numeric argument may be
 * 'c (the character's code).  Status 1 if an argument was not a number.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;

/* One escape at *pp (just past the backslash); prints it.  With octal0, \0NNN (as %b). */
static void escape(const char **pp, int octal0)
{
    static const char from[] = "abfnrtv\\\"", to[] = "\a\b\f\n\r\t\v\\\"";
    const char *p = *pp, *k;
    int c = 0, digits = 0, max = 3;

    if (octal0 && *p == '0') {
        p++;
        max = 3;
    }
    if (*p >= '0' && *p <= '7') {
        while (digits < max && *p >= '0' && *p <= '7') {
            c = c * 8 + (*p++ - '0');
            digits++;
        }
        putchar(c);
    } else if (*p && (k = strchr(from, *p))) {
        putchar(to[k - from]);
        p++;
    } else {
        putchar('\\');          /* not an escape: printed as it is */
    }
    *pp = p;
}

/* %b: the argument with its escapes; \c stops all output. */
static int print_b(const char *s)
{
    while (*s) {
        if (*s != '\\') {
            putchar(*s++);
            continue;
        }
        s++;
        if (*s == 'c')
            return 1;
        escape(&s, 1);
    }
    return 0;
}

static long long number(const char *s)
{
    char *end;

    if ((s[0] == '\'' || s[0] == '"') && s[1])
        return (unsigned char)s[1];
    errno = 0;
    long long v = strtoll(s, &end, 0);
    if (*s == '\0')
        return 0;
    if (*end || errno) {
        fprintf(stderr, "printf: '%s': %s\n", s, errno ? strerror(errno) : "expected a number");
        status = 1;
    }
    return v;
}

/*
 * Print the format once, taking arguments from *argv as conversions need
 * them (missing ones are "" or 0).  Returns 1 if %b met \c (stop everything).
 */
static int print_format(const char *f, char ***argv)
{
    while (*f) {
        if (*f == '\\') {
            f++;
            escape(&f, 0);
            continue;
        }
        if (*f != '%') {
            putchar(*f++);
            continue;
        }
        if (f[1] == '%') {
            putchar('%');
            f += 2;
            continue;
        }
        /* copy the conversion spec: %[flags][width][.precision]conv */
        char spec[64];
        size_t n = strspn(f + 1, "-+ 0#") + 1;
        n += strspn(f + n, "0123456789");
        if (f[n] == '.')
            n += 1 + strspn(f + n + 1, "0123456789");
        char conv = f[n];
        if (!conv || !strchr("sbcdiouxX", conv) || n + 4 > sizeof spec) {
            fprintf(stderr, "printf: %%%c: invalid conversion\n", conv ? conv : ' ');
            status = 1;
            return 1;
        }
        memcpy(spec, f, n);
        const char *arg = **argv ? *(*argv)++ : NULL;
        f += n + 1;
        if (conv == 'b') {
            if (print_b(arg ? arg : ""))
                return 1;
        } else if (conv == 's') {
            strcpy(spec + n, "s");
            printf(spec, arg ? arg : "");
        } else if (conv == 'c') {
            strcpy(spec + n, "c");
            printf(spec, arg ? arg[0] : '\0');
        } else {
            spec[n] = 'l';
            spec[n + 1] = 'l';
            spec[n + 2] = conv;
            spec[n + 3] = '\0';
            printf(spec, arg ? number(arg) : 0LL);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: printf FORMAT [ARGUMENT...]\n");
        return 1;
    }
    char **args = argv + 2;
    do {
        char **before = args;
        if (print_format(argv[1], &args) || args == before)
            break;              /* \c, or a format that takes no arguments */
    } while (*args);
    return fflush(stdout) == 0 ? status : 1;
}
