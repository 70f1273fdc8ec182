/* The compiled-program cache's file and key, without BPF: an entry
 * written and read back whole; every corruption refused (a byte changed
 * anywhere, cut short, grown, another key, a table reference that would
 * load a stray fd); the key of another kernel, text or build differs; the
 * cache directory's entries read, discarded when not good, and pruned by
 * age and count. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include <cmocka.h>

#include "progcache.h"

static char tmp[256], why[1024], err[4096], note[1024];

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int setup_tmp(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/tracee-test-progcache-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
	(void)state;
	return nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static struct bpf_insn insn(__u8 code, __u8 dst, __u8 src, __s16 off, __s32 imm)
{
	struct bpf_insn in;
	memset(&in, 0, sizeof(in));
	in.code = code;
	in.dst_reg = dst & 0xf;
	in.src_reg = src & 0xf;
	in.off = off;
	in.imm = imm;
	return in;
}

#define LD_IMM64 (BPF_LD | BPF_IMM | BPF_DW)

/* Two maps, two programs: the first loads map 1's fd then map 0's, the
 * second map 0's; as progcache__from_module leaves them (immediates 0). */
static void make_entry(struct progcache_entry *e)
{
	memset(e, 0, sizeof(*e));
	snprintf(e->license, sizeof(e->license), "GPL");
	e->kern_version = 0x061200;
	e->ntables = 2;
	e->tables = calloc(2, sizeof(*e->tables));
	snprintf(e->tables[0].name, sizeof(e->tables[0].name), "events");
	e->tables[0] = (struct progcache_table){ "events", BPF_MAP_TYPE_RINGBUF, 0, 0, 1 << 24, 0 };
	e->tables[1] = (struct progcache_table){ "traced", BPF_MAP_TYPE_HASH, 4, 1, 32768,
						 BPF_F_NO_PREALLOC };
	e->nfuncs = 2;
	e->funcs = calloc(2, sizeof(*e->funcs));
	snprintf(e->funcs[0].name, sizeof(e->funcs[0].name), "tr_sys_exit");
	e->funcs[0].ninsns = 6;
	e->funcs[0].insns = calloc(6, sizeof(struct bpf_insn));
	e->funcs[0].insns[0] = insn(LD_IMM64, 1, BPF_PSEUDO_MAP_FD, 0, 0);
	e->funcs[0].insns[1] = insn(0, 0, 0, 0, 0);
	e->funcs[0].insns[2] = insn(LD_IMM64, 2, BPF_PSEUDO_MAP_FD, 0, 0);
	e->funcs[0].insns[3] = insn(0, 0, 0, 0, 0);
	e->funcs[0].insns[4] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
	e->funcs[0].insns[5] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	snprintf(e->funcs[1].name, sizeof(e->funcs[1].name), "tr_emit_1");
	e->funcs[1].ninsns = 4;
	e->funcs[1].insns = calloc(4, sizeof(struct bpf_insn));
	e->funcs[1].insns[0] = insn(LD_IMM64, 1, BPF_PSEUDO_MAP_FD, 0, 0);
	e->funcs[1].insns[1] = insn(0, 0, 0, 0, 0);
	e->funcs[1].insns[2] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
	e->funcs[1].insns[3] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	e->nrelocs = 3;
	e->relocs = calloc(3, sizeof(*e->relocs));
	e->relocs[0] = (struct progcache_reloc){ 0, 0, 1 };
	e->relocs[1] = (struct progcache_reloc){ 0, 2, 0 };
	e->relocs[2] = (struct progcache_reloc){ 1, 0, 0 };
	e->output = strdup("warning: a warning\n");
	e->output_len = strlen(e->output);
	e->nlibs = 1;
	snprintf(e->libs[0].path, sizeof(e->libs[0].path), "/nonexistent/libbcc.so.0");
}

static void make_key(struct strbuf *key, const char *release, const char *text)
{
	struct progcache_ident id;

	memset(&id, 0, sizeof(id));
	snprintf(id.tracee, sizeof(id.tracee), "0.1.0 build 00ff");
	snprintf(id.libbcc, sizeof(id.libbcc), "0.26.0");
	snprintf(id.kernel, sizeof(id.kernel), "%s #1 SMP x86_64", release);
	id.ncpus = 2;
	snprintf(id.btf, sizeof(id.btf), "0123456789abcdef");
	snprintf(id.headers, sizeof(id.headers), "btf /var/cache/tracee/x 0000");
	sb_reset(key);
	progcache__key(key, &id, text);
}

