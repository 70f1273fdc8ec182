// SPDX-License-Identifier: GPL-2.0
/*
 * probegen.c - build the probe text (see probegen.h).
 */
#include "probegen.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoders.h"
#include "events.h"
#include "filter.h"
#include "strbuf.h"

/* Embedded at build time from probes/ (cmake/embed.cmake). */
extern const char embed_tracee_bpf_c[];
extern const char embed_tracee_path_at_bpf_c[];
extern const char embed_tracee_wire_h[];

/* With real kernel headers the probes use the kernel's own structures. */
static const char headers_prelude[] =
	"#include <linux/sched.h>\n"
	"#include <linux/mm_types.h>\n"
	"#include <linux/nsproxy.h>\n"
	"#include <linux/pid_namespace.h>\n"
	"#include <linux/utsname.h>\n"
	"#include <linux/ns_common.h>\n"
	"#include <linux/cred.h>\n"
	"#if LINUX_VERSION_CODE >= KERNEL_VERSION(4, 11, 0)\n"
	"#include <linux/sched/signal.h>\n"
	"#endif\n"
	"/* struct mnt_namespace is private to fs/ (fs/mount.h): its head, by version. */\n"
	"#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 11, 0)\n"
	"struct mnt_namespace { atomic_t count; struct ns_common ns; };\n"
	"#else\n"
	"struct mnt_namespace { struct ns_common ns; };\n"
	"#endif\n"
	"#if LINUX_VERSION_CODE >= KERNEL_VERSION(4, 19, 0)\n"
	"#define TR_TASK_PID(t) ((t)->thread_pid)\n"
	"#else\n"
	"#define TR_TASK_PID(t) ((t)->pids[PIDTYPE_PID].pid)\n"
	"#endif\n";

/* For a path resolved against a directory fd (execveat): files, dentries
 * and mounts. struct mount is private to fs/ too; its head has been this
 * since 3.3. */
static const char headers_path_at[] =
	"#include <linux/fs.h>\n"
	"#include <linux/dcache.h>\n"
	"#include <linux/path.h>\n"
	"#include <linux/mount.h>\n"
	"#include <linux/fdtable.h>\n"
	"#include <linux/fs_struct.h>\n"
	"struct mount { struct hlist_node mnt_hash; struct mount *mnt_parent;\n"
	"\tstruct dentry *mnt_mountpoint; struct vfsmount mnt; };\n";

/* Events whose arguments are captured alike share one emitter: the header
 * (event id included) is filled before the emitter runs, so only the shape
 * of the arguments matters. The shape is spelled into the program's name:
 * one letter per argument (capture kind) and the syscall argument it reads. */
static void shape_name(int id, const char *prefix, char *buf, int len)
{
	const struct event_def *e = &event_table[id];
	static const char kind[] = { [CAP_LONG] = 'L', [CAP_STR] = 'S', [CAP_ARGV] = 'V',
				     [CAP_SOCKADDR_IN] = 'I', [CAP_SOCKADDR_OUT] = 'O',
				     [CAP_STRUCT] = 'T', [CAP_PATH_AT] = 'P',
				     [CAP_STR_LEN] = 'N', [CAP_STR_RET] = 'R', [CAP_STR_IF] = 'F',
				     [CAP_MSG_NAME] = 'M', [CAP_STRUCT_OUT] = 'U' };
	int n = snprintf(buf, (size_t)len, "%s", prefix);

	for (int i = 0; i < e->nparams && n < len; i++) {
		const struct param *p = &e->params[i];
		n += snprintf(buf + n, (size_t)(len - n), "%c%d", kind[p->capture],
			      events__arg(e, i));
		if (p->capture == CAP_SOCKADDR_IN || p->capture == CAP_SOCKADDR_OUT ||
		    p->capture == CAP_STRUCT || p->capture == CAP_PATH_AT ||
		    p->capture == CAP_STR_LEN || p->capture == CAP_STR_IF ||
		    p->capture == CAP_STRUCT_OUT)
			n += snprintf(buf + n, (size_t)(len - n), "_%d", p->aux);
	}
	if (e->nparams == 0)
		snprintf(buf + n, (size_t)(len - n), "none");
}

/* The emitter of event `id`: tail-called from the syscall exit; for an
 * exec, on failure only. */
static void emit_name(int id, char *buf, int len)
{
	shape_name(id, event_table[id].flags & EF_ENTRY_CAPTURE ? "tr_emitx_" : "tr_emit_", buf,
		   len);
}

/* A successful exec's record builder, tail-called from sched_process_exec. */
static void exec_name(int id, char *buf, int len)
{
	shape_name(id, "tr_exec_", buf, len);
}

