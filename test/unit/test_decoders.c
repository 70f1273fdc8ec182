/* The decoder table: every decoder has a whole row; every name of its
 * xlat tables decodes both ways; its text and JSON show the same names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>

#include "decoders.h"
#include "events.h"

static const char *const words[] = { "number", "string", "string list", "socket address",
				     "structure" };

static void test_rows_complete(void **state)
{
	(void)state;
	for (int k = 1; k < DEC_COUNT; k++) {
		const struct decoder_def *d = &decoder_table[k];
		bool word = false;
		cJSON *schema;

		if (!d->word || !d->doc || !d->schema || !d->text || !d->json)
			fail_msg("decoder %d: its row lacks a word, doc, schema or printer", k);
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			word |= strcmp(d->word, words[i]) == 0;
		if (!word)
			fail_msg("decoder %d: unknown word '%s'", k, d->word);
		assert_true(d->doc[0] != '\0');
		assert_in_range(d->type, DT_INT, DT_BYTES);
		/* a number comes from a register; every other word, from bytes */
		assert_int_equal(d->type == DT_BYTES, strcmp(d->word, "number") != 0);
		schema = cJSON_Parse(d->schema);
		if (!schema || !cJSON_IsObject(schema) || !cJSON_GetObjectItem(schema, "type"))
			fail_msg("decoder %d: schema is not a JSON Schema object: %s", k, d->schema);
		cJSON_Delete(schema);
		if (d->split)
			assert_null(d->xlat); /* one source of names */
		if (d->hex)
			assert_non_null(d->xlat);
	}
	/* each argument of each event: a row, fed by what its capture brings */
	for (size_t i = 0; i < event_count; i++)
		for (int p = 0; p < event_table[i].nparams; p++) {
			const struct param *pr = &event_table[i].params[p];
			assert_in_range(pr->decoder, 1, DEC_COUNT - 1);
			if ((pr->capture == CAP_LONG) != (decoder_table[pr->decoder].type != DT_BYTES))
				fail_msg("%s.%s: capture and decoder disagree", event_table[i].name,
					 pr->name);
		}
}

/* ---- one argument through a row's two printers */

static char text[4096], json[4096];

static void show(int k, int64_t v)
{
	const struct decoder_def *d = &decoder_table[k];
	const struct param p = { .name = "x", .capture = CAP_LONG, .decoder = k };
	const struct dec_arg a = { .param = &p, .kind = TR_ARG_LONG, .len = 8, .value = v };
	struct strbuf sb = { 0 };
	struct jw w;

	if (!d->text || !d->json)
		fail_msg("decoder %d has no printers", k);
	d->text(&sb, d, &a, NULL);
	snprintf(text, sizeof(text), "%s", sb.buf ? sb.buf : "");
	sb_reset(&sb);
	jw_begin(&w, &sb);
	jw_open(&w, '{');
	jw_key(&w, "x");
	d->json(&w, d, &a, NULL);
	jw_close(&w, '}');
	assert_true(jw_end(&w));
	snprintf(json, sizeof(json), "%s", sb.buf);
	sb_free(&sb);
}

/* The JSON value of the last show(); the caller deletes *root. */
static cJSON *shown_json(cJSON **root)
{
	*root = cJSON_Parse(json);
	if (!*root)
		fail_msg("not JSON: %s", json);
	return cJSON_GetObjectItem(*root, "x");
}

/* The names the last show() printed in its text, NULL-terminated. */
static int text_names(char **out, int max)
{
	static char copy[4096];
	int n = 0;
	snprintf(copy, sizeof(copy), "%s", text);
	for (char *save = NULL, *t = strtok_r(copy, "|", &save); t && n < max - 1;
	     t = strtok_r(NULL, "|", &save))
		out[n++] = t;
	out[n] = NULL;
	return n;
}

static bool is_flags(int k)
{
	return decoder_table[k].split || strstr(decoder_table[k].schema, "\"flags\"");
}

