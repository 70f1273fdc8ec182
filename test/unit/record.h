/* Test helper: build wire records by hand, the way the probes do. */
#ifndef TRACEE_TEST_RECORD_H
#define TRACEE_TEST_RECORD_H

#include <linux/types.h>
#include <stdint.h>
#include <string.h>

#include "events.h"
#include "tracee_wire.h"

struct rec {
	uint8_t buf[TR_MAX_RECORD];
	size_t len;
};

static inline struct tr_hdr *rec_begin(struct rec *r, const char *event)
{
	struct tr_hdr *h = (struct tr_hdr *)r->buf;
	memset(r, 0, sizeof(*r));
	h->ts_ns = 61193235110123ull;
	h->pid = 13670;
	h->tid = 13671;
	h->ppid = 1;
	h->ns_pid = 1;
	h->ns_tid = 2;
	h->uid = 0;
	h->mnt_ns = 4026532402u;
	h->pid_ns = 4026532405u;
	h->uts_ns = 4026532401u;
	h->event_id = (__u16)events__find(event);
	strcpy(h->comm, "sh");
	strcpy(h->uts_name, "e89fcd33936c");
	/* compact, as the probes send it: up to the UTS name's NUL */
	h->hdr_len = (uint16_t)(TR_HDR_FIXED + strlen(h->uts_name) + 1);
	r->len = h->hdr_len;
	return h;
}

static inline void rec_arg(struct rec *r, uint8_t kind, uint8_t flags, const void *p, size_t n)
{
	struct tr_arg a = { kind, flags, (uint16_t)n };
	struct tr_hdr *h = (struct tr_hdr *)r->buf;
	memcpy(r->buf + r->len, &a, sizeof(a));
	memcpy(r->buf + r->len + sizeof(a), p, n);
	r->len += sizeof(a) + n;
	h->argc++;
	h->size = (uint16_t)r->len;
}

static inline void rec_long(struct rec *r, int64_t v)
{
	rec_arg(r, TR_ARG_LONG, 0, &v, sizeof(v));
}

static inline void rec_str(struct rec *r, const char *s)
{
	rec_arg(r, TR_ARG_STR, 0, s, strlen(s) + 1);
}

static inline void rec_end(struct rec *r, int64_t ret)
{
	struct tr_hdr *h = (struct tr_hdr *)r->buf;
	h->ret = ret;
	h->size = (uint16_t)r->len;
}

#endif