/* The entry program of each call's own tracepoints, by argument count. */
static void sys_enter_name(int nargs, char *buf, size_t len)
{
	snprintf(buf, len, "tr_sys_enter%d", nargs);
}

/* A system call's kprobe (entry) or kretprobe (exit) program. */
static void kprobe_name(const struct event_def *e, bool ret, char *buf, size_t len)
{
	snprintf(buf, len, "tr_kp%c_%s", ret ? 'x' : 'e', e->name);
}

/* Has `name` been generated already? Names are kept in `seen`, one per line. */
static bool seen_before(struct strbuf *seen, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = seen->buf; p && (p = strstr(p, name)); p += n)
		if ((p == seen->buf || p[-1] == '\n') && p[n] == '\n')
			return true;
	sb_puts(seen, name);
	sb_putc(seen, '\n');
	return false;
}

/* One TR_ARG line capturing param `i` of event `e`; `src` is 'A' (the
 * arguments saved at entry, read at exit) or 'X' (exec success, at
 * sched_process_exec: what the kernel prepared). */
static void gen_arg(struct strbuf *sb, const struct event_def *e, int i, char src)
{
	const struct param *p = &e->params[i];

	i = events__arg(e, i);
	if (src == 'X') {
		/* exec success, at sched_process_exec: what the kernel prepared */
		if (p->capture == CAP_STR)
			sb_printf(sb, "\tTR_ARG(tr_put_exec_filename(b, off, ctx))\n");
		else if (p->capture == CAP_PATH_AT)
			sb_printf(sb, "\tTR_ARG(tr_put_exec_path_at(b, off, ctx))\n");
		else if (p->capture == CAP_ARGV)
			sb_printf(sb, "\tTR_ARG(tr_put_exec_block(b, off, %d))\n", p->exec_env);
		else
			sb_printf(sb, "\tTR_ARG(tr_put_long(b, off, AX(%d)))\n", i);
		return;
	}
	switch (p->capture) {
	case CAP_LONG:
		sb_printf(sb, "\tTR_ARG(tr_put_long(b, off, %c(%d)))\n", src, i);
		break;
	case CAP_STR:
		sb_printf(sb, "\tTR_ARG(tr_put_str(b, off, (const char *)%c(%d)))\n", src, i);
		break;
	case CAP_PATH_AT:
		sb_printf(sb, "\tTR_ARG(tr_put_path_at(b, off, (const char *)%c(%d)))\n", src, i);
		break;
	case CAP_ARGV:
		sb_printf(sb, "\tTR_ARG(tr_put_argv(b, off, (const char *const *)%c(%d)))\n",
			  src, i);
		break;
	case CAP_SOCKADDR_IN:
		sb_printf(sb,
			  "\tTR_ARG(tr_put_bytes(b, off, (const void *)%c(%d), (__u32)%c(%d)))\n",
			  src, i, src, p->aux);
		break;
	case CAP_SOCKADDR_OUT:
		/* filled by the kernel: its length is at *addrlen, on success */
		sb_printf(sb,
			  "\t{\n\t\tint alen = 0;\n"
			  "\t\tif (h->ret >= 0 && %c(%d))\n"
			  "\t\t\ttr_read_user(&alen, sizeof(alen), (const void *)%c(%d));\n"
			  "\t\tif (alen < 0)\n\t\t\talen = 0;\n"
			  "\t\tTR_ARG(tr_put_bytes(b, off, (const void *)%c(%d), (__u32)alen))\n"
			  "\t}\n",
			  src, p->aux, src, p->aux, src, i);
		break;
	case CAP_STRUCT:
		sb_printf(sb, "\tTR_ARG(tr_put_bytes(b, off, (const void *)%c(%d), %d))\n", src,
			  i, p->aux);
		break;
	case CAP_STR_LEN:
		sb_printf(sb,
			  "\tTR_ARG(tr_put_str_max(b, off, (const char *)%c(%d), "
			  "(__u64)(__u32)%c(%d) + 1))\n",
			  src, i, src, p->aux);
		break;
	case CAP_STR_RET:
		/* as much as the call wrote; its address when it failed */
		sb_printf(sb,
			  "\tif (h->ret > 0) {\n"
			  "\t\tTR_ARG(tr_put_str_max(b, off, (const char *)%c(%d), (__u64)h->ret + 1))\n"
			  "\t} else {\n\t\tTR_ARG(tr_put_long(b, off, %c(%d)))\n\t}\n",
			  src, i, src, i);
		break;
	case CAP_STR_IF:
		sb_printf(sb,
			  "\tif (%c(%d) == %d) {\n"
			  "\t\tTR_ARG(tr_put_str(b, off, (const char *)%c(%d)))\n"
			  "\t} else {\n\t\tTR_ARG(tr_put_long(b, off, %c(%d)))\n\t}\n",
			  src, p->aux & 7, p->aux >> 3, src, i, src, i);
		break;
	case CAP_STRUCT_OUT:
		sb_printf(sb,
			  "\tif (h->ret >= 0) {\n"
			  "\t\tTR_ARG(tr_put_bytes(b, off, (const void *)%c(%d), %d))\n"
			  "\t} else {\n\t\tTR_ARG(tr_put_long(b, off, %c(%d)))\n\t}\n",
			  src, i, p->aux, src, i);
		break;
	case CAP_MSG_NAME:
		sb_printf(sb, "\tTR_ARG(tr_put_msg_name(b, off, (const void *)%c(%d)))\n", src, i);
		break;
	}
}

