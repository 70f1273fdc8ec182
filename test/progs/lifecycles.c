// SPDX-License-Identifier: GPL-2.0
/*
 * lifecycles - tasks that live and die in the ways a tracer must follow
 * and forget, at scale (test_tracking.py).
 *
 *   lifecycles threads N        create and join N threads, 64 at a time
 *   lifecycles leader-first N   N processes whose main thread exits before
 *                               their other thread
 *   lifecycles exec-thread N    N processes whose second thread execs
 *                               (the kernel gives it the leader's id)
 *   lifecycles hold N           N processes alive at once, until all are
 *                               started, then they end
 *   lifecycles open PATH        open PATH once (a line to look for)
 *   lifecycles noop             exit 0 (what exec-thread runs)
 *
 * With "-w FD" first, it waits for a byte on FD before it starts, so that
 * a tracer can start after the process and before its tasks. With "-t",
 * leader-first and exec-thread print the id each child leaves behind in a
 * tracer that forgets a task at the wrong moment: the child's pid, or the
 * id the exec'ing thread had before the exec.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BATCH 64

static char self[4096];
static int print_ids;

static void *nothing(void *arg)
{
	return arg;
}

static int run_threads(long n)
{
	pthread_t t[BATCH];

	while (n > 0) {
		int k = n < BATCH ? (int)n : BATCH;
		for (int i = 0; i < k; i++)
			if (pthread_create(&t[i], NULL, nothing, NULL) != 0) {
				perror("pthread_create");
				return 1;
			}
		for (int i = 0; i < k; i++)
			pthread_join(t[i], NULL);
		n -= k;
	}
	return 0;
}

/* The second thread outlives the main one: it waits until the main
 * thread is gone (joining it), then ends the process. */
static void *outlive(void *main_thread)
{
	int fd;

	pthread_join(*(pthread_t *)main_thread, NULL);
	/* a line of the child's own, from the thread that outlived the
	 * leader (glibc's pthread_exit opens libgcc_s, but not when it is
	 * loaded already, as under ASan) */
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0)
		close(fd);
	return NULL;
}

static void say_id(pid_t id)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)id);

	if (print_ids && write(STDOUT_FILENO, buf, (size_t)n) != n)
		_exit(124);
}

static void *exec_noop(void *arg)
{
	char *argv[] = { self, "noop", NULL };

	(void)arg;
	say_id(gettid());
	execv(self, argv);
	_exit(126);
}

/* One child process: its main thread starts a second one with `fn`, then
 * exits alone (pthread_exit), or waits to be replaced by the exec. */
static void child(void *(*fn)(void *), int main_exits)
{
	static pthread_t main_thread;
	pthread_t t;

	main_thread = pthread_self();
	if (main_exits)
		say_id(getpid());
	if (pthread_create(&t, NULL, fn, &main_thread) != 0)
		_exit(125);
	if (main_exits)
		pthread_exit(NULL);
	for (;;)
		pause();
}

static int run_children(long n, void *(*fn)(void *), int main_exits)
{
	long started = 0, done = 0, failed = 0;

	while (done < n) {
		int st;
		while (started < n && started - done < BATCH) {
			pid_t p = fork();
			if (p < 0) {
				perror("fork");
				return 1;
			}
			if (p == 0)
				child(fn, main_exits);
			started++;
		}
		if (wait(&st) < 0) {
			perror("wait");
			return 1;
		}
		failed += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
		done++;
	}
	if (failed)
		fprintf(stderr, "lifecycles: %ld of %ld children failed\n", failed, n);
	return failed != 0;
}

/* n children blocked on a pipe: all alive at once, until the last is
 * forked and the pipe closes. */
static int run_hold(long n)
{
	int fds[2];

	if (pipe(fds) != 0)
		return 1;
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		char c;
		if (p < 0) {
			perror("fork");
			return 1;
		}
		if (p == 0) {
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
		}
	}
	close(fds[1]);
	close(fds[0]);
	for (long i = 0; i < n; i++)
		if (wait(NULL) < 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	long n;

	if (len <= 0)
		return 2;
	self[len] = 0;
	if (argc >= 3 && strcmp(argv[1], "-w") == 0) {
		char c;
		if (read(atoi(argv[2]), &c, 1) != 1)
			return 2;
		argc -= 2;
		argv += 2;
	}
	if (argc >= 2 && strcmp(argv[1], "-t") == 0) {
		print_ids = 1;
		argc--;
		argv++;
	}
	if (argc == 2 && strcmp(argv[1], "noop") == 0)
		return 0;
	if (argc != 3) {
		fprintf(stderr, "usage: lifecycles [-w FD] [-t] threads|leader-first|exec-thread|hold N"
				" | open PATH | noop\n");
		return 2;
	}
	if (strcmp(argv[1], "open") == 0) {
		int fd = open(argv[2], O_RDONLY);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	n = atol(argv[2]);
	if (strcmp(argv[1], "threads") == 0)
		return run_threads(n);
	if (strcmp(argv[1], "leader-first") == 0)
		return run_children(n, outlive, 1);
	if (strcmp(argv[1], "exec-thread") == 0)
		return run_children(n, exec_noop, 0);
	if (strcmp(argv[1], "hold") == 0)
		return run_hold(n);
	fprintf(stderr, "lifecycles: unknown mode %s\n", argv[1]);
	return 2;
}
