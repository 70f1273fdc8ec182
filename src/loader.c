// SPDX-License-Identifier: GPL-2.0
/*
 * loader.c - compile, load, attach, detach (see loader.h).
 */
#define _GNU_SOURCE
#include "loader.h"
#include "probegen.h"
#include "strbuf.h"

#include <bcc/bcc_version.h>
#include <bpf/bpf.h>
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
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "btfgen.h"
#include "clock.h"
#include "events.h"
#include "headers.h"
#include "libbcc.h"
#include "progcache.h"
#include "trust.h"
#include <linux/types.h>

#include "tracee_wire.h"

static void progress(const struct loader_progress *p, const char *what, int done, int total)
{
	if (p && p->step)
		p->step(p->cookie, what, done, total);
}

/*
 * libbcc's compiler speaks on the process's stderr (clang's diagnostics,
 * the kernel headers' own warnings among them) and on stdout (its notes,
 * where events would go). While it compiles, both go to a memory file,
 * shown on stderr only when the compile fails or with --verbose, and
 * kept with the compiled programs (--verbose shows it again when they
 * come from the cache). Should libbcc crash or exit meanwhile, what it
 * said is shown first, and a crash ends tracee with a message and exit
 * status 1.
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

/* Stop capturing; shows what was said when `show`, and hands it over in
 * *said (malloc'd, NUL-terminated) when `said` is not NULL. */
static void capture_end(bool show, char **said, size_t *saidlen)
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
	if (said) {
		off_t len = capture.fd >= 0 ? lseek(capture.fd, 0, SEEK_END) : 0;
		*saidlen = 0;
		*said = malloc(len > 0 ? (size_t)len + 1 : 1);
		if (*said) {
			if (len > 0 && pread(capture.fd, *said, (size_t)len, 0) == len)
				*saidlen = (size_t)len;
			(*said)[*saidlen] = '\0';
		}
	}
	if (capture.fd >= 0)
		close(capture.fd);
	if (capture.out >= 0)
		close(capture.out);
	if (capture.err >= 0)
		close(capture.err);
	capture.fd = capture.out = capture.err = -1;
}

static void *compile(const char *text, bool verbose, const struct loader_progress *pr,
		     const struct libbcc **bcc, char **said, size_t *saidlen, char *err,
		     size_t errlen)
{
	void *mod;

	progress(pr, "compiling probes", 0, 0);
	if (!(*bcc = libbcc__compiler(err, errlen)))
		return NULL;
	capture_begin();
	mod = (*bcc)->module_create_c_from_string(text, 0, NULL, 0, true, NULL);
	if (!mod || verbose)
		progress(pr, NULL, 0, 0); /* the messages start on a line of their own */
	capture_end(!mod || verbose, said, saidlen);
	if (!mod)
		errf(err, errlen, "libbcc could not compile the probes (its messages are above)");
	return mod;
}