static bool captured(const struct config *cfg, const struct param *p)
{
	return !p->exec_env || cfg->exec_env;
}

/* A generated program: `begin`(), then `first` (C text), then one TR_ARG
 * line per captured param of `e`, read from `src` (gen_arg), then `end`(). */
static void gen_program(struct strbuf *sb, const struct config *cfg, const struct event_def *e,
			const char *name, const char *begin, const char *first, char src,
			const char *end)
{
	sb_printf(sb, "\nint %s(void *ctx)\n{\n\t%s()\n%s", name, begin, first);
	for (int j = 0; j < e->nparams; j++)
		if (captured(cfg, &e->params[j]))
			gen_arg(sb, e, j, src);
	sb_printf(sb, "\t%s()\n}\n", end);
}

/* The selected event with a path resolved against a directory fd (the
 * table has at most one, a unit test says so), or NULL; *param is the
 * path's index among its params. */
static const struct event_def *path_at_event(const struct config *cfg, int *param)
{
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		if (!cfg->selected[i] || e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		for (int j = 0; j < e->nparams; j++)
			if (e->params[j].capture == CAP_PATH_AT) {
				*param = j;
				return e;
			}
	}
	return NULL;
}

/* A configuration macro of the probe text. */
struct macro {
	const char *name;
	long long value;
	const char *suffix; /* "u": unsigned there */
};

/* The probe text's name of each kind of kernel event (and of tracee's own
 * records), as in TR_EV_CAP_CAPABLE. */
static const char *const kind_macro[] = {
	[EK_CAP_CAPABLE] = "CAP_CAPABLE",
	[EK_DO_EXIT] = "DO_EXIT",
	[EK_COMMIT_CREDS] = "COMMIT_CREDS",
	[EK_CGROUP_MKDIR] = "CGROUP_MKDIR",
};

/*
 * A kernel event's id (TR_EV_<KIND>) and its arguments' writer
 * (TR_ARGS_<KIND>): one value a parameter, in the table's order, each
 * from the probe's variable of the parameter's name (a number, or a
 * string in kernel memory); used inside an emitter, where b, h and off
 * are the scratch buffer, the header and the offset written to.
 */
static void kernel_event_macros(struct strbuf *sb, int id)
{
	const struct event_def *e = &event_table[id];

	if (e->kind == EK_SYSCALL)
		return;
	sb_printf(sb, "#define TR_EV_%s %d\n#define TR_ARGS_%s", kind_macro[e->kind], id,
		  kind_macro[e->kind]);
	for (int i = 0; i < e->nparams; i++)
		sb_printf(sb, " \\\n\toff = %s(b, off, %s%s);",
			  e->params[i].capture == CAP_STR ? "tr_put_string" : "tr_put_long",
			  e->params[i].name, e->params[i].capture == CAP_STR ? ", 1" : "");
	sb_printf(sb, " \\\n\th->argc = %d;\n", e->nparams);
}

/* ---- the filters checked in the probes (filter.h): --uid, --comm and
 * the --filter expressions filter__in_kernel places there, as C text */

/* An integer literal of the probe text; INT64_MIN cannot be written as one. */
static void put_i64(struct strbuf *sb, int64_t v)
{
	if (v == INT64_MIN)
		sb_puts(sb, "(-9223372036854775807LL - 1)");
	else
		sb_printf(sb, "%" PRId64 "LL", v);
}

static const char *const c_op[] = { "==", "!=", "<", "<=", ">", ">=" };

/* A comparison of `lhs`, read as a C type, with v: "((int)(lhs) < (int)(3LL))". */
static void put_compare(struct strbuf *sb, enum dec_type type, const char *lhs, int op, int64_t v)
{
	const char *t = type == DT_INT ? "__s32" : type == DT_UINT ? "__u32"
			: type == DT_ULONG ? "__u64" : "__s64";
	sb_printf(sb, "((%s)(%s) %s (%s)(", t, lhs, c_op[op], t);
	put_i64(sb, v);
	sb_puts(sb, "))");
}

