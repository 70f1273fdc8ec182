// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - compile, load, attach, detach (see loader.h).
 */
#define _GNU_SOURCE
#include "loader.h"
#include "strbuf.h"

#include <bcc/bcc_common.h>
#include <bcc/libbpf.h>
#include <bpf/libbpf.h>
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
#include "clock.h"
#include "events.h"
#include "headers.h"
#include "trust.h"
#include <linux/types.h>

#include "tracee_wire.h"

static void progress(const struct loader_progress *p, const char *what, int done, int total)
{
	if (p && p->step)
		p->step(p->cookie, what, done, total);
}

/* Load program `name` of type `type`, once: events of one shape share
 * their emitter. Returns its fd, or -errno with `err`. */
static int load_prog(struct loader *l, void *mod, const char *name, enum bpf_prog_type type,
		     char *err, size_t errlen)
{
	void *insns;
	size_t size;
	int fd;

	for (int i = 0; i < l->progs.n; i++)
		if (l->row_fd[i] >= 0 && strcmp(l->progs.prog[i].name, name) == 0)
			return l->row_fd[i];
	insns = bpf_function_start(mod, name);
	size = bpf_function_size(mod, name);

	if (!insns) {
		errf(err, errlen, "internal error: program %s was not compiled", name);
		return -ENOENT;
	}
	fd = bcc_func_load(mod, type, name, insns, (int)size,
			   bpf_module_license(mod), bpf_module_kern_version(mod), 0, NULL, 0,
			   NULL, -1);
	if (fd < 0) {
		errf(err, errlen, "the kernel refused program %s: %s (its verifier log is above)",
			name, strerror(errno));
		return -errno ? -errno : -EINVAL;
	}
	l->prog_fds[l->nprogs++] = fd;
	return fd;
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

static void reset(struct loader *l)
{
	memset(l, 0, sizeof(*l));
	for (int i = 0; i < PROBEGEN_MAX_PROGS; i++)
		l->row_fd[i] = -1;
	l->events_fd = l->counters_fd = l->traced_fd = l->progs_fd = l->exec_progs_fd = -1;
	l->container_pidns_fd = -1;
}

/*
 * The header tree libbcc compiles against, where it is made by tracee:
 * generated from BTF, or the kernel's kheaders unpacked, in the cache,
 * and checked before every compile like any other tree (the installed
 * headers were checked when found, headers.c). BCC_KERNEL_SOURCE then
 * points at it.
 */
static int header_tree(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		       const struct loader_progress *pr, char *err, size_t errlen)
{
	const char *missing;
	char why[1024];
	double t0;
	int ret;

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
		return 0; /* checked when found (headers.c) */
	}
	if (ret < 0)
		return ret;
	l->header_tree_cached = ret == 1;
	t0 = clock__now_s();
	ret = trust__tree(l->header_tree, geteuid(), &l->header_count, why, sizeof(why));
	l->header_check_s = clock__now_s() - t0;
	if (ret < 0) {
		errf(err, errlen, "refusing the header tree %s: %s", l->header_tree, why);
		return ret;
	}
	setenv("BCC_KERNEL_SOURCE", l->header_tree, 1);
	return 0;
}

/* The probe text for `plan`, compiled into *mod (libbcc's module). */
static int compile_probes(struct loader *l, const struct config *cfg,
			  const struct kernel_info *ki, const struct probe_plan *plan,
			  const struct loader_progress *pr, void **mod, char *err, size_t errlen)
{
	char *text = probegen__text(cfg, plan, ki->headers == HDR_BTF);
	double t0;

	if (!text) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (getenv("TRACEE_DUMP_PROBES")) /* for developers: the exact text compiled */
		fputs(text, stderr);
	t0 = clock__now_s();
	*mod = loader__compile(text, cfg->verbose, pr, err, errlen);
	l->compile_s = clock__now_s() - t0;
	free(text);
	return *mod ? 0 : -EINVAL;
}

static int map_error(char *err, size_t errlen)
{
	int e = errno;
	errf(err, errlen, "cannot fill a probe map: %s", strerror(e));
	return -e;
}

/* Every program of the list, loaded; the tail-called ones put in their
 * program maps, by event. */
static int load_programs(struct loader *l, void *mod, const struct loader_progress *pr,
			 char *err, size_t errlen)
{
	int maps[] = { [TAIL_PROGS] = bpf_table_fd(mod, "progs"),
		       [TAIL_EXEC_PROGS] = bpf_table_fd(mod, "exec_progs") };

	for (int i = 0; i < l->progs.n; i++) {
		const struct probe_prog *r = &l->progs.prog[i];
		int fd, key = r->key;

		progress(pr, "loading programs", i + 1, l->progs.n);
		fd = load_prog(l, mod, r->name, r->type, err, errlen);
		if (fd < 0)
			return fd;
		l->row_fd[i] = fd;
		if (r->tail != TAIL_NONE && bpf_update_elem(maps[r->tail], &key, &fd, 0) != 0)
			return map_error(err, errlen);
	}
	return 0;
}

