// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - compile, load, attach, detach (see loader.h).
 */
#define _GNU_SOURCE
#include "loader.h"
#include "strbuf.h"

#include <bcc/bcc_common.h>
#include <bcc/libbpf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "btfgen.h"
#include "events.h"
#include "headers.h"
#include "trust.h"
#include <linux/types.h>

#include "tracee_wire.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const struct loader_progress *p, const char *what, int done, int total)
{
	if (p && p->step)
		p->step(p->cookie, what, done, total);
}

/*
 * Which family traces what. Tracepoints where the kernel has them, kprobes
 * where it does not or when --probe-mode kprobe asks; --probe-mode
 * tracepoint never uses kprobes.
 *
 * System calls, two kinds of tracepoints (bench/README.md has the figures):
 * raw_syscalls runs one pair of programs on every call of every process,
 * and sees even the calls that have no tracepoint of their own; each
 * call's own syscalls:sys_enter_NAME/sys_exit_NAME pair costs the calls
 * nobody selected less (1.11x against 1.49x here, all events traced), but
 * the kernel detaches those one after another, about 40 ms each (3.9 s for
 * all events). So auto takes the per-call pairs for a few calls (exit stays
 * under a second), raw_syscalls beyond; --probe-mode tracepoint and raw
 * choose for good.
 */
static int selected_syscalls(const struct config *cfg)
{
	int n = 0;
	for (size_t i = 0; i < event_count; i++)
		n += cfg->selected[i] && event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0;
	return n;
}

void loader__choose(const struct kernel_info *ki, const struct config *cfg, struct probe_plan *p)
{
	bool kp = ki->kprobes && ki->kprobe_prefix[0];
	enum probe_mode mode = cfg->probe_mode;

	p->syscall_tps = p->raw_syscalls = p->kprobe_syscalls = false;
	p->cap_tp = p->cap_kprobe = p->exit_kprobe = false;
	/* commit_creds has no tracepoint: a kprobe, unless told not to */
	p->creds_kprobe = kp && mode != PROBE_TRACEPOINT;
	switch (mode) {
	case PROBE_KPROBE:
		p->kprobe_syscalls = p->cap_kprobe = p->exit_kprobe = kp;
		break;
	case PROBE_TRACEPOINT:
		p->syscall_tps = ki->syscall_tps;
		p->raw_syscalls = !ki->syscall_tps && ki->raw_syscalls;
		p->cap_tp = ki->cap_capable_tp;
		break;
	default: /* auto, raw */
		p->syscall_tps = mode == PROBE_AUTO && ki->syscall_tps &&
				 (selected_syscalls(cfg) <= LOADER_AUTO_SYSCALL_TPS || !ki->raw_syscalls);
		p->raw_syscalls = !p->syscall_tps && ki->raw_syscalls;
		p->kprobe_syscalls = !p->syscall_tps && !p->raw_syscalls && kp;
		p->cap_tp = ki->cap_capable_tp;
		p->cap_kprobe = !ki->cap_capable_tp && kp;
		break;
	}
}

const char *loader__mechanism(const struct kernel_info *ki, const struct config *cfg, int event,
			      char *buf, size_t len)
{
	const struct event_def *e = &event_table[event];
	enum probe_mode mode = cfg->probe_mode;
	struct probe_plan p;

	loader__choose(ki, cfg, &p);
	switch (e->kind) {
	case EK_SYSCALL:
		if (e->nr < 0)
			snprintf(buf, len, "unavailable: no such system call on this architecture");
		else if (p.syscall_tps && kernel__syscall_tp_exists(ki, e->syscall))
			snprintf(buf, len, "tracepoint syscalls:sys_enter_%s/sys_exit_%s", e->syscall,
				 e->syscall);
		else if (p.syscall_tps)
			snprintf(buf, len,
				 "unavailable: this kernel has no syscalls:sys_enter_%s tracepoint; "
				 "--probe-mode raw sees the calls",
				 e->syscall);
		else if (p.raw_syscalls)
			snprintf(buf, len, "raw_syscalls:sys_enter/sys_exit, nr %d", e->nr);
		else if (p.kprobe_syscalls)
			snprintf(buf, len, "kprobe+kretprobe %s%s", ki->kprobe_prefix, e->syscall);
		else
			snprintf(buf, len, "unavailable: %s", mode == PROBE_KPROBE
								? "no kprobes"
								: "no system call tracepoints");
		break;
	case EK_CAP_CAPABLE:
		snprintf(buf, len, "%s",
			 p.cap_tp		    ? "tracepoint capability:cap_capable"
			 : p.cap_kprobe		    ? "kprobe+kretprobe cap_capable"
			 : mode == PROBE_TRACEPOINT ? "unavailable: no capability:cap_capable "
						      "tracepoint"
						    : "unavailable: no capability:cap_capable "
						      "tracepoint and no kprobes");
		break;
	case EK_DO_EXIT:
		snprintf(buf, len, "%s",
			 p.exit_kprobe	     ? "kprobe do_exit"
			 : ki->sched_exit_tp ? "tracepoint sched:sched_process_exit"
					     : "unavailable: no sched_process_exit");
		break;
	case EK_COMMIT_CREDS:
		snprintf(buf, len, "%s",
			 p.creds_kprobe ? "kprobe commit_creds"
			 : mode == PROBE_TRACEPOINT
				 ? "unavailable: it needs kprobes, and --probe-mode tracepoint "
				   "excludes them"
				 : "unavailable: it needs kprobes, which this kernel has not");
		break;
	}
	return buf;
}

