/* SPDX-License-Identifier: GPL-2.0 */
/*
 * progcache.h - what libbcc compiled, as data, and kept for the next start.
 *
 * After a compile, each function's instructions, each table's definition
 * (type, key and value sizes, max entries, flags, name) and the places
 * where the instructions refer to a table's fd (BPF_LD_IMM64 with
 * BPF_PSEUDO_MAP_FD) are taken out of libbcc's module into an entry
 * (progcache__from_module). The loader creates the tables, patches the
 * references and loads the programs from the entry, whether it was just
 * compiled or read back from the cache: one way to load.
 *
 * An entry is kept in CACHE/progs/ (the directory of the generated header
 * trees, under the same rules: trust__private_dir) under a name made from
 * its key, which holds everything the compiled result depends on: the
 * whole probe text (the configuration and the BTF offsets are in it), the
 * kernel (release, build, machine, possible CPUs, a hash of its BTF), the
 * header tree compiled against, libbcc's version, the environment libbcc's
 * compile reads, and tracee's own build.
 * The file holds the key itself, compared byte for byte, a checksum and
 * every size and reference checked before anything is loaded, and the
 * identity of the compiler's libraries (a libbcc or LLVM upgraded since
 * makes it stale). A start with the same key reads it back instead of
 * compiling; the kernel's verifier still checks every program at load.
 */
#ifndef TRACEE_PROGCACHE_H
#define TRACEE_PROGCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "libbcc.h"
#include "strbuf.h"

#define PROGCACHE_NAME_MAX 64 /* a table's or function's name, with its NUL */
#define PROGCACHE_MAX_TABLES 64
#define PROGCACHE_MAX_FUNCS 1024
#define PROGCACHE_MAX_INSNS (1 << 20) /* a program's, as the kernel's BPF_COMPLEXITY_LIMIT_INSNS */
#define PROGCACHE_MAX_LIBS 3
#define PROGCACHE_MAX_FILE (256u << 20)
/* kept: entries used within this long, and no more than this many */
#define PROGCACHE_MAX_AGE_S (7 * 24 * 3600)
#define PROGCACHE_MAX_ENTRIES 256

struct bpf_insn;

struct progcache_table {
	char name[PROGCACHE_NAME_MAX];
	uint32_t type, key_size, value_size, max_entries, flags;
};

struct progcache_func {
	char name[PROGCACHE_NAME_MAX];
	uint32_t ninsns;
	/* 8 bytes each; a table reference's immediate is 0 until patched */
	struct bpf_insn *insns;
};

/* Instruction `insn` of function `func` loads table `table`'s fd. */
struct progcache_reloc {
	uint32_t func, insn, table;
};

/* A file the compiler was loaded from, as it was then. */
struct progcache_lib {
	char path[512];
	uint64_t dev, ino, size, mtime_ns;
};

struct progcache_entry {
	char license[64];
	uint32_t kern_version;
	uint32_t ntables, nfuncs, nrelocs, nlibs;
	struct progcache_table *tables;
	struct progcache_func *funcs;
	struct progcache_reloc *relocs;
	struct progcache_lib libs[PROGCACHE_MAX_LIBS];
	char *output; /* what the compiler said (clang's warnings), NUL-terminated */
	size_t output_len;
};

/* What libbcc's compiled module `mod` holds, into `e` (to free with
 * progcache__free); `output`, the compiler's messages, is kept with it.
 * Returns 0, or -errno with `err`. */
int progcache__from_module(const struct libbcc *bcc, void *mod, const char *output,
			   size_t output_len, struct progcache_entry *e, char *err, size_t errlen);
void progcache__free(struct progcache_entry *e);
/* The index of function or table `name` in `e`, or -1. */
int progcache__func(const struct progcache_entry *e, const char *name);
int progcache__table(const struct progcache_entry *e, const char *name);

/* ---- the key */

/* What the compiled result depends on besides the text. */
struct progcache_ident {
	char tracee[128];  /* version and build id */
	char libbcc[64];   /* libbcc's version */
	char kernel[512];  /* release, build, machine */
	int ncpus;         /* possible CPUs (the perf buffers' array) */
	char btf[40];      /* hash of the kernel's BTF, or "none" */
	char headers[9000]; /* which tree, where, and a hash of what identifies it */
	char env[1024];    /* what libbcc's compile reads from the environment */
};

/* The key: the identity's lines, then the whole text. */
void progcache__key(struct strbuf *key, const struct progcache_ident *id, const char *text);
/* This program's build (the ELF build id, else a hash of the executable)
 * into `out`: "VERSION build HEX". */
void progcache__tracee_ident(char *out, size_t len, const char *version);
/* A hash of the file at `path` (all of it) as 16 hex digits, or "none"
 * when it cannot be read. */
void progcache__file_hash(const char *path, char *out, size_t len);
/* A hash of a header tree's own files (regular files' names and bytes,
 * links' names and targets, below `dir`, in any order), 16 hex digits;
 * for the small trees tracee makes, not a kernel's own. */
void progcache__tree_hash(const char *dir, char *out, size_t len);

/* ---- the file */

/* The encoded file for `e` under `key`, malloc'd into *out. Returns 0 or -ENOMEM. */
int progcache__encode(const struct progcache_entry *e, const struct strbuf *key, void **out,
		      size_t *outlen);
/* Decode and check a file's bytes; the key must be `key`'s exactly.
 * Returns 0 with `e` filled, or -EBADMSG (corrupt, or another key: -ESTALE)
 * with why in `why`. */
int progcache__decode(const void *buf, size_t len, const struct strbuf *key,
		      struct progcache_entry *e, char *why, size_t whylen);

/* The entry's path for `key`: CACHE/progs/RELEASE-HASH. */
void progcache__path(const char *cache_root, const char *release, const struct strbuf *key,
		     char *path, size_t len);

/*
 * Read the entry at `path` (made by progcache__path) into `e`. Returns 1
 * when it was there and good; 0 when there is none, or it was corrupt or
 * stale (then it is removed, and `note` says why); -errno with `err` when
 * the cache directory is refused (trust__private_dir), which is made
 * when missing.
 */
int progcache__read(const char *cache_root, const char *path, const struct strbuf *key,
		    struct progcache_entry *e, char *note, size_t notelen, char *err,
		    size_t errlen);
/* Write `e` at `path`, atomically (a temporary file renamed into place),
 * then prune the directory. Returns 0 or -errno with `err`. */
int progcache__write(const char *cache_root, const char *path, const struct strbuf *key,
		     const struct progcache_entry *e, char *err, size_t errlen);
/* Remove the entries of directory `dir` not used within `max_age_s` of
 * `now`, then the oldest beyond `max_entries`, never `keep`; and
 * temporary files left by a tracee that died writing. */
void progcache__prune(const char *dir, const char *keep, time_t now, long max_age_s,
		      int max_entries);

#endif
