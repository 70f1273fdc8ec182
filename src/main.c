// SPDX-License-Identifier: GPL-2.0
/*
 * tracee - trace system calls and kernel events of new processes and
 * containers, with eBPF through libbcc.
 *
 * The flow runs one way: command line -> kernel features -> header tree ->
 * probe text -> compile -> load and attach -> read -> decode -> format ->
 * sink. Each step lives in its own module; this file wires them together
 * and owns the signal flag and the clean-up.
 */
#define _GNU_SOURCE
#include <bcc/bcc_version.h>
#include <bcc/libbpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "container.h"
#include "decode.h"
#include "events.h"
#include "format.h"
#include "kernel.h"
#include "loader.h"
#include "reader.h"
#include "rotate.h"
#include "sink.h"
#include "stats.h"

/* How long records may wait in the kernel when the ring is quiet. */
#define DRAIN_PERIOD_MS 50

static volatile sig_atomic_t stop, resized, reopen;

static void on_signal(int sig)
{
	(void)sig;
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

/* Ctrl-C, SIGTERM and SIGHUP stop tracing cleanly; SIGUSR1 reopens the
 * -o FILE (rotate.h); a closed pipe is an
 * EPIPE from write, not a signal. Installed even where the shell started us
 * with SIGINT ignored (background jobs of non-interactive shells). */
static void install_signal_handlers(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

struct app {
	struct config cfg;
	struct kernel_info ki;
	struct loader loader;
	struct reader *reader;
	struct sink out;
	struct rotate rot;
	struct stats st;
	struct format_ctx fc;
	struct container_cache *containers;
	uint64_t lost_seen_ringbuf; /* counter value already reported */
	bool stderr_tty;
};

static void handle_record(void *ctx, const void *data, size_t size)
{
	struct app *a = ctx;
	struct event ev;
	int err = decode__record(data, size, &ev);

	if (err != DEC_OK) {
		if (a->st.malformed++ == 0)
			fprintf(stderr, "tracee: dropped a malformed record: %s\n",
				decode__strerror(err));
		return;
	}
	if (ev.id < 0) { /* internal: a new cgroup, for container IDs */
		if (a->containers && ev.nargs == 3)
			container__cgroup_created(a->containers, (int)ev.args[0].value,
						  (uint64_t)ev.args[1].value,
						  (const char *)ev.args[2].data, ev.args[2].len);
		return;
	}
	a->st.events[ev.id]++;
	a->st.total++;
	if (a->cfg.summary) {
		bool failed = ev.def->kind != EK_DO_EXIT && ev.hdr.ret < 0;
		stats__note(&a->st, ev.id, ev.hdr.pid, ev.hdr.comm, failed, ev.hdr.ts_ns);
		return;
	}
	/* the container ID is shown by JSON and the CONTAINER column only */
	if (a->containers && (a->cfg.json || a->fc.container_column))
		ev.container_id = container__id(a->containers, ev.hdr.cgroup_id, ev.hdr.pid,
						ev.hdr.pid_ns);
	if (a->cfg.json) {
		if (!format__json_line(&a->out.buf, &ev, &a->fc))
			a->out.error = ENOMEM;
	} else {
		format__table_line(&a->out.buf, &ev, &a->fc);
	}
	sink__flush(&a->out, 1 << 16);
}

static void report_lost(struct app *a, int cpu, unsigned long long lost)
{
	a->st.lost += lost;
	if (cpu >= 0 && cpu < STATS_MAX_CPUS)
		a->st.lost_cpu[cpu] += lost;
	if (cpu >= 0)
		fprintf(stderr, "tracee: lost %llu events on CPU #%d\n", lost, cpu);
	else
		fprintf(stderr, "tracee: lost %llu events (ring buffer full)\n", lost);
	if (a->cfg.json) {
		struct strbuf *sb = &a->out.buf;
		sb_printf(sb, "{\"version\":%d,\"kind\":\"lost\",\"lost\":%llu", JSON_SCHEMA_VERSION,
			  lost);
		if (cpu >= 0)
			sb_printf(sb, ",\"cpu\":%d", cpu);
		sb_puts(sb, "}\n");
	}
}

static void handle_lost(void *ctx, int cpu, unsigned long long lost)
{
	report_lost(ctx, cpu, lost);
}

/* Per-CPU counters kept by the probes: ring buffer refusals and in-flight
 * table overflows. Read between polls; new counts are reported. */
static void check_counters(struct app *a)
{
	int ncpu = libbpf_num_possible_cpus();
	uint64_t vals[STATS_MAX_CPUS], sum;
	int key;

	if (ncpu <= 0 || ncpu > STATS_MAX_CPUS || a->loader.counters_fd < 0)
		return;
	key = TR_CNT_LOST;
	if (bpf_lookup_elem(a->loader.counters_fd, &key, vals) == 0) {
		sum = 0;
		for (int i = 0; i < ncpu; i++)
			sum += vals[i];
		if (sum > a->lost_seen_ringbuf) {
			report_lost(a, -1, sum - a->lost_seen_ringbuf);
			a->lost_seen_ringbuf = sum;
		}
	}
	key = TR_CNT_INFLIGHT;
	if (bpf_lookup_elem(a->loader.counters_fd, &key, vals) == 0) {
		sum = 0;
		for (int i = 0; i < ncpu; i++)
			sum += vals[i];
		if (sum > a->st.inflight_dropped) {
			fprintf(stderr, "tracee: %llu syscalls dropped: in-flight table full\n",
				(unsigned long long)(sum - a->st.inflight_dropped));
			a->st.inflight_dropped = sum;
		}
	}
}

static bool have_capabilities(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) != 0)
		return false;
#define HAS(c) (data[(c) / 32].effective & (1u << ((c) % 32)))
	return HAS(CAP_SYS_ADMIN) || (HAS(39 /* CAP_BPF */) && HAS(38 /* CAP_PERFMON */));
#undef HAS
}

