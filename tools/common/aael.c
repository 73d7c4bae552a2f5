// SPDX-License-Identifier: GPL-2.0
/*
 * Events of Confidential Containers' attestation agent event log (AAEL).
 *
 * The agent writes "DOMAIN OPERATION CONTENT" (single spaces, no line
 * feed in CONTENT, nothing after it) as the data of an "AAEL" tagged
 * event. Trustee parses every AAEL event it is given this way, and
 * refuses the whole log when one is not valid UTF-8 or lacks the two
 * spaces: so an AAEL event is checked before it is made, and flagged when
 * a log holds one that is malformed. A log is append-only; one bad event
 * spoils it for good.
 */
#include <string.h>

#include "aael.h"

/* Return: 1 if @s is well-formed UTF-8 (RFC 3629, as Rust's str is). */
int is_utf8(const uint8_t *s, size_t len)
{
	size_t i = 0, n, k;
	uint32_t cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0)
			n = 1;
		else if ((s[i] & 0xf0) == 0xe0)
			n = 2;
		else if ((s[i] & 0xf8) == 0xf0)
			n = 3;
		else
			return 0;
		/* The lead byte's payload bits, and the least value n encodes. */
		cp = s[i] & (0x7f >> (n + 1));
		min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
		if (n > len - i - 1)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* Overlong forms, UTF-16 surrogates, beyond Unicode. */
		if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += n + 1;
	}
	return 1;
}

/**
 * aael_parse() - split AAEL event data into its fields.
 * @data: the tagged event's data.
 * @len: bytes of @data.
 * @e: the fields, when it is well-formed.
 *
 * Return: NULL if @data is an event the attestation agent could have
 * written and trustee accepts, or what is wrong with it.
 */
const char *aael_parse(const uint8_t *data, size_t len, struct aael_entry *e)
{
	const uint8_t *sp1, *sp2;

	if (!is_utf8(data, len))
		return "not UTF-8";
	sp1 = memchr(data, ' ', len);
	sp2 = sp1 ? memchr(sp1 + 1, ' ', len - (sp1 + 1 - data)) : NULL;
	if (!sp2)
		return "not 'DOMAIN OPERATION CONTENT': fewer than two spaces";
	e->domain = data;
	e->domain_len = sp1 - data;
	e->operation = sp1 + 1;
	e->operation_len = sp2 - (sp1 + 1);
	e->content = sp2 + 1;
	e->content_len = len - (sp2 + 1 - data);
	if (memchr(e->content, '\n', e->content_len))
		return "a line feed in CONTENT";
	return NULL;
}
