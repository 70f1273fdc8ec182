// SPDX-License-Identifier: GPL-2.0
/*
 * tracee - trace system calls and kernel events of new processes and
 * containers, with eBPF through libbcc.
 *
 * The flow runs one way: command line -> kernel features -> plan -> probe
 * text -> compile -> load and attach -> read -> decode -> format -> sink.
 * Each step lives in its own module; this file wires them together (main,
 * at the end, reads as that list) and owns the signal flags and the
 * clean-up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "command.h"
#include "config.h"
#include "container.h"
#include "decode.h"
#include "docgen.h"
#include "drops.h"
#include "events.h"
#include "filter.h"
#include "format.h"
#include "headers.h"
#include "info.h"
#include "kernel.h"
#include "loader.h"
#include "plan.h"
#include "reader.h"
#include "rotate.h"
#include "sink.h"
#include "stats.h"
#include "strbuf.h"

/* How long records may wait in the kernel when the ring is quiet. */
#define DRAIN_PERIOD_MS 50

static volatile sig_atomic_t stop, stop_sig, resized, reopen;
/* -- COMMAND, once it runs: the first interrupt is its (a second stops) */
static volatile sig_atomic_t command_pid, command_interrupted;

/*
 * A stop. While a command runs, the first is the command's: the
 * terminal sent Ctrl-C to its whole foreground group, the command with
 * us (si_code SI_KERNEL); one sent to tracee alone (kill, timeout) is
 * passed on to the command, as a shell would send it to its job. Tracing
 * then goes on until the command ends, or a second one.
 */
static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (command_pid > 0 && !command_interrupted) {
		command_interrupted = 1;
		if (si->si_code != SI_KERNEL)
			kill((pid_t)command_pid, sig);
		return;
	}
	stop_sig = sig;
	stop = 1;
}

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void on_usr1(int sig)
{
	(void)sig;
	reopen = 1;
}

/* Ctrl-C, SIGTERM and SIGHUP stop tracing cleanly (with a command, at
 * the second: on_signal); SIGUSR1 reopens the
 * -o FILE (rotate.h); a closed pipe is an
 * EPIPE from write, not a signal. Installed even where the shell started us
 * with SIGINT ignored (background jobs of non-interactive shells). */
