/* The event table's invariants, and docs/events.md kept in step with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli.h"
#include "decode.h"
#include "docgen.h"
#include "events.h"
#include "record.h"
#include "sysent.h"

static const char *const seed_syscalls[] = {
	"execve", "execveat", "mmap", "mprotect", "clone", "fork", "vfork", "newstat",
	"newfstat", "newlstat", "mknod", "mknodat", "dup", "dup2", "dup3", "memfd_create",
	"socket", "close", "ioctl", "access", "faccessat", "kill", "listen", "connect",
	"accept", "accept4", "bind", "getsockname", "prctl", "ptrace", "process_vm_writev",
	"process_vm_readv", "init_module", "finit_module", "delete_module", "symlink",
	"symlinkat", "getdents", "getdents64", "creat", "open", "openat",
};

static void test_seed_events_present(void **state)
{
	(void)state;
	assert_int_equal(sizeof(seed_syscalls) / sizeof(seed_syscalls[0]), 42);
	for (size_t i = 0; i < 42; i++) {
		int id = events__find(seed_syscalls[i]);
		if (id < 0)
			fail_msg("seed syscall %s missing from the table", seed_syscalls[i]);
		assert_int_equal(event_table[id].kind, EK_SYSCALL);
	}
	assert_true(events__find("cap_capable") >= 0);
	assert_true(events__find("do_exit") >= 0);
	/* successors of the seed's calls that modern libc uses */
	const char *succ[] = { "newfstatat", "statx", "clone3", "openat2", "faccessat2" };
	for (size_t i = 0; i < 5; i++)
		assert_true(events__find(succ[i]) >= 0);
}

static void test_names_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < event_count; i++)
		for (size_t j = i + 1; j < event_count; j++) {
			assert_string_not_equal(event_table[i].name, event_table[j].name);
			if (event_table[i].nr >= 0 && event_table[i].kind == EK_SYSCALL &&
			    event_table[j].kind == EK_SYSCALL)
				assert_int_not_equal(event_table[i].nr, event_table[j].nr);
		}
	/* a set named as an event holds it (time): -e takes the set */
	for (size_t i = 0; i < event_set_count; i++) {
		int id = events__find(event_sets[i].name);
		if (id >= 0)
			assert_true(event_table[id].sets & event_sets[i].mask);
	}
}

static void test_rows_well_formed(void **state)
{
	int path_at = 0;

	(void)state;
	assert_true(event_count <= CFG_MAX_EVENTS); /* config.selected */
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		assert_non_null(e->name);
		/* the EVENT column is 16 wide; in the default selection only
		 * process_vm_readv/writev (the seed's own names) overflow it,
		 * by one; other calls' longer names push their line right */
		if (e->sets & SET_DEFAULT)
			assert_true(strlen(e->name) <= 17);
		assert_non_null(e->doc);
		assert_true(e->sets != 0);
		assert_in_range(e->nparams, 0, EV_MAX_PARAMS);
		if (e->kind == EK_SYSCALL)
			assert_non_null(e->syscall);
		for (int p = 0; p < e->nparams; p++) {
			const struct param *pr = &e->params[p];
			assert_non_null(pr->name);
			assert_in_range(pr->reg, 0, 6);
			switch (pr->capture) {
			case CAP_STR:
				assert_int_equal(pr->decoder, DEC_STR);
				break;
			case CAP_ARGV:
				assert_int_equal(pr->decoder, DEC_ARGV);
				break;
			case CAP_SOCKADDR_IN:
			case CAP_SOCKADDR_OUT:
				assert_int_equal(pr->decoder, DEC_SOCKADDR);
				assert_in_range(pr->aux, 0, 5);
				break;
			case CAP_STRUCT:
				assert_in_range(pr->aux, 1, 128);
				break;
			case CAP_PATH_AT: {
				/* resolved from the fd in syscall argument `aux` at entry,
				 * for an exec-family event; the probe has one such slot */
				bool dirfd = false;
				assert_int_equal(pr->decoder, DEC_STR);
				assert_true(e->flags & EF_ENTRY_CAPTURE);
				for (int q = 0; q < e->nparams; q++) {
					const struct param *d = &e->params[q];
					if (events__arg(e, q) == pr->aux)
						dirfd = d->decoder == DEC_DIRFD;
				}
				assert_true(dirfd);
				path_at++;
				break;
			}
			case CAP_LONG:
				assert_true(pr->decoder != DEC_STR && pr->decoder != DEC_ARGV &&
					    pr->decoder != DEC_SOCKADDR);
				break;
			case CAP_STR_LEN:
				/* a string bounded by another argument's value */
				assert_int_equal(pr->decoder, DEC_STR);
				assert_in_range(pr->aux, 0, 5);
				assert_true(pr->aux != events__arg(e, p));
				break;
			case CAP_STR_RET:
			case CAP_STR_IF:
				/* a string, or the value where none was read */
				assert_int_equal(pr->decoder, DEC_STR_OR_HEX);
				if (pr->capture == CAP_STR_IF)
					assert_in_range(pr->aux & 7, 0, 5);
				break;
			case CAP_MSG_NAME:
				assert_int_equal(pr->decoder, DEC_SOCKADDR);
				break;
			case CAP_STRUCT_OUT:
				assert_in_range(pr->aux, 1, 128);
				break;
			default:
				fail_msg("%s.%s: bad capture", e->name, pr->name);
			}
			for (int q = p + 1; q < e->nparams; q++)
				assert_string_not_equal(pr->name, e->params[q].name);
		}
		/* reading argv at exit is impossible after a successful exec */
		for (int p = 0; p < e->nparams; p++)
			if (e->params[p].capture == CAP_ARGV)
				assert_true(e->flags & EF_ENTRY_CAPTURE);
	}
	assert_in_range(path_at, 0, 1);
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(events__find("newstat"), events__find("stat"));
	assert_int_equal(events__find("nosuch"), -1);
	assert_int_equal(events__by_nr(event_table[events__find("openat")].nr),
			 events__find("openat"));
	assert_int_equal(events__by_nr(-1), -1);
}

