/*
 * regex.h - grep's regular expressions (regex.c).
 *
 * Basic regular expressions as POSIX defines them (. [...] * ^ $
 * \( \) \{m,n\} \1..\9), with GNU's \+ \? \| ; with extended set,
 * the ERE spellings ( ) { } + ? | instead.
 */
#ifndef GREP_REGEX_H
#define GREP_REGEX_H

struct re_node;

struct regex {
    struct re_node *root;       /* the whole pattern: group 0 */
    int icase;                  /* ignore case */
    int whole_line;             /* -x: the match must be the whole line */
};

/* 0, or -1 with a message in err. */
int regex_compile(struct regex *re, const char *pattern, int extended, char *err, int errsize);
int regex_match(const struct regex *re, const char *line, int len);    /* 1 if it matches */
void regex_free(struct regex *re);

#endif
