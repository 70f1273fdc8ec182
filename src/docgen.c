// SPDX-License-Identifier: GPL-2.0
/*
 * docgen.c - what tracee says of itself, generated from its tables (see
 * docgen.h): --list, --list=columns, docs/events.md, the JSON Schema and
 * the bash completion.
 */
#include "docgen.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "decoders.h"
#include "events.h"
#include "format.h"
#include "strbuf.h"

/* `tracee --list`. With a width (a terminal), the arguments and the
 * description wrap under ARGUMENTS; without, the lines are whole. */
void docgen__list_events(FILE *f, int width)
{
	struct strbuf sb = { 0 }, sets = { 0 }, unit = { 0 };
	struct wrap w;

	format__wrap_begin(&w, &sb, width, 32);
	sb_printf(&sb, "%-18s %-12s %s", "EVENT", "SETS", "ARGUMENTS");
	format__wrap_end(&w);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		sb_reset(&sets);
		/* every system call is in `syscalls`: not said on each line */
		for (size_t s = 0; s < event_set_count; s++)
			if (e->sets & event_sets[s].mask & ~SET_SYSCALLS)
				sb_printf(&sets, "%s%s", sets.len ? "," : "", event_sets[s].name);
		format__wrap_begin(&w, &sb, width, 32);
		sb_printf(&sb, "%-18s %-12s", e->name, sets.buf ? sets.buf : "");
		for (int p = 0; p < e->nparams; p++) {
			sb_reset(&unit);
			sb_printf(&unit, "%s (%s%s)%s", e->params[p].name, decoder_table[e->params[p].decoder].word,
				  e->params[p].exec_env ? ", with --exec-env" : "",
				  p + 1 < e->nparams ? "," : "");
			format__wrap_word(&w, unit.buf, unit.len);
		}
		format__wrap_end(&w);
		format__wrap_begin(&w, &sb, width, 32);
		sb_printf(&sb, "%-18s %-12s", "", "");
		format__wrap_text(&w, e->doc);
		if (e->nr < 0 && e->kind == EK_SYSCALL)
			format__wrap_word(&w, "[not on this architecture]", 26);
		format__wrap_end(&w);
	}
	if (sb.buf)
		fputs(sb.buf, f);
	sb_free(&sb);
	sb_free(&sets);
	sb_free(&unit);
}

/* `tracee --list=columns`: the column table and the presets. */
void docgen__list_columns(FILE *f, int width)
{
	struct strbuf sb = { 0 };
	struct wrap w;
	char buf[16];

	format__wrap_begin(&w, &sb, width, 30);
	sb_printf(&sb, "%-10s %4s %-13s", "COLUMN", "SEED", "FITTED");
	format__wrap_word(&w, "DESCRIPTION", 11);
	format__wrap_end(&w);
	for (int i = 0; i < COL_COUNT; i++) {
		const struct format_column *c = &format_columns[i];
		format__wrap_begin(&w, &sb, width, 30);
		sb_printf(&sb, "%-10s %4d %-13s", c->name, c->seed_width,
			  format__fit_doc(c, buf, sizeof(buf)));
		format__wrap_text(&w, c->doc);
		format__wrap_end(&w);
	}
	sb_putc(&sb, '\n');
	format__wrap_begin(&w, &sb, width, 11);
	sb_printf(&sb, "%-10s", "PRESET");
	format__wrap_word(&w, "COLUMNS", 7);
	format__wrap_end(&w);
	for (size_t i = 0; i < format_preset_count; i++) {
		const struct format_preset *p = &format_presets[i];
		format__wrap_begin(&w, &sb, width, 11);
		sb_printf(&sb, "%-10s", p->name);
		for (int k = 0; k < p->ncols; k++) {
			const char *name = format_columns[p->cols[k]].name;
			snprintf(buf, sizeof(buf), "%s%s", name, k + 1 < p->ncols ? "," : "");
			if (k)
				format__wrap_glued(&w, buf, strlen(buf));
			else
				format__wrap_word(&w, buf, strlen(buf));
		}
		format__wrap_end(&w);
		format__wrap_begin(&w, &sb, width, 11);
		sb_printf(&sb, "%-10s", "");
		format__wrap_text(&w, p->doc);
		format__wrap_end(&w);
	}
	if (sb.buf)
		fputs(sb.buf, f);
	sb_free(&sb);
}

