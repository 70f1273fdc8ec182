// SPDX-License-Identifier: GPL-2.0
/*
 * workload.c - a known number of system calls, timed.
 *
 *   workload storm N      N rounds of openat, fstat, newfstatat, dup, close,
 *                         close, socket, close: 8 traced calls a round
 *   workload untraced N   N rounds of getpid, read and write of /dev/null:
 *                         3 calls a round that tracee does not trace
 *   workload forkexec N   N times fork + exec /bin/true + wait
 *   workload flood N      N times dup(-1): the cheapest traced call, which
 *                         nothing else in the process makes (start-up included)
 *
 * Prints one line: mode, calls made (of each traced kind), seconds.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 200000;
	const char *mode = argc > 1 ? argv[1] : "storm";
	double t0 = now();
	struct stat st;
	char buf[64];

	if (strcmp(mode, "storm") == 0) {
		for (long i = 0; i < n; i++) {
			int fd = (int)syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY);
			syscall(SYS_fstat, fd, &st);
			syscall(SYS_newfstatat, AT_FDCWD, "/etc/hostname", &st, 0);
			int fd2 = (int)syscall(SYS_dup, fd);
			syscall(SYS_close, fd2);
			syscall(SYS_close, fd);
			int s = (int)syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
			syscall(SYS_close, s);
		}
		printf("storm calls=%ld openat=%ld fstat=%ld newfstatat=%ld dup=%ld close=%ld "
		       "socket=%ld seconds=%.4f\n",
		       8 * n, n, n, n, n, 3 * n, n, now() - t0);
	} else if (strcmp(mode, "untraced") == 0) {
		int fd = open("/dev/null", O_RDWR);
		for (long i = 0; i < n; i++) {
			syscall(SYS_getpid);
			syscall(SYS_read, fd, buf, sizeof(buf));
			syscall(SYS_write, fd, buf, sizeof(buf));
		}
		printf("untraced calls=%ld seconds=%.4f\n", 3 * n, now() - t0);
	} else if (strcmp(mode, "flood") == 0) {
		for (long i = 0; i < n; i++)
			syscall(SYS_dup, -1);
		printf("flood dup=%ld seconds=%.4f\n", n, now() - t0);
	} else if (strcmp(mode, "forkexec") == 0) {
		for (long i = 0; i < n; i++) {
			pid_t p = fork();
			if (p == 0) {
				execl("/bin/true", "true", (char *)NULL);
				_exit(127);
			}
			waitpid(p, NULL, 0);
		}
		printf("forkexec execs=%ld seconds=%.4f\n", n, now() - t0);
	} else {
		fprintf(stderr, "usage: %s storm|untraced|forkexec|flood [N]\n", argv[0]);
		return 2;
	}
	return 0;
}
