/*
 * sh_tour: the README's script -- three producers and two consumers on one
 * message queue, started in the background by a #! script, then wait and
 * ipcs -- runs, every job arrives exactly once, and the queue is removed.
 */
// ipcos-only: the script drives /bin/msg, an ipcos program (util-linux has no such tool)
#include "check.h"
#include "capture.h"
#include <sys/ipc.h>
#include <sys/msg.h>

#define D "/tmp/sh_tour.d"

/* The README's script, with this test's own key and file names. */
static const char script[] =
    "#!/bin/sh\n"
    "# jobs.sh: three producers and two consumers share one message queue\n"
    "key=%s\n"
    "for p in 1 2 3; do\n"
    "    for i in 1 2 3 4; do\n"
    "        msg send $key 1 \"job $i from producer $p\"\n"
    "    done &\n"
    "done\n"
    "for c in 1 2; do\n"
    "    msg recv $key 0 6 > " D "/got.$c &\n"
    "done\n"
    "wait\n"
    "echo \"consumer 1 got $(wc -l < " D "/got.1), consumer 2 got $(wc -l < " D "/got.2)\"\n"
    "ipcs -q\n"
    "ipcrm -Q $key && echo \"queue removed\"\n";

int main(void)
{
    static char *env[] = { "PATH=/bin", NULL };
    char key[32], text[1024], out[4096], line[64], got[2][512];
    int fd;

    remove_tree(D);
    EXPECT_OK(mkdir(D, 0755));
    snprintf(key, sizeof key, "0x%x", 0x50000000 + (int)getpid());
    snprintf(text, sizeof text, script, key);
    fd = EXPECT_OK(open(D "/jobs.sh", O_WRONLY | O_CREAT | O_TRUNC, 0755));
    EXPECT_EQ(write_full(fd, text, strlen(text)), (long)strlen(text));
    close(fd);

    char *argv[] = { "jobs.sh", NULL };
    EXPECT_EXIT(capture(D, D "/jobs.sh", argv, env, NULL, out, sizeof out, NULL, 0), 0);
    if (strncmp(out, "consumer 1 got 6, consumer 2 got 6\n", 35))
        FAIL("the consumers' counts: \"%s\"", out);
    snprintf(line, sizeof line, "0x%08x ", 0x50000000 + (int)getpid());
    /* its row: key msqid owner perms used-bytes messages */
    char *row = strstr(out, line), *p = row;
    long perms = -1, bytes = -1, msgs = -1;
    if (row) {
        strtoul(p, &p, 16);
        strtol(p, &p, 10);
        p += strspn(p, " ");
        p += strcspn(p, " ");
        perms = strtol(p, &p, 8);
        bytes = strtol(p, &p, 10);
        msgs = strtol(p, &p, 10);
    }
    if (perms != 0666 || bytes != 0 || msgs != 0 || !strstr(out, "\nqueue removed\n"))
        FAIL("ipcs did not show the empty queue %s, or it was not removed: \"%s\"", key, out);

    /* every job once, over the two consumers */
    EXPECT_EQ(get_file(D "/got.1", got[0], sizeof got[0]) > 0, 1);
    EXPECT_EQ(get_file(D "/got.2", got[1], sizeof got[1]) > 0, 1);
    for (int p = 1; p <= 3; p++)
        for (int i = 1; i <= 4; i++) {
            char job[64];
            snprintf(job, sizeof job, "1 job %d from producer %d\n", i, p);
            int n = (strstr(got[0], job) != NULL) + (strstr(got[1], job) != NULL);
            if (n != 1)
                FAIL("\"%.*s\" arrived %d times", (int)strlen(job) - 1, job, n);
        }
    EXPECT_EQ(msgget((key_t)strtol(key, NULL, 0), 0) == -1 && errno == ENOENT, 1);
    remove_tree(D);
    return check_done();
}
