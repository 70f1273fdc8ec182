// SPDX-License-Identifier: GPL-2.0
/*
 * compile.c - tr-compile: compile probe text the way tracee does, for the
 * tests of compile failures (test/integration/test_headers.py) and of the
 * programs as built for older kernels (test/integration/test_limits.py).
 *
 *   tr-compile --text FILE
 *	compile FILE with loader__compile() (libbcc, its output captured)
 *   tr-compile --kprobe-kernel [TRACEE OPTIONS]
 *	compile tracee's own probes as for a kernel with kprobes and no
 *	capability:cap_capable tracepoint (5.10 to 6.x: cap_capable by
 *	kprobe), against $BCC_KERNEL_SOURCE as it is, unchecked
 *   tr-compile --programs [--kprobes PREFIX] [--no-cap-tp] [--no-ringbuf]
 *		[TRACEE OPTIONS]
 *	make the probe text tracee makes for these options on this kernel
 *	(with TRACEE_TEST_KVER, as for that version), as if the kernel had
 *	kprobes on system call functions named PREFIXNAME (no pt_regs
 *	wrapper unless PREFIX starts with "__"), no capability:cap_capable
 *	tracepoint, no ring buffer; load it as tracee does (the kernel here
 *	must accept every program), compile it once more and print, for
 *	every program, what an older verifier limits (see test_limits.py):
 *	  NAME type=T insns=N stack=S vstack=V processed=P back_edges=B
 *	  bad_jumps=O unreachable=U calls=C jmp32=J atomics=A var_stack=X
 *	  tail_calls=TC helpers=H,...
 *	insns: its size (bpf_function_size / 8); stack: the deepest byte
 *	below the frame pointer it touches or points to, read from the
 *	instructions (inspect()); vstack and processed: the verifier's own
 *	"stack depth" and "processed N insns" on this kernel (loaded again,
 *	log level 4); the counts: what kernels before 5.3 refuse (loops) or
 *	lack (bpf-to-bpf calls, JMP32, atomics but XADD, variable stack
 *	offsets), the helpers called, by number, and the tail calls made.
 *
 * Exit status: 0 compiled, 1 not (libbcc's messages and why on stderr).
 */
