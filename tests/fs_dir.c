/*
 * fs_dir: directories in the RAM filesystem - mkdir/rmdir, EEXIST, rmdir of
 * a non-empty directory -> ENOTEMPTY, readdir lists exactly what is there,
 * ENOTDIR through a file, EISDIR on write-open, read or unlink of a
 * directory, deep nesting.
 */
#include "check.h"
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#define D "/tmp/fs_dir.d"

static void touch(const char *path)
{
    int fd = EXPECT_OK(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    if (fd >= 0) {
        EXPECT_EQ(write(fd, "x", 1), 1);
        close(fd);
    }
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void make_remove(void)
{
    EXPECT_OK(mkdir(D, 0755));
    CHECK(is_dir(D));
    EXPECT_ERR(mkdir(D, 0755), EEXIST);
    EXPECT_ERR(mkdir("/tmp", 0755), EEXIST);
    EXPECT_ERR(mkdir("/tmp/fs_dir.none/sub", 0755), ENOENT);
    EXPECT_ERR(rmdir("/tmp/fs_dir.none"), ENOENT);
    EXPECT_OK(rmdir(D));
    CHECK(!is_dir(D));
    struct stat st;
    EXPECT_ERR(stat(D, &st), ENOENT);
    EXPECT_OK(mkdir(D, 0755));
}

/* Read a directory; return a '/'-joined sorted list in out. */
static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path, char *out, size_t size)
{
    char *names[32];
    int n = 0;
    DIR *d = opendir(path);
    CHECK(d != NULL);
    out[0] = '\0';
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 32) {
        names[n++] = strdup(e->d_name);
#ifdef DT_DIR
        if (strcmp(e->d_name, "sub") == 0 || strcmp(e->d_name, ".") == 0)
            EXPECT_EQ(e->d_type, DT_DIR);
        if (strcmp(e->d_name, "a") == 0)
            EXPECT_EQ(e->d_type, DT_REG);
#endif
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_names);
    for (int i = 0; i < n; i++) {
        if (i)
            strncat(out, "/", size - strlen(out) - 1);
        strncat(out, names[i], size - strlen(out) - 1);
        free(names[i]);
    }
}

static void opendir_fails(const char *path, int err)
{
    errno = 0;
    DIR *d = opendir(path);
    if (d) {
        FAIL("opendir(%s): expected %s, but it succeeded", path, errno_name(err));
        closedir(d);
    } else if (errno != err) {
        FAIL("opendir(%s): expected %s, got %s", path, errno_name(err),
             errno_name(errno));
    }
}

static void listing(void)
{
    char got[256];
    list_dir(D, got, sizeof got);
    if (strcmp(got, "./..") != 0)
        FAIL("empty dir lists \"%s\", expected \"./..\"", got);

    touch(D "/a");
    touch(D "/bb");
    touch(D "/c.txt");
    EXPECT_OK(mkdir(D "/sub", 0755));
    list_dir(D, got, sizeof got);
    if (strcmp(got, "./../a/bb/c.txt/sub") != 0)
        FAIL("dir lists \"%s\", expected \"./../a/bb/c.txt/sub\"", got);

    EXPECT_ERR(rmdir(D), ENOTEMPTY);
    EXPECT_OK(unlink(D "/bb"));
    list_dir(D, got, sizeof got);
    if (strcmp(got, "./../a/c.txt/sub") != 0)
        FAIL("after unlink dir lists \"%s\", expected \"./../a/c.txt/sub\"", got);
    opendir_fails(D "/none", ENOENT);
    opendir_fails(D "/a", ENOTDIR);
}

static void wrong_types(void)
{
    char c;
    /* A file used as a directory. */
    EXPECT_ERR(open(D "/a/x", O_RDONLY), ENOTDIR);
    EXPECT_ERR(open(D "/a/x", O_RDWR | O_CREAT, 0644), ENOTDIR);
    EXPECT_ERR(mkdir(D "/a/x", 0755), ENOTDIR);
    EXPECT_ERR(rmdir(D "/a"), ENOTDIR);
    EXPECT_ERR(chdir(D "/a"), ENOTDIR);
    struct stat st;
    EXPECT_ERR(stat(D "/a/x", &st), ENOTDIR);
    /* A directory used as a file. */
    EXPECT_ERR(open(D "/sub", O_WRONLY), EISDIR);
    EXPECT_ERR(open(D "/sub", O_RDWR), EISDIR);
    EXPECT_ERR(open(D "/sub", O_WRONLY | O_CREAT, 0644), EISDIR);
    EXPECT_ERR(unlink(D "/sub"), EISDIR);
    int fd = EXPECT_OK(open(D "/sub", O_RDONLY));
    EXPECT_ERR(read(fd, &c, 1), EISDIR);
    close(fd);
    EXPECT_ERR(rmdir(D "/."), EINVAL);
}

static void deep(void)
{
    char path[256] = D "/sub";
    for (int i = 0; i < 8; i++) {
        strcat(path, "/n");
        EXPECT_OK(mkdir(path, 0755));
    }
    char file[300];
    snprintf(file, sizeof file, "%s/leaf", path);
    touch(file);
    CHECK(!is_dir(file));
    EXPECT_OK(unlink(file));
    for (int i = 0; i < 8; i++) {
        EXPECT_OK(rmdir(path));
        *strrchr(path, '/') = '\0';
    }
}

int main(void)
{
    make_remove();
    listing();
    wrong_types();
    deep();
    EXPECT_OK(unlink(D "/a"));
    EXPECT_OK(unlink(D "/c.txt"));
    EXPECT_OK(rmdir(D "/sub"));
    EXPECT_OK(rmdir(D));
    CHECK(!is_dir(D));
    return check_done();
}