/*
 * The first `len` bytes of `bytes` against the words `pre` N `post`, N the
 * word's index times `mul`, eight
 * bytes a word in this machine's byte order, the last masked to what is
 * left: a few compares instead of a loop over bytes (byte by byte, clang
 * makes the compares branch-free and the verifier walks every combination).
 */
static void put_words(struct strbuf *sb, const char *pre, int mul, const char *post,
		      const char *bytes, size_t len)
{
	for (size_t i = 0; i < len; i += 8) {
		uint64_t w = 0, mask = 0;
		size_t n = len - i < 8 ? len - i : 8;
		memcpy(&w, bytes + i, n);
		memset(&mask, 0xff, n);
		sb_puts(sb, " && ");
		if (n < 8)
			sb_puts(sb, "(");
		sb_printf(sb, "%s%d%s", pre, (int)(i / 8) * mul, post);
		if (n < 8)
			sb_printf(sb, " & 0x%016" PRIx64 "ull)", mask);
		sb_printf(sb, " == 0x%016" PRIx64 "ull", w);
	}
}

/* --comm's names and the comm filters: c0, c1 the two words of comm. */
static void comm_macro(struct strbuf *sb, const struct config *cfg)
{
	const struct filter_set *fs = &cfg->filters;
	int n = 0;

	for (int k = 0; k < fs->n; k++)
		n += fs->f[k].field == FF_COMM && filter__in_kernel(&fs->f[k], 0);
	if (!cfg->ncomms && !n)
		return;
	sb_puts(sb, "#define TR_FILTER_COMM_OK(c0, c1) (1");
	if (cfg->ncomms) {
		/* the whole 16 bytes (15 + NUL, zero-padded as the kernel copies
		 * comm): any of the names */
		sb_puts(sb, " && (0");
		for (int i = 0; i < cfg->ncomms; i++) {
			char name[TR_COMM_LEN] = { 0 };
			memcpy(name, cfg->filter_comms[i], strnlen(cfg->filter_comms[i], 15));
			sb_puts(sb, " || (1");
			put_words(sb, "(c", 1, ")", name, sizeof(name));
			sb_puts(sb, ")");
		}
		sb_puts(sb, ")");
	}
	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		char name[TR_COMM_LEN] = { 0 };
		size_t len;
		if (f->field != FF_COMM || !filter__in_kernel(f, 0))
			continue;
		/* exact: the name and its NUL padding; a prefix: its bytes */
		len = f->prefix ? f->value_len - 1 : sizeof(name);
		memcpy(name, f->value, f->prefix ? len : f->value_len);
		sb_printf(sb, " && %s(1", f->op == FOP_NE ? "!" : "");
		put_words(sb, "(c", 1, ")", name, len);
		sb_puts(sb, ")");
	}
	sb_puts(sb, ")\n");
}

/* The ret filters, on the value RET shows (r). */
static void ret_macro(struct strbuf *sb, const struct config *cfg)
{
	const struct filter_set *fs = &cfg->filters;
	bool any = false;

	for (int k = 0; k < fs->n; k++) {
		const struct filter *f = &fs->f[k];
		int64_t v;
		if (f->field != FF_RET || !filter__number(f, 0, &v))
			continue;
		if (!any)
			sb_puts(sb, "#define TR_FILTER_RET_OK(r) (1");
		any = true;
		sb_puts(sb, " && ");
		put_compare(sb, DT_LONG, "r", f->op, v);
	}
	if (any)
		sb_puts(sb, ")\n");
	sb_printf(sb, "#define TR_FILTER_RET %d\n", any);
}

/* Which of the selected events have an argument filter checked in the
 * probes at entry (numbers; an exec's strings) and at exit (strings). */
static bool kernel_arg_filter(const struct config *cfg, const struct filter *f, int id,
			      bool exit_side, int *pi)
{
	const struct event_def *e = &event_table[id];
	bool str;

	if (f->field != FF_ARG || !cfg->selected[id] || !filter__applies(f, id, pi) ||
	    !filter__in_kernel(f, id))
		return false;
	str = e->params[*pi].capture == CAP_STR;
	/* a string is read at exit, where the emitter reads it, unless the
	 * call replaces the memory it is in (exec): then at entry */
	return exit_side ? str && !(e->flags & EF_ENTRY_CAPTURE)
			 : !str || (e->flags & EF_ENTRY_CAPTURE);
}