void docgen__events_markdown(FILE *f)
{
	fputs("# Events\n\n"
	      "Generated from the event table (`src/events.c`) by `tracee --list=markdown`;\n"
	      "a unit test fails when this file and the table disagree.\n\n"
	      "System calls are traced through each selected call's own\n"
	      "`syscalls:sys_enter_NAME`/`sys_exit_NAME` tracepoints (`--probe-mode auto` for\n"
	      "up to 8 calls, or `tracepoint`), through `raw_syscalls:sys_enter`/`sys_exit`,\n"
	      "or through kprobes (see `docs/kernels.md`). RET is the kernel's return value:\n"
	      "negative errno on failure, as the seed showed. Strings are printed as they are unless they\n"
	      "hold spaces, quotes, backslashes, control characters, invalid UTF-8, bidi\n"
	      "controls, or characters a terminal shows as nothing or as a plain space\n"
	      "(Unicode spaces, zero-width characters, tags: `docs/security.md` lists\n"
	      "them): then they are quoted and escaped (`\\n`, `\\e`, `\\xNN`, `\\u{a0}`).\n"
	      "`...` marks a truncated string or list, `NULL` a null pointer,\n"
	      "`(unreadable)` memory that could not be read; a string that spells a mark\n"
	      "or ends in `...` is quoted (`\"NULL\"`), as is a unix socket path that is not\n"
	      "absolute.\n\n## Sets\n\n| set | events |\n| --- | --- |\n",
	      f);
	for (size_t s = 0; s < event_set_count; s++) {
		int n = 0;
		fprintf(f, "| `%s` | ", event_sets[s].name);
		if (event_sets[s].mask == SET_SYSCALLS) {
			fputs("every system call below |\n", f);
			continue;
		}
		for (size_t i = 0; i < event_count; i++)
			if (event_table[i].sets & event_sets[s].mask)
				fprintf(f, "%s%s", n++ ? ", " : "", event_table[i].name);
		fputs(" |\n", f);
	}
	fputs("\n## Events\n", f);
	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		fprintf(f, "\n### %s\n\n%c%s.", e->name, e->doc[0] >= 'a' && e->doc[0] <= 'z'
								? e->doc[0] - 'a' + 'A'
								: e->doc[0],
			e->doc + 1);
		if (e->alias)
			fprintf(f, " Also selected as `%s`.", e->alias);
		if (e->flags & EF_SUCCESSOR)
			fputs(" Not in the seed: what current C libraries call instead.", f);
		if (e->kind == EK_SYSCALL)
			fprintf(f, " Kernel name: `%s`.", e->syscall);
		if (e->flags & EF_RET_HEX)
			fputs(" RET is an address, in hex.", f);
		fputs("\n\n", f);
		if (!e->nparams && e->kind != EK_DO_EXIT) {
			fputs("No arguments.\n", f);
			continue;
		}
		fputs("| argument | C type | shown as |\n| --- | --- | --- |\n", f);
		if (e->kind == EK_DO_EXIT)
			fputs("| status | | `status=N`, or `signal=SIGNAME` (and `core`); RET is N, or "
			      "128 + the signal |\n",
			      f);
		for (int p = 0; p < e->nparams; p++)
			fprintf(f, "| %s | %s%s%s | %s%s |\n", e->params[p].name,
				e->params[p].ctype ? "`" : "",
				e->params[p].ctype ? e->params[p].ctype : "",
				e->params[p].ctype ? "`" : "",
				decoder_table[e->params[p].decoder].doc,
				(e->flags & EF_OPEN_MODE) && e->params[p].decoder == DEC_MODE
					? "; shown only when the flags create a file"
				: e->params[p].exec_env
					? "; only with `--exec-env` (the environment can hold secrets), "
					  "at most `--max-args` entries"
					: "");
	}
}

/* ---- the JSON Schema of tracee's JSON Lines, generated from the table */

static cJSON *schema_type(const char *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "type", t);
	return o;
}

static cJSON *schema_nullable(const char *t)
{
	cJSON *o = cJSON_CreateObject();
	const char *types[] = { t, "null" };
	cJSON_AddItemToObject(o, "type", cJSON_CreateStringArray(types, 2));
	return o;
}

static cJSON *schema_object(const char *const *req, int nreq)
{
	cJSON *o = schema_type("object");
	if (nreq)
		cJSON_AddItemToObject(o, "required", cJSON_CreateStringArray(req, nreq));
	cJSON_AddObjectToObject(o, "properties");
	return o;
}