static bool have_privileges(void)
{
	return geteuid() == 0 || have_capabilities();
}

/* --version: ours, the libraries', and the kernel features in one glance
 * (those behind tracefs only when we may read it: nothing is mounted). */
static void print_version(struct app *a)
{
	struct kernel_info *ki = &a->ki;
	char err[512];

	printf("tracee %s\n", TRACEE_VERSION);
	printf("libbcc %s, libbpf %s\n", LIBBCC_VERSION, libbpf_version_string());
	if (!have_privileges() || kernel__probe(ki, false, err, sizeof(err)) < 0) {
		struct utsname u;
		uname(&u);
		printf("kernel %s: BTF %s; %s\n", u.release,
		       access("/sys/kernel/btf/vmlinux", R_OK) == 0 ? "yes" : "no",
		       have_privileges() ? err : "run as root to see its other features");
		return;
	}
	printf("kernel %s: headers %s, BTF %s, kprobes %s, raw_syscalls %s, "
	       "syscall tracepoints %s, cap_capable tracepoint %s, ring buffer %s\n",
	       ki->release,
	       ki->headers == HDR_BTF	 ? "none (generated from BTF)"
	       : ki->headers == HDR_NONE ? "none"
					 : kernel__header_source_name(ki->headers),
	       ki->btf ? "yes" : "no", ki->kprobes ? "yes" : "no",
	       ki->raw_syscalls ? "yes" : "no", ki->syscall_tps ? "yes" : "no",
	       ki->cap_capable_tp ? "yes" : "no", ki->ringbuf ? "yes" : "no");
}