static bool any_kernel_arg_filter(const struct config *cfg, bool exit_side, bool strings)
{
	int pi;

	for (int k = 0; k < cfg->filters.n; k++)
		for (size_t i = 0; i < event_count; i++)
			if (kernel_arg_filter(cfg, &cfg->filters.f[k], (int)i, exit_side, &pi) &&
			    (!strings || event_table[i].params[pi].capture == CAP_STR))
				return true;
	return false;
}

_Static_assert(FILTER_KERNEL_STR + 2 <= FILTER_KERNEL_STR_BUF &&
		       !(FILTER_KERNEL_STR_BUF & (FILTER_KERNEL_STR_BUF - 1)),
	       "a string filter's read fits its buffer, whose size masks it");

static void filter_macros(struct strbuf *sb, const struct config *cfg)
{
	if (cfg->nuids) {
		sb_puts(sb, "#define TR_FILTER_UID_OK(u) (0");
		for (int i = 0; i < cfg->nuids; i++)
			sb_printf(sb, " || (u) == %lluu", (unsigned long long)cfg->filter_uids[i]);
		sb_puts(sb, ")\n");
	}
	comm_macro(sb, cfg);
	ret_macro(sb, cfg);
	sb_printf(sb, "#define TR_FILTER_ENTER %d\n", any_kernel_arg_filter(cfg, false, false));
	sb_printf(sb, "#define TR_FILTER_EXIT %d\n", any_kernel_arg_filter(cfg, true, false));
	sb_printf(sb, "#define TR_FILTER_STR %d\n", any_kernel_arg_filter(cfg, false, true) ||
						    any_kernel_arg_filter(cfg, true, true));
	/* a power of two: the read's length is masked with it less one */
	sb_printf(sb, "#define TR_FILTER_STR_BUF %d\n", FILTER_KERNEL_STR_BUF);
}

/* One argument filter's test, true when the event passes it: a number of
 * the registers (a[i]), or a string a[i] points to, read into the
 * filter's buffer (s) and compared with the pattern, exact or a prefix. */
static void put_arg_filter(struct strbuf *sb, const struct filter *f, const struct event_def *e,
			   int pi)
{
	const struct param *p = &e->params[pi];
	char lhs[32];
	int64_t v;

	snprintf(lhs, sizeof(lhs), "a[%d]", events__arg(e, pi));
	if (p->capture == CAP_LONG) {
		filter__number(f, p->decoder, &v);
		sb_puts(sb, "\t\tif (!");
		put_compare(sb, decoder_table[p->decoder].type, lhs, f->op, v);
		sb_printf(sb, ")\n\t\t\treturn 0; /* %s */\n", f->text);
		return;
	}
	/* `len` bytes, then the NUL for an exact string: read one more than
	 * that, so that a longer string tells itself apart */
	{
		size_t len = f->prefix ? f->value_len - 1 : f->value_len;
		sb_printf(sb, "\t\tn = tr_fstr_read(s, (const char *)%s, %zu);\n", lhs,
			  len + (f->prefix ? 1 : 2));
		sb_printf(sb, "\t\tif (%s(n == %zu", f->op == FOP_NE ? "" : "!", len + 1);
		put_words(sb, "*(__u64 *)&s->b[", 8, "]", f->value, len);
		sb_printf(sb, "))\n\t\t\treturn 0; /* %s */\n", f->text);
	}
}

/* tr_filter_enter(ev, a) or tr_filter_exit(ev, a): for each selected
 * event with argument filters on this side, their tests; 1 when the event
 * passes them all. */
static void filter_function(struct strbuf *sb, const struct config *cfg, bool exit_side)
{
	const struct filter_set *fs = &cfg->filters;
	int pi;

	if (!any_kernel_arg_filter(cfg, exit_side, false))
		return;
	sb_printf(sb,
		  "\nstatic __always_inline int tr_filter_%s(__u32 ev, const unsigned long *a)\n"
		  "{\n",
		  exit_side ? "exit" : "enter");
	if (any_kernel_arg_filter(cfg, exit_side, true))
		sb_puts(sb, "\tstruct tr_fstr *s = tr_fstr_get();\n\tlong n;\n\n"
			    "\tif (!s)\n\t\treturn 0;\n");
	sb_puts(sb, "\tswitch (ev) {\n");
	for (size_t i = 0; i < event_count; i++) {
		bool any = false;
		for (int k = 0; k < fs->n; k++) {
			if (!kernel_arg_filter(cfg, &fs->f[k], (int)i, exit_side, &pi))
				continue;
			if (!any)
				sb_printf(sb, "\tcase %zu: /* %s */\n", i, event_table[i].name);
			any = true;
			put_arg_filter(sb, &fs->f[k], &event_table[i], pi);
		}
		if (any)
			sb_puts(sb, "\t\tbreak;\n");
	}
	sb_puts(sb, "\t}\n\treturn 1;\n}\n");
}