/* The programs attached directly, in attach order. */
#define ALWAYS (-1)
#define IF(flag) ((long)offsetof(struct probe_plan, flag))
const struct fixed_prog fixed_progs[FIXED_PROGS] = {
	{ "tr_sched_fork", "sched", "sched_process_fork", "sched:sched_process_fork", ALWAYS,
	  NULL },
	{ "tr_sched_exec", "sched", "sched_process_exec", "sched:sched_process_exec",
	  IF(sched_exec), "successful execve and execveat are not traced" },
	{ "tr_sched_exit", "sched", "sched_process_exit", "sched:sched_process_exit", ALWAYS,
	  "do_exit is not traced and exited tasks stay in the traced set" },
	{ "tr_sys_exit", "raw_syscalls", "sys_exit", "raw_syscalls:sys_exit", IF(raw_syscalls),
	  NULL },
	{ "tr_sys_enter", "raw_syscalls", "sys_enter", "raw_syscalls:sys_enter", IF(raw_syscalls),
	  NULL },
	{ "tr_cap_capable", "capability", "cap_capable", "capability:cap_capable", IF(cap_tp),
	  "cap_capable is not traced" },
	{ "tr_cgroup_mkdir", "cgroup", "cgroup_mkdir", "cgroup:cgroup_mkdir", IF(cgroup_mkdir),
	  "container IDs of new containers are read from /proc only" },
};

static bool fixed_needed(const struct probe_plan *p, int i)
{
	long off = fixed_progs[i].needs;
	return off == ALWAYS || *(const bool *)((const char *)p + off);
}

/* Is fixed program i attached as a raw tracepoint? (Only fork, 4.17+.) */
static bool fixed_raw(const struct probe_plan *p, int i)
{
	return p->raw_fork && strcmp(fixed_progs[i].name, "tr_sched_fork") == 0;
}

static int load_prog(struct loader *l, void *mod, const char *name, enum bpf_prog_type type,
		     char *err, size_t errlen)
{
	void *insns;
	size_t size;
	int fd;

	/* events of one shape share a program: load it once */
	for (int i = 0; i < l->nprogs; i++)
		if (strcmp(l->prog_names[i], name) == 0)
			return l->prog_fds[i];
	insns = bpf_function_start(mod, name);
	size = bpf_function_size(mod, name);

	if (!insns) {
		errf(err, errlen, "internal error: program %s was not compiled", name);
		return -ENOENT;
	}
	if (l->nprogs == LOADER_MAX_PROGS) {
		errf(err, errlen, "internal error: more than %d programs", LOADER_MAX_PROGS);
		return -E2BIG;
	}
	fd = bcc_func_load(mod, type, name, insns, (int)size,
			   bpf_module_license(mod), bpf_module_kern_version(mod), 0, NULL, 0,
			   NULL, -1);
	if (fd < 0) {
		errf(err, errlen, "the kernel refused program %s: %s (its verifier log is above)",
			name, strerror(errno));
		return -errno ? -errno : -EINVAL;
	}
	snprintf(l->prog_names[l->nprogs], sizeof(l->prog_names[0]), "%s", name);
	l->prog_fds[l->nprogs++] = fd;
	return fd;
}

/* Load kprobe program `prog` and note it for attaching to kernel function
 * `fn` (a kretprobe when `ret`); `what` is the event lost without it. */
static int add_kprobe(struct loader *l, void *mod, const char *prog, const char *fn, bool ret,
		      const char *what, char *err, size_t errlen)
{
	struct kprobe_att *k;
	int fd;

	if (l->nkprobes == LOADER_MAX_LINKS) {
		errf(err, errlen, "internal error: more than %d kprobes", LOADER_MAX_LINKS);
		return -E2BIG;
	}
	fd = load_prog(l, mod, prog, BPF_PROG_TYPE_KPROBE, err, errlen);
	if (fd < 0)
		return fd;
	k = &l->kprobes[l->nkprobes++];
	k->fd = fd;
	k->ret = ret;
	k->what = what;
	snprintf(k->fn, sizeof(k->fn), "%s", fn);
	/* unique to this tracee, so that concurrent ones never share a probe */
	snprintf(k->ev_name, sizeof(k->ev_name), "tracee_%d_%c_%s", (int)getpid(), ret ? 'r' : 'p',
		 fn);
	return 0;
}

/* The kretprobe and the kprobe of a system call's function, in that order
 * (exit side first: no entry is left waiting). */
static int plan_kprobe_pair(struct loader *l, void *mod, const struct event_def *e,
			    const struct kernel_info *ki, char *err, size_t errlen)
{
	char prog[80], fn[64];
	int ret;

	snprintf(fn, sizeof(fn), "%s%s", ki->kprobe_prefix, e->syscall);
	snprintf(prog, sizeof(prog), "tr_kpx_%s", e->name);
	if ((ret = add_kprobe(l, mod, prog, fn, true, e->name, err, errlen)) < 0)
		return ret;
	snprintf(prog, sizeof(prog), "tr_kpe_%s", e->name);
	return add_kprobe(l, mod, prog, fn, false, e->name, err, errlen);
}

