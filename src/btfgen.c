// SPDX-License-Identifier: GPL-2.0
/*
 * btfgen.c - generate the header tree libbcc needs from BTF (see btfgen.h).
 */
#define _GNU_SOURCE
#include "btfgen.h"

#include <bpf/btf.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "strbuf.h"
#include "trust.h"

/* Bump when the generated tree changes shape, so caches are rebuilt. */
#define BTFGEN_LAYOUT 10

struct proj_member {
	const char *name;
	const char *decl; /* the member's declaration in the projection */
	int size;         /* expected size in bytes, 0 for "do not check" */
};

struct proj {
	const char *name;
	int with_size; /* pad the projection to the kernel's size (arrays of it) */
	struct proj_member m[12];
};

/* Every structure and member the probes read. Order: dependencies first. */
static const struct proj projs[] = {
	{ "ns_common", 0, { { "inum", "unsigned int inum", 4 } } },
	{ "uts_namespace", 0,
	  { { "name", "struct new_utsname name", (int)sizeof(struct { char s[6][65]; }) },
	    { "ns", "struct ns_common ns", 0 } } },
	{ "mnt_namespace", 0, { { "ns", "struct ns_common ns", 0 } } },
	{ "pid_namespace", 0,
	  { { "ns", "struct ns_common ns", 0 }, { "level", "unsigned int level", 4 } } },
	{ "upid", 1, { { "nr", "int nr", 4 }, { "ns", "struct pid_namespace *ns", 8 } } },
	{ "pid", 0,
	  { { "level", "unsigned int level", 4 }, { "numbers", "struct upid numbers[1]", 0 } } },
	{ "nsproxy", 0,
	  { { "uts_ns", "struct uts_namespace *uts_ns", 8 },
	    { "mnt_ns", "struct mnt_namespace *mnt_ns", 8 },
	    { "pid_ns_for_children", "struct pid_namespace *pid_ns_for_children", 8 } } },
	{ "mm_struct", 0,
	  { { "arg_start", "unsigned long arg_start", 8 },
	    { "arg_end", "unsigned long arg_end", 8 },
	    { "env_start", "unsigned long env_start", 8 },
	    { "env_end", "unsigned long env_end", 8 } } },
	/* kprobes: the registers of a probed call, and of the system call the
	 * 4.17+ wrappers pass on (the names libbcc's PT_REGS_* macros use) */
#if defined(__x86_64__)
	{ "pt_regs", 0,
	  { { "di", "unsigned long di", 8 }, { "si", "unsigned long si", 8 },
	    { "dx", "unsigned long dx", 8 }, { "cx", "unsigned long cx", 8 },
	    { "r8", "unsigned long r8", 8 }, { "r9", "unsigned long r9", 8 },
	    { "r10", "unsigned long r10", 8 }, { "ax", "unsigned long ax", 8 },
	    { "bp", "unsigned long bp", 8 }, { "sp", "unsigned long sp", 8 },
	    { "ip", "unsigned long ip", 8 } } },
#elif defined(__aarch64__)
	{ "pt_regs", 0, { { "regs", "__u64 regs[31]", 248 }, { "sp", "__u64 sp", 8 },
			  { "pc", "__u64 pc", 8 }, { "pstate", "__u64 pstate", 8 } } },
#endif
	/* a directory fd's path (execveat): files, dentries, mounts */
	{ "qstr", 0, { { "name", "const unsigned char *name", 8 } } },
	{ "path", 0,
	  { { "mnt", "struct vfsmount *mnt", 8 }, { "dentry", "struct dentry *dentry", 8 } } },
	{ "dentry", 0,
	  { { "d_hash", "struct { void *next; void *pprev; } d_hash", 16 },
	    { "d_parent", "struct dentry *d_parent", 8 },
	    { "d_name", "struct qstr d_name", 0 } } },
	{ "vfsmount", 0, { { "mnt_root", "struct dentry *mnt_root", 8 } } },
	{ "mount", 0,
	  { { "mnt_parent", "struct mount *mnt_parent", 8 },
	    { "mnt_mountpoint", "struct dentry *mnt_mountpoint", 8 },
	    { "mnt", "struct vfsmount mnt", 0 } } },
	{ "file", 0, { { "f_path", "struct path f_path", 16 } } },
	{ "fdtable", 0,
	  { { "max_fds", "unsigned int max_fds", 4 }, { "fd", "struct file **fd", 8 } } },
	{ "files_struct", 0, { { "fdt", "struct fdtable *fdt", 8 } } },
	{ "fs_struct", 0, { { "root", "struct path root", 16 }, { "pwd", "struct path pwd", 16 } } },
	{ "cred", 0,
	  { { "uid", "unsigned int uid", 4 }, { "gid", "unsigned int gid", 4 },
	    { "euid", "unsigned int euid", 4 }, { "egid", "unsigned int egid", 4 },
	    { "cap_permitted", "__u64 cap_permitted", 8 },
	    { "cap_effective", "__u64 cap_effective", 8 } } },
	/* kernels whose sched_process_exit has no group_dead: the live threads */
	{ "signal_struct", 0, { { "live", "struct { int counter; } live", 4 } } },
	{ "task_struct", 0,
	  { { "pid", "int pid", 4 },
	    { "tgid", "int tgid", 4 },
	    { "real_parent", "struct task_struct *real_parent", 8 },
	    { "group_leader", "struct task_struct *group_leader", 8 },
	    { "nsproxy", "struct nsproxy *nsproxy", 8 },
	    { "thread_pid", "struct pid *thread_pid", 8 },
	    { "exit_code", "int exit_code", 4 },
	    { "real_cred", "const struct cred *real_cred", 8 },
	    { "mm", "struct mm_struct *mm", 8 },
	    { "fs", "struct fs_struct *fs", 8 },
	    { "files", "struct files_struct *files", 8 },
	    { "signal", "struct signal_struct *signal", 8 } } },
};

