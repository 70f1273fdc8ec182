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
#include <linux/capability.h>
#include <linux/io_uring.h>
#include <linux/openat2.h>
#include <linux/perf_event.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
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
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
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
 * The calls decoded in depth, beyond the default selection (test_events.py
 * selects them by name): each succeeding and failing where it can, with
 * arguments that change nothing outside this test's scratch directory;
 * what changes a process (credentials, namespaces, mounts, its name) is
 * done in a child.
 */
static void files_deep(void)
{
	char p1[PATH_MAX], p2[PATH_MAX], p3[PATH_MAX], buf[256];
	long r, fd, in;

	path_in_dir(p1, "dir1");
	r = sys(syscall(SYS_mkdir, p1, 0750));
	expect("mkdir %ld %s 0750", r, p1);
	r = sys(syscall(SYS_mkdir, p1, 0750));
	expect("mkdir %ld %s 0750", r, p1);
	path_in_dir(p2, "dir2");
	r = sys(syscall(SYS_mkdirat, AT_FDCWD, p2, 0700));
	expect("mkdirat %ld AT_FDCWD %s 0700", r, p2);
	r = sys(syscall(SYS_rmdir, p1));
	expect("rmdir %ld %s", r, p1);
	r = sys(syscall(SYS_rmdir, "/nonexistent/tracee-dir"));
	expect("rmdir %ld /nonexistent/tracee-dir", r);
	r = sys(syscall(SYS_unlinkat, AT_FDCWD, p2, AT_REMOVEDIR));
	expect("unlinkat %ld AT_FDCWD %s AT_REMOVEDIR", r, p2);
	r = sys(syscall(SYS_unlinkat, AT_FDCWD, "/nonexistent/tracee-u", 0));
	expect("unlinkat %ld AT_FDCWD /nonexistent/tracee-u 0", r);

	path_in_dir(p1, "file1");
	fd = open(p1, O_CREAT | O_WRONLY, 0600);
	r = sys(syscall(SYS_chmod, p1, 0640));
	expect("chmod %ld %s 0640", r, p1);
	r = sys(syscall(SYS_chmod, "/nonexistent/tracee-c", 04755));
	expect("chmod %ld /nonexistent/tracee-c 04755", r);
	r = sys(syscall(SYS_fchmod, fd, 0600));
	expect("fchmod %ld %ld 0600", r, fd);
	r = sys(syscall(SYS_fchmodat, AT_FDCWD, p1, 0644));
	expect("fchmodat %ld AT_FDCWD %s 0644", r, p1);
	r = sys(syscall(SYS_chown, p1, -1, -1));
	expect("chown %ld %s -1 -1", r, p1);
	r = sys(syscall(SYS_fchown, fd, 0, 0));
	expect("fchown %ld %ld 0 0", r, fd);
	r = sys(syscall(SYS_lchown, "/nonexistent/tracee-l", 65534, 65534));
	expect("lchown %ld /nonexistent/tracee-l 65534 65534", r);
	r = sys(syscall(SYS_fchownat, AT_FDCWD, p1, -1, 0, AT_SYMLINK_NOFOLLOW));
	expect("fchownat %ld AT_FDCWD %s -1 0 AT_SYMLINK_NOFOLLOW", r, p1);
	r = sys(syscall(SYS_truncate, p1, 3));
	expect("truncate %ld %s 3", r, p1);
	r = sys(syscall(SYS_truncate, "/nonexistent/tracee-t", -1L));
	expect("truncate %ld /nonexistent/tracee-t -1", r);
	r = sys(syscall(SYS_ftruncate, fd, 0));
	expect("ftruncate %ld %ld 0", r, fd);
	r = sys(syscall(SYS_ftruncate, 9999, 1));
	expect("ftruncate %ld 9999 1", r);
	r = sys(syscall(SYS_fcntl, fd, F_GETFD, 0));
	expect("fcntl %ld %ld F_GETFD 0", r, fd);
	r = sys(syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK));
	expect("fcntl %ld %ld F_SETFL %d", r, fd, O_NONBLOCK);
	r = sys(syscall(SYS_fcntl, 9999, F_DUPFD_CLOEXEC, 10));
	expect("fcntl %ld 9999 F_DUPFD_CLOEXEC 10", r);

	path_in_dir(p2, "file2");
	r = sys(syscall(SYS_rename, p1, p2));
	expect("rename %ld %s %s", r, p1, p2);
	r = sys(syscall(SYS_rename, p1, p2));
	expect("rename %ld %s %s", r, p1, p2);
	r = sys(syscall(SYS_renameat, AT_FDCWD, p2, AT_FDCWD, p1));
	expect("renameat %ld AT_FDCWD %s AT_FDCWD %s", r, p2, p1);
	r = sys(syscall(SYS_renameat2, AT_FDCWD, p1, AT_FDCWD, p2, RENAME_NOREPLACE));
	expect("renameat2 %ld AT_FDCWD %s AT_FDCWD %s RENAME_NOREPLACE", r, p1, p2);
	r = sys(syscall(SYS_renameat2, AT_FDCWD, p2, AT_FDCWD, p1, RENAME_NOREPLACE | RENAME_EXCHANGE));
	expect("renameat2 %ld AT_FDCWD %s AT_FDCWD %s RENAME_NOREPLACE|RENAME_EXCHANGE", r, p2, p1);
	path_in_dir(p3, "hard");
	r = sys(syscall(SYS_link, p2, p3));
	expect("link %ld %s %s", r, p2, p3);
	r = sys(syscall(SYS_link, "/nonexistent/tracee-a", p3));
	expect("link %ld /nonexistent/tracee-a %s", r, p3);
	r = sys(syscall(SYS_linkat, AT_FDCWD, p2, AT_FDCWD, p3, AT_SYMLINK_FOLLOW));
	expect("linkat %ld AT_FDCWD %s AT_FDCWD %s AT_SYMLINK_FOLLOW", r, p2, p3);
	r = sys(syscall(SYS_unlink, p3));
	expect("unlink %ld %s", r, p3);
	r = sys(syscall(SYS_unlink, p3));
	expect("unlink %ld %s", r, p3);
	{
		struct timespec ts[2] = { { 1, 2 }, { 0, UTIME_OMIT } };
		r = sys(syscall(SYS_utimensat, AT_FDCWD, p2, ts, 0));
		expect("utimensat %ld AT_FDCWD %s [{tv_sec=1,tv_nsec=2},UTIME_OMIT] 0", r, p2);
		r = sys(syscall(SYS_utimensat, AT_FDCWD, "/nonexistent/tracee-m", NULL,
				AT_SYMLINK_NOFOLLOW));
		expect("utimensat %ld AT_FDCWD /nonexistent/tracee-m NULL AT_SYMLINK_NOFOLLOW", r);
	}
	{
		static char room[sizeof(struct file_handle) + 128];
		struct file_handle *h = (struct file_handle *)room;
		int mnt = 0, mfd = open(dir, O_RDONLY | O_DIRECTORY);
		h->handle_bytes = 128;
		r = sys(syscall(SYS_name_to_handle_at, AT_FDCWD, p2, h, &mnt, 0));
		expect("name_to_handle_at %ld AT_FDCWD %s %p %p 0", r, p2, (void *)h, (void *)&mnt);
		r = sys(syscall(SYS_name_to_handle_at, AT_FDCWD, "/nonexistent/tracee-h", h, &mnt,
				AT_SYMLINK_FOLLOW));
		expect("name_to_handle_at %ld AT_FDCWD /nonexistent/tracee-h %p %p AT_SYMLINK_FOLLOW",
		       r, (void *)h, (void *)&mnt);
		r = sys(syscall(SYS_open_by_handle_at, mfd, h, O_RDONLY));
		expect("open_by_handle_at %ld %d %p O_RDONLY", r, mfd, (void *)h);
		r = sys(syscall(SYS_open_by_handle_at, 9999, h, O_RDWR | O_CLOEXEC));
		expect("open_by_handle_at %ld 9999 %p O_RDWR|O_CLOEXEC", r, (void *)h);
		close(mfd);
	}
	/* the symbolic link files() made: its target, as the call read it */
	path_in_dir(p1, "link1");
	r = sys(syscall(SYS_readlink, p1, buf, sizeof(buf)));
	expect("readlink %ld %s /etc/passwd 256", r, p1);
	r = sys(syscall(SYS_readlink, p1, buf, 4));
	expect("readlink %ld %s /etc 4", r, p1);
	r = sys(syscall(SYS_readlink, "/nonexistent/tracee-r", buf, sizeof(buf)));
	expect("readlink %ld /nonexistent/tracee-r %p 256", r, (void *)buf);
	r = sys(syscall(SYS_readlinkat, AT_FDCWD, p1, buf, sizeof(buf)));
	expect("readlinkat %ld AT_FDCWD %s /etc/passwd 256", r, p1);
	in = inotify_init1(IN_CLOEXEC);
	r = sys(syscall(SYS_inotify_add_watch, in, dir, IN_CREATE | IN_DELETE | IN_ONLYDIR));
	expect("inotify_add_watch %ld %ld %s IN_CREATE|IN_DELETE|IN_ONLYDIR", r, in, dir);
	r = sys(syscall(SYS_inotify_add_watch, in, "/nonexistent/tracee-i", IN_ALL_EVENTS));
	expect("inotify_add_watch %ld %ld /nonexistent/tracee-i IN_ALL_EVENTS", r, in);
	close((int)in);
	close((int)fd);
}