static void install_signal_handlers(bool command)
{
	struct sigaction sa = { .sa_sigaction = on_signal, .sa_flags = SA_SIGINFO };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (command) /* Ctrl-\ too is the command's */
		sigaction(SIGQUIT, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

struct app {
	struct config cfg;
	struct kernel_info ki;
	struct probe_plan plan;
	struct loader loader;
	struct reader *reader;
	struct sink out;
	struct rotate rot;
	struct stats st;
	struct drops drops;
	struct format_ctx fc;
	struct json_memo json_memo;
	struct table_memo table_memo;
	struct table_layout layout;
	struct container_cache *containers;
	struct command cmd; /* -- COMMAND */
	bool stderr_tty;
	bool counted;     /* --count's events are out: the rest is not shown */
	int nsel;         /* events selected */
	double t_start;   /* monotonic seconds at start */
};

static void handle_record(void *ctx, const void *data, size_t size)
{
	struct app *a = ctx;
	struct event ev;
	int err = decode__record(data, size, &ev);

	if (err != DECODE_OK) {
		if (a->st.malformed++ == 0)
			fprintf(stderr, "tracee: dropped a malformed record: %s\n",
				decode__strerror(err));
		return;
	}
	if (ev.def->kind == EK_CGROUP_MKDIR) { /* tracee's own: for container IDs */
		if (a->containers && ev.nargs == 3)
			container__cgroup_created(a->containers, (int)ev.args[0].value,
						  (uint64_t)ev.args[1].value,
						  (const char *)ev.args[2].data, ev.args[2].len);
		return;
	}
	if (a->counted) { /* read while tracing stops after --count */
		a->st.past_count++;
		return;
	}
	if (a->containers && a->plan.container_ids &&
	    (!a->cfg.summary || a->cfg.filters.container))
		ev.container_id = container__id(a->containers, ev.hdr.cgroup_id, ev.hdr.pid,
						ev.hdr.pid_ns);
	/* the filters the probes could not check */
	if (!filter__match(&a->cfg.filters, &ev)) {
		a->st.filtered++;
		return;
	}
	a->st.events[ev.id]++;
	a->st.total++;
	a->counted = a->cfg.count && a->st.total >= a->cfg.count;
	if (a->cfg.summary) {
		bool failed = events__failed(ev.def, ev.hdr.ret);
		stats__note(&a->st, ev.id, ev.hdr.pid, ev.hdr.comm, failed, ev.hdr.ts_ns);
		return;
	}
	if (a->cfg.json) {
		if (!format__json_line(&a->out.buf, &ev, &a->fc))
			a->out.error = ENOMEM;
	} else {
		format__table_line(&a->out.buf, &ev, &a->fc);
		a->fc.prev_ns = ev.hdr.ts_ns; /* -t delta */
	}
	sink__flush(&a->out, SINK_BLOCK);
}

/* A drop's reason in JSON, by enum drop. */
static const char *const drop_reason[] = {
	[DROP_RINGBUF] = "ring_buffer_full",
	[DROP_PERF] = "perf_buffer_full",
	[DROP_INFLIGHT] = "inflight_table_full",
	[DROP_UNTRACKED] = "traced_table_full",
	[DROP_CGROUP] = "cgroup_ring_buffer_full",
};

/* A drop, as it happens: counted, said on stderr, and in JSON a record of
 * kind "lost" with its reason. */
static void report_drop(void *ctx, enum drop why, int cpu, unsigned long long n)
{
	struct app *a = ctx;

	drops__count(&a->st, why, cpu, n);
	drops__say(stderr, why, cpu, n, a->plan.max_traced);
	if (a->cfg.json)
		format__json_lost(&a->out.buf, drop_reason[why], n, cpu);
}

static void handle_lost(void *ctx, int cpu, unsigned long long lost)
{
	report_drop(ctx, cpu >= 0 ? DROP_PERF : DROP_RINGBUF, cpu, lost);
}

static int terminal_width(int fd)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c && atoi(c) > 0)
		return atoi(c);
	return 80;
}

/* The width to fit text to on an output: a terminal's, unless --wide; 0
 * on a pipe or file, whose lines stay whole. */
static int fit_width(const struct config *cfg, int fd)
{
	return isatty(fd) && !cfg->wide ? terminal_width(fd) : 0;
}

/* --color: auto colours a terminal unless NO_COLOR is set (and not empty)
 * or TERM is dumb; always and never are what they say. */
static bool use_color(const struct config *cfg, bool tty)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (cfg->color != COLOR_AUTO)
		return cfg->color == COLOR_ALWAYS;
	return tty && !(no && *no) && !(term && strcmp(term, "dumb") == 0);
}

/* On a terminal, start-up steps show on one line that each step rewrites
 * and that is erased when tracing starts or an error is printed. */
static void progress_step(void *cookie, const char *what, int done, int total)
{
	struct app *a = cookie;
	if (!a->stderr_tty)
		return;
	if (!what)
		fputs("\r\033[K", stderr);
	else if (total > 0)
		fprintf(stderr, "\r\033[Ktracee: %s %d/%d", what, done, total);
	else
		fprintf(stderr, "\r\033[Ktracee: %s...", what);
	fflush(stderr);
}

/*
 * Descriptors 0-2 closed by whoever started us are opened on /dev/null
 * before anything else is opened: otherwise the output file, a map or the
 * epoll instance would become one of them, and messages meant for stderr
 * would land in the trace. Returns the mask of those that were closed, or
 * -1 if /dev/null cannot be opened.
 */
static int open_std_fds(void)
{
	int closed = 0;

	for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* the lowest free descriptor: this one */
		int null = open("/dev/null", O_RDWR);
		if (null != fd) {
			if (null >= 0)
				close(null);
			return -1;
		}
		closed |= 1 << fd;
	}
	return closed;
}

