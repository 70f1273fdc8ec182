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
 *
 * With "escaping EXPECTED-FILE", it renames itself to a command name made
 * of invisible characters (ESCAPING_COMM) and makes calls whose strings
 * (paths, argv entries, unix socket paths) hold characters a terminal
 * shows as nothing or as a space, or spell tracee's own marks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
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

/* ---- escaping: strings that would read as something else */

/* NO-BREAK SPACE and ZERO WIDTH SPACE in a command name; the test filters
 * on it (--comm) and expects it escaped in every line */
#define ESCAPING_COMM "tr\xc2\xa0" "esc\xe2\x80\x8b" "ape"

static void invisible_paths(void)
{
	long r;

	/* the report's example: it must not read as "rm -rf /" */
	r = sys(syscall(SYS_openat, AT_FDCWD, "/nonexistent/rm\xc2\xa0-rf\xe2\x80\x80/", O_RDONLY));
	expect("openat %ld AT_FDCWD \"/nonexistent/rm\\u{a0}-rf\\u{2000}/\" O_RDONLY", r);
	/* one of each kind: C1 (NEL), spaces (U+1680, U+200A, U+205F, U+3000),
	 * separators, zero-width and tag characters, direction marks,
	 * an override and isolates */
	r = sys(syscall(SYS_openat, AT_FDCWD,
			"/nonexistent/a\xc2\x85" "b\xe1\x9a\x80" "c\xe2\x80\x8a" "d\xe2\x81\x9f"
			"e\xe3\x80\x80" "f\xe2\x80\xa8" "g\xe2\x80\xa9" "h\xe2\x80\x8b"
			"i\xe2\x81\xa0" "j\xef\xbb\xbf" "k\xf3\xa0\x80\x81" "l\xf3\xa0\x81\xbf"
			"m\xe2\x80\x8e" "n\xe2\x80\x8f" "o\xd8\x9c" "p\xe2\x80\xae"
			"q\xe2\x81\xa6" "r\xe2\x81\xa9" "s",
			O_RDONLY));
	expect("openat %ld AT_FDCWD \"/nonexistent/a\\u{85}b\\u{1680}c\\u{200a}d\\u{205f}"
	       "e\\u{3000}f\\u{2028}g\\u{2029}h\\u{200b}i\\u{2060}j\\u{feff}k\\u{e0001}"
	       "l\\u{e007f}m\\u{200e}n\\u{200f}o\\u{61c}p\\u{202e}q\\u{2066}r\\u{2069}s\" O_RDONLY",
	       r);
	/* their printable neighbours are shown as they are, unquoted */
	static const char shown[] = "/nonexistent/\xc2\xa1\xe2\x80\x90\xe2\x81\xb0\xe3\x80\x81~";
	r = sys(syscall(SYS_openat, AT_FDCWD, shown, O_RDONLY));
	expect("openat %ld AT_FDCWD %s O_RDONLY", r, shown);
}