#define M(name, v) { name, (long long)(v), "" }
#define MU(name, v) { name, (long long)(v), "u" }

/* The probe text's configuration: one macro a row, then those whose
 * presence says something (#ifdef). */
const char *const probegen_sized_at_load[] = { "traced", "container_pidns", "inflight" };
const int probegen_sized_at_load_count =
	(int)(sizeof(probegen_sized_at_load) / sizeof(probegen_sized_at_load[0]));

static void config_macros(struct strbuf *sb, const struct config *cfg,
			  const struct probe_plan *plan, const struct event_def *path_at,
			  int path_at_param)
{
	const struct tp_fields *f = &plan->field;
	const struct macro macros[] = {
		M("TR_KVER", plan->kver),
		M("TR_MAX_ARGS", plan->max_args),
		M("TR_EXEC_ENV", cfg->exec_env),
		M("TR_NUM_EVENTS", event_count),
		M("TR_NR_SYSCALLS", 1024),
		M("TR_MAX_INFLIGHT", 16384),
		M("TR_MAX_EXEC_INFLIGHT", 256),
		/* the traced tables' bound follows pid_max and threads-max: the
		 * loader sizes them (probegen_sized_at_load), so that the text,
		 * and the cache's key with it, does not change with those */
		M("TR_MAX_TRACED", PROBEGEN_SIZED_AT_LOAD),
		M("TR_RAW_FORK", plan->raw_fork),
		M("TR_USE_RINGBUF", plan->ringbuf),
		/* unsigned: BCC's BPF_RINGBUF_OUTPUT multiplies it by PAGE_SIZE,
		 * and 2^31 bytes (524288 pages) overflows an int */
		MU("TR_BUF_PAGES", plan->buf_pages),
		M("TR_FOLLOW_ALL_NEW", plan->follow_all_new),
		M("TR_CONTAINER_MODE", plan->container_mode),
		M("TR_NEW_CONTAINERS", plan->new_containers),
		M("TR_FORK_CHILD_PID_OFF", f->fork_child_pid),
		M("TR_HAVE_GROUP_DEAD", f->exit_group_dead >= 0),
		M("TR_EXIT_GROUP_DEAD_OFF", f->exit_group_dead >= 0 ? f->exit_group_dead : 0),
		M("TR_RAW_SYSCALLS", plan->syscalls == FAMILY_RAW_SYSCALLS),
		M("TR_SYSCALL_TPS", plan->syscalls == FAMILY_SYSCALL_TPS),
		M("TR_KPROBE_SYSCALLS", plan->syscalls == FAMILY_KPROBE),
		M("TR_SYSCALL_WRAPPER", plan->syscall_wrapper),
#if defined(__x86_64__)
		M("TR_ARCH_X86", 1),
#else
		M("TR_ARCH_X86", 0),
#endif
		M("TR_CAP_KPROBE", plan->cap_kprobe),
		M("TR_DO_EXIT_KPROBE", plan->exit_kprobe),
		M("TR_EMIT_CAP_CAPABLE", plan->emit_cap_capable),
		M("TR_EMIT_DO_EXIT", plan->emit_do_exit),
		M("TR_EMIT_COMMIT_CREDS", plan->emit_commit_creds),
		M("TR_CAP_CAP_OFF", f->cap_cap),
		M("TR_CAP_RET_OFF", f->cap_ret),
		M("TR_WANT_EXEC", plan->exec),
		M("TR_WANT_NORETURN", plan->noreturn),
		M("TR_PATH_AT", path_at != NULL),
		M("TR_PATH_AT_NR", path_at ? path_at->nr : 0),
		M("TR_PATH_AT_DIRFD", path_at ? path_at->params[path_at_param].aux : 0),
		M("TR_PATH_AT_NAME", path_at ? events__arg(path_at, path_at_param) : 0),
		M("TR_FILTER_FAILED", cfg->filter_failed),
		MU("TR_FILTER_PIDNS", cfg->filter_pidns),
		MU("TR_FILTER_MNTNS", cfg->filter_mntns),
		M("TR_WANT_CGROUP_MKDIR", plan->cgroup_mkdir),
		M("TR_CGMKDIR_ROOT_OFF", f->cgmkdir_root),
		M("TR_CGMKDIR_ID_OFF", f->cgmkdir_id),
		M("TR_CGMKDIR_ID_SIZE", f->cgmkdir_id_size),
		M("TR_CGMKDIR_PATH_OFF", f->cgmkdir_path),
		M("TR_EXEC_FILENAME_OFF", f->exec_filename),
		M("TR_EXEC_OLD_PID_OFF", f->exec_old_pid),
	};

	for (size_t i = 0; i < sizeof(macros) / sizeof(macros[0]); i++)
		sb_printf(sb, "#define %s %lld%s\n", macros[i].name, macros[i].value,
			  macros[i].suffix);
	sb_printf(sb, "#define TR_RINGBUF_FLAGS BPF_RB_NO_WAKEUP\n");
	filter_macros(sb, cfg);
}

