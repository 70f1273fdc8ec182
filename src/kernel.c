// SPDX-License-Identifier: GPL-2.0
/*
 * kernel.c - find what the running kernel offers: tracefs, BTF,
 * kprobes, the BPF ring buffer, the tracepoints the probes use.
 */
#define _GNU_SOURCE
#include "kernel.h"
#include "events.h"
#include "strbuf.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <errno.h>
#include <linux/capability.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

unsigned kernel__parse_release(const char *release)
{
	unsigned a = 0, b = 0, c = 0;
	if (sscanf(release, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return KV(a, b, c);
}

const char *kernel__header_source_name(enum header_source h)
{
	switch (h) {
	case HDR_ENV: return "kernel headers ($BCC_KERNEL_SOURCE)";
	case HDR_MODULES: return "kernel headers (/lib/modules)";
	case HDR_KHEADERS: return "kernel headers (/sys/kernel/kheaders.tar.xz)";
	case HDR_BTF: return "BTF (/sys/kernel/btf/vmlinux), generated header tree";
	default: return "none";
	}
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool exists(const char *p)
{
	return access(p, F_OK) == 0;
}

static int find_tracefs(struct kernel_info *ki, bool may_mount, char *err, size_t errlen)
{
	static const char *const candidates[] = { "/sys/kernel/tracing",
						   "/sys/kernel/debug/tracing" };
	char p[128];

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < 2; i++) {
			snprintf(p, sizeof(p), "%s/events", candidates[i]);
			if (is_dir(p)) {
				snprintf(ki->tracefs, sizeof(ki->tracefs), "%s", candidates[i]);
				goto debugfs;
			}
		}
		if (pass || !may_mount)
			break;
		if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
			ki->mounted_tracefs = true;
		else if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) == 0)
			ki->mounted_debugfs = true;
	}
	errf(err, errlen,
		"tracefs is not mounted and could not be mounted; mount it with: "
		"mount -t tracefs tracefs /sys/kernel/tracing");
	return -ENOENT;
debugfs:
	/* libbcc looks for tracepoint formats under debugfs first. */
	if (may_mount && !is_dir("/sys/kernel/debug/tracing") && is_dir("/sys/kernel/debug") &&
	    mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) == 0)
		ki->mounted_debugfs = true;
	return 0;
}

static bool tp_exists(const struct kernel_info *ki, const char *cat, const char *name)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/events/%s/%s/id", ki->tracefs, cat, name);
	return exists(p);
}

/* The entries of tracefs's events/syscalls, sorted: read once, so that
 * every call's two tracepoints are looked up in memory (about 720 lookups
 * in tracefs otherwise). */