static void test_round_trip(void **state)
{
	struct progcache_entry e, d;
	struct strbuf key = { 0 };
	void *buf;
	size_t len;
	(void)state;

	make_entry(&e);
	make_key(&key, "6.18.0", "int tr_sys_exit(void *ctx) { return 0; }\n");
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), 0);
	assert_string_equal(d.license, "GPL");
	assert_int_equal(d.kern_version, 0x061200);
	assert_int_equal(d.ntables, 2);
	assert_string_equal(d.tables[1].name, "traced");
	assert_int_equal(d.tables[1].flags, BPF_F_NO_PREALLOC);
	assert_int_equal(d.tables[1].max_entries, 32768);
	assert_int_equal(d.tables[0].type, BPF_MAP_TYPE_RINGBUF);
	assert_int_equal(d.nfuncs, 2);
	assert_int_equal(progcache__func(&d, "tr_emit_1"), 1);
	assert_int_equal(progcache__func(&d, "tr_nothing"), -1);
	assert_int_equal(progcache__table(&d, "events"), 0);
	assert_int_equal(d.funcs[0].ninsns, 6);
	assert_memory_equal(d.funcs[0].insns, e.funcs[0].insns, 6 * sizeof(struct bpf_insn));
	assert_int_equal(d.nrelocs, 3);
	assert_int_equal(d.relocs[0].table, 1);
	assert_string_equal(d.output, "warning: a warning\n");
	assert_int_equal(d.nlibs, 1);
	assert_string_equal(d.libs[0].path, "/nonexistent/libbcc.so.0");
	progcache__free(&d);
	progcache__free(&e);
	free(buf);
	sb_free(&key);
}

/* Every byte of the file changed, one at a time, and every length it
 * could be cut to: never decoded. */
static void test_corruption(void **state)
{
	struct progcache_entry e, d;
	struct strbuf key = { 0 };
	unsigned char *buf, *copy;
	size_t len;
	(void)state;

	make_entry(&e);
	make_key(&key, "6.18.0", "text");
	assert_int_equal(progcache__encode(&e, &key, (void **)&buf, &len), 0);
	copy = malloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		memcpy(copy, buf, len);
		copy[i] ^= 0x20;
		assert_true(progcache__decode(copy, len, &key, &d, why, sizeof(why)) < 0);
	}
	for (size_t n = 0; n < len; n++)
		assert_true(progcache__decode(buf, n, &key, &d, why, sizeof(why)) < 0);
	memcpy(copy, buf, len);
	copy[len] = 0;
	assert_int_equal(progcache__decode(copy, len + 1, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "its size is not the one it was written with");
	memcpy(copy, buf, len);
	copy[len - 1] ^= 1;
	assert_int_equal(progcache__decode(copy, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "its checksum does not match");
	/* a file for another key (its name's hash collided): not used */
	make_key(&key, "6.18.1", "text");
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -ESTALE);
	free(copy);
	free(buf);
	progcache__free(&e);
	sb_free(&key);
}

/* Entries whose checksum is right but whose table references are not:
 * each would load a program with an fd nobody chose. */
