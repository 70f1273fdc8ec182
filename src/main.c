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
#include <fcntl.h>
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
#include "docgen.h"
#include "events.h"
#include "format.h"
#include "headers.h"
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
	struct table_layout layout;
	struct container_cache *containers;
	uint64_t lost_seen_ringbuf; /* counter value already reported */
	bool stderr_tty;
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
		bool failed = events__failed(ev.def, ev.hdr.ret);
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
	sink__flush(&a->out, SINK_BLOCK);
}

/* Why something was dropped: its JSON reason, and what the count counts. */
enum drop {
	DROP_RINGBUF,  /* events: the ring buffer was full */
	DROP_PERF,     /* events: a CPU's perf buffer was full */
	DROP_INFLIGHT, /* system calls: the in-flight table was full */
	DROP_UNTRACKED, /* processes: the traced table refused them */
	DROP_CGROUP,   /* new cgroups' records: the ring buffer was full */
};

static const char *const drop_reason[] = {
	[DROP_RINGBUF] = "ring_buffer_full",
	[DROP_PERF] = "perf_buffer_full",
	[DROP_INFLIGHT] = "inflight_table_full",
	[DROP_UNTRACKED] = "traced_table_full",
	[DROP_CGROUP] = "cgroup_ring_buffer_full",
};

/* A drop, as it happens: counted, said on stderr, and in JSON a record of
 * kind "lost" with its reason. */
static void report_drop(struct app *a, enum drop why, int cpu, unsigned long long n)
{
	switch (why) {
	case DROP_RINGBUF:
	case DROP_PERF:
		a->st.lost += n;
		if (cpu >= 0 && cpu < STATS_MAX_CPUS)
			a->st.lost_cpu[cpu] += n;
		if (why == DROP_PERF)
			fprintf(stderr, "tracee: lost %llu events on CPU #%d\n", n, cpu);
		else
			fprintf(stderr, "tracee: lost %llu events (ring buffer full)\n", n);
		break;
	case DROP_INFLIGHT:
		a->st.inflight_dropped += n;
		fprintf(stderr, "tracee: %llu syscalls dropped: in-flight table full\n", n);
		break;
	case DROP_UNTRACKED:
		a->st.untracked += n;
		fprintf(stderr,
			"tracee: %llu processes could not be followed: the table of followed "
			"processes (%u entries) is full or out of memory; their events are missing\n",
			n, a->loader.plan.max_traced);
		break;
	case DROP_CGROUP:
		a->st.cgroups_lost += n;
		fprintf(stderr,
			"tracee: lost %llu records of new cgroups (ring buffer full): a container "
			"whose cgroup is gone when its events are read shows no ID\n",
			n);
		break;
	}
	if (a->cfg.json)
		format__json_lost(&a->out.buf, drop_reason[why], n, cpu);
}

static void handle_lost(void *ctx, int cpu, unsigned long long lost)
{
	report_drop(ctx, cpu >= 0 ? DROP_PERF : DROP_RINGBUF, cpu, lost);
}

/* Per-CPU counter `key` of the probes, summed; -1 if it cannot be read. */
static long long read_counter(struct app *a, int key)
{
	int ncpu = libbpf_num_possible_cpus();
	uint64_t vals[STATS_MAX_CPUS], sum = 0;

	if (ncpu <= 0 || ncpu > STATS_MAX_CPUS || a->loader.counters_fd < 0 ||
	    bpf_lookup_elem(a->loader.counters_fd, &key, vals) != 0)
		return -1;
	for (int i = 0; i < ncpu; i++)
		sum += vals[i];
	return (long long)sum;
}

/* The probes' counters (ring buffer refusals of events and of cgroup
 * records, in-flight table overflows, processes the traced table refused)
 * and the processes user space could not follow at start. Read between
 * polls; new counts are reported. */
static void check_counters(struct app *a)
{
	long long v;

	if ((v = read_counter(a, TR_CNT_LOST)) > (long long)a->lost_seen_ringbuf) {
		report_drop(a, DROP_RINGBUF, -1, (unsigned long long)v - a->lost_seen_ringbuf);
		a->lost_seen_ringbuf = (uint64_t)v;
	}
	if ((v = read_counter(a, TR_CNT_LOST_CGROUP)) > (long long)a->st.cgroups_lost)
		report_drop(a, DROP_CGROUP, -1, (unsigned long long)v - a->st.cgroups_lost);
	if ((v = read_counter(a, TR_CNT_INFLIGHT)) > (long long)a->st.inflight_dropped)
		report_drop(a, DROP_INFLIGHT, -1, (unsigned long long)v - a->st.inflight_dropped);
	v = read_counter(a, TR_CNT_UNTRACKED);
	v = (v < 0 ? 0 : v) + (long long)a->loader.untracked;
	if (v > (long long)a->st.untracked)
		report_drop(a, DROP_UNTRACKED, -1, (unsigned long long)v - a->st.untracked);
}

