// SPDX-License-Identifier: GPL-2.0
/*
 * decode.c - bounds-checked record decoding (see decode.h).
 */
#include "decode.h"

#include <stddef.h>
#include <string.h>

static uint8_t wire_kind(enum capture c)
{
	switch (c) {
	case CAP_LONG: return TR_ARG_LONG;
	case CAP_STR:
	case CAP_PATH_AT:
	case CAP_STR_LEN:
	case CAP_STR_RET:
	case CAP_STR_IF: return TR_ARG_STR; /* or the value, where none was read */
	case CAP_MSG_NAME: return TR_ARG_BYTES;
	case CAP_STRUCT_OUT: return TR_ARG_BYTES; /* or its address, where none was read */
	case CAP_ARGV: return TR_ARG_ARGV;
	case CAP_SOCKADDR_IN:
	case CAP_SOCKADDR_OUT:
	case CAP_STRUCT: return TR_ARG_BYTES;
	}
	return 0;
}

/* argv payload: u16 count, then count x (u16 len, bytes). */
static bool argv_valid(const uint8_t *p, size_t len, uint16_t *count)
{
	uint16_t n;
	size_t pos = sizeof(n);

	if (len < sizeof(n))
		return false;
	memcpy(&n, p, sizeof(n));
	for (uint16_t i = 0; i < n; i++) {
		uint16_t l;
		if (len - pos < sizeof(l))
			return false;
		memcpy(&l, p + pos, sizeof(l));
		pos += sizeof(l);
		if (len - pos < l)
			return false;
		pos += l;
	}
	*count = n;
	return true;
}

/* argblob payload: strings, each NUL-terminated but perhaps the last. */
static uint16_t argblob_count(const uint8_t *p, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (p[i] == '\0')
			n++;
	if (len && p[len - 1] != '\0')
		n++; /* a last string cut by truncation */
	return n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
}

bool decode__argv_next(const struct dec_arg *a, size_t *pos, const uint8_t **s, size_t *len)
{
	uint16_t l;

	if (a->kind == TR_ARG_ARGBLOB) {
		const uint8_t *nul;
		if (*pos >= a->len)
			return false;
		*s = a->data + *pos;
		nul = memchr(*s, '\0', a->len - *pos);
		*len = nul ? (size_t)(nul - *s) : a->len - *pos;
		*pos += *len + (nul ? 1 : 0);
		return true;
	}

	if (*pos == 0)
		*pos = sizeof(uint16_t);
	if (a->len < *pos || a->len - *pos < sizeof(l))
		return false;
	memcpy(&l, a->data + *pos, sizeof(l));
	*pos += sizeof(l);
	if (a->len - *pos < l)
		return false;
	*s = a->data + *pos;
	*len = l;
	*pos += l;
	return true;
}

int decode__record(const void *data, size_t size, struct event *ev)
{
	const uint8_t *p = data;
	size_t off;

	uint16_t hdr_len;

	/* not the whole struct: zeroing its every argument for every record
	 * was a seventh of the decoding (the arguments found are zeroed one
	 * by one, below; the header's bytes past the UTS name's NUL are not
	 * read) */
	ev->id = 0;
	ev->def = NULL;
	ev->nargs = 0;
	ev->container_id = NULL;
	/* the header is compact: it ends with the UTS name's NUL (hdr_len) */
	if (size < TR_HDR_FIXED + 1)
		return DECODE_SHORT;
	memcpy(&hdr_len, p + offsetof(struct tr_hdr, hdr_len), sizeof(hdr_len));
	if (hdr_len < TR_HDR_FIXED + 1 || hdr_len > TR_HDR_FIXED + TR_UTS_LEN || hdr_len > size)
		return DECODE_BAD_SIZE;
	memcpy(&ev->hdr, p, hdr_len);
	ev->hdr.comm[sizeof(ev->hdr.comm) - 1] = '\0';
	ev->hdr.uts_name[hdr_len - TR_HDR_FIXED - 1] = '\0';
	if (ev->hdr.size < hdr_len || ev->hdr.size > size)
		return DECODE_BAD_SIZE;
	size = ev->hdr.size;
	if (ev->hdr.event_id >= event_row_count)
		return DECODE_BAD_EVENT;
	ev->id = ev->hdr.event_id;
	ev->def = &event_table[ev->id];
	if (ev->hdr.argc > ev->def->nparams)
		return DECODE_BAD_ARGC;

	off = hdr_len;
	for (int i = 0; i < ev->hdr.argc; i++) {
		struct tr_arg a;
		struct dec_arg *d = &ev->args[i];

		if (size - off < sizeof(a))
			return DECODE_BAD_ARG;
		memcpy(&a, p + off, sizeof(a));
		off += sizeof(a);
		if (size - off < a.len)
			return DECODE_BAD_ARG;
		*d = (struct dec_arg){ 0 };
		d->param = &ev->def->params[i];
		if (a.kind != wire_kind(d->param->capture) &&
		    !(a.kind == TR_ARG_ARGBLOB && d->param->capture == CAP_ARGV) &&
		    !(a.kind == TR_ARG_LONG &&
		      ((wire_kind(d->param->capture) == TR_ARG_STR &&
			d->param->capture != CAP_STR && d->param->capture != CAP_PATH_AT) ||
		       d->param->capture == CAP_STRUCT_OUT)))
			return DECODE_BAD_ARG;
		d->kind = a.kind;
		d->flags = a.flags;
		d->len = a.len;
		d->data = p + off;
		switch (a.kind) {
		case TR_ARG_LONG:
			if (a.len != sizeof(int64_t))
				return DECODE_BAD_ARG;
			memcpy(&d->value, d->data, sizeof(d->value));
			break;
		case TR_ARG_ARGV:
			if (!argv_valid(d->data, a.len, &d->argc))
				return DECODE_BAD_ARG;
			break;
		case TR_ARG_ARGBLOB:
			d->argc = argblob_count(d->data, a.len);
			break;
		default:
			break;
		}
		off += a.len;
		ev->nargs++;
	}
	return DECODE_OK;
}

const char *decode__strerror(int err)
{
	switch (err) {
	case DECODE_OK: return "ok";
	case DECODE_SHORT: return "record shorter than its header";
	case DECODE_BAD_SIZE: return "record size out of range";
	case DECODE_BAD_EVENT: return "unknown event id";
	case DECODE_BAD_ARGC: return "too many arguments";
	case DECODE_BAD_ARG: return "malformed argument";
	}
	return "unknown error";
}