void *loader__compile(const char *text, bool verbose, const struct loader_progress *pr,
		      char *err, size_t errlen)
{
	const struct libbcc *bcc;

	return compile(text, verbose, pr, &bcc, NULL, NULL, err, errlen);
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

/* Zeroes everything but the arrays sized for every event at once (about
 * 1 MB): each of their entries is written before it is read (a row as it
 * is listed, a link as it is made, a warning as it is said), so their
 * pages stay untouched beyond what a selection uses. */
static void reset(struct loader *l)
{
	l->progs.n = 0;
	l->nprogs = l->nlinks = l->ndegraded = l->ntables = 0;
	memset(&l->events_fd, 0, sizeof(*l) - offsetof(struct loader, events_fd));
	for (int i = 0; i < PROBEGEN_MAX_PROGS; i++) {
		l->row_fd[i] = -1;
		l->attached[i] = false;
	}
	l->events_fd = l->counters_fd = l->traced_fd = l->container_pidns_fd = -1;
}

/*
 * The header tree libbcc compiles against, where it is made by tracee:
 * generated from BTF, or the kernel's kheaders unpacked, in the cache
 * (made when missing; checked before it is compiled from, check_tree()).
 * Trees found elsewhere were checked when found (headers.c).
 */
static int header_tree(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		       const struct loader_progress *pr, char *err, size_t errlen)
{
	const char *missing;
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
	return 0;
}

/* A tree in the cache, checked like any other before every compile (the
 * installed headers were checked when found, headers.c); BCC_KERNEL_SOURCE
 * then points at it. */
static int check_tree(struct loader *l, char *err, size_t errlen)
{
	char why[1024];
	double t0;
	int ret;

	if (!l->header_tree[0])
		return 0;
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

/* What the compiled programs depend on besides the text (progcache.h):
 * tracee's build, libbcc's version, the kernel, and the header tree. */
static void identify(const struct kernel_info *ki, const char *tree,
		     struct progcache_ident *id)
{
	char a[32], b[32], c[32];
	struct utsname u;

	progcache__tracee_ident(id->tracee, sizeof(id->tracee), TRACEE_VERSION);
	snprintf(id->libbcc, sizeof(id->libbcc), "%s", LIBBCC_VERSION);
	if (uname(&u) == 0)
		snprintf(id->kernel, sizeof(id->kernel), "%s %s %s", u.release, u.version,
			 u.machine);
	else
		snprintf(id->kernel, sizeof(id->kernel), "%s", ki->release);
	id->ncpus = ki->ncpus;
	/* what libbcc's compile reads from the environment: the version it
	 * compiles in, and which header tree (as the caller set them; tracee
	 * sets BCC_KERNEL_SOURCE itself only after this, to compile) */
	snprintf(id->env, sizeof(id->env), "BCC_LINUX_VERSION_CODE=%s BCC_KERNEL_SOURCE=%s "
		 "BCC_KERNEL_MODULES_SUFFIX=%s",
		 getenv("BCC_LINUX_VERSION_CODE") ? getenv("BCC_LINUX_VERSION_CODE") : "-",
		 getenv("BCC_KERNEL_SOURCE") ? getenv("BCC_KERNEL_SOURCE") : "-",
		 getenv("BCC_KERNEL_MODULES_SUFFIX") ? getenv("BCC_KERNEL_MODULES_SUFFIX") : "-");
	if (ki->btf)
		progcache__file_hash("/sys/kernel/btf/vmlinux", id->btf, sizeof(id->btf));
	else
		snprintf(id->btf, sizeof(id->btf), "none");
	switch (ki->headers) {
	case HDR_BTF: /* tracee's own small tree: all of it */
		progcache__tree_hash(tree, a, sizeof(a));
		snprintf(id->headers, sizeof(id->headers), "btf %s %s", tree, a);
		break;
	case HDR_KHEADERS: /* the kernel's own, from the archive the kernel carries */
		snprintf(id->headers, sizeof(id->headers), "kheaders %s", tree);
		break;
	default: { /* a kernel build tree: where, and what identifies it */
		char p[4200];
		const char *cfgtree = ki->header_path;
		const char *cwd = ki->header_other[0] ? ki->header_other : ki->header_path;
		snprintf(p, sizeof(p), "%s/include/generated/autoconf.h", cfgtree);
		progcache__file_hash(p, a, sizeof(a));
		snprintf(p, sizeof(p), "%s/include/generated/utsrelease.h", cfgtree);
		progcache__file_hash(p, b, sizeof(b));
		snprintf(p, sizeof(p), "%s/include/linux/kconfig.h", cwd);
		progcache__file_hash(p, c, sizeof(c));
		snprintf(id->headers, sizeof(id->headers), "%s %s %s autoconf %s utsrelease %s "
			 "kconfig %s", kernel__header_source_name(ki->headers), ki->header_path,
			 ki->header_other, a, b, c);
	}
	}
}

/* The key of `text` and its entry's place. */
static void cache_key(const struct config *cfg, const struct kernel_info *ki, const char *tree,
		      const char *text, struct strbuf *key, char *path, size_t pathlen)
{
	static struct progcache_ident id;

	identify(ki, tree, &id);
	progcache__key(key, &id, text);
	progcache__path(cfg->cache_dir, ki->release, key, path, pathlen);
}

int loader__cached(const struct config *cfg, const struct kernel_info *ki,
		   const struct probe_plan *plan, char *path, size_t pathlen, char *err,
		   size_t errlen)
{
	static struct loader l;
	struct progcache_entry e;
	struct strbuf key = { 0 };
	char note[1024];
	char *text;
	int ret;

	reset(&l);
	if (plan->status < 0) {
		errf(err, errlen, "%s", plan->why);
		return plan->status;
	}
	if ((ret = header_tree(&l, cfg, ki, NULL, err, errlen)) < 0)
		return ret;
	if (!(text = probegen__text(cfg, plan, ki->headers == HDR_BTF))) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	cache_key(cfg, ki, l.header_tree, text, &key, path, pathlen);
	free(text);
	ret = key.oom ? -ENOMEM : progcache__read(cfg->cache_dir, path, &key, &e, note,
						    sizeof(note), err, errlen);
	if (key.oom)
		errf(err, errlen, "out of memory");
	if (ret == 1)
		progcache__free(&e);
	sb_free(&key);
	return ret;
}

/* Compile `text` and take what libbcc made out of its module (progcache.h):
 * the module, and with it the compiler, goes at once. */
static int compile_probes(struct loader *l, const struct config *cfg, const char *text,
			  const struct loader_progress *pr, struct progcache_entry *e, char *err,
			  size_t errlen)
{
	const struct libbcc *bcc = NULL;
	char *said = NULL;
	size_t saidlen = 0;
	double t0;
	void *mod;
	int ret;

	if ((ret = check_tree(l, err, errlen)) < 0)
		return ret;
	t0 = clock__now_s(); /* loading libbcc's compiler included */
	mod = compile(text, cfg->verbose, pr, &bcc, &said, &saidlen, err, errlen);
	l->compile_s = clock__now_s() - t0;
	if (!mod) {
		free(said);
		return -EINVAL;
	}
	ret = progcache__from_module(bcc, mod, said, saidlen, e, err, errlen);
	free(said);
	/* The compiler's memory (most of our footprint) goes with the module. */
	bcc->module_destroy(mod);
	malloc_trim(0);
	release_compiler_pages();
	return ret;
}

/* The compile's messages, kept with programs that come from the cache:
 * --verbose shows them as a compile would. */
static void replay_output(const struct progcache_entry *e, const struct loader_progress *pr)
{
	if (!e->output_len)
		return;
	progress(pr, NULL, 0, 0);
	fprintf(stderr, "tracee: what libbcc said when it compiled these programs (now "
			"loaded from the cache):\n");
	fflush(stderr);
	for (size_t w = 0; w < e->output_len;) {
		ssize_t k = write(STDERR_FILENO, e->output + w, e->output_len - w);
		if (k <= 0)
			break;
		w += (size_t)k;
	}
}

/* The programs for `text`, into `e`: from the cache when it holds them,
 * else compiled, and kept there for the next start; compiled and kept
 * nowhere when the cache's directory is refused. Returns 0 or -errno. */
static int programs_for(struct loader *l, const struct config *cfg,
			const struct kernel_info *ki, const char *text,
			const struct loader_progress *pr, struct progcache_entry *e, char *err,
			size_t errlen)
{
	struct strbuf key = { 0 };
	char why[900];
	int ret;

	if (cfg->no_cache) {
		l->cache = LOADER_CACHE_OFF;
		return compile_probes(l, cfg, text, pr, e, err, errlen);
	}
	cache_key(cfg, ki, l->header_tree, text, &key, l->cache_path, sizeof(l->cache_path));
	if (key.oom) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = progcache__read(cfg->cache_dir, l->cache_path, &key, e, l->cache_note,
			      sizeof(l->cache_note), why, sizeof(why));
	if (ret < 0 && ret != -ENOMEM) {
		/* a directory others could change: nothing read from it, nothing
		 * written to it; the programs are compiled as with --no-cache */
		l->cache = LOADER_CACHE_REFUSED;
		snprintf(l->cache_note, sizeof(l->cache_note),
			 "%s; compiling, and keeping nothing", why);
		ret = compile_probes(l, cfg, text, pr, e, err, errlen);
	} else if (ret < 0) {
		errf(err, errlen, "%s", why);
	} else if (ret == 1) {
		ret = 0;
		l->cache = LOADER_CACHE_HIT;
		if (cfg->verbose)
			replay_output(e, pr);
	} else if (ret == 0 && (ret = compile_probes(l, cfg, text, pr, e, err, errlen)) == 0) {
		l->cache = LOADER_CACHE_STORED;
		if (progcache__write(cfg->cache_dir, l->cache_path, &key, e, why, sizeof(why)) < 0) {
			l->cache = LOADER_CACHE_UNSTORED;
			snprintf(l->cache_note, sizeof(l->cache_note),
				 "the compiled programs were not kept: %s", why);
		}
	}
	sb_free(&key);
	return ret;
}

static int map_error(char *err, size_t errlen)
{
	int e = errno;
	errf(err, errlen, "cannot fill a probe map: %s", strerror(e));
	return -e;
}

/* Map `name`'s fd, -1 when the text has none. */
static int table_fd(const struct loader *l, const char *name)
{
	for (int i = 0; i < l->ntables; i++)
		if (strcmp(l->table_names[i], name) == 0)
			return l->table_fds[i];
	return -1;
}

/* The size table `t` is created with: libbcc's, except for the tables
 * whose bound the text leaves to the running system (probegen.h). */
static uint32_t table_size(const struct progcache_table *t, const struct probe_plan *plan)
{
	for (int i = 0; i < probegen_sized_at_load_count; i++)
		if (strcmp(t->name, probegen_sized_at_load[i]) == 0)
			return plan->max_traced;
	return t->max_entries;
}

/* Every map of the entry, created as libbcc had (sized as above); the
 * programs' references to them then patched with their fds. */
static int create_tables(struct loader *l, const struct progcache_entry *e,
			 const struct probe_plan *plan, char *err, size_t errlen)
{
	if (!(l->bcc = libbcc__loader(err, errlen)))
		return -ENOENT;
	for (uint32_t i = 0; i < e->ntables; i++) {
		const struct progcache_table *t = &e->tables[i];
		int fd = l->bcc->create_map((enum bpf_map_type)t->type, t->name, (int)t->key_size,
					(int)t->value_size, (int)table_size(t, plan),
					(int)t->flags);
		if (fd < 0) {
			int ret = -(errno ? errno : EINVAL);
			errf(err, errlen, "cannot create map %s: %s", t->name, strerror(-ret));
			return ret;
		}
		snprintf(l->table_names[l->ntables], sizeof(l->table_names[0]), "%s", t->name);
		l->table_fds[l->ntables++] = fd;
	}
	for (uint32_t r = 0; r < e->nrelocs; r++) {
		const struct progcache_reloc *rl = &e->relocs[r];
		e->funcs[rl->func].insns[rl->insn].imm = l->table_fds[rl->table];
	}
	return 0;
}

/* Load program `name` of type `type`, once: events of one shape share
 * their emitter. Returns its fd, or -errno with `err`. */
static int load_prog(struct loader *l, const struct progcache_entry *e, const char *name,
		     enum bpf_prog_type type, char *err, size_t errlen)
{
	const struct progcache_func *f;
	int i, fd;

	for (i = 0; i < l->progs.n; i++)
		if (l->row_fd[i] >= 0 && strcmp(l->progs.prog[i].name, name) == 0)
			return l->row_fd[i];
	if ((i = progcache__func(e, name)) < 0) {
		errf(err, errlen, "internal error: program %s was not compiled", name);
		return -ENOENT;
	}
	f = &e->funcs[i];
	fd = l->bcc->prog_load(type, name, f->insns, (int)(f->ninsns * sizeof(struct bpf_insn)),
			       e->license, e->kern_version, 0, NULL, 0);
	if (fd < 0) {
		int ret = -(errno ? errno : EINVAL);
		errf(err, errlen, "the kernel refused program %s: %s (its verifier log is above)",
			name, strerror(-ret));
		return ret;
	}
	l->prog_fds[l->nprogs++] = fd;
	return fd;
}

/* Every program of the list, loaded; the tail-called ones put in their
 * program maps, by event. */
static int load_programs(struct loader *l, const struct progcache_entry *e,
			 const struct loader_progress *pr, char *err, size_t errlen)
{
	int maps[] = { [TAIL_PROGS] = table_fd(l, "progs"),
		       [TAIL_EXEC_PROGS] = table_fd(l, "exec_progs") };

	for (int i = 0; i < l->progs.n; i++) {
		const struct probe_prog *r = &l->progs.prog[i];
		int fd, key = r->key;

		progress(pr, "loading programs", i + 1, l->progs.n);
		fd = load_prog(l, e, r->name, r->type, err, errlen);
		if (fd < 0)
			return fd;
		l->row_fd[i] = fd;
		if (r->tail != TAIL_NONE && bpf_map_update_elem(maps[r->tail], &key, &fd, 0) != 0)
			return map_error(err, errlen);
	}
	return 0;
}

/* sys_to_event: what the probes do at each system call, by number. */
static int fill_sysents(const struct loader *l, const struct config *cfg,
			const struct probe_plan *plan, char *err, size_t errlen)
{
	int fd = table_fd(l, "sys_to_event");

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
			se.entry = (e->flags & EF_ENTRY_CAPTURE) ? TR_SYSENT_EXEC
				   : (e->flags & EF_NO_RETURN)	  ? TR_SYSENT_NORETURN
								  : 0;
		}
		if ((se.event || se.fork) && bpf_map_update_elem(fd, &key, &se, 0) != 0)
			return map_error(err, errlen);
	}
	return 0;
}

