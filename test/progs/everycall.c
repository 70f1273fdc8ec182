// SPDX-License-Identifier: GPL-2.0
/*
 * everycall.c - makes every system call of tracee's generated list
 * (src/syscallent.h) once, with arguments that make it fail harmlessly
 * (-1: a bad descriptor, a bad address, an invalid flag or size), and
 * writes what each returned to the file named by argv[1]:
 *
 *   #self pid=PID        the process that made the calls
 *   NAME RET             a call and its return value (`?`: it never returns)
 *   @PID NAME RET        one made by a child of that process
 *   #skip NAME WHY       a call not made, and why
 *
 * The calls are made by a child of its own (PID) that makes no other
 * system call from its first instruction to its last: it comes from a
 * raw fork (not the C library's, which makes calls in the child), keeps
 * its results in shared memory, and at the end spins until this process
 * kills it. So each call appears once in PID's trace. fork and vfork are
 * made by it, and their children make exit_group and exit, their only
 * call.
 *
 * A few calls are never made, because they harm the caller or the
 * machine whatever their arguments (see `skipped`). Some are given
 * arguments of their own (see `given`): a pid no process has, a bad
 * magic number, invalid flags, so that they fail before they act.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct call {
	int nr;
	const char *name;
};

#define A(type, name)
#define SYSENT(nr_, name_, kname_, doc_, nargs_, ...) { nr_, name_ },
static const struct call calls[] = {
#if defined(__x86_64__)
#include "syscallent.h"
#endif
	{ -1, NULL }
};

/* Never made: each harms the caller, or more, whatever its arguments. */
static const struct {
	const char *name, *why;
} skipped[] = {
	{ "pause", "waits for a signal: it never fails" },
	{ "rt_sigreturn", "restores registers from a signal frame: the caller crashes" },
	{ "vhangup", "hangs up the controlling terminal, even without arguments" },
	{ "uprobe", "kills its caller (SIGILL) outside a uprobe's trampoline" },
	{ "uretprobe", "kills its caller (SIGILL) outside a uretprobe's trampoline" },
};

/* Arguments of their own: where -1 could reach another process or
 * make something that outlives this one. */
static const struct {
	const char *name;
	long args[6];
} given[] = {
	{ "kill", { INT_MAX, 0 } },          /* no such process: ESRCH */
	{ "tkill", { INT_MAX, 0 } },
	{ "tgkill", { INT_MAX, INT_MAX, 0 } },
	{ "msgget", { INT_MAX, 0 } },        /* no IPC_CREAT: no queue is made */
	{ "umask", { 022 } },
	{ "alarm", { 0 } },                  /* no alarm */
	{ "reboot", { 0x1234, 0, 0, 0 } },   /* bad magic: EINVAL before the command */
	{ "kexec_load", { 0, 17, 0, 0x80 } }, /* invalid flags: EINVAL (ENOSYS without kexec) */
	{ "kexec_file_load", { -1, -1, 0, 0, 0x80 } },
};

/* The results, shared with this process: the caller makes no call to
 * report them. */
struct result {
	long ret;
	int child; /* fork's and vfork's child, which made exit_group or exit */
	int made;
};

static struct result *res;
static volatile int *done;

static long call_of(int k)
{
	long a[6] = { -1, -1, -1, -1, -1, -1 };

	for (size_t g = 0; g < sizeof(given) / sizeof(given[0]); g++)
		if (strcmp(given[g].name, calls[k].name) == 0)
			memcpy(a, given[g].args, sizeof(a));
	return syscall(calls[k].nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int is_skipped(const char *name)
{
	for (size_t s = 0; s < sizeof(skipped) / sizeof(skipped[0]); s++)
		if (strcmp(skipped[s].name, name) == 0)
			return 1;
	return 0;
}

/* The caller: every call, then a spin until killed. No other call. */
static void caller(void)
{
	for (int k = 0; calls[k].name; k++) {
		const char *n = calls[k].name;
		long r;

		if (is_skipped(n) || !strcmp(n, "exit") || !strcmp(n, "exit_group"))
			continue;
		if (!strcmp(n, "fork")) {
			r = syscall(SYS_fork);
			if (r == 0)
				syscall(SYS_exit_group, 0);
			res[k].child = (int)r;
		} else if (!strcmp(n, "vfork")) {
			r = vfork();
			if (r == 0)
				syscall(SYS_exit, 0);
			res[k].child = (int)r;
		} else {
			r = call_of(k);
		}
		res[k].ret = r < 0 ? -errno : r;
		res[k].made = 1;
	}
	*done = 1;
	for (;;)
		;
}

int main(int argc, char **argv)
{
	const struct rlimit nocore = { 0, 0 };
	size_t n = sizeof(calls) / sizeof(calls[0]);
	int exit_k = -1, group_k = -1;
	FILE *out;
	long pid;

	if (argc < 2) {
		fprintf(stderr, "usage: %s EXPECTED-FILE\n", argv[0]);
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return 2;
	setrlimit(RLIMIT_CORE, &nocore);
	res = mmap(NULL, n * sizeof(*res) + sizeof(int), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED)
		return 2;
	done = (volatile int *)(res + n);
	pid = syscall(SYS_fork);
	if (pid == 0)
		caller();
	while (!*done && waitpid((pid_t)pid, NULL, WNOHANG) == 0) {
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	kill((pid_t)pid, SIGKILL);
	waitpid((pid_t)pid, NULL, 0);
	if (!*done)
		return 1;

	fprintf(out, "#self pid=%ld\n", pid);
	for (size_t s = 0; s < sizeof(skipped) / sizeof(skipped[0]); s++)
		fprintf(out, "#skip %s %s\n", skipped[s].name, skipped[s].why);
	for (int k = 0; calls[k].name; k++) {
		if (!strcmp(calls[k].name, "exit"))
			exit_k = k;
		if (!strcmp(calls[k].name, "exit_group"))
			group_k = k;
	}
	for (int k = 0; calls[k].name; k++) {
		if (!res[k].made)
			continue;
		fprintf(out, "%s %ld\n", calls[k].name, res[k].ret);
		/* fork's child made exit_group, vfork's exit: their only call */
		if (!strcmp(calls[k].name, "fork") && res[k].child > 0 && group_k >= 0)
			fprintf(out, "@%d exit_group ?\n", res[k].child);
		if (!strcmp(calls[k].name, "vfork") && res[k].child > 0 && exit_k >= 0)
			fprintf(out, "@%d exit ?\n", res[k].child);
	}
	fclose(out);
	return 0;
}