struct names {
	char **v;
	size_t n;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void read_names(const char *dir, struct names *out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	out->v = NULL;
	out->n = 0;
	if (!d)
		return;
	while ((de = readdir(d))) {
		char **v;
		if (de->d_name[0] == '.')
			continue;
		if (out->n == cap) {
			cap = cap ? 2 * cap : 1024;
			v = realloc(out->v, cap * sizeof(*v));
			if (!v)
				break;
			out->v = v;
		}
		if (!(out->v[out->n] = strdup(de->d_name)))
			break;
		out->n++;
	}
	closedir(d);
	qsort(out->v, out->n, sizeof(*out->v), by_name);
}

static bool has_name(const struct names *s, const char *name)
{
	return s->n && bsearch(&name, s->v, s->n, sizeof(*s->v), by_name) != NULL;
}

/* Has system call `name` (its kernel name) both syscalls: tracepoints? */
static bool syscall_tp_exists(const struct names *tps, const char *name)
{
	char tp[96];
	snprintf(tp, sizeof(tp), "sys_enter_%s", name);
	if (!has_name(tps, tp))
		return false;
	snprintf(tp, sizeof(tp), "sys_exit_%s", name);
	return has_name(tps, tp);
}

/* Offset of `field` in tracepoint `cat`/`name`'s record, -1 if absent;
 * its size in *size. */
static int tp_field(const struct kernel_info *ki, const char *cat, const char *name,
		    const char *field, int *size)
{
	char p[256], line[512];
	FILE *f;
	int off = -1;

	snprintf(p, sizeof(p), "%s/events/%s/%s/format", ki->tracefs, cat, name);
	f = fopen(p, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *fld = strstr(line, "field:");
		char *semi, *o;
		if (!fld)
			continue;
		semi = strchr(fld, ';');
		if (!semi)
			continue;
		/* "field:TYPE NAME;", "field:TYPE NAME[N];" or "field:__data_loc TYPE[] NAME;" */
		char *name = semi;
		while (name > fld && name[-1] != ' ' && name[-1] != '\t')
			name--;
		size_t n = (size_t)(semi - name);
		char *br = memchr(name, '[', n);
		if (br)
			n = (size_t)(br - name);
		if (n != strlen(field) || strncmp(name, field, n) != 0)
			continue;
		o = strstr(semi, "offset:");
		if (o)
			off = atoi(o + 7);
		o = strstr(semi, "size:");
		*size = o ? atoi(o + 5) : 0;
		break;
	}
	fclose(f);
	return off;
}

static int tp_field_offset(const struct kernel_info *ki, const char *cat, const char *name,
			   const char *field)
{
	int size;
	return tp_field(ki, cat, name, field, &size);
}

static void find_kprobe_prefix(struct kernel_features *f)
{
	static const char *const prefixes[] = { "__x64_sys_", "__arm64_sys_", "__s390x_sys_",
						"__riscv_sys_", "SyS_", "sys_" };
	char line[512], sym[256];
	FILE *ks = fopen("/proc/kallsyms", "r");

	if (!ks)
		return;
	/* Take the prefix under which a well-known syscall exists. */
	while (fgets(line, sizeof(line), ks)) {
		if (sscanf(line, "%*s %*s %255s", sym) != 1)
			continue;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			size_t n = strlen(prefixes[i]);
			if (strncmp(sym, prefixes[i], n) == 0 && strcmp(sym + n, "openat") == 0) {
				snprintf(f->kprobe_prefix, sizeof(f->kprobe_prefix), "%s",
					 prefixes[i]);
				/* the wrapped names win: they are the ones called */
				if (i < 4) {
					f->syscall_wrapper = true;
					goto out;
				}
			}
		}
	}
out:
	fclose(ks);
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

/* The fields of the tracepoints' records that the probes read. */
static void find_tp_fields(const struct kernel_info *ki, struct tp_fields *f)
{
	f->fork_child_pid = tp_field_offset(ki, "sched", "sched_process_fork", "child_pid");
	f->exit_group_dead = tp_field_offset(ki, "sched", "sched_process_exit", "group_dead");
	f->exec_filename = tp_field_offset(ki, "sched", "sched_process_exec", "filename");
	f->exec_old_pid = tp_field_offset(ki, "sched", "sched_process_exec", "old_pid");
	f->cap_cap = tp_field_offset(ki, "capability", "cap_capable", "cap");
	f->cap_ret = tp_field_offset(ki, "capability", "cap_capable", "ret");
	f->cgmkdir_root = tp_field_offset(ki, "cgroup", "cgroup_mkdir", "root");
	f->cgmkdir_id = tp_field(ki, "cgroup", "cgroup_mkdir", "id", &f->cgmkdir_id_size);
	f->cgmkdir_path = tp_field_offset(ki, "cgroup", "cgroup_mkdir", "path");
}

/*
 * What the plan needs, in ki->feat. The test suite can ask for an older
 * kernel's choices (TRACEE_TEST_KVER=4.14): the helpers of old kernels
 * still exist on new ones, and so do the fields of the old tracepoints
 * (group_dead, newer, is left unused); and for a small traced table
 * (TRACEE_TEST_MAX_TRACED=N), to fill it.
 */
static void find_features(struct kernel_info *ki)
{
	struct kernel_features *f = &ki->feat;
	const char *kver = getenv("TRACEE_TEST_KVER"), *max = getenv("TRACEE_TEST_MAX_TRACED");
	char p[256];

	f->version = ki->version;
	snprintf(p, sizeof(p), "%s/kprobe_events", ki->tracefs);
	f->kprobes = exists(p);
	if (f->kprobes)
		find_kprobe_prefix(f);
	f->ringbuf = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) == 1;
	f->raw_syscalls = tp_exists(ki, "raw_syscalls", "sys_enter") &&
			  tp_exists(ki, "raw_syscalls", "sys_exit");
	snprintf(p, sizeof(p), "%s/events/syscalls", ki->tracefs);
	f->syscall_tps = exists(p);
	if (f->syscall_tps) {
		struct names tps;
		read_names(p, &tps);
		for (size_t i = 0; i < event_count; i++)
			f->syscall_tp[i] = event_table[i].kind == EK_SYSCALL &&
					   event_table[i].nr >= 0 &&
					   syscall_tp_exists(&tps, event_table[i].syscall);
		for (size_t i = 0; i < tps.n; i++)
			free(tps.v[i]);
		free(tps.v);
	}
	f->cap_capable_tp = tp_exists(ki, "capability", "cap_capable");
	f->sched_exit_tp = tp_exists(ki, "sched", "sched_process_exit");
	f->sched_fork_tp = tp_exists(ki, "sched", "sched_process_fork");
	f->cgroup_mkdir_tp = tp_exists(ki, "cgroup", "cgroup_mkdir");
	find_tp_fields(ki, &f->field);
	f->pid_max = proc_number("/proc/sys/kernel/pid_max");
	f->threads_max = proc_number("/proc/sys/kernel/threads-max");
	f->self_pid = getpid();
	if (kver && kernel__parse_release(kver)) {
		f->version = kernel__parse_release(kver);
		f->field.exit_group_dead = -1;
	}
	if (max && atoi(max) > 0)
		f->test_max_traced = (unsigned)atoi(max);
}