/* The thread group of task `pid` (itself for a process), or -1. */
static int tgid_of(int pid)
{
	char path[64], line[256];
	int tgid = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
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
	if (!have_privileges() || kernel__probe(ki, false, err, sizeof(err)) < 0 ||
	    headers__find(ki, a->cfg.headers, err, sizeof(err)) < 0) {
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
	printf("headers:         %s%s%s%s%s\n", kernel__header_source_name(ki->headers),
	       ki->header_path[0] ? " at " : "", ki->header_path,
	       ki->header_other[0] ? " and " : "", ki->header_other);
	if (ki->header_note[0])
		printf("                 (%s)\n", ki->header_note);
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

/* --verbose: what the header trees' checks looked at, and their cost. */
static void print_header_checks(const struct app *a)
{
	const struct trust_count *c = &a->ki.header_count;
	double s = a->ki.header_check_s;
	const char *tree = a->ki.header_path;

	if (a->loader.header_tree[0]) {
		c = &a->loader.header_count;
		s = a->loader.header_check_s;
		tree = a->loader.header_tree;
	}
	fprintf(stderr, "tracee: header tree %s%s%s checked: %lu files, %lu directories, "
		"%lu links in %.3fs\n",
		tree, a->ki.header_other[0] ? " and " : "", a->ki.header_other, c->files, c->dirs,
		c->links, s);
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

/* The width to fit text to on an output: a terminal's, unless --wide; 0
 * on a pipe or file, whose lines stay whole. */
static int fit_width(const struct config *cfg, int fd)
{
	return isatty(fd) && !cfg->wide ? terminal_width(fd) : 0;
}

/* What a fitted table's widths start from: the largest pid the kernel hands
 * out (PID_MAX_LIMIT when unreadable) and the clock TIME shows. */
static void layout_facts(struct layout_facts *f)
{
	FILE *p = fopen("/proc/sys/kernel/pid_max", "r");
	struct timespec ts;

	f->pid_max = 4194304;
	if (p) {
		unsigned long v;
		if (fscanf(p, "%lu", &v) == 1 && v > 1)
			f->pid_max = v;
		fclose(p);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	f->uptime_s = (uint64_t)ts.tv_sec;
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
	int ret = 1, nsel = 0, closed = open_std_fds();
	double t_start, t_ready;

	{
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		t_start = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	}
	if (closed < 0) {
		fprintf(stderr, "tracee: cannot open /dev/null: %s\n", strerror(errno));
		return 1;
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
		case LIST_MARKDOWN: docgen__events_markdown(stdout); break;
		case LIST_SCHEMA: docgen__json_schema(stdout); break;
		case LIST_BASH_COMPLETION: docgen__bash_completion(stdout); break;
		case LIST_COLUMNS: docgen__list_columns(stdout, fit_width(&a->cfg, STDOUT_FILENO)); break;
		default: docgen__list_events(stdout, fit_width(&a->cfg, STDOUT_FILENO)); break;
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
	/* a trace for nobody: said at once, as a write to it would fail */
	if ((closed & (1 << STDOUT_FILENO)) && (!a->cfg.output || strcmp(a->cfg.output, "-") == 0)) {
		fprintf(stderr, "tracee: standard output is closed; give -o FILE for the events\n");
		return 1;
	}
	a->stderr_tty = isatty(STDERR_FILENO);
	if (kernel__probe(&a->ki, true, err, sizeof(err)) < 0 ||
	    headers__find(&a->ki, a->cfg.headers, err, sizeof(err)) < 0) {
		fprintf(stderr, "tracee: %s\n", err);
		return 1;
	}
	if (a->ki.header_note[0] && !a->cfg.kernel_info)
		fprintf(stderr, "tracee: %s\n", a->ki.header_note);
	if (a->ki.mounted_tracefs)
		fprintf(stderr, "tracee: mounted tracefs on /sys/kernel/tracing\n");
	if (a->ki.mounted_debugfs)
		fprintf(stderr, "tracee: mounted debugfs on /sys/kernel/debug\n");
	if (a->cfg.kernel_info) {
		print_kernel_info(a);
		return 0;
	}
	for (int i = 0; i < a->cfg.npids; i++) {
		int tgid = tgid_of(a->cfg.pids[i]);
		if (tgid <= 0) {
			fprintf(stderr, "tracee: no process with pid %d\n", a->cfg.pids[i]);
			return 1;
		}
		if (tgid != a->cfg.pids[i]) {
			fprintf(stderr, "tracee: %d is a thread of process %d: following the process\n",
				a->cfg.pids[i], tgid);
			a->cfg.pids[i] = tgid;
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
		struct layout_facts facts;
		layout_facts(&facts);
		format__layout(&a->layout, a->cfg.columns, a->cfg.ncolumns, &facts);
		a->layout.reprint = a->out.is_tty;
		a->fc.layout = &a->layout;
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
	if (a->cfg.verbose)
		print_header_checks(a);
	if (a->loader.plan.max_args < a->cfg.max_args)
		fprintf(stderr, "tracee: --max-args %d is more than kernels before 5.2 can load; "
				"capturing %d\n",
			a->cfg.max_args, a->loader.plan.max_args);
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
	/* Running processes join once the fork and exit probes are attached:
	 * one that ends from now on takes its entry away. */
	for (int i = 0; i < a->cfg.npids; i++) {
		int e = loader__trace_pid(&a->loader, a->cfg.pids[i], true);
		if (e < 0) {
			fprintf(stderr, "tracee: cannot follow pid %d: %s\n", a->cfg.pids[i],
				e == -ESRCH ? "it has exited" : strerror(-e));
			goto out;
		}
	}
	if (a->cfg.ncontainers && setup_containers(a) < 0)
		goto out;
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
		format__table_begin(&a->out.buf, &a->fc);
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
		if (!sink__flush_due(&a->out))
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
			stats__table(&a->st, &a->out.buf, a->fc.width);
		else if (a->cfg.json)
			stats__summary_json(&a->st, &a->out.buf);
		stats__summary_text(&a->st, &sb, fit_width(&a->cfg, STDERR_FILENO));
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
