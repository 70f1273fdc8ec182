// SPDX-License-Identifier: GPL-2.0
/*
 * progcache.c - compiled programs as data, kept for the next start (see
 * progcache.h).
 */
#define _GNU_SOURCE
#include "progcache.h"
#include "trust.h"

#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a 64-bit hash, fed in pieces of any size (the same bytes give the
 * same hash however they arrive: sysfs hands out files in pieces) */

struct hash {
	uint64_t h, carry, len;
};

#define HASH_MUL 0x9e3779b97f4a7c15ull

static void hash_word(struct hash *s, uint64_t w)
{
	s->h = (s->h ^ w) * HASH_MUL;
	s->h ^= s->h >> 29;
}

static void hash_init(struct hash *s)
{
	s->h = 0xcbf29ce484222325ull;
	s->carry = 0;
	s->len = 0;
}

static void hash_feed(struct hash *s, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n && (s->len & 7)) { /* finish the word a piece left open */
		s->carry |= (uint64_t)*b++ << (8 * (s->len & 7));
		s->len++;
		n--;
		if (!(s->len & 7)) {
			hash_word(s, s->carry);
			s->carry = 0;
		}
	}
	for (; n >= 8; n -= 8, b += 8, s->len += 8) {
		uint64_t w;
		memcpy(&w, b, 8);
		hash_word(s, w);
	}
	for (; n; n--, s->len++)
		s->carry |= (uint64_t)*b++ << (8 * (s->len & 7));
}

static uint64_t hash_done(const struct hash *s)
{
	uint64_t h = s->h;

	h = (h ^ s->carry ^ (s->len << 56)) * HASH_MUL;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return h;
}

static uint64_t hash_bytes(const void *p, size_t n)
{
	struct hash s;

	hash_init(&s);
	hash_feed(&s, p, n);
	return hash_done(&s);
}

/* ---- the entry */

void progcache__free(struct progcache_entry *e)
{
	if (e->funcs)
		for (uint32_t i = 0; i < e->nfuncs; i++)
			free(e->funcs[i].insns);
	free(e->tables);
	free(e->funcs);
	free(e->relocs);
	free(e->output);
	memset(e, 0, sizeof(*e));
}

int progcache__func(const struct progcache_entry *e, const char *name)
{
	for (uint32_t i = 0; i < e->nfuncs; i++)
		if (strcmp(e->funcs[i].name, name) == 0)
			return (int)i;
	return -1;
}

int progcache__table(const struct progcache_entry *e, const char *name)
{
	for (uint32_t i = 0; i < e->ntables; i++)
		if (strcmp(e->tables[i].name, name) == 0)
			return (int)i;
	return -1;
}