int kernel__probe(struct kernel_info *ki, bool may_mount, char *err, size_t errlen)
{
	struct utsname u;
	int ret;

	memset(ki, 0, sizeof(*ki));
	if (uname(&u) != 0) {
		errf(err, errlen, "uname: %s", strerror(errno));
		return -errno;
	}
	snprintf(ki->release, sizeof(ki->release), "%s", u.release);
	ki->version = kernel__parse_release(u.release);
	ki->ncpus = libbpf_num_possible_cpus();
	if (ki->ncpus <= 0)
		ki->ncpus = (int)sysconf(_SC_NPROCESSORS_CONF);
	ki->btf = exists("/sys/kernel/btf/vmlinux");
	ret = find_tracefs(ki, may_mount, err, errlen);
	if (ret < 0)
		return ret;
	find_features(ki);
	return 0;
}

/*
 * fentry (BTF trampolines, 5.5+): load and attach a do-nothing program to
 * cap_capable's entry, and take it away again. Kernels can have the BTF and
 * the program type and still refuse (this one: EPERM).
 */
bool kernel__probe_fentry(char *why, size_t whylen)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int id = libbpf_find_vmlinux_btf_id("cap_capable", BPF_TRACE_FENTRY);
	int fd, link;

	if (id < 0) {
		errf(why, whylen, "no BTF id for cap_capable");
		return false;
	}
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_FENTRY,
		    .attach_btf_id = (__u32)id);
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "tr_fentry_probe", "GPL", insns, 2, &o);
	if (fd < 0) {
		errf(why, whylen, "loading an fentry program: %s", strerror(errno));
		return false;
	}
	link = bpf_raw_tracepoint_open(NULL, fd);
	if (link < 0)
		errf(why, whylen, "attaching an fentry program: %s", strerror(errno));
	else
		close(link);
	close(fd);
	return link >= 0;
}

bool kernel__capable(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) != 0)
		return false;
#define HAS(c) (data[(c) / 32].effective & (1u << ((c) % 32)))
	return HAS(CAP_SYS_ADMIN) || (HAS(39 /* CAP_BPF */) && HAS(38 /* CAP_PERFMON */));
#undef HAS
}

bool kernel__privileged(void)
{
	return geteuid() == 0 || kernel__capable();
}
