/*
 * wctype.h - character classes by name: wctype("alpha") and iswctype(),
 * which is how [:alpha:] in a pattern finds its class (lib/ctype.c).
 * Only the "C" locale: a wide character is a byte here.
 */
#ifndef _WCTYPE_H
#define _WCTYPE_H

typedef unsigned int wint_t;
typedef unsigned long wctype_t;     /* 0: no such class */

#define WEOF ((wint_t)-1)

wctype_t wctype(const char *name);
int      iswctype(wint_t c, wctype_t class);

#endif /* _WCTYPE_H */