/* A system call's own syscalls: tracepoints, exit side first (no entry is
 * left waiting); only the exit when `exit_only` (container mode's view of a
 * task creation nobody selected). Both run the raw_syscalls programs: the
 * records agree but for the number's width (see tr_enter_ctx). */
static int plan_syscall_tps(struct loader *l, void *mod, const struct event_def *e,
			    bool exit_only, char *err, size_t errlen)
{
	char prog[32];

	snprintf(prog, sizeof(prog), "tr_sys_enter%d", events__nargs(e));
	for (int enter = 0; enter <= !exit_only; enter++) {
		struct tp_att *t;
		int fd;
		if (l->nsystps == LOADER_MAX_LINKS) {
			errf(err, errlen, "internal error: more than %d tracepoints",
			     LOADER_MAX_LINKS);
			return -E2BIG;
		}
		fd = load_prog(l, mod, enter ? prog : "tr_sys_exit", BPF_PROG_TYPE_TRACEPOINT, err,
			       errlen);
		if (fd < 0)
			return fd;
		t = &l->systps[l->nsystps++];
		t->fd = fd;
		t->enter = enter;
		t->what = e->name;
		snprintf(t->label, sizeof(t->label), "syscalls:sys_%s_%s", enter ? "enter" : "exit",
			 e->syscall);
	}
	return 0;
}

static int dup_table(void *mod, const char *name, int *out, char *err, size_t errlen)
{
	int fd = bpf_table_fd(mod, name);
	if (fd < 0 || (*out = fcntl(fd, F_DUPFD_CLOEXEC, 3)) < 0) {
		errf(err, errlen, "internal error: map %s: %s", name, strerror(errno));
		return -EINVAL;
	}
	return 0;
}

