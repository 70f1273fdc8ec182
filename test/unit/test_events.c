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
	for (size_t i = 0; i < event_set_count; i++)
		assert_int_equal(events__find(event_sets[i].name), -1);
}

static void test_rows_well_formed(void **state)
{
	int path_at = 0;

	(void)state;
	assert_true(event_count <= 64); /* config.selected */
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		assert_non_null(e->name);
		/* the EVENT column is 16 wide; only process_vm_readv/writev (the
		 * seed's own names) overflow it, by one */
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
		cmocka_unit_test(test_docs_in_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
