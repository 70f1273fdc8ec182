// SPDX-License-Identifier: GPL-2.0
/*
 * syscalls.c - makes every event tracee traces, with known arguments, and
 * writes the line tracee must print for each to the file named by argv[1]:
 *
 *   [@PID ]EVENT RET ARGS
 *
 * RET is always the kernel's real answer (so the expectations hold on any
 * kernel); `@PID` marks an event of a child process. The first line,
 * "#self ...", gives this process's own view of its identity for the
 * driver to compare with the header columns.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expect.h"

static char dir[256];

static ino_t ns_ino(const char *name)
{
	char p[64];
	struct stat st;
	snprintf(p, sizeof(p), "/proc/self/ns/%s", name);
	return stat(p, &st) == 0 ? st.st_ino : 0;
}

static void path_in_dir(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", dir, name);
}

static void files(void)
{
	char p1[PATH_MAX], p2[PATH_MAX], p3[PATH_MAX];
	struct stat st;
	long r, fd, d;

	r = sys(syscall(SYS_open, "/etc/passwd", O_RDONLY));
	expect("open %ld /etc/passwd O_RDONLY", r);
	fd = r;
	r = sys(syscall(SYS_open, "/nonexistent/tracee", O_WRONLY | O_CREAT | O_APPEND, 0640));
	expect("open %ld /nonexistent/tracee O_WRONLY|O_CREAT|O_APPEND 0640", r);
	r = sys(syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY | O_CLOEXEC));
	expect("openat %ld AT_FDCWD /etc/hostname O_RDONLY|O_CLOEXEC", r);
	close((int)r);
	expect("close 0 %ld", r);
	r = sys(syscall(SYS_fstat, fd, &st));
	expect("fstat %ld %ld", r, fd);
	r = sys(syscall(SYS_stat, "/etc/passwd", &st));
	expect("stat %ld /etc/passwd", r);
	r = sys(syscall(SYS_lstat, "/nonexistent", &st));
	expect("lstat %ld /nonexistent", r);
	r = sys(syscall(SYS_newfstatat, AT_FDCWD, "/etc/passwd", &st, AT_SYMLINK_NOFOLLOW));
	expect("newfstatat %ld AT_FDCWD /etc/passwd AT_SYMLINK_NOFOLLOW", r);
	{
		char stx[256];
		r = sys(syscall(SYS_statx, AT_FDCWD, "/etc/passwd", 0, 0x7ff, stx));
		expect("statx %ld AT_FDCWD /etc/passwd 0 STATX_BASIC_STATS", r);
	}
	r = sys(syscall(SYS_dup, fd));
	expect("dup %ld %ld", r, fd);
	close((int)r);
	expect("close 0 %ld", r);
	r = sys(syscall(SYS_dup2, fd, 100));
	expect("dup2 %ld %ld 100", r, fd);
	r = sys(syscall(SYS_dup3, fd, 101, O_CLOEXEC));
	expect("dup3 %ld %ld 101 O_CLOEXEC", r, fd);
	r = sys(syscall(SYS_close, 100));
	expect("close %ld 100", r);
	r = sys(syscall(SYS_close, 101));
	expect("close %ld 101", r);
	r = sys(syscall(SYS_close, 9999));
	expect("close %ld 9999", r);
	r = sys(syscall(SYS_ioctl, fd, 0x5401 /* TCGETS */, &st));
	expect("ioctl %ld %ld TCGETS", r, fd);
	r = sys(syscall(SYS_access, "/etc/passwd", R_OK | W_OK));
	expect("access %ld /etc/passwd R_OK|W_OK", r);
	r = sys(syscall(SYS_access, "/nonexistent", F_OK));
	expect("access %ld /nonexistent F_OK", r);
	r = sys(syscall(SYS_faccessat, AT_FDCWD, "/etc/passwd", X_OK));
	expect("faccessat %ld AT_FDCWD /etc/passwd X_OK", r);
	r = sys(syscall(439 /* faccessat2 */, AT_FDCWD, "/etc/passwd", R_OK, AT_EACCESS));
	expect("faccessat2 %ld AT_FDCWD /etc/passwd R_OK AT_EACCESS", r);

	path_in_dir(p1, "fifo1");
	r = sys(syscall(SYS_mknod, p1, S_IFIFO | 0644, 0));
	expect("mknod %ld %s S_IFIFO|0644 0:0", r, p1);
	path_in_dir(p2, "fifo2");
	r = sys(syscall(SYS_mknodat, AT_FDCWD, p2, S_IFIFO | 0600, 0));
	expect("mknodat %ld AT_FDCWD %s S_IFIFO|0600 0:0", r, p2);
	path_in_dir(p3, "created");
	r = sys(syscall(SYS_creat, p3, 0600));
	expect("creat %ld %s 0600", r, p3);
	close((int)r);
	expect("close 0 %ld", r);
	path_in_dir(p1, "link1");
	r = sys(syscall(SYS_symlink, "/etc/passwd", p1));
	expect("symlink %ld /etc/passwd %s", r, p1);
	r = sys(syscall(SYS_symlinkat, "target with space", AT_FDCWD, "/nonexistent/link"));
	expect("symlinkat %ld \"target with space\" AT_FDCWD /nonexistent/link", r);
	{
		struct open_how how = { .flags = O_RDONLY, .resolve = RESOLVE_NO_SYMLINKS };
		r = sys(syscall(437 /* openat2 */, AT_FDCWD, "/etc/passwd", &how, sizeof(how)));
		expect("openat2 %ld AT_FDCWD /etc/passwd {flags=O_RDONLY,resolve=RESOLVE_NO_SYMLINKS}",
		       r);
		if (r >= 0) {
			close((int)r);
			expect("close 0 %ld", r);
		}
	}
	d = sys(syscall(SYS_open, dir, O_RDONLY | O_DIRECTORY));
	expect("open %ld %s O_RDONLY|O_DIRECTORY", d, dir);
	{
		char buf[4096];
		r = sys(syscall(SYS_getdents64, d, buf, sizeof(buf)));
		expect("getdents64 %ld %ld 4096", r, d);
		r = sys(syscall(SYS_getdents, d, buf, sizeof(buf)));
		expect("getdents %ld %ld 4096", r, d);
	}
	close((int)d);
	expect("close 0 %ld", d);
	r = sys(syscall(SYS_memfd_create, "tracee-memfd", MFD_CLOEXEC));
	expect("memfd_create %ld tracee-memfd MFD_CLOEXEC", r);
	close((int)r);
	expect("close 0 %ld", r);
	/* names a terminal must not act on, shown escaped */
	r = sys(syscall(SYS_open, "/nonexistent/a\nb\x1b[31mc", O_RDONLY));
	expect("open %ld \"/nonexistent/a\\nb\\e[31mc\" O_RDONLY", r);
	r = sys(syscall(SYS_open, NULL, O_RDONLY));
	expect("open %ld NULL O_RDONLY", r);
	r = sys(syscall(SYS_open, (char *)8, O_RDONLY));
	expect("open %ld (unreadable) O_RDONLY", r);
	close((int)fd);
	expect("close 0 %ld", fd);
}

