/*
 * ctype.c - character classes of the ASCII ("C") locale.
 *
 * Written as plain comparisons rather than a lookup table: each function
 * says exactly which characters it accepts.  EOF and values above 127 are
 * in no class.
 */
#include <ctype.h>

int isdigit(int c)  { return c >= '0' && c <= '9'; }
int isupper(int c)  { return c >= 'A' && c <= 'Z'; }
int islower(int c)  { return c >= 'a' && c <= 'z'; }
int isalpha(int c)  { return isupper(c) || islower(c); }
int isalnum(int c)  { return isalpha(c) || isdigit(c); }
int isblank(int c)  { return c == ' ' || c == '\t'; }
int iscntrl(int c)  { return (c >= 0 && c < 32) || c == 127; }
int isprint(int c)  { return c >= 32 && c < 127; }     /* space .. '~' */
int isgraph(int c)  { return c > 32 && c < 127; }      /* printable, not space */
int ispunct(int c)  { return isgraph(c) && !isalnum(c); }

/* space, \t, \n, \v, \f, \r */
int isspace(int c)  { return c == ' ' || (c >= '\t' && c <= '\r'); }

int isxdigit(int c)
{
    return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int tolower(int c)  { return isupper(c) ? c - 'A' + 'a' : c; }
int toupper(int c)  { return islower(c) ? c - 'a' + 'A' : c; }

/* ---- classes by name (wctype.h): [:alpha:] and friends ---- */

#include <string.h>
#include <wctype.h>

static const struct {
    const char *name;
    int (*is)(int);
} classes[] = {
    { "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
    { "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
    { "lower", islower }, { "print", isprint }, { "punct", ispunct },
    { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

/* The class called name (its index + 1), or 0 if there is none. */
wctype_t wctype(const char *name)
{
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strcmp(classes[i].name, name) == 0)
            return i + 1;
    return 0;
}

int iswctype(wint_t c, wctype_t class)
{
    if (class == 0 || class > sizeof classes / sizeof classes[0] || c > 255)
        return 0;
    return classes[class - 1].is((int)c);
}