char *probegen__text(const struct config *cfg, const struct probe_plan *plan, bool btf_types)
{
	struct strbuf sb = { 0 }, seen = { 0 };
	char name[64];
	int path_at_param = 0;
	const struct event_def *path_at = path_at_event(cfg, &path_at_param);

	config_macros(&sb, cfg, plan, path_at, path_at_param);
	for (size_t i = 0; i < event_row_count; i++)
		kernel_event_macros(&sb, (int)i);

	/* kernel structures */
	if (btf_types)
		sb_printf(&sb, "#include <tracee/kernel_types.h>\n");
	else
		sb_printf(&sb, "%s%s", headers_prelude, path_at ? headers_path_at : "");

	sb_puts(&sb, embed_tracee_wire_h);
	sb_puts(&sb, embed_tracee_bpf_c);
	if (path_at)
		sb_puts(&sb, embed_tracee_path_at_bpf_c);
	filter_function(&sb, cfg, false);
	filter_function(&sb, cfg, true);

	/* one emitter per shape of arguments among the selected events */
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		if (!cfg->selected[i] || e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		emit_name((int)i, name, sizeof(name));
		if (seen_before(&seen, name))
			continue;
		if (e->flags & EF_ENTRY_CAPTURE) {
			/* success: built at sched_process_exec */
			exec_name((int)i, name, sizeof(name));
			gen_program(&sb, cfg, e, name, "TR_EXEC_BEGIN", "", 'X', "TR_EXEC_END");
			/* failure: the old memory is still there, read it at exit */
			emit_name((int)i, name, sizeof(name));
			gen_program(&sb, cfg, e, name, "TR_EMIT_BEGIN",
				    "\tif (h->ret >= 0) /* a success is reported by "
				    "sched_process_exec */\n\t\tgoto out;\n",
				    'A', "TR_EMITX_END");
			continue;
		}
		/* Emitters touch their context only to pass it to helpers, so the
		 * same code loads as a tracepoint or a kprobe program. */
		emit_name((int)i, name, sizeof(name));
		gen_program(&sb, cfg, e, name, "TR_EMIT_BEGIN", "", 'A', "TR_EMIT_END");
	}
	/* per-call tracepoints: an entry program for each argument count */
	for (int n = 0; plan->syscalls == FAMILY_SYSCALL_TPS && n <= 6; n++)
		for (size_t i = 0; i < event_count; i++) {
			const struct event_def *e = &event_table[i];
			if (!cfg->selected[i] || e->kind != EK_SYSCALL || e->nr < 0 ||
			    events__nargs(e) != n)
				continue;
			sys_enter_name(n, name, sizeof(name));
			sb_printf(&sb,
				  "\nint %s(struct tr_enter_ctx *ctx)\n{\n"
				  "\treturn tr_sys_enter_n(ctx, %d);\n}\n",
				  name, n);
			break;
		}
	/* kprobes on the system call functions: a pair per selected syscall */
	for (size_t i = 0; plan->syscalls == FAMILY_KPROBE && i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		if (!cfg->selected[i] || e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		kprobe_name(e, false, name, sizeof(name));
		sb_printf(&sb, "\nint %s(struct pt_regs *ctx)\n{\n\treturn tr_kp_enter(ctx, %d);\n}\n",
			  name, e->nr);
		kprobe_name(e, true, name, sizeof(name));
		sb_printf(&sb,
			  "\nint %s(struct pt_regs *ctx)\n{\n"
			  "\treturn tr_exit(ctx, %d, PT_REGS_RC(ctx));\n}\n",
			  name, e->nr);
	}
	sb_free(&seen);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.buf;
}

/* A row of the program list; NULL when it is full. */
static struct probe_prog *add_prog(struct probe_progs *out, const char *name,
				   enum bpf_prog_type type)
{
	struct probe_prog *r;

	if (out->n == PROBEGEN_MAX_PROGS)
		return NULL;
	r = &out->prog[out->n++];
	memset(r, 0, sizeof(*r));
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->type = type;
	r->after = -1;
	return r;
}

static struct probe_prog *add_tail(struct probe_progs *out, const char *name,
				   enum bpf_prog_type type, enum tail_map map, int key)
{
	struct probe_prog *r = add_prog(out, name, type);

	if (r) {
		r->tail = map;
		r->key = key;
	}
	return r;
}

static struct probe_prog *add_attach(struct probe_progs *out, const char *name,
				     enum bpf_prog_type type, enum attach_kind kind,
				     const char *point, const char *without)
{
	struct probe_prog *r = add_prog(out, name, type);

	if (r) {
		r->kind = kind;
		snprintf(r->point, sizeof(r->point), "%s", point);
		snprintf(r->without, sizeof(r->without), "%s", without ? without : "");
	}
	return r;
}

/* A selected system call's own attachments, exit side first (no entry is
 * left waiting); in container mode, the exit alone of a task creation
 * nobody selected. */
static int add_syscall(struct probe_progs *out, const struct config *cfg,
		       const struct probe_plan *plan, size_t i)
{
	const struct event_def *e = &event_table[i];
	bool watched = plan->container_mode && (e->flags & EF_NEW_TASK);
	char name[64], point[96], without[96];
	struct probe_prog *r;
	int exit_row;

	snprintf(without, sizeof(without), "%s is not traced", e->name);
	switch (plan->syscalls) {
	case FAMILY_SYSCALL_TPS:
		/* both run the raw_syscalls programs: the records agree but for
		 * the number's width (see tr_enter_ctx) */
		if ((!cfg->selected[i] && !watched) || plan->events[i].via != FAMILY_SYSCALL_TPS)
			return 0;
		snprintf(point, sizeof(point), "syscalls:sys_exit_%s", e->syscall);
		exit_row = out->n;
		if (!add_attach(out, fixed_progs[FIXED_SYS_EXIT].name, BPF_PROG_TYPE_TRACEPOINT,
				ATTACH_TRACEPOINT, point, without))
			return -E2BIG;
		if (!cfg->selected[i])
			return 0;
		sys_enter_name(events__nargs(e), name, sizeof(name));
		snprintf(point, sizeof(point), "syscalls:sys_enter_%s", e->syscall);
		r = add_attach(out, name, BPF_PROG_TYPE_TRACEPOINT, ATTACH_TRACEPOINT, point,
			       without);
		if (!r)
			return -E2BIG;
		r->after = exit_row;
		return 0;
	case FAMILY_KPROBE:
		if (!cfg->selected[i])
			return 0;
		snprintf(point, sizeof(point), "%s%s", plan->kprobe_prefix, e->syscall);
		kprobe_name(e, true, name, sizeof(name));
		if (!add_attach(out, name, BPF_PROG_TYPE_KPROBE, ATTACH_KRETPROBE, point, without))
			return -E2BIG;
		kprobe_name(e, false, name, sizeof(name));
		if (!add_attach(out, name, BPF_PROG_TYPE_KPROBE, ATTACH_KPROBE, point, without))
			return -E2BIG;
		return 0;
	default: /* raw_syscalls: the fixed pair serves every call */
		return 0;
	}
}

int probegen__programs(const struct config *cfg, const struct probe_plan *plan,
		       struct probe_progs *out)
{
	/* emitters run in the program type of the syscall exit probe */
	enum bpf_prog_type emit_type = plan->syscalls == FAMILY_KPROBE ? BPF_PROG_TYPE_KPROBE
								       : BPF_PROG_TYPE_TRACEPOINT;
	char name[64];
	int ret;

	out->n = 0;
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		if (!cfg->selected[i] || e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		if (e->flags & EF_ENTRY_CAPTURE) {
			/* success: from sched_process_exec, a tracepoint */
			exec_name((int)i, name, sizeof(name));
			if (!add_tail(out, name, BPF_PROG_TYPE_TRACEPOINT, TAIL_EXEC_PROGS, (int)i))
				return -E2BIG;
		}
		emit_name((int)i, name, sizeof(name));
		if (!add_tail(out, name, emit_type, TAIL_PROGS, (int)i))
			return -E2BIG;
	}
	for (size_t f = 0; f < fixed_prog_count; f++) {
		struct fixed_prog fp;
		if (!fixed_progs[f].name) { /* the selected calls' own, here */
			for (size_t i = 0; i < event_count; i++)
				if (event_table[i].kind == EK_SYSCALL && event_table[i].nr >= 0 &&
				    (ret = add_syscall(out, cfg, plan, i)) < 0)
					return ret;
		} else if (plan__fixed(plan, f, &fp) &&
			   !add_attach(out, fp.name, fp.type, fp.kind, fp.point, fp.without)) {
			return -E2BIG;
		}
	}
	return 0;
}