static void test_references_checked(void **state)
{
	struct progcache_entry e, d;
	struct strbuf key = { 0 };
	void *buf;
	size_t len;
	(void)state;

	make_key(&key, "6.18.0", "text");
	/* a map load the list misses */
	make_entry(&e);
	e.nrelocs = 2;
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "table references and their list disagree");
	free(buf);
	progcache__free(&e);
	/* a reference at an instruction that loads nothing */
	make_entry(&e);
	e.relocs[2].insn = 2;
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "a reference at an instruction that loads no table");
	free(buf);
	progcache__free(&e);
	/* a fd left in the instruction */
	make_entry(&e);
	e.funcs[1].insns[0].imm = 7;
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	free(buf);
	progcache__free(&e);
	/* a table that is not there */
	make_entry(&e);
	e.relocs[2].table = 2;
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "a reference to no function or no table");
	free(buf);
	progcache__free(&e);
	/* one reference listed twice, another not at all */
	make_entry(&e);
	e.relocs[1] = e.relocs[0];
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "table references listed out of order");
	free(buf);
	progcache__free(&e);
	/* a reference to a map's value (global data), never kept */
	make_entry(&e);
	e.funcs[0].insns[4] = insn(LD_IMM64, 3, BPF_PSEUDO_MAP_VALUE, 0, 0);
	e.funcs[0].insns[5] = insn(0, 0, 0, 0, 0);
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	assert_string_equal(why, "a reference of a kind never kept");
	free(buf);
	progcache__free(&e);
	/* two functions of one name */
	make_entry(&e);
	snprintf(e.funcs[1].name, sizeof(e.funcs[1].name), "tr_sys_exit");
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	assert_int_equal(progcache__decode(buf, len, &key, &d, why, sizeof(why)), -EBADMSG);
	free(buf);
	progcache__free(&e);
	sb_free(&key);
}

/* The key holds everything the result depends on: a host's entry is never
 * another kernel's (the VM tests boot other kernels over this root). */
static void test_key(void **state)
{
	struct strbuf a = { 0 }, b = { 0 };
	char pa[512], pb[512];
	(void)state;

	make_key(&a, "6.18.0", "text");
	make_key(&b, "6.18.0", "text");
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.buf, b.buf, a.len);
	progcache__path("/var/cache/tracee", "6.18.0", &a, pa, sizeof(pa));
	progcache__path("/var/cache/tracee", "6.18.0", &b, pb, sizeof(pb));
	assert_string_equal(pa, pb);
	assert_true(strncmp(pa, "/var/cache/tracee/progs/6.18.0-", 31) == 0);
	assert_int_equal(strlen(pa), 31 + 16);
	make_key(&b, "5.10.0-32-cloud-amd64", "text"); /* another kernel */
	progcache__path("/var/cache/tracee", "5.10.0-32-cloud-amd64", &b, pb, sizeof(pb));
	assert_string_not_equal(pa, pb);
	make_key(&b, "6.18.0", "text "); /* the text: options, offsets */
	progcache__path("/var/cache/tracee", "6.18.0", &b, pb, sizeof(pb));
	assert_string_not_equal(pa, pb);
	/* a release is a file name, whatever it holds */
	progcache__path("/c", "6.1/../x", &a, pb, sizeof(pb));
	assert_true(strncmp(pb, "/c/progs/6.1_.._x-", 18) == 0);
	sb_free(&a);
	sb_free(&b);
}

/* Each part of what the programs depend on changes the key, and so the
 * entry's name: tracee's build, libbcc's version, the kernel's build,
 * its CPUs, its BTF, the header tree, the environment libbcc reads. */
static void test_key_identity(void **state)
{
	struct progcache_ident base, id;
	struct strbuf a = { 0 }, b = { 0 };
	char pa[512], pb[512];
	(void)state;

	memset(&base, 0, sizeof(base));
	snprintf(base.tracee, sizeof(base.tracee), "0.1.0 build 00ff");
	snprintf(base.libbcc, sizeof(base.libbcc), "0.26.0");
	snprintf(base.kernel, sizeof(base.kernel), "6.18.0 #1 SMP x86_64");
	base.ncpus = 2;
	snprintf(base.btf, sizeof(base.btf), "0123456789abcdef");
	snprintf(base.headers, sizeof(base.headers), "btf /var/cache/tracee/x 0000");
	progcache__key(&a, &base, "text");
	progcache__path("/c", "6.18.0", &a, pa, sizeof(pa));
	snprintf(base.env, sizeof(base.env), "BCC_LINUX_VERSION_CODE=- BCC_KERNEL_SOURCE=-");
	for (int part = 0; part < 7; part++) {
		id = base;
		switch (part) {
		case 0: snprintf(id.tracee, sizeof(id.tracee), "0.1.0 build 01ff"); break;
		case 1: snprintf(id.libbcc, sizeof(id.libbcc), "0.29.1"); break;
		case 2: snprintf(id.kernel, sizeof(id.kernel), "6.18.0 #2 SMP x86_64"); break;
		case 3: id.ncpus = 4; break;
		case 4: snprintf(id.btf, sizeof(id.btf), "1123456789abcdef"); break;
		case 5: snprintf(id.headers, sizeof(id.headers), "btf /var/cache/tracee/x 0001"); break;
		default: snprintf(id.env, sizeof(id.env), "BCC_LINUX_VERSION_CODE=1 BCC_KERNEL_SOURCE=-");
		}
		sb_reset(&b);
		progcache__key(&b, &id, "text");
		progcache__path("/c", "6.18.0", &b, pb, sizeof(pb));
		if (strcmp(pa, pb) == 0)
			fail_msg("part %d of the identity leaves the key as it was", part);
	}
	sb_free(&a);
	sb_free(&b);
}

