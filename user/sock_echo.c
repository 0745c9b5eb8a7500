// example: ordinary Linux C; `make test` builds and runs it on the host and on ipcos.
/*
 * sock_echo: a Unix domain socket echo server with several clients.
 *
 *   sock_echo
 *
 * A stream socket is a two-way pipe between two processes that find each
 * other by a name in the file system.  The server:
 *
 *   socket(AF_UNIX, SOCK_STREAM)   a socket, not yet anything
 *   bind(path)                     give it a name: a socket file appears
 *   listen(backlog)                it now queues incoming connections
 *   accept()                       take one: a NEW socket, joined to that client
 *
 * and each client: socket(), then connect(path).  The listening socket only
 * ever hands out connections; every conversation happens on the socket that
 * accept() returned.  This server is the classic concurrent one: for each
 * connection it forks a handler that echoes what it reads until the client
 * closes (read() returns 0), while the server goes back to accept().
 *
 * CLIENTS clients each send LINES lines and read each one back.
 *
 * What to look for in the output (the order of the lines varies):
 *   server: accepted connection 1 ... 3
 *   client 2: 3 of 3 lines came back          one per client
 *   handler 1: echoed 3 lines, then end of file   one per connection
 *   server: served 3 clients
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

enum { CLIENTS = 3, LINES = 3 };

static struct sockaddr_un addr = { .sun_family = AF_UNIX };

static void die(const char *what)
{
    perror(what);
    exit(1);
}

/* Handler: echo everything back until the client closes its end. */
static void echo(int conn, int n)
{
    char buf[256];
    ssize_t got;
    int lines = 0;
    while ((got = read(conn, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < got; i++)
            lines += buf[i] == '\n';
        if (write(conn, buf, got) != got)
            die("sock_echo: handler write");
    }
    printf("handler %d: echoed %d lines, then end of file\n", n, lines);
    exit(0);
}

static void client(int id)
{
    char line[64], back[64];
    int s = socket(AF_UNIX, SOCK_STREAM, 0), ok = 0;
    if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) < 0)
        die("sock_echo: connect");
    for (int j = 1; j <= LINES; j++) {
        int len = snprintf(line, sizeof line, "client %d says hello %d\n", id, j), got = 0;
        if (write(s, line, len) != len)
            die("sock_echo: client write");
        while (got < len) {     /* a stream has no message boundaries: read until all is back */
            ssize_t r = read(s, back + got, len - got);
            if (r <= 0)
                die("sock_echo: client read");
            got += r;
        }
        ok += memcmp(line, back, len) == 0;
    }
    close(s);                   /* the handler's read() returns 0 */
    printf("client %d: %d of %d lines came back\n", id, ok, LINES);
    exit(ok == LINES ? 0 : 1);
}

static pid_t must_fork(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        die("sock_echo: fork");
    return pid;
}

int main(void)
{
    int status, bad = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/sock_echo.%d", (int)getpid());
    int srv = socket(AF_UNIX, SOCK_STREAM, 0);
    if (srv < 0 || bind(srv, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(srv, 4) < 0)
        die("sock_echo: socket/bind/listen");

    for (int i = 1; i <= CLIENTS; i++) {
        if (must_fork() == 0) {
            close(srv);         /* a client has no use for the server's socket */
            client(i);
        }
    }
    for (int n = 1; n <= CLIENTS; n++) {
        int conn = accept(srv, NULL, NULL);
        if (conn < 0)
            die("sock_echo: accept");
        printf("server: accepted connection %d\n", n);
        if (must_fork() == 0) {
            close(srv);
            echo(conn, n);
        }
        close(conn);            /* the handler has its own copy */
    }
    close(srv);
    unlink(addr.sun_path);      /* the name; the connections do not need it */
    while (wait(&status) > 0)
        bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    printf("server: served %d clients\n", CLIENTS);
    return bad;
}
