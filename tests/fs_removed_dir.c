/*
 * fs_removed_dir: a directory that was removed while something still holds
 * it -- an open descriptor, a working directory -- takes no new name.
 * Linux answers ENOENT (its lookups and may_create check IS_DEADDIR) to
 * open(O_CREAT), mkdirat, mknodat, symlinkat, linkat, renameat and a Unix
 * socket's bind made relative to it; a name made there anyway would never
 * be freed (no path reaches it), which the runner's leak check sees.  The
 * descriptor itself still works (fstat), and the directory reads as empty.
 */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

static char base[64];

/* Through a descriptor of the removed directory. */
static void through_fd(void)
{
    char d[96], file[96];
    struct stat st;

    snprintf(d, sizeof d, "%s/d", base);
    snprintf(file, sizeof file, "%s/file", base);
    int fd = open(file, O_WRONLY | O_CREAT, 0644);
    CHECK(fd >= 0);
    close(fd);
    EXPECT_OK(mkdir(d, 0755));
    int dfd = EXPECT_OK(open(d, O_RDONLY | O_DIRECTORY));
    EXPECT_OK(rmdir(d));
    EXPECT_ERR(openat(dfd, "x", O_WRONLY | O_CREAT, 0644), ENOENT);
    EXPECT_ERR(openat(dfd, "x", O_WRONLY | O_CREAT | O_EXCL, 0644), ENOENT);
    EXPECT_ERR(openat(dfd, "x", O_RDONLY), ENOENT);
    EXPECT_ERR(mkdirat(dfd, "y", 0755), ENOENT);
    EXPECT_ERR(mknodat(dfd, "p", S_IFIFO | 0644, 0), ENOENT);
    EXPECT_ERR(symlinkat("target", dfd, "l"), ENOENT);
    EXPECT_ERR(linkat(AT_FDCWD, file, dfd, "h", 0), ENOENT);
    EXPECT_ERR(renameat(AT_FDCWD, file, dfd, "r"), ENOENT);
    EXPECT_OK(fstat(dfd, &st));
    CHECK(S_ISDIR(st.st_mode));
    EXPECT_OK(stat(file, &st)); /* the rename did not take it away */
    close(dfd);
    EXPECT_ERR(stat(d, &st), ENOENT);
    EXPECT_OK(unlink(file));
}

/* As the working directory (in a child: the runner's stays where it is). */
static void as_cwd(void)
{
    char d[96];
    struct sockaddr_un sa;

    snprintf(d, sizeof d, "%s/c", base);
    if (!enter_own_dir(d))
        return; /* else the names below would be made where it started: / */
    EXPECT_OK(rmdir(d));
    EXPECT_ERR(open("x", O_WRONLY | O_CREAT, 0644), ENOENT);
    EXPECT_ERR(mkdir("y", 0755), ENOENT);
    EXPECT_ERR(symlink("target", "l"), ENOENT);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(s >= 0);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    strcpy(sa.sun_path, "sock");
    EXPECT_ERR(bind(s, (struct sockaddr *)&sa, sizeof sa), ENOENT);
    close(s);
    DIR *dir = opendir(".");
    int names = 0;
    struct dirent *e;
    while (dir && (e = readdir(dir)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names++;
    if (dir)
        closedir(dir);
    EXPECT_EQ(names, 0);
    EXPECT_OK(chdir("/"));
}

int main(void)
{
    snprintf(base, sizeof base, "/tmp/fs_removed_dir.%d", (int)getpid());
    if (mkdir(base, 0755) != 0) {
        FAIL("mkdir %s: %s", base, errno_name(errno));
        return check_done();
    }
    RUN_CHILD(through_fd);
    RUN_CHILD(as_cwd);
    EXPECT_OK(rmdir(base));
    return check_done();
}
