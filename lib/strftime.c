/*
 * strftime.c - broken-down time: gmtime, localtime, timegm, mktime and
 * strftime, for the "C" locale.
 *
 * ipcos has no time zones: local time is UTC, and %Z prints "UTC".
 * Dates are proleptic Gregorian; days are converted to years with the
 * 400-year cycle (146097 days), so any time_t works, before 1970 too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const wday_name[] = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const mon_name[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};

static int leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to the first of month m (0-11) of year y. */
static long days_from_epoch(long y, int m)
{
    static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    /* whole 400-year cycles keep the arithmetic on non-negative numbers */
    long cycles = (y - 1970) / 400 - (y < 1970);
    long yy = y - cycles * 400, days = cycles * 146097L;
    for (long k = 1970; k < yy; k++)
        days += 365 + leap(k);
    return days + before[m] + (m > 1 && leap(y));
}

struct tm *gmtime_r(const time_t *t, struct tm *tm)
{
    long secs = (long)*t, days = secs / 86400, rem = secs % 86400;

    if (rem < 0) {
        rem += 86400;
        days--;
    }
    tm->tm_hour = (int)(rem / 3600);
    tm->tm_min = (int)(rem / 60 % 60);
    tm->tm_sec = (int)(rem % 60);
    tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);     /* 1970-01-01 was a Thursday */
    long y = 1970 + days / 365;                         /* then correct the guess */
    while (days_from_epoch(y, 0) > days)
        y--;
    while (days_from_epoch(y + 1, 0) <= days)
        y++;
    tm->tm_year = (int)(y - 1900);
    tm->tm_yday = (int)(days - days_from_epoch(y, 0));
    int m = 0;
    while (m < 11 && days_from_epoch(y, m + 1) <= days)
        m++;
    tm->tm_mon = m;
    tm->tm_mday = (int)(days - days_from_epoch(y, m)) + 1;
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "UTC";
    return tm;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;
    return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
    return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
    return gmtime(t);
}

/* The inverse of gmtime (fields out of range are carried, as mktime does). */
time_t timegm(struct tm *tm)
{
    long y = tm->tm_year + 1900L + tm->tm_mon / 12;
    int m = tm->tm_mon % 12;

    if (m < 0) {
        m += 12;
        y--;
    }
    time_t t = ((days_from_epoch(y, m) + tm->tm_mday - 1) * 24L + tm->tm_hour) * 3600L +
               tm->tm_min * 60L + tm->tm_sec;
    gmtime_r(&t, tm);
    return t;
}

time_t mktime(struct tm *tm)
{
    return timegm(tm);
}

/* Append the formatted piece; returns 0 if it did not fit. */
static int put(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= size - *len)
        return 0;
    *len += n;
    return 1;
}

/* One conversion (the letter after '%'); 0 if the result did not fit. */
static int convert(char *buf, size_t size, size_t *len, char c, const struct tm *tm)
{
    int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    struct tm copy;

    switch (c) {
    case 'a': return put(buf, size, len, "%.3s", wday_name[tm->tm_wday % 7]);
    case 'A': return put(buf, size, len, "%s", wday_name[tm->tm_wday % 7]);
    case 'b':
    case 'h': return put(buf, size, len, "%.3s", mon_name[tm->tm_mon % 12]);
    case 'B': return put(buf, size, len, "%s", mon_name[tm->tm_mon % 12]);
    case 'C': return put(buf, size, len, "%02d", (tm->tm_year + 1900) / 100);
    case 'd': return put(buf, size, len, "%02d", tm->tm_mday);
    case 'e': return put(buf, size, len, "%2d", tm->tm_mday);
    case 'H': return put(buf, size, len, "%02d", tm->tm_hour);
    case 'I': return put(buf, size, len, "%02d", hour12);
    case 'j': return put(buf, size, len, "%03d", tm->tm_yday + 1);
    case 'm': return put(buf, size, len, "%02d", tm->tm_mon + 1);
    case 'M': return put(buf, size, len, "%02d", tm->tm_min);
    case 'n': return put(buf, size, len, "\n");
    case 'p': return put(buf, size, len, "%s", tm->tm_hour < 12 ? "AM" : "PM");
    case 'S': return put(buf, size, len, "%02d", tm->tm_sec);
    case 's':
        copy = *tm;
        return put(buf, size, len, "%ld", (long)timegm(&copy));
    case 't': return put(buf, size, len, "\t");
    case 'u': return put(buf, size, len, "%d", tm->tm_wday ? tm->tm_wday : 7);
    case 'w': return put(buf, size, len, "%d", tm->tm_wday);
    case 'y': return put(buf, size, len, "%02d", (tm->tm_year + 1900) % 100);
    case 'Y': return put(buf, size, len, "%d", tm->tm_year + 1900);
    case 'z': return put(buf, size, len, "+0000");
    case 'Z': return put(buf, size, len, "UTC");
    case '%': return put(buf, size, len, "%%");
    }
    /* the combinations */
    static const struct { char c; const char *fmt; } combos[] = {
        { 'c', "%a %b %e %H:%M:%S %Y" }, { 'D', "%m/%d/%y" }, { 'F', "%Y-%m-%d" },
        { 'r', "%I:%M:%S %p" }, { 'R', "%H:%M" }, { 'T', "%H:%M:%S" },
        { 'x', "%m/%d/%y" }, { 'X', "%H:%M:%S" },
    };
    for (size_t i = 0; i < sizeof combos / sizeof combos[0]; i++) {
        if (combos[i].c != c)
            continue;
        size_t n = strftime(buf + *len, size - *len, combos[i].fmt, tm);
        if (n == 0)
            return 0;
        *len += n;
        return 1;
    }
    return put(buf, size, len, "%%%c", c);      /* unknown: kept as written */
}

size_t strftime(char *buf, size_t size, const char *fmt, const struct tm *tm)
{
    size_t len = 0;

    if (size == 0)
        return 0;
    buf[0] = '\0';
    for (; *fmt; fmt++) {
        int ok = *fmt == '%' && fmt[1] ? convert(buf, size, &len, *++fmt, tm)
                                       : put(buf, size, &len, "%c", *fmt);
        if (!ok)
            return 0;
    }
    return len;
}
