// SPDX-License-Identifier: GPL-2.0
/*
 * filters.c - calls whose arguments differ in one value each, for the
 * --filter tests: for every kind of argument, calls a filter must let
 * through and calls it must leave out. Writes, to the file named by
 * argv[1], one line per call:
 *
 *   LABEL<TAB>EVENT RET ARGS
 *
 * the line tracee must print for it (RET the kernel's real answer). The
 * scratch directory argv[2] holds the paths it opens.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expect.h"

/* LABEL, a tab, then the line */
static void __attribute__((format(printf, 2, 3))) line(const char *label, const char *fmt, ...)
{
	va_list ap;
	fprintf(out, "%s\t", label);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fputc('\n', out);
	fflush(out);
}

static const char *dir;

static void path(char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s/%s", dir, rel);
}

/* Numbers: a file descriptor (int), a count (unsigned long), a signal
 * (by name), open flags (names or-ed). */
static void numbers(void)
{
	char buf[64];
	long r;
	int fd;

	for (int n = 900; n <= 902; n++) {
		char label[16];
		r = sys(syscall(SYS_close, n));
		snprintf(label, sizeof(label), "fd%d", n);
		line(label, "close %ld %d", r, n);
	}
	fd = open("/dev/null", O_RDONLY);
	r = sys(syscall(SYS_close, fd));
	line("close_ok", "close %ld %d", r, fd);
	for (int n = 1000; n <= 3000; n += 1000) {
		char label[16];
		r = sys(syscall(SYS_getdents64, 903, buf, n));
		snprintf(label, sizeof(label), "count%d", n);
		line(label, "getdents64 %ld 903 %d", r, n);
	}
	r = sys(syscall(SYS_kill, getpid(), SIGURG)); /* ignored by default */
	line("sigurg", "kill %ld %d SIGURG", r, getpid());
	r = sys(syscall(SYS_kill, getpid(), SIGWINCH));
	line("sigwinch", "kill %ld %d SIGWINCH", r, getpid());
	r = sys(syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY | O_CLOEXEC));
	line("wronly_cloexec", "openat %ld AT_FDCWD /dev/null O_WRONLY|O_CLOEXEC", r);
	close((int)r);
	r = sys(syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY));
	line("wronly", "openat %ld AT_FDCWD /dev/null O_WRONLY", r);
	close((int)r);
}

/* Strings: paths compared whole, by a prefix, by a pattern. */
static void strings(void)
{
	static const char *const rel[] = { "a/x", "a/xy", "b/x", "a" };
	static const char *const label[] = { "a_x", "a_xy", "b_x", "a" };
	char p[4096], lng[300];
	long r;

	for (int i = 0; i < 4; i++) {
		path(p, sizeof(p), rel[i]);
		r = sys(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
		line(label[i], "openat %ld AT_FDCWD %s O_RDONLY", r, p);
		if (r >= 0)
			close((int)r);
	}
	/* a prefix longer than the probes compare: user space */
	memset(lng, 'l', 200);
	lng[200] = '\0';
	snprintf(p, sizeof(p), "%s/%s/x", dir, lng);
	r = sys(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	line("long_x", "openat %ld AT_FDCWD %s O_RDONLY", r, p);
	snprintf(p, sizeof(p), "%s/%s/y", dir, lng);
	r = sys(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	line("long_y", "openat %ld AT_FDCWD %s O_RDONLY", r, p);
}

/* A path resolved against a directory fd, and argv: in user space. */
static void execs(void)
{
	char p[4096], real[4096];
	char *const envp[] = { NULL };
	long r;

	if (!realpath(dir, real))
		return;
	for (int i = 0; i < 2; i++) {
		char *const argv[] = { "tr-flt", NULL };
		int dfd;
		path(p, sizeof(p), i ? "b" : "a");
		dfd = open(p, O_PATH | O_DIRECTORY);
		r = sys(syscall(SYS_execveat, dfd, "tr-missing", argv, envp, 0));
		line(i ? "at_b" : "at_a", "execveat %ld %d %s/%s/tr-missing [tr-flt] 0", r, dfd, real,
		     i ? "b" : "a");
		close(dfd);
	}
	{
		char *const argv[] = { "tr-flt", "marker-one", NULL };
		r = sys(syscall(SYS_execve, "/nonexistent/tr-flt", argv, envp));
		line("argv_one", "execve %ld /nonexistent/tr-flt [tr-flt marker-one]", r);
	}
	{
		char *const argv[] = { "tr-flt", "marker-two", NULL };
		r = sys(syscall(SYS_execve, "/nonexistent/tr-flt", argv, envp));
		line("argv_two", "execve %ld /nonexistent/tr-flt [tr-flt marker-two]", r);
	}
}

/* Socket addresses: a port, an address, a family (user space). UDP
 * sockets: connect sends nothing. */
static void sockets(void)
{
	static const struct {
		const char *label, *addr;
		int port;
	} to[] = {
		{ "port5001", "127.0.0.1", 5001 },
		{ "port5002", "127.0.0.1", 5002 },
		{ "port5003", "127.0.0.1", 5003 },
		{ "addr2", "127.0.0.2", 5001 },
	};
	long r, s;

	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++) {
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(to[i].port) };
		inet_pton(AF_INET, to[i].addr, &a.sin_addr);
		s = socket(AF_INET, SOCK_DGRAM, 0);
		r = sys(syscall(SYS_connect, s, &a, sizeof(a)));
		line(to[i].label, "connect %ld %ld %s:%d %zu", r, s, to[i].addr, to[i].port,
		     sizeof(a));
		close((int)s);
	}
	{
		struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(5001),
					  .sin6_addr = IN6ADDR_LOOPBACK_INIT };
		s = socket(AF_INET6, SOCK_DGRAM, 0);
		r = sys(syscall(SYS_connect, s, &a, sizeof(a)));
		line("inet6", "connect %ld %ld [::1]:5001 %zu", r, s, sizeof(a));
		close((int)s);
	}
}

/* Command names: a child each, named, closing a fd of its own number. */
static void names(void)
{
	static const char *const name[] = { "flt-alpha", "flt-beta" };

	for (int i = 0; i < 2; i++) {
		char label[16];
		int status;
		pid_t c = fork();
		if (c == 0) {
			prctl(PR_SET_NAME, name[i]);
			syscall(SYS_close, 904 + i);
			_exit(0);
		}
		waitpid(c, &status, 0);
		snprintf(label, sizeof(label), "comm_%s", name[i] + 4);
		line(label, "close -9 %d", 904 + i);
	}
}

/* A kernel event's argument (user space): a capability checked. */
static void capabilities(void)
{
	/* as root, a lower nice value is a CAP_SYS_NICE check that passes */
	setpriority(PRIO_PROCESS, 0, -1);
	line("cap_nice", "cap_capable 0 CAP_SYS_NICE");
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s EXPECTED DIR\n", argv[0]);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 1;
	dir = argv[2];
	numbers();
	strings();
	execs();
	sockets();
	names();
	capabilities();
	fclose(out);
	return 0;
}
