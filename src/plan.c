// SPDX-License-Identifier: GPL-2.0
/*
 * plan.c - what to attach and how (see plan.h). Nothing here reads a file,
 * the environment or the clock: the kernel's facts come in ki->feat.
 */
#include "plan.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The programs attached directly, in attach order. */
#define IF(flag) ((long)offsetof(struct probe_plan, flag))
#define TP BPF_PROG_TYPE_TRACEPOINT
#define KP BPF_PROG_TYPE_KPROBE
const struct fixed_prog fixed_progs[] = {
	[FIXED_SCHED_FORK] = { "tr_sched_fork", TP, ATTACH_TRACEPOINT, "sched:sched_process_fork", PLAN_ALWAYS, NULL },
	{ "tr_sched_exec", TP, ATTACH_TRACEPOINT, "sched:sched_process_exec", IF(sched_exec),
	  "successful execve and execveat are not traced" },
	{ "tr_sched_exit", TP, ATTACH_TRACEPOINT, "sched:sched_process_exit", PLAN_ALWAYS,
	  "do_exit is not traced and exited tasks stay in the traced set" },
	[FIXED_SYS_EXIT] = { "tr_sys_exit", TP, ATTACH_TRACEPOINT, "raw_syscalls:sys_exit", IF(raw_syscalls), NULL },
	{ "tr_sys_enter", TP, ATTACH_TRACEPOINT, "raw_syscalls:sys_enter", IF(raw_syscalls), NULL },
	{ "tr_cap_capable", TP, ATTACH_TRACEPOINT, "capability:cap_capable", IF(cap_tp),
	  "cap_capable is not traced" },
	{ "tr_cgroup_mkdir", TP, ATTACH_TRACEPOINT, "cgroup:cgroup_mkdir", IF(cgroup_mkdir),
	  "container IDs of new containers are read from /proc only" },
	/* here, the selected system calls' own (per-call tracepoints, kprobes) */
	{ NULL, 0, ATTACH_NONE, NULL, PLAN_ALWAYS, NULL },
	{ "tr_kp_cap_exit", KP, ATTACH_KRETPROBE, "cap_capable", IF(cap_kprobe),
	  "cap_capable is not traced" },
	{ "tr_kp_cap_enter", KP, ATTACH_KPROBE, "cap_capable", IF(cap_kprobe),
	  "cap_capable is not traced" },
	{ "tr_kp_commit_creds", KP, ATTACH_KPROBE, "commit_creds", IF(creds_kprobe),
	  "commit_creds is not traced" },
	{ "tr_kp_do_exit", KP, ATTACH_KPROBE, "do_exit", IF(exit_kprobe), "do_exit is not traced" },
};
const size_t fixed_prog_count = sizeof(fixed_progs) / sizeof(fixed_progs[0]);
#undef TP
#undef KP

bool plan__fixed(const struct probe_plan *p, size_t i, struct fixed_prog *row)
{
	long off = fixed_progs[i].needs;

	if (!fixed_progs[i].name || (off != PLAN_ALWAYS && !*(const bool *)((const char *)p + off)))
		return false;
	*row = fixed_progs[i];
	/* a raw tracepoint sees the new task itself: a thread is no entry */
	if (p->raw_fork && i == FIXED_SCHED_FORK) {
		row->type = BPF_PROG_TYPE_RAW_TRACEPOINT;
		row->kind = ATTACH_RAW_TRACEPOINT;
	}
	return true;
}

static int selected_syscalls(const struct config *cfg)
{
	int n = 0;
	for (size_t i = 0; i < event_count; i++)
		n += cfg->selected[i] && event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0;
	return n;
}

/*
 * Which family traces what: tracepoints where the kernel has them,
 * kprobes where it does not or when --probe-mode kprobe asks;
 * --probe-mode tracepoint never uses kprobes.
 *
 * System calls have two kinds of tracepoints: raw_syscalls runs one pair
 * of programs on every call of every process, and sees even the calls that
 * have no tracepoint of their own; each call's own pair costs the calls
 * nobody selected less, but the kernel detaches those one after another,
 * a grace period each (bench/README.md has the figures). So auto takes
 * the per-call pairs for a few calls (exit stays under a second),
 * raw_syscalls beyond; --probe-mode tracepoint and raw choose for good.
 */
static void choose(const struct kernel_features *kf, const struct config *cfg,
		   struct probe_plan *p)
{
	bool kp = kf->kprobes && kf->kprobe_prefix[0];
	enum probe_mode mode = cfg->probe_mode;
	bool tps = kf->syscall_tps && (mode == PROBE_TRACEPOINT ||
				       (mode == PROBE_AUTO &&
					(selected_syscalls(cfg) <= PLAN_AUTO_SYSCALL_TPS ||
					 !kf->raw_syscalls)));