/* sys_to_event: what the probes do at each system call, by number. */
static int fill_sysents(void *mod, const struct config *cfg, const struct probe_plan *plan,
			char *err, size_t errlen)
{
	int fd = bpf_table_fd(mod, "sys_to_event");

	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		struct tr_sysent se = { 0, 0, 0 };
		int key = e->nr;

		if (e->kind != EK_SYSCALL || e->nr < 0)
			continue;
		/* container mode sees every task creation, traced or not */
		se.fork = plan->container_mode && (e->flags & EF_NEW_TASK);
		if (cfg->selected[i]) {
			se.event = (__u16)(i + 1);
			se.entry = (e->flags & EF_ENTRY_CAPTURE) != 0;
		}
		if ((se.event || se.fork) && bpf_update_elem(fd, &key, &se, 0) != 0)
			return map_error(err, errlen);
	}
	return 0;
}

/* self_pid: tracee's own, whose children are not followed (a map, not a
 * macro: the text stays the same from one start to the next). */
static int fill_self(void *mod, const struct probe_plan *plan, char *err, size_t errlen)
{
	__u32 key = 0, pid = (__u32)plan->self_pid;

	if (bpf_update_elem(bpf_table_fd(mod, "self_pid"), &key, &pid, 0) != 0)
		return map_error(err, errlen);
	return 0;
}

/* The maps user space reads, or must keep filled, past the module. */
static int keep_maps(struct loader *l, void *mod, char *err, size_t errlen)
{
	int ret;

	if ((ret = dup_table(mod, "events", &l->events_fd, err, errlen)) ||
	    (ret = dup_table(mod, "counters", &l->counters_fd, err, errlen)) ||
	    (ret = dup_table(mod, "traced", &l->traced_fd, err, errlen)) ||
	    /* A program array is emptied by the kernel when its last user
	     * file descriptor closes: keep one for as long as we trace. */
	    (ret = dup_table(mod, "progs", &l->progs_fd, err, errlen)) ||
	    (ret = dup_table(mod, "exec_progs", &l->exec_progs_fd, err, errlen)) ||
	    (ret = dup_table(mod, "container_pidns", &l->container_pidns_fd, err, errlen)))
		return ret;
	return 0;
}

int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct probe_plan *plan, const struct loader_progress *pr, char *err,
		 size_t errlen)
{
	void *mod = NULL;
	double t0;
	int ret;

	reset(l);
	if (plan->status < 0) {
		errf(err, errlen, "%s", plan->why);
		return plan->status;
	}
	if ((ret = header_tree(l, cfg, ki, pr, err, errlen)) < 0)
		return ret;
	if (probegen__programs(cfg, plan, &l->progs) < 0) {
		errf(err, errlen, "internal error: more than %d programs", PROBEGEN_MAX_PROGS);
		return -E2BIG;
	}
	ret = compile_probes(l, cfg, ki, plan, pr, &mod, err, errlen);
	t0 = clock__now_s();
	if (ret == 0 && (ret = load_programs(l, mod, pr, err, errlen)) == 0 &&
	    (ret = fill_sysents(mod, cfg, plan, err, errlen)) == 0 &&
	    (ret = fill_self(mod, plan, err, errlen)) == 0)
		ret = keep_maps(l, mod, err, errlen);
	l->load_s = clock__now_s() - t0;
	/* The compiler's memory (most of our footprint) goes with the module. */
	if (mod)
		bpf_module_destroy(mod);
	malloc_trim(0);
	release_compiler_pages();
	return ret;
}

/* The tasks of thread group `pid`, in /proc; NULL when it is gone. */
static DIR *tasks_of(int pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	return opendir(path);
}

/* File `name` of the task a tasks_of() entry is, open for reading; NULL
 * for "." and "..", and for a task that has gone meanwhile. */
static FILE *task_file(int pid, const struct dirent *de, const char *name)
{
	char path[128];

	if (de->d_name[0] == '.')
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/task/%.32s/%s", pid, de->d_name, name);
	return fopen(path, "r");
}

/* Has some task of thread group `pid` not exited yet? (A leader that exits
 * before its threads stays a zombie while they run.) */