static bool is_ld_imm64(const struct bpf_insn *in)
{
	return in->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static void lib_identity(const char *path, struct progcache_lib *l)
{
	struct stat st;

	memset(l, 0, sizeof(*l));
	snprintf(l->path, sizeof(l->path), "%s", path);
	if (stat(path, &st) != 0)
		return;
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	l->size = (uint64_t)st.st_size;
	l->mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec;
}

/* Add a reference of func `f`'s instruction `i` to the table whose fd is
 * `fd` (fds[] by table); its immediate is cleared. */
static int add_reloc(struct progcache_entry *e, const int *fds, uint32_t f, uint32_t i, int fd,
		     uint32_t *cap)
{
	uint32_t t;

	for (t = 0; t < e->ntables && fds[t] != fd; t++)
		;
	if (t == e->ntables)
		return -ENOENT;
	if (e->nrelocs == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 256;
		struct progcache_reloc *r = realloc(e->relocs, ncap * sizeof(*r));
		if (!r)
			return -ENOMEM;
		e->relocs = r;
		*cap = ncap;
	}
	e->relocs[e->nrelocs++] = (struct progcache_reloc){ f, i, t };
	e->funcs[f].insns[i].imm = 0;
	return 0;
}

int progcache__from_module(const struct libbcc *b, void *mod, const char *output,
			   size_t output_len, struct progcache_entry *e, char *err, size_t errlen)
{
	int fds[PROGCACHE_MAX_TABLES];
	const char *license = b->module_license(mod);
	size_t ntables = b->num_tables(mod), nfuncs = b->num_functions(mod);
	uint32_t cap = 0;
	int ret = -ENOMEM;

	memset(e, 0, sizeof(*e));
	if (!license || strlen(license) >= sizeof(e->license) || ntables > PROGCACHE_MAX_TABLES ||
	    nfuncs > PROGCACHE_MAX_FUNCS) {
		errf(err, errlen, "internal error: libbcc's module has %s", !license ? "no license"
			: ntables > PROGCACHE_MAX_TABLES ? "too many tables" : "too many functions");
		return -E2BIG;
	}
	snprintf(e->license, sizeof(e->license), "%s", license);
	e->kern_version = b->module_kern_version(mod);
	e->tables = calloc(ntables ? ntables : 1, sizeof(*e->tables));
	e->funcs = calloc(nfuncs ? nfuncs : 1, sizeof(*e->funcs));
	e->output = malloc(output_len + 1);
	if (!e->tables || !e->funcs || !e->output)
		goto oom;
	memcpy(e->output, output ? output : "", output_len);
	e->output[output_len] = '\0';
	e->output_len = output_len;
	for (size_t t = 0; t < ntables; t++, e->ntables++) {
		struct progcache_table *pt = &e->tables[t];
		const char *name = b->table_name(mod, t);
		if (!name || !*name || strlen(name) >= sizeof(pt->name)) {
			errf(err, errlen, "internal error: libbcc's table %zu has no usable name", t);
			ret = -EINVAL;
			goto fail;
		}
		snprintf(pt->name, sizeof(pt->name), "%s", name);
		pt->type = (uint32_t)b->table_type_id(mod, t);
		pt->key_size = (uint32_t)b->table_key_size_id(mod, t);
		pt->value_size = (uint32_t)b->table_leaf_size_id(mod, t);
		pt->max_entries = (uint32_t)b->table_max_entries_id(mod, t);
		pt->flags = (uint32_t)b->table_flags_id(mod, t);
		fds[t] = b->table_fd_id(mod, t);
	}
	for (size_t f = 0; f < nfuncs; f++, e->nfuncs++) {
		struct progcache_func *pf = &e->funcs[f];
		const char *name = b->function_name(mod, f);
		const void *start = b->function_start_id(mod, f);
		size_t size = b->function_size_id(mod, f);

		if (!name || !*name || strlen(name) >= sizeof(pf->name) || !start || !size ||
		    size % sizeof(struct bpf_insn) || size / sizeof(struct bpf_insn) > PROGCACHE_MAX_INSNS) {
			errf(err, errlen, "internal error: libbcc's function %zu (%s) cannot be kept",
			     f, name ? name : "no name");
			ret = -EINVAL;
			goto fail;
		}
		snprintf(pf->name, sizeof(pf->name), "%s", name);
		pf->ninsns = (uint32_t)(size / sizeof(struct bpf_insn));
		if (!(pf->insns = malloc(size)))
			goto oom;
		memcpy(pf->insns, start, size);
		for (uint32_t i = 0; i < pf->ninsns; i++) {
			struct bpf_insn *in = &pf->insns[i];
			if (!is_ld_imm64(in))
				continue;
			if (in->src_reg == BPF_PSEUDO_MAP_FD && i + 1 < pf->ninsns)
				ret = add_reloc(e, fds, (uint32_t)f, i, in->imm, &cap);
			else if (in->src_reg != 0)
				ret = -EINVAL; /* a reference of a kind not kept */
			else
				ret = 0;
			if (ret == -ENOMEM)
				goto oom;
			if (ret < 0) {
				errf(err, errlen, "internal error: %s's instruction %u refers to "
					     "something libbcc did not list (kind %d, value %d)",
				     name, i, in->src_reg, in->imm);
				goto fail;
			}
			i++; /* the second half of the 16-byte load */
		}
	}
	for (int i = 0; i < b->npaths && i < PROGCACHE_MAX_LIBS; i++)
		lib_identity(b->paths[i], &e->libs[e->nlibs++]);
	return 0;
oom:
	errf(err, errlen, "out of memory");
	ret = -ENOMEM;
fail:
	progcache__free(e);
	return ret;
}

/* ---- the key */

void progcache__key(struct strbuf *key, const struct progcache_ident *id, const char *text)
{
	sb_printf(key,
		  "tracee %s\nlibbcc %s\nkernel %s\ncpus %d\nbtf %s\nheaders %s\nenv %s\n"
		  "text %zu\n",
		  id->tracee, id->libbcc, id->kernel, id->ncpus, id->btf, id->headers, id->env,
		  strlen(text));
	sb_puts(key, text);
}

struct note_scan {
	char hex[2 * 64 + 1];
};

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	struct note_scan *ns = data;

	(void)size;
	/* the first object is the program itself */
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const unsigned char *p, *end;

		if (ph->p_type != PT_NOTE)
			continue;
		p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
			const unsigned char *name = p + sizeof(*nh);
			const unsigned char *desc = name + ((nh->n_namesz + 3) & ~3u);
			const unsigned char *next = desc + ((nh->n_descsz + 3) & ~3u);
			if (next > end)
				break;
			if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0 && nh->n_descsz <= 64) {
				for (unsigned k = 0; k < nh->n_descsz; k++)
					snprintf(ns->hex + 2 * k, 3, "%02x", desc[k]);
				return 1;
			}
			p = next;
		}
	}
	return 1; /* only the program */
}