/* --help, --version, --list: said on stdout, and done. */
static int print_about(struct app *a)
{
	if (a->cfg.help) {
		cli__usage(stdout);
	} else if (a->cfg.version) {
		info__version(stdout, &a->cfg, &a->ki);
	} else {
		switch (a->cfg.list_format) {
		case LIST_MARKDOWN: docgen__events_markdown(stdout); break;
		case LIST_SCHEMA: docgen__json_schema(stdout); break;
		case LIST_BASH_COMPLETION: docgen__bash_completion(stdout); break;
		case LIST_COLUMNS: docgen__list_columns(stdout, fit_width(&a->cfg, STDOUT_FILENO)); break;
		default: docgen__list_events(stdout, fit_width(&a->cfg, STDOUT_FILENO)); break;
		}
	}
	return 0;
}

/* Where the events go without -o: standard output; with a command,
 * standard error, so that the command's own output is its alone. */
static int events_fd(const struct config *cfg)
{
	return cfg->command ? STDERR_FILENO : STDOUT_FILENO;
}

/* May we trace, and to somewhere? Else why not. */
static int may_trace(int closed, const struct config *cfg, char *err, size_t errlen)
{
	if (!kernel__privileged()) {
		snprintf(err, errlen, "must run as root (or with CAP_BPF and CAP_PERFMON)");
		return -EPERM;
	}
	if (!kernel__capable()) { /* root in a container, without them */
		snprintf(err, errlen, "root here lacks CAP_SYS_ADMIN (or CAP_BPF and CAP_PERFMON); "
				      "in a container, add it: docker run --cap-add SYS_ADMIN, or "
				      "--privileged");
		return -EPERM;
	}
	/* a trace for nobody: said at once, as a write to it would fail */
	if ((closed & (1 << events_fd(cfg))) && (!cfg->output || strcmp(cfg->output, "-") == 0)) {
		snprintf(err, errlen, "standard %s is closed; give -o FILE for the events",
			 events_fd(cfg) == STDOUT_FILENO ? "output" : "error");
		return -EBADF;
	}
	return 0;
}

/* What the kernel's probing did or found that a user should know. */
static void say_kernel_notes(const struct app *a)
{
	if (a->ki.header_note[0] && !a->cfg.kernel_info)
		fprintf(stderr, "tracee: %s\n", a->ki.header_note);
	if (a->ki.mounted_tracefs)
		fprintf(stderr, "tracee: mounted tracefs on /sys/kernel/tracing\n");
	if (a->ki.mounted_debugfs)
		fprintf(stderr, "tracee: mounted debugfs on /sys/kernel/debug\n");
}

/* What cannot be traced here is said once, in the words of --kernel-info.
 * (Without any family for system calls, loading fails with one message
 * instead of one per call.) Returns the count of selected events. */
static int say_unavailable(const struct app *a)
{
	int nsel = 0;

	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		char why[256];
		if (!a->cfg.selected[i])
			continue;
		nsel++;
		if (!a->plan.events[i].available &&
		    (e->kind != EK_SYSCALL || e->nr < 0 || a->plan.syscalls != FAMILY_NONE))
			fprintf(stderr, "tracee: %s is unavailable here (%s); not traced\n", e->name,
				plan__why(&a->plan, (int)i, why, sizeof(why)));
	}
	return nsel;
}

/* The output: the sink (rotated when asked) and how lines are formatted. */
static int open_output(struct app *a, char *err, size_t errlen)
{
	const struct config *cfg = &a->cfg;

	if (!cfg->output && cfg->command)
		sink__open_stderr(&a->out);
	else if ((cfg->output_max_size &&
		  rotate__keep_previous(cfg->output, cfg->output_backups, err, errlen) < 0) ||
		 sink__open(&a->out, cfg->output, err, errlen) < 0)
		return -1;
	a->out.stop = &stop;
	if (rotate__attach(&a->out, &a->rot, cfg->output_max_size, cfg->output_backups, &reopen,
			   err, errlen) < 0) {
		sink__close(&a->out);
		return -1;
	}
	a->fc.boot_to_epoch_ns = clock__boot_to_epoch_ns();
	a->fc.max_args = cfg->max_args;
	/* a command's containers are seen as containers: their own pids */
	a->fc.container_view = cfg->container || cfg->ncontainers || cfg->command;
	a->fc.container_column = cfg->container_id_column;
	a->fc.memo = &a->json_memo;
	a->fc.table_memo = &a->table_memo;
	a->fc.time = cfg->time;
	if (!cfg->json) {
		/* a fitted table's widths start from the largest pid the kernel
		 * hands out and the clock TIME shows */
		struct layout_facts facts = {
			.pid_max = a->ki.feat.pid_max > 1 ? a->ki.feat.pid_max : PLAN_PID_MAX_LIMIT,
			.uptime_s = (uint64_t)clock__now_s(),
		};
		format__layout(&a->layout, cfg->columns, cfg->ncolumns, &facts);
		/* -t wall: HH:MM:SS.uuuuuu, a column wider than the seed's seconds */
		for (int k = 0; cfg->time == TIME_WALL && k < a->layout.ncols; k++)
			if (a->layout.col[k] == COL_TIME && a->layout.width[k] < 15)
				a->layout.width[k] = 15;
		a->layout.reprint = a->out.is_tty;
		a->fc.layout = &a->layout;
		if (a->out.is_tty && !cfg->wide)
			a->fc.width = terminal_width(a->out.fd);
		a->fc.color = use_color(cfg, a->out.is_tty);
	}
	return 0;
}