static void print_kernel_info(const struct app *a)
{
	const struct kernel_info *ki = &a->ki;
	char buf[256];

	printf("kernel:          %s\n", ki->release);
	printf("tracefs:         %s%s\n", ki->tracefs, ki->mounted_tracefs ? " (mounted by tracee)" : "");
	printf("headers:         %s%s%s\n", kernel__header_source_name(ki->headers),
	       ki->header_path[0] ? " at " : "", ki->header_path);
	printf("BTF:             %s\n", ki->btf ? "yes (/sys/kernel/btf/vmlinux)" : "no");
	printf("kprobes:         %s%s%s\n", ki->kprobes ? "yes" : "no",
	       ki->kprobe_prefix[0] ? ", syscall functions named " : "", ki->kprobe_prefix);
	{
		char why[256] = "";
		bool fentry = kernel__probe_fentry(why, sizeof(why));
		/* tracee's probes are compiled by libbcc against headers, not BTF
		 * types, which fentry programs need: kprobes serve instead */
		printf("fentry:          %s%s%s\n", fentry ? "yes" : "no (", fentry ? "" : why,
		       fentry ? " (not used: kprobes or tracepoints serve)" : ")");
	}
	printf("raw_syscalls:    %s\n", ki->raw_syscalls ? "yes" : "no");
	printf("syscalls tps:    %s\n", ki->syscall_tps ? "yes (syscalls:sys_enter_NAME/sys_exit_NAME)" : "no");
	printf("cap_capable tp:  %s\n", ki->cap_capable_tp ? "yes" : "no");
	printf("ring buffer:     %s\n", ki->ringbuf ? "yes" : "no (perf buffers)");
	printf("CPUs:            %d possible\n", ki->ncpus);
	printf("\n%-18s %s\n", "EVENT", "MECHANISM");
	for (size_t i = 0; i < event_count; i++)
		printf("%-18s %s\n", event_table[i].name,
		       loader__mechanism(ki, &a->cfg, (int)i, buf, sizeof(buf)));
}