static void schema_prop(cJSON *obj, const char *name, cJSON *s)
{
	cJSON_AddItemToObject(cJSON_GetObjectItem(obj, "properties"), name, s);
}

/* "version": every line carries the schema's version. */
static cJSON *schema_version(void)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "const", JSON_SCHEMA_VERSION);
	return o;
}

/* A decoder's JSON value: its row's fragment. */
static cJSON *schema_for(enum decoder d)
{
	return cJSON_Parse(decoder_table[d].schema);
}

/* A reference to one of the schema's shared definitions. */
static cJSON *schema_ref(const char *name)
{
	char ref[64];
	cJSON *o = cJSON_CreateObject();

	snprintf(ref, sizeof(ref), "#/definitions/%s", name);
	cJSON_AddStringToObject(o, "$ref", ref);
	return o;
}

/* What every event line has alike, defined once and referred to by each
 * event's branch. */
static void schema_definitions(cJSON *root)
{
	const char *proc_req[] = { "pid", "tid", "ppid", "ns_pid", "ns_tid", "ns_ppid", "uid",
				   "comm" };
	const char *ns_req[] = { "uts_name", "uts", "mnt", "pid" };
	const char *flag_words[] = { "truncated", "null", "unreadable", "more", "invalid_utf8" };
	cJSON *defs = cJSON_AddObjectToObject(root, "definitions"), *p, *arr;

	cJSON_AddItemToObject(defs, "count", cJSON_Parse("{\"type\":\"integer\",\"minimum\":0}"));
	p = schema_type("string");
	cJSON_AddStringToObject(p, "pattern",
				"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z$");
	cJSON_AddItemToObject(defs, "wall_time", p);
	p = schema_object(proc_req, 8);
	for (int k = 0; k < 7; k++)
		schema_prop(p, proc_req[k], schema_ref("count"));
	schema_prop(p, "comm", schema_type("string"));
	cJSON_AddFalseToObject(p, "additionalProperties");
	cJSON_AddItemToObject(defs, "process", p);
	p = schema_object(ns_req, 4);
	schema_prop(p, "uts_name", schema_type("string"));
	for (int k = 1; k < 4; k++)
		schema_prop(p, ns_req[k], schema_ref("count"));
	cJSON_AddFalseToObject(p, "additionalProperties");
	cJSON_AddItemToObject(defs, "namespaces", p);
	cJSON_AddItemToObject(defs, "errno",
			      cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^E[A-Z0-9_]+$\"}"));
	cJSON_AddItemToObject(defs, "ret_hex",
			      cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^0x[0-9a-f]+$\"}"));
	p = schema_type("object");
	arr = schema_type("array");
	cJSON_AddItemToObject(arr, "items", cJSON_CreateObject());
	cJSON_AddItemToObject(cJSON_GetObjectItem(arr, "items"), "enum",
			      cJSON_CreateStringArray(flag_words, 5));
	cJSON_AddItemToObject(p, "additionalProperties", arr);
	cJSON_AddItemToObject(defs, "arg_flags", p);
	p = schema_type("object");
	cJSON_AddItemToObject(p, "additionalProperties",
			      cJSON_Parse("{\"type\":\"string\",\"pattern\":\"^([0-9a-f]{2})*$\"}"));
	cJSON_AddItemToObject(defs, "args_raw", p);
}