/* Find member `name` in struct type `t`, looking inside anonymous members.
 * On success sets *bit_off (from the start of `t`) and *type_id. */
static int find_member(const struct btf *btf, const struct btf_type *t, const char *name,
		       __u32 *bit_off, __u32 *type_id, int depth)
{
	const struct btf_member *m = btf_members(t);
	int n = btf_vlen(t);

	if (depth > 8)
		return -1;
	for (int i = 0; i < n; i++, m++) {
		const char *mn = btf__name_by_offset(btf, m->name_off);
		__u32 off = btf_member_bit_offset(t, i);
		if (mn && *mn) {
			if (strcmp(mn, name) == 0) {
				*bit_off = off;
				*type_id = m->type;
				return 0;
			}
			continue;
		}
		/* anonymous struct or union: search inside */
		const struct btf_type *mt = btf__type_by_id(btf, btf__resolve_type(btf, m->type));
		if (mt && btf_is_composite(mt)) {
			__u32 inner;
			if (find_member(btf, mt, name, &inner, type_id, depth + 1) == 0) {
				*bit_off = off + inner;
				return 0;
			}
		}
	}
	return -1;
}

int btfgen__projections(const char *btf_path, char **out, char *err, size_t errlen)
{
	struct btf *btf = btf__parse(btf_path, NULL);
	struct strbuf sb = { 0 };
	int ret = 0;

	*out = NULL;
	if (!btf) {
		ret = -errno;
		errf(err, errlen, "cannot parse BTF from %s: %s", btf_path, strerror(errno));
		return ret;
	}
	sb_printf(&sb, "/* Generated by tracee from %s: projections of kernel structures. */\n",
		  btf_path);
	sb_printf(&sb, "#include <linux/utsname.h>\n");
	for (size_t i = 0; i < sizeof(projs) / sizeof(projs[0]); i++)
		sb_printf(&sb, "struct %s;\n", projs[i].name);
	for (size_t i = 0; i < sizeof(projs) / sizeof(projs[0]); i++) {
		const struct proj *p = &projs[i];
		__s32 id = btf__find_by_name_kind(btf, p->name, BTF_KIND_STRUCT);
		const struct btf_type *t;

		if (id < 0) {
			errf(err, errlen, "BTF has no struct %s", p->name);
			ret = -ENOENT;
			goto out;
		}
		t = btf__type_by_id(btf, id);
		sb_printf(&sb, "struct %s {\n\tunion {\n", p->name);
		for (size_t j = 0; j < sizeof(p->m) / sizeof(p->m[0]) && p->m[j].name; j++) {
			const struct proj_member *pm = &p->m[j];
			__u32 bit_off, tid;
			if (find_member(btf, t, pm->name, &bit_off, &tid, 0) != 0) {
				errf(err, errlen, "BTF struct %s has no member %s", p->name,
					pm->name);
				ret = -ENOENT;
				goto out;
			}
			if (bit_off % 8) {
				errf(err, errlen, "BTF member %s.%s is a bit field", p->name,
					pm->name);
				ret = -EINVAL;
				goto out;
			}
			if (pm->size) {
				__s64 sz = btf__resolve_size(btf, tid);
				if (sz != pm->size) {
					errf(err, errlen,
						"BTF member %s.%s has size %lld, expected %d",
						p->name, pm->name, (long long)sz, pm->size);
					ret = -EINVAL;
					goto out;
				}
			}
			sb_printf(&sb, "\t\tstruct { char __pad_%s[%u]; %s; };\n", pm->name,
				  bit_off / 8, pm->decl);
		}
		if (p->with_size)
			sb_printf(&sb, "\t\tchar __size[%u];\n", t->size);
		sb_printf(&sb, "\t};\n};\n");
	}
	sb_printf(&sb, "#define TR_TASK_PID(t) ((t)->thread_pid)\n");
	if (sb.oom) {
		ret = -ENOMEM;
		errf(err, errlen, "out of memory");
		goto out;
	}
	*out = sb.buf;
	sb.buf = NULL;
out:
	free(sb.buf);
	btf__free(btf);
	return ret;
}

