/*
 * proc_maps: /proc/self/maps lists a System V attachment where shmat put
 * it, as Linux does: "start-end rw-s 00000000 00:01 SHMID  /SYSV<key>
 * (deleted)", read-only attaches as r--s, and nothing once detached; an
 * anonymous shared mapping is "/dev/zero (deleted)", a private one has no
 * name; the stack is [stack].
 */
#include "check.h"
#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

struct map_line {
    unsigned long start, end, off, ino;
    char perms[5];
    const char *name;
};

static char maps[65536];

static void read_maps(void)
{
    int fd = open("/proc/self/maps", O_RDONLY);
    long n = fd < 0 ? -1 : read_full(fd, maps, sizeof maps - 1);

    if (fd >= 0)
        close(fd);
    maps[n > 0 ? n : 0] = 0;
    if (n <= 0)
        FAIL("read /proc/self/maps: %s", errno_name(errno));
}

/* Parse "start-end perms off maj:min ino   name"; the next line, or NULL at the end. */
static char *parse(char *line, struct map_line *m)
{
    char *end, *nl = strchr(line, '\n');

    if (!*line)
        return NULL;
    if (nl)
        *nl = 0;
    memset(m, 0, sizeof *m);
    m->start = strtoul(line, &end, 16);
    m->end = strtoul(end + 1, &end, 16);
    memcpy(m->perms, end + 1, 4);
    m->off = strtoul(end + 6, &end, 16);
    strtoul(end + 1, &end, 16);          /* major */
    strtoul(end + 1, &end, 16);          /* minor */
    m->ino = strtoul(end + 1, &end, 10);
    while (*end == ' ')
        end++;
    m->name = end;
    return nl ? nl + 1 : line + strlen(line);
}

/* The line for the region starting at addr (a copy), or 0 if none. */
static int find(void *addr, struct map_line *out)
{
    struct map_line m;
    char *line = maps;

    read_maps();
    while ((line = parse(line, &m)))
        if (m.start == (unsigned long)addr) {
            *out = m;
            return 1;
        }
    return 0;
}

/* Attachments, anonymous mappings and the stack, each as /proc/self/maps lists it. */
static void maps_lines(void)
{
    struct map_line m;
    int id = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    CHECK(id >= 0);

    char *a = shmat(id, NULL, 0);
    CHECK(a != (void *)-1);
    if (!find(a, &m)) {
        FAIL("no line of /proc/self/maps starts at %p, where shmat attached:\n%s", (void *)a, maps);
    } else {
        EXPECT_EQ(m.end, (unsigned long)a + 3 * 4096);
        if (strcmp(m.perms, "rw-s"))
            FAIL("perms %s, expected rw-s", m.perms);
        EXPECT_EQ(m.off, 0);
        EXPECT_EQ(m.ino, id);
        if (strcmp(m.name, "/SYSV00000000 (deleted)"))
            FAIL("name \"%s\", expected /SYSV00000000 (deleted)", m.name);
    }

    /* a second attach, read-only */
    char *b = shmat(id, NULL, SHM_RDONLY);
    CHECK(b != (void *)-1 && b != a);
    if (!find(b, &m))
        FAIL("no line for the read-only attach at %p", (void *)b);
    else if (strcmp(m.perms, "r--s"))
        FAIL("read-only attach: perms %s, expected r--s", m.perms);
    EXPECT_OK(shmdt(b));
    if (find(b, &m))
        FAIL("the detached attach at %p is still listed", (void *)b);
    EXPECT_OK(shmdt(a));
    if (find(a, &m))
        FAIL("the detached attach at %p is still listed", (void *)a);
    EXPECT_OK(shmctl(id, IPC_RMID, NULL));

    /* anonymous mappings: shared is /dev/zero (deleted), private has no name */
    char *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    char *p = mmap(NULL, 2 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED && p != MAP_FAILED);
    if (!find(s, &m))
        FAIL("no line for a shared anonymous mapping at %p", (void *)s);
    else if (strcmp(m.perms, "rw-s") || strcmp(m.name, "/dev/zero (deleted)"))
        FAIL("shared anonymous: \"%s %s\"", m.perms, m.name);
    if (!find(p, &m))
        FAIL("no line for a private anonymous mapping at %p", (void *)p);
    else if (strcmp(m.perms, "r--p") || m.name[0] || m.ino)
        FAIL("private anonymous: \"%s %lu %s\"", m.perms, m.ino, m.name);
    munmap(s, 4096);
    munmap(p, 2 * 4096);

    /* the stack: the line holding a local variable */
    int found = 0;
    char *line = maps;
    unsigned long here = (unsigned long)&found;
    read_maps();
    while ((line = parse(line, &m)))
        if (m.start <= here && here < m.end)
            found = !strcmp(m.name, "[stack]");
    if (!found)
        FAIL("the stack's line is not named [stack]:\n%s", maps);
}

int main(void)
{
    RUN_CHILD(maps_lines);
    return check_done();
}
