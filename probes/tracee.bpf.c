/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracee.bpf.c - the probes, compiled at run time by libbcc.
 *
 * Before this text, user space puts (see src/probegen.c):
 *   - configuration macros (TR_*), e.g. TR_MAX_ARGS, TR_FOLLOW_ALL_NEW;
 *   - the kernel structures: real headers, or projections generated from BTF
 *     holding only the members read here, at the kernel's own offsets;
 *   - tracee_wire.h, the record format shared with user space.
 * After it, tracee_path_at.bpf.c when execveat is selected, then one
 * emitter per shape of the selected events' arguments, generated from the
 * event table.
 *
 * Flow: the syscall entry probe checks, in this order, that the syscall is
 * selected (array lookup) and that the task is traced (hash lookup), then
 * saves the raw arguments. The exit probe tail-calls the event's emitter,
 * which reads strings and structures, builds one record and submits it.
 * execve/execveat build their record at entry (argv is gone after a
 * successful exec) and only fill in the return value at exit.
 */

#if TR_KVER >= KERNEL_VERSION(5, 5, 0)
#define tr_read_user bpf_probe_read_user
#define tr_read_user_str bpf_probe_read_user_str
#define tr_read_kernel bpf_probe_read_kernel
#define tr_read_kernel_str bpf_probe_read_kernel_str
#else
#define tr_read_user bpf_probe_read
#define tr_read_user_str bpf_probe_read_str
#define tr_read_kernel bpf_probe_read
#define tr_read_kernel_str bpf_probe_read_str
#endif

#define TR_MASK (TR_MAX_RECORD - 1)

/* Loops over argv entries and path names: real loops where the verifier
 * takes bounded ones (5.3+): the compile is then a fraction of the unrolled
 * code's, and --max-args 256 costs no more than 20; unrolled before. */
#if TR_KVER >= KERNEL_VERSION(5, 3, 0)
#define TR_LOOP _Pragma("clang loop unroll(disable)")
#else
#define TR_LOOP _Pragma("unroll")
#endif

/* The records of the raw_syscalls tracepoints (stable since they were
 * added) and of each call's syscalls:sys_enter_NAME/sys_exit_NAME, which
 * are laid out alike but for the number: an int there, a long here. Past
 * a call's own arguments, a per-call record holds nothing meaningful. */
struct tr_enter_ctx {
	__u64 common;
	union {
		long id;
		int nr;
	};
	unsigned long args[6];
};
struct tr_exit_ctx {
	__u64 common;
	union {
		long id;
		int nr;
	};
	long ret;
};
#if TR_SYSCALL_TPS
#define TR_CTX_NR(ctx) ((__u32)(ctx)->nr)
#else
#define TR_CTX_NR(ctx) ((__u32)(ctx)->id)
#endif

/* A system call in flight, by thread: its entry's time (0: none, or
 * used), number and arguments. */
struct tr_inflight {
	__u64 ts;
	__u32 nr;
	__u32 pad;
	unsigned long args[6];
};

struct tr_scratch {
	__u8 data[2 * TR_MAX_RECORD];
	/* tr_put_argv's position and count, kept here rather than in
	 * registers: each way out of its loop then reaches the code after it
	 * with the same (unknown) values, and the verifier checks that code
	 * once instead of once per exit (execveat's argv then envp went past
	 * a million instructions processed at --max-args 32) */
	__u32 argv_cur;
	__u16 argv_count;
	/* the call the record is for, copied here from its thread's entry
	 * by the exit (or the entry, for a call that never returns): the
	 * emitter reads it after the tail call without another lookup */
	struct tr_inflight call;
};

/* Every map is declared here, before any code. libbcc walks the map
 * declarations even after a failed compile, and a map declared after
 * code that did not compile can be left without a definition, which
 * libbcc 0.26 dereferences (a SIGSEGV instead of its error messages). */
BPF_ARRAY(sys_to_event, struct tr_sysent, TR_NR_SYSCALLS);
/* A thread's entry stays from its first traced call to its end
 * (tr_sched_exit deletes it): each call then writes it in place and marks
 * it used at its exit, a lookup and a store, where inserting and deleting
 * took the bucket's lock (with interrupts off) twice a call. Allocated per
 * entry and bounded as the traced table (TR_MAX_TRACED: no fewer than the
 * tasks the kernel can hold); a refused insert is counted. */
BPF_F_TABLE("hash", __u32, struct tr_inflight, inflight, TR_MAX_TRACED, BPF_F_NO_PREALLOC);
BPF_HASH(exec_hdr, __u32, struct tr_hdr, TR_MAX_EXEC_INFLIGHT);
BPF_PERCPU_ARRAY(scratch, struct tr_scratch, 1);
BPF_PERCPU_ARRAY(counters, __u64, TR_CNT_MAX);
/* The followed processes, by thread-group id (threads are never entries:
 * a task's group is followed or not). An entry is made when a followed
 * process forks (or -p, --container add one) and goes when the group dies;
 * allocated per entry, so that the bound (TR_MAX_TRACED, no fewer than the
 * tasks the kernel can hold, see docs/design.md) costs only its buckets. */
BPF_F_TABLE("hash", __u32, __u8, traced, TR_MAX_TRACED, BPF_F_NO_PREALLOC);
/* Emitters, by event: called from the syscall exit probe (tracepoint or
 * kretprobe programs, whichever family traces system calls), and, for
 * successful execs, from sched_process_exec (always tracepoint programs: a
 * program array serves one program type). */
BPF_PROG_ARRAY(progs, TR_NUM_EVENTS);
BPF_PROG_ARRAY(exec_progs, TR_NUM_EVENTS);
/* Container mode: the pid namespaces of followed containers, by inode
 * number; one goes when its init does (the kernel then ends the rest), as
 * the kernel gives its number to the next namespace made. A live namespace
 * has an init task: no more of them than of tasks. */
BPF_F_TABLE("hash", __u32, __u8, container_pidns, TR_MAX_TRACED, BPF_F_NO_PREALLOC);
/* tracee's own process id, put here at load (not in the text, which then
 * stays the same from one start to the next: see the loader's cache): the
 * processes it starts itself are not followed. */
BPF_ARRAY(self_pid, __u32, 1);

#if TR_FILTER_STR
/* --filter: a string argument read for its comparison (an exact string
 * or a prefix, at most TR_FILTER_STR_BUF - 8 bytes), before the record
 * is built. */
struct tr_fstr {
	char b[TR_FILTER_STR_BUF];
};
BPF_PERCPU_ARRAY(filter_str, struct tr_fstr, 1);
#endif

#if TR_USE_RINGBUF
BPF_RINGBUF_OUTPUT(events, TR_BUF_PAGES);
#else
BPF_PERF_OUTPUT(events);
#endif
#if TR_EMIT_CAP_CAPABLE && TR_CAP_KPROBE
/* cap_capable(cred, ns, cap, opts) by kprobe: the capability at entry,
 * kept per thread for its return. */