static void write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* In the directory: read back whole; a corrupt or foreign file is
 * discarded (removed, and said); a library changed since is stale. */
static void test_read_write(void **state)
{
	struct progcache_entry e, d;
	struct strbuf key = { 0 };
	char cache[300], path[512];
	struct stat st;
	void *buf;
	size_t len;
	(void)state;

	snprintf(cache, sizeof(cache), "%s/cache", tmp);
	make_key(&key, "6.18.0", "text");
	progcache__path(cache, "6.18.0", &key, path, sizeof(path));
	/* nothing yet: the directories are made, 0700 */
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 0);
	assert_int_equal(stat(cache, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);
	make_entry(&e);
	e.nlibs = 0;
	assert_int_equal(progcache__write(cache, path, &key, &e, err, sizeof(err)), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 1);
	assert_int_equal(d.nfuncs, 2);
	progcache__free(&d);
	/* corrupt: discarded and said */
	assert_int_equal(progcache__encode(&e, &key, &buf, &len), 0);
	((char *)buf)[len / 2] ^= 1;
	write_file(path, buf, len, 0600);
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 0);
	assert_non_null(strstr(note, "were discarded: its checksum does not match"));
	assert_int_equal(access(path, F_OK), -1);
	/* a file others may write: not ours, discarded */
	((char *)buf)[len / 2] ^= 1;
	write_file(path, buf, len, 0620);
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 0);
	assert_non_null(strstr(note, "were discarded: not a file of tracee's own"));
	assert_int_equal(access(path, F_OK), -1);
	free(buf);
	/* compiled by a libbcc that has changed since: stale */
	e.nlibs = 1;
	snprintf(e.libs[0].path, sizeof(e.libs[0].path), "%s/libbcc.so.0", tmp);
	write_file(e.libs[0].path, "old", 3, 0644);
	assert_int_equal(stat(e.libs[0].path, &st), 0);
	e.libs[0].dev = st.st_dev;
	e.libs[0].ino = st.st_ino;
	e.libs[0].size = (uint64_t)st.st_size;
	e.libs[0].mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull +
			     (uint64_t)st.st_mtim.tv_nsec;
	assert_int_equal(progcache__write(cache, path, &key, &e, err, sizeof(err)), 0);
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 1);
	progcache__free(&d);
	write_file(e.libs[0].path, "newer", 5, 0644);
	assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
					 sizeof(err)), 0);
	assert_non_null(strstr(note, "were discarded: compiled by another build of"));
	/* written whole beside it, then renamed into place: one who opened
	 * the entry before still reads all of what was there, and nothing
	 * but the entry is left in the directory */
	{
		char dir[400], old[64], got[64];
		struct dirent *de;
		DIR *dp;
		int fd, n = 0;

		e.nlibs = 0;
		assert_int_equal(progcache__write(cache, path, &key, &e, err, sizeof(err)), 0);
		fd = open(path, O_RDONLY);
		assert_true(fd >= 0);
		assert_int_equal(read(fd, old, sizeof(old)), (ssize_t)sizeof(old));
		assert_int_equal(progcache__write(cache, path, &key, &e, err, sizeof(err)), 0);
		assert_int_equal(pread(fd, got, sizeof(got), 0), (ssize_t)sizeof(got));
		assert_memory_equal(got, old, sizeof(old));
		assert_int_equal(fstat(fd, &st), 0);
		assert_int_equal(st.st_nlink, 0); /* replaced, not rewritten */
		close(fd);
		snprintf(dir, sizeof(dir), "%s/progs", cache);
		assert_non_null(dp = opendir(dir));
		while ((de = readdir(dp)))
			n += de->d_name[0] != '.';
		closedir(dp);
		assert_int_equal(n, 1);
		assert_int_equal(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
						 sizeof(err)), 1);
		progcache__free(&d);
	}
	/* a cache others may write is refused */
	assert_int_equal(chmod(cache, 0777), 0);
	assert_true(progcache__read(cache, path, &key, &d, note, sizeof(note), err,
				    sizeof(err)) < 0);
	assert_non_null(strstr(err, "refusing cache directory"));
	assert_non_null(strstr(err, "(mode 0777)"));
	assert_true(progcache__write(cache, path, &key, &e, err, sizeof(err)) < 0);
	progcache__free(&e);
	sb_free(&key);
}