/* What attaching left out, and what the kernel cuts short. */
static void say_loaded(const struct app *a)
{
	if (a->loader.cache_note[0])
		fprintf(stderr, "tracee: %s\n", a->loader.cache_note);
	if (a->cfg.verbose && a->loader.cache == LOADER_CACHE_HIT)
		fprintf(stderr, "tracee: programs loaded from %s (nothing compiled, no header "
				"tree read)\n", a->loader.cache_path);
	else if (a->cfg.verbose)
		info__header_checks(stderr, &a->ki, &a->loader);
	if (a->plan.max_args < a->cfg.max_args)
		fprintf(stderr, "tracee: --max-args %d is more than kernels before 5.2 can load; "
				"capturing %d\n",
			a->cfg.max_args, a->plan.max_args);
}

/* Attach, in the order the program list gives; what tracing goes on
 * without is said. */
static int attach(struct app *a, const struct loader_progress *pr, char *err, size_t errlen)
{
	int ret = loader__attach(&a->loader, a->cfg.strict, pr, err, errlen);

	progress_step(a, NULL, 0, 0);
	if (ret < 0) {
		if (a->cfg.strict)
			strncat(err, " (--strict: every probe must attach)",
				errlen - strlen(err) - 1);
		return ret;
	}
	for (int i = 0; i < a->loader.ndegraded; i++)
		fprintf(stderr, "tracee: %s; going on without it (--strict makes this an error)\n",
			a->loader.degraded[i]);
	return 0;
}

static void follow_container_task(void *ctx, int pid, unsigned int pidns)
{
	struct loader *l = ctx;
	loader__trace_pid(l, pid, true);
	loader__follow_pidns(l, pidns);
}

/* Running processes join once the fork and exit probes are attached:
 * one that ends from now on takes its entry away. The command, held
 * before its exec, is one of them. */
static int follow_running(struct app *a, char *err, size_t errlen)
{
	if (a->cmd.pid > 0) {
		int e = loader__trace_pid(&a->loader, a->cmd.pid, false);
		if (e < 0) {
			snprintf(err, errlen, "cannot follow the command (pid %d): %s", a->cmd.pid,
				 e == -ESRCH ? "it has exited" : strerror(-e));
			return e;
		}
	}
	for (int i = 0; i < a->cfg.npids; i++) {
		int e = loader__trace_pid(&a->loader, a->cfg.pids[i], true);
		if (e < 0) {
			snprintf(err, errlen, "cannot follow pid %d: %s", a->cfg.pids[i],
				 e == -ESRCH ? "it has exited" : strerror(-e));
			return e;
		}
	}
	if (!a->cfg.ncontainers)
		return 0;
	return container__running(&a->cfg, follow_container_task, &a->loader, stderr, err, errlen);
}