BPF_HASH(cap_inflight, __u32, int, TR_MAX_INFLIGHT);
#endif
#if TR_PATH_AT
/* execveat: the path of its directory fd, found at entry by the walk in
 * tracee_path_at.bpf.c, kept by process until the exec is reported. */
#define TR_NAME_MAX 256
struct tr_dirpath {
	__u32 len; /* bytes before the NUL */
	__u32 pad;
	char path[TR_MAX_STR + TR_NAME_MAX];
};
BPF_F_TABLE("hash", __u32, struct tr_dirpath, exec_dir, TR_MAX_EXEC_INFLIGHT, BPF_F_NO_PREALLOC);
#endif

/* An offset into the scratch buffer the verifier can bound: the empty asm
 * hides the value from the compiler, so the mask is really applied (clang
 * would otherwise drop it as redundant and the verifier lose the bound). */
static __always_inline __u32 tr_off(__u32 v)
{
	asm volatile("" : "+r"(v));
	return v & TR_MASK;
}

/* A read length the verifier can bound (see tr_off). */
static __always_inline __u32 tr_len(__u32 v, __u32 mask)
{
	asm volatile("" : "+r"(v));
	return v & mask;
}

static __always_inline void tr_count(__u32 idx)
{
	__u64 *c = counters.lookup(&idx);
	if (c)
		*c += 1;
}

/* Send a record; a refusal is counted in counter `lost` (events and
 * tracee's own records apart, so that the count of lost events is theirs
 * alone). */
static __always_inline void tr_submit_counted(void *ctx, void *data, __u32 size, __u32 lost)
{
	/* records never exceed TR_MAX_RECORD; the mask makes it provable */
	size = tr_len(size, 2 * TR_MAX_RECORD - 1);
	if (size > TR_MAX_RECORD)
		size = TR_MAX_RECORD;
#if TR_USE_RINGBUF
	if (events.ringbuf_output(data, size, TR_RINGBUF_FLAGS) != 0)
		tr_count(lost);
#else
	/* perf buffer losses are reported to user space by the kernel itself,
	 * one count for every kind of record */
	events.perf_submit(ctx, data, size);
#endif
}

static __always_inline void tr_submit(void *ctx, void *data, __u32 size)
{
	tr_submit_counted(ctx, data, size, TR_CNT_LOST);
}

/* Is this thread group traced? System mode follows every process created
 * after start; -p adds running ones; container mode adds new pid namespaces. */
static __always_inline int tr_is_traced(__u32 tgid)
{
	return traced.lookup(&tgid) != 0;
}

/* Follow thread group `tgid`; a refusal (table full, or no memory for the
 * entry) is counted and reported, never silent. */
static __always_inline void tr_follow(__u32 tgid)
{
	__u8 one = 1;

	if (traced.update(&tgid, &one) != 0)
		tr_count(TR_CNT_UNTRACKED);
}

/* Kernel memory is read explicitly, through this macro: libbcc leaves code
 * inside macros alone, so no implicit rewriting happens behind our back. */
#define TR_RD(dst, src) tr_read_kernel(&(dst), sizeof(dst), &(src))

/* The pid number of `p` as seen from namespace `ns` at level `lvl`, 0 if
 * `p` is not visible there. */
static __always_inline __u32 tr_upid_nr(struct pid *p, unsigned int lvl,
					struct pid_namespace *ns)
{
	unsigned int plvl = 0;
	struct pid_namespace *pns = 0;
	int nr = 0;

	if (!p)
		return 0;
	TR_RD(plvl, p->level);
	if (plvl < lvl)
		return 0;
	TR_RD(pns, p->numbers[lvl & 31].ns);
	if (pns != ns)
		return 0;
	TR_RD(nr, p->numbers[lvl & 31].nr);
	return nr;
}

static __always_inline void tr_fill_hdr(struct tr_hdr *h, __u16 ev, __u16 nr, __u64 ts)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u64 pt = bpf_get_current_pid_tgid();
	struct pid *tp = 0, *lp = 0, *pp = 0;
	struct task_struct *leader = 0, *parent = 0;
	struct nsproxy *nsp = 0;
	struct uts_namespace *uts = 0;
	struct mnt_namespace *mnt = 0;
	struct pid_namespace *pns = 0;
	unsigned int lvl = 0;
	int ppid = 0, ns_tid = 0;

	TR_RD(tp, TR_TASK_PID(t));
	TR_RD(parent, t->real_parent);
	TR_RD(nsp, t->nsproxy);
	TR_RD(ppid, parent->tgid);
	if (tp) {
		TR_RD(lvl, tp->level);
		TR_RD(pns, tp->numbers[lvl & 31].ns);
	}
	if (lvl) {
		/* in a child pid namespace: the ids as seen from there */
		TR_RD(ns_tid, tp->numbers[lvl & 31].nr);
		TR_RD(leader, t->group_leader);
		TR_RD(lp, TR_TASK_PID(leader));
		/* the parent process, not the thread that forked us (ppid is its tgid) */
		TR_RD(parent, parent->group_leader);
		TR_RD(pp, TR_TASK_PID(parent));
	}

	h->ts_ns = ts;
#if TR_KVER >= KERNEL_VERSION(4, 18, 0)
	h->cgroup_id = bpf_get_current_cgroup_id();
#else
	h->cgroup_id = 0;
#endif
	h->ret = 0;
	h->pid = pt >> 32;
	h->tid = (__u32)pt;
	h->ppid = ppid;
	if (lvl) {
		h->ns_tid = ns_tid;
		h->ns_pid = tr_upid_nr(lp, lvl, pns);
		h->ns_ppid = tr_upid_nr(pp, lvl, pns);
	} else {
		/* the initial namespace: the kernel's own ids (numbers[0] of
		 * every pid is this namespace's), without reading them again */
		h->ns_tid = (__u32)pt;
		h->ns_pid = pt >> 32;
		h->ns_ppid = ppid;
	}
	h->uid = (__u32)bpf_get_current_uid_gid();
	h->mnt_ns = 0;
	h->pid_ns = 0;
	h->uts_ns = 0;
	h->uts_name[0] = 0;
	h->hdr_len = TR_HDR_FIXED + 1;
	if (pns)
		TR_RD(h->pid_ns, pns->ns.inum);
	if (nsp) {
		TR_RD(uts, nsp->uts_ns);
		TR_RD(mnt, nsp->mnt_ns);
	}
	if (mnt)
		TR_RD(h->mnt_ns, mnt->ns.inum);
	if (uts) {
		long n;
		TR_RD(h->uts_ns, uts->ns.inum);
		n = tr_read_kernel_str(h->uts_name, sizeof(h->uts_name), &uts->name.nodename[0]);
		/* the arguments follow the name's NUL */
		if (n > 0 && n <= TR_UTS_LEN)
			h->hdr_len = TR_HDR_FIXED + n;
		else
			h->uts_name[0] = 0;
	}
	h->event_id = ev;
	h->size = h->hdr_len;
	h->syscall_nr = nr;
	h->argc = 0;
	h->flags = 0;
	bpf_get_current_comm(h->comm, sizeof(h->comm));
}