/* Mode 0644 whatever the umask: the tree is checked as others' would be. */
static int write_file(const char *dir, const char *rel, const char *text)
{
	char path[4096];
	size_t n = strlen(text);
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0644) != 0 || write(fd, text, n) != (ssize_t)n)
		ret = errno ? -errno : -EIO;
	if (close(fd) != 0 && !ret)
		ret = -errno;
	return ret;
}

static int mkdirs(const char *dir, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return -errno;
	return chmod(path, 0755) == 0 ? 0 : -errno;
}

/* Link every entry of `src` into `dir`/`rel`, except `skip`. */
static int link_dir(const char *dir, const char *rel, const char *src, const char *skip)
{
	char path[4096], target[4096];
	DIR *d = opendir(src);
	struct dirent *de;
	int ret;

	if (!d)
		return -errno;
	ret = mkdirs(dir, rel);
	while (ret == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' || (skip && strcmp(de->d_name, skip) == 0))
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", dir, rel, de->d_name);
		snprintf(target, sizeof(target), "%s/%s", src, de->d_name);
		if (symlink(target, path) != 0 && errno != EEXIST)
			ret = -errno;
	}
	closedir(d);
	return ret;
}

/* Where the C library's uapi headers live (Debian: linux-libc-dev). */
#define UAPI_DIR "/usr/include"
#if defined(__x86_64__)
#define UAPI_ARCH_DIR "/usr/include/x86_64-linux-gnu/asm"
#define KARCH "x86"
#elif defined(__aarch64__)
#define UAPI_ARCH_DIR "/usr/include/aarch64-linux-gnu/asm"
#define KARCH "arm64"
#else
#define UAPI_ARCH_DIR "/usr/include/asm"
#define KARCH "unknown"
#endif

static const char stub_types[] =
	"#ifndef _TRACEE_STUB_LINUX_TYPES_H\n"
	"#define _TRACEE_STUB_LINUX_TYPES_H\n"
	"#include <uapi/linux/types.h>\n"
	"typedef __u8 u8; typedef __s8 s8; typedef __u16 u16; typedef __s16 s16;\n"
	"typedef __u32 u32; typedef __s32 s32; typedef __u64 u64; typedef __s64 s64;\n"
	"typedef unsigned long size_t; typedef long ssize_t; typedef unsigned long uintptr_t;\n"
	"typedef _Bool bool; typedef unsigned short umode_t; typedef int pid_t;\n"
	"#define true 1\n#define false 0\n"
	"#endif\n";

static const char stub_compiler[] =
	"#ifndef __user\n#define __user\n#endif\n"
	"#ifndef __rcu\n#define __rcu\n#endif\n";

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* A tree unused this long is removed: one of another layout version, or
 * of an earlier build of the same release. Not sooner: another tracee (an
 * older or newer version, running now) may be compiling from it. */
#define BTFGEN_PRUNE_AGE_S (7 * 24 * 3600)

/* Trees named `prefix`-KEY (the kernel release, or kheaders-RELEASE)
 * other than `keep` that nobody has used for BTFGEN_PRUNE_AGE_S; every
 * use marks a tree used (its mtime). */
