// SPDX-License-Identifier: GPL-2.0
/*
 * selfview.c - three tasks say who they are, as the kernel tells them
 * through /proc, and each makes one marked call for the driver to find:
 *
 *   main    the main thread                       openat /tracee-sv-main
 *   worker  a second thread, named tr-sv-worker   openat /tracee-sv-worker
 *   child   a process forked by the worker,       openat /tracee-sv-child
 *           named tr-sv-child
 *   after   the main thread, once the worker has  openat /tracee-sv-after
 *           ended (no report: it is main's)
 *
 * For each, one line "#task role=R key=value..." is appended to the file
 * argv[1]: the ids as the host sees them (pid, tid, ppid: /proc's status,
 * where /proc is the host's, as it is after unshare without --mount-proc),
 * as the task's own pid namespace sees them (ns_pid, ns_tid, ns_ppid:
 * getpid, gettid, getppid), the real uid, the inodes of its uts, mnt and
 * pid namespaces, the host name and the command name. argv[2], if given,
 * is a host name to set first (in a new UTS namespace).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int out_fd = -1;

static unsigned long ns_ino(const char *name)
{
	char p[64];
	struct stat st;
	snprintf(p, sizeof(p), "/proc/thread-self/ns/%s", name);
	return stat(p, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/* The first number after `key` in /proc/thread-self/status, or -1. */
static long status_field(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/thread-self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

static void comm(char *buf, size_t len)
{
	int fd = open("/proc/thread-self/comm", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;

	if (fd >= 0)
		close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* One line, in one write: the three tasks append to the same file. */
static int report(const char *role)
{
	char line[1024], name[64];
	struct utsname u;
	int n;

	comm(name, sizeof(name));
	if (uname(&u) != 0)
		return -1;
	n = snprintf(line, sizeof(line),
		     "#task role=%s pid=%ld tid=%ld ppid=%ld ns_pid=%d ns_tid=%ld ns_ppid=%d "
		     "uid=%ld uts=%lu mnt=%lu pidns=%lu uts_name=%s comm=%s\n",
		     role, status_field("Tgid"), status_field("Pid"), status_field("PPid"), getpid(),
		     (long)syscall(SYS_gettid), getppid(), status_field("Uid"), ns_ino("uts"),
		     ns_ino("mnt"), ns_ino("pid"), u.nodename, name);
	return write(out_fd, line, (size_t)n) == n ? 0 : -1;
}

static void marker(const char *role)
{
	char path[64];
	snprintf(path, sizeof(path), "/tracee-sv-%s", role);
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
}

static void *worker(void *arg)
{
	pid_t child;
	int status = 1;

	(void)arg;
	prctl(PR_SET_NAME, "tr-sv-worker");
	if (report("worker") != 0)
		return NULL;
	marker("worker");
	child = fork();
	if (child == 0) {
		prctl(PR_SET_NAME, "tr-sv-child");
		if (report("child") != 0)
			_exit(2);
		marker("child");
		_exit(0);
	}
	if (child > 0)
		waitpid(child, &status, 0);
	return (void *)(long)(child > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv)
{
	pthread_t th;
	void *ok = NULL;

	if (argc < 2)
		return 2;
	if (argc > 2 && sethostname(argv[2], strlen(argv[2])) != 0)
		return 2;
	out_fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0600);
	if (out_fd < 0 || report("main") != 0)
		return 2;
	marker("main");
	if (pthread_create(&th, NULL, worker, NULL) != 0 || pthread_join(th, &ok) != 0)
		return 2;
	/* the worker has ended: its process is still followed */
	marker("after");
	return ok ? 0 : 2;
}