/* The user's filters (--uid, --comm, --pidns, --mntns, and --filter's on
 * comm), checked in the kernel before anything is copied. Each is
 * compiled in only when set; src/probegen.c writes TR_FILTER_UID_OK and
 * TR_FILTER_COMM_OK (the command name as two words) from the options. */
static __always_inline int tr_filters_pass(void)
{
#ifdef TR_FILTER_UID_OK
	if (!TR_FILTER_UID_OK((__u32)bpf_get_current_uid_gid()))
		return 0;
#endif
#ifdef TR_FILTER_COMM_OK
	{
		__u64 comm[2] = {};
		bpf_get_current_comm(comm, sizeof(comm));
		if (!TR_FILTER_COMM_OK(comm[0], comm[1]))
			return 0;
	}
#endif
#if TR_FILTER_PIDNS || TR_FILTER_MNTNS
	{
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();
		struct nsproxy *nsp = 0;
		struct mnt_namespace *mnt = 0;
		struct pid *tp = 0;
		struct pid_namespace *pns = 0;
		unsigned int lvl = 0, inum = 0;
#if TR_FILTER_PIDNS
		TR_RD(tp, TR_TASK_PID(t));
		if (!tp)
			return 0;
		TR_RD(lvl, tp->level);
		TR_RD(pns, tp->numbers[lvl & 31].ns);
		if (!pns)
			return 0;
		TR_RD(inum, pns->ns.inum);
		if (inum != TR_FILTER_PIDNS)
			return 0;
#endif
#if TR_FILTER_MNTNS
		TR_RD(nsp, t->nsproxy);
		if (!nsp)
			return 0;
		TR_RD(mnt, nsp->mnt_ns);
		if (!mnt)
			return 0;
		TR_RD(inum, mnt->ns.inum);
		if (inum != TR_FILTER_MNTNS)
			return 0;
#endif
	}
#endif
	return 1;
}

/* ---- argument writers: each returns the new offset, or 0 when out of room */

static __always_inline __u32 tr_put_long(struct tr_scratch *b, __u32 off, __u64 v)
{
	struct tr_arg *a;
	if (off > TR_MAX_RECORD - sizeof(*a) - sizeof(v))
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_LONG;
	a->flags = 0;
	a->len = sizeof(v);
	__builtin_memcpy(&b->data[tr_off(off + sizeof(*a))], &v, sizeof(v));
	return off + sizeof(*a) + sizeof(v);
}

/* A string that filled `room` (the read returned room: room - 1 bytes and
 * the NUL the helper puts last) was cut, unless its own NUL is at room - 1:
 * then it fitted exactly (a path of PATH_MAX - 1 bytes), and is whole. */
static __always_inline int tr_str_cut(const char *p, __u32 room, int kernel)
{
	char c = 1;

	if (kernel)
		tr_read_kernel(&c, 1, p + room - 1);
	else
		tr_read_user(&c, 1, p + room - 1);
	return c != 0;
}

/* A NUL-terminated string from user (`kernel` 0) or kernel memory. */
static __always_inline __u32 tr_put_string(struct tr_scratch *b, __u32 off, const char *p,
					   int kernel)
{
	struct tr_arg *a;
	__u32 room;
	long n;

	if (off > TR_MAX_RECORD - sizeof(*a) - 1)
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_STR;
	a->flags = 0;
	a->len = 0;
	if (!p) {
		a->flags = TR_AF_NULL;
		return off + sizeof(*a);
	}
	room = TR_MAX_RECORD - off - sizeof(*a);
	if (room > TR_MAX_STR)
		room = TR_MAX_STR;
	if (kernel)
		n = tr_read_kernel_str(&b->data[tr_off(off + sizeof(*a))],
				       tr_len(room, 2 * TR_MAX_STR - 1), p);
	else
		n = tr_read_user_str(&b->data[tr_off(off + sizeof(*a))],
				     tr_len(room, 2 * TR_MAX_STR - 1), p);
	if (n < 0) {
		a->flags = TR_AF_FAULT;
		return off + sizeof(*a);
	}
	if ((__u32)n >= room && tr_str_cut(p, room, kernel))
		a->flags = TR_AF_TRUNC;
	n &= (TR_MAX_STR - 1) | TR_MAX_STR;
	a->len = n;
	return off + sizeof(*a) + n;
}

static __always_inline __u32 tr_put_str(struct tr_scratch *b, __u32 off, const char *p)
{
	return tr_put_string(b, off, p, 0);
}

static __always_inline __u32 tr_put_bytes(struct tr_scratch *b, __u32 off, const void *p,
					  __u32 want)
{
	struct tr_arg *a;
	__u32 len = want;

	if (off > TR_MAX_RECORD - sizeof(*a) - TR_MAX_BYTES)
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_BYTES;
	a->flags = 0;
	a->len = 0;
	if (!p) {
		a->flags = TR_AF_NULL;
		return off + sizeof(*a);
	}
	if (len > TR_MAX_BYTES) {
		len = TR_MAX_BYTES;
		a->flags = TR_AF_TRUNC;
	}
	len = tr_len(len, 2 * TR_MAX_BYTES - 1);
	if (len == 0)
		return off + sizeof(*a);
	if (tr_read_user(&b->data[tr_off(off + sizeof(*a))], len, p) != 0) {
		a->flags = TR_AF_FAULT;
		return off + sizeof(*a);
	}
	a->len = len;
	return off + sizeof(*a) + len;
}

/* argv: a count, then (u16 length, bytes) per entry. */
static __always_inline __u32 tr_put_argv(struct tr_scratch *b, __u32 off, const char *const *argv)
{
	struct tr_arg *a;
	__u32 cur, room;
	__u8 flags = 0;
	long n;

	if (off > TR_MAX_RECORD - sizeof(*a) - sizeof(__u16))
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_ARGV;
	a->flags = 0;
	b->argv_cur = off + sizeof(*a) + sizeof(__u16);
	b->argv_count = 0;
	if (!argv) {
		flags = TR_AF_NULL;
		goto done;
	}
	TR_LOOP
	for (int i = 0; i < TR_MAX_ARGS; i++) {
		const char *s = 0;
		if (tr_read_user(&s, sizeof(s), &argv[i]) != 0) {
			flags |= TR_AF_FAULT;
			goto done;
		}
		if (!s)
			goto done;
		cur = b->argv_cur;
		if (cur > TR_MAX_RECORD - sizeof(__u16) - 1) {
			flags |= TR_AF_TRUNC;
			goto done;
		}
		room = TR_MAX_RECORD - cur - sizeof(__u16);
		if (room > TR_MAX_STR)
			room = TR_MAX_STR;
		n = tr_read_user_str(&b->data[tr_off(cur + sizeof(__u16))],
				     tr_len(room, 2 * TR_MAX_STR - 1), s);
		if (n < 0) { /* an entry that cannot be read ends what is shown */
			flags |= TR_AF_FAULT;
			goto done;
		} else if ((__u32)n >= room && tr_str_cut(s, room, 0)) {
			flags |= TR_AF_TRUNC;
		}
		n &= (TR_MAX_STR - 1) | TR_MAX_STR;
		*(__u16 *)&b->data[tr_off(cur)] = n;
		b->argv_cur = cur + sizeof(__u16) + n;
		b->argv_count++;
	}
	{
		/* Stopped at --max-args: are there more? */
		const char *s = 0;
		tr_read_user(&s, sizeof(s), &argv[TR_MAX_ARGS]);
		if (s)
			flags |= TR_AF_MORE;
	}
done:
	cur = b->argv_cur;
	if (cur > TR_MAX_RECORD)
		return 0;
	*(__u16 *)&b->data[tr_off(off + sizeof(*a))] = b->argv_count;
	a->flags = flags;
	a->len = cur - off - sizeof(*a);
	return cur;
}

