/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tracee_path_at.bpf.c - execveat's directory walk, compiled after
 * tracee.bpf.c (whose helpers, maps and macros it uses) when execveat is
 * selected (TR_PATH_AT), before the generated emitters that call its
 * tr_put_path_at and tr_put_exec_path_at (see src/probegen.c).
 */

/*
 * A path relative to a directory fd (execveat), resolved. At entry, while
 * the fd is open (a close-on-exec one is gone by sched_process_exec), the
 * path of the fd's file, or of the working directory for AT_FDCWD, is found
 * by walking its dentries up to the task's root directory (its chroot, or
 * the root of its mount namespace), crossing mounts, and kept by tgid. The record
 * then shows the name joined to it: at exit on failure, from the caller's
 * string; at sched_process_exec on success, from the kernel's file name
 * ("/dev/fd/N/name", or "/dev/fd/N" for AT_EMPTY_PATH, whose file is the
 * fd's own). A path deeper than the walk begins with "...".
 */
#define TR_AT_FDCWD -100
#if TR_KVER >= KERNEL_VERSION(5, 3, 0)
#define TR_PATH_DEPTH 32 /* power of two: indexes are masked with it */
#else
#define TR_PATH_DEPTH 16 /* unrolled, within 4096 instructions */
#endif

struct tr_walk {
	__u32 n;     /* names found */
	__u32 whole; /* up to the root (else the path starts with "...") */
	const unsigned char *name[TR_PATH_DEPTH];
};

/* The open file `fd` of the current task (or its working directory). */
static __always_inline int tr_fd_path(int fd, struct dentry **d, struct vfsmount **vm)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();

	if (fd == TR_AT_FDCWD) {
		struct fs_struct *fs = 0;
		TR_RD(fs, t->fs);
		if (!fs)
			return -1;
		TR_RD(*d, fs->pwd.dentry);
		TR_RD(*vm, fs->pwd.mnt);
	} else {
		struct files_struct *files = 0;
		struct fdtable *fdt = 0;
		struct file **fda = 0;
		struct file *f = 0;
		unsigned int max = 0;
		if (fd < 0)
			return -1;
		TR_RD(files, t->files);
		if (!files)
			return -1;
		TR_RD(fdt, files->fdt);
		if (!fdt)
			return -1;
		TR_RD(max, fdt->max_fds);
		TR_RD(fda, fdt->fd);
		if ((unsigned int)fd >= max || !fda)
			return -1;
		TR_RD(f, fda[fd]);
		if (!f)
			return -1;
		TR_RD(*d, f->f_path.dentry);
		TR_RD(*vm, f->f_path.mnt);
	}
	return *d && *vm ? 0 : -1;
}

static __always_inline struct mount *tr_real_mount(struct vfsmount *vm)
{
	return (struct mount *)((char *)vm - __builtin_offsetof(struct mount, mnt));
}

/* The path of dentry `d` on mount `vm`, into dp, NUL-terminated. The
 * counts live in the map values, not in registers: the verifier then sees
 * each loop's iterations alike instead of one state per count. */
static __always_inline void tr_walk_path(struct tr_walk *w, struct tr_dirpath *dp,
					 struct dentry *d, struct vfsmount *vm)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct mount *m = tr_real_mount(vm);
	struct dentry *leaf = d, *leaf_root = 0, *top = 0;
	struct vfsmount *top_mnt = 0;
	struct fs_struct *fs = 0;
	void *pprev = 0;
	__u32 pos;

	w->n = 0;
	w->whole = 0;
	dp->len = 0;
	TR_RD(leaf_root, vm->mnt_root);
	/* the task's root directory: a chroot's paths start there */
	TR_RD(fs, t->fs);
	if (fs) {
		TR_RD(top, fs->root.dentry);
		TR_RD(top_mnt, fs->root.mnt);
	}
	/* up to the root: names leaf first; each mount crossed takes a step */
	TR_LOOP
	for (int i = 0; i < 2 * TR_PATH_DEPTH; i++) {
		struct dentry *root = 0, *parent = 0;
		struct mount *mp = 0;
		__u32 n = w->n;
		if (d == top && m == tr_real_mount(top_mnt)) {
			w->whole = 1; /* the task's root */
			break;
		}
		TR_RD(root, m->mnt.mnt_root);
		if (d == root) {
			TR_RD(mp, m->mnt_parent);
			if (!mp || mp == m) {
				w->whole = 1; /* the namespace's root (or a kernel-internal mount) */
				break;
			}
			TR_RD(d, m->mnt_mountpoint);
			m = mp;
			continue;
		}
		if (n >= TR_PATH_DEPTH)
			break;
		TR_RD(w->name[n & (TR_PATH_DEPTH - 1)], d->d_name.name);
		w->n = n + 1;
		TR_RD(parent, d->d_parent);
		if (!parent || parent == d) {
			w->whole = 1; /* a file of no directory (memfd, pipe): its name */
			break;
		}
		d = parent;
	}
	if (!w->whole) {
		dp->path[0] = '.';
		dp->path[1] = '.';
		dp->path[2] = '.';
		dp->len = 3;
	}
	/* down from the root: "/" and each name */
	TR_LOOP
	for (int k = 0; k < TR_PATH_DEPTH; k++) {
		__u32 n = w->n;
		long r;
		pos = dp->len;
		if ((__u32)k >= n || pos > TR_MAX_STR - 2)
			break;
		dp->path[tr_len(pos, TR_MAX_STR - 1)] = '/';
		pos++;
		r = tr_read_kernel_str(&dp->path[tr_len(pos, TR_MAX_STR - 1)], TR_NAME_MAX,
				       w->name[(n - 1 - k) & (TR_PATH_DEPTH - 1)]);
		dp->len = r > 1 ? pos + r - 1 : pos;
	}
	pos = dp->len;
	if (w->n == 0 && pos < TR_MAX_STR - 1)
		dp->path[tr_len(pos++, TR_MAX_STR - 1)] = '/';
	/* unlinked (and not the root of a mount): as the kernel says it */
	TR_RD(pprev, leaf->d_hash.pprev);
	if (!pprev && leaf != leaf_root && pos < TR_MAX_STR - 11) {
		__u32 p = tr_len(pos, TR_MAX_STR - 1);
		__builtin_memcpy(&dp->path[p], " (deleted)", 10);
		pos += 10;
	}
	if (pos > TR_MAX_STR - 1)
		pos = TR_MAX_STR - 1;
	dp->path[tr_len(pos, TR_MAX_STR - 1)] = 0;
	dp->len = pos;
}