static bool group_alive(int pid)
{
	char line[512];
	bool alive = false;
	struct dirent *de;
	DIR *d = tasks_of(pid);

	if (!d)
		return false;
	while (!alive && (de = readdir(d))) {
		FILE *f = task_file(pid, de, "stat");
		char *p;
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
	char line[4096];
	DIR *d;
	struct dirent *de;

	if (depth > 64 || !(d = tasks_of(pid)))
		return;
	while ((de = readdir(d))) {
		FILE *f = task_file(pid, de, "children");
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

/* Attach the program of row `r` (loaded as `prog`) where it says. */
static int attach_one(struct loader *l, const struct probe_prog *r, int prog, char *err,
		      size_t errlen)
{
	bool kprobe = r->kind == ATTACH_KPROBE || r->kind == ATTACH_KRETPROBE;
	char cat[96], *name = NULL, event[96] = "";
	int fd, e;

	snprintf(cat, sizeof(cat), "%s", r->point);
	if (!kprobe && (name = strchr(cat, ':')))
		*name++ = '\0';
	if (kprobe) /* unique to this tracee, so that concurrent ones never share a probe */
		snprintf(event, sizeof(event), "tracee_%d_%c_%s", (int)getpid(),
			 r->kind == ATTACH_KRETPROBE ? 'r' : 'p', r->point);
	if (injected_failure(r->point))
		fd = -1;
	else if (kprobe)
		fd = bpf_attach_kprobe(prog, r->kind == ATTACH_KRETPROBE ? BPF_PROBE_RETURN
									 : BPF_PROBE_ENTRY,
				       event, r->point, 0, 0);
	else if (r->kind == ATTACH_RAW_TRACEPOINT)
		fd = bpf_attach_raw_tracepoint(prog, name);
	else
		fd = bpf_attach_tracepoint(prog, cat, name ? name : "");
	if (fd < 0) {
		e = errno ? errno : EINVAL;
		if (kprobe)
			errf(err, errlen, "cannot attach a %s to %s: %s",
			     r->kind == ATTACH_KRETPROBE ? "kretprobe" : "kprobe", r->point,
			     strerror(e));
		else
			errf(err, errlen, "cannot attach to %stracepoint %s: %s",
			     r->kind == ATTACH_RAW_TRACEPOINT ? "raw " : "", r->point, strerror(e));
		return -e;
	}
	l->link_names[l->nlinks] = r->point;
	snprintf(l->link_kprobe[l->nlinks], sizeof(l->link_kprobe[0]), "%s", event);
	l->links[l->nlinks++] = fd;
	return 0;
}

int loader__attach(struct loader *l, bool strict, const struct loader_progress *pr, char *err,
		   size_t errlen)
{
	int total = 0, done = 0;

	for (int i = 0; i < l->progs.n; i++)
		total += l->progs.prog[i].kind != ATTACH_NONE;
	for (int i = 0; i < l->progs.n; i++) {
		const struct probe_prog *r = &l->progs.prog[i];
		int ret;

		if (r->kind == ATTACH_NONE)
			continue;
		progress(pr, "attaching", ++done, total);
		if (r->after >= 0 && !l->attached[r->after])
			continue; /* its exit side failed */
		if (l->nlinks == LOADER_MAX_LINKS) {
			errf(err, errlen, "internal error: more than %d attachments",
			     LOADER_MAX_LINKS);
			return -E2BIG;
		}
		ret = attach_one(l, r, l->row_fd[i], err, errlen);
		if (ret == 0) {
			l->attached[i] = true;
			continue;
		}
		/* one that tracing can do without costs only what it says */
		if (!r->without[0] || strict)
			return ret;
		if (l->ndegraded < LOADER_MAX_LINKS)
			snprintf(l->degraded[l->ndegraded++], sizeof(l->degraded[0]), "%s: %s", err,
				 r->without);
	}
	return 0;
}

long long loader__counter(const struct loader *l, int key)
{
	int ncpu = libbpf_num_possible_cpus();
	uint64_t vals[LOADER_MAX_CPUS], sum = 0;

	if (ncpu <= 0 || ncpu > LOADER_MAX_CPUS || l->counters_fd < 0 ||
	    bpf_lookup_elem(l->counters_fd, &key, vals) != 0)
		return -1;
	for (int i = 0; i < ncpu; i++)
		sum += vals[i];
	return (long long)sum;
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
		if (l->link_kprobe[i][0])
			bpf_detach_kprobe(l->link_kprobe[i]);
	l->nlinks = 0;
}

void loader__close(struct loader *l)
{
	loader__detach(l);
	for (int i = 0; i < l->nprogs; i++)
		close(l->prog_fds[i]);
	l->nprogs = 0;
	int *maps[] = { &l->events_fd, &l->counters_fd,	  &l->traced_fd,
			&l->progs_fd,  &l->exec_progs_fd, &l->container_pidns_fd };
	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		if (*maps[i] >= 0)
			close(*maps[i]);
		*maps[i] = -1;
	}
}