/* Strings that spell the table's marks, beside the marks themselves. */
static void marks(void)
{
	size_t n = 3 * TR_MAX_STR;
	char *path = malloc(n + 1);
	long r;

	r = sys(syscall(SYS_openat, AT_FDCWD, "NULL", O_RDONLY));
	expect("openat %ld AT_FDCWD \"NULL\" O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY));
	expect("openat %ld AT_FDCWD NULL O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, "(unreadable)", O_RDONLY));
	expect("openat %ld AT_FDCWD \"(unreadable)\" O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, (char *)1, O_RDONLY));
	expect("openat %ld AT_FDCWD (unreadable) O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, "(truncated)", O_RDONLY));
	expect("openat %ld AT_FDCWD \"(truncated)\" O_RDONLY", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, "/nonexistent/x...", O_RDONLY));
	expect("openat %ld AT_FDCWD \"/nonexistent/x...\" O_RDONLY", r);
	/* cut where the kept part itself ends in "...": quoted, then cut */
	memset(path, 'p', n);
	path[0] = '/';
	memcpy(path + TR_MAX_STR - 4, "...", 3);
	path[n] = '\0';
	r = sys(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
	expect("openat %ld AT_FDCWD \"%.*s\"... O_RDONLY", r, TR_MAX_STR - 1, path);
	memset(path + TR_MAX_STR - 4, 'p', 3);
	r = sys(syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
	expect("openat %ld AT_FDCWD %.*s... O_RDONLY", r, TR_MAX_STR - 1, path);
	free(path);
}

/* argv entries go through the same escaper. */
static void argv_entries(void)
{
	char *const envp[] = { NULL };
	char *const argv[] = { "tr-x", "...", "(unreadable)", "NULL", "a\xe2\x81\xa6" "b",
			       "c\xc2\xa0" "d", NULL };
	long r = sys(syscall(SYS_execve, "/nonexistent/tr-esc", argv, envp));
	expect("execve %ld /nonexistent/tr-esc [tr-x \"...\" \"(unreadable)\" \"NULL\" "
	       "\"a\\u{2066}b\" \"c\\u{a0}d\"]",
	       r);
}

/* bind(2) of a new socket to a unix path (abstract: `abstract` bytes
 * after the NUL); `shown` is the address as tracee must print it. */
static void bind_unix(const char *path, const char *abstract, size_t alen, const char *shown)
{
	struct sockaddr_un u = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(u);
	long s = sys(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0)), r;

	if (abstract) {
		memcpy(u.sun_path + 1, abstract, alen);
		len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + alen);
	} else {
		snprintf(u.sun_path, sizeof(u.sun_path), "%s", path);
	}
	r = sys(syscall(SYS_bind, s, &u, len));
	expect("bind %ld %ld %s %u", r, s, shown, len);
	close((int)s);
	if (!abstract)
		unlink(path);
}

/* Unix socket paths: bare only when absolute. */
static void socket_paths(void)
{
	char dir[] = "/tmp/tr-escape-XXXXXX", abs[128], shown[160];

	if (!mkdtemp(dir) || chdir(dir) != 0)
		exit(2);
	bind_unix("NULL", NULL, 0, "\"NULL\"");
	bind_unix("(unreadable)", NULL, 0, "\"(unreadable)\"");
	bind_unix("@x", NULL, 0, "\"@x\"");
	bind_unix("127.0.0.1:80", NULL, 0, "\"127.0.0.1:80\"");
	bind_unix("AF_UNIX(unnamed)", NULL, 0, "\"AF_UNIX(unnamed)\"");
	bind_unix(NULL, "x", 1, "@x");
	bind_unix(NULL, "x...", 4, "@\"x...\"");
	bind_unix(NULL, "tr-esc\xe2\x81\xa6", 9, "@\"tr-esc\\u{2066}\"");
	snprintf(abs, sizeof(abs), "%s/sock", dir);
	bind_unix(abs, NULL, 0, abs);
	snprintf(abs, sizeof(abs), "%s/s\xc2\xa0ock", dir);
	snprintf(shown, sizeof(shown), "\"%s/s\\u{a0}ock\"", dir);
	bind_unix(abs, NULL, 0, shown);
	if (chdir("/") != 0 || rmdir(dir) != 0)
		exit(2);
}

static int escaping(const char *expected)
{
	out = fopen(expected, "w");
	if (!out)
		return 2;
	prctl(PR_SET_NAME, ESCAPING_COMM, 0, 0, 0);
	invisible_paths();
	marks();
	argv_entries();
	socket_paths();
	fclose(out);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "toctou") == 0)
		return toctou(atoi(argv[2]));
	if (argc == 3 && strcmp(argv[1], "escaping") == 0)
		return escaping(argv[2]);
	if (argc != 2) {
		fprintf(stderr, "usage: %s EXPECTED-FILE | toctou N | escaping EXPECTED-FILE\n",
			argv[0]);
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