/* self_pid: tracee's own, whose children are not followed (a map, not a
 * macro: the text stays the same from one start to the next). */
static int fill_self(const struct loader *l, const struct probe_plan *plan, char *err,
		     size_t errlen)
{
	__u32 key = 0, pid = (__u32)plan->self_pid;

	if (bpf_map_update_elem(table_fd(l, "self_pid"), &key, &pid, 0) != 0)
		return map_error(err, errlen);
	return 0;
}

/* The maps user space reads or writes while tracing. */
static int find_maps(struct loader *l, char *err, size_t errlen)
{
	static const char *const names[] = { "events", "counters", "traced", "container_pidns" };
	int *fds[] = { &l->events_fd, &l->counters_fd, &l->traced_fd, &l->container_pidns_fd };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((*fds[i] = table_fd(l, names[i])) < 0) {
			errf(err, errlen, "internal error: the probe text has no map %s", names[i]);
			return -ENOENT;
		}
	return 0;
}

int loader__load(struct loader *l, const struct config *cfg, const struct kernel_info *ki,
		 const struct probe_plan *plan, const struct loader_progress *pr, char *err,
		 size_t errlen)
{
	struct progcache_entry e = { 0 };
	char *text;
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
	if (!(text = probegen__text(cfg, plan, ki->headers == HDR_BTF))) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	if (getenv("TRACEE_DUMP_PROBES")) /* for developers: the exact text compiled */
		fputs(text, stderr);
	ret = programs_for(l, cfg, ki, text, pr, &e, err, errlen);
	free(text);
	t0 = clock__now_s();
	if (ret == 0 && (ret = create_tables(l, &e, plan, err, errlen)) == 0 &&
	    (ret = load_programs(l, &e, pr, err, errlen)) == 0 &&
	    (ret = fill_sysents(l, cfg, plan, err, errlen)) == 0 &&
	    (ret = fill_self(l, plan, err, errlen)) == 0)
		ret = find_maps(l, err, errlen);
	l->load_s = clock__now_s() - t0;
	progcache__free(&e);
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

	if (bpf_map_update_elem(l->traced_fd, &key, &one, 0) != 0) {
		int e = errno;
		l->untracked++;
		return -e;
	}
	if (!group_alive(pid)) {
		bpf_map_delete_elem(l->traced_fd, &key);
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
	if (bpf_map_update_elem(l->container_pidns_fd, &key, &one, 0))
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
		fd = l->bcc->attach_kprobe(prog, r->kind == ATTACH_KRETPROBE ? BPF_PROBE_RETURN
									 : BPF_PROBE_ENTRY,
				       event, r->point, 0, 0);
	else if (r->kind == ATTACH_RAW_TRACEPOINT)
		fd = l->bcc->attach_raw_tracepoint(prog, name);
	else
		fd = l->bcc->attach_tracepoint(prog, cat, name ? name : "");
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
	    bpf_map_lookup_elem(l->counters_fd, &key, vals) != 0)
		return -1;
	for (int i = 0; i < ncpu; i++)
		sum += vals[i];
	return (long long)sum;
}