	switch (mode) {
	case PROBE_KPROBE:
		p->syscalls = kp ? FAMILY_KPROBE : FAMILY_NONE;
		p->cap_capable = kp ? FAMILY_KPROBE : FAMILY_NONE;
		break;
	case PROBE_TRACEPOINT:
		p->syscalls = tps ? FAMILY_SYSCALL_TPS
			      : kf->raw_syscalls ? FAMILY_RAW_SYSCALLS : FAMILY_NONE;
		p->cap_capable = kf->cap_capable_tp ? FAMILY_TRACEPOINT : FAMILY_NONE;
		break;
	default: /* auto, raw */
		p->syscalls = tps		 ? FAMILY_SYSCALL_TPS
			      : kf->raw_syscalls ? FAMILY_RAW_SYSCALLS
			      : kp		 ? FAMILY_KPROBE
						 : FAMILY_NONE;
		p->cap_capable = kf->cap_capable_tp ? FAMILY_TRACEPOINT
				 : kp		    ? FAMILY_KPROBE
						    : FAMILY_NONE;
		break;
	}
	/* sched_process_exit is attached anyway (tasks are forgotten there) */
	p->do_exit = mode == PROBE_KPROBE && kp ? FAMILY_KPROBE
		     : kf->sched_exit_tp	   ? FAMILY_TRACEPOINT
						   : FAMILY_NONE;
	/* commit_creds has no tracepoint: a kprobe, unless told not to */
	p->commit_creds = kp && mode != PROBE_TRACEPOINT ? FAMILY_KPROBE : FAMILY_NONE;
}

static struct availability via(enum family f)
{
	return (struct availability){ .available = true, .via = f };
}

static struct availability unavailable(enum unavailable why)
{
	return (struct availability){ .why = why };
}

static struct availability availability(const struct kernel_features *kf,
					const struct config *cfg, const struct probe_plan *p,
					size_t id)
{
	const struct event_def *e = &event_table[id];
	enum probe_mode mode = cfg->probe_mode;

	switch (e->kind) {
	case EK_SYSCALL:
		if (e->nr < 0)
			return unavailable(UNAV_NO_SYSCALL);
		if (p->syscalls == FAMILY_SYSCALL_TPS && !kf->syscall_tp[id])
			return unavailable(UNAV_NO_CALL_TP);
		if (p->syscalls != FAMILY_NONE)
			return via(p->syscalls);
		return unavailable(mode == PROBE_KPROBE ? UNAV_NO_KPROBES : UNAV_NO_SYSCALL_TPS);
	case EK_CAP_CAPABLE:
		if (p->cap_capable != FAMILY_NONE)
			return via(p->cap_capable);
		return unavailable(mode == PROBE_TRACEPOINT ? UNAV_NO_CAP_TP
							    : UNAV_NO_CAP_TP_KPROBES);
	case EK_DO_EXIT:
		if (p->do_exit != FAMILY_NONE)
			return via(p->do_exit);
		return unavailable(UNAV_NO_SCHED_EXIT);
	case EK_COMMIT_CREDS:
		if (p->commit_creds != FAMILY_NONE)
			return via(p->commit_creds);
		return unavailable(mode == PROBE_TRACEPOINT ? UNAV_KPROBES_EXCLUDED
							    : UNAV_NO_KPROBES_HERE);
	case EK_CGROUP_MKDIR: /* tracee's own, past event_count: never asked */
		break;
	}
	return unavailable(UNAV_NO_SYSCALL);
}

/* The first reason these options cannot run here; later ones are not
 * looked at (as a user fixes one, the next shows). */
