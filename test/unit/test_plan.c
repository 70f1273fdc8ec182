/*
 * The plan (plan.h) over the whole matrix, without root: kernels (their
 * features as kernel__probe would find them) x --probe-mode x selections.
 * Each combination's families are stated in a table; what follows from
 * them (each event's availability, the refusals, the programs the probe
 * text defines and the loader attaches) is checked for every one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "events.h"
#include "plan.h"
#include "probegen.h"

/* ---- kernels */

enum kernel {
	K_HERE,           /* 6.18 as on this machine: no kprobes, cap_capable tracepoint */
	K_VM_6_1,         /* 6.1 in the VM: kprobes, no cap_capable tracepoint */
	K_NO_PREFIX,      /* kprobes, but no system call function found in kallsyms */
	K_5_8,            /* the first ring buffer */
	K_5_2,            /* large programs, no ring buffer */
	K_4_17,           /* raw tracepoints, syscall wrappers */
	K_4_14,           /* the seed's: no raw tracepoint, no wrappers, no group_dead */
	K_KPROBES_ONLY,   /* no CONFIG_FTRACE_SYSCALLS: kprobes alone */
	K_RAW_ONLY,       /* raw_syscalls but no per-call tracepoints, no kprobes */
	K_NOTHING,        /* neither tracepoints for system calls nor kprobes */
	K_COUNT
};

static const char *const kernel_name[K_COUNT] = {
	"6.18 here", "6.1 VM", "kprobes without prefix", "5.8", "5.2", "4.17", "4.14",
	"kprobes only", "raw_syscalls only", "nothing",
};

static bool module_call(const struct event_def *e)
{
	return (e->sets & SET_MODULE) != 0;
}

static void kernel(enum kernel k, struct kernel_features *f)
{
	static const unsigned version[K_COUNT] = {
		KV(6, 18, 0), KV(6, 1, 0), KV(6, 1, 0), KV(5, 8, 0), KV(5, 2, 0),
		KV(4, 17, 0), KV(4, 14, 0), KV(5, 10, 0), KV(5, 10, 0), KV(5, 10, 0),
	};

	memset(f, 0, sizeof(*f));
	f->version = version[k];
	f->sched_fork_tp = f->sched_exit_tp = f->cgroup_mkdir_tp = true;
	f->field = (struct tp_fields){ .fork_child_pid = 28, .exit_group_dead = 28,
				       .exec_filename = 8, .exec_old_pid = 16, .cap_cap = 32,
				       .cap_ret = 36, .cgmkdir_root = 8, .cgmkdir_id = 16,
				       .cgmkdir_path = 24, .cgmkdir_id_size = 8 };
	f->pid_max = 32768;
	f->threads_max = 63000;
	f->self_pid = 4242;
	f->ringbuf = f->version >= KV(5, 8, 0);
	f->raw_syscalls = f->syscall_tps = k != K_KPROBES_ONLY && k != K_NOTHING;
	if (k == K_RAW_ONLY)
		f->syscall_tps = false;
	for (size_t i = 0; f->syscall_tps && i < event_count; i++)
		f->syscall_tp[i] = event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0 &&
				   /* as here: modules compiled out, no tracepoints */
				   !(k == K_HERE && module_call(&event_table[i]));
	f->cap_capable_tp = k == K_HERE;
	f->kprobes = k != K_HERE && k != K_RAW_ONLY && k != K_NOTHING;
	f->syscall_wrapper = f->kprobes && f->version >= KV(4, 17, 0);
	if (f->kprobes && k != K_NO_PREFIX)
		snprintf(f->kprobe_prefix, sizeof(f->kprobe_prefix), "%s",
			 f->syscall_wrapper ? "__x64_sys_" : "SyS_");
	if (f->version < KV(5, 0, 0))
		f->field.exit_group_dead = -1;
}

/* ---- the families each kernel and mode give */

#define N FAMILY_NONE
#define TPS FAMILY_SYSCALL_TPS
#define RAW FAMILY_RAW_SYSCALLS
#define TP FAMILY_TRACEPOINT
#define KP FAMILY_KPROBE