static void say_started(struct app *a)
{
	const struct loader *l = &a->loader;
	char compiled[96];
	int nsel = a->nsel;

	/* whether the programs were compiled, or came from the cache */
	if (l->cache == LOADER_CACHE_HIT)
		snprintf(compiled, sizeof(compiled), "programs from the cache");
	else
		snprintf(compiled, sizeof(compiled), "compile %.2fs%s", l->compile_s,
			 l->cache == LOADER_CACHE_STORED ? ", cached for the next start"
			 : l->cache == LOADER_CACHE_OFF	 ? " (--no-cache)"
			 : l->cache == LOADER_CACHE_REFUSED ? " (cache refused)"
							 : "");
	fprintf(stderr,
		"tracee: tracing %d event%s (%s, %s%s) in %.2fs; %s; %s\n",
		nsel, nsel == 1 ? "" : "s", a->ki.headers == HDR_BTF ? "BTF" : "kernel headers",
		a->plan.ringbuf ? "ring buffer" : "perf buffers",
		a->cfg.command ? ", running the command"
		: a->cfg.npids ? ", following -p"
		: a->plan.container_mode ? ", containers"
					 : ", new processes",
		clock__now_s() - a->t_start, compiled,
		a->cfg.command ? "Ctrl-C goes to it" : "Ctrl-C to stop");
	if (a->cfg.filters.n) {
		struct strbuf sb = { 0 };
		filter__describe(&a->cfg.filters, a->cfg.selected, &sb);
		fprintf(stderr, "tracee: %s\n", sb.buf ? sb.buf : "");
		sb_free(&sb);
	}
	if (!a->cfg.json && !a->cfg.summary) {
		format__table_begin(&a->out.buf, &a->fc);
		sink__flush(&a->out, 0);
	}
}

/* Until a signal, --count's events, the command's end, or an output that
 * takes nothing more. */
static void trace(struct app *a)
{
	bool busy = false;

	while (!stop && !a->counted) {
		if (a->cmd.pid > 0 && command__ended(&a->cmd))
			break; /* its last events are in the buffers: finish() drains them */
		if (resized && a->fc.width) {
			resized = 0;
			a->fc.width = terminal_width(a->out.fd);
		}
		busy = reader__poll(a->reader, busy ? 0 : DRAIN_PERIOD_MS);
		drops__check(&a->drops, &a->loader, report_drop, a);
		if (!sink__flush_due(&a->out))
			break;
	}
}

/* Detach first so nothing new arrives, then take what is buffered; the
 * summary after a clean stop. Returns the exit status. */
static int finish(struct app *a, int ret)
{
	loader__detach(&a->loader);
	if (a->reader) {
		reader__drain_all(a->reader);
		drops__check(&a->drops, &a->loader, report_drop, a);
		reader__free(a->reader);
	}
	loader__close(&a->loader);
	if (ret == 0) {
		struct strbuf sb = { 0 };
		if (a->cfg.summary)
			stats__table(&a->st, &a->out.buf, a->fc.width);
		else if (a->cfg.json)
			stats__summary_json(&a->st, &a->out.buf);
		if (a->out.fd == STDERR_FILENO) /* the events before the summary */
			sink__flush(&a->out, 0);
		stats__summary_text(&a->st, &sb, fit_width(&a->cfg, STDERR_FILENO));
		if (sb.buf)
			fputs(sb.buf, stderr);
		sb_free(&sb);
	}
	container__free(a->containers);
	int werr = sink__close(&a->out);
	if (werr && werr != EPIPE) {
		fprintf(stderr, "tracee: writing %s failed: %s\n",
			a->cfg.output		 ? a->cfg.output
			: a->out.fd == STDERR_FILENO ? "standard error"
						     : "standard output",
			sink__strerror(&a->out));
		ret = 1;
	}
	return ret;
}

/* -- COMMAND: set up before anything is loaded, held until followed. */
static int start_command(struct app *a, char *err, size_t errlen, int *code)
{
	struct command_user u = { 0 };
	int ret;

	*code = 2;
	if (a->cfg.user && command__user(a->cfg.user, &u, err, errlen) < 0)
		return -1; /* a name on the command line that means nobody */
	ret = command__start(&a->cmd, a->cfg.command, &u, err, errlen, code);
	return ret < 0 ? -1 : 0;
}

/* The exit status with a command: its own, once it has ended. Tracing
 * that stopped first (--count, an output gone) waits for it; a second
 * interrupt ends the wait, with 128 + that signal. A command never let go
 * (tracing did not start) ends without running. */
