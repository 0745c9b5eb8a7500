/*
 * wc: count lines, words and bytes.
 *
 *   wc [-l] [-w] [-c] [-m] [FILE...]
 *
 * Without options: lines, words and bytes (-m counts characters, which in
 * the C locale are bytes).  A word is a run of non-blank characters.
 * With several files a "total" line follows.  The numbers line up the way
 * GNU wc lines them up: in columns as wide as the total size of the
 * regular files needs (at least 7 when some input is not a regular file),
 * except that one number of one input is printed without padding.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

struct counts {
    unsigned long lines, words, bytes;
};

static int show_lines, show_words, show_bytes;

static int count(int fd, struct counts *c)
{
    char buf[4096];
    long n;
    int in_word = 0;

    memset(c, 0, sizeof *c);
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        c->bytes += n;
        for (long i = 0; i < n; i++) {
            unsigned char ch = buf[i];
            if (ch == '\n')
                c->lines++;
            if (isspace(ch))
                in_word = 0;
            else if (!in_word) {
                in_word = 1;
                c->words++;
            }
        }
    }
    return n < 0 ? -1 : 0;
}

static void print(const struct counts *c, int width, const char *name)
{
    const char *sep = "";

    if (show_lines) {
        printf("%*lu", width, c->lines);
        sep = " ";
    }
    if (show_words) {
        printf("%s%*lu", sep, width, c->words);
        sep = " ";
    }
    if (show_bytes)
        printf("%s%*lu", sep, width, c->bytes);
    if (name)
        printf(" %s", name);
    putchar('\n');
}

/* GNU's column width: digits of the regular files' total size, at least 7 for others. */
static int column_width(char **names, int n)
{
    unsigned long total = 0;
    int width = 1, minimum = 1;

    for (int i = 0; i < n; i++) {
        struct stat st;
        int r = strcmp(names[i], "-") ? stat(names[i], &st) : fstat(0, &st);
        if (r < 0)
            continue;
        if (S_ISREG(st.st_mode))
            total += st.st_size;
        else
            minimum = 7;
    }
    for (; total >= 10; total /= 10)
        width++;
    return width < minimum ? minimum : width;
}

int main(int argc, char **argv)
{
    int c, status = 0;
    static char *stdin_only[] = { "-", NULL };

    while ((c = getopt(argc, argv, "lwcm")) != -1) {
        if (c == '?')
            return 1;
        show_lines |= c == 'l';
        show_words |= c == 'w';
        show_bytes |= c == 'c' || c == 'm';
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    int n = argc - optind;
    char **names = n ? argv + optind : stdin_only;
    int width = show_lines + show_words + show_bytes == 1 && n <= 1 ? 1 : column_width(names, n ? n : 1);
    struct counts total = { 0, 0, 0 };
    for (int i = 0; i < (n ? n : 1); i++) {
        struct counts one;
        int fd = strcmp(names[i], "-") ? open(names[i], O_RDONLY) : 0;
        if (fd < 0 || count(fd, &one) < 0) {
            fprintf(stderr, "wc: %s: %s\n", names[i], strerror(errno));
            status = 1;
            if (fd > 0)
                close(fd);
            continue;
        }
        if (fd > 0)
            close(fd);
        print(&one, width, n ? names[i] : NULL);
        total.lines += one.lines;
        total.words += one.words;
        total.bytes += one.bytes;
    }
    if (n > 1)
        print(&total, width, "total");
    return fflush(stdout) == 0 ? status : 1;
}