/* A user string of at most `max` bytes, its NUL included (a length the
 * call was given, or the bytes it wrote): cut only where the record has
 * no more room. */
static __always_inline __u32 tr_put_str_max(struct tr_scratch *b, __u32 off, const char *p,
					    __u64 max)
{
	struct tr_arg *a;
	__u32 room;
	int cut = 0;
	long n;

	if (off > TR_MAX_RECORD - sizeof(*a) - 1)
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_STR;
	a->flags = 0;
	a->len = 0;
	if (!p) {
		a->flags = TR_AF_NULL;
		return off + sizeof(*a);
	}
	room = TR_MAX_RECORD - off - sizeof(*a);
	if (room > TR_MAX_STR)
		room = TR_MAX_STR;
	if (max < room)
		room = max ? max : 1;
	else
		cut = max > room;
	n = tr_read_user_str(&b->data[tr_off(off + sizeof(*a))], tr_len(room, 2 * TR_MAX_STR - 1),
			     p);
	if (n < 0) {
		a->flags = TR_AF_FAULT;
		return off + sizeof(*a);
	}
	if (cut && (__u32)n >= room)
		a->flags = TR_AF_TRUNC;
	n &= (TR_MAX_STR - 1) | TR_MAX_STR;
	a->len = n;
	return off + sizeof(*a) + n;
}

/* The socket address a user struct msghdr names (sendmsg, recvmsg): its
 * msg_name and msg_namelen, the kernel's after a receive. */
static __always_inline __u32 tr_put_msg_name(struct tr_scratch *b, __u32 off, const void *msg)
{
	struct {
		const void *name;
		int namelen;
	} m = {};
	struct tr_arg *a;

	if (!msg || tr_read_user(&m, sizeof(m), msg) == 0)
		return tr_put_bytes(b, off, m.name, m.namelen > 0 ? m.namelen : 0);
	if (off > TR_MAX_RECORD - sizeof(*a))
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_BYTES;
	a->flags = TR_AF_FAULT;
	a->len = 0;
	return off + sizeof(*a);
}

/* ---- the emitter skeleton, used by the generated per-event programs.
 * libbcc rewrites map methods only outside macros: the macros below call
 * these small functions instead. */

static __always_inline struct tr_scratch *tr_scratch_get(void)
{
	__u32 zero = 0;
	return scratch.lookup(&zero);
}

/* Thread `tid`'s call in flight, or 0 when none is (no entry, or used). */
static __always_inline struct tr_inflight *tr_inflight_get(__u32 tid)
{
	struct tr_inflight *in = inflight.lookup(&tid);
	return in && in->ts ? in : 0;
}

/* The call's exit has been dealt with: its entry stays, unused. */
static __always_inline void tr_inflight_done(struct tr_inflight *in)
{
	if (in)
		in->ts = 0;
}

static __always_inline void tr_inflight_del(__u32 tid)
{
	inflight.delete(&tid);
}

static __always_inline struct tr_hdr *tr_exec_hdr_get(__u32 tgid)
{
	return exec_hdr.lookup(&tgid);
}

static __always_inline void tr_exec_hdr_del(__u32 tgid)
{
	exec_hdr.delete(&tgid);
#if TR_PATH_AT
	exec_dir.delete(&tgid);
#endif
}

#if TR_FILTER_STR
static __always_inline struct tr_fstr *tr_fstr_get(void)
{
	__u32 zero = 0;
	return filter_str.lookup(&zero);
}

/* At most `size` bytes of the user string at p, NUL included, into s:
 * the count bpf_probe_read_user_str gives (the NUL included), or < 0. */
static __always_inline long tr_fstr_read(struct tr_fstr *s, const char *p, __u32 size)
{
	return tr_read_user_str(s->b, tr_len(size, TR_FILTER_STR_BUF - 1), p);
}
#endif

/* --filter's tests on arguments, generated after this text from the
 * options (src/probegen.c): 1 when event `ev`, whose raw arguments are
 * `a`, passes them. At entry: numbers (the registers), and the strings of
 * an exec (whose memory the exec replaces); at exit: other strings, read
 * as the emitter reads them. */
#if TR_FILTER_ENTER
static __always_inline int tr_filter_enter(__u32 ev, const unsigned long *a);
#endif
#if TR_FILTER_EXIT
static __always_inline int tr_filter_exit(__u32 ev, const unsigned long *a);
#endif

#define TR_EMIT_BEGIN()                                                        \
	__u32 off, o2;                                                           \
	struct tr_scratch *b = tr_scratch_get();                                 \
	struct tr_inflight *in;                                                  \
	struct tr_hdr *h;                                                        \
	if (!b)                                                                  \
		goto out;                                                        \
	in = &b->call; /* copied by tr_sys_exit, as the header */                \
	h = (struct tr_hdr *)b->data; /* filled by tr_sys_exit */                \
	off = h->hdr_len;

#define TR_ARG(expr)                                                           \
	o2 = (expr);                                                             \
	if (!o2) {                                                               \
		h->flags |= TR_RF_TRUNCATED;                                     \
		goto send;                                                       \
	}                                                                        \
	off = o2;                                                                \
	h->argc++;

#define TR_EMIT_END()                                                          \
	send:                                                                    \
	h->size = off;                                                           \
	tr_submit(ctx, b->data, off);                                            \
	out:                                                                     \
	return 0;

/* The end of an exec emitter's failure path: the exec's state goes too. */
#define TR_EMITX_END()                                                         \
	send:                                                                    \
	h->size = off;                                                           \
	tr_submit(ctx, b->data, off);                                            \
	out:                                                                     \
	tr_exec_hdr_del(bpf_get_current_pid_tgid() >> 32);                       \
	return 0;

#define A(i) (in->args[i])

#if TR_WANT_EXEC
/*
 * The exec family. A successful exec replaces the memory its arguments were
 * in, and the strings a program has not touched since fork may not even be
 * mapped yet, which a probe cannot fix (it must not fault). So:
 *   - at entry, the header (comm, ids before the exec) is kept in exec_hdr;
 *   - on success, sched_process_exec builds the record from what the kernel
 *     itself prepared: the file name it opened and the new argv block;
 *   - on failure, the exit emitter reads the old memory, as for any syscall.
 */