static void memory(void)
{
	long r;
	void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	expect("mmap %p 0x0 8192 PROT_READ|PROT_WRITE MAP_PRIVATE|MAP_ANONYMOUS -1 0x0", p);
	r = sys(syscall(SYS_mprotect, p, 4096, PROT_READ));
	expect("mprotect %ld %p 4096 PROT_READ", r, p);
	{
		char src[16] = "tracee", dst[16];
		struct iovec l = { dst, sizeof(dst) }, rm = { src, sizeof(src) };
		r = sys(syscall(SYS_process_vm_readv, getpid(), &l, 1, &rm, 1, 0));
		expect("process_vm_readv %ld %d %p 1 %p 1 0", r, getpid(), (void *)&l, (void *)&rm);
		r = sys(syscall(SYS_process_vm_writev, getpid(), &rm, 1, &l, 1, 0));
		expect("process_vm_writev %ld %d %p 1 %p 1 0", r, getpid(), (void *)&rm, (void *)&l);
	}
}

/* A new socket connects to the listening socket s, which accepts it (with
 * accept4 and SOCK_CLOEXEC, or accept): the peer is the client's address. */
static long connect_and_accept(long s, struct sockaddr_in *a, int port, bool four)
{
	struct sockaddr_in peer, local;
	socklen_t plen = sizeof(peer), llen = sizeof(local);
	long c, r;

	c = sys(syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	expect("socket %ld AF_INET SOCK_STREAM 0", c);
	r = sys(syscall(SYS_connect, c, a, sizeof(*a)));
	expect("connect %ld %ld 127.0.0.1:%d 16", r, c, port);
	getsockname((int)c, (struct sockaddr *)&local, &llen);
	if (four) {
		r = sys(syscall(SYS_accept4, s, &peer, &plen, SOCK_CLOEXEC));
		expect("accept4 %ld %ld 127.0.0.1:%d SOCK_CLOEXEC", r, s, ntohs(local.sin_port));
	} else {
		r = sys(syscall(SYS_accept, s, &peer, &plen));
		expect("accept %ld %ld 127.0.0.1:%d", r, s, ntohs(local.sin_port));
	}
	return r;
}

static void net(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	socklen_t len = sizeof(a);
	long s, r;
	int port;

	s = sys(syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
	expect("socket %ld AF_INET SOCK_STREAM|SOCK_CLOEXEC 0", s);
	r = sys(syscall(SYS_bind, s, &a, sizeof(a)));
	expect("bind %ld %ld 127.0.0.1:0 16", r, s);
	r = sys(syscall(SYS_getsockname, s, &a, &len));
	port = ntohs(a.sin_port);
	expect("getsockname %ld %ld 127.0.0.1:%d", r, s, port);
	r = sys(syscall(SYS_listen, s, 8));
	expect("listen %ld %ld 8", r, s);
	r = connect_and_accept(s, &a, port, true);
	close((int)r);
	expect("close 0 %ld", r);
	connect_and_accept(s, &a, port, false);
	fcntl((int)s, F_SETFL, O_NONBLOCK);
	r = sys(syscall(SYS_accept4, s, NULL, NULL, SOCK_NONBLOCK));
	expect("accept4 %ld %ld NULL SOCK_NONBLOCK", r, s);

	s = sys(syscall(SYS_socket, AF_INET6, SOCK_DGRAM, 0));
	expect("socket %ld AF_INET6 SOCK_DGRAM 0", s);
	a6.sin6_port = htons(9);
	r = sys(syscall(SYS_connect, s, &a6, sizeof(a6)));
	expect("connect %ld %ld [::1]:9 28", r, s);

	s = sys(syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0));
	expect("socket %ld AF_UNIX SOCK_DGRAM 0", s);
	{
		struct sockaddr_un u = { .sun_family = AF_UNIX };
		snprintf(u.sun_path, sizeof(u.sun_path), "%.90s/sock", dir);
		r = sys(syscall(SYS_bind, s, &u, sizeof(u)));
		expect("bind %ld %ld %s %zu", r, s, u.sun_path, sizeof(u));
	}
	s = sys(syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0));
	expect("socket %ld AF_UNIX SOCK_STREAM 0", s);
	{
		struct sockaddr_un u = { .sun_family = AF_UNIX };
		const char name[] = "tracee-abstract";
		memcpy(u.sun_path + 1, name, sizeof(name) - 1);
		socklen_t ul = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + sizeof(name) - 1);
		r = sys(syscall(SYS_bind, s, &u, ul));
		expect("bind %ld %ld @tracee-abstract %u", r, s, ul);
	}
	r = sys(syscall(SYS_socket, AF_INET, SOCK_RAW, IPPROTO_ICMP));
	expect("cap_capable 0 CAP_NET_RAW");
	expect("socket %ld AF_INET SOCK_RAW 1", r);
}