/* tracee's own records are rows past the events: decoded like them, and
 * nowhere an event is (-e, the lists and documents are checked against the
 * binary by test/cli/test_records.py). */
static void test_internal_rows(void **state)
{
	struct rec r;
	struct event ev;
	struct tr_hdr *h;
	int mkdir = -1;

	(void)state;
	assert_true(event_row_count > event_count);
	for (size_t i = 0; i < event_row_count; i++) {
		assert_int_equal(i >= event_count, event_table[i].kind == EK_CGROUP_MKDIR);
		if (event_table[i].kind == EK_CGROUP_MKDIR)
			mkdir = (int)i;
	}
	assert_int_equal(events__find("cgroup_mkdir"), -1);
	/* a new cgroup's record, as tr_cgroup_mkdir sends it */
	h = rec_begin(&r, "openat");
	h->event_id = (__u16)mkdir;
	rec_long(&r, 0);
	rec_long(&r, 4242);
	rec_str(&r, "/system.slice/docker-0123.scope");
	assert_int_equal(decode__record(r.buf, r.len, &ev), 0);
	assert_int_equal(ev.id, mkdir);
	assert_int_equal(ev.def->kind, EK_CGROUP_MKDIR);
	assert_int_equal(ev.nargs, 3);
	assert_int_equal(ev.args[1].value, 4242);
	assert_string_equal((const char *)ev.args[2].data, "/system.slice/docker-0123.scope");
	/* past the table: refused */
	h->event_id = (__u16)event_row_count;
	assert_int_not_equal(decode__record(r.buf, r.len, &ev), 0);
}

/* Every system call of the generated list is an event of its name and
 * number, once, in the set syscalls; its sets and arguments say what it
 * is; the default selection is the seed's and its successors' alone. */
static void test_every_syscall(void **state)
{
	int ndefault = 0;

	(void)state;
#if defined(__x86_64__)
	assert_true(sysent_count > 350);
#endif
	for (size_t k = 0; k < sysent_count; k++) {
		const struct sysent *s = &sysent_table[k];
		int id = events__find(s->name);
		if (id < 0)
			fail_msg("system call %s is no event", s->name);
		assert_int_equal(event_table[id].nr, s->nr);
		assert_int_equal(events__by_nr(s->nr), id);
		assert_true(event_table[id].sets & SET_SYSCALLS);
		assert_string_equal(event_table[id].syscall, s->kname);
		/* the arguments the kernel declares, unless a row says otherwise */
		if (!(event_table[id].sets & SET_DEFAULT) && s->nargs > 0)
			assert_true(event_table[id].nparams > 0);
	}
	for (size_t i = 0; i < event_count; i++)
		ndefault += (event_table[i].sets & SET_DEFAULT) != 0;
	assert_int_equal(ndefault, 42 + 5 + 3);
	/* the seed's rows keep their ids (JSON's event_id) */
	assert_int_equal(events__find("execve"), 0);
	assert_int_equal(events__find("openat2"), 45);
	assert_int_equal(events__find("do_exit"), 48);
}