#define TR_EXEC_BEGIN()                                                        \
	__u32 off, o2;                                                           \
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;                           \
	__u32 old_tid = *(__s32 *)((char *)ctx + TR_EXEC_OLD_PID_OFF);           \
	struct tr_scratch *b = tr_scratch_get();                                 \
	struct tr_hdr *saved = tr_exec_hdr_get(tgid);                            \
	struct tr_inflight *in = tr_inflight_get(old_tid);                       \
	struct tr_hdr *h;                                                        \
	if (!b || !saved)                                                        \
		goto out;                                                        \
	h = (struct tr_hdr *)b->data; /* copied by tr_sched_exec */              \
	off = h->hdr_len;

#define TR_EXEC_END()                                                          \
	send:                                                                    \
	h->size = off;                                                           \
	tr_submit(ctx, b->data, off);                                            \
	out:                                                                     \
	tr_exec_hdr_del(tgid);                                                   \
	tr_inflight_del(old_tid);                                                \
	return 0;

/* Raw argument i saved at entry; 0 if the entry was not seen. */
#define AX(i) (in ? in->args[i] : 0)

/* The file name the kernel opened for this exec (sched_process_exec's). */
static __always_inline __u32 tr_put_exec_filename(struct tr_scratch *b, __u32 off, void *ctx)
{
	__u32 loc = *(__u32 *)((char *)ctx + TR_EXEC_FILENAME_OFF);
	return tr_put_string(b, off, (char *)ctx + (loc & 0xffff), 1);
}

/* The new program's argv (env 0) or environment (env 1), as the kernel
 * laid them out: one block of NUL-terminated strings between
 * mm->arg_start and arg_end, or env_start and env_end. With --exec-env,
 * argv takes at most half the record, so that the environment has room. */
static __always_inline __u32 tr_put_exec_block(struct tr_scratch *b, __u32 off, int env)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = 0;
	unsigned long start = 0, end = 0;
	struct tr_arg *a;
	__u32 room, len;

	if (off > TR_MAX_RECORD - sizeof(*a) - 1)
		return 0;
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_ARGBLOB;
	a->flags = 0;
	a->len = 0;
	TR_RD(mm, t->mm);
	if (mm && !env) {
		TR_RD(start, mm->arg_start);
		TR_RD(end, mm->arg_end);
	}
#if TR_EXEC_ENV
	if (mm && env) {
		TR_RD(start, mm->env_start);
		TR_RD(end, mm->env_end);
	}
#endif
	if (!mm || end <= start) {
		a->flags = TR_AF_FAULT;
		return off + sizeof(*a);
	}
	room = TR_MAX_RECORD - off - sizeof(*a);
	if (room > TR_MAX_STR * 2 - 1)
		room = TR_MAX_STR * 2 - 1;
	if (TR_EXEC_ENV && !env && room > TR_MAX_STR - 1)
		room = TR_MAX_STR - 1;
	len = end - start > room ? room : end - start;
	if (end - start > room)
		a->flags = TR_AF_TRUNC;
	len = tr_len(len, 2 * TR_MAX_STR - 1);
	if (len == 0 || tr_read_user(&b->data[tr_off(off + sizeof(*a))], len, (void *)start) != 0) {
		a->flags = TR_AF_FAULT;
		return off + sizeof(*a);
	}
	a->len = len;
	return off + sizeof(*a) + len;
}

#if TR_PATH_AT
/* The directory walk (tracee_path_at.bpf.c, after this text). */
static __always_inline void tr_save_exec_dir(struct tr_scratch *b, __u32 tgid, int fd,
					     const char *name);
#endif

/* A successful exec's record, from what the kernel prepared. */
static __always_inline void tr_exec_record(void *ctx, __u32 tgid)
{
	struct tr_hdr *saved = tr_exec_hdr_get(tgid);
	struct tr_scratch *b = tr_scratch_get();
	struct tr_hdr *h;

	if (!saved || !b)
		return;
#if TR_FILTER_FAILED
	/* a successful exec is not a failure */
	tr_exec_hdr_del(tgid);
	return;
#endif
#if TR_FILTER_RET
	if (!TR_FILTER_RET_OK(0)) {
		tr_exec_hdr_del(tgid);
		return;
	}
#endif
	/* the header as it was at entry; the emitter appends the arguments */
	h = (struct tr_hdr *)b->data;
	__builtin_memcpy(h, saved, sizeof(*h));
	h->ret = 0;
	exec_progs.call(ctx, saved->event_id);
	tr_exec_hdr_del(tgid);
}
#endif /* TR_WANT_EXEC */

/* sched_process_exec: attached for exec events, and before 4.17 for the
 * traced set too (tr_sched_fork). */
int tr_sched_exec(void *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u32 old_tid = *(__s32 *)((char *)ctx + TR_EXEC_OLD_PID_OFF);

	/* An exec by a thread other than the leader: the thread now has the
	 * leader's id, and its own is never seen again. */
	if (old_tid != tgid)
		traced.delete(&old_tid);
#if TR_WANT_EXEC
	tr_exec_record(ctx, tgid);
#endif
	return 0;
}

/* A system call's entry, from either family, in two steps: is it wanted
 * (selected, by a traced task, past the filters)? Then the caller copies
 * the six arguments into `in` (from its own context: a tracepoint's
 * record, or registers), and tr_enter_save keeps them for the exit. */
static __always_inline struct tr_sysent *tr_enter_wanted(__u32 nr, __u64 *pt)
{
	struct tr_sysent *se;

	if (nr >= TR_NR_SYSCALLS)
		return 0;
	se = sys_to_event.lookup(&nr);
	if (!se || !se->event)
		return 0;
	*pt = bpf_get_current_pid_tgid();
	if (!tr_is_traced(*pt >> 32) || !tr_filters_pass())
		return 0;
	return se;
}

/* Whether the entry builds a header: an exec's (kept until it returns)
 * or a call's that never returns (exit: its record goes now). */
#define TR_ENTRY_HDR (TR_WANT_EXEC || (TR_WANT_NORETURN && !TR_FILTER_FAILED))