static const struct expect {
	enum kernel k;
	enum probe_mode mode;
	/* system calls for up to 8 selected calls, and for more; cap_capable,
	 * do_exit, commit_creds */
	enum family few, many, cap, exit, creds;
} expected[] = {
	{ K_HERE, PROBE_AUTO, TPS, RAW, TP, TP, N },
	{ K_HERE, PROBE_TRACEPOINT, TPS, TPS, TP, TP, N },
	{ K_HERE, PROBE_RAW, RAW, RAW, TP, TP, N },
	{ K_HERE, PROBE_KPROBE, N, N, N, TP, N },
	{ K_VM_6_1, PROBE_AUTO, TPS, RAW, KP, TP, KP },
	{ K_VM_6_1, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_VM_6_1, PROBE_RAW, RAW, RAW, KP, TP, KP },
	{ K_VM_6_1, PROBE_KPROBE, KP, KP, KP, KP, KP },
	{ K_NO_PREFIX, PROBE_AUTO, TPS, RAW, N, TP, N },
	{ K_NO_PREFIX, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_NO_PREFIX, PROBE_RAW, RAW, RAW, N, TP, N },
	{ K_NO_PREFIX, PROBE_KPROBE, N, N, N, TP, N },
	{ K_5_8, PROBE_AUTO, TPS, RAW, KP, TP, KP },
	{ K_5_8, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_5_8, PROBE_RAW, RAW, RAW, KP, TP, KP },
	{ K_5_8, PROBE_KPROBE, KP, KP, KP, KP, KP },
	{ K_5_2, PROBE_AUTO, TPS, RAW, KP, TP, KP },
	{ K_5_2, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_5_2, PROBE_RAW, RAW, RAW, KP, TP, KP },
	{ K_5_2, PROBE_KPROBE, KP, KP, KP, KP, KP },
	{ K_4_17, PROBE_AUTO, TPS, RAW, KP, TP, KP },
	{ K_4_17, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_4_17, PROBE_RAW, RAW, RAW, KP, TP, KP },
	{ K_4_17, PROBE_KPROBE, KP, KP, KP, KP, KP },
	{ K_4_14, PROBE_AUTO, TPS, RAW, KP, TP, KP },
	{ K_4_14, PROBE_TRACEPOINT, TPS, TPS, N, TP, N },
	{ K_4_14, PROBE_RAW, RAW, RAW, KP, TP, KP },
	{ K_4_14, PROBE_KPROBE, KP, KP, KP, KP, KP },
	/* without raw_syscalls, auto and even raw fall back to kprobes */
	{ K_KPROBES_ONLY, PROBE_AUTO, KP, KP, KP, TP, KP },
	{ K_KPROBES_ONLY, PROBE_TRACEPOINT, N, N, N, TP, N },
	{ K_KPROBES_ONLY, PROBE_RAW, KP, KP, KP, TP, KP },
	{ K_KPROBES_ONLY, PROBE_KPROBE, KP, KP, KP, KP, KP },
	{ K_RAW_ONLY, PROBE_AUTO, RAW, RAW, N, TP, N },
	{ K_RAW_ONLY, PROBE_TRACEPOINT, RAW, RAW, N, TP, N },
	{ K_RAW_ONLY, PROBE_RAW, RAW, RAW, N, TP, N },
	{ K_RAW_ONLY, PROBE_KPROBE, N, N, N, TP, N },
	{ K_NOTHING, PROBE_AUTO, N, N, N, TP, N },
	{ K_NOTHING, PROBE_TRACEPOINT, N, N, N, TP, N },
	{ K_NOTHING, PROBE_RAW, N, N, N, TP, N },
	{ K_NOTHING, PROBE_KPROBE, N, N, N, TP, N },
};

#undef N
#undef TPS
#undef RAW
#undef TP
#undef KP

static const char *const mode_word[] = {
	[PROBE_AUTO] = "auto", [PROBE_TRACEPOINT] = "tracepoint", [PROBE_KPROBE] = "kprobe",
	[PROBE_RAW] = "raw",
};

/* ---- selections, as the command line makes them */

static const char *const selections[][3] = {
	{ "-e", "openat" },                                           /* one call */
	{ "-e", "openat,close,dup,dup2,dup3,socket,kill,mmap" },      /* 8 calls */
	{ "-e", "openat,close,dup,dup2,dup3,socket,kill,mmap,mprotect" }, /* 9 */
	{ "-e", "all" },
	{ "-e", "cap_capable,do_exit,commit_creds" },                 /* kernel events only */
	{ "-e", "module" },                                           /* module calls */
	{ "-c" },                                                     /* container mode */
	{ "-c", "-e", "openat,execve" }, /* which still watches clone, fork... */
	{ "--container", "tracee-box" },                              /* a named container */
};
#define NSEL (sizeof(selections) / sizeof(selections[0]))