__attribute__((format(printf, 2, 3))) static void refuse(struct probe_plan *p, const char *fmt,
							  ...)
{
	va_list ap;

	if (p->status < 0)
		return;
	p->status = -ENOTSUP;
	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
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
 */
static unsigned traced_bound(const struct kernel_features *kf)
{
	unsigned long n = kf->pid_max ? kf->pid_max : PLAN_PID_MAX_LIMIT;

	if (kf->threads_max && kf->threads_max < n)
		n = kf->threads_max;
	if (n > PLAN_PID_MAX_LIMIT)
		n = PLAN_PID_MAX_LIMIT;
	if (kf->test_max_traced)
		n = kf->test_max_traced;
	return (unsigned)n;
}

/* Which family carries system calls; the reason when none does. */
static void check_syscalls(const struct kernel_features *kf, const struct config *cfg,
			   struct probe_plan *p)
{
	if (p->syscalls == FAMILY_NONE) {
		if (cfg->probe_mode == PROBE_KPROBE)
			refuse(p, "--probe-mode kprobe: %s",
			       kf->kprobes ? "no system call functions found in /proc/kallsyms"
					   : "this kernel has no kprobes (CONFIG_KPROBES); use "
					     "--probe-mode auto or tracepoint");
		else if (cfg->probe_mode == PROBE_RAW)
			refuse(p, "--probe-mode raw: the kernel has no raw_syscalls "
				  "tracepoints (CONFIG_FTRACE_SYSCALLS)");
		else
			refuse(p, "the kernel has no system call tracepoints "
				  "(CONFIG_FTRACE_SYSCALLS)%s",
			       cfg->probe_mode == PROBE_TRACEPOINT ? "; try --probe-mode kprobe" : "");
	}
	if (p->syscalls == FAMILY_KPROBE && (cfg->container || cfg->ncontainers))
		/* a new task's first return from clone is seen by sys_exit, never
		 * by a kretprobe (the child did not make the call) */
		refuse(p, "container mode needs the system call tracepoints; it cannot "
			  "run with --probe-mode kprobe");
	if (!kf->sched_fork_tp || kf->field.fork_child_pid < 0 || !kf->sched_exit_tp)
		refuse(p, "the kernel lacks the sched_process_fork/exit tracepoints");
}

static void choose_transport(const struct kernel_features *kf, const struct config *cfg,
			     struct probe_plan *p)
{
	switch (cfg->transport) {
	case TRANSPORT_RINGBUF:
		if (!kf->ringbuf)
			refuse(p, "this kernel has no BPF ring buffer (5.8+); use --transport perf");
		p->ringbuf = true;
		break;
	case TRANSPORT_PERF:
		p->ringbuf = false;
		break;
	default:
		p->ringbuf = kf->ringbuf;
	}
	/* ring buffer: one for all CPUs, a power of two of pages; perf: per CPU */
	p->buf_pages = cfg->buffer_pages ? cfg->buffer_pages
		       : p->ringbuf	 ? PLAN_RINGBUF_PAGES
					 : PLAN_PERF_PAGES;
}

/* What the selected events emit, and so which of their programs attach. */
static void choose_emitters(const struct kernel_features *kf, const struct config *cfg,
			    struct probe_plan *p)
{
	const struct tp_fields *f = &kf->field;

	for (size_t i = 0; i < event_count; i++) {
		if (!cfg->selected[i])
			continue;
		switch (event_table[i].kind) {
		case EK_CAP_CAPABLE:
			p->emit_cap_capable = p->cap_capable == FAMILY_KPROBE ||
					      (p->cap_capable == FAMILY_TRACEPOINT &&
					       f->cap_cap >= 0 && f->cap_ret >= 0);
			break;
		case EK_DO_EXIT:
			p->emit_do_exit = true;
			break;
		case EK_COMMIT_CREDS:
			p->emit_commit_creds = p->commit_creds == FAMILY_KPROBE;
			break;
		default:
			break;
		}
		if (event_table[i].flags & EF_ENTRY_CAPTURE)
			p->exec = true;
		if (event_table[i].flags & EF_NO_RETURN)
			p->noreturn = true;
	}
	p->cap_tp = p->emit_cap_capable && p->cap_capable == FAMILY_TRACEPOINT;
	p->cap_kprobe = p->emit_cap_capable && p->cap_capable == FAMILY_KPROBE;
	/* --failed: an exit and a change of credentials are no failures */
	p->exit_kprobe = p->emit_do_exit && p->do_exit == FAMILY_KPROBE && !cfg->filter_failed;
	p->creds_kprobe = p->emit_commit_creds && !cfg->filter_failed;
}

int plan__make(const struct kernel_features *kf, const struct config *cfg,
	       struct probe_plan *p)
{
	const struct tp_fields *f = &kf->field;

	memset(p, 0, sizeof(*p));
	choose(kf, cfg, p);
	for (size_t i = 0; i < event_count; i++)
		p->events[i] = availability(kf, cfg, p, i);
	p->field = *f;
	p->kver = kf->version;
	p->syscall_wrapper = kf->syscall_wrapper;
	snprintf(p->kprobe_prefix, sizeof(p->kprobe_prefix), "%s", kf->kprobe_prefix);
	p->raw_fork = p->kver >= KV(4, 17, 0);
	p->max_traced = traced_bound(kf);
	p->max_args = cfg->max_args;
	if (p->kver < KV(5, 2, 0)) {
		/* the environment's loop doubles the exec emitters; test_limits
		 * measures both */
		int cap = cfg->exec_env ? PLAN_OLD_KERNEL_MAX_ARGS_ENV : PLAN_OLD_KERNEL_MAX_ARGS;
		if (p->max_args > cap)
			p->max_args = cap; /* main() says so */
	}
	p->self_pid = kf->self_pid;
	p->container_mode = cfg->container || cfg->ncontainers > 0;
	p->new_containers = cfg->container;
	/* -p and a command follow theirs alone */
	p->follow_all_new = !p->container_mode && cfg->npids == 0 && !cfg->command;
	p->container_ids = cfg->json || cfg->container_id_column || p->container_mode;

	check_syscalls(kf, cfg, p);
	choose_transport(kf, cfg, p);
	choose_emitters(kf, cfg, p);
	p->raw_syscalls = p->syscalls == FAMILY_RAW_SYSCALLS;
	/* container IDs come from cgroup paths: new cgroups are followed
	 * where the IDs are looked up */
	p->cgroup_mkdir = p->container_ids && kf->cgroup_mkdir_tp && f->cgmkdir_root >= 0 &&
			  f->cgmkdir_id >= 0 && f->cgmkdir_path >= 0 &&
			  (f->cgmkdir_id_size == 4 || f->cgmkdir_id_size == 8);
	/* before 4.17 a thread's exec is seen there too (tr_sched_exec) */
	p->sched_exec = p->exec || !p->raw_fork;
	if (p->sched_exec && (f->exec_filename < 0 || f->exec_old_pid < 0))
		refuse(p, "the kernel lacks the sched_process_exec tracepoint");
	return p->status;
}

const char *plan__why(const struct probe_plan *p, int id, char *buf, size_t len)
{
	const struct event_def *e = &event_table[id];

	switch (p->events[id].available ? UNAV_NONE : p->events[id].why) {
	case UNAV_NONE: snprintf(buf, len, "%s", ""); break;
	case UNAV_NO_SYSCALL:
		snprintf(buf, len, "no such system call on this architecture");
		break;
	case UNAV_NO_CALL_TP:
		snprintf(buf, len,
			 "this kernel has no syscalls:sys_enter_%s tracepoint; --probe-mode raw "
			 "sees the calls",
			 e->syscall);
		break;
	case UNAV_NO_KPROBES: snprintf(buf, len, "no kprobes"); break;
	case UNAV_NO_SYSCALL_TPS: snprintf(buf, len, "no system call tracepoints"); break;
	case UNAV_NO_CAP_TP: snprintf(buf, len, "no capability:cap_capable tracepoint"); break;
	case UNAV_NO_CAP_TP_KPROBES:
		snprintf(buf, len, "no capability:cap_capable tracepoint and no kprobes");
		break;
	case UNAV_NO_SCHED_EXIT: snprintf(buf, len, "no sched_process_exit"); break;
	case UNAV_KPROBES_EXCLUDED:
		snprintf(buf, len, "it needs kprobes, and --probe-mode tracepoint excludes them");
		break;
	case UNAV_NO_KPROBES_HERE:
		snprintf(buf, len, "it needs kprobes, which this kernel has not");
		break;
	}
	return buf;
}

/* The tracepoint and the function of each kind of kernel event. */
static const struct {
	const char *tracepoint;
	const char *function;
	bool ret; /* its kprobe comes with a kretprobe */
} kernel_points[] = {
	[EK_CAP_CAPABLE] = { "capability:cap_capable", "cap_capable", true },
	[EK_DO_EXIT] = { "sched:sched_process_exit", "do_exit", false },
	[EK_COMMIT_CREDS] = { NULL, "commit_creds", false },
};

const char *plan__describe(const struct probe_plan *p, int id, char *buf, size_t len)
{
	const struct event_def *e = &event_table[id];
	const struct availability *a = &p->events[id];
	char why[256];

	if (!a->available) {
		snprintf(buf, len, "unavailable: %s", plan__why(p, id, why, sizeof(why)));
		return buf;
	}
	if (e->kind == EK_SYSCALL) {
		switch (a->via) {
		case FAMILY_SYSCALL_TPS:
			snprintf(buf, len, "tracepoint syscalls:sys_enter_%s/sys_exit_%s",
				 e->syscall, e->syscall);
			break;
		case FAMILY_RAW_SYSCALLS:
			snprintf(buf, len, "raw_syscalls:sys_enter/sys_exit, nr %d", e->nr);
			break;
		default:
			snprintf(buf, len, "kprobe+kretprobe %s%s", p->kprobe_prefix, e->syscall);
			break;
		}
	} else if (a->via == FAMILY_TRACEPOINT) {
		snprintf(buf, len, "tracepoint %s", kernel_points[e->kind].tracepoint);
	} else {
		snprintf(buf, len, "%s %s", kernel_points[e->kind].ret ? "kprobe+kretprobe" : "kprobe",
			 kernel_points[e->kind].function);
	}
	return buf;
}