#define _GNU_SOURCE
#include <bcc/bcc_common.h>
#include <errno.h>
#include <linux/bpf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "headers.h"
#include "kernel.h"
#include "loader.h"
#include "plan.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;

	if (!f)
		return NULL;
	if (getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* ---- --programs: what each program asks of a verifier ---- */

/* What a register holds, as far as the stack is concerned: nothing known,
 * the frame pointer (r10) plus an offset in [lo, hi], or a constant in
 * [lo, hi]. */
enum reg_kind { R_NONE, R_FP, R_CONST };
struct reg {
	enum reg_kind kind;
	long lo, hi;
};

struct prog_facts {
	long insns, stack, back_edges, bad_jumps, unreachable, calls, jmp32, atomics, var_stack,
	     tail_calls;
	unsigned char helpers[256];
};

static void merge(struct reg *into, const struct reg *from, bool *seen)
{
	if (!*seen) {
		memcpy(into, from, sizeof(struct reg) * 11);
		*seen = true;
		return;
	}
	for (int r = 0; r < 11; r++) {
		struct reg *a = &into[r];
		const struct reg *b = &from[r];
		if (a->kind == b->kind && a->kind != R_NONE) {
			a->lo = a->lo < b->lo ? a->lo : b->lo;
			a->hi = a->hi > b->hi ? a->hi : b->hi;
		} else if (a->kind == R_FP || b->kind == R_FP) {
			/* a pointer on one path: keep it, to over- rather than
			 * under-estimate the depth */
			if (a->kind != R_FP)
				*a = *b;
		} else {
			a->kind = R_NONE;
		}
	}
}

static void touch(struct prog_facts *f, long off)
{
	if (-off > f->stack)
		f->stack = -off;
}

/* The instructions that may run after instruction i (at most two);
 * returns how many. */
static int successors(const struct bpf_insn *in, long n, long i, long out[2])
{
	const struct bpf_insn *x = &in[i];
	unsigned cls = BPF_CLASS(x->code), op = BPF_OP(x->code);
	int k = 0;

	if (x->code == (BPF_LD | BPF_IMM | BPF_DW)) {
		out[k++] = i + 2;
	} else if (cls == BPF_JMP || cls == BPF_JMP32) {
		if (cls == BPF_JMP && op == BPF_EXIT)
			return 0;
		if (cls == BPF_JMP && op == BPF_CALL) {
			out[k++] = i + 1;
		} else {
			out[k++] = i + 1 + x->off;
			if (!(cls == BPF_JMP && op == BPF_JA))
				out[k++] = i + 1;
		}
	} else {
		out[k++] = i + 1;
	}
	for (int j = 0; j < k; j++)
		if (out[j] < 0 || out[j] >= n)
			out[j] = -1; /* out of the program: the verifier refuses it */
	return k;
}

/*
 * The control flow graph walked depth first from the first instruction,
 * as the verifier's check_cfg() walks it: an edge to an instruction still
 * on the walk's stack closes a loop (back_edges; kernels before 5.3
 * refuse any), and an instruction never reached is refused everywhere.
 * (clang's code shares blocks through backward jumps that close no loop:
 * those are fine.) Then each instruction's register state is merged from
 * every instruction that leads to it, in reverse postorder, which is
 * exact where there is no loop. The depth is that of the lowest byte
 * accessed through r10 or a register derived from it by constant offsets,
 * or of any such pointer formed (a helper writes upwards from the pointer
 * it is given). A pointer spilled to the stack and loaded back is no
 * longer followed: the test compares the depth with the verifier's own.
 */
static void inspect(const struct bpf_insn *in, long n, struct prog_facts *f)
{
	struct reg(*st)[11] = calloc((size_t)n, sizeof(*st));
	bool *seen = calloc((size_t)n, sizeof(bool));
	char *mark = calloc((size_t)n, 1);        /* 0 new, 1 on the stack, 2 done */
	long *stack = calloc((size_t)n, sizeof(long)), *post = calloc((size_t)n, sizeof(long));
	int *edge = calloc((size_t)n, sizeof(int));
	long sp = 0, npost = 0;

	memset(f, 0, sizeof(*f));
	f->insns = n;
	if (!st || !seen || !mark || !stack || !post || !edge)
		abort();
	if (n == 0)
		goto out;
	/* depth first, iteratively */
	stack[sp++] = 0;
	mark[0] = 1;
	while (sp) {
		long i = stack[sp - 1], succ[2];
		int k = successors(in, n, i, succ);
		if (edge[i] < k) {
			long t = succ[edge[i]++];
			if (t < 0)
				f->bad_jumps++;
			else if (mark[t] == 1)
				f->back_edges++;
			else if (mark[t] == 0) {
				mark[t] = 1;
				stack[sp++] = t;
			}
			continue;
		}
		mark[i] = 2;
		post[npost++] = i;
		sp--;
	}
	for (long i = 0; i < n; i++)
		if (!mark[i] && !(i > 0 && in[i - 1].code == (BPF_LD | BPF_IMM | BPF_DW) &&
				  mark[i - 1]))
			f->unreachable++;

	st[0][10] = (struct reg){ R_FP, 0, 0 };
	seen[0] = true;
	for (long p = npost - 1; p >= 0; p--) {
		long i = post[p], succ[2];
		const struct bpf_insn *x = &in[i];
		unsigned cls = BPF_CLASS(x->code), op = BPF_OP(x->code);
		struct reg s[11];
		int k;

		memcpy(s, st[i], sizeof(s));
		s[10] = (struct reg){ R_FP, 0, 0 };
		switch (cls) {
		case BPF_LD:
			if (x->code == (BPF_LD | BPF_IMM | BPF_DW) && x->src_reg == 0 && i + 1 < n) {
				long v = (long)((__u64)(__u32)x->imm | (__u64)(__u32)in[i + 1].imm << 32);
				s[x->dst_reg] = (struct reg){ R_CONST, v, v };
			} else if (x->code == (BPF_LD | BPF_IMM | BPF_DW)) {
				s[x->dst_reg].kind = R_NONE; /* a map */
			} else {
				s[0].kind = R_NONE; /* the legacy packet loads */
			}
			break;
		case BPF_LDX:
			if (s[x->src_reg].kind == R_FP)
				touch(f, s[x->src_reg].lo + x->off);
			s[x->dst_reg].kind = R_NONE;
			break;
		case BPF_ST:
		case BPF_STX:
			if (s[x->dst_reg].kind == R_FP)
				touch(f, s[x->dst_reg].lo + x->off);
			if (cls == BPF_STX && BPF_MODE(x->code) == BPF_ATOMIC) {
				if (x->imm != BPF_ADD) /* 4.14 has BPF_XADD alone */
					f->atomics++;
				if (x->imm & BPF_FETCH)
					s[x->imm == BPF_CMPXCHG ? 0 : x->src_reg].kind = R_NONE;
			}
			break;
		case BPF_ALU64:
		case BPF_ALU: {
			struct reg *d = &s[x->dst_reg];
			const struct reg *src = &s[x->src_reg];
			bool imm = BPF_SRC(x->code) == BPF_K;
			if (cls == BPF_ALU64 && op == BPF_MOV) {
				*d = imm ? (struct reg){ R_CONST, x->imm, x->imm } : *src;
			} else if (cls == BPF_ALU64 && (op == BPF_ADD || op == BPF_SUB) &&
				   d->kind == R_FP) {
				long lo = imm ? x->imm : src->lo, hi = imm ? x->imm : src->hi;
				if (!imm && src->kind != R_CONST) {
					f->var_stack++; /* before 5.x: refused */
					d->kind = R_NONE;
					break;
				}
				if (op == BPF_ADD)
					d->lo += lo, d->hi += hi;
				else
					d->lo -= hi, d->hi -= lo;
			} else if (cls == BPF_ALU && op == BPF_MOV && imm && x->imm >= 0) {
				*d = (struct reg){ R_CONST, x->imm, x->imm };
			} else {
				d->kind = R_NONE;
			}
			if (d->kind == R_FP)
				touch(f, d->lo);
			break;
		}
		case BPF_JMP32:
			f->jmp32++;
			break;
		case BPF_JMP:
			if (op == BPF_CALL) {
				if (x->src_reg == BPF_PSEUDO_CALL) {
					f->calls++;
				} else {
					if (x->imm >= 0 && x->imm < 256)
						f->helpers[x->imm] = 1;
					f->tail_calls += x->imm == BPF_FUNC_tail_call;
				}
				for (int r = 0; r <= 5; r++)
					s[r].kind = R_NONE;
			}
			break;
		}
		k = successors(in, n, i, succ);
		for (int j = 0; j < k; j++)
			if (succ[j] >= 0 && mark[succ[j]] == 2)
				merge(st[succ[j]], s, &seen[succ[j]]);
	}
out:
	free(st);
	free(seen);
	free(mark);
	free(stack);
	free(post);
	free(edge);
}

/* The verifier's own account on this kernel: "stack depth N" and
 * "processed N insns" (log level 4, the statistics). */
static int verifier_stats(enum bpf_prog_type type, const char *name, const void *insns,
			  size_t size, long *stack, long *processed, char *log, size_t loglen)
{
	union bpf_attr a;
	const char *p;
	int fd;

	memset(&a, 0, sizeof(a));
	a.prog_type = type;
	a.insns = (__u64)(unsigned long)insns;
	a.insn_cnt = (__u32)(size / 8);
	a.license = (__u64)(unsigned long)"GPL";
	a.log_level = 4;
	a.log_buf = (__u64)(unsigned long)log;
	a.log_size = (__u32)loglen;
	snprintf(a.prog_name, sizeof(a.prog_name), "%.15s", name);
	log[0] = 0;
	fd = (int)syscall(__NR_bpf, BPF_PROG_LOAD, &a, sizeof(a));
	if (fd < 0)
		return -errno;
	close(fd);
	p = strstr(log, "stack depth ");
	*stack = p ? atol(p + 12) : -1;
	p = strstr(log, "processed ");
	*processed = p ? atol(p + 10) : -1;
	return 0;
}

/* The probe text tracee makes: loader__load with TRACEE_DUMP_PROBES,
 * which writes it on stderr before compiling (kept in a memory file). */
static char *probe_text(const struct config *cfg, const struct kernel_info *ki)
{
	static struct loader l;
	static struct probe_plan plan;
	char err[4096];
	int saved = dup(2), mfd = memfd_create("tr-compile-text", 0), ret;
	off_t len;
	char *buf;

	if (saved < 0 || mfd < 0) {
		perror("tr-compile");
		return NULL;
	}
	setenv("TRACEE_DUMP_PROBES", "1", 1);
	fflush(stderr);
	dup2(mfd, 2);
	plan__make(&ki->feat, cfg, &plan);
	ret = loader__load(&l, cfg, ki, &plan, NULL, err, sizeof(err));
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	unsetenv("TRACEE_DUMP_PROBES");
	len = lseek(mfd, 0, SEEK_END);
	buf = calloc(1, (size_t)len + 1);
	if (!buf || pread(mfd, buf, (size_t)len, 0) != len) {
		perror("tr-compile");
		exit(2);
	}
	close(mfd);
	if (ret < 0) {
		const char *tail = len > 16384 ? buf + len - 16384 : buf;
		fprintf(stderr, "%s\ntr-compile: %s\n", tail, err);
		free(buf);
		return NULL;
	}
	loader__close(&l);
	return buf;
}

static int programs(int argc, char **argv)
{
	static struct config cfg;
	static struct kernel_info ki;
	const char *prefix = NULL;
	bool no_cap_tp = false, no_ringbuf = false, kprobe_syscalls, raw_fork;
	char err[4096], *text, *log;
	size_t loglen = 1 << 20;
	int i = 1;
	void *mod;

	for (; i < argc; i++) {
		if (strcmp(argv[i], "--kprobes") == 0 && i + 1 < argc)
			prefix = argv[++i];
		else if (strcmp(argv[i], "--no-cap-tp") == 0)
			no_cap_tp = true;
		else if (strcmp(argv[i], "--no-ringbuf") == 0)
			no_ringbuf = true;
		else
			break;
	}
	/* the rest are tracee's options; argv[i - 1] stands for the name */
	if (cli__parse(argc - i + 1, argv + i - 1, &cfg, err, sizeof(err)) < 0 ||
	    kernel__probe(&ki, true, err, sizeof(err)) < 0 ||
	    headers__find(&ki, cfg.headers, err, sizeof(err)) < 0) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 2;
	}
	if (prefix) {
		ki.feat.kprobes = true;
		snprintf(ki.feat.kprobe_prefix, sizeof(ki.feat.kprobe_prefix), "%s", prefix);
		ki.feat.syscall_wrapper = strncmp(prefix, "__", 2) == 0;
	}
	if (no_cap_tp)
		ki.feat.cap_capable_tp = false;
	if (no_ringbuf)
		ki.feat.ringbuf = false;
	text = probe_text(&cfg, &ki);
	if (!text)
		return 1;
	kprobe_syscalls = strstr(text, "#define TR_KPROBE_SYSCALLS 1\n") != NULL;
	raw_fork = strstr(text, "#define TR_RAW_FORK 1\n") != NULL;
	mod = loader__compile(text, false, NULL, err, sizeof(err));
	if (!mod) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 1;
	}
	log = malloc(loglen);
	if (!log)
		return 2;
	for (size_t id = 0; id < bpf_num_functions(mod); id++) {
		const char *name = bpf_function_name(mod, id);
		const struct bpf_insn *insns = bpf_function_start_id(mod, id);
		size_t size = bpf_function_size_id(mod, id);
		enum bpf_prog_type type = BPF_PROG_TYPE_TRACEPOINT;
		struct prog_facts f;
		long vstack = -1, processed = -1;
		int ret;

		/* as loader.c loads it */
		if (strncmp(name, "tr_kp", 5) == 0 ||
		    (kprobe_syscalls && strncmp(name, "tr_emit", 7) == 0))
			type = BPF_PROG_TYPE_KPROBE;
		else if (raw_fork && strcmp(name, "tr_sched_fork") == 0)
			type = BPF_PROG_TYPE_RAW_TRACEPOINT;
		inspect(insns, (long)(size / 8), &f);
		ret = verifier_stats(type, name, insns, size, &vstack, &processed, log, loglen);
		if (ret < 0) {
			fprintf(stderr, "%s\ntr-compile: the kernel refused %s: %s\n", log, name,
				strerror(-ret));
			return 1;
		}
		printf("%s type=%s insns=%ld stack=%ld vstack=%ld processed=%ld back_edges=%ld "
		       "bad_jumps=%ld unreachable=%ld calls=%ld jmp32=%ld atomics=%ld var_stack=%ld "
		       "tail_calls=%ld helpers=",
		       name,
		       type == BPF_PROG_TYPE_KPROBE	     ? "kprobe"
		       : type == BPF_PROG_TYPE_RAW_TRACEPOINT ? "raw_tracepoint"
							      : "tracepoint",
		       f.insns, f.stack, vstack, processed, f.back_edges, f.bad_jumps, f.unreachable,
		       f.calls, f.jmp32,
		       f.atomics, f.var_stack, f.tail_calls);
		for (int h = 0, first = 1; h < 256; h++)
			if (f.helpers[h]) {
				printf("%s%d", first ? "" : ",", h);
				first = 0;
			}
		printf("\n");
	}
	bpf_module_destroy(mod);
	free(log);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	static struct loader l;
	static struct config cfg;
	static struct kernel_info ki;
	static struct probe_plan plan;
	const char *src = getenv("BCC_KERNEL_SOURCE");
	char err[4096];

	if (argc == 3 && strcmp(argv[1], "--text") == 0) {
		char *text = slurp(argv[2]);
		void *mod;
		if (!text) {
			perror(argv[2]);
			return 2;
		}
		mod = loader__compile(text, false, NULL, err, sizeof(err));
		if (!mod)
			fprintf(stderr, "tr-compile: %s\n", err);
		free(text);
		return mod ? 0 : 1;
	}
	if (argc >= 2 && strcmp(argv[1], "--programs") == 0)
		return programs(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "--kprobe-kernel") != 0 || !src) {
		fprintf(stderr, "usage: tr-compile --text FILE | BCC_KERNEL_SOURCE=DIR tr-compile "
				"--kprobe-kernel [OPTIONS] | tr-compile --programs [--kprobes PREFIX] "
				"[--no-cap-tp] [--no-ringbuf] [OPTIONS]\n");
		return 2;
	}
	if (cli__parse(argc - 1, argv + 1, &cfg, err, sizeof(err)) < 0 ||
	    kernel__probe(&ki, true, err, sizeof(err)) < 0) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 2;
	}
	ki.feat.kprobes = true;
	snprintf(ki.feat.kprobe_prefix, sizeof(ki.feat.kprobe_prefix), "__x64_sys_");
	ki.feat.syscall_wrapper = true;
	ki.feat.cap_capable_tp = false;
	ki.headers = HDR_ENV;
	snprintf(ki.header_path, sizeof(ki.header_path), "%s", src);
	plan__make(&ki.feat, &cfg, &plan);
	if (loader__load(&l, &cfg, &ki, &plan, NULL, err, sizeof(err)) < 0) {
		fprintf(stderr, "tr-compile: %s\n", err);
		return 1;
	}
	loader__close(&l);
	return 0;
}