static void options(struct config *cfg, size_t sel, enum probe_mode mode, const char *extra)
{
	char *argv[8] = { "tracee", "--probe-mode", (char *)mode_word[mode] };
	char err[512];
	int argc = 3;

	for (int i = 0; i < 3 && selections[sel][i]; i++)
		argv[argc++] = (char *)selections[sel][i];
	if (extra)
		argv[argc++] = (char *)extra;
	if (cli__parse(argc, argv, cfg, err, sizeof(err)) < 0)
		fail_msg("%s", err);
}

static int selected_syscalls(const struct config *cfg)
{
	int n = 0;
	for (size_t i = 0; i < event_count; i++)
		n += cfg->selected[i] && event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0;
	return n;
}

/* ---- what follows from the families */

/* Each event's availability: through its kind's family, or the reason
 * the family (or its absence) gives. */
static void check_availability(const struct probe_plan *p, const struct kernel_features *kf,
			       enum probe_mode mode, const char *where)
{
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		const struct availability *a = &p->events[i];
		enum family f = e->kind == EK_SYSCALL	  ? p->syscalls
				: e->kind == EK_CAP_CAPABLE ? p->cap_capable
				: e->kind == EK_DO_EXIT	    ? p->do_exit
							    : p->commit_creds;
		enum unavailable why = UNAV_NONE;

		if (e->kind == EK_SYSCALL && e->nr < 0)
			why = UNAV_NO_SYSCALL;
		else if (e->kind == EK_SYSCALL && f == FAMILY_SYSCALL_TPS && !kf->syscall_tp[i])
			why = UNAV_NO_CALL_TP;
		else if (f == FAMILY_NONE && e->kind == EK_SYSCALL)
			why = mode == PROBE_KPROBE ? UNAV_NO_KPROBES : UNAV_NO_SYSCALL_TPS;
		else if (f == FAMILY_NONE && e->kind == EK_CAP_CAPABLE)
			why = mode == PROBE_TRACEPOINT ? UNAV_NO_CAP_TP : UNAV_NO_CAP_TP_KPROBES;
		else if (f == FAMILY_NONE && e->kind == EK_DO_EXIT)
			why = UNAV_NO_SCHED_EXIT;
		else if (f == FAMILY_NONE)
			why = mode == PROBE_TRACEPOINT ? UNAV_KPROBES_EXCLUDED : UNAV_NO_KPROBES_HERE;
		if (a->available != (why == UNAV_NONE) || (a->available && a->via != f) ||
		    (!a->available && a->why != why))
			fail_msg("%s: %s is %s via %d (reason %d), expected reason %d", where,
				 e->name, a->available ? "available" : "unavailable", a->via,
				 a->why, why);
	}
}

/* Does the probe text define program `name`? */
static bool defines(const char *text, const char *name)
{
	char needle[96];
	snprintf(needle, sizeof(needle), "\nint %s(", name);
	return strstr(text, needle) != NULL;
}

static int count_rows(const struct probe_progs *pp, enum attach_kind kind, const char *prefix)
{
	int n = 0;
	for (int i = 0; i < pp->n; i++)
		n += pp->prog[i].kind == kind && strncmp(pp->prog[i].point, prefix, strlen(prefix)) == 0;
	return n;
}

static const struct probe_prog *row_named(const struct probe_progs *pp, const char *name)
{
	for (int i = 0; i < pp->n; i++)
		if (strcmp(pp->prog[i].name, name) == 0)
			return &pp->prog[i];
	return NULL;
}

/* The programs the loader is given: each one the probe text defines, each
 * attached where the plan says, in an order that lets nothing escape. */
