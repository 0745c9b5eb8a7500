/*
 * tmp_dir: /tmp exists, is a directory and is writable: a file made there
 * by one process is read by another, a directory can be made in it, and
 * everything is removed again.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>

#define F "/tmp/tmp_dir.file"
#define D "/tmp/tmp_dir.d"

int main(void)
{
    struct stat st;
    EXPECT_OK(stat("/tmp", &st));
    CHECK(S_ISDIR(st.st_mode));

    pid_t pid = check_fork();
    if (pid == 0) {
        int fd = open(F, O_WRONLY | O_CREAT | O_EXCL, 0644);
        _exit(fd >= 0 && write(fd, "from child", 10) == 10 ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    char buf[16] = "";
    int fd = EXPECT_OK(open(F, O_RDONLY));
    EXPECT_EQ(read(fd, buf, sizeof buf), 10);
    CHECK(memcmp(buf, "from child", 10) == 0);
    close(fd);

    EXPECT_OK(mkdir(D, 0777));
    EXPECT_OK(stat(D, &st));
    CHECK(S_ISDIR(st.st_mode));
    fd = EXPECT_OK(open(D "/inner", O_RDWR | O_CREAT, 0600));
    close(fd);

    EXPECT_OK(unlink(D "/inner"));
    EXPECT_OK(rmdir(D));
    EXPECT_OK(unlink(F));
    EXPECT_ERR(stat(F, &st), ENOENT);
    EXPECT_ERR(stat(D, &st), ENOENT);
    return check_done();
}
