// SPDX-License-Identifier: GPL-2.0
/*
 * hostile.c - system calls made the way a hostile or broken program makes
 * them: NULL, unmapped and dangling pointers, strings without a final NUL
 * that run into an unmapped page, paths longer than every buffer, argv with
 * a bad entry, names made of control characters, escape sequences and
 * invalid UTF-8. Writes the line tracee must print for each, as
 * syscalls.c does ("EVENT RET ARGS"), to the file named by argv[1].
 *
 * With "toctou N" instead, it opens one path N times while another thread
 * rewrites it byte by byte between two names of the same length, and
 * prints how many opens succeeded (only one of the names exists).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "expect.h"

#include <linux/types.h>
#include "tracee_wire.h"


/* Two pages, the second unmapped: returns the first. */
static char *page_before_hole(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		exit(2);
	munmap(p + pg, pg);
	return p;
}

static void pointers(void)
{
	long pg = sysconf(_SC_PAGESIZE), r;
	char *hole = page_before_hole() + pg; /* unmapped */
	char *p;

	r = sys(syscall(SYS_openat, AT_FDCWD, (char *)1, O_RDONLY));
	expect("openat %ld AT_FDCWD (unreadable) O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, hole, O_RDONLY));
	expect("openat %ld AT_FDCWD (unreadable) O_RDONLY", r);
	/* a name that ends with its page, with no NUL: it runs into the hole */
	p = page_before_hole();
	memset(p, 'A', pg);
	p[pg - 64] = '/';
	r = sys(syscall(SYS_openat, AT_FDCWD, p + pg - 64, O_RDONLY));
	expect("openat %ld AT_FDCWD (unreadable) O_RDONLY", r);
	/* the same bytes with a NUL as the page's last byte: readable */
	p[pg - 1] = '\0';
	r = sys(syscall(SYS_openat, AT_FDCWD, p + pg - 64, O_RDONLY));
	expect("openat %ld AT_FDCWD /%.62s O_RDONLY", r, p + pg - 63);
	/* a dangling pointer: freed and unmapped */
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	strcpy(p, "/etc/hostname");
	munmap(p, pg);
	r = sys(syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	expect("openat %ld AT_FDCWD (unreadable) O_RDONLY", r);
	/* socket addresses: unmapped, and a length far beyond any buffer */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	r = sys(syscall(SYS_connect, s, (void *)1, 16));
	expect("connect %ld %d (unreadable) 16", r, s);
	close(s);
}

/* Longer than the probe's string buffer and the kernel's PATH_MAX. */
static void long_path(void)
{
	size_t n = 3 * TR_MAX_STR;
	char *path = malloc(n + 1);
	long r;

	memset(path, 'p', n);
	path[0] = '/';
	path[n] = '\0';
	r = sys(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
	/* the first TR_MAX_STR - 1 bytes, and the mark of a cut */
	expect("openat %ld AT_FDCWD %.*s... O_RDONLY", r, TR_MAX_STR - 1, path);
	free(path);
}

/* Names built to break a line or a terminal: shown escaped, on one line. */
static void names(void)
{
	static const char name[] = "/nonexistent/a\nb\x1b[2J\x1b]0;owned\x07\xff\xfe\r\t\"q\\";
	long r = sys(syscall(SYS_openat, AT_FDCWD, name, O_RDONLY));
	expect("openat %ld AT_FDCWD \"/nonexistent/a\\nb\\e[2J\\e]0;owned\\x07\\xff\\xfe"
	       "\\r\\t\\\"q\\\\\" O_RDONLY",
	       r);
}

/* Exec with a bad argv: the kernel refuses; tracee shows what it could read. */
static void bad_argv(void)
{
	char *const envp[] = { NULL };
	char *const argv[] = { "tr-x", (char *)1, NULL };
	long r;

	/* an existing program: the kernel reads argv before it gives up */
	r = sys(syscall(SYS_execve, "/bin/true", argv, envp));
	expect("execve %ld /bin/true [tr-x (unreadable)]", r);
	r = sys(syscall(SYS_execve, "/bin/true", (char **)1, envp));
	expect("execve %ld /bin/true (unreadable)", r);
}

/* ---- TOCTOU: one buffer, rewritten by another thread during the calls */

static char toctou_path[] = "/tmp/tr-toctou-A";
static volatile int toctou_stop;

static void *flipper(void *arg)
{
	volatile char *c = toctou_path + strlen(toctou_path) - 1;
	(void)arg;
	while (!toctou_stop)
		*c = *c == 'A' ? 'B' : 'A';
	return NULL;
}

static int toctou(int n)
{
	pthread_t th;
	int ok = 0;

	close(open("/tmp/tr-toctou-A", O_CREAT | O_WRONLY, 0600));
	unlink("/tmp/tr-toctou-B");
	pthread_create(&th, NULL, flipper, NULL);
	for (int i = 0; i < n; i++) {
		int fd = (int)syscall(SYS_openat, AT_FDCWD, toctou_path, O_RDONLY);
		if (fd >= 0) {
			ok++;
			close(fd);
		}
	}
	toctou_stop = 1;
	pthread_join(th, NULL);
	unlink("/tmp/tr-toctou-A");
	printf("%d\n", ok);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "toctou") == 0)
		return toctou(atoi(argv[2]));
	if (argc != 2) {
		fprintf(stderr, "usage: %s EXPECTED-FILE | toctou N\n", argv[0]);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 2;
	pointers();
	long_path();
	names();
	bad_argv();
	fclose(out);
	return 0;
}
