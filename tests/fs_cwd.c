/*
 * fs_cwd: the working directory - chdir/getcwd, relative paths, "." and
 * "..", ENOENT and ENOTDIR, ERANGE for a short buffer, the raw getcwd
 * result (length with the NUL), and a child inheriting (but not sharing)
 * its parent's working directory.
 */
#include "check.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define D "/tmp/fs_cwd.d"

static void expect_cwd(const char *want)
{
    char buf[256];
    if (!getcwd(buf, sizeof buf))
        FAIL("getcwd: %s", errno_name(errno));
    else if (strcmp(buf, want) != 0)
        FAIL("getcwd: expected \"%s\", got \"%s\"", want, buf);
}

int main(void)
{
    char orig[256];
    CHECK(getcwd(orig, sizeof orig) != NULL);

    EXPECT_OK(chdir("/"));
    expect_cwd("/");
    if (!enter_own_dir(D))
        return check_done();
    expect_cwd(D);

    /* Relative names resolve against the working directory. */
    int fd = EXPECT_OK(open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "rel", 3), 3);
    close(fd);
    struct stat st;
    EXPECT_OK(stat(D "/f", &st));
    EXPECT_EQ(st.st_size, 3);
    EXPECT_OK(stat("./f", &st));
    EXPECT_OK(stat("../fs_cwd.d/f", &st));
    EXPECT_OK(stat(".//f", &st));
    EXPECT_OK(mkdir("sub", 0755));
    EXPECT_OK(chdir("sub"));
    expect_cwd(D "/sub");
    EXPECT_OK(stat("../f", &st));
    EXPECT_OK(chdir("../.."));
    expect_cwd("/tmp");
    EXPECT_OK(chdir("fs_cwd.d/./sub/.."));
    expect_cwd(D);
    EXPECT_OK(chdir("//tmp//fs_cwd.d/"));
    expect_cwd(D);

    /* ".." of the root is the root. */
    EXPECT_OK(chdir("/.."));
    expect_cwd("/");
    EXPECT_OK(chdir(D));

    /* Failures leave the directory as it was. */
    EXPECT_ERR(chdir("none"), ENOENT);
    EXPECT_ERR(chdir("f"), ENOTDIR);
    EXPECT_ERR(chdir(""), ENOENT);
    expect_cwd(D);

    /* A buffer too small for the path: ERANGE.  The raw call returns the
       length including the NUL. */
    char small[4];
    errno = 0;
    CHECK(getcwd(small, sizeof small) == NULL);
    EXPECT_EQ(errno, ERANGE);
    char buf[64];
    EXPECT_EQ(syscall(SYS_getcwd, buf, sizeof buf), (long)strlen(D) + 1);
    EXPECT_ERR(syscall(SYS_getcwd, buf, strlen(D)), ERANGE);

    /* A child starts where its parent is; its chdir stays its own. */
    pid_t pid = check_fork();
    if (pid == 0) {
        char here[64];
        int ok = getcwd(here, sizeof here) && strcmp(here, D) == 0;
        ok = ok && chdir("sub") == 0 && open("g", O_CREAT | O_WRONLY, 0644) >= 0;
        _exit(ok ? 0 : 1);
    }
    EXPECT_EXIT(wait_for(pid), 0);
    expect_cwd(D);
    EXPECT_OK(stat("sub/g", &st));

    EXPECT_OK(unlink("sub/g"));
    EXPECT_OK(rmdir("sub"));
    EXPECT_OK(unlink("f"));
    EXPECT_OK(chdir("/tmp"));
    EXPECT_OK(rmdir(D));
    EXPECT_OK(chdir(orig));
    return check_done();
}