void progcache__tracee_ident(char *out, size_t len, const char *version)
{
	struct note_scan ns = { "" };
	char exe[32];

	dl_iterate_phdr(find_build_id, &ns);
	if (!ns.hex[0]) { /* built without one: the executable's bytes */
		progcache__file_hash("/proc/self/exe", exe, sizeof(exe));
		snprintf(out, len, "%s exe %s", version, exe);
		return;
	}
	snprintf(out, len, "%s build %s", version, ns.hex);
}

void progcache__file_hash(const char *path, char *out, size_t len)
{
	char buf[65536];
	struct hash s;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(out, len, "none");
		return;
	}
	hash_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		hash_feed(&s, buf, (size_t)n);
	close(fd);
	if (n < 0)
		snprintf(out, len, "none");
	else
		snprintf(out, len, "%016llx", (unsigned long long)hash_done(&s));
}

/* The sum of each entry's hash (so that the order of readdir does not
 * matter): its path below the root, and its bytes or its link's target. */
static uint64_t tree_sum(int dfd, const char *rel, int depth)
{
	char path[4096], target[4096], buf[16384];
	uint64_t sum = 0;
	struct dirent *de;
	DIR *d;

	if (depth > 8 || !(d = fdopendir(dfd))) {
		close(dfd);
		return 0;
	}
	while ((de = readdir(d))) {
		struct hash s;
		ssize_t n;
		int fd, type;

		if (de->d_name[0] == '.' &&
		    (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		snprintf(path, sizeof(path), "%s/%s", rel, de->d_name);
		hash_init(&s);
		hash_feed(&s, path, strlen(path) + 1);
		type = de->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			type = fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? DT_REG
			       : S_ISLNK(st.st_mode)					 ? DT_LNK
			       : S_ISDIR(st.st_mode)					 ? DT_DIR
											 : DT_REG;
		}
		switch (type) {
		case DT_LNK:
			n = readlinkat(dirfd(d), de->d_name, target, sizeof(target));
			hash_feed(&s, "L", 1);
			if (n > 0)
				hash_feed(&s, target, (size_t)n);
			break;
		case DT_DIR:
			fd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
							  O_CLOEXEC);
			if (fd >= 0)
				sum += tree_sum(fd, path, depth + 1);
			hash_feed(&s, "D", 1);
			break;
		default:
			fd = openat(dirfd(d), de->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			hash_feed(&s, "F", 1);
			while (fd >= 0 && (n = read(fd, buf, sizeof(buf))) > 0)
				hash_feed(&s, buf, (size_t)n);
			if (fd >= 0)
				close(fd);
		}
		sum += hash_done(&s);
	}
	closedir(d);
	return sum;
}

void progcache__tree_hash(const char *dir, char *out, size_t len)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(out, len, "none");
		return;
	}
	snprintf(out, len, "%016llx", (unsigned long long)tree_sum(fd, "", 0));
}

/* ---- the file: a header, then the key and the entry, every number in
 * this machine's byte order (the cache is this machine's) */

#define MAGIC "tracee-p"
#define FORMAT 1

struct file_header {
	char magic[8];
	uint32_t format, header_size;
	uint64_t size;     /* the whole file */
	uint64_t checksum; /* of everything after the header */
	uint64_t reserved;
};

static void put32(struct strbuf *sb, uint32_t v)
{
	sb_put(sb, (const char *)&v, sizeof(v));
}