static void prune_stale(const char *cache_root, const char *prefix, const char *keep)
{
	char path[4096];
	size_t pl = strlen(prefix);
	DIR *d = opendir(cache_root);
	struct dirent *de;
	time_t now = time(NULL);

	utimensat(AT_FDCWD, keep, NULL, AT_SYMLINK_NOFOLLOW);
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st;
		if (strncmp(de->d_name, prefix, pl) != 0 || de->d_name[pl] != '-')
			continue;
		snprintf(path, sizeof(path), "%s/%s", cache_root, de->d_name);
		if (strcmp(path, keep) == 0 || lstat(path, &st) != 0 ||
		    now - st.st_mtime < BTFGEN_PRUNE_AGE_S)
			continue;
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(d);
}

static unsigned long hash_str(unsigned long h, const char *s)
{
	for (; *s; s++)
		h = h * 1099511628211ul ^ (unsigned char)*s;
	return h;
}

/*
 * A tree's place in the cache, made ready: PREFIX-KEY, where PREFIX is
 * `kind` and the kernel's release, and KEY a hash of the running kernel
 * (release and build) and of `source` (its size, and `layout`: what the
 * tree's making depends on). Returns 0, or -errno when the source cannot
 * be read or the cache cannot be ours.
 */
static int cache_place(const char *cache_root, const char *source, const char *layout,
		       const char *kind, char *prefix, size_t prefixlen, char *key, size_t keylen,
		       char *tree, size_t treelen, char *err, size_t errlen)
{
	struct utsname u;
	struct stat st;
	char buf[256];
	unsigned long h = 14695981039346656037ul;

	if (uname(&u) != 0 || stat(source, &st) != 0) {
		errf(err, errlen, "cannot read %s: %s", source, strerror(errno));
		return -errno;
	}
	h = hash_str(h, u.release);
	h = hash_str(h, u.version);
	snprintf(buf, sizeof(buf), "%lld%s", (long long)st.st_size, layout);
	h = hash_str(h, buf);
	snprintf(key, keylen, "%016lx", h);
	snprintf(prefix, prefixlen, "%s%s", kind, u.release);
	snprintf(tree, treelen, "%s/%s-%s", cache_root, prefix, key);
	return trust__private_dir(cache_root, true, err, errlen);
}

/* A private directory in the cache to build a tree in, renamed into place
 * when complete: concurrent tracees never see a half-written tree. */
static int build_dir(const char *cache_root, const char *key, char *tmp, size_t tmplen,
		     char *err, size_t errlen)
{
	snprintf(tmp, tmplen, "%s/.tmp-%s-XXXXXX", cache_root, key);
	if (!mkdtemp(tmp)) {
		int e = errno;
		errf(err, errlen, "cannot create a directory in %s: %s", cache_root, strerror(e));
		return -e;
	}
	chmod(tmp, 0755);
	return 0;
}

/* The tree built in `tmp`, moved into place: 0, or 1 when another tracee
 * won the race (its tree serves), or -errno; `tmp` is removed unless it
 * moved. */
