// SPDX-License-Identifier: GPL-2.0
/*
 * threadparent.c - a process whose child is forked by a second thread, not
 * by the main one: the child's parent process is this process, but its
 * parent task is the worker thread. Each of the three (main thread, worker
 * thread, child) makes one marked openat, so the driver can compare the
 * header fields of their lines:
 *
 *   main    /tracee-tp-main    pid = tid = P
 *   worker  /tracee-tp-worker  pid = P, tid = W != P
 *   child   /tracee-tp-child   pid = tid = C, ppid = P (not W), ns_ppid = P's
 *
 * argv[1] names a file for "#self pid=P" (the pid as this process sees it).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void marker(const char *path)
{
	syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
}

static void *worker(void *arg)
{
	pid_t child;
	int status = 1;

	(void)arg;
	marker("/tracee-tp-worker");
	child = fork();
	if (child == 0) {
		marker("/tracee-tp-child");
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
	FILE *out;

	if (argc < 2 || !(out = fopen(argv[1], "w")))
		return 2;
	fprintf(out, "#self pid=%d\n", getpid());
	fclose(out);
	marker("/tracee-tp-main");
	if (pthread_create(&th, NULL, worker, NULL) != 0 || pthread_join(th, &ok) != 0)
		return 2;
	return ok ? 0 : 2;
}
