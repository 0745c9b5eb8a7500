/*
 * usercopy: the kernel copies to and from user memory exactly, whatever the
 * alignment of either side: every length from 0 to 300 (and a few long
 * ones) at every source and destination offset in a word arrives intact
 * through a pipe, without a byte changed around it; and a message whose
 * text ends at the last byte before an unmapped page is sent and received,
 * while one byte more is EFAULT -- at every alignment, at both ends of the
 * page, so a copy reading or writing whole words never touches a page it
 * was not asked to.
 */
#include "check.h"
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/syscall.h>

#define PAGE 4096

static unsigned char src[PAGE + 64], dst[PAGE + 64];

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 131 + (i >> 8));
}

/* n bytes from src+so through the pipe into dst+do_; the bytes around stay. */
static void pipe_case(int fd[2], size_t so, size_t do_, size_t n)
{
    fill(src, sizeof src, (unsigned)(so * 7 + n));
    memset(dst, 0xa5, sizeof dst);
    if (write(fd[1], src + so, n) != (ssize_t)n || (n && read(fd[0], dst + do_, n) != (ssize_t)n)) {
        FAIL("pipe copy of %zu bytes (src +%zu, dst +%zu) failed: %s", n, so, do_, strerror(errno));
        return;
    }
    if (memcmp(dst + do_, src + so, n))
        FAIL("pipe copy of %zu bytes (src +%zu, dst +%zu): data differs", n, so, do_);
    for (size_t i = 0; i < sizeof dst; i++) {
        if ((i < do_ || i >= do_ + n) && dst[i] != 0xa5) {
            FAIL("pipe copy of %zu bytes (src +%zu, dst +%zu): byte %zu outside changed", n, so, do_, i);
            break;
        }
    }
}

static void alignments(void)
{
    int fd[2];
    static const size_t longer[] = { 511, 512, 513, 1000, 2047, 4000, PAGE };

    CHECK(pipe(fd) == 0);
    for (size_t so = 0; so < 8; so++)
        for (size_t do_ = 0; do_ < 8; do_++) {
            for (size_t n = 0; n <= 300; n++)
                pipe_case(fd, so, do_, n);
            for (size_t i = 0; i < sizeof longer / sizeof longer[0]; i++)
                pipe_case(fd, so, do_, longer[i] - (so > do_ ? so : do_) * (longer[i] == PAGE));
        }
    close(fd[0]);
    close(fd[1]);
}

/*
 * One readable and writable page between two unmapped ones.  A message at
 * p (mtype, then n bytes of text) that ends on the page's last byte goes
 * and comes back; one byte longer faults.  The same for a message whose
 * mtype is the first word of the page (the text starts 8 bytes in).
 */
static void page_edges(void)
{
    char *area = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(area != MAP_FAILED);
    if (area == MAP_FAILED)
        return;
    CHECK(munmap(area, PAGE) == 0 && munmap(area + 2 * PAGE, PAGE) == 0);
    char *page = area + PAGE, *end = page + PAGE;
    int id = msgget(IPC_PRIVATE, 0600);
    CHECK(id >= 0);

    static const size_t sizes[] = { 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 255, 1000, 2000, 4000 };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (size_t k = 0; k < 8; k++) {
            size_t n = sizes[s] + k;
            if (n + 8 > PAGE)
                continue;
            char *p = end - 8 - n;      /* the text ends on the last byte */
            long mtype = 1;
            memcpy(p, &mtype, sizeof mtype);
            fill((unsigned char *)p + 8, n, (unsigned)n);
            memcpy(src, p + 8, n);
            EXPECT_EQ(syscall(SYS_msgsnd, id, p, n, 0), 0);
            EXPECT_ERR(syscall(SYS_msgsnd, id, p, n + 1, 0), EFAULT);
            memset(p + 8, 0, n);
            EXPECT_EQ(syscall(SYS_msgrcv, id, p, n, 0, 0), (long)n);
            if (memcmp(p + 8, src, n))
                FAIL("message of %zu bytes ending at the page end: data differs", n);
            /* received into a buffer one byte too long for the page: EFAULT */
            EXPECT_EQ(syscall(SYS_msgsnd, id, p, n, 0), 0);
            p -= 1;
            memcpy(p, &mtype, sizeof mtype);
            fill((unsigned char *)p + 8, n + 1, 3);
            EXPECT_EQ(syscall(SYS_msgsnd, id, p, n + 1, 0), 0);
            EXPECT_EQ(syscall(SYS_msgrcv, id, p + 1, n, 0, 0), (long)n); /* the first one, fits */
            EXPECT_ERR(syscall(SYS_msgrcv, id, p + 1, n + 1, 0, 0), EFAULT);

            /* at the start of the page: mtype is its first word */
            p = page;
            memcpy(p, &mtype, sizeof mtype);
            fill((unsigned char *)p + 8, n, (unsigned)k);
            memcpy(src, p + 8, n);
            EXPECT_EQ(syscall(SYS_msgsnd, id, p, n, 0), 0);
            memset(p + 8, 0, n);
            EXPECT_EQ(syscall(SYS_msgrcv, id, p, n, 0, 0), (long)n);
            if (memcmp(p + 8, src, n))
                FAIL("message of %zu bytes at the page start: data differs", n);
        }
    }
    /* the text starting just past an odd offset of the page, copied in and out */
    for (size_t k = 1; k < 8; k++) {
        char *p = page + k; /* mtype at an odd address: read bytewise */
        long mtype = 2;
        memcpy(p, &mtype, sizeof mtype);
        fill((unsigned char *)p + 8, 200, (unsigned)k);
        memcpy(src, p + 8, 200);
        EXPECT_EQ(syscall(SYS_msgsnd, id, p, 200, 0), 0);
        memset(p + 8, 0, 200);
        EXPECT_EQ(syscall(SYS_msgrcv, id, p, 200, 0, 0), 200);
        if (memcmp(p + 8, src, 200))
            FAIL("message at page +%zu: data differs", k);
        memcpy(&mtype, p, sizeof mtype);
        EXPECT_EQ(mtype, 2);
    }
    struct msqid_ds ds;
    EXPECT_EQ(msgctl(id, IPC_STAT, &ds), 0);
    EXPECT_EQ(ds.msg_qnum, 0);
    CHECK(msgctl(id, IPC_RMID, NULL) == 0);
    CHECK(munmap(page, PAGE) == 0);
}

int main(void)
{
    alignments();
    page_edges();
    return check_done();
}