static int command_status(struct app *a, int ret)
{
	if (!a->cmd.released) {
		command__abandon(&a->cmd);
		command__free(&a->cmd);
		return ret ? ret : 128 + stop_sig;
	}
	if (ret == 0 && !stop)
		command__wait(&a->cmd, &stop);
	else
		command__ended(&a->cmd);
	command__free(&a->cmd);
	if (ret)
		return ret;
	return a->cmd.ended ? command__exit_code(&a->cmd) : 128 + stop_sig;
}

int main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	struct loader_progress pr = { progress_step, a };
	char err[4096] = "";
	int ret, closed = open_std_fds();

	a->t_start = clock__now_s();
	if (closed < 0) {
		fprintf(stderr, "tracee: cannot open /dev/null: %s\n", strerror(errno));
		return 1;
	}
	/* command line */
	if (cli__parse(argc, argv, &a->cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\nTry 'tracee --help' for more information.\n", err);
		return 2;
	}
	if (a->cfg.help || a->cfg.version || a->cfg.list)
		return print_about(a);
	if (may_trace(closed, &a->cfg, err, sizeof(err)) < 0)
		goto fail;
	/* kernel features, header tree, plan */
	a->stderr_tty = isatty(STDERR_FILENO);
	if (kernel__probe(&a->ki, true, err, sizeof(err)) < 0 ||
	    headers__find(&a->ki, a->cfg.headers, err, sizeof(err)) < 0)
		goto fail;
	say_kernel_notes(a);
	plan__make(&a->ki.feat, &a->cfg, &a->plan);
	if (a->cfg.kernel_info) {
		info__kernel(stdout, &a->cfg, &a->ki, &a->plan);
		if (a->cfg.filters.n) {
			struct strbuf sb = { 0 };
			filter__describe(&a->cfg.filters, a->cfg.selected, &sb);
			printf("\n%s\n", sb.buf ? sb.buf : "");
			sb_free(&sb);
		}
		return 0;
	}
	if (container__processes(a->cfg.pids, a->cfg.npids, stderr, err, sizeof(err)) < 0)
		goto fail;
	/* the command, held before its exec (before any signal handler of ours) */
	if (a->cfg.command && start_command(a, err, sizeof(err), &ret) < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		return ret;
	}
	a->nsel = say_unavailable(a);
	/* output */
	install_signal_handlers(a->cfg.command != NULL);
	if (open_output(a, err, sizeof(err)) < 0)
		goto fail_command;
	a->containers = container__new();
	/* probe text, compile, load, attach (the plan refused here) */
	ret = loader__load(&a->loader, &a->cfg, &a->ki, &a->plan, &pr, err, sizeof(err));
	progress_step(a, NULL, 0, 0);
	if (ret < 0)
		goto stop;
	say_loaded(a);
	struct reader_opts ro = {
		.events_fd = a->loader.events_fd,
		.ringbuf = a->plan.ringbuf,
		.pages = a->plan.buf_pages,
		.wakeup_events = 64,
		.on_record = handle_record,
		.on_lost = handle_lost,
		.ctx = a,
	};
	if (!(a->reader = reader__open(&ro, err, sizeof(err))))
		goto stop;
	if (attach(a, &pr, err, sizeof(err)) < 0 || follow_running(a, err, sizeof(err)) < 0)
		goto stop;
	/* read -> decode -> format -> sink, until stopped */
	a->fc.start_ns = (uint64_t)(clock__now_s() * 1e9);
	say_started(a);
	if (a->cmd.pid > 0 && !stop) {
		command_pid = a->cmd.pid;
		if (command__release(&a->cmd, err, sizeof(err)) < 0)
			fprintf(stderr, "tracee: %s\n", err); /* its failed execve is traced */
	}
	trace(a);
	ret = finish(a, 0);
	return a->cmd.pid > 0 ? command_status(a, ret) : ret;
stop:
	fprintf(stderr, "tracee: %s\n", err);
	ret = finish(a, 1);
	return a->cmd.pid > 0 ? command_status(a, ret) : ret;
fail_command:
	command__abandon(&a->cmd);
	command__free(&a->cmd);
fail:
	fprintf(stderr, "tracee: %s\n", err);
	return 1;
}