/* Credentials, a process name, namespaces and mounts: in a child. */
static void privileges(void)
{
	int status;
	pid_t child = fork();

	if (child == 0) {
		struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct data[2] = {
			{ .effective = 1u << CAP_CHOWN | 1u << CAP_KILL,
			  .permitted = 1u << CAP_CHOWN | 1u << CAP_KILL },
		};
		int me = getpid();
		long r;

		r = sys(syscall(SYS_prctl, PR_SET_NAME, "tr-renamed", 0, 0, 0));
		expect("@%d prctl %ld PR_SET_NAME tr-renamed 0x0 0x0 0x0", me, r);
		r = syscall(SYS_setfsuid, 1000); /* the previous fsuid, never an error */
		expect("@%d setfsuid %ld 1000", me, r);
		r = syscall(SYS_setfsuid, 0);
		expect("@%d setfsuid %ld 0", me, r);
		r = syscall(SYS_setfsgid, 1000);
		expect("@%d setfsgid %ld 1000", me, r);
		r = syscall(SYS_setfsgid, 0);
		expect("@%d setfsgid %ld 0", me, r);
		r = sys(syscall(SYS_setresgid, -1, 65534, -1));
		expect("@%d setresgid %ld -1 65534 -1", me, r);
		r = sys(syscall(SYS_setregid, -1, -1));
		expect("@%d setregid %ld -1 -1", me, r);
		r = sys(syscall(SYS_setgid, 0));
		expect("@%d setgid %ld 0", me, r);
		r = sys(syscall(SYS_setreuid, -1, 0));
		expect("@%d setreuid %ld -1 0", me, r);
		r = sys(syscall(SYS_capset, &hdr, data));
		expect("@%d capset %ld {version=_LINUX_CAPABILITY_VERSION_3,pid=0} "
		       "{effective=CAP_CHOWN|CAP_KILL,permitted=CAP_CHOWN|CAP_KILL,inheritable=0}",
		       me, r);
		/* refused; the kernel writes the version it prefers back into the
		 * header, which is read at exit */
		hdr.version = 0x12345678;
		r = sys(syscall(SYS_capset, &hdr, data));
		expect("@%d capset %ld {version=%s,pid=0} "
		       "{effective=CAP_CHOWN|CAP_KILL,permitted=CAP_CHOWN|CAP_KILL,inheritable=0}",
		       me, r, hdr.version == _LINUX_CAPABILITY_VERSION_3 ? "_LINUX_CAPABILITY_VERSION_3"
									 : "0x12345678");
		r = sys(syscall(SYS_setresuid, 65534, 65534, 65534));
		expect("@%d setresuid %ld 65534 65534 65534", me, r);
		r = sys(syscall(SYS_setuid, 0));
		expect("@%d setuid %ld 0", me, r);
		_exit(0);
	}
	waitpid(child, &status, 0);

	child = fork();
	if (child == 0) {
		char target[PATH_MAX];
		int me = getpid(), nsfd;
		long r;

		r = sys(syscall(SYS_unshare, CLONE_NEWNS | CLONE_NEWUTS));
		expect("@%d unshare %ld CLONE_NEWNS|CLONE_NEWUTS", me, r);
		r = sys(syscall(SYS_unshare, 0x1));
		expect("@%d unshare %ld 0x1", me, r);
		nsfd = open("/proc/self/ns/uts", O_RDONLY);
		r = sys(syscall(SYS_setns, nsfd, CLONE_NEWUTS));
		expect("@%d setns %ld %d CLONE_NEWUTS", me, r, nsfd);
		r = sys(syscall(SYS_setns, 9999, 0));
		expect("@%d setns %ld 9999 0", me, r);
		r = sys(syscall(SYS_sethostname, "tracee-ns", 9));
		expect("@%d sethostname %ld tracee-ns 9", me, r);
		r = sys(syscall(SYS_sethostname, "abcdef", 3)); /* no NUL: 3 bytes */
		expect("@%d sethostname %ld abc 3", me, r);
		r = sys(syscall(SYS_setdomainname, "tracee-domain", 13));
		expect("@%d setdomainname %ld tracee-domain 13", me, r);
		/* nothing mounted here reaches the parent's namespace */
		r = sys(syscall(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		expect("@%d mount %ld NULL / NULL MS_REC|MS_PRIVATE 0x0", me, r);
		path_in_dir(target, "mnt");
		mkdir(target, 0755);
		r = sys(syscall(SYS_mount, "none", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m"));
		expect("@%d mount %ld none %s tmpfs MS_NOSUID|MS_NODEV %p", me, r, target,
		       (void *)"size=1m");
		r = sys(syscall(SYS_mount, "none", "/nonexistent/tracee-m", "tmpfs", 0, NULL));
		expect("@%d mount %ld none /nonexistent/tracee-m tmpfs 0 0x0", me, r);
		r = sys(syscall(SYS_umount2, target, MNT_DETACH));
		expect("@%d umount2 %ld %s MNT_DETACH", me, r, target);
		r = sys(syscall(SYS_umount2, "/nonexistent/tracee-m", MNT_FORCE | UMOUNT_NOFOLLOW));
		expect("@%d umount2 %ld /nonexistent/tracee-m MNT_FORCE|UMOUNT_NOFOLLOW", me, r);
		r = sys(syscall(SYS_pivot_root, "/nonexistent/tracee-a", "/nonexistent/tracee-b"));
		expect("@%d pivot_root %ld /nonexistent/tracee-a /nonexistent/tracee-b", me, r);
		r = sys(syscall(SYS_chroot, "/nonexistent/tracee-c"));
		expect("@%d chroot %ld /nonexistent/tracee-c", me, r);
		r = sys(syscall(SYS_chroot, "/"));
		expect("@%d chroot %ld /", me, r);
		r = sys(syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE));
		expect("@%d personality %ld PER_LINUX|ADDR_NO_RANDOMIZE", me, r);
		r = sys(syscall(SYS_personality, PER_LINUX));
		expect("@%d personality %ld PER_LINUX", me, r);
		_exit(0);
	}
	waitpid(child, &status, 0);
}

/* The kernel's surface: calls that fail before they do anything, or
 * whose success changes nothing outside this process. reboot is given a
 * bad first magic number, kexec invalid flags, seccomp a query. */
static void kernel_surface(void)
{
	long r;

	r = sys(syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, NULL, 0));
	expect("bpf %ld BPF_PROG_LOAD 0x0 0", r);
	r = sys(syscall(SYS_bpf, 999, NULL, 0));
	expect("bpf %ld 999 0x0 0", r);
	{
		struct perf_event_attr pa = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(pa),
					      .config = PERF_COUNT_SW_DUMMY };
		r = sys(syscall(SYS_perf_event_open, &pa, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
		expect("perf_event_open %ld {type=PERF_TYPE_SOFTWARE,size=%u,config=%d} 0 -1 -1 "
		       "PERF_FLAG_FD_CLOEXEC", r, (unsigned)sizeof(pa), PERF_COUNT_SW_DUMMY);
		if (r >= 0)
			close((int)r);
		r = sys(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
		expect("perf_event_open %ld NULL 0 -1 -1 0", r);
	}
	/* magic1 is wrong: refused before the command is looked at */
	r = sys(syscall(SYS_reboot, 0x1234, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_HALT, NULL));
	expect("reboot %ld 0x1234 LINUX_REBOOT_MAGIC2 LINUX_REBOOT_CMD_HALT 0x0", r);
	/* invalid flags (kexec compiled out here: ENOSYS, and no tracepoint) */
	r = sys(syscall(SYS_kexec_load, 0, 17, NULL, 0x80));
	expect("?kexec_load %ld 0x0 17 0x0 0x80", r);
	r = sys(syscall(SYS_kexec_file_load, -1, -1, 1, "", 0x80));
	expect("?kexec_file_load %ld -1 -1 1 \"\" 0x80", r);
	{
		unsigned action = SECCOMP_RET_KILL_PROCESS;
		r = sys(syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action));
		expect("seccomp %ld SECCOMP_GET_ACTION_AVAIL 0 %p", r, (void *)&action);
		r = sys(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG | 0x100,
				NULL));
		expect("seccomp %ld SECCOMP_SET_MODE_FILTER SECCOMP_FILTER_FLAG_LOG|0x100 0x0", r);
	}
	r = sys(syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK));
	expect("userfaultfd %ld O_CLOEXEC|O_NONBLOCK", r);
	if (r >= 0)
		close((int)r);
	r = sys(syscall(SYS_userfaultfd, 0x10));
	expect("userfaultfd %ld 0x10", r);
	{
		struct io_uring_params iop = { .flags = IORING_SETUP_CLAMP };
		r = sys(syscall(SYS_io_uring_setup, 2, &iop));
		expect("io_uring_setup %ld 2 {flags=IORING_SETUP_CLAMP}", r);
		if (r >= 0)
			close((int)r);
		memset(&iop, 0, sizeof(iop));
		r = sys(syscall(SYS_io_uring_setup, 0, &iop));
		expect("io_uring_setup %ld 0 {flags=0}", r);
	}
	r = sys(syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 0, 0, 0));
	expect("keyctl %ld KEYCTL_GET_KEYRING_ID KEY_SPEC_SESSION_KEYRING 0 0 0", r);
	r = sys(syscall(SYS_keyctl, 9999, 0, 0, 0, 0));
	expect("keyctl %ld 9999 0 0 0 0", r);
	r = sys(syscall(SYS_add_key, "user", "tracee-key", "x", 1, -2 /* process keyring */));
	expect("add_key %ld user tracee-key %p 1 KEY_SPEC_PROCESS_KEYRING", r, (void *)"x");
	r = sys(syscall(SYS_add_key, "tracee-nosuchtype", "d", NULL, 0, -2));
	expect("add_key %ld tracee-nosuchtype d 0x0 0 KEY_SPEC_PROCESS_KEYRING", r);
}