/* Each detach waits for a kernel grace period (tens of ms); closing the
 * attachments from threads of their own lets those waits overlap (at most
 * DETACH_THREADS threads, each closing every DETACH_THREADS-th). */
#define DETACH_THREADS 32

struct close_slice {
	const int *fds;
	int n, first;
};

static void *close_slice(void *arg)
{
	const struct close_slice *s = arg;

	for (int i = s->first; i < s->n; i += DETACH_THREADS)
		close(s->fds[i]);
	return NULL;
}

void loader__detach(struct loader *l)
{
	pthread_t th[DETACH_THREADS];
	struct close_slice slice[DETACH_THREADS];
	bool started[DETACH_THREADS] = { false };
	int nth = l->nlinks < DETACH_THREADS ? l->nlinks : DETACH_THREADS;

	for (int t = 0; t < nth; t++) {
		slice[t] = (struct close_slice){ l->links, l->nlinks, t };
		started[t] = pthread_create(&th[t], NULL, close_slice, &slice[t]) == 0;
	}
	for (int t = 0; t < nth; t++) {
		if (started[t])
			pthread_join(th[t], NULL);
		else
			close_slice(&slice[t]);
	}
	/* A kernel without the kprobe PMU (before 4.17) got its kprobes through
	 * kprobe_events: take those entries out again. Where none was made,
	 * this finds nothing. */
	for (int i = 0; i < l->nlinks; i++)
		if (l->link_kprobe[i][0] && l->bcc)
			l->bcc->detach_kprobe(l->link_kprobe[i]);
	l->nlinks = 0;
}

void loader__close(struct loader *l)
{
	loader__detach(l);
	for (int i = 0; i < l->nprogs; i++)
		close(l->prog_fds[i]);
	l->nprogs = 0;
	for (int i = 0; i < l->ntables; i++)
		close(l->table_fds[i]);
	l->ntables = 0;
	l->events_fd = l->counters_fd = l->traced_fd = l->container_pidns_fd = -1;
}