static unsigned long ns_inode(const char *pid, const char *ns)
{
	char path[300];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, ns);
	return stat(path, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

/*
 * --container, before attaching: follow the running processes of the
 * containers it names, and their pid namespaces. (-c needs nothing here:
 * the probes recognise a new container by the birth of its first task.)
 */
static int setup_containers(struct app *a)
{
	const struct config *cfg = &a->cfg;
	unsigned long host_pidns = ns_inode("self", "pid");
	int matched[CFG_MAX_CONTAINERS] = { 0 };
	struct { unsigned long ino; char name[65]; } uts[256];
	int nuts = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;

	if (!d) {
		fprintf(stderr, "tracee: cannot list /proc: %s\n", strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		unsigned long pidns;
		char id[CONTAINER_ID_LEN + 1] = "", *name = NULL;
		int pid = atoi(de->d_name);

		if (pid <= 0)
			continue;
		pidns = ns_inode(de->d_name, "pid");
		if (!pidns)
			continue;
		if (!cfg->ncontainers || pidns == host_pidns)
			continue;
		container__id_of_pid(pid, id);
		unsigned long utsns = ns_inode(de->d_name, "uts");
		for (int i = 0; i < nuts; i++)
			if (uts[i].ino == utsns)
				name = uts[i].name;
		if (!name && nuts < 256) {
			uts[nuts].ino = utsns;
			container__uts_name(pid, uts[nuts].name, sizeof(uts[nuts].name));
			name = uts[nuts++].name;
		}
		for (int i = 0; i < cfg->ncontainers; i++) {
			size_t n = strlen(cfg->containers[i]);
			if ((id[0] && strncmp(id, cfg->containers[i], n) == 0) ||
			    (name && strncmp(name, cfg->containers[i], n) == 0)) {
				matched[i]++;
				loader__trace_pid(&a->loader, pid, true);
				loader__follow_pidns(&a->loader, (unsigned int)pidns);
			}
		}
	}
	closedir(d);
	for (int i = 0; i < cfg->ncontainers; i++) {
		if (matched[i])
			continue;
		if (!cfg->container) {
			fprintf(stderr, "tracee: no running container matches '%s'\n",
				cfg->containers[i]);
			return -1;
		}
		fprintf(stderr, "tracee: no running container matches '%s' (yet)\n",
			cfg->containers[i]);
	}
	return 0;
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

static int64_t boot_to_epoch_ns(void)
{
	struct timespec mono, real;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	return ((int64_t)real.tv_sec - mono.tv_sec) * 1000000000ll +
	       ((int64_t)real.tv_nsec - mono.tv_nsec);
}

int main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	char err[4096] = "";
	int ret = 1, nsel = 0;
	double t_start, t_ready;

	{
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		t_start = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	}
	if (cli__parse(argc, argv, &a->cfg, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\nTry 'tracee --help' for more information.\n", err);
		return 2;
	}
	if (a->cfg.help) {
		cli__usage(stdout);
		return 0;
	}
	if (a->cfg.version) {
		print_version(a);
		return 0;
	}
	if (a->cfg.list) {
		switch (a->cfg.list_format) {
		case LIST_MARKDOWN: cli__events_markdown(stdout); break;
		case LIST_SCHEMA: cli__json_schema(stdout); break;
		case LIST_BASH_COMPLETION: cli__bash_completion(stdout); break;
		default: cli__list_events(stdout); break;
		}
		return 0;
	}
	if (!have_privileges()) {
		fprintf(stderr, "tracee: must run as root (or with CAP_BPF and CAP_PERFMON)\n");
		return 1;
	}
	if (!have_capabilities()) { /* root in a container, without them */
		fprintf(stderr, "tracee: root here lacks CAP_SYS_ADMIN (or CAP_BPF and CAP_PERFMON); "
				"in a container, add it: docker run --cap-add SYS_ADMIN, or "
				"--privileged\n");
		return 1;
	}
	a->stderr_tty = isatty(STDERR_FILENO);
	if (kernel__probe(&a->ki, true, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		return 1;
	}
	if (a->ki.mounted_tracefs)
		fprintf(stderr, "tracee: mounted tracefs on /sys/kernel/tracing\n");
	if (a->ki.mounted_debugfs)
		fprintf(stderr, "tracee: mounted debugfs on /sys/kernel/debug\n");
	if (a->cfg.kernel_info) {
		print_kernel_info(a);
		return 0;
	}
	for (int i = 0; i < a->cfg.npids; i++) {
		char p[64];
		snprintf(p, sizeof(p), "/proc/%d", a->cfg.pids[i]);
		if (access(p, F_OK) != 0) {
			fprintf(stderr, "tracee: no process with pid %d\n", a->cfg.pids[i]);
			return 1;
		}
	}
	/* What cannot be traced here is said once, in the words of
	 * --kernel-info. (Without any family for system calls, loading fails
	 * below with one message instead of one per call.) */
	struct probe_plan fam;
	loader__choose(&a->ki, &a->cfg, &fam);
	bool syscall_family = fam.syscall_tps || fam.raw_syscalls || fam.kprobe_syscalls;
	for (size_t i = 0; i < event_count; i++) {
		if (!a->cfg.selected[i])
			continue;
		nsel++;
		const struct event_def *e = &event_table[i];
		char why[256];
		loader__mechanism(&a->ki, &a->cfg, (int)i, why, sizeof(why));
		if (strncmp(why, "unavailable: ", 13) == 0 &&
		    (e->kind != EK_SYSCALL || e->nr < 0 || syscall_family))
			fprintf(stderr, "tracee: %s is unavailable here (%s); not traced\n", e->name,
				why + 13);
	}

	install_signal_handlers();

	if ((a->cfg.output_max_size &&
	     rotate__keep_previous(a->cfg.output, a->cfg.output_backups, err, sizeof(err)) < 0) ||
	    sink__open(&a->out, a->cfg.output, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		return 1;
	}
	a->out.stop = &stop;
	if (rotate__attach(&a->out, &a->rot, a->cfg.output_max_size, a->cfg.output_backups,
			   &reopen, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		sink__close(&a->out);
		return 1;
	}
	a->fc.boot_to_epoch_ns = boot_to_epoch_ns();
	a->fc.max_args = a->cfg.max_args;
	a->fc.container_view = a->cfg.container || a->cfg.ncontainers;
	a->fc.container_column = a->cfg.container_id_column;
	if (!a->cfg.json) {
		if (a->out.is_tty && !a->cfg.wide)
			a->fc.width = terminal_width(a->out.fd);
		a->fc.color = use_color(&a->cfg, a->out.is_tty);
	}
	a->containers = container__new();

	struct loader_progress pr = { progress_step, a };
	int lret = loader__load(&a->loader, &a->cfg, &a->ki, &pr, err, sizeof(err));
	progress_step(a, NULL, 0, 0);
	if (lret < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		goto out;
	}
	if (a->loader.plan.max_args < a->cfg.max_args)
		fprintf(stderr, "tracee: --max-args %d is more than kernels before 5.2 can load; "
				"capturing %d\n",
			a->cfg.max_args, a->loader.plan.max_args);
	for (int i = 0; i < a->cfg.npids; i++)
		if (loader__trace_pid(&a->loader, a->cfg.pids[i], true) < 0) {
			fprintf(stderr, "tracee: cannot follow pid %d: %s\n", a->cfg.pids[i],
				strerror(errno));
			goto out;
		}
	if (a->cfg.ncontainers && setup_containers(a) < 0) {
		ret = 1;
		goto out;
	}
	struct reader_opts ro = {
		.events_fd = a->loader.events_fd,
		.ringbuf = a->loader.plan.ringbuf,
		.pages = a->loader.plan.buf_pages,
		.wakeup_events = 64,
		.on_record = handle_record,
		.on_lost = handle_lost,
		.ctx = a,
	};
	a->reader = reader__open(&ro, err, sizeof(err));
	if (!a->reader) {
		fprintf(stderr, "tracee: %s\n", err);
		goto out;
	}
	int aret = loader__attach(&a->loader, &a->ki, a->cfg.strict, &pr, err, sizeof(err));
	progress_step(a, NULL, 0, 0);
	if (aret < 0) {
		fprintf(stderr, "tracee: %s%s\n", err,
			a->cfg.strict ? " (--strict: every probe must attach)" : "");
		goto out;
	}
	for (int i = 0; i < a->loader.ndegraded; i++)
		fprintf(stderr, "tracee: %s; going on without it (--strict makes this an error)\n",
			a->loader.degraded[i]);
	{
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		t_ready = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	}
	fprintf(stderr,
		"tracee: tracing %d event%s (%s, %s%s) in %.2fs; compile %.2fs; Ctrl-C to stop\n",
		nsel, nsel == 1 ? "" : "s", a->ki.headers == HDR_BTF ? "BTF" : "kernel headers",
		a->loader.plan.ringbuf ? "ring buffer" : "perf buffers",
		a->cfg.npids ? ", following -p"
		: a->loader.plan.container_mode ? ", containers"
						 : ", new processes",
		t_ready - t_start,
		a->loader.compile_s);
	if (!a->cfg.json && !a->cfg.summary) {
		format__table_header(&a->out.buf, &a->fc);
		sink__flush(&a->out, 0);
	}

	ret = 0;
	bool busy = false;
	while (!stop) {
		if (resized && a->fc.width) {
			resized = 0;
			a->fc.width = terminal_width(a->out.fd);
		}
		busy = reader__poll(a->reader, busy ? 0 : DRAIN_PERIOD_MS);
		check_counters(a);
		if (!sink__flush(&a->out, a->out.is_tty ? 0 : 1 << 16))
			break;
	}

out:
	/* Detach first so nothing new arrives, then take what is buffered. */
	loader__detach(&a->loader);
	if (a->reader) {
		reader__drain_all(a->reader);
		check_counters(a);
		reader__free(a->reader);
	}
	loader__close(&a->loader);
	if (ret == 0) {
		struct strbuf sb = { 0 };
		if (a->cfg.summary)
			stats__table(&a->st, &a->out.buf);
		else if (a->cfg.json)
			stats__summary_json(&a->st, &a->out.buf);
		stats__summary_text(&a->st, &sb);
		if (sb.buf)
			fputs(sb.buf, stderr);
		sb_free(&sb);
	}
	container__free(a->containers);
	int werr = sink__close(&a->out);
	if (werr && werr != EPIPE) {
		fprintf(stderr, "tracee: writing %s failed: %s\n",
			a->cfg.output ? a->cfg.output : "standard output", sink__strerror(&a->out));
		ret = 1;
	}
	return ret;
}