/* The default decoding of an argument, from its C type and name. */
static void test_default_params(void **state)
{
	static const struct {
		const char *type, *name;
		enum capture cap;
		enum decoder dec;
	} rules[] = {
		{ "unsigned int", "fd", CAP_LONG, DEC_FD },
		{ "int", "newfd", CAP_LONG, DEC_FD },
		{ "int", "pidfd", CAP_LONG, DEC_FD },
		{ "mqd_t", "mqdes", CAP_LONG, DEC_FD },
		{ "int", "dfd", CAP_LONG, DEC_DIRFD },
		{ "int", "olddfd", CAP_LONG, DEC_DIRFD },
		{ "const char *", "filename", CAP_STR, DEC_STR },
		{ "const char *", "pathname", CAP_STR, DEC_STR },
		{ "const char *", "_type", CAP_STR, DEC_STR },
		{ "char *", "dev_name", CAP_STR, DEC_STR },
		{ "const char *", "buf", CAP_LONG, DEC_HEX }, /* write's data */
		{ "char *", "buf", CAP_LONG, DEC_HEX },       /* read's, filled by the kernel */
		{ "struct stat *", "statbuf", CAP_LONG, DEC_HEX },
		{ "const char *const *", "argv", CAP_LONG, DEC_HEX },
		{ "umode_t", "mode", CAP_LONG, DEC_MODE },
		{ "uid_t", "ruid", CAP_LONG, DEC_ID },
		{ "gid_t", "group", CAP_LONG, DEC_ID },
		{ "pid_t", "pid", CAP_LONG, DEC_INT },
		{ "size_t", "count", CAP_LONG, DEC_ULONG },
		{ "unsigned long", "len", CAP_LONG, DEC_ULONG },
		{ "unsigned long", "addr", CAP_LONG, DEC_HEX },
		{ "unsigned long", "flags", CAP_LONG, DEC_HEX },
		{ "unsigned int", "mask", CAP_LONG, DEC_HEX },
		{ "unsigned int", "nr_events", CAP_LONG, DEC_UINT },
		{ "loff_t", "offset", CAP_LONG, DEC_LONG },
		{ "int", "sig", CAP_LONG, DEC_SIGNAL },
		{ "unsigned long", "prot", CAP_LONG, DEC_PROT },
		{ "const clockid_t", "which_clock", CAP_LONG, DEC_CLOCKID },
		{ "int", "backlog", CAP_LONG, DEC_INT },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		struct param p = sysent__param(rules[i].type, rules[i].name);
		if (p.capture != rules[i].cap || p.decoder != rules[i].dec)
			fail_msg("%s %s: capture %d decoder %d", rules[i].type, rules[i].name,
				 p.capture, p.decoder);
		assert_string_equal(p.name, rules[i].name);
	}
	/* as the table has them */
	assert_int_equal(event_table[events__find("read")].params[0].decoder, DEC_FD);
	assert_string_equal(event_table[events__find("read")].params[0].ctype, "unsigned int");
	assert_int_equal(event_table[events__find("chmod")].params[1].decoder, DEC_MODE);
}

/* A generated document must equal what the table generates now. */
static void check_doc(const char *rel, void (*gen)(FILE *), const char *how)
{
	char path[4096], *want = NULL, *have;
	size_t wlen = 0;
	FILE *f, *mem;
	long n;

	snprintf(path, sizeof(path), "%s/%s", TRACEE_SOURCE_DIR, rel);
	mem = open_memstream(&want, &wlen);
	gen(mem);
	fclose(mem);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	have = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(have, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	if (strcmp(have, want) != 0)
		fail_msg("%s is out of step with the event table; regenerate it with: %s", rel, how);
	free(have);
	free(want);
}

static void test_docs_in_step(void **state)
{
	(void)state;
	check_doc("docs/events.md", docgen__events_markdown,
		  "tracee --list=markdown > docs/events.md");
	check_doc("docs/tracee.schema.json", docgen__json_schema,
		  "tracee --list=json-schema > docs/tracee.schema.json");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_events_present),
		cmocka_unit_test(test_names_unique),
		cmocka_unit_test(test_rows_well_formed),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_internal_rows),
		cmocka_unit_test(test_every_syscall),
		cmocka_unit_test(test_default_params),
		cmocka_unit_test(test_docs_in_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
