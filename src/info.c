// SPDX-License-Identifier: GPL-2.0
/*
 * info.c - --version, --kernel-info and the header checks (see info.h).
 */
#include "info.h"

#include <bcc/bcc_version.h>
#include <bpf/libbpf.h>
#include <stdbool.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "events.h"
#include "headers.h"

void info__version(FILE *f, const struct config *cfg, struct kernel_info *ki)
{
	char err[512];

	fprintf(f, "tracee %s\n", TRACEE_VERSION);
	fprintf(f, "libbcc %s, libbpf %s\n", LIBBCC_VERSION, libbpf_version_string());
	if (!kernel__privileged() || kernel__probe(ki, false, err, sizeof(err)) < 0 ||
	    headers__find(ki, cfg->headers, err, sizeof(err)) < 0) {
		struct utsname u;
		uname(&u);
		fprintf(f, "kernel %s: BTF %s; %s\n", u.release,
			access("/sys/kernel/btf/vmlinux", R_OK) == 0 ? "yes" : "no",
			kernel__privileged() ? err : "run as root to see its other features");
		return;
	}
	fprintf(f, "kernel %s: headers %s, BTF %s, kprobes %s, raw_syscalls %s, "
		   "syscall tracepoints %s, cap_capable tracepoint %s, ring buffer %s\n",
		ki->release,
		ki->headers == HDR_BTF	  ? "none (generated from BTF)"
		: ki->headers == HDR_NONE ? "none"
					  : kernel__header_source_name(ki->headers),
		ki->btf ? "yes" : "no", ki->feat.kprobes ? "yes" : "no",
		ki->feat.raw_syscalls ? "yes" : "no", ki->feat.syscall_tps ? "yes" : "no",
		ki->feat.cap_capable_tp ? "yes" : "no", ki->feat.ringbuf ? "yes" : "no");
}

/* Whether a start with these options would compile, or load from the
 * cache. */
static void program_cache(FILE *f, const struct config *cfg, const struct kernel_info *ki,
			  const struct probe_plan *plan)
{
	char path[4200], err[1024];
	int ret;

	if (cfg->no_cache) {
		fprintf(f, "program cache:   not used (--no-cache): every start compiles\n");
		return;
	}
	ret = loader__cached(cfg, ki, plan, path, sizeof(path), err, sizeof(err));
	if (ret == 1)
		fprintf(f, "program cache:   %s holds the programs for these options: a start "
			   "loads them, compiling nothing\n", path);
	else if (ret == 0)
		fprintf(f, "program cache:   nothing for these options yet: the next start "
			   "compiles and keeps them in %s\n", path);
	else
		fprintf(f, "program cache:   %s; a start compiles, and keeps nothing\n", err);
}

void info__kernel(FILE *f, const struct config *cfg, const struct kernel_info *ki,
		  const struct probe_plan *plan)
{
	const struct kernel_features *kf = &ki->feat;
	char buf[256], why[256] = "";
	bool fentry = kernel__probe_fentry(why, sizeof(why));

	fprintf(f, "kernel:          %s\n", ki->release);
	fprintf(f, "tracefs:         %s%s\n", ki->tracefs,
		ki->mounted_tracefs ? " (mounted by tracee)" : "");
	fprintf(f, "headers:         %s%s%s%s%s\n", kernel__header_source_name(ki->headers),
		ki->header_path[0] ? " at " : "", ki->header_path,
		ki->header_other[0] ? " and " : "", ki->header_other);
	if (ki->header_note[0])
		fprintf(f, "                 (%s)\n", ki->header_note);
	fprintf(f, "BTF:             %s\n", ki->btf ? "yes (/sys/kernel/btf/vmlinux)" : "no");
	fprintf(f, "kprobes:         %s%s%s\n", kf->kprobes ? "yes" : "no",
		kf->kprobe_prefix[0] ? ", syscall functions named " : "", kf->kprobe_prefix);
	/* tracee's probes are compiled by libbcc against headers, not BTF
	 * types, which fentry programs need: kprobes serve instead */
	fprintf(f, "fentry:          %s%s%s\n", fentry ? "yes" : "no (", fentry ? "" : why,
		fentry ? " (not used: kprobes or tracepoints serve)" : ")");
	fprintf(f, "raw_syscalls:    %s\n", kf->raw_syscalls ? "yes" : "no");
	fprintf(f, "syscalls tps:    %s\n",
		kf->syscall_tps ? "yes (syscalls:sys_enter_NAME/sys_exit_NAME)" : "no");
	fprintf(f, "cap_capable tp:  %s\n", kf->cap_capable_tp ? "yes" : "no");
	fprintf(f, "ring buffer:     %s\n", kf->ringbuf ? "yes" : "no (perf buffers)");
	fprintf(f, "CPUs:            %d possible\n", ki->ncpus);
	program_cache(f, cfg, ki, plan);
	fprintf(f, "\n%-18s %s\n", "EVENT", "MECHANISM");
	for (size_t i = 0; i < event_count; i++)
		fprintf(f, "%-18s %s\n", event_table[i].name,
			plan__describe(plan, (int)i, buf, sizeof(buf)));
}

void info__header_checks(FILE *f, const struct kernel_info *ki, const struct loader *l)
{
	const struct trust_count *c = &ki->header_count;
	double s = ki->header_check_s;
	const char *tree = ki->header_path;

	if (l->header_tree[0]) {
		c = &l->header_count;
		s = l->header_check_s;
		tree = l->header_tree;
	}
	fprintf(f, "tracee: header tree %s%s%s checked: %lu files, %lu directories, "
		   "%lu links in %.3fs\n",
		tree, ki->header_other[0] ? " and " : "", ki->header_other, c->files, c->dirs,
		c->links, s);
}