static void check_programs(const struct probe_plan *p, const struct config *cfg,
			   const struct kernel_features *kf, const char *where)
{
	static struct probe_progs pp;
	int nsys = 0, nsys_tp = 0, nwatch = 0, nexec = 0, tails = 0;
	char *text;

	assert_int_equal(probegen__programs(cfg, p, &pp), 0);
	text = probegen__text(cfg, p, false);
	assert_non_null(text);
	for (int i = 0; i < pp.n; i++) {
		const struct probe_prog *r = &pp.prog[i];
		if (!defines(text, r->name))
			fail_msg("%s: the list names %s, which the probe text lacks", where, r->name);
		/* tail-called first, attached after; an entry after its exit */
		if (r->tail != TAIL_NONE)
			assert_int_equal(i, tails++);
		assert_true((r->tail == TAIL_NONE) != (r->kind == ATTACH_NONE));
		if (r->after >= 0)
			assert_true(r->after < i && strstr(pp.prog[r->after].point, "sys_exit_"));
	}
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		bool watched = p->container_mode && (e->flags & EF_NEW_TASK);
		if (e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		nsys += cfg->selected[i];
		nexec += cfg->selected[i] && (e->flags & EF_ENTRY_CAPTURE);
		nsys_tp += cfg->selected[i] && kf->syscall_tp[i];
		nwatch += !cfg->selected[i] && watched && kf->syscall_tp[i];
	}
	assert_int_equal(tails, nsys + nexec);
	assert_int_equal(p->exec, nexec > 0);
	/* system calls: their family's attachments and no other */
	assert_int_equal(count_rows(&pp, ATTACH_TRACEPOINT, "raw_syscalls:"),
			 p->syscalls == FAMILY_RAW_SYSCALLS ? 2 : 0);
	assert_int_equal(count_rows(&pp, ATTACH_TRACEPOINT, "syscalls:sys_exit_"),
			 p->syscalls == FAMILY_SYSCALL_TPS ? nsys_tp + nwatch : 0);
	assert_int_equal(count_rows(&pp, ATTACH_TRACEPOINT, "syscalls:sys_enter_"),
			 p->syscalls == FAMILY_SYSCALL_TPS ? nsys_tp : 0);
	assert_int_equal(count_rows(&pp, ATTACH_KRETPROBE, "__x64_sys_") +
				 count_rows(&pp, ATTACH_KRETPROBE, "SyS_"),
			 p->syscalls == FAMILY_KPROBE ? nsys : 0);
	assert_int_equal(count_rows(&pp, ATTACH_KPROBE, "__x64_sys_") +
				 count_rows(&pp, ATTACH_KPROBE, "SyS_"),
			 p->syscalls == FAMILY_KPROBE ? nsys : 0);
	/* fork first, as a raw tracepoint where it can be */
	assert_string_equal(pp.prog[tails].name, "tr_sched_fork");
	assert_int_equal(pp.prog[tails].kind,
			 kf->version >= KV(4, 17, 0) ? ATTACH_RAW_TRACEPOINT : ATTACH_TRACEPOINT);
	assert_int_equal(row_named(&pp, "tr_sched_exec") != NULL,
			 p->exec || kf->version < KV(4, 17, 0));
	/* the kernel events' own programs, as emitted */
	assert_int_equal(row_named(&pp, "tr_cap_capable") != NULL, p->cap_tp);
	assert_int_equal(row_named(&pp, "tr_kp_cap_enter") != NULL, p->cap_kprobe);
	assert_int_equal(row_named(&pp, "tr_kp_do_exit") != NULL, p->exit_kprobe);
	assert_int_equal(row_named(&pp, "tr_kp_commit_creds") != NULL, p->creds_kprobe);
	assert_int_equal(p->cap_tp || p->cap_kprobe,
			 cfg->selected[events__find("cap_capable")] &&
				 p->cap_capable != FAMILY_NONE);
	assert_int_equal(p->exit_kprobe,
			 cfg->selected[events__find("do_exit")] && p->do_exit == FAMILY_KPROBE);
	assert_int_equal(row_named(&pp, "tr_cgroup_mkdir") != NULL, p->container_mode);
	free(text);
}

/* Why the plan refuses these options, if it should. */
static void check_status(const struct probe_plan *p, const struct kernel_features *kf,
			 const struct config *cfg, const char *where)
{
	const char *want = NULL;

	if (p->syscalls == FAMILY_NONE)
		want = cfg->probe_mode == PROBE_KPROBE
			       ? (kf->kprobes ? "--probe-mode kprobe: no system call functions found "
						"in /proc/kallsyms"
					      : "--probe-mode kprobe: this kernel has no kprobes "
						"(CONFIG_KPROBES); use --probe-mode auto or tracepoint")
		       : cfg->probe_mode == PROBE_RAW
			       ? "--probe-mode raw: the kernel has no raw_syscalls tracepoints "
				 "(CONFIG_FTRACE_SYSCALLS)"
		       : cfg->probe_mode == PROBE_TRACEPOINT
			       ? "the kernel has no system call tracepoints (CONFIG_FTRACE_SYSCALLS); "
				 "try --probe-mode kprobe"
			       : "the kernel has no system call tracepoints (CONFIG_FTRACE_SYSCALLS)";
	else if (p->syscalls == FAMILY_KPROBE && (cfg->container || cfg->ncontainers))
		want = "container mode needs the system call tracepoints; it cannot run with "
		       "--probe-mode kprobe";
	if (!want && p->status != 0)
		fail_msg("%s: refused: %s", where, p->why);
	if (want) {
		assert_int_equal(p->status, -ENOTSUP);
		assert_string_equal(p->why, want);
	}
}

