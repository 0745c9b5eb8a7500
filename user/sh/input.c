/*
 * input.c - where commands come from: a -c string, a script file, or
 * standard input (a terminal, with prompts, or a pipe).
 *
 * The lexer works on src->text, the text of the command being parsed, and
 * asks for one more line whenever it reaches the end of it (a command may
 * span lines: an open quote, an 'if' without its 'fi', a here-document).
 * Lines come from the -c string, or from the file descriptor through a
 * small buffer.  When the commands share standard input with the shell
 * (sh < script, or commands piped into sh), the shell reads one byte at a
 * time, so that it never swallows input that belongs to the command it
 * runs next ('read', 'cat', ...): POSIX asks for exactly that.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

volatile sig_atomic_t got_sigint;   /* interactive ^C (sh.c sets the handler) */

/* Next raw byte from the descriptor: 1, 0 at end of input, -1 on ^C. */
static int next_byte(struct source *src, char *c)
{
    while (src->rpos == src->rlen) {
        size_t want = src->byte_at_a_time ? 1 : sizeof src->rbuf;
        ssize_t n = read(src->fd, src->rbuf, want);
        if (n < 0 && errno == EINTR) {
            if (src->interactive && got_sigint) {
                got_sigint = 0;
                return -1;
            }
            continue;
        }
        if (n <= 0)
            return 0;
        src->rpos = 0;
        src->rlen = (int)n;
    }
    *c = src->rbuf[src->rpos++];
    return 1;
}

/*
 * Append the next line (with its newline, if it had one) to src->text.
 * Returns 0 at the end of input, -1 if ^C dropped the line, else 1.
 */
int source_more(struct source *src, int continuation)
{
    if (src->interrupted)       /* until the shell has dropped the command */
        return -1;
    if (src->eof)
        return 0;
    if (src->fd < 0) {
        if (!*src->str) {
            src->eof = 1;
            return 0;
        }
        const char *nl = strchr(src->str, '\n');
        size_t n = nl ? (size_t)(nl - src->str) + 1 : strlen(src->str);
        str_addn(&src->text, src->str, n);
        src->str += n;
        return 1;
    }
    if (src->interactive) {
        const char *prompt = var_get(continuation ? "PS2" : "PS1");
        fputs(prompt ? prompt : continuation ? "> " : "$ ", stderr);
    }
    size_t start = src->text.len;
    for (;;) {
        char c;
        int r = next_byte(src, &c);
        if (r < 0) {
            src->text.len = start;      /* ^C: forget this line */
            if (src->text.s)
                src->text.s[start] = '\0';
            src->interrupted = 1;  /* (the console has echoed "^C" and a newline) */
            return -1;
        }
        if (r == 0) {
            src->eof = 1;
            return src->text.len > start;
        }
        str_addc(&src->text, c);
        if (c == '\n')
            return 1;
    }
}

/* The previous command is done: forget its text. */
void source_reset(struct source *src)
{
    src->text.len = 0;
    if (src->text.s)
        src->text.s[0] = '\0';
    src->pos = 0;
}