/* At a path-relative exec's entry: keep the directory's path by tgid. */
static __always_inline void tr_save_exec_dir(struct tr_scratch *b, __u32 tgid, int fd,
					     const char *name)
{
	struct tr_walk *w = (struct tr_walk *)b->data;
	struct tr_dirpath *dp = (struct tr_dirpath *)&b->data[TR_MAX_RECORD];
	struct dentry *d = 0;
	struct vfsmount *vm = 0;
	char c = 0;

	if (tr_read_user(&c, 1, name) == 0 && c == '/')
		return; /* absolute: nothing to resolve */
	if (tr_fd_path(fd, &d, &vm) != 0)
		return; /* not an open fd: the name is shown as given */
	tr_walk_path(w, dp, d, vm);
	exec_dir.update(&tgid, dp);
}

/* The directory's path, "/", then `name` (empty: the directory alone), as
 * one string argument. Without a saved directory, or for an absolute name,
 * the name as it is. */
static __always_inline __u32 tr_put_joined(struct tr_scratch *b, __u32 off, const char *name,
					   int kernel)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct tr_dirpath *dp = exec_dir.lookup(&tgid);
	struct tr_arg *a;
	__u32 base, cur, dlen, left;
	char c = 0;
	long n;

	if (!dp || !name || off > TR_MAX_RECORD - sizeof(*a) - TR_MAX_STR)
		return tr_put_string(b, off, name, kernel);
	if (kernel)
		n = tr_read_kernel(&c, 1, name);
	else
		n = tr_read_user(&c, 1, name);
	if (n != 0 || c == '/')
		return tr_put_string(b, off, name, kernel);
	a = (struct tr_arg *)&b->data[tr_off(off)];
	a->kind = TR_ARG_STR;
	a->flags = 0;
	base = off + sizeof(*a);
	dlen = dp->len;
	if (dlen > TR_MAX_STR - 3)
		dlen = TR_MAX_STR - 3;
	if (dlen == 0 ||
	    tr_read_kernel(&b->data[tr_off(base)], tr_len(dlen, TR_MAX_STR - 1), dp->path) != 0)
		return tr_put_string(b, off, name, kernel);
	cur = base + dlen;
	if (!(dlen == 1 && dp->path[0] == '/')) /* no "//" after the root */
		b->data[tr_off(cur++)] = '/';
	left = TR_MAX_STR - (cur - base);
	if (kernel)
		n = tr_read_kernel_str(&b->data[tr_off(cur)], tr_len(left, TR_MAX_STR - 1), name);
	else
		n = tr_read_user_str(&b->data[tr_off(cur)], tr_len(left, TR_MAX_STR - 1), name);
	if (n < 0)
		return tr_put_string(b, off, name, kernel);
	if (n <= 1) {
		/* empty (AT_EMPTY_PATH): the fd's own path */
		if (b->data[tr_off(cur - 1)] == '/' && cur - 1 > base)
			cur--;
		b->data[tr_off(cur)] = 0;
		n = 1;
	} else if ((__u32)n >= left) {
		a->flags = TR_AF_TRUNC;
	}
	a->len = (cur - base + n) & ((TR_MAX_STR - 1) | TR_MAX_STR);
	return base + a->len;
}

/* Failure, at exit: the caller's own string. */
static __always_inline __u32 tr_put_path_at(struct tr_scratch *b, __u32 off, const char *name)
{
	return tr_put_joined(b, off, name, 0);
}

/* Success, at sched_process_exec: the kernel's file name, whose
 * "/dev/fd/N" spelling of the directory fd is replaced by its path. */
static __always_inline __u32 tr_put_exec_path_at(struct tr_scratch *b, __u32 off, void *ctx)
{
	__u32 loc = *(__u32 *)((char *)ctx + TR_EXEC_FILENAME_OFF);
	const char *fn = (char *)ctx + (loc & 0xffff);
	char pre[24] = {};
	__u32 skip = 0;

	tr_read_kernel_str(pre, sizeof(pre), fn);
	if (pre[0] == '/' && pre[1] == 'd' && pre[2] == 'e' && pre[3] == 'v' && pre[4] == '/' &&
	    pre[5] == 'f' && pre[6] == 'd' && pre[7] == '/') {
#pragma unroll
		for (int k = 8; k < 20; k++) {
			char ch = pre[k];
			if (ch >= '0' && ch <= '9')
				continue;
			if (ch == '/')
				skip = k + 1;
			else if (ch == 0)
				skip = k;
			break;
		}
	}
	return tr_put_joined(b, off, fn + skip, 1);
}