static void test_matrix(void **state)
{
	(void)state;
	assert_int_equal(sizeof(expected) / sizeof(expected[0]), K_COUNT * 4);
	for (size_t x = 0; x < sizeof(expected) / sizeof(expected[0]); x++) {
		const struct expect *ex = &expected[x];
		struct kernel_features kf;

		kernel(ex->k, &kf);
		for (size_t s = 0; s < NSEL; s++) {
			struct config cfg;
			struct probe_plan p;
			char where[160];
			int nsys;

			options(&cfg, s, ex->mode, NULL);
			nsys = selected_syscalls(&cfg);
			snprintf(where, sizeof(where), "%s, --probe-mode %s, %s %s %s",
				 kernel_name[ex->k], mode_word[ex->mode], selections[s][0],
				 selections[s][1] ? selections[s][1] : "",
				 selections[s][2] ? selections[s][2] : "");
			plan__make(&kf, &cfg, &p);
			if (p.syscalls != (nsys <= PLAN_AUTO_SYSCALL_TPS ? ex->few : ex->many) ||
			    p.cap_capable != ex->cap || p.do_exit != ex->exit ||
			    p.commit_creds != ex->creds)
				fail_msg("%s: families %d %d %d %d", where, p.syscalls, p.cap_capable,
					 p.do_exit, p.commit_creds);
			check_availability(&p, &kf, ex->mode, where);
			check_status(&p, &kf, &cfg, where);
			if (p.status == 0)
				check_programs(&p, &cfg, &kf, where);
			/* what does not depend on the families */
			assert_int_equal(p.kver, kf.version);
			assert_int_equal(p.raw_fork, kf.version >= KV(4, 17, 0));
			assert_int_equal(p.ringbuf, kf.ringbuf);
			assert_int_equal(p.buf_pages, kf.ringbuf ? 4096 : 256);
			assert_int_equal(p.container_mode, cfg.container || cfg.ncontainers);
			assert_int_equal(p.new_containers, cfg.container);
			assert_int_equal(p.follow_all_new, !cfg.container && !cfg.ncontainers);
			assert_int_equal(p.self_pid, 4242);
		}
	}
}

/* The words --kernel-info shows, and the warnings at start. */
static void test_words(void **state)
{
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;
	char buf[256];

	(void)state;
	kernel(K_HERE, &kf);
	options(&cfg, 0, PROBE_AUTO, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__describe(&p, events__find("openat"), buf, sizeof(buf)),
			    "tracepoint syscalls:sys_enter_openat/sys_exit_openat");
	assert_string_equal(plan__describe(&p, events__find("init_module"), buf, sizeof(buf)),
			    "unavailable: this kernel has no syscalls:sys_enter_init_module "
			    "tracepoint; --probe-mode raw sees the calls");
	assert_string_equal(plan__describe(&p, events__find("cap_capable"), buf, sizeof(buf)),
			    "tracepoint capability:cap_capable");
	assert_string_equal(plan__describe(&p, events__find("do_exit"), buf, sizeof(buf)),
			    "tracepoint sched:sched_process_exit");
	assert_string_equal(plan__why(&p, events__find("commit_creds"), buf, sizeof(buf)),
			    "it needs kprobes, which this kernel has not");
	assert_string_equal(plan__why(&p, events__find("openat"), buf, sizeof(buf)), "");

	options(&cfg, 3, PROBE_AUTO, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__describe(&p, events__find("openat"), buf, sizeof(buf)),
			    "raw_syscalls:sys_enter/sys_exit, nr 257");

	kernel(K_VM_6_1, &kf);
	options(&cfg, 3, PROBE_KPROBE, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__describe(&p, events__find("openat"), buf, sizeof(buf)),
			    "kprobe+kretprobe __x64_sys_openat");
	assert_string_equal(plan__describe(&p, events__find("cap_capable"), buf, sizeof(buf)),
			    "kprobe+kretprobe cap_capable");
	assert_string_equal(plan__describe(&p, events__find("do_exit"), buf, sizeof(buf)),
			    "kprobe do_exit");
	assert_string_equal(plan__describe(&p, events__find("commit_creds"), buf, sizeof(buf)),
			    "kprobe commit_creds");
	options(&cfg, 3, PROBE_TRACEPOINT, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__describe(&p, events__find("cap_capable"), buf, sizeof(buf)),
			    "unavailable: no capability:cap_capable tracepoint");
	assert_string_equal(plan__why(&p, events__find("commit_creds"), buf, sizeof(buf)),
			    "it needs kprobes, and --probe-mode tracepoint excludes them");
	kernel(K_NOTHING, &kf);
	options(&cfg, 3, PROBE_KPROBE, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__why(&p, events__find("openat"), buf, sizeof(buf)), "no kprobes");
	assert_string_equal(plan__why(&p, events__find("cap_capable"), buf, sizeof(buf)),
			    "no capability:cap_capable tracepoint and no kprobes");
	options(&cfg, 3, PROBE_AUTO, NULL);
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__why(&p, events__find("openat"), buf, sizeof(buf)),
			    "no system call tracepoints");
	kf.sched_exit_tp = false;
	plan__make(&kf, &cfg, &p);
	assert_string_equal(plan__why(&p, events__find("do_exit"), buf, sizeof(buf)),
			    "no sched_process_exit");
}