/* An unsigned number from a /proc file, or 0. */
static unsigned long proc_number(const char *path)
{
	FILE *f = fopen(path, "r");
	unsigned long v = 0;

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/*
 * The bound of the traced table. Its keys are thread-group ids of live
 * tasks (an entry goes when its group dies, before the id can be reused),
 * so it never needs more entries than the kernel can have tasks: fewer
 * than pid_max ids, and at most threads-max tasks (copy_process refuses
 * more, root included). Entries are allocated as they are made, so the
 * bound costs only the bucket array (16 bytes per entry, rounded up to a
 * power of two). An administrator who raises either limit while tracee
 * runs may see processes refused: they are counted and reported.
 * TRACEE_TEST_MAX_TRACED=N (the test suite) makes it small, to fill it.
 */
static unsigned plan_traced(void)
{
	unsigned long pid_max = proc_number("/proc/sys/kernel/pid_max");
	unsigned long threads = proc_number("/proc/sys/kernel/threads-max");
	unsigned long n = pid_max ? pid_max : LOADER_PID_MAX_LIMIT;
	const char *t = getenv("TRACEE_TEST_MAX_TRACED");

	if (threads && threads < n)
		n = threads;
	if (n > LOADER_PID_MAX_LIMIT)
		n = LOADER_PID_MAX_LIMIT;
	if (t && atoi(t) > 0)
		n = (unsigned long)atoi(t);
	return (unsigned)n;
}

static int plan_probes(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		       char *err, size_t errlen)
{
	struct probe_plan *p = &l->plan;
	bool emulated = false;

	memset(p, 0, sizeof(*p));
	loader__choose(ki, cfg, p);
	/* The version decides which helpers the probe text calls. The test
	 * suite can ask for an older kernel's choices (TRACEE_TEST_KVER=4.14):
	 * the helpers of old kernels still exist on new ones, and so do the
	 * fields of the old tracepoints (group_dead, newer, is left unused). */
	p->kver = ki->version;
	{
		const char *o = getenv("TRACEE_TEST_KVER");
		if (o && kernel__parse_release(o)) {
			p->kver = kernel__parse_release(o);
			emulated = true;
		}
	}
	/* a raw tracepoint sees the new task itself: a thread is no entry */
	p->raw_fork = p->kver >= KV(4, 17, 0);
	p->max_traced = plan_traced();
	/* Before 5.2 a program has at most 4096 instructions, and the argv
	 * loop is unrolled: keep it within that (the environment's loop
	 * doubles it; test_limits measures both). */
	p->max_args = cfg->max_args;
	if (p->kver < KV(5, 2, 0)) {
		int cap = cfg->exec_env ? LOADER_OLD_KERNEL_MAX_ARGS_ENV : LOADER_OLD_KERNEL_MAX_ARGS;
		if (p->max_args > cap)
			p->max_args = cap; /* main() says so */
	}
	if (!p->syscall_tps && !p->raw_syscalls && !p->kprobe_syscalls) {
		if (cfg->probe_mode == PROBE_KPROBE)
			errf(err, errlen, "--probe-mode kprobe: %s",
			     ki->kprobes ? "no system call functions found in /proc/kallsyms"
					 : "this kernel has no kprobes (CONFIG_KPROBES); use "
					   "--probe-mode auto or tracepoint");
		else if (cfg->probe_mode == PROBE_RAW)
			errf(err, errlen, "--probe-mode raw: the kernel has no raw_syscalls "
					  "tracepoints (CONFIG_FTRACE_SYSCALLS)");
		else
			errf(err, errlen, "the kernel has no system call tracepoints "
					  "(CONFIG_FTRACE_SYSCALLS)%s",
			     cfg->probe_mode == PROBE_TRACEPOINT ? "; try --probe-mode kprobe" : "");
		return -ENOTSUP;
	}
	if (p->kprobe_syscalls && (cfg->container || cfg->ncontainers)) {
		/* a new task's first return from clone is seen by sys_exit, never
		 * by a kretprobe (the child did not make the call) */
		errf(err, errlen, "container mode needs the system call tracepoints; it cannot "
				  "run with --probe-mode kprobe");
		return -ENOTSUP;
	}
	p->fork_child_pid_off = kernel__tp_field_offset(ki, "sched", "sched_process_fork",
							 "child_pid");
	if (!ki->sched_fork_tp || p->fork_child_pid_off < 0 || !ki->sched_exit_tp) {
		errf(err, errlen, "the kernel lacks the sched_process_fork/exit tracepoints");
		return -ENOTSUP;
	}
	p->exit_group_dead_off = emulated ? -1
					  : kernel__tp_field_offset(ki, "sched",
								    "sched_process_exit",
								    "group_dead");
	switch (cfg->transport) {
	case TRANSPORT_RINGBUF:
		if (!ki->ringbuf) {
			errf(err, errlen, "this kernel has no BPF ring buffer (5.8+); use --transport perf");
			return -ENOTSUP;
		}
		p->ringbuf = true;
		break;
	case TRANSPORT_PERF:
		p->ringbuf = false;
		break;
	default:
		p->ringbuf = ki->ringbuf;
	}
	if (p->ringbuf) {
		/* ring buffer: one for all CPUs, a power of two of pages */
		int pages = cfg->buffer_pages ? cfg->buffer_pages : 4096;
		p->buf_pages = pages;
	} else {
		p->buf_pages = cfg->buffer_pages ? cfg->buffer_pages : 256;
	}
	p->self_pid = getpid();
	p->container_mode = cfg->container || cfg->ncontainers > 0;
	p->new_containers = cfg->container;
	p->follow_all_new = !p->container_mode && cfg->npids == 0;
	for (size_t i = 0; i < event_count; i++) {
		if (!cfg->selected[i])
			continue;
		if (event_table[i].kind == EK_CAP_CAPABLE && p->cap_tp) {
			p->cap_cap_off = kernel__tp_field_offset(ki, "capability", "cap_capable", "cap");
			p->cap_ret_off = kernel__tp_field_offset(ki, "capability", "cap_capable", "ret");
			p->cap_tp = p->cap_cap_off >= 0 && p->cap_ret_off >= 0;
			p->emit_cap_capable = p->cap_tp;
		}
		if (event_table[i].kind == EK_CAP_CAPABLE && p->cap_kprobe)
			p->emit_cap_capable = true;
		if (event_table[i].kind == EK_DO_EXIT)
			p->emit_do_exit = true;
		if (event_table[i].kind == EK_COMMIT_CREDS)
			p->emit_commit_creds = p->creds_kprobe;
		if (event_table[i].flags & EF_ENTRY_CAPTURE)
			p->exec = true;
	}
	if (!p->emit_cap_capable)
		p->cap_tp = p->cap_kprobe = false;
	if (!p->emit_do_exit)
		p->exit_kprobe = false;
	/* container IDs are shown by JSON, the CONTAINER column and container
	 * mode only: elsewhere new cgroups need not be followed */
	if ((cfg->json || cfg->container_id_column || p->container_mode) &&
	    kernel__tp_exists(ki, "cgroup", "cgroup_mkdir")) {
		p->cgmkdir_root_off = kernel__tp_field_offset(ki, "cgroup", "cgroup_mkdir", "root");
		p->cgmkdir_id_off = kernel__tp_field(ki, "cgroup", "cgroup_mkdir", "id",
						     &p->cgmkdir_id_size);
		p->cgmkdir_path_off = kernel__tp_field_offset(ki, "cgroup", "cgroup_mkdir", "path");
		p->cgroup_mkdir = p->cgmkdir_root_off >= 0 && p->cgmkdir_id_off >= 0 &&
				  p->cgmkdir_path_off >= 0 &&
				  (p->cgmkdir_id_size == 4 || p->cgmkdir_id_size == 8);
	}
	/* before 4.17 a thread's exec is seen there too (tr_sched_exec) */
	p->sched_exec = p->exec || !p->raw_fork;
	if (p->sched_exec) {
		p->exec_filename_off = kernel__tp_field_offset(ki, "sched", "sched_process_exec",
								"filename");
		p->exec_old_pid_off = kernel__tp_field_offset(ki, "sched", "sched_process_exec",
							       "old_pid");
		if (p->exec_filename_off < 0 || p->exec_old_pid_off < 0) {
			errf(err, errlen, "the kernel lacks the sched_process_exec tracepoint");
			return -ENOTSUP;
		}
	}
	return 0;
}

/*
 * libbcc's compiler speaks on the process's stderr (clang's diagnostics,
 * the kernel headers' own warnings among them) and on stdout (its notes,
 * where events would go). While it compiles, both go to a memory file,
 * shown on stderr only when the compile fails or with --verbose. Should
 * libbcc crash or exit meanwhile, what it said is shown first, and a
 * crash ends tracee with a message and exit status 1.
 */
static struct {
	int fd;       /* the memory file, -1 when not capturing */
	int out, err; /* the real stdout and stderr */
	bool active;
	struct sigaction old[5];
} capture = { .fd = -1, .out = -1, .err = -1 };
static const int crash_signals[5] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };

static void capture_replay(int to)
{
	char buf[4096];
	off_t off = 0;
	ssize_t n;

	while ((n = pread(capture.fd, buf, sizeof(buf), off)) > 0) {
		off += n;
		for (ssize_t w = 0, k; w < n; w += k)
			if ((k = write(to, buf + w, (size_t)(n - w))) <= 0)
				return;
	}
}

static void put(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		return;
}

/* async-signal-safe: write(2) and _exit(2) only */
static void on_compile_crash(int sig)
{
	static const char *const names[] = { "SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGABRT" };
	const char *name = "a signal";

	for (int i = 0; i < 5; i++)
		if (crash_signals[i] == sig)
			name = names[i];
	capture_replay(capture.err);
	put(capture.err, "tracee: libbcc crashed (");
	put(capture.err, name);
	put(capture.err, ") while compiling the probes; its messages are above\n");
	_exit(1);
}

static void capture_at_exit(void)
{
	if (!capture.active)
		return;
	fflush(stdout);
	capture_replay(capture.err);
}

static void capture_begin(void)
{
	static bool registered;
	struct sigaction sa = { .sa_handler = on_compile_crash };

	fflush(stdout);
	fflush(stderr);
	capture.fd = memfd_create("tracee-compile", MFD_CLOEXEC);
	capture.out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	capture.err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (capture.fd < 0 || capture.out < 0 || capture.err < 0 ||
	    dup2(capture.fd, STDOUT_FILENO) < 0 || dup2(capture.fd, STDERR_FILENO) < 0) {
		/* compile in the open rather than not at all */
		if (capture.out >= 0)
			dup2(capture.out, STDOUT_FILENO);
		if (capture.err >= 0)
			dup2(capture.err, STDERR_FILENO);
		return;
	}
	if (!registered)
		registered = atexit(capture_at_exit) == 0;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND;
	for (int i = 0; i < 5; i++)
		sigaction(crash_signals[i], &sa, &capture.old[i]);
	capture.active = true;
}

/* Stop capturing; shows what was said when `show`. */
static void capture_end(bool show)
{
	if (capture.active) {
		fflush(stdout);
		fflush(stderr);
		dup2(capture.out, STDOUT_FILENO);
		dup2(capture.err, STDERR_FILENO);
		for (int i = 0; i < 5; i++)
			sigaction(crash_signals[i], &capture.old[i], NULL);
		capture.active = false;
		if (show)
			capture_replay(STDERR_FILENO);
	}
	if (capture.fd >= 0)
		close(capture.fd);
	if (capture.out >= 0)
		close(capture.out);
	if (capture.err >= 0)
		close(capture.err);
	capture.fd = capture.out = capture.err = -1;
}

void *loader__compile(const char *text, bool verbose, const struct loader_progress *pr,
		      char *err, size_t errlen)
{
	void *mod;

	progress(pr, "compiling probes", 0, 0);
	capture_begin();
	mod = bpf_module_create_c_from_string(text, 0, NULL, 0, true, NULL);
	if (!mod || verbose)
		progress(pr, NULL, 0, 0); /* the messages start on a line of their own */
	capture_end(!mod || verbose);
	if (!mod)
		errf(err, errlen, "libbcc could not compile the probes (its messages are above)");
	return mod;
}

/* The compiler's code (libLLVM, libclang) stays resident after the compile,
 * most of our footprint. Drop our claim on its read-only file pages: they
 * remain in the page cache and would fault back in if ever run again.
 * Only code: data, even read-only after relocation (RELRO), would revert to
 * the file's unrelocated bytes. */
static void release_compiler_pages(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[1024];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char perms[8];
		int path_at = 0;
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &path_at) != 3 ||
		    !path_at)
			continue;
		if (perms[1] == 'w' || perms[2] != 'x' || perms[3] != 'p')
			continue;
		if (!strstr(line + path_at, "libLLVM") && !strstr(line + path_at, "libclang"))
			continue;
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
	}
	fclose(f);
}

