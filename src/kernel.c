// SPDX-License-Identifier: GPL-2.0
/*
 * kernel.c - find what the running kernel offers: tracefs, BTF,
 * kprobes, the BPF ring buffer, the tracepoints the probes use.
 */
#define _GNU_SOURCE
#include "kernel.h"
#include "strbuf.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
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

bool kernel__tp_exists(const struct kernel_info *ki, const char *cat, const char *name)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/events/%s/%s/id", ki->tracefs, cat, name);
	return exists(p);
}

bool kernel__syscall_tp_exists(const struct kernel_info *ki, const char *name)
{
	char tp[96];
	snprintf(tp, sizeof(tp), "sys_enter_%s", name);
	if (!kernel__tp_exists(ki, "syscalls", tp))
		return false;
	snprintf(tp, sizeof(tp), "sys_exit_%s", name);
	return kernel__tp_exists(ki, "syscalls", tp);
}

int kernel__tp_field_offset(const struct kernel_info *ki, const char *cat, const char *name,
			    const char *field)
{
	int size;
	return kernel__tp_field(ki, cat, name, field, &size);
}

int kernel__tp_field(const struct kernel_info *ki, const char *cat, const char *name,
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

static void find_kprobe_prefix(struct kernel_info *ki)
{
	static const char *const prefixes[] = { "__x64_sys_", "__arm64_sys_", "__s390x_sys_",
						"__riscv_sys_", "SyS_", "sys_" };
	char line[512], sym[256];
	FILE *f = fopen("/proc/kallsyms", "r");

	if (!f)
		return;
	/* Take the prefix under which a well-known syscall exists. */
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %*s %255s", sym) != 1)
			continue;
		for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
			size_t n = strlen(prefixes[i]);
			if (strncmp(sym, prefixes[i], n) == 0 && strcmp(sym + n, "openat") == 0) {
				snprintf(ki->kprobe_prefix, sizeof(ki->kprobe_prefix), "%s",
					 prefixes[i]);
				/* the wrapped names win: they are the ones called */
				if (i < 4) {
					ki->syscall_wrapper = true;
					goto out;
				}
			}
		}
	}
out:
	fclose(f);
}

int kernel__probe(struct kernel_info *ki, bool may_mount, char *err, size_t errlen)
{
	struct utsname u;
	char p[256];
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
	snprintf(p, sizeof(p), "%s/kprobe_events", ki->tracefs);
	ki->kprobes = exists(p);
	if (ki->kprobes)
		find_kprobe_prefix(ki);
	ki->ringbuf = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) == 1;
	ki->raw_syscalls = kernel__tp_exists(ki, "raw_syscalls", "sys_enter") &&
			   kernel__tp_exists(ki, "raw_syscalls", "sys_exit");
	snprintf(p, sizeof(p), "%s/events/syscalls", ki->tracefs);
	ki->syscall_tps = exists(p);
	ki->cap_capable_tp = kernel__tp_exists(ki, "capability", "cap_capable");
	ki->sched_exit_tp = kernel__tp_exists(ki, "sched", "sched_process_exit");
	ki->sched_fork_tp = kernel__tp_exists(ki, "sched", "sched_process_fork");
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