static __always_inline int tr_enter_save(void *ctx, struct tr_sysent *se, __u32 nr, __u64 pt,
					 struct tr_inflight *in)
{
	__u32 tid = (__u32)pt;
	struct tr_scratch *filled = 0; /* the scratch, once the header is in it */

#if TR_FILTER_ENTER
	/* a call --filter leaves out takes no entry: its exit finds none */
	if (!tr_filter_enter(se->event - 1, in->args))
		return 0;
#endif
	in->ts = bpf_ktime_get_ns();
	in->nr = nr;
#if TR_ENTRY_HDR
	if (se->entry) {
		/* one header fill for both, in the program text once */
		struct tr_scratch *b = tr_scratch_get();
		if (b) {
			struct tr_hdr *h = (struct tr_hdr *)b->data;
			__u32 tgid = pt >> 32;
			tr_fill_hdr(h, se->event - 1, (__u16)nr, in->ts);
			filled = b;
#if TR_WANT_EXEC
			if (se->entry == TR_SYSENT_EXEC) {
				/* exec: keep who called it, as it was before the exec */
				if (exec_hdr.update(&tgid, h) != 0)
					tr_count(TR_CNT_INFLIGHT);
#if TR_PATH_AT
				if (nr == TR_PATH_AT_NR)
					tr_save_exec_dir(b, tgid, (int)in->args[TR_PATH_AT_DIRFD],
							 (const char *)in->args[TR_PATH_AT_NAME]);
#endif
			}
#endif
		}
	}
#endif
#if TR_WANT_NORETURN && !TR_FILTER_FAILED
	if (se->entry == TR_SYSENT_NORETURN) {
		/* exit never returns: the record is sent now, by the event's
		 * emitter, as the exit probe would (its RET is not a result);
		 * nothing is kept for an exit that never comes */
		if (filled) {
			__builtin_memcpy(&filled->call, in, sizeof(*in));
			progs.call(ctx, se->event - 1);
		}
		return 0;
	}
#endif
	{
		/* the thread's entry, written in place (see inflight) */
		struct tr_inflight *cur = inflight.lookup(&tid);
		if (cur)
			__builtin_memcpy(cur, in, sizeof(*in));
		else if (inflight.update(&tid, in) != 0)
			tr_count(TR_CNT_INFLIGHT);
	}
	(void)filled;
	return 0;
}

#if TR_CONTAINER_MODE
/*
 * Runs in a new task, on its return from fork/clone: a task that is not
 * traced yet joins when its pid namespace is a followed container's, or, with
 * -c, when it is the first task of its pid namespace (pid 1 there): that
 * namespace is being born now, after tracee started, so it is a new
 * container, followed from its first instruction, before it can exec.
 * (Birth, not "unknown at start": the kernel reuses the inode numbers of
 * namespaces that are gone.)
 */
static __always_inline void tr_container_check(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct pid *tp = 0;
	struct pid_namespace *pns = 0;
	unsigned int lvl = 0;
	__u32 inum = 0;
	int nr = 0;
	__u8 one = 1;

	if (tr_is_traced(tgid))
		return;
	TR_RD(tp, TR_TASK_PID(t));
	if (!tp)
		return;
	TR_RD(lvl, tp->level);
	if (lvl == 0)
		return; /* the host's pid namespace */
	TR_RD(pns, tp->numbers[lvl & 31].ns);
	if (!pns)
		return;
	TR_RD(inum, pns->ns.inum);
	if (!container_pidns.lookup(&inum)) {
		if (!TR_NEW_CONTAINERS)
			return;
		TR_RD(nr, tp->numbers[lvl & 31].nr);
		if (nr != 1)
			return; /* a namespace that was there before this task */
		if (container_pidns.update(&inum, &one) != 0)
			tr_count(TR_CNT_UNTRACKED); /* those that join it later are not followed */
	}
	tr_follow(tgid);
}

/* At a followed group's end: was it the init of a pid namespace (pid 1
 * there)? Then the namespace ends with it, and is forgotten. */
static __always_inline void tr_container_gone(void)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct pid *tp = 0;
	struct pid_namespace *pns = 0;
	unsigned int lvl = 0;
	__u32 inum = 0;
	int nr = 0;

	TR_RD(tp, TR_TASK_PID(t));
	if (!tp)
		return;
	TR_RD(lvl, tp->level);
	if (lvl == 0)
		return;
	TR_RD(nr, tp->numbers[lvl & 31].nr);
	TR_RD(pns, tp->numbers[lvl & 31].ns);
	if (nr != 1 || !pns)
		return;
	TR_RD(inum, pns->ns.inum);
	container_pidns.delete(&inum);
}
#endif

#if TR_FILTER_RET || TR_FILTER_EXIT
/* The exit's filters; a call that fails them is forgotten here (and an
 * exec's saved header with it: only its failure reaches its exit). */
static __always_inline int tr_exit_filters_pass(struct tr_sysent *se, long ret,
						struct tr_inflight *in, __u32 tid)
{
	if (1
#if TR_FILTER_RET
	    && TR_FILTER_RET_OK(ret)
#endif
#if TR_FILTER_EXIT
	    && tr_filter_exit(se->event - 1, in->args)
#endif
	)
		return 1;
	if (se->entry)
		tr_exec_hdr_del(bpf_get_current_pid_tgid() >> 32);
	tr_inflight_done(in);
	return 0;
}
#endif

/* A system call's exit, from either family. */
static __always_inline int tr_exit(void *ctx, __u32 nr, long ret)
{
	struct tr_sysent *se;
	struct tr_inflight *in;
	struct tr_scratch *b;
	struct tr_hdr *h;
	__u32 tid;

	if (nr >= TR_NR_SYSCALLS)
		return 0;
	se = sys_to_event.lookup(&nr);
	if (!se)
		return 0;
#if TR_CONTAINER_MODE
	if (se->fork && ret == 0)
		tr_container_check();
#endif
	if (!se->event)
		return 0;
	tid = (__u32)bpf_get_current_pid_tgid();
	in = tr_inflight_get(tid);
	if (!in)
		return 0;
	if (in->nr != nr) {
		/* an entry this exit does not match (its own entry was not
		 * seen): never the arguments of another call */
		tr_inflight_done(in);
		return 0;
	}
#if TR_FILTER_FAILED
	if (!TR_RET_FAILED(ret) && !se->entry) { /* exec emitters clean up themselves */
		tr_inflight_done(in);
		return 0;
	}
#endif
	/* The header is the same for every event: filled here, once in the
	 * program text, then the event's emitter appends its arguments to it
	 * (the per-CPU scratch survives the tail call). */
	b = tr_scratch_get();
	if (!b)
		return 0;
#if TR_FILTER_RET || TR_FILTER_EXIT
	/* --filter on ret and strings: before anything is built */
	if (!tr_exit_filters_pass(se, ret, in, tid))
		return 0;
#endif
	/* the call, for the emitter; its entry is used from here on */
	__builtin_memcpy(&b->call, in, sizeof(*in));
	tr_inflight_done(in);
	h = (struct tr_hdr *)b->data;
	tr_fill_hdr(h, se->event - 1, (__u16)nr, b->call.ts);
	h->ret = ret;
	progs.call(ctx, se->event - 1);
	return 0;
}

#if TR_RAW_SYSCALLS || TR_SYSCALL_TPS
/* A system call's entry and exit, through raw_syscalls (every call) or
 * the call's own tracepoints (the same programs, attached to each). The
 * entry copies `n` arguments: a per-call tracepoint refuses a program that
 * reads past its record, so the probe text has one entry program for each
 * count the selected calls need (tr_sys_enterN, generated after this text). */