int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct loader_progress *pr, char *err, size_t errlen)
{
	char *kernel_types = NULL, *text = NULL, name[64];
	const char *missing;
	void *mod = NULL;
	double t0;
	int ret;

	memset(l, 0, sizeof(*l));
	l->events_fd = l->counters_fd = l->traced_fd = l->progs_fd = l->exec_progs_fd = -1;
	l->container_pidns_fd = -1;
	ret = plan_probes(l, cfg, ki, err, errlen);
	if (ret < 0)
		return ret;

	switch (ki->headers) {
	case HDR_NONE:
		errf(err, errlen,
			"no kernel headers and no BTF for kernel %s: install linux-headers-%s "
			"(or point BCC_KERNEL_SOURCE at its build tree), or run a kernel built "
			"with CONFIG_DEBUG_INFO_BTF",
			ki->release, ki->release);
		return -ENOENT;
	case HDR_BTF:
		progress(pr, "generating kernel types from BTF", 0, 0);
		ret = btfgen__tree(cfg->cache_dir, "/sys/kernel/btf/vmlinux", ki->version,
				   l->header_tree, sizeof(l->header_tree), err, errlen);
		l->plan.kernel_types = "tracee/kernel_types.h";
		break;
	case HDR_KHEADERS:
		progress(pr, "unpacking the kernel's headers", 0, 0);
		ret = btfgen__kheaders(cfg->cache_dir, ki->header_path, l->header_tree,
				       sizeof(l->header_tree), err, errlen);
		if (ret >= 0 && headers__complete(l->header_tree, l->header_tree, &missing) < 0) {
			errf(err, errlen, "the headers unpacked from %s into %s lack %s",
			     ki->header_path, l->header_tree, missing);
			return -ENOENT;
		}
		break;
	default:
		ret = 0; /* checked when found (headers.c) */
		break;
	}
	if (ret < 0)
		return ret;
	if (ki->headers == HDR_BTF || ki->headers == HDR_KHEADERS) {
		/* what is in the cache is checked like any other tree */
		char why[1024];
		double t0 = now_s();
		l->header_tree_cached = ret == 1;
		ret = trust__tree(l->header_tree, geteuid(), &l->header_count, why, sizeof(why));
		l->header_check_s = now_s() - t0;
		if (ret < 0) {
			errf(err, errlen, "refusing the header tree %s: %s", l->header_tree, why);
			return ret;
		}
		setenv("BCC_KERNEL_SOURCE", l->header_tree, 1);
	}

	text = probegen__text(cfg, ki, &l->plan);
	if (!text) {
		errf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out;
	}
	if (getenv("TRACEE_DUMP_PROBES")) /* for developers: the exact text compiled */
		fputs(text, stderr);

	t0 = now_s();
	mod = loader__compile(text, cfg->verbose, pr, err, errlen);
	l->compile_s = now_s() - t0;
	if (!mod) {
		ret = -EINVAL;
		goto out;
	}

	t0 = now_s();
	int progs_fd = bpf_table_fd(mod, "progs");
	int exec_progs_fd = bpf_table_fd(mod, "exec_progs");
	int sys_fd = bpf_table_fd(mod, "sys_to_event");
	/* emitters run in the program type of the syscall exit probe */
	enum bpf_prog_type emit_type =
		l->plan.kprobe_syscalls ? BPF_PROG_TYPE_KPROBE : BPF_PROG_TYPE_TRACEPOINT;
	int nload = 0, loaded = 0;
	for (size_t i = 0; i < event_count; i++)
		nload += event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0 &&
			 cfg->selected[i];
	for (int i = 0; i < FIXED_PROGS; i++)
		nload += fixed_needed(&l->plan, i);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		struct {
			__u16 event;
			__u8 entry;
			__u8 fork;
		} se = { 0, 0, 0 };
		int key, fd, fd2 = -1;

		if (e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		/* container mode sees every task creation, traced or not */
		se.fork = l->plan.container_mode && (e->flags & EF_NEW_TASK);
		if (cfg->selected[i]) {
			progress(pr, "loading programs", ++loaded, nload);
			se.event = (__u16)(i + 1);
			key = (int)i;
			if (e->flags & EF_ENTRY_CAPTURE) {
				/* success: from sched_process_exec, a tracepoint */
				probegen__enter_name((int)i, name, sizeof(name));
				fd = load_prog(l, mod, name, BPF_PROG_TYPE_TRACEPOINT, err, errlen);
				if (fd < 0) { ret = fd; goto out; }
				if (bpf_update_elem(exec_progs_fd, &key, &fd, 0) != 0)
					goto map_err;
				se.entry = 1;
			}
			probegen__emit_name((int)i, name, sizeof(name));
			fd2 = load_prog(l, mod, name, emit_type, err, errlen);
			if (fd2 < 0) { ret = fd2; goto out; }
			if (bpf_update_elem(progs_fd, &key, &fd2, 0) != 0)
				goto map_err;
			if (l->plan.kprobe_syscalls &&
			    (ret = plan_kprobe_pair(l, mod, e, ki, err, errlen)) < 0)
				goto out;
		}
		if (l->plan.syscall_tps && (cfg->selected[i] || se.fork) &&
		    kernel__syscall_tp_exists(ki, e->syscall) &&
		    (ret = plan_syscall_tps(l, mod, e, !cfg->selected[i], err, errlen)) < 0)
			goto out;
		if (!se.event && !se.fork)
			continue;
		key = e->nr;
		if (bpf_update_elem(sys_fd, &key, &se, 0) != 0)
			goto map_err;
	}
	for (int i = 0; i < FIXED_PROGS; i++) {
		if (!fixed_needed(&l->plan, i))
			continue;
		progress(pr, "loading programs", ++loaded, nload);
		if ((ret = load_prog(l, mod, fixed_progs[i].name,
				     fixed_raw(&l->plan, i) ? BPF_PROG_TYPE_RAW_TRACEPOINT
							    : BPF_PROG_TYPE_TRACEPOINT,
				     err, errlen)) < 0)
			goto out;
		l->fixed_fd[i] = ret;
	}
	if (l->plan.cap_kprobe &&
	    ((ret = add_kprobe(l, mod, "tr_kp_cap_exit", "cap_capable", true, "cap_capable", err,
			       errlen)) < 0 ||
	     (ret = add_kprobe(l, mod, "tr_kp_cap_enter", "cap_capable", false, "cap_capable",
			       err, errlen)) < 0))
		goto out;
	if (l->plan.emit_commit_creds && !cfg->filter_failed &&
	    (ret = add_kprobe(l, mod, "tr_kp_commit_creds", "commit_creds", false, "commit_creds",
			      err, errlen)) < 0)
		goto out;
	if (l->plan.exit_kprobe && !cfg->filter_failed &&
	    (ret = add_kprobe(l, mod, "tr_kp_do_exit", "do_exit", false, "do_exit", err, errlen)) < 0)
		goto out;
	if ((ret = dup_table(mod, "events", &l->events_fd, err, errlen)) ||
	    (ret = dup_table(mod, "counters", &l->counters_fd, err, errlen)) ||
	    (ret = dup_table(mod, "traced", &l->traced_fd, err, errlen)) ||
	    /* A program array is emptied by the kernel when its last user
	     * file descriptor closes: keep one for as long as we trace. */
	    (ret = dup_table(mod, "progs", &l->progs_fd, err, errlen)) ||
	    (ret = dup_table(mod, "exec_progs", &l->exec_progs_fd, err, errlen)) ||
	    (ret = dup_table(mod, "container_pidns", &l->container_pidns_fd, err, errlen)))
		goto out;
	l->load_s = now_s() - t0;
	ret = 0;
	goto out;
map_err:
	errf(err, errlen, "cannot fill a probe map: %s", strerror(errno));
	ret = -errno;
out:
	/* The compiler's memory (most of our footprint) goes with the module. */
	if (mod)
		bpf_module_destroy(mod);
	malloc_trim(0);
	release_compiler_pages();
	free(text);
	free(kernel_types);
	return ret;
}