/* The traced table's bound: the smaller of pid_max and threads-max, at
 * most PID_MAX_LIMIT, PID_MAX_LIMIT when neither is known. */
static void test_traced_bound(void **state)
{
	static const struct {
		unsigned long pid_max, threads_max;
		unsigned test, want;
	} cases[] = {
		{ 32768, 63000, 0, 32768 },
		{ 4194304, 192724, 0, 192724 },
		{ 0, 0, 0, PLAN_PID_MAX_LIMIT },
		{ 0, 100000, 0, 100000 },
		{ 8000000, 0, 0, PLAN_PID_MAX_LIMIT },
		{ 32768, 63000, 16, 16 },
	};
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;

	(void)state;
	kernel(K_HERE, &kf);
	options(&cfg, 0, PROBE_AUTO, NULL);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		kf.pid_max = cases[i].pid_max;
		kf.threads_max = cases[i].threads_max;
		kf.test_max_traced = cases[i].test;
		plan__make(&kf, &cfg, &p);
		assert_int_equal(p.max_traced, cases[i].want);
	}
}

/* Before 5.2 argv is kept within a program's 4096 instructions. */
static void test_max_args(void **state)
{
	static const struct {
		enum kernel k;
		const char *max, *want;
	} cases[] = {
		{ K_4_14, "256", "32" }, { K_4_17, "20", "20" }, { K_4_17, "33", "32" },
		{ K_5_2, "256", "256" }, { K_HERE, "256", "256" },
	};
	struct kernel_features kf;
	struct probe_plan p;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct config cfg;
		char *argv[] = { "tracee", "--max-args", (char *)cases[i].max };
		char err[256];
		kernel(cases[i].k, &kf);
		assert_int_equal(cli__parse(3, argv, &cfg, err, sizeof(err)), 0);
		plan__make(&kf, &cfg, &p);
		assert_int_equal(p.max_args, atoi(cases[i].want));
	}
}

/* --transport and --buffer-pages; the ring buffer asked for where there is none. */
static void test_transport(void **state)
{
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;

	(void)state;
	kernel(K_5_2, &kf);
	options(&cfg, 0, PROBE_AUTO, "--transport=ringbuf");
	assert_int_equal(plan__make(&kf, &cfg, &p), -ENOTSUP);
	assert_string_equal(p.why, "this kernel has no BPF ring buffer (5.8+); use --transport perf");
	kernel(K_5_8, &kf);
	assert_int_equal(plan__make(&kf, &cfg, &p), 0);
	assert_true(p.ringbuf);
	options(&cfg, 0, PROBE_AUTO, "--transport=perf");
	plan__make(&kf, &cfg, &p);
	assert_false(p.ringbuf);
	assert_int_equal(p.buf_pages, 256);
	options(&cfg, 0, PROBE_AUTO, "--buffer-pages=64");
	plan__make(&kf, &cfg, &p);
	assert_true(p.ringbuf);
	assert_int_equal(p.buf_pages, 64);
}

/* Container IDs, and so new cgroups, are followed where they are looked
 * up: JSON, the CONTAINER column, container mode; and only where the
 * kernel's cgroup_mkdir has the fields the probe reads. */