static void procs(void)
{
	long r;
	pid_t child;
	int status;

	/* credentials: a child gives up root. A '?' line is expected only
	 * where the event can be traced (commit_creds needs kprobes). */
	child = fork();
	if (child == 0) {
		if (getuid() == 0 && syscall(SYS_setresuid, 65534, 65534, 65534) == 0)
			expect("?@%d commit_creds 0 0->65534 0->65534 0->0 0->0 0 0", getpid());
		_exit(0);
	}
	waitpid(child, &status, 0);
	r = sys(syscall(SYS_kill, getpid(), 0));
	expect("kill %ld %d 0", r, getpid());
	r = sys(syscall(SYS_kill, INT_MAX, SIGKILL));
	expect("kill %ld %d SIGKILL", r, INT_MAX);
	r = sys(syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0));
	expect("prctl %ld PR_GET_DUMPABLE 0x0 0x0 0x0 0x0", r);
	r = sys(syscall(SYS_ptrace, PTRACE_ATTACH, INT_MAX, 0, 0));
	expect("ptrace %ld PTRACE_ATTACH %d 0x0 0x0", r, INT_MAX);
	r = sys(syscall(SYS_init_module, NULL, 0, ""));
	expect("?init_module %ld 0x0 0 \"\"", r);
	r = sys(syscall(SYS_finit_module, -1, "", 0));
	expect("?finit_module %ld -1 \"\" 0", r);
	r = sys(syscall(SYS_delete_module, "tracee_none", O_NONBLOCK));
	expect("?delete_module %ld tracee_none O_NONBLOCK", r);

	child = (pid_t)syscall(SYS_fork);
	if (child == 0)
		_exit(7);
	expect("fork %d", child);
	waitpid(child, &status, 0);
	expect("@%d do_exit 7 status=7", child);

	child = vfork();
	if (child == 0)
		_exit(0);
	expect("vfork %d", child);
	waitpid(child, &status, 0);
	expect("@%d do_exit 0 status=0", child);

	child = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
	if (child == 0)
		_exit(0);
	expect("clone %d SIGCHLD", child);
	waitpid(child, &status, 0);

	{
		struct clone_args ca = { .exit_signal = SIGCHLD };
		child = (pid_t)syscall(435 /* clone3 */, &ca, sizeof(ca));
		if (child == 0)
			_exit(0);
		expect("clone3 %d {flags=0}", child);
		if (child > 0)
			waitpid(child, &status, 0);
	}

	/* a failing exec, with argv, from a child */
	child = fork();
	if (child == 0) {
		char *const argv[] = { "tracee-x", "a b", "", "c", NULL };
		char *const envp[] = { NULL };
		long e = sys(syscall(SYS_execve, "/nonexistent/tracee-x", argv, envp));
		expect("@%d execve %ld /nonexistent/tracee-x [tracee-x \"a b\" \"\" c]", getpid(), e);
		e = sys(syscall(SYS_execveat, AT_FDCWD, "/nonexistent/tracee-y", argv, envp, 0));
		expect("@%d execveat %ld AT_FDCWD /nonexistent/tracee-y [tracee-x \"a b\" \"\" c] 0",
		       getpid(), e);
		e = sys(syscall(SYS_execve, "/nonexistent/tracee-z", NULL, envp));
		expect("@%d execve %ld /nonexistent/tracee-z NULL", getpid(), e);
		_exit(0);
	}
	waitpid(child, &status, 0);

	/* a child killed by a signal */
	child = fork();
	if (child == 0) {
		pause();
		_exit(0);
	}
	r = sys(syscall(SYS_kill, child, SIGKILL));
	expect("kill %ld %d SIGKILL", r, child);
	waitpid(child, &status, 0);
	expect("@%d do_exit 137 signal=SIGKILL", child);
}

