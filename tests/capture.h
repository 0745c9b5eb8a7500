/*
 * capture.h - run a program and collect what it prints (for the shell and
 * tool tests), plus small file helpers.  Include after check.h.
 *
 * capture() runs one program in a child with a given directory,
 * environment and standard input text, and returns its wait status with
 * its standard output (and, if asked, its standard error) in buffers.
 * The input goes through a file, not a pipe, so a program that writes a
 * lot before it reads cannot deadlock with us; output that does not fit
 * the buffer is read and dropped, and the result ends with "[truncated]".
 */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

/* Create path with the given text (mode 0644). */
static inline void put_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write_full(fd, text, strlen(text)) != (long)strlen(text))
        FAIL("cannot write %s: %s", path, errno_name(errno));
    if (fd >= 0)
        close(fd);
}

/* The whole of a small file, NUL-terminated, in buf; -1 if it cannot be read. */
static inline long get_file(const char *path, char *buf, long size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long n = read_full(fd, buf, size - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return n;
}

/* rm -r path (quietly; used to clean up). */
static inline void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char sub[1024];
            if (strlen(path) + strlen(e->d_name) + 2 > sizeof sub)
                continue;
            strcpy(sub, path);
            strcat(sub, "/");
            strcat(sub, e->d_name);
            remove_tree(sub);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Read fd to its end into buf (size bytes with the NUL), dropping the excess. */
static inline void drain(int fd, char *buf, size_t size)
{
    size_t len = 0;
    int truncated = 0;
    char junk[512];

    for (;;) {
        char *dst = len + 1 < size ? buf + len : junk;
        size_t room = len + 1 < size ? size - 1 - len : sizeof junk;
        long n = read(fd, dst, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (dst == junk)
            truncated = 1;
        else
            len += n;
    }
    buf[len] = '\0';
    if (truncated && size > 16)
        strcpy(buf + (len > size - 13 ? size - 13 : len), "[truncated]");
}

/*
 * Run path with argv and envp in directory dir (NULL: ours), with input
 * (NULL: empty) as standard input.  Standard output goes to out; standard
 * error to err if err is not NULL, else it stays ours.  Returns the wait
 * status.
 */
static inline int capture(const char *dir, const char *path, char *const argv[],
                          char *const envp[], const char *input,
                          char *out, size_t outsize, char *err, size_t errsize)
{
    char in_path[64], err_path[64];
    int o[2];

    snprintf(in_path, sizeof in_path, "/tmp/capture.%d.in", (int)getpid());
    snprintf(err_path, sizeof err_path, "/tmp/capture.%d.err", (int)getpid());
    put_file(in_path, input ? input : "");
    EXPECT_OK(pipe(o));
    pid_t pid = check_fork();
    if (pid == 0) {
        int in = open(in_path, O_RDONLY);
        if (in < 0 || (dir && chdir(dir) < 0))
            _exit(121);
        dup2(in, 0);
        close(in);
        dup2(o[1], 1);
        close(o[0]);
        close(o[1]);
        if (err) {
            int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (e < 0)
                _exit(122);
            dup2(e, 2);
            close(e);
        }
        execve(path, argv, envp);
        fprintf(stderr, "capture: %s: %s\n", path, strerror(errno));
        _exit(120);
    }
    close(o[1]);
    drain(o[0], out, outsize);
    close(o[0]);
    int st = wait_for(pid);
    if (err && get_file(err_path, err, errsize) < 0)
        err[0] = '\0';
    unlink(in_path);
    unlink(err_path);
    return st;
}

#endif