static __always_inline int tr_sys_enter_n(struct tr_enter_ctx *ctx, int n)
{
	__u32 nr = TR_CTX_NR(ctx);
	struct tr_sysent *se;
	struct tr_inflight in = {};
	__u64 pt = 0;

	se = tr_enter_wanted(nr, &pt);
	if (!se)
		return 0;
#pragma unroll
	for (int i = 0; i < 6; i++)
		if (i < n)
			in.args[i] = ctx->args[i];
	return tr_enter_save(ctx, se, nr, pt, &in);
}

#if TR_RAW_SYSCALLS
int tr_sys_enter(struct tr_enter_ctx *ctx)
{
	return tr_sys_enter_n(ctx, 6);
}
#endif

int tr_sys_exit(struct tr_exit_ctx *ctx)
{
	return tr_exit(ctx, TR_CTX_NR(ctx), ctx->ret);
}
#endif

#if TR_KPROBE_SYSCALLS
/*
 * A kprobe on a system call function. Since 4.17 (x86_64; 4.19 arm64) the
 * function is a wrapper whose one argument is the user's registers at the
 * call; before, it is an ordinary C function of the six arguments. The
 * generated programs after this text (tr_kpe_NAME, tr_kpx_NAME) call these
 * with the syscall's number.
 */
static __always_inline void tr_kp_args(struct pt_regs *ctx, unsigned long *a)
{
	/* a points to the stack (struct tr_inflight), never into ctx */
#if TR_SYSCALL_WRAPPER
	struct pt_regs *r = (struct pt_regs *)PT_REGS_PARM1(ctx);
#if TR_ARCH_X86
	TR_RD(a[0], r->di);
	TR_RD(a[1], r->si);
	TR_RD(a[2], r->dx);
	TR_RD(a[3], r->r10); /* the syscall ABI's fourth, not the C one (cx) */
	TR_RD(a[4], r->r8);
	TR_RD(a[5], r->r9);
#else
#pragma unroll
	for (int i = 0; i < 6; i++)
		TR_RD(a[i], r->regs[i]);
#endif
#else
	a[0] = PT_REGS_PARM1(ctx);
	a[1] = PT_REGS_PARM2(ctx);
	a[2] = PT_REGS_PARM3(ctx);
	a[3] = PT_REGS_PARM4(ctx);
	a[4] = PT_REGS_PARM5(ctx);
	a[5] = PT_REGS_PARM6(ctx);
#endif
}

static __always_inline int tr_kp_enter(struct pt_regs *ctx, __u32 nr)
{
	struct tr_sysent *se;
	struct tr_inflight in = {};
	__u64 pt = 0;

	se = tr_enter_wanted(nr, &pt);
	if (!se)
		return 0;
	tr_kp_args(ctx, in.args);
	return tr_enter_save(ctx, se, nr, pt, &in);
}

/* The programs themselves are generated, one pair per system call:
 *   int tr_kpe_NAME(struct pt_regs *ctx): tr_kp_enter(ctx, NR)
 *   int tr_kpx_NAME(struct pt_regs *ctx): tr_exit(ctx, NR, PT_REGS_RC(ctx)) */
#endif

/* New processes join the traced set when their parent is traced, or, in
 * system mode, always (every process created after start). Any other new
 * process's id is cleared: whatever was kept under it belonged to a task
 * that is gone, and must not make this one followed. */
static __always_inline int tr_is_self(__u32 tgid)
{
	__u32 zero = 0;
	__u32 *self = self_pid.lookup(&zero);
	return self && *self == tgid;
}

static __always_inline void tr_fork_child(__u32 parent, __u32 child)
{
	if ((TR_FOLLOW_ALL_NEW || tr_is_traced(parent)) && !tr_is_self(parent))
		tr_follow(child);
	else if (tr_is_traced(child))
		traced.delete(&child);
}

#if TR_RAW_FORK
/* sched_process_fork(parent, child) as a raw tracepoint (4.17+): the child's
 * task says whether it is a thread, whose group is followed or not already,
 * so the threads of any process cost two reads and no entry. */
int tr_sched_fork(void *ctx)
{
	struct task_struct *child = (struct task_struct *)((__u64 *)ctx)[1];
	int pid = 0, tgid = 0;

	TR_RD(pid, child->pid);
	TR_RD(tgid, child->tgid);
	if (pid != tgid || pid <= 0)
		return 0;
	tr_fork_child(bpf_get_current_pid_tgid() >> 32, pid);
	return 0;
}
#else
/* Before 4.17, the tracepoint's record, which cannot tell a thread from a
 * process: every new task gets an entry, and a thread's goes when it ends
 * (tr_sched_exit) or takes its leader's id in an exec (tr_sched_exec). */
int tr_sched_fork(void *ctx)
{
	tr_fork_child(bpf_get_current_pid_tgid() >> 32,
		      *(__s32 *)((char *)ctx + TR_FORK_CHILD_PID_OFF));
	return 0;
}
#endif

/* do_exit: the exit code (status << 8, or the signal) of a traced task. */
static __always_inline void tr_emit_do_exit(void *ctx, int code)
{
	struct tr_scratch *b = tr_scratch_get();
	struct tr_hdr *h;

	if (!b || !tr_filters_pass())
		return;
#if TR_FILTER_RET
	/* RET shows the status as a shell does: 128 + the signal, or the status */
	if (!TR_FILTER_RET_OK((code & 0x7f) ? 128 + (code & 0x7f) : (code >> 8) & 0xff))
		return;
#endif
	h = (struct tr_hdr *)b->data;
	tr_fill_hdr(h, TR_EV_DO_EXIT, 0, bpf_ktime_get_ns());
	h->ret = code;
	tr_submit(ctx, b->data, h->hdr_len);
}

#if TR_DO_EXIT_KPROBE && TR_EMIT_DO_EXIT && !TR_FILTER_FAILED
int tr_kp_do_exit(struct pt_regs *ctx)
{
	if (tr_is_traced(bpf_get_current_pid_tgid() >> 32))
		tr_emit_do_exit(ctx, (int)PT_REGS_PARM1(ctx));
	return 0;
}
#endif

/* Is the exiting task's whole group gone? Whichever of its threads exits
 * last says so, the leader or not. */
static __always_inline int tr_group_dead(void *ctx)
{
#if TR_HAVE_GROUP_DEAD
	return *(__u8 *)((char *)ctx + TR_EXIT_GROUP_DEAD_OFF);
#else
	/* Kernels before the tracepoint's group_dead: do_exit has already
	 * taken this task out of the group's count of live threads. */
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct signal_struct *sig = 0;
	int live = 1;

	TR_RD(sig, t->signal);
	if (sig)
		TR_RD(live, sig->live.counter);
	return live == 0;
#endif
}