/*
 * execveat(dfd, name, [tr-at], {}, flags) in a child. A successful exec
 * cannot report back, so the line is written once the child is gone: ret 0
 * when its program ran (/bin/true exits 0), else the errno it exited with.
 * `shown` is what tracee must print for dirfd and pathname.
 */
static void execveat_child(int dfd, const char *name, int flags, const char *shown)
{
	char *const argv[] = { "tr-at", NULL };
	char *const envp[] = { NULL };
	int status = 0;
	long ret;
	pid_t child = fork();

	if (child == 0) {
		syscall(SYS_execveat, dfd, name, argv, envp, flags);
		_exit(100 + errno);
	}
	waitpid(child, &status, 0);
	ret = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -(WEXITSTATUS(status) - 100);
	expect("@%d execveat %ld %s [tr-at] %s", child, ret, shown,
	       flags & AT_EMPTY_PATH ? "AT_EMPTY_PATH" : "0");
}

/* execveat's pathname resolved against its directory fd. */
static void exec_at(void)
{
	char real[PATH_MAX], p[PATH_MAX], shown[2 * PATH_MAX], buf[65536];
	int dfd, fd, n;

	if (!realpath(dir, real))
		return;
	dfd = open(dir, O_PATH | O_DIRECTORY);
	/* relative to a directory fd: failing, and running a program */
	snprintf(shown, sizeof(shown), "%d %s/tracee-missing", dfd, real);
	execveat_child(dfd, "tracee-missing", 0, shown);
	path_in_dir(p, "tr-true");
	if (symlink("/bin/true", p) == 0) {
		snprintf(shown, sizeof(shown), "%d %s/tr-true", dfd, real);
		execveat_child(dfd, "tr-true", 0, shown);
	}
	/* relative to the working directory */
	if (chdir(dir) == 0) {
		snprintf(shown, sizeof(shown), "AT_FDCWD %s/tracee-missing", real);
		execveat_child(AT_FDCWD, "tracee-missing", 0, shown);
		chdir("/");
	}
	/* not an open fd: nothing to resolve against, shown as given */
	execveat_child(987, "tracee-missing", 0, "987 tracee-missing");
	/* an absolute name ignores the fd */
	snprintf(shown, sizeof(shown), "%d /nonexistent/tracee-abs", dfd);
	execveat_child(dfd, "/nonexistent/tracee-abs", 0, shown);
	close(dfd);

	/* AT_EMPTY_PATH: the fd's own file; close-on-exec, so it is gone by
	 * the time the new program runs */
	fd = open("/bin/true", O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && realpath("/bin/true", real)) {
		snprintf(shown, sizeof(shown), "%d %s", fd, real);
		execveat_child(fd, "", AT_EMPTY_PATH, shown);
		close(fd);
	}
	fd = open("/etc/passwd", O_RDONLY);
	snprintf(shown, sizeof(shown), "%d /etc/passwd", fd);
	execveat_child(fd, "", AT_EMPTY_PATH, shown); /* not executable */
	close(fd);
	/* a program run from memory (memfd): no directory, an unlinked file */
	fd = (int)syscall(SYS_memfd_create, "tr-fileless", MFD_CLOEXEC);
	int src = open("/bin/true", O_RDONLY);
	while (fd >= 0 && src >= 0 && (n = (int)read(src, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			break;
	close(src);
	snprintf(shown, sizeof(shown), "%d \"/memfd:tr-fileless (deleted)\"", fd);
	execveat_child(fd, "", AT_EMPTY_PATH, shown);
	close(fd);

	/* deeper than the probe walks (32 names): the path begins with "..." */
	snprintf(p, sizeof(p), "%s", dir);
	for (int i = 0; i < 40; i++) {
		strcat(p, "/d");
		mkdir(p, 0755);
	}
	dfd = open(p, O_PATH | O_DIRECTORY);
	n = snprintf(shown, sizeof(shown), "%d ...", dfd);
	for (int i = 0; i < 32; i++)
		n += snprintf(shown + n, sizeof(shown) - (size_t)n, "/d");
	snprintf(shown + n, sizeof(shown) - (size_t)n, "/tracee-missing");
	execveat_child(dfd, "tracee-missing", 0, shown);
	close(dfd);
}

int main(int argc, char **argv)
{
	char uts[128] = "";

	if (argc < 3) {
		fprintf(stderr, "usage: %s EXPECTED-FILE SCRATCH-DIR\n", argv[0]);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 2;
	snprintf(dir, sizeof(dir), "%s", argv[2]);
	gethostname(uts, sizeof(uts));
	expect("#self pid=%d ppid=%d uid=%d mnt=%lu pidns=%lu uts=%s", getpid(), getppid(),
	       getuid(), (unsigned long)ns_ino("mnt"), (unsigned long)ns_ino("pid"), uts);
	files();
	memory();
	net();
	procs();
	exec_at();
	expect("do_exit 3 status=3");
	fclose(out);
	return 3;
}
