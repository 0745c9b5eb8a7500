/*
 * slabinfo: /proc/slabinfo and /proc/slab_allocators, which name the kind
 * of a leaked kernel object (the fuzzer prints what grew in them).
 * slabinfo has Linux's version 2.1 layout, one line per cache, and its
 * objects in use add up to /proc/meminfo's SlabObjects; a pipe's objects
 * show in it while the pipe is open and are gone after.  slab_allocators
 * is empty unless the kernel was booted with slub_debug=U; then it counts
 * the objects in use per cache and allocating function, and a pipe's
 * descriptors show as file_alloc's (tools/run --kargs slub_debug=U --
 * slabinfo checks that part; make test boots without it and says skip).
 */
// ipcos-only: ipcos's own caches and SlabObjects line; the host's slabinfo is other caches moved by its other processes
#include "check.h"
#include <fcntl.h>

static char text[16384];

static void read_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    long n = 0, got;

    text[0] = '\0';
    if (fd < 0) {
        FAIL("open %s: %s", path, errno_name(errno));
        return;
    }
    while (n < (long)sizeof text - 1 && (got = read(fd, text + n, sizeof text - 1 - n)) > 0)
        n += got;
    close(fd);
    text[n] = '\0';
}

/* The objects in use of every cache in /proc/slabinfo, summed; *lines gets the number of cache lines. */
static long slab_objects(int *lines)
{
    long sum = 0;

    read_file("/proc/slabinfo");
    *lines = 0;
    if (strncmp(text, "slabinfo - version: 2.1\n", 24)) {
        FAIL("/proc/slabinfo does not start with its version line");
        return -1;
    }
    for (char *l = strchr(text, '\n'); l && *++l; l = strchr(l, '\n')) {
        char *p = l, *end;
        if (*l == '#')
            continue;
        while (*p && *p != ' ')
            p++;
        long active = strtol(p, &end, 10), total = strtol(end, &end, 10), size = strtol(end, &end, 10);
        CHECK(end > p && active >= 0 && active <= total && size >= 16 && size <= 2048);
        sum += active;
        (*lines)++;
    }
    return sum;
}

static long meminfo_objects(void)
{
    read_file("/proc/meminfo");
    char *p = strstr(text, "SlabObjects:");
    return p ? atol(p + 12) : -1;
}

static void slabinfo_counts(void)
{
    int lines, fds[2];
    long before = slab_objects(&lines);

    CHECK(lines >= 3); /* kmalloc's classes in use, inodes, dentries at least */
    /* each reading holds its own inode and file while the text is made: the same count */
    EXPECT_EQ(meminfo_objects(), before);
    EXPECT_OK(pipe(fds));
    long open_pipe = slab_objects(&lines);
    CHECK(open_pipe >= before + 3); /* the pipe and a file for each end */
    EXPECT_EQ(meminfo_objects(), open_pipe);
    close(fds[0]);
    close(fds[1]);
    EXPECT_EQ(slab_objects(&lines), before);
}

/* "kmalloc-64: N file_alloc+0x1c/0x34" lines: N for the first whose caller starts with fn. */
static long allocated_by(const char *fn)
{
    read_file("/proc/slab_allocators");
    for (char *l = text; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        char *colon = strchr(l, ':'), *end;
        if (!colon)
            break;
        long n = strtol(colon + 1, &end, 10);
        while (*end == ' ')
            end++;
        if (!strncmp(end, fn, strlen(fn)) && end[strlen(fn)] == '+')
            return n;
    }
    return 0;
}

static void allocators(void)
{
    int fds[2];

    read_file("/proc/slab_allocators");
    if (!text[0]) {
        printf("skip: booted without slub_debug=U: /proc/slab_allocators is empty\n");
        return;
    }
    long files = allocated_by("file_alloc");
    CHECK(files >= 1); /* this reading's own file at least */
    EXPECT_OK(pipe(fds));
    EXPECT_EQ(allocated_by("file_alloc"), files + 2);
    close(fds[0]);
    close(fds[1]);
    EXPECT_EQ(allocated_by("file_alloc"), files);
}

int main(void)
{
    slabinfo_counts();
    allocators();
    return check_done();
}