static void touch_at(const char *dir, const char *name, time_t when)
{
	char p[600];
	struct timeval tv[2] = { { when, 0 }, { when, 0 } };
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	write_file(p, "x", 1, 0600);
	assert_int_equal(utimes(p, tv), 0);
}

static bool exists(const char *dir, const char *name)
{
	char p[600];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return access(p, F_OK) == 0;
}

static void test_prune(void **state)
{
	time_t now = 1700000000;
	char keep[600];
	(void)state;

	touch_at(tmp, "old", now - 8 * 24 * 3600);	/* unused for over a week */
	touch_at(tmp, "a", now - 3000);
	touch_at(tmp, "b", now - 2000);
	touch_at(tmp, "c", now - 1000);
	touch_at(tmp, "kept", now - 9 * 24 * 3600);	/* the one just used */
	touch_at(tmp, ".tmp-dead", now - 7200);		/* its writer died */
	touch_at(tmp, ".tmp-live", now - 10);		/* being written */
	snprintf(keep, sizeof(keep), "%s/kept", tmp);
	/* at most 3 entries, `kept` among them: c and b stay */
	progcache__prune(tmp, keep, now, 7 * 24 * 3600, 3);
	assert_false(exists(tmp, "old"));
	assert_false(exists(tmp, "a"));
	assert_true(exists(tmp, "b"));
	assert_true(exists(tmp, "c"));
	assert_true(exists(tmp, "kept"));
	assert_false(exists(tmp, ".tmp-dead"));
	assert_true(exists(tmp, ".tmp-live"));
}

/* A tree's hash covers its files' bytes and its links' targets. */
static void test_tree_hash(void **state)
{
	char a[32], b[32], p[600];
	(void)state;

	snprintf(p, sizeof(p), "%s/include", tmp);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/include/kconfig.h", tmp);
	write_file(p, "#define X 1\n", 12, 0644);
	snprintf(p, sizeof(p), "%s/include/link.h", tmp);
	assert_int_equal(symlink("/usr/include/stdio.h", p), 0);
	progcache__tree_hash(tmp, a, sizeof(a));
	progcache__tree_hash(tmp, b, sizeof(b));
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 16);
	snprintf(p, sizeof(p), "%s/include/kconfig.h", tmp);
	write_file(p, "#define X 2\n", 12, 0644);
	progcache__tree_hash(tmp, b, sizeof(b));
	assert_string_not_equal(a, b);
	write_file(p, "#define X 1\n", 12, 0644);
	snprintf(p, sizeof(p), "%s/include/link.h", tmp);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(symlink("/usr/include/stdlib.h", p), 0);
	progcache__tree_hash(tmp, b, sizeof(b));
	assert_string_not_equal(a, b);
	progcache__tree_hash("/nonexistent-tree", b, sizeof(b));
	assert_string_equal(b, "none");
}

static void test_tracee_ident(void **state)
{
	char a[128];
	(void)state;

	progcache__tracee_ident(a, sizeof(a), "0.1.0");
	/* this test program's own build */
	assert_true(strncmp(a, "0.1.0 build ", 12) == 0 || strncmp(a, "0.1.0 exe ", 10) == 0);
	assert_true(strlen(a) > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_corruption),
		cmocka_unit_test(test_references_checked),
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_key_identity),
		cmocka_unit_test_setup_teardown(test_read_write, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_prune, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_tree_hash, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_tracee_ident),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
