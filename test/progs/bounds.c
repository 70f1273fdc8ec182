// SPDX-License-Identifier: GPL-2.0
/*
 * bounds.c - calls one below, at and one past each length limit of the
 * probes, and the line tracee must print for each ("[@PID ]EVENT RET
 * ARGS", as syscalls.c writes them) to the file named by argv[1]:
 *
 *   tr-bounds FILE strings DIR   a string of TR_MAX_STR - 2, - 1 (the most
 *                                the buffer holds with its NUL), TR_MAX_STR
 *                                and + 1 bytes: as an openat path, as an
 *                                argv entry of a failed execve, and (up to
 *                                TR_MAX_STR - 1, the kernel's own limit) as
 *                                the path of a successful one, whose name
 *                                the probes read from the kernel; DIR is a
 *                                scratch directory for the long paths
 *   tr-bounds FILE argv N        execve with N - 1, N and N + 1 argv
 *                                entries, failed and successful, traced
 *                                with --max-args N
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/types.h>

#include "expect.h"
#include "tracee_wire.h"

#define MISSING "/nonexistent/tr-bounds"

/* How a string of `len` bytes shows: whole, or its first TR_MAX_STR - 1
 * bytes and the mark of a cut. */
static void shown(char *buf, size_t size, const char *s, size_t len)
{
	if (len < TR_MAX_STR)
		snprintf(buf, size, "%s", s);
	else
		snprintf(buf, size, "%.*s...", TR_MAX_STR - 1, s);
}

/* "/aaa.../aaa...": `len` bytes of names of at most 200 bytes. */
static char *long_path(size_t len, char c)
{
	char *p = malloc(len + 1);
	for (size_t i = 0; i < len; i++)
		p[i] = i % 201 == 0 ? '/' : c;
	if (len && p[len - 1] == '/')
		p[len - 1] = c;
	p[len] = '\0';
	return p;
}

/* A child execs `path` with `argv`; its line is the child's. */
static void exec_ok(const char *path, char *const argv[], const char *want)
{
	char *const envp[] = { NULL };
	int status;
	pid_t pid;

	fflush(out);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		syscall(SYS_execve, path, argv, envp);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		expect("@%d execve 0 %s", (int)pid, want);
	else
		expect("@%d the exec of %.40s failed", (int)pid, path);
}

/* `dir`/d/d/.../true, `len` bytes long, a link to /bin/true. */
static char *deep_link(const char *dir, size_t len)
{
	char *p = malloc(len + 1);
	size_t n = (size_t)snprintf(p, len + 1, "%s", dir);

	/* directories of up to 200 bytes until the last name fits */
	while (len - n > 201 + 5) {
		size_t k = len - n - 201 - 5 > 200 ? 200 : len - n - 201 - 5;
		p[n++] = '/';
		memset(p + n, 'd', k);
		n += k;
		p[n] = '\0';
		mkdir(p, 0755);
	}
	p[n++] = '/';
	memset(p + n, 't', len - n);
	p[len] = '\0';
	unlink(p);
	if (symlink("/bin/true", p) != 0) {
		perror(p);
		exit(2);
	}
	return p;
}

static int strings(const char *dir)
{
	size_t lens[] = { TR_MAX_STR - 2, TR_MAX_STR - 1, TR_MAX_STR, TR_MAX_STR + 1 };
	char want[2 * TR_MAX_STR + 64];

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		char *path = long_path(lens[i], 'p'), *entry = malloc(lens[i] + 1);
		char *const argv[] = { "tr-b", entry, NULL }, *const envp[] = { NULL };
		long r;

		r = sys(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
		shown(want, sizeof(want), path, lens[i]);
		expect("openat %ld AT_FDCWD %s O_RDONLY", r, want);

		memset(entry, 'e', lens[i]);
		entry[lens[i]] = '\0';
		r = sys(syscall(SYS_execve, MISSING, argv, envp));
		/* a cut entry is shown as far as it was read, and the list
		 * marked as cut */
		expect("execve %ld %s [tr-b %.*s%s]", r, MISSING, TR_MAX_STR - 1, entry,
		       lens[i] >= TR_MAX_STR ? " ..." : "");
		free(path);
		free(entry);
	}
	/* the kernel takes paths of up to TR_MAX_STR - 1 bytes (PATH_MAX) */
	for (size_t len = TR_MAX_STR - 2; len < TR_MAX_STR; len++) {
		char *link = deep_link(dir, len);
		char *const argv[] = { "tr-b", NULL };
		snprintf(want, sizeof(want), "%s [tr-b]", link);
		exec_ok(link, argv, want);
		free(link);
	}
	return 0;
}

/* `n` entries: `first`, then "a1", "a2"...; `want` the list as shown
 * with --max-args `max`. */
static char **entries(int n, const char *first, int max, char *want, size_t size)
{
	char **argv = calloc((size_t)n + 1, sizeof(char *));
	size_t k = 0;

	k += (size_t)snprintf(want + k, size - k, "[");
	for (int i = 0; i < n; i++) {
		char e[16];
		snprintf(e, sizeof(e), "a%d", i);
		argv[i] = strdup(i ? e : first);
		if (i < max)
			k += (size_t)snprintf(want + k, size - k, "%s%s", i ? " " : "", argv[i]);
	}
	snprintf(want + k, size - k, "%s]", n > max ? " ..." : "");
	return argv;
}

static int max_args(int max)
{
	char want[8192], line[8300];
	char *const envp[] = { NULL };

	/* no entries at all: the kernel makes one up, so from 1 */
	for (int n = max > 1 ? max - 1 : 1; n <= max + 1; n++) {
		char **argv = entries(n, "a0", max, want, sizeof(want));
		long r = sys(syscall(SYS_execve, MISSING, argv, envp));
		expect("execve %ld %s %s", r, MISSING, want);
		/* the same count through the kernel's copy, of a successful exec */
		argv = entries(n, "/bin/true", max, want, sizeof(want));
		snprintf(line, sizeof(line), "/bin/true %s", want);
		exec_ok("/bin/true", argv, line);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int r = 2;

	if (argc < 4) {
		fprintf(stderr, "usage: %s FILE strings DIR | FILE argv N\n", argv[0]);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 2;
	if (strcmp(argv[2], "strings") == 0)
		r = strings(argv[3]);
	else if (strcmp(argv[2], "argv") == 0)
		r = max_args(atoi(argv[3]));
	fclose(out);
	return r;
}
