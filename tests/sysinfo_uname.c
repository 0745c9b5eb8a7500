/*
 * sysinfo_uname: sysinfo reports memory (free > 0, free <= total, and on
 * ipcos free memory shrinks by what a process touches and comes back when
 * it gives it up) and the process count; uname fills in every field with
 * a terminated string, the system's name first.
 */
#include "check.h"
#include <sys/sysinfo.h>
#include <sys/utsname.h>

static int terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

static void memory(void)
{
    struct sysinfo si;
    memset(&si, 0xff, sizeof si);
    EXPECT_EQ(sysinfo(&si), 0);
    CHECK(si.freeram > 0);
    CHECK(si.totalram >= si.freeram);
    CHECK(si.mem_unit >= 1);
    CHECK(si.procs >= 1);
    CHECK((long)si.uptime >= 0);
    CHECK((unsigned long long)si.totalram * si.mem_unit >= 8ULL << 20);

#ifndef __linux__
    /* Only ipcos is quiet enough for exact accounting: 2 MiB touched
       takes at least 2 MiB, and giving it back returns it all (but for
       a few page-table pages the process may keep). */
    unsigned long long before = (unsigned long long)si.freeram * si.mem_unit;
    char *p = sbrk(2 << 20);
    CHECK(p != (char *)-1);
    if (p != (char *)-1) {
        for (long i = 0; i < (2 << 20); i += 4096)
            p[i] = 1;
        EXPECT_EQ(sysinfo(&si), 0);
        unsigned long long during = (unsigned long long)si.freeram * si.mem_unit;
        if (during + (2 << 20) > before)
            FAIL("2 MiB touched, but free memory went from %llu to %llu",
                 before, during);
        sbrk(-(2 << 20));
        EXPECT_EQ(sysinfo(&si), 0);
        unsigned long long after = (unsigned long long)si.freeram * si.mem_unit;
        if (after + 4 * 4096 < before)
            FAIL("free memory %llu before sbrk, %llu after giving it back",
                 before, after);
    }
#endif
}

static void names(void)
{
    struct utsname u;
    memset(&u, 'x', sizeof u);
    EXPECT_EQ(uname(&u), 0);
    CHECK(terminated(u.sysname, sizeof u.sysname));
    CHECK(terminated(u.nodename, sizeof u.nodename));
    CHECK(terminated(u.release, sizeof u.release));
    CHECK(terminated(u.version, sizeof u.version));
    CHECK(terminated(u.machine, sizeof u.machine));
    CHECK(strlen(u.sysname) > 0);
    CHECK(strlen(u.release) > 0);
    CHECK(strlen(u.machine) > 0);
#ifdef __linux__
    /* a Linux program: on Linux, or on ipcos (the glibc pass) */
    if (strcmp(u.sysname, "Linux") != 0 && strcmp(u.sysname, "ipcos") != 0)
        FAIL("sysname: expected \"Linux\" or \"ipcos\", got \"%s\"", u.sysname);
#endif
#ifdef __riscv
    if (strcmp(u.machine, "riscv64") != 0)
        FAIL("machine: expected \"riscv64\", got \"%s\"", u.machine);
#endif
}

int main(void)
{
    memory();
    names();
    return check_done();
}