/* Messages with addresses, as connect shows one. */
static void net_deep(void)
{
	struct sockaddr_in a1 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in a2 = a1, from;
	socklen_t len = sizeof(a1), fromlen = sizeof(from);
	char msg[64] = "ping";
	struct iovec iov = { msg, sizeof(msg) };
	struct msghdr mh = { 0 };
	int s1, s2, p1, p2, sv[2], sv2[2] = { -1, -1 };
	long r;

	s1 = socket(AF_INET, SOCK_DGRAM, 0);
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	bind(s1, (struct sockaddr *)&a1, sizeof(a1));
	bind(s2, (struct sockaddr *)&a2, sizeof(a2));
	getsockname(s1, (struct sockaddr *)&a1, &len);
	len = sizeof(a2);
	getsockname(s2, (struct sockaddr *)&a2, &len);
	p1 = ntohs(a1.sin_port);
	p2 = ntohs(a2.sin_port);

	r = sys(syscall(SYS_sendto, s2, msg, 4, 0, &a1, sizeof(a1)));
	expect("sendto %ld %d %p 4 0 127.0.0.1:%d 16", r, s2, (void *)msg, p1);
	r = sys(syscall(SYS_recvfrom, s1, msg, sizeof(msg), 0, &from, &fromlen));
	expect("recvfrom %ld %d %p 64 0 127.0.0.1:%d %p", r, s1, (void *)msg, p2, (void *)&fromlen);
	r = sys(syscall(SYS_recvfrom, s1, msg, sizeof(msg), MSG_DONTWAIT, &from, &fromlen));
	expect("recvfrom %ld %d %p 64 MSG_DONTWAIT (none) %p", r, s1, (void *)msg, (void *)&fromlen);
	mh.msg_name = &a1;
	mh.msg_namelen = sizeof(a1);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	iov.iov_len = 4;
	r = sys(syscall(SYS_sendmsg, s2, &mh, 0));
	expect("sendmsg %ld %d 127.0.0.1:%d 0", r, s2, p1);
	r = sys(syscall(SYS_sendmsg, 9999, &mh, MSG_NOSIGNAL));
	expect("sendmsg %ld 9999 127.0.0.1:%d MSG_NOSIGNAL", r, p1);
	memset(&from, 0, sizeof(from));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	iov.iov_len = sizeof(msg);
	r = sys(syscall(SYS_recvmsg, s1, &mh, 0));
	expect("recvmsg %ld %d 127.0.0.1:%d 0", r, s1, p2);
	memset(&from, 0, sizeof(from));
	mh.msg_namelen = sizeof(from);
	r = sys(syscall(SYS_recvmsg, s1, &mh, MSG_DONTWAIT));
	expect("recvmsg %ld %d AF_UNSPEC MSG_DONTWAIT", r, s1);

	r = sys(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	expect("socketpair %ld AF_UNIX SOCK_STREAM|SOCK_CLOEXEC 0 [%d,%d]", r, sv[0], sv[1]);
	r = sys(syscall(SYS_socketpair, AF_INET, SOCK_STREAM, 0, sv2));
	expect("socketpair %ld AF_INET SOCK_STREAM 0 %p", r, (void *)sv2);
	r = sys(syscall(SYS_shutdown, sv[0], SHUT_WR));
	expect("shutdown %ld %d SHUT_WR", r, sv[0]);
	r = sys(syscall(SYS_shutdown, 9999, SHUT_RDWR));
	expect("shutdown %ld 9999 SHUT_RDWR", r);
	close(sv[0]);
	close(sv[1]);
	close(s1);
	close(s2);
}

/* Processes: exits, waits, signals, pidfds, memory advice. */
static void procs_deep(void)
{
	int status = 0, pfd;
	pid_t child;
	long r;
	char *p, *q;

	child = fork();
	if (child == 0)
		syscall(SYS_exit_group, 5);
	waitpid(child, &status, 0);
	expect("@%d exit_group ? 5", child);
	expect("@%d do_exit 5 status=5", child);
	child = fork();
	if (child == 0)
		syscall(SYS_exit, 6); /* the only thread: the process ends */
	waitpid(child, &status, 0);
	expect("@%d exit ? 6", child);

	child = fork();
	if (child == 0)
		_exit(7);
	status = 0;
	r = sys(syscall(SYS_wait4, child, &status, 0, NULL));
	expect("wait4 %ld %d status=7 0 0x0", r, child);
	status = 0;
	r = sys(syscall(SYS_wait4, -1, &status, WNOHANG, NULL));
	expect("wait4 %ld -1 %p WNOHANG 0x0", r, (void *)&status);

	r = sys(syscall(SYS_tgkill, getpid(), getpid(), 0));
	expect("tgkill %ld %d %d 0", r, getpid(), getpid());
	r = sys(syscall(SYS_tgkill, getpid(), INT_MAX, SIGTERM));
	expect("tgkill %ld %d %d SIGTERM", r, getpid(), INT_MAX);
	r = sys(syscall(SYS_tkill, getpid(), 0));
	expect("tkill %ld %d 0", r, getpid());
	r = sys(syscall(SYS_tkill, INT_MAX, SIGUSR1));
	expect("tkill %ld %d SIGUSR1", r, INT_MAX);

	r = sys(syscall(SYS_pidfd_open, getpid(), 0));
	expect("pidfd_open %ld %d 0", r, getpid());
	pfd = (int)r;
	r = sys(syscall(SYS_pidfd_open, INT_MAX, O_NONBLOCK));
	expect("pidfd_open %ld %d PIDFD_NONBLOCK", r, INT_MAX);
	r = sys(syscall(SYS_pidfd_send_signal, pfd, 0, NULL, 0));
	expect("pidfd_send_signal %ld %d 0 0x0 0x0", r, pfd);
	r = sys(syscall(SYS_pidfd_send_signal, 9999, SIGKILL, NULL, 0));
	expect("pidfd_send_signal %ld 9999 SIGKILL 0x0 0x0", r);
	r = sys(syscall(SYS_pidfd_getfd, pfd, 0, 0));
	expect("pidfd_getfd %ld %d 0 0x0", r, pfd);
	if (r >= 0)
		close((int)r);
	r = sys(syscall(SYS_pidfd_getfd, pfd, 9999, 0));
	expect("pidfd_getfd %ld %d 9999 0x0", r, pfd);

	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	{
		struct iovec iov = { p, 4096 };
		r = sys(syscall(SYS_process_madvise, pfd, &iov, 1, MADV_COLD, 0));
		expect("process_madvise %ld %d %p 1 MADV_COLD 0x0", r, pfd, (void *)&iov);
		r = sys(syscall(SYS_process_madvise, pfd, &iov, 1, 999, 0));
		expect("process_madvise %ld %d %p 1 999 0x0", r, pfd, (void *)&iov);
	}
	close(pfd);
	r = sys(syscall(SYS_madvise, p, 4096, MADV_DONTNEED));
	expect("madvise %ld %p 4096 MADV_DONTNEED", r, (void *)p);
	r = sys(syscall(SYS_madvise, p, 4096, 999));
	expect("madvise %ld %p 4096 999", r, (void *)p);
	r = sys(syscall(SYS_mremap, p, 0, 4096, 0, 0));
	expect("mremap %ld %p 0 4096 0 0x0", r, (void *)p);
	q = (char *)syscall(SYS_mremap, p, 8192, 16384, MREMAP_MAYMOVE, 0);
	expect("mremap %p %p 8192 16384 MREMAP_MAYMOVE 0x0", (void *)q, (void *)p);
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
	files_deep();
	privileges();
	kernel_surface();
	net_deep();
	procs_deep();
	expect("do_exit 3 status=3");
	fclose(out);
	return 3;
}