/* Has some task of thread group `pid` not exited yet? (A leader that exits
 * before its threads stays a zombie while they run.) */
static bool group_alive(int pid)
{
	char path[64], line[512];
	bool alive = false;
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return false;
	while (!alive && (de = readdir(d))) {
		FILE *f;
		char *p;
		if (de->d_name[0] == '.')
			continue;
		snprintf(line, sizeof(line), "/proc/%d/task/%.32s/stat", pid, de->d_name);
		f = fopen(line, "r");
		if (!f)
			continue;
		p = fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
		alive = p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X' && p[2] != 'x';
		fclose(f);
	}
	closedir(d);
	return alive;
}

/*
 * Follow thread group `pid`, already running. The exit probe is attached:
 * a group that dies after the entry is made takes it away itself; one
 * that died before (between reading /proc and now) would leave it behind
 * for a later process with the same id, so it is checked once the entry
 * exists. Returns 0, or -errno when the table refuses it (counted).
 */
static int follow_running(struct loader *l, int pid)
{
	__u32 key = (__u32)pid;
	__u8 one = 1;

	if (bpf_update_elem(l->traced_fd, &key, &one, 0) != 0) {
		int e = errno;
		l->untracked++;
		return -e;
	}
	if (!group_alive(pid)) {
		bpf_delete_elem(l->traced_fd, &key);
		return -ESRCH;
	}
	return 0;
}

static void trace_descendants(struct loader *l, int pid, int depth)
{
	char path[320], line[4096];
	DIR *d;
	struct dirent *de;

	if (depth > 64)
		return;
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		FILE *f;
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children", pid, de->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f)) {
			char *save = NULL;
			for (char *tok = strtok_r(line, " \n", &save); tok;
			     tok = strtok_r(NULL, " \n", &save)) {
				int child = atoi(tok);
				/* refused ones are counted, and so are theirs */
				if (child > 0 && follow_running(l, child) != -ESRCH)
					trace_descendants(l, child, depth + 1);
			}
		}
		fclose(f);
	}
	closedir(d);
}

int loader__trace_pid(struct loader *l, int pid, bool descendants)
{
	int ret = follow_running(l, pid);

	if (ret < 0)
		return ret;
	/* after the parent's entry: a child forked from now on is the fork
	 * probe's, one forked before is in /proc */
	if (descendants)
		trace_descendants(l, pid, 0);
	return 0;
}

int loader__follow_pidns(struct loader *l, unsigned int inum)
{
	__u32 key = inum;
	__u8 one = 1;
	if (bpf_update_elem(l->container_pidns_fd, &key, &one, 0))
		return -errno;
	return 0;
}

/* For the test suite: TRACEE_TEST_FAIL_ATTACH=category:name makes that one
 * attachment fail as if the kernel had refused it (EPERM). */
static bool injected_failure(const char *label)
{
	const char *v = getenv("TRACEE_TEST_FAIL_ATTACH");
	if (v && strcmp(v, label) == 0) {
		errno = EPERM;
		return true;
	}
	return false;
}

static int attach_tp(struct loader *l, int prog, const char *cat, const char *tp, bool raw,
		     const char *label, char *err, size_t errlen)
{
	int fd = injected_failure(label) ? -1
		 : raw		       ? bpf_attach_raw_tracepoint(prog, tp)
					 : bpf_attach_tracepoint(prog, cat, tp);
	if (fd < 0) {
		errf(err, errlen, "cannot attach to %stracepoint %s:%s: %s", raw ? "raw " : "", cat,
		     tp, strerror(errno));
		return -errno ? -errno : -EINVAL;
	}
	l->link_names[l->nlinks] = label;
	l->link_kprobe[l->nlinks] = NULL;
	l->links[l->nlinks++] = fd;
	return 0;
}