static int move_into_place(char *tmp, const char *tree, char *err, size_t errlen)
{
	int ret = 0;

	if (rename(tmp, tree) != 0) {
		ret = errno == EEXIST || errno == ENOTEMPTY ? 1 : -errno;
		if (ret < 0)
			errf(err, errlen, "cannot move the header tree to %s: %s", tree,
			     strerror(-ret));
		nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	return ret;
}

int btfgen__tree(const char *cache_root, const char *btf_path, unsigned kver, char *tree,
		 size_t treelen, char *err, size_t errlen)
{
	char prefix[200], key[64], tmp[4096], buf[256], *proj = NULL;
	int ret;

	snprintf(buf, sizeof(buf), "/%d", BTFGEN_LAYOUT);
	if ((ret = cache_place(cache_root, btf_path, buf, "", prefix, sizeof(prefix), key,
			       sizeof(key), tree, treelen, err, errlen)) < 0)
		return ret;
	snprintf(tmp, sizeof(tmp), "%s/include/tracee/kernel_types.h", tree);
	if (access(tmp, R_OK) == 0) {
		prune_stale(cache_root, prefix, tree);
		return 1;
	}

	ret = btfgen__projections(btf_path, &proj, err, errlen);
	if (ret < 0)
		return ret;
	if ((ret = build_dir(cache_root, key, tmp, sizeof(tmp), err, errlen)) < 0)
		goto out;
	if ((ret = link_dir(tmp, "include/uapi/linux", UAPI_DIR "/linux", "bpf.h")) ||
	    (ret = link_dir(tmp, "include/uapi/asm-generic", UAPI_DIR "/asm-generic", NULL)) ||
	    (ret = link_dir(tmp, "arch/" KARCH "/include/uapi/asm", UAPI_ARCH_DIR, NULL)) ||
	    (ret = mkdirs(tmp, "include/generated/uapi")) ||
	    (ret = mkdirs(tmp, "arch/" KARCH "/include/generated/uapi")) ||
	    (ret = mkdirs(tmp, "include/asm")) || (ret = mkdirs(tmp, "include/tracee")) ||
	    (ret = mkdirs(tmp, "include/linux"))) {
		errf(err, errlen,
			"cannot lay out kernel uapi headers from " UAPI_DIR
			" (%s); install linux-libc-dev",
			strerror(-ret));
		goto out_rm;
	}
	snprintf(buf, sizeof(buf),
		 "#define LINUX_VERSION_CODE %u\n"
		 "#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))\n",
		 kver);
	if ((ret = write_file(tmp, "include/uapi/linux/bpf.h", "/* libbcc brings its own */\n")) ||
	    (ret = write_file(tmp, "include/linux/kconfig.h", "#define CONFIG_BPF_SYSCALL 1\n")) ||
	    (ret = write_file(tmp, "include/linux/types.h", stub_types)) ||
	    (ret = write_file(tmp, "include/linux/version.h", buf)) ||
	    (ret = write_file(tmp, "include/linux/log2.h", "")) ||
	    (ret = write_file(tmp, "include/linux/compiler.h", stub_compiler)) ||
	    (ret = write_file(tmp, "include/linux/sched.h", "#define TASK_COMM_LEN 16\n")) ||
	    (ret = write_file(tmp, "include/asm/page.h", "#define PAGE_SIZE 4096\n")) ||
	    (ret = write_file(tmp, "include/tracee/kernel_types.h", proj))) {
		errf(err, errlen, "cannot write the header tree in %s: %s", tmp,
			strerror(-ret));
		goto out_rm;
	}
	if ((ret = move_into_place(tmp, tree, err, errlen)) == 0)
		prune_stale(cache_root, prefix, tree);
	goto out;
out_rm:
	nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
out:
	free(proj);
	return ret;
}

/* tar, from the system's own directories, in a clean environment; files
 * owned by us, modes without group or other write. */
static int untar(const char *archive, const char *dir, char *err, size_t errlen)
{
	static const char *const tars[] = { "/usr/bin/tar", "/bin/tar" };
	char *const envp[] = { "PATH=/usr/bin:/bin", "LC_ALL=C", NULL };
	const char *argv[] = { "tar", "--no-same-owner", "--no-same-permissions", "-xJf",
			       archive, "-C", dir, NULL };
	const char *tar = access(tars[0], X_OK) == 0 ? tars[0] : tars[1];
	mode_t old = umask(022);
	pid_t pid;
	int status, e;

	e = posix_spawn(&pid, tar, NULL, NULL, (char *const *)argv, envp);
	umask(old);
	if (e) {
		errf(err, errlen, "cannot run %s to unpack %s: %s", tar, archive, strerror(e));
		return -e;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errf(err, errlen, "cannot unpack %s: %s failed (status %d)", archive, tar, status);
		return -EIO;
	}
	return 0;
}

int btfgen__kheaders(const char *cache_root, const char *archive, char *tree, size_t treelen,
		     char *err, size_t errlen)
{
	char prefix[200], key[64], tmp[4096];
	int ret;

	if ((ret = cache_place(cache_root, archive, "", "kheaders-", prefix, sizeof(prefix), key,
			       sizeof(key), tree, treelen, err, errlen)) < 0)
		return ret;
	snprintf(tmp, sizeof(tmp), "%s/include/linux/kconfig.h", tree);
	if (access(tmp, R_OK) == 0) {
		prune_stale(cache_root, prefix, tree);
		return 1;
	}
	if ((ret = build_dir(cache_root, key, tmp, sizeof(tmp), err, errlen)) < 0)
		return ret;
	if ((ret = untar(archive, tmp, err, errlen)) < 0) {
		nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		return ret;
	}
	if ((ret = move_into_place(tmp, tree, err, errlen)) == 0)
		prune_stale(cache_root, prefix, tree);
	return ret;
}