static void put64(struct strbuf *sb, uint64_t v)
{
	sb_put(sb, (const char *)&v, sizeof(v));
}

static void put_bytes(struct strbuf *sb, const void *p, size_t n)
{
	put32(sb, (uint32_t)n);
	sb_put(sb, p, n);
}

int progcache__encode(const struct progcache_entry *e, const struct strbuf *key, void **out,
		      size_t *outlen)
{
	struct strbuf sb = { 0 };
	struct file_header fh = { MAGIC, FORMAT, sizeof(fh), 0, 0, 0 };

	sb_put(&sb, (const char *)&fh, sizeof(fh));
	put_bytes(&sb, key->buf, key->len);
	put_bytes(&sb, e->license, strlen(e->license));
	put32(&sb, e->kern_version);
	put32(&sb, e->nlibs);
	for (uint32_t i = 0; i < e->nlibs; i++) {
		const struct progcache_lib *l = &e->libs[i];
		put_bytes(&sb, l->path, strlen(l->path));
		put64(&sb, l->dev);
		put64(&sb, l->ino);
		put64(&sb, l->size);
		put64(&sb, l->mtime_ns);
	}
	put32(&sb, e->ntables);
	for (uint32_t i = 0; i < e->ntables; i++) {
		const struct progcache_table *t = &e->tables[i];
		put_bytes(&sb, t->name, strlen(t->name));
		put32(&sb, t->type);
		put32(&sb, t->key_size);
		put32(&sb, t->value_size);
		put32(&sb, t->max_entries);
		put32(&sb, t->flags);
	}
	put32(&sb, e->nfuncs);
	for (uint32_t i = 0; i < e->nfuncs; i++) {
		const struct progcache_func *f = &e->funcs[i];
		put_bytes(&sb, f->name, strlen(f->name));
		put_bytes(&sb, f->insns, (size_t)f->ninsns * sizeof(struct bpf_insn));
	}
	put32(&sb, e->nrelocs);
	for (uint32_t i = 0; i < e->nrelocs; i++) {
		put32(&sb, e->relocs[i].func);
		put32(&sb, e->relocs[i].insn);
		put32(&sb, e->relocs[i].table);
	}
	put_bytes(&sb, e->output ? e->output : "", e->output_len);
	if (sb.oom) {
		sb_free(&sb);
		return -ENOMEM;
	}
	fh.size = sb.len;
	fh.checksum = hash_bytes(sb.buf + sizeof(fh), sb.len - sizeof(fh));
	memcpy(sb.buf, &fh, sizeof(fh));
	*out = sb.buf;
	*outlen = sb.len;
	return 0;
}

/* A bounds-checked reader of the file's bytes. */
struct cursor {
	const unsigned char *p, *end;
	bool bad;
};

static const void *take(struct cursor *c, size_t n)
{
	const void *at = c->p;

	if (c->bad || (size_t)(c->end - c->p) < n) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	return at;
}