static bool is_named(int k)
{
	return strstr(decoder_table[k].schema, "\"name\"") != NULL;
}

/* Text and JSON agree on v: the text's names are JSON's flags, or the
 * text is JSON's name (or, without one, its value). */
static void check_agree(int k, int64_t v)
{
	const struct decoder_def *d = &decoder_table[k];
	cJSON *root, *x;

	show(k, v);
	x = shown_json(&root);
	if (is_flags(k)) {
		char *names[80];
		int n = text_names(names, 80);
		cJSON *flags = cJSON_GetObjectItem(x, "flags");
		/* an empty set (of capabilities) is 0 in the text, [] in JSON */
		if (cJSON_GetArraySize(flags) == 0 && strcmp(text, "0") == 0)
			n = 0;
		if (cJSON_GetArraySize(flags) != n)
			fail_msg("decoder %d, 0x%llx: text %s, JSON %s", k, (unsigned long long)v, text,
				 json);
		for (int i = 0; i < n; i++)
			if (strcmp(cJSON_GetArrayItem(flags, i)->valuestring, names[i]) != 0)
				fail_msg("decoder %d, 0x%llx: text %s, JSON %s", k, (unsigned long long)v,
					 text, json);
		if (cJSON_GetObjectItem(x, "value")->valuedouble !=
		    (double)decoders__value(d, &(struct dec_arg){ .value = v }))
			fail_msg("decoder %d, 0x%llx: JSON value %s", k, (unsigned long long)v, json);
	} else if (is_named(k)) {
		cJSON *name = cJSON_GetObjectItem(x, "name");
		char num[32];
		if (cJSON_IsString(name)) {
			assert_string_equal(text, name->valuestring);
		} else {
			int64_t val = decoders__value(d, &(struct dec_arg){ .value = v });
			if (d->hex)
				snprintf(num, sizeof(num), "0x%llx", (unsigned long long)val);
			else
				snprintf(num, sizeof(num), "%lld", (long long)val);
			assert_string_equal(text, num);
		}
	}
	cJSON_Delete(root);
}

static void test_text_json_agree(void **state)
{
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	(void)state;
	for (int k = 1; k < DEC_COUNT; k++) {
		if (decoder_table[k].type == DT_BYTES)
			continue;
		check_agree(k, 0);
		check_agree(k, -1);
		check_agree(k, -100);
		for (int b = 0; b < 64; b++)
			check_agree(k, (int64_t)(1ull << b));
		for (int i = 0; i < 200; i++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			check_agree(k, (int64_t)(rng >> (rng % 64)));
		}
	}
}

/* ---- every name both ways */

