// SPDX-License-Identifier: GPL-2.0
/*
 * escape.c - bytes made safe for a terminal (see escape.h).
 */
#include "escape.h"

#include <string.h>

size_t escape__utf8_len(const uint8_t *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * Code points the table escapes (and JSON writes as \u escapes), in
 * order: those a terminal acts on (C0 and C1 controls, DEL), those that
 * reorder the text around them (bidi embeddings, overrides, isolates and
 * marks), and those that show as nothing or as a plain space, so that
 * `rm\u00a0-rf` would read as `rm -rf`: Unicode's White_Space characters
 * beyond the ASCII space, its line and paragraph separators, and its
 * Default_Ignorable_Code_Point characters (zero-width characters, joiners,
 * fillers, variation selectors, tags). Combining marks are shown: they
 * change the look of the character before them, they do not hide.
 */
static const struct { uint32_t first, last; } unsafe_ranges[] = {
	{ 0x0000, 0x001f },   /* C0 controls */
	{ 0x007f, 0x009f },   /* DEL, C1 controls */
	{ 0x00a0, 0x00a0 },   /* no-break space */
	{ 0x00ad, 0x00ad },   /* soft hyphen */
	{ 0x034f, 0x034f },   /* combining grapheme joiner */
	{ 0x061c, 0x061c },   /* Arabic letter mark */
	{ 0x115f, 0x1160 },   /* Hangul fillers */
	{ 0x1680, 0x1680 },   /* Ogham space mark */
	{ 0x17b4, 0x17b5 },   /* Khmer inherent vowels */
	{ 0x180b, 0x180f },   /* Mongolian variation selectors, vowel separator */
	{ 0x2000, 0x200a },   /* en quad .. hair space */
	{ 0x200b, 0x200f },   /* zero-width space, joiners, LRM, RLM */
	{ 0x2028, 0x2029 },   /* line and paragraph separators */
	{ 0x202a, 0x202e },   /* bidi embeddings and overrides */
	{ 0x202f, 0x202f },   /* narrow no-break space */
	{ 0x205f, 0x205f },   /* medium mathematical space */
	{ 0x2060, 0x2065 },   /* word joiner, invisible operators, (unassigned) */
	{ 0x2066, 0x2069 },   /* bidi isolates */
	{ 0x206a, 0x206f },   /* deprecated format characters */
	{ 0x3000, 0x3000 },   /* ideographic space */
	{ 0x3164, 0x3164 },   /* Hangul filler */
	{ 0xfe00, 0xfe0f },   /* variation selectors */
	{ 0xfeff, 0xfeff },   /* zero-width no-break space (BOM) */
	{ 0xffa0, 0xffa0 },   /* halfwidth Hangul filler */
	{ 0xfff0, 0xfffb },   /* unassigned ignorables, interlinear annotation */
	{ 0x1bca0, 0x1bca3 }, /* shorthand format controls */
	{ 0x1d173, 0x1d17a }, /* musical symbol format controls */
	{ 0xe0000, 0xe0fff }, /* tags, variation selectors supplement */
};

bool escape__cp_unsafe(uint32_t c)
{
	size_t lo = 0, hi = sizeof(unsafe_ranges) / sizeof(unsafe_ranges[0]);

	if (c < 0x80)
		return c < 0x20 || c == 0x7f;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c < unsafe_ranges[mid].first)
			hi = mid;
		else if (c > unsafe_ranges[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/*
 * Whether text could be read as one of the table's own marks rather than
 * as a value: NULL (a null pointer), (unreadable), (truncated) (a record
 * cut short), or a trailing ... (a string or list cut short). Such text is
 * quoted, so that the mark and the string that spells it differ.
 */
bool escape__is_mark(const uint8_t *s, size_t len)
{
	if (len >= 3 && memcmp(s + len - 3, "...", 3) == 0)
		return true;
	switch (len) {
	case 4: return memcmp(s, "NULL", 4) == 0;
	case 11: return memcmp(s, "(truncated)", 11) == 0;
	case 12: return memcmp(s, "(unreadable)", 12) == 0;
	}
	return false;
}

void escape__token_quoted(struct strbuf *sb, const uint8_t *s, size_t len, bool quote)
{
	for (size_t i = 0; i < len && !quote;) {
		uint32_t cp;
		size_t n;
		if (s[i] > ' ' && s[i] < 0x7f && s[i] != '"' && s[i] != '\\') {
			i++; /* printable ASCII, no blank, quote or backslash */
			continue;
		}
		n = escape__utf8_len(s + i, len - i, &cp);
		if (!n || escape__cp_unsafe(cp) || cp == ' ' || cp == '"' || cp == '\\')
			quote = true;
		i += n ? n : 1;
	}
	if (!quote) {
		sb_put(sb, (const char *)s, len);
		return;
	}
	sb_putc(sb, '"');
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = escape__utf8_len(s + i, len - i, &cp);
		if (!n) {
			sb_printf(sb, "\\x%02x", s[i]);
			i++;
			continue;
		}
		switch (cp) {
		case '\n': sb_puts(sb, "\\n"); break;
		case '\t': sb_puts(sb, "\\t"); break;
		case '\r': sb_puts(sb, "\\r"); break;
		case '\033': sb_puts(sb, "\\e"); break;
		case '"': sb_puts(sb, "\\\""); break;
		case '\\': sb_puts(sb, "\\\\"); break;
		default:
			if (cp < 0x80 && escape__cp_unsafe(cp))
				sb_printf(sb, "\\x%02x", cp);
			else if (escape__cp_unsafe(cp))
				sb_printf(sb, "\\u{%x}", cp);
			else
				sb_put(sb, (const char *)s + i, n);
		}
		i += n;
	}
	sb_putc(sb, '"');
}

/* ---- widths */

int escape__cp_width(uint32_t cp)
{
	/* combining marks and zero-width characters */
	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f))
		return 0;
	/* East Asian wide and full-width ranges, and emoji */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
	    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

int escape__cols(const char *s, size_t len)
{
	int cols = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp = '?';
		size_t n = escape__utf8_len((const uint8_t *)s + i, len - i, &cp);
		cols += escape__cp_width(cp);
		i += n ? n : 1;
	}
	return cols;
}