int loader__attach(struct loader *l, const struct kernel_info *ki, bool strict,
		   const struct loader_progress *pr, char *err, size_t errlen)
{
	int total = 0, done = 0;

	(void)ki;
	for (int i = 0; i < FIXED_PROGS; i++)
		total += fixed_needed(&l->plan, i);
	total += l->nsystps + l->nkprobes;
	/* In table order: fork first, so that no new process escapes the
	 * traced set; the exit side of syscalls before their entry side, so
	 * that no entry is left waiting. */
	for (int i = 0; i < FIXED_PROGS; i++) {
		const struct fixed_prog *f = &fixed_progs[i];
		int ret;
		if (!fixed_needed(&l->plan, i))
			continue;
		progress(pr, "attaching", ++done, total);
		ret = attach_tp(l, l->fixed_fd[i], f->category, f->tracepoint, fixed_raw(&l->plan, i),
				f->label, err, errlen);
		if (ret && f->without && !strict && l->ndegraded < FIXED_PROGS) {
			snprintf(l->degraded[l->ndegraded++], sizeof(l->degraded[0]), "%s: %s", err,
				 f->without);
			continue;
		}
		if (ret)
			return ret;
	}
	/* System calls' own tracepoints: one that will not attach costs only
	 * its event, unless --strict. */
	for (int i = 0; i < l->nsystps; i++) {
		const struct tp_att *t = &l->systps[i];
		char tp[80];
		int ret;

		progress(pr, "attaching", ++done, total);
		if (t->enter && i > 0 && l->systps[i - 1].fd < 0)
			continue; /* its exit side failed */
		snprintf(tp, sizeof(tp), "%s", t->label + strlen("syscalls:"));
		ret = attach_tp(l, t->fd, "syscalls", tp, false, t->label, err, errlen);
		if (ret && strict)
			return ret;
		if (ret) {
			if (l->ndegraded < LOADER_MAX_LINKS)
				snprintf(l->degraded[l->ndegraded++], sizeof(l->degraded[0]),
					 "%s: %s is not traced", err, t->what);
			l->systps[i].fd = -1;
		}
	}
	/* kprobes: a system call's, cap_capable's or do_exit's. One that will
	 * not attach (a function this kernel lacks, or one it will not probe)
	 * costs only its event, unless --strict. */
	for (int i = 0; i < l->nkprobes; i++) {
		const struct kprobe_att *k = &l->kprobes[i];
		int fd;

		progress(pr, "attaching", ++done, total);
		if (l->nlinks == LOADER_MAX_LINKS) {
			errf(err, errlen, "internal error: more than %d attachments", LOADER_MAX_LINKS);
			return -E2BIG;
		}
		fd = injected_failure(k->fn) ? -1
					      : bpf_attach_kprobe(k->fd, k->ret ? BPF_PROBE_RETURN
										: BPF_PROBE_ENTRY,
								  k->ev_name, k->fn, 0, 0);
		if (fd < 0) {
			int e = errno;
			errf(err, errlen, "cannot attach a %s to %s: %s", k->ret ? "kretprobe" : "kprobe",
			     k->fn, strerror(e));
			if (strict)
				return -e;
			if (l->ndegraded < LOADER_MAX_LINKS)
				snprintf(l->degraded[l->ndegraded++], sizeof(l->degraded[0]),
					 "%s: %s is not traced", err, k->what);
			continue;
		}
		l->link_names[l->nlinks] = k->fn;
		l->link_kprobe[l->nlinks] = k->ev_name;
		l->links[l->nlinks++] = fd;
	}
	return 0;
}

/* Each detach waits for a kernel grace period (tens of ms); closing all the
 * attachments from their own threads lets those waits overlap. */
static void *close_one(void *arg)
{
	close((int)(long)arg);
	return NULL;
}

void loader__detach(struct loader *l)
{
	pthread_t th[LOADER_MAX_LINKS];
	bool started[LOADER_MAX_LINKS] = { false };

	for (int i = 0; i < l->nlinks; i++)
		started[i] = pthread_create(&th[i], NULL, close_one, (void *)(long)l->links[i]) == 0;
	for (int i = 0; i < l->nlinks; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		else
			close(l->links[i]);
	}
	/* A kernel without the kprobe PMU (before 4.17) got its kprobes through
	 * kprobe_events: take those entries out again. Where none was made,
	 * this finds nothing. */
	for (int i = 0; i < l->nlinks; i++)
		if (l->link_kprobe[i])
			bpf_detach_kprobe(l->link_kprobe[i]);
	l->nlinks = 0;
}

void loader__close(struct loader *l)
{
	loader__detach(l);
	for (int i = 0; i < l->nprogs; i++)
		close(l->prog_fds[i]);
	l->nprogs = 0;
	if (l->events_fd >= 0)
		close(l->events_fd);
	if (l->counters_fd >= 0)
		close(l->counters_fd);
	if (l->traced_fd >= 0)
		close(l->traced_fd);
	if (l->progs_fd >= 0)
		close(l->progs_fd);
	if (l->exec_progs_fd >= 0)
		close(l->exec_progs_fd);
	if (l->container_pidns_fd >= 0)
		close(l->container_pidns_fd);
	l->events_fd = l->counters_fd = l->traced_fd = l->progs_fd = l->exec_progs_fd = -1;
	l->container_pidns_fd = -1;
}