static void test_container_ids(void **state)
{
	static const struct {
		size_t sel;
		const char *extra;
		bool want;
	} cases[] = {
		{ 0, NULL, false }, { 0, "-j", true }, { 0, "--container-id", true },
		{ 6, NULL, true },  { 3, "--container=abc", true },
	};
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;

	(void)state;
	kernel(K_HERE, &kf);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		options(&cfg, cases[i].sel, PROBE_AUTO, cases[i].extra);
		plan__make(&kf, &cfg, &p);
		assert_int_equal(p.container_ids, cases[i].want);
		assert_int_equal(p.cgroup_mkdir, cases[i].want);
	}
	/* its records carry the event table's row for them */
	options(&cfg, 0, PROBE_AUTO, "-j");
	plan__make(&kf, &cfg, &p);
	{
		char *text = probegen__text(&cfg, &p, false), want[64];
		for (size_t i = event_count; i < event_row_count; i++)
			if (event_table[i].kind == EK_CGROUP_MKDIR)
				snprintf(want, sizeof(want), "\n#define TR_EV_CGROUP_MKDIR %zu\n", i);
		assert_non_null(strstr(text, want));
		assert_non_null(strstr(text, "h->event_id = TR_EV_CGROUP_MKDIR;"));
		free(text);
	}
	kf.field.cgmkdir_id_size = 2;
	plan__make(&kf, &cfg, &p);
	assert_true(p.container_ids);
	assert_false(p.cgroup_mkdir);
	kf.field.cgmkdir_id_size = 4;
	kf.cgroup_mkdir_tp = false;
	plan__make(&kf, &cfg, &p);
	assert_false(p.cgroup_mkdir);
}

/* What 4.14 asks of the probe text: no group_dead, sched_process_exec for
 * the traced set, a fork tracepoint that is not raw. */
static void test_old_kernel_text(void **state)
{
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;
	char *text;

	(void)state;
	kernel(K_4_14, &kf);
	options(&cfg, 0, PROBE_AUTO, NULL);
	assert_int_equal(plan__make(&kf, &cfg, &p), 0);
	assert_false(p.raw_fork);
	assert_true(p.sched_exec);
	assert_false(p.exec);
	text = probegen__text(&cfg, &p, false);
	assert_non_null(strstr(text, "#define TR_HAVE_GROUP_DEAD 0\n"));
	assert_non_null(strstr(text, "#define TR_RAW_FORK 0\n"));
	assert_non_null(strstr(text, "#define TR_KVER 265728\n"));
	free(text);
	/* a kernel without sched_process_exec's fields cannot follow threads */
	kf.field.exec_old_pid = -1;
	assert_int_equal(plan__make(&kf, &cfg, &p), -ENOTSUP);
	assert_string_equal(p.why, "the kernel lacks the sched_process_exec tracepoint");
	kernel(K_HERE, &kf);
	kf.field.fork_child_pid = -1;
	assert_int_equal(plan__make(&kf, &cfg, &p), -ENOTSUP);
	assert_string_equal(p.why, "the kernel lacks the sched_process_fork/exit tracepoints");
}

/* --failed: neither an exit nor a change of credentials is a failure, so
 * their kprobes are not attached. */
static void test_failed_only(void **state)
{
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;

	(void)state;
	kernel(K_VM_6_1, &kf);
	options(&cfg, 4, PROBE_KPROBE, NULL);
	plan__make(&kf, &cfg, &p);
	assert_true(p.exit_kprobe && p.creds_kprobe && p.cap_kprobe);
	options(&cfg, 4, PROBE_KPROBE, "--failed");
	plan__make(&kf, &cfg, &p);
	assert_true(p.emit_do_exit && p.emit_commit_creds && p.cap_kprobe);
	assert_false(p.exit_kprobe || p.creds_kprobe);
}

/* The body of program `name` in the probe text (up to its closing brace). */
static char *body_of(const char *text, const char *name)
{
	char needle[96];
	const char *start, *end;

	snprintf(needle, sizeof(needle), "\nint %s(", name);
	start = strstr(text, needle);
	assert_non_null(start);
	end = strstr(start, "\n}\n");
	assert_non_null(end);
	return strndup(start, (size_t)(end - start));
}

/*
 * The kernel events' values go on the wire in the order of their rows'
 * parameters, which the decoder reads them in: the probe text writes them
 * through TR_ARGS_<KIND>, generated from the row, one value a parameter
 * taken from the variable of its name; commit_creds's emitter computes
 * each of those variables and writes through the macro alone.
 */