static uint32_t get32(struct cursor *c)
{
	uint32_t v = 0;
	const void *p = take(c, sizeof(v));
	if (p)
		memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t get64(struct cursor *c)
{
	uint64_t v = 0;
	const void *p = take(c, sizeof(v));
	if (p)
		memcpy(&v, p, sizeof(v));
	return v;
}

/* Bytes with their length, at most `max`; NULL when they do not fit. */
static const void *get_bytes(struct cursor *c, size_t max, uint32_t *len)
{
	*len = get32(c);
	if (*len > max) {
		c->bad = true;
		return NULL;
	}
	return take(c, *len);
}

/* A name: 1 to `size` - 1 bytes, none of them NUL, into `out`. */
static bool get_name(struct cursor *c, char *out, size_t size)
{
	uint32_t n;
	const char *p = get_bytes(c, size - 1, &n);

	if (!p || !n || memchr(p, '\0', n)) {
		c->bad = true;
		return false;
	}
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static int corrupt(char *why, size_t whylen, const char *what)
{
	errf(why, whylen, "%s", what);
	return -EBADMSG;
}

/* Every reference to a table is a relocation, and every relocation such a
 * reference: an entry can never make a program load with a stray fd. */
static const char *check_references(const struct progcache_entry *e)
{
	uint32_t counted = 0;

	for (uint32_t r = 0; r < e->nrelocs; r++) {
		const struct progcache_reloc *rl = &e->relocs[r];
		const struct progcache_func *f;
		if (rl->func >= e->nfuncs || rl->table >= e->ntables)
			return "a reference to no function or no table";
		f = &e->funcs[rl->func];
		if (rl->insn + 1 >= f->ninsns || !is_ld_imm64(&f->insns[rl->insn]) ||
		    f->insns[rl->insn].src_reg != BPF_PSEUDO_MAP_FD ||
		    f->insns[rl->insn].imm != 0)
			return "a reference at an instruction that loads no table";
	}
	for (uint32_t i = 0; i < e->nfuncs; i++) {
		const struct progcache_func *f = &e->funcs[i];
		for (uint32_t k = 0; k < f->ninsns; k++) {
			if (!is_ld_imm64(&f->insns[k]))
				continue;
			if (k + 1 >= f->ninsns || f->insns[k + 1].code != 0)
				return "a 16-byte load cut short";
			if (f->insns[k].src_reg == BPF_PSEUDO_MAP_FD)
				counted++;
			else if (f->insns[k].src_reg != 0)
				return "a reference of a kind never kept";
			k++;
		}
	}
	/* listed in order, so each once: with as many as there are
	 * references, every reference is listed */
	for (uint32_t r = 1; r < e->nrelocs; r++)
		if (e->relocs[r].func < e->relocs[r - 1].func ||
		    (e->relocs[r].func == e->relocs[r - 1].func &&
		     e->relocs[r].insn <= e->relocs[r - 1].insn))
			return "table references listed out of order";
	if (counted != e->nrelocs)
		return "table references and their list disagree";
	return NULL;
}

int progcache__decode(const void *buf, size_t len, const struct strbuf *key,
		      struct progcache_entry *e, char *why, size_t whylen)
{
	struct file_header fh;
	struct cursor c;
	const void *p;
	const char *bad;
	uint32_t n;

	memset(e, 0, sizeof(*e));
	if (len < sizeof(fh))
		return corrupt(why, whylen, "shorter than its header");
	memcpy(&fh, buf, sizeof(fh));
	if (memcmp(fh.magic, MAGIC, sizeof(fh.magic)) != 0)
		return corrupt(why, whylen, "not a tracee program cache file");
	if (fh.format != FORMAT || fh.header_size != sizeof(fh) || fh.reserved)
		return corrupt(why, whylen, "another format version");
	if (fh.size != len)
		return corrupt(why, whylen, "its size is not the one it was written with");
	if (fh.checksum != hash_bytes((const char *)buf + sizeof(fh), len - sizeof(fh)))
		return corrupt(why, whylen, "its checksum does not match");
	c = (struct cursor){ (const unsigned char *)buf + sizeof(fh),
			     (const unsigned char *)buf + len, false };
	p = get_bytes(&c, len, &n);
	if (!p || n != key->len || memcmp(p, key->buf, n) != 0) {
		errf(why, whylen, "made for another key");
		return -ESTALE;
	}
	p = get_bytes(&c, sizeof(e->license) - 1, &n);
	if (!p)
		goto bad;
	memcpy(e->license, p, n);
	e->kern_version = get32(&c);
	e->nlibs = get32(&c);
	if (e->nlibs > PROGCACHE_MAX_LIBS)
		goto bad;
	for (uint32_t i = 0; i < e->nlibs && !c.bad; i++) {
		struct progcache_lib *l = &e->libs[i];
		if (!get_name(&c, l->path, sizeof(l->path)))
			goto bad;
		l->dev = get64(&c);
		l->ino = get64(&c);
		l->size = get64(&c);
		l->mtime_ns = get64(&c);
	}
	e->ntables = get32(&c);
	if (c.bad || e->ntables > PROGCACHE_MAX_TABLES ||
	    !(e->tables = calloc(e->ntables ? e->ntables : 1, sizeof(*e->tables))))
		goto bad;
	for (uint32_t i = 0; i < e->ntables && !c.bad; i++) {
		struct progcache_table *t = &e->tables[i];
		if (!get_name(&c, t->name, sizeof(t->name)))
			goto bad;
		t->type = get32(&c);
		t->key_size = get32(&c);
		t->value_size = get32(&c);
		t->max_entries = get32(&c);
		t->flags = get32(&c);
		if (t->type == BPF_MAP_TYPE_UNSPEC || t->type > 255 || t->key_size > 65536 ||
		    t->value_size > (1u << 30) || t->max_entries == 0)
			goto bad;
	}
	e->nfuncs = get32(&c);
	if (c.bad || e->nfuncs > PROGCACHE_MAX_FUNCS ||
	    !(e->funcs = calloc(e->nfuncs ? e->nfuncs : 1, sizeof(*e->funcs))))
		goto bad;
	for (uint32_t i = 0; i < e->nfuncs; i++) {
		struct progcache_func *f = &e->funcs[i];
		if (!get_name(&c, f->name, sizeof(f->name)))
			goto bad;
		p = get_bytes(&c, (size_t)PROGCACHE_MAX_INSNS * sizeof(struct bpf_insn), &n);
		if (!p || !n || n % sizeof(struct bpf_insn) || !(f->insns = malloc(n)))
			goto bad;
		memcpy(f->insns, p, n);
		f->ninsns = n / sizeof(struct bpf_insn);
	}
	e->nrelocs = get32(&c);
	if (c.bad || e->nrelocs > (uint32_t)((c.end - c.p) / 12) ||
	    !(e->relocs = calloc(e->nrelocs ? e->nrelocs : 1, sizeof(*e->relocs))))
		goto bad;
	for (uint32_t i = 0; i < e->nrelocs; i++) {
		e->relocs[i].func = get32(&c);
		e->relocs[i].insn = get32(&c);
		e->relocs[i].table = get32(&c);
	}
	p = get_bytes(&c, len, &n);
	if (!p || !(e->output = malloc((size_t)n + 1)))
		goto bad;
	memcpy(e->output, p, n);
	e->output[n] = '\0';
	e->output_len = n;
	if (c.bad || c.p != c.end)
		goto bad;
	for (uint32_t i = 0; i < e->nfuncs; i++)
		for (uint32_t k = 0; k < i; k++)
			if (strcmp(e->funcs[i].name, e->funcs[k].name) == 0)
				goto bad;
	for (uint32_t i = 0; i < e->ntables; i++)
		for (uint32_t k = 0; k < i; k++)
			if (strcmp(e->tables[i].name, e->tables[k].name) == 0)
				goto bad;
	if ((bad = check_references(e))) {
		progcache__free(e);
		return corrupt(why, whylen, bad);
	}
	return 0;
bad:
	progcache__free(e);
	return corrupt(why, whylen, "its contents do not parse");
}

/* ---- in the cache directory */

#define SUBDIR "progs"

void progcache__path(const char *cache_root, const char *release, const struct strbuf *key,
		     char *path, size_t len)
{
	char rel[128];
	size_t i;

	/* the release, as a file name */
	for (i = 0; release[i] && i < sizeof(rel) - 1; i++) {
		char ch = release[i];
		rel[i] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				 (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_' ||
				 ch == '+'
			 ? ch
			 : '_';
	}
	rel[i] = '\0';
	snprintf(path, len, "%s/" SUBDIR "/%s-%016llx", cache_root, rel,
		 (unsigned long long)hash_bytes(key->buf, key->len));
}

/* The cache's root and its progs directory, ours alone; made when missing. */
static int ready_dir(const char *cache_root, char *dir, size_t dirlen, char *err, size_t errlen)
{
	int ret = trust__private_dir(cache_root, true, err, errlen);

	if (ret < 0)
		return ret;
	snprintf(dir, dirlen, "%s/" SUBDIR, cache_root);
	return trust__private_dir(dir, true, err, errlen);
}

/* Is the library the entry was compiled with still the same file? */
static bool lib_same(const struct progcache_lib *l)
{
	struct progcache_lib now;

	lib_identity(l->path, &now);
	return now.dev == l->dev && now.ino == l->ino && now.size == l->size &&
	       now.mtime_ns == l->mtime_ns;
}

int progcache__read(const char *cache_root, const char *path, const struct strbuf *key,
		    struct progcache_entry *e, char *note, size_t notelen, char *err,
		    size_t errlen)
{
	char dir[4096], why[256];
	struct stat st;
	void *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, ret;

	note[0] = '\0';
	memset(e, 0, sizeof(*e));
	if ((ret = ready_dir(cache_root, dir, sizeof(dir), err, errlen)) < 0)
		return ret;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		errf(why, sizeof(why), "%s", errno == ELOOP ? "a symbolic link" : strerror(errno));
		goto discard;
	}
	/* ours, as the directory is: a regular file nobody else wrote */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)) || st.st_nlink != 1 ||
	    st.st_size > (off_t)PROGCACHE_MAX_FILE) {
		errf(why, sizeof(why), "not a file of tracee's own (a regular file of ours, with "
				       "one link, that nobody else may write)");
		close(fd);
		goto discard;
	}
	if (!(buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size + 1 &&
	       (n = read(fd, (char *)buf + got, (size_t)st.st_size + 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	ret = progcache__decode(buf, got, key, e, why, sizeof(why));
	free(buf);
	if (ret < 0)
		goto discard;
	for (uint32_t i = 0; i < e->nlibs; i++)
		if (!lib_same(&e->libs[i])) {
			errf(why, sizeof(why), "compiled by another build of %s", e->libs[i].path);
			progcache__free(e);
			goto discard;
		}
	/* used now: kept by the pruning */
	utimensat(AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW);
	return 1;
discard:
	errf(note, notelen, "the cached programs in %s were discarded: %s", path, why);
	unlink(path);
	return 0;
}

int progcache__write(const char *cache_root, const char *path, const struct strbuf *key,
		     const struct progcache_entry *e, char *err, size_t errlen)
{
	char dir[4096], tmp[4200];
	void *buf;
	size_t len, done = 0;
	ssize_t n;
	int fd, ret;

	if ((ret = ready_dir(cache_root, dir, sizeof(dir), err, errlen)) < 0)
		return ret;
	if (progcache__encode(e, key, &buf, &len) < 0) {
		errf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	snprintf(tmp, sizeof(tmp), "%s/.tmp-XXXXXX", dir);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		errf(err, errlen, "cannot create a file in %s: %s", dir, strerror(errno));
		free(buf);
		return ret;
	}
	while (done < len && (n = write(fd, (char *)buf + done, len - done)) > 0)
		done += (size_t)n;
	ret = done == len ? 0 : -(errno ? errno : EIO);
	if (close(fd) != 0 && !ret)
		ret = -errno;
	free(buf);
	if (!ret && rename(tmp, path) != 0)
		ret = -errno;
	if (ret) {
		errf(err, errlen, "cannot write %s: %s", path, strerror(-ret));
		unlink(tmp);
		return ret;
	}
	progcache__prune(dir, path, time(NULL), PROGCACHE_MAX_AGE_S, PROGCACHE_MAX_ENTRIES);
	return 0;
}

struct aged {
	char name[256];
	time_t mtime;
};

static int by_age(const void *a, const void *b)
{
	const struct aged *x = a, *y = b;
	return x->mtime < y->mtime ? 1 : x->mtime > y->mtime ? -1 : 0; /* newest first */
}

void progcache__prune(const char *dir, const char *keep, time_t now, long max_age_s,
		      int max_entries)
{
	struct aged *list = NULL;
	size_t n = 0, cap = 0;
	const char *keep_name = strrchr(keep, '/') ? strrchr(keep, '/') + 1 : keep;
	struct dirent *de;
	DIR *d = opendir(dir);
	int dfd;

	if (!d)
		return;
	dfd = dirfd(d);
	while ((de = readdir(d))) {
		struct stat st;
		bool tmp = strncmp(de->d_name, ".tmp-", 5) == 0;
		if ((de->d_name[0] == '.' && !tmp) || strcmp(de->d_name, keep_name) == 0 ||
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		/* a temporary file is another tracee's, being written, for a
		 * while; one that old was left by a tracee that died */
		if (tmp ? now - st.st_mtime > 3600 : now - st.st_mtime > max_age_s) {
			unlinkat(dfd, de->d_name, 0);
			continue;
		}
		if (tmp || strlen(de->d_name) >= sizeof(list[0].name))
			continue;
		if (n == cap) {
			struct aged *m = realloc(list, (cap = cap ? cap * 2 : 64) * sizeof(*m));
			if (!m)
				break;
			list = m;
		}
		snprintf(list[n].name, sizeof(list[n].name), "%s", de->d_name);
		list[n++].mtime = st.st_mtime;
	}
	/* `keep` is one of the entries kept */
	if (n + 1 > (size_t)max_entries) {
		qsort(list, n, sizeof(*list), by_age);
		for (size_t i = max_entries > 0 ? (size_t)max_entries - 1 : 0; i < n; i++)
			unlinkat(dfd, list[i].name, 0);
	}
	free(list);
	closedir(d);
}