/* Whether the last show()'s parts hold `name`. */
static bool shows(const char *name)
{
	char *names[80];
	text_names(names, 80);
	for (char **n = names; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

/* The bits a decoder's value can have: 32 for an int, 64 for a long. */
static uint64_t width_mask(const struct decoder_def *d)
{
	return d->type == DT_INT || d->type == DT_UINT ? 0xffffffffull : ~0ull;
}

/* Each flag of `tab` alone shows its name; all of them with a bit none
 * has show every name no wider flag holds, and the bit, in hex. */
static void check_flags(int k, const struct xlat *tab, uint64_t fields)
{
	const struct decoder_def *d = &decoder_table[k];
	uint64_t all = 0, spare = 0;
	char hex[32];

	for (const struct xlat *x = tab; x->name; x++) {
		show(k, (int64_t)x->val);
		if (!shows(x->name))
			fail_msg("decoder %d: 0x%llx shows %s, not %s", k, (unsigned long long)x->val,
				 text, x->name);
		all |= x->val;
	}
	for (int b = 0; b < 64 && !spare; b++)
		if (!((all | fields) & (1ull << b)) && (width_mask(d) & (1ull << b)))
			spare = 1ull << b;
	show(k, (int64_t)(all | spare));
	for (const struct xlat *x = tab; x->name; x++) {
		bool inside = x->val == 0; /* O_SYNC holds O_DSYNC; 0 holds nothing */
		for (const struct xlat *y = tab; y->name; y++)
			if (y != x && (y->val & x->val) == x->val && y->val != x->val)
				inside = true;
		if (!inside && !shows(x->name))
			fail_msg("decoder %d: all flags show %s, without %s", k, text, x->name);
	}
	if (spare) {
		snprintf(hex, sizeof(hex), "0x%llx", (unsigned long long)spare);
		if (!shows(hex))
			fail_msg("decoder %d: all flags and 0x%llx show %s", k,
				 (unsigned long long)spare, text);
	}
}

/* A field read whole: each of its names alone, at its place. */
static void check_field(int k, const struct xlat_field *f, bool first)
{
	if (!f->mask)
		return;
	for (const struct xlat *x = f->names; x->name; x++) {
		char *names[80];
		int n;
		if (x->val == 0 && !first)
			continue; /* a tail of 0 is not shown */
		show(k, (int64_t)x->val);
		n = text_names(names, 80);
		if (n == 0 || strcmp(names[first ? 0 : n - 1], x->name) != 0)
			fail_msg("decoder %d: 0x%llx shows %s, not %s %s", k, (unsigned long long)x->val,
				 text, first ? "first" : "last", x->name);
	}
}

static void test_names_both_ways(void **state)
{
	int tables = 0;
	(void)state;
	for (int k = 1; k < DEC_COUNT; k++) {
		const struct decoder_def *d = &decoder_table[k];
		const struct xlat_split *s = d->split;

		if (s && s->bit_prefix) {
			/* a set of bits: each bit its name, and all of them */
			char *names[80];
			for (const struct xlat *x = s->flags; x->name; x++) {
				show(k, (int64_t)(1ull << x->val));
				assert_string_equal(text, x->name);
			}
			show(k, -1);
			assert_int_equal(text_names(names, 80), 64);
			show(k, (int64_t)(1ull << 63));
			assert_string_equal(text, "CAP_63");
			tables++;
		} else if (s) {
			check_field(k, &s->head, true);
			check_flags(k, s->flags, s->head.mask | s->tail.mask);
			check_field(k, &s->tail, false);
			tables++;
		} else if (d->xlat && is_flags(k)) {
			check_flags(k, d->xlat, 0);
			tables++;
		} else if (d->xlat) {
			/* a value: its name, and the name's value back */
			for (const struct xlat *x = d->xlat; x->name; x++) {
				cJSON *root, *v;
				show(k, (int64_t)x->val);
				assert_string_equal(text, x->name);
				v = shown_json(&root);
				if (is_named(k) && !cJSON_IsString(cJSON_GetObjectItem(v, "name")))
					fail_msg("decoder %d: %s has no name in JSON: %s", k, x->name, json);
				if (is_named(k))
					assert_string_equal(cJSON_GetObjectItem(v, "name")->valuestring,
							    x->name);
				else /* AT_FDCWD: JSON keeps the number */
					assert_true(cJSON_IsNumber(v));
				cJSON_Delete(root);
			}
			tables++;
		}
	}
	assert_true(tables >= 20);
}

/* The structures of the calls decoded in depth, as the table shows them. */
static void show_bytes(int k, const void *p, size_t n, uint8_t kind, const char *want)
{
	const struct decoder_def *d = &decoder_table[k];
	const struct param prm = { .name = "x", .capture = CAP_STRUCT, .decoder = k };
	struct dec_arg a = { .param = &prm, .kind = kind, .len = (uint16_t)n, .data = p };
	struct strbuf sb = { 0 };

	if (kind == TR_ARG_LONG)
		memcpy(&a.value, p, sizeof(a.value));
	d->text(&sb, d, &a, NULL);
	assert_string_equal(sb.buf ? sb.buf : "", want);
	sb_free(&sb);
}

static void test_structures(void **state)
{
	static const uint32_t caphdr[2] = { 0x20080522, 0 }, badhdr[2] = { 0x12345678, 42 };
	static const uint32_t capdata[6] = { 1u << 0 | 1u << 5, 1u << 0, 0, 1u << 1, 0, 0 };
	static const int64_t times[4] = { 1, 2, 0, (1l << 30) - 2 }, now[4] = { 0, (1l << 30) - 1,
										  3, 4 };
	static const struct { uint32_t type, size; uint64_t config; } pa = { 1, 128, 9 };
	static const int32_t fds[2] = { 3, 4 };
	static const int32_t exited = 7 << 8, killed = 0x8b /* SIGSEGV, core */, stopped = 0x137f, cont = 0xffff;
	static const uint32_t iop[3] = { 2, 4, 1u << 4 };

	(void)state;
	show_bytes(DEC_CAP_HEADER, caphdr, sizeof(caphdr), TR_ARG_BYTES,
		   "{version=_LINUX_CAPABILITY_VERSION_3,pid=0}");
	show_bytes(DEC_CAP_HEADER, badhdr, sizeof(badhdr), TR_ARG_BYTES,
		   "{version=0x12345678,pid=42}");
	show_bytes(DEC_CAP_HEADER, caphdr, 4, TR_ARG_BYTES, "(unreadable)");
	/* the upper words are the sets' upper halves: CAP_MAC_ADMIN is 33 */
	show_bytes(DEC_CAP_DATA, capdata, sizeof(capdata), TR_ARG_BYTES,
		   "{effective=CAP_CHOWN|CAP_KILL|CAP_MAC_ADMIN,permitted=CAP_CHOWN,inheritable=0}");
	show_bytes(DEC_CAP_DATA, capdata, 12, TR_ARG_BYTES,
		   "{effective=CAP_CHOWN|CAP_KILL,permitted=CAP_CHOWN,inheritable=0}");
	show_bytes(DEC_UTIMES, times, sizeof(times), TR_ARG_BYTES,
		   "[{tv_sec=1,tv_nsec=2},UTIME_OMIT]");
	show_bytes(DEC_UTIMES, now, sizeof(now), TR_ARG_BYTES, "[UTIME_NOW,{tv_sec=3,tv_nsec=4}]");
	show_bytes(DEC_PERF_ATTR, &pa, sizeof(pa), TR_ARG_BYTES,
		   "{type=PERF_TYPE_SOFTWARE,size=128,config=9}");
	show_bytes(DEC_FD_PAIR, fds, sizeof(fds), TR_ARG_BYTES, "[3,4]");
	show_bytes(DEC_WAIT_STATUS, &exited, 4, TR_ARG_BYTES, "status=7");
	show_bytes(DEC_WAIT_STATUS, &killed, 4, TR_ARG_BYTES, "signal=SIGSEGV core");
	show_bytes(DEC_WAIT_STATUS, &stopped, 4, TR_ARG_BYTES, "stopped=SIGSTOP");
	show_bytes(DEC_WAIT_STATUS, &cont, 4, TR_ARG_BYTES, "continued");
	show_bytes(DEC_IO_URING_PARAMS, iop, sizeof(iop), TR_ARG_BYTES,
		   "{flags=IORING_SETUP_CLAMP}");
	show_bytes(DEC_STR_OR_HEX, "/etc", 5, TR_ARG_STR, "/etc");
	{
		const int64_t addr = 0x7ffd1000;
		show_bytes(DEC_STR_OR_HEX, &addr, sizeof(addr), TR_ARG_LONG, "0x7ffd1000");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_structures),
		cmocka_unit_test(test_rows_complete),
		cmocka_unit_test(test_names_both_ways),
		cmocka_unit_test(test_text_json_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