static void test_kernel_event_args(void **state)
{
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;
	char *text, *body, put[96];

	(void)state;
	kernel(K_VM_6_1, &kf);
	options(&cfg, 3, PROBE_KPROBE, "-j");
	assert_int_equal(plan__make(&kf, &cfg, &p), 0);
	text = probegen__text(&cfg, &p, false);
	for (size_t i = 0; i < event_row_count; i++) {
		const struct event_def *e = &event_table[i];
		char kind[32] = "", macro[64];
		const char *at;

		if (e->kind == EK_SYSCALL)
			continue;
		/* the row's id in the probe text, TR_EV_<KIND>, names its macro */
		for (at = strstr(text, "#define TR_EV_"); at && !kind[0];
		     at = strstr(at + 1, "#define TR_EV_")) {
			size_t n = strcspn(at + 14, " ");
			if ((size_t)atoi(at + 14 + n) == i)
				snprintf(kind, sizeof(kind), "%.*s", (int)n, at + 14);
		}
		if (!kind[0])
			fail_msg("%s: no TR_EV id in the probe text", e->name);
		snprintf(macro, sizeof(macro), "TR_ARGS_%s", kind);
		snprintf(put, sizeof(put), "#define %s", macro);
		at = strstr(text, put);
		assert_non_null(at);
		for (int j = 0; j < e->nparams; j++) {
			snprintf(put, sizeof(put), "(b, off, %s", e->params[j].name);
			at = strstr(at, "off = tr_put_");
			assert_non_null(at);
			at = strchr(at, '(');
			if (strncmp(at, put, strlen(put)) != 0 || !strchr(",)", at[strlen(put)]))
				fail_msg("%s: value %d of %s is not %s", e->name, j, macro,
					 e->params[j].name);
		}
		assert_non_null(strstr(at, "h->argc = "));
		assert_int_equal(atoi(strstr(at, "h->argc = ") + 10), e->nparams);
		if (e->kind == EK_COMMIT_CREDS) {
			body = body_of(text, "tr_kp_commit_creds");
			assert_non_null(strstr(body, macro));
			assert_null(strstr(body, "tr_put_long"));
			for (int j = 0; j < e->nparams; j++) {
				char set[96];
				snprintf(set, sizeof(set), "\n\t%s = ", e->params[j].name);
				if (!strstr(body, set))
					fail_msg("commit_creds's emitter never sets %s",
						 e->params[j].name);
			}
			free(body);
		}
	}
	free(text);
}

/* Every system call at once: the programs fit the loader's bounds, in
 * each family, and the emitters are one per shape of arguments, far fewer
 * than the calls (the compile grows with the shapes). */
static void test_every_syscall(void **state)
{
	static struct probe_progs pp;
	static const enum probe_mode modes[] = { PROBE_TRACEPOINT, PROBE_RAW, PROBE_KPROBE };
	struct kernel_features kf;
	struct config cfg;
	struct probe_plan p;
	char *text;
	int calls = 0, shapes = 0, emitters = 0;

	(void)state;
	for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		kernel(modes[m] == PROBE_KPROBE ? K_VM_6_1 : K_HERE, &kf);
		options(&cfg, 0, modes[m], "-esyscalls");
		assert_int_equal(plan__make(&kf, &cfg, &p), 0);
		assert_int_equal(probegen__programs(&cfg, &p, &pp), 0);
		calls = shapes = emitters = 0;
		for (size_t i = 0; i < event_count; i++)
			calls += cfg.selected[i] && event_table[i].kind == EK_SYSCALL &&
				 event_table[i].nr >= 0;
		for (int i = 0; i < pp.n; i++) {
			bool first = true;
			if (pp.prog[i].tail == TAIL_NONE)
				continue;
			emitters++;
			for (int j = 0; j < i; j++)
				first &= strcmp(pp.prog[j].name, pp.prog[i].name) != 0;
			shapes += first;
		}
		assert_true(pp.n <= PROBEGEN_MAX_PROGS);
		text = probegen__text(&cfg, &p, false);
		assert_non_null(text);
		free(text);
		print_message("every system call, %s: %d calls, %d emitters of %d shapes, "
			      "%d programs\n", modes[m] == PROBE_TRACEPOINT ? "tracepoint"
					       : modes[m] == PROBE_RAW ? "raw" : "kprobe",
			      calls, emitters, shapes, pp.n);
		assert_true(calls > 350);
		assert_true(shapes * 3 < calls);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_traced_bound),
		cmocka_unit_test(test_max_args),
		cmocka_unit_test(test_transport),
		cmocka_unit_test(test_container_ids),
		cmocka_unit_test(test_old_kernel_text),
		cmocka_unit_test(test_failed_only),
		cmocka_unit_test(test_kernel_event_args),
		cmocka_unit_test(test_every_syscall),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