int tr_sched_exit(void *ctx)
{
	__u64 pt = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pt, tgid = pt >> 32;

	/* the thread's entry goes with it (see inflight; a lookup first:
	 * it takes no lock, a delete does) */
	if (inflight.lookup(&tid))
		inflight.delete(&tid);
#if !TR_RAW_FORK
	if (tid != tgid && tr_is_traced(tid))
		traced.delete(&tid); /* every new task was added, threads too */
#endif
	if (!tr_is_traced(tgid))
		return 0;
#if TR_EMIT_DO_EXIT && !TR_FILTER_FAILED && !TR_DO_EXIT_KPROBE
	{
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();
		int code = 0;
		TR_RD(code, t->exit_code);
		tr_emit_do_exit(ctx, code);
	}
#endif
	/* The group is forgotten with its last thread, leader or not. */
	if (tr_group_dead(ctx)) {
		traced.delete(&tgid);
		tr_exec_hdr_del(tgid);
#if TR_CONTAINER_MODE
		tr_container_gone();
#endif
	}
	return 0;
}

#if TR_EMIT_CAP_CAPABLE
static __always_inline void tr_emit_cap(void *ctx, int cap, int ret)
{
	struct tr_scratch *b;
	struct tr_hdr *h;
	__u32 off;

	if (!tr_is_traced(bpf_get_current_pid_tgid() >> 32) || !tr_filters_pass())
		return;
#if TR_FILTER_FAILED
	if (!TR_RET_FAILED(ret))
		return;
#endif
#if TR_FILTER_RET
	if (!TR_FILTER_RET_OK(ret))
		return;
#endif
	b = tr_scratch_get();
	if (!b)
		return;
	h = (struct tr_hdr *)b->data;
	tr_fill_hdr(h, TR_EV_CAP_CAPABLE, 0, bpf_ktime_get_ns());
	h->ret = ret;
	off = h->hdr_len;
	TR_ARGS_CAP_CAPABLE /* cap */
	h->size = off;
	tr_submit(ctx, b->data, off);
}

#if TR_CAP_KPROBE
int tr_kp_cap_enter(struct pt_regs *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	int cap = (int)PT_REGS_PARM3(ctx);

	if (tr_is_traced(bpf_get_current_pid_tgid() >> 32))
		cap_inflight.update(&tid, &cap);
	return 0;
}

int tr_kp_cap_exit(struct pt_regs *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	int *cap = cap_inflight.lookup(&tid);

	if (cap) {
		tr_emit_cap(ctx, *cap, (int)PT_REGS_RC(ctx));
		cap_inflight.delete(&tid);
	}
	return 0;
}
#else
int tr_cap_capable(void *ctx)
{
	tr_emit_cap(ctx, *(__s32 *)((char *)ctx + TR_CAP_CAP_OFF),
		    *(__s32 *)((char *)ctx + TR_CAP_RET_OFF));
	return 0;
}
#endif
#endif

#if TR_EMIT_COMMIT_CREDS
/*
 * commit_creds(new): the task's credentials are about to become `new`.
 * Reported when an id changes or a capability set grows: old->new ids
 * packed in one value each, and the capabilities gained.
 *
 * The kernel events' arguments are written by TR_ARGS_<EVENT>, which
 * src/probegen.c generates from the event table: one value a parameter,
 * in the table's order, each taken from the variable of the parameter's
 * name. An emitter computes those variables, and nothing else decides
 * the order.
 */
int tr_kp_commit_creds(struct pt_regs *ctx)
{
	const struct cred *nc = (const struct cred *)PT_REGS_PARM1(ctx), *oc = 0;
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	unsigned int ou = 0, nu = 0, oeu = 0, neu = 0, og = 0, ng = 0, oeg = 0, neg = 0;
	__u64 oce = 0, nce = 0, ocp = 0, ncp = 0;
	__u64 uid, euid, gid, egid, cap_effective_gained, cap_permitted_gained;
	struct tr_scratch *b;
	struct tr_hdr *h;
	__u32 off;

	if (!tr_is_traced(bpf_get_current_pid_tgid() >> 32) || !tr_filters_pass())
		return 0;
#if TR_FILTER_RET
	if (!TR_FILTER_RET_OK(0))
		return 0;
#endif
	TR_RD(oc, t->real_cred);
	if (!oc || !nc)
		return 0;
	TR_RD(ou, oc->uid);
	TR_RD(nu, nc->uid);
	TR_RD(oeu, oc->euid);
	TR_RD(neu, nc->euid);
	TR_RD(og, oc->gid);
	TR_RD(ng, nc->gid);
	TR_RD(oeg, oc->egid);
	TR_RD(neg, nc->egid);
	TR_RD(oce, oc->cap_effective);
	TR_RD(nce, nc->cap_effective);
	TR_RD(ocp, oc->cap_permitted);
	TR_RD(ncp, nc->cap_permitted);
	if (ou == nu && oeu == neu && og == ng && oeg == neg && !(nce & ~oce) && !(ncp & ~ocp))
		return 0;
	b = tr_scratch_get();
	if (!b)
		return 0;
	uid = ((__u64)ou << 32) | nu;
	euid = ((__u64)oeu << 32) | neu;
	gid = ((__u64)og << 32) | ng;
	egid = ((__u64)oeg << 32) | neg;
	cap_effective_gained = nce & ~oce;
	cap_permitted_gained = ncp & ~ocp;
	h = (struct tr_hdr *)b->data;
	tr_fill_hdr(h, TR_EV_COMMIT_CREDS, 0, bpf_ktime_get_ns());
	h->ret = 0;
	off = h->hdr_len;
	TR_ARGS_COMMIT_CREDS
	h->size = off;
	tr_submit(ctx, b->data, off);
	return 0;
}
#endif

#if TR_WANT_CGROUP_MKDIR
/* A cgroup was created: tell user space its id and path while it exists,
 * ahead of any event of its tasks (container IDs come from these paths). */
int tr_cgroup_mkdir(void *ctx)
{
	struct tr_scratch *b = tr_scratch_get();
	__s32 hierarchy = *(__s32 *)((char *)ctx + TR_CGMKDIR_ROOT_OFF);
	__u32 loc = *(__u32 *)((char *)ctx + TR_CGMKDIR_PATH_OFF);
	const char *path = (char *)ctx + (loc & 0xffff);
	struct tr_hdr *h;
	__u64 id = 0;
	__u32 off;

	if (!b)
		return 0;
	h = (struct tr_hdr *)b->data;
	__builtin_memset(h, 0, sizeof(*h));
	h->hdr_len = TR_HDR_FIXED + 1; /* no UTS name: its NUL only */
	h->event_id = TR_EV_CGROUP_MKDIR;
	h->ts_ns = bpf_ktime_get_ns();
	if (TR_CGMKDIR_ID_SIZE == 8)
		id = *(__u64 *)((char *)ctx + TR_CGMKDIR_ID_OFF);
	else
		id = *(__u32 *)((char *)ctx + TR_CGMKDIR_ID_OFF);
	off = h->hdr_len;
	TR_ARGS_CGROUP_MKDIR /* hierarchy, id, path */
	h->size = off;
	/* made by any process on the machine: not an event of the traced */
	tr_submit_counted(ctx, b->data, off, TR_CNT_LOST_CGROUP);
	return 0;
}
#endif /* TR_WANT_CGROUP_MKDIR */