void docgen__json_schema(FILE *f)
{
	cJSON *root = cJSON_CreateObject(), *one_of, *ev, *p;
	const char *ev_req[] = { "version", "kind", "time", "wall_time", "event", "event_id",
				 "process", "namespaces", "cgroup_id", "container_id", "ret",
				 "args" };
	const char *lost_req[] = { "version", "kind", "reason", "lost" };
	const char *lost_reasons[] = { "ring_buffer_full", "perf_buffer_full",
				       "inflight_table_full", "traced_table_full",
				       "cgroup_ring_buffer_full" };
	const char *sum_req[] = { "version", "kind", "events", "lost", "dropped", "untracked",
				  "cgroups_lost", "malformed", "filtered", "past_count",
				  "per_event" };
	char *text;

	cJSON_AddStringToObject(root, "$schema", "http://json-schema.org/draft-07/schema#");
	cJSON_AddStringToObject(root, "title", "tracee JSON Lines, one object per line");
	cJSON_AddStringToObject(root, "description",
				"Generated from the event table by tracee --list=json-schema.");
	schema_definitions(root);
	one_of = cJSON_AddArrayToObject(root, "oneOf");

	for (size_t i = 0; i < event_count; i++) {
		const struct event_def *e = &event_table[i];
		cJSON *args;

		ev = schema_object(ev_req, 12);
		cJSON_AddFalseToObject(ev, "additionalProperties");
		schema_prop(ev, "version", schema_version());
		schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"event\"}"));
		schema_prop(ev, "time", cJSON_Parse("{\"type\":\"number\",\"minimum\":0}"));
		schema_prop(ev, "wall_time", schema_ref("wall_time"));
		p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "const", e->name);
		schema_prop(ev, "event", p);
		p = cJSON_CreateObject();
		cJSON_AddNumberToObject(p, "const", (double)i);
		schema_prop(ev, "event_id", p);
		if (e->kind == EK_SYSCALL)
			schema_prop(ev, "syscall_nr", schema_type("integer"));
		schema_prop(ev, "process", schema_ref("process"));
		schema_prop(ev, "namespaces", schema_ref("namespaces"));
		schema_prop(ev, "cgroup_id", schema_ref("count"));
		schema_prop(ev, "container_id", schema_nullable("string"));
		schema_prop(ev, "ret", schema_type(e->flags & EF_NO_RETURN ? "null" : "integer"));
		schema_prop(ev, "errno", schema_ref("errno"));
		if (e->flags & EF_RET_HEX)
			schema_prop(ev, "ret_hex", schema_ref("ret_hex"));
		schema_prop(ev, "truncated", cJSON_Parse("{\"const\":true}"));

		args = schema_object(NULL, 0);
		cJSON_AddFalseToObject(args, "additionalProperties");
		if (e->kind == EK_DO_EXIT) {
			schema_prop(args, "status", schema_type("integer"));
			schema_prop(args, "signal", schema_for(DEC_SIGNAL));
			schema_prop(args, "core_dumped", schema_type("boolean"));
		}
		for (int k = 0; k < e->nparams; k++)
			schema_prop(args, e->params[k].name, schema_for(e->params[k].decoder));
		schema_prop(ev, "args", args);
		schema_prop(ev, "arg_flags", schema_ref("arg_flags"));
		schema_prop(ev, "args_raw", schema_ref("args_raw"));
		cJSON_AddItemToArray(one_of, ev);
	}

	ev = schema_object(lost_req, 4);
	schema_prop(ev, "version", schema_version());
	schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"lost\"}"));
	p = cJSON_CreateObject();
	cJSON_AddItemToObject(p, "enum", cJSON_CreateStringArray(lost_reasons, 5));
	schema_prop(ev, "reason", p);
	schema_prop(ev, "lost", cJSON_Parse("{\"type\":\"integer\",\"minimum\":1}"));
	schema_prop(ev, "cpu", schema_ref("count"));
	cJSON_AddFalseToObject(ev, "additionalProperties");
	cJSON_AddItemToArray(one_of, ev);

	ev = schema_object(sum_req, 11);
	schema_prop(ev, "version", schema_version());
	schema_prop(ev, "kind", cJSON_Parse("{\"const\":\"summary\"}"));
	for (int k = 2; k < 10; k++)
		schema_prop(ev, sum_req[k], schema_ref("count"));
	p = schema_type("object");
	cJSON_AddItemToObject(p, "additionalProperties",
			      cJSON_Parse("{\"type\":\"integer\",\"minimum\":1}"));
	schema_prop(ev, "per_event", p);
	cJSON_AddFalseToObject(ev, "additionalProperties");
	cJSON_AddItemToArray(one_of, ev);

	text = cJSON_Print(root);
	fprintf(f, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(root);
}

/* ---- bash completion, generated from the option and event tables */

static void words_of(FILE *f, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		fprintf(f, "%s%s", i ? " " : "", words[i]);
}

/* How the value of an option is completed: the shell code of a case arm. */
static void value_completion(FILE *f, const char *name)
{
	for (size_t i = 0; i < cli_choice_count; i++)
		if (strcmp(name, cli_choices[i].opt) == 0) {
			fputs("COMPREPLY=($(compgen -W \"", f);
			words_of(f, cli_choices[i].words);
			fputs("\" -- \"$cur\"))", f);
			return;
		}
	if (strcmp(name, "events-to-trace") == 0)
		fputs("_tracee_events", f);
	else if (strcmp(name, "columns") == 0)
		fputs("_tracee_columns", f);
	else if (strcmp(name, "output-max-size") == 0)
		fputs("COMPREPLY=($(compgen -W \"10M 100M 1G\" -- \"$cur\"))", f);
	else if (strcmp(name, "output") == 0)
		fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", f);
	else if (strcmp(name, "cache-dir") == 0)
		fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", f);
	else if (strcmp(name, "pid") == 0)
		fputs("COMPREPLY=($(cd /proc && compgen -W \"$(echo [0-9]*)\" -- \"$cur\"))", f);
	else
		fputs(":", f); /* a number or a name: nothing to offer */
}

