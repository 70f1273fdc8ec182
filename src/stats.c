// SPDX-License-Identifier: GPL-2.0
#include "stats.h"

#include <cjson/cJSON.h>
#include <inttypes.h>

#include "events.h"
#include "format.h"

void stats__summary_text(const struct stats *st, struct strbuf *sb)
{
	int col = 0;

	sb_printf(sb, "tracee: %" PRIu64 " events, %" PRIu64 " lost", st->total, st->lost);
	if (st->inflight_dropped)
		sb_printf(sb, ", %" PRIu64 " dropped (in-flight table full)", st->inflight_dropped);
	if (st->malformed)
		sb_printf(sb, ", %" PRIu64 " malformed", st->malformed);
	sb_putc(sb, '\n');
	for (size_t i = 0; i < event_count; i++) {
		if (!st->events[i])
			continue;
		sb_printf(sb, "%s%-16s %10" PRIu64, col ? "   " : "  ", event_table[i].name,
			  st->events[i]);
		if (++col == 3) {
			sb_putc(sb, '\n');
			col = 0;
		}
	}
	if (col)
		sb_putc(sb, '\n');
	for (int c = 0; c < STATS_MAX_CPUS; c++)
		if (st->lost_cpu[c])
			sb_printf(sb, "  lost on CPU %d: %" PRIu64 "\n", c, st->lost_cpu[c]);
}

void stats__summary_json(const struct stats *st, struct strbuf *sb)
{
	cJSON *root = cJSON_CreateObject(), *ev;
	char *text;

	cJSON_AddNumberToObject(root, "version", JSON_SCHEMA_VERSION);
	cJSON_AddStringToObject(root, "kind", "summary");
	cJSON_AddNumberToObject(root, "events", (double)st->total);
	cJSON_AddNumberToObject(root, "lost", (double)st->lost);
	cJSON_AddNumberToObject(root, "dropped", (double)st->inflight_dropped);
	cJSON_AddNumberToObject(root, "malformed", (double)st->malformed);
	ev = cJSON_AddObjectToObject(root, "per_event");
	for (size_t i = 0; i < event_count; i++)
		if (st->events[i])
			cJSON_AddNumberToObject(ev, event_table[i].name, (double)st->events[i]);
	text = cJSON_PrintUnformatted(root);
	if (text) {
		sb_puts(sb, text);
		sb_putc(sb, '\n');
		cJSON_free(text);
	}
	cJSON_Delete(root);
}
