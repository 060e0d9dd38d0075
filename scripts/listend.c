/*
 * listend: opens listening TCP sockets for fixture captures and benchmarks, then sleeps.
 * Copied under a daemon's name (cupsd, master, sshd ...) and started with `exec -a` so comm,
 * exe and argv look like the real daemon. Sockets come from the LISTEN environment variable,
 * space separated KIND:ADDRESS:PORT, where KIND is
 *   4    IPv4                          6    IPv6, kernel default for IPV6_V6ONLY
 *   6o   IPv6 with IPV6_V6ONLY set     6d   IPv6 with IPV6_V6ONLY cleared (dual-stack)
 *   x... the same, but the socket is then passed over an AF_UNIX socket (SCM_RIGHTS) that is
 *        never read and closed here: it keeps listening while no process holds it, like
 *        nfsd's kernel sockets (netstat shows "-").
 * FORKS=N forks N children after listening (Apache prefork: children share the socket).
 * Example: LISTEN="4:0.0.0.0:631 6o:[::]:631" ./cupsd
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static int keep[2];

static void orphan(int fd) {
    char byte = 'x';
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    if (sendmsg(keep[0], &msg, 0) < 0) { perror("sendmsg"); exit(1); }
    close(fd);
}

static void open_one(char *spec) {
    char *colon = strchr(spec, ':');
    char *last = strrchr(spec, ':');
    if (!colon || colon == last) { fprintf(stderr, "bad spec %s\n", spec); exit(2); }
    *colon = 0; *last = 0;
    char *kind = spec, *addr = colon + 1;
    int port = atoi(last + 1), one = 1, fd;
    int hide = kind[0] == 'x';
    if (hide) kind++;
    if (addr[0] == '[') { addr++; addr[strlen(addr) - 1] = 0; }
    if (kind[0] == '4') {
        struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(port)};
        if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) { fprintf(stderr, "bad address %s\n", addr); exit(2); }
        fd = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *) &sa, sizeof sa) < 0) { perror(addr); exit(1); }
    } else {
        struct sockaddr_in6 sa = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
        if (inet_pton(AF_INET6, addr, &sa.sin6_addr) != 1) { fprintf(stderr, "bad address %s\n", addr); exit(2); }
        fd = socket(AF_INET6, SOCK_STREAM, 0);
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (kind[1] == 'o' || kind[1] == 'd') {
            int v = kind[1] == 'o';
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v);
        }
        if (bind(fd, (struct sockaddr *) &sa, sizeof sa) < 0) { perror(addr); exit(1); }
    }
    if (listen(fd, 128) < 0) { perror("listen"); exit(1); }
    if (hide) orphan(fd);
}

int main(void) {
    const char *env = getenv("LISTEN");
    if (!env) { fprintf(stderr, "LISTEN is not set\n"); return 2; }
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, keep) < 0) { perror("socketpair"); return 1; }
    char *specs = strdup(env);
    for (char *tok = strtok(specs, " "); tok; tok = strtok(NULL, " ")) open_one(tok);
    int forks = getenv("FORKS") ? atoi(getenv("FORKS")) : 0;
    for (int i = 0; i < forks; i++) if (fork() == 0) break;
    printf("ready %d\n", getpid());
    fflush(stdout);
    for (;;) pause();
}