/* --columns: a comma-separated list of the column table's names and presets. */
static void columns_completion(FILE *f)
{
	fputs("_tracee_columns()\n"
	      "{\n"
	      "\tlocal words=\"", f);
	for (size_t i = 0; i < format_preset_count; i++)
		fprintf(f, "%s ", format_presets[i].name);
	for (int i = 0; i < COL_COUNT; i++)
		fprintf(f, "%s%s", format_columns[i].name, i + 1 < COL_COUNT ? " " : "");
	fputs("\"\n"
	      "\tlocal head= word=$cur\n"
	      "\tif [[ $word == *,* ]]; then head=${word%,*},; word=${word##*,}; fi\n"
	      "\tCOMPREPLY=($(compgen -P \"$head\" -W \"$words\" -- \"$word\"))\n"
	      "\tcompopt -o nospace 2>/dev/null || :\n"
	      "}\n"
	      "\n", f);
}

void docgen__bash_completion(FILE *f)
{
	fputs("# bash completion for tracee(8), generated by `tracee --list=bash-completion`\n"
	      "# from tracee's option and event tables.\n"
	      "\n"
	      "_tracee_events()\n"
	      "{\n"
	      "\tlocal words=\"all", f);
	for (size_t i = 0; i < event_set_count; i++)
		fprintf(f, " %s", event_sets[i].name);
	for (size_t i = 0; i < event_count; i++)
		fprintf(f, " %s", event_table[i].name);
	fputs("\"\n"
	      "\t# a comma-separated list: complete its last item, '!' excludes\n"
	      "\tlocal head= word=$cur\n"
	      "\tif [[ $word == *,* ]]; then head=${word%,*},; word=${word##*,}; fi\n"
	      "\tcase $word in '!'*|-*) head+=${word:0:1}; word=${word:1} ;; esac\n"
	      "\tCOMPREPLY=($(compgen -P \"$head\" -W \"$words\" -- \"$word\"))\n"
	      "\tcompopt -o nospace 2>/dev/null || :\n"
	      "}\n"
	      "\n", f);
	columns_completion(f);
	fputs("_tracee()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} opt= eq=\n"
	      "\t# bash splits --option=value at '='\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\tcur= opt=$prev eq=1\n"
	      "\telif [[ $prev == = && $COMP_CWORD -ge 2 ]]; then\n"
	      "\t\topt=${COMP_WORDS[COMP_CWORD-2]} eq=1\n"
	      "\telif [[ $cur == --*=* ]]; then\n"
	      "\t\topt=${cur%%=*} cur=${cur#*=} eq=1\n"
	      "\telse\n"
	      "\t\topt=$prev\n"
	      "\tfi\n"
	      "\tcase $opt in\n",
	      f);
	for (const struct option *o = cli_long_opts; o->name; o++) {
		if (o->has_arg == no_argument)
			continue;
		if (o->val < 0x100)
			fprintf(f, "\t-%c|", o->val);
		else
			fputc('\t', f);
		fprintf(f, "--%s)\n\t\t", o->name);
		/* an optional value is only ever given after '=' */
		if (o->has_arg == optional_argument)
			fputs("[[ $eq ]] && { ", f);
		value_completion(f, o->name);
		fputs(o->has_arg == optional_argument ? "; return; } ;;\n" : "\n\t\treturn ;;\n", f);
	}
	fputs("\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	      f);
	for (const struct option *o = cli_long_opts; o->name; o++)
		fprintf(f, "%s--%s", o == cli_long_opts ? "" : " ", o->name);
	for (const char *p = cli_short_opts; *p; p++)
		if (*p != ':' && *p != '+')
			fprintf(f, " -%c", *p);
	fputs("\" -- \"$cur\"))\n"
	      "\tfi\n"
	      "}\n"
	      "complete -F _tracee tracee\n",
	      f);
}
