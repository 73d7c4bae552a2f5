// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote log`: print the records of a TD's event logs, the firmware's
 * (CCEL), tdx_guest's runtime log (rtmr_log), or the two as the one log a
 * verifier replays, with what each record says and whether its digest is
 * the hash of its event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tdx-guest/rtmr_log.h>

#include "../common/aael.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "output.h"
#include "tdx_quote.h"

#define NOTE_DIGEST "digest-only extend: what was measured is not logged"
#define NOTE_BASELINE "the register's value when tdx_guest loaded, which the firmware's log does not explain: no replay from the firmware's log reproduces it"

static int is_printable(const uint8_t *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	return 1;
}

/*
 * Bytes as text when every one is printable ASCII (@n), else as hex
 * (@n_hex); nothing for no bytes. Text is copied: it has no NUL.
 */
static void out_bytes(struct out *o, const char *n, const char *n_hex,
		      const uint8_t *buf, size_t len)
{
	char *text;

	if (!len)
		return;
	if (!is_printable(buf, len)) {
		out_hex(o, n_hex, buf, len);
		return;
	}
	text = strndup((const char *)buf, len);
	if (!text) {
		errmsg("out of memory");
		exit(EXIT_USAGE);
	}
	out_str(o, n, text);
	free(text);
}

/*
 * A taggedEventID reads as four characters when its hex digits are ASCII
 * codes: 0x4141454c is "AAEL" (the most significant byte first; in the
 * log, little-endian, its bytes are "LEAA").
 */
static void out_tag(struct out *o, uint32_t tag)
{
	char s[11];
	int i;

	snprintf(s, sizeof(s), "0x%08x", tag);
	out_str(o, "tag_id", s);
	for (i = 0; i < 4; i++)
		s[i] = tag >> (24 - 8 * i);
	s[4] = 0;
	if (is_printable((const uint8_t *)s, 4))
		out_str(o, "tag", s);
}

static void out_aael(struct out *o, const struct tcg_record *r)
{
	struct aael_entry a;
	const char *why = aael_parse(r->tag_data, r->tag_data_size, &a);

	if (why) {
		out_str(o, "aael_error", why);
		return;
	}
	out_bytes(o, "aael_domain", "aael_domain_hex", a.domain, a.domain_len);
	out_bytes(o, "aael_operation", "aael_operation_hex", a.operation,
		  a.operation_len);
	out_bytes(o, "aael_content", "aael_content_hex", a.content,
		  a.content_len);
}

/* Every digest, named by its algorithm: digest_sha384 and the like. */
static void out_digests(struct out *o, const struct tcg_log *l,
			const struct tcg_record *r)
{
	const uint8_t *p = r->digests;
	const char *alg;
	char name[32];
	uint32_t i;
	uint16_t id;

	for (i = 0; i < r->digest_count; i++) {
		id = p[0] | p[1] << 8;
		alg = tcg_alg_name(id);
		snprintf(name, sizeof(name), "digest_%s", alg);
		out_hex(o, name, p + 2, tcg_alg_size(&l->algs, id));
		p += 2 + tcg_alg_size(&l->algs, id);
	}
}

/*
 * Whether the SHA-384 digest is SHA-384 of the event, as a verifier
 * checks (for EV_EVENT_TAG the whole tagged event, ID and size included).
 * EV_NO_ACTION events extend nothing; a digest-only record's event is a
 * placeholder for content nobody logged.
 */
static const char *digest_matches(const struct tcg_record *r)
{
	uint8_t md[SHA384_SIZE];

	if (r->type == TCG_EV_NO_ACTION || !r->sha384)
		return "n/a";
	if (r->tagged && r->tag_id == TDX_RTMR_LOG_TAG_DIGEST)
		return "digest-only";
	if (sha384(r->event, r->event_size, md))
		exit(EXIT_USAGE);
	return memcmp(md, r->sha384, SHA384_SIZE) ? "no" : "yes";
}

static void out_record(struct out *o, const struct tcg_log *l,
		       const struct tcg_record *r, unsigned int n)
{
	static const char *const regs[] = { "MRTD", "RTMR0", "RTMR1", "RTMR2",
					    "RTMR3" };
	size_t trailing;

	out_item_begin(o);
	out_uint(o, "record", n);
	out_uint(o, "offset", r->offset);
	out_str(o, "source", r->runtime ? "rtmr_log" : "ccel");
	if (r->runtime)
		out_uint(o, "rtmr_log_offset", r->offset - l->runtime_from);
	out_uint(o, "mr_index", r->mr_index);
	if (r->mr_index < ARRAY_SIZE(regs))
		out_str(o, "register", regs[r->mr_index]);
	out_str(o, "type", tcg_event_type_name(r->type));
	out_xint(o, "type_id", r->type);
	out_digests(o, l, r);
	out_uint(o, "event_size", r->event_size);
	if (r->tagged) {
		out_tag(o, r->tag_id);
		out_uint(o, "data_size", r->tag_data_size);
		out_bytes(o, "data", "data_hex", r->tag_data,
			  r->tag_data_size);
		trailing = r->event_size - TCG_TAGGED_HEAD_SIZE -
			   r->tag_data_size;
		if (trailing)
			out_hex(o, "event_trailing_hex",
				r->tag_data + r->tag_data_size, trailing);
		if (r->tag_id == TDX_RTMR_LOG_TAG_AAEL)
			out_aael(o, r);
	} else {
		out_bytes(o, "event", "event_hex", r->event, r->event_size);
	}
	out_str(o, "digest_matches_event", digest_matches(r));
	if (r->tagged && r->tag_id == TDX_RTMR_LOG_TAG_DIGEST)
		out_str(o, "note", NOTE_DIGEST);
	if (r->tagged && r->tag_id == TDX_RTMR_LOG_TAG_BASELINE)
		out_str(o, "note", NOTE_BASELINE);
	out_item_end(o);
}

/**
 * print_log() - print every record of a combined log.
 * @e: the log, checked by logs_load().
 * @json: one JSON object instead of lines.
 *
 * Return: EXIT_OK, or EXIT_USAGE if the log fails to parse (which
 * logs_load() has ruled out) or an AAEL event is malformed: such a log is
 * refused whole by trustee.
 */
int print_log(const struct evlog *e, int json)
{
	struct tcg_record r;
	struct tcg_log l;
	char err[192], algs[96] = "";
	unsigned int n = 0, bad_aael = 0, i;
	struct aael_entry a;
	struct out o;
	int ret;

	if (evlog_open(e, &l, err, sizeof(err))) {
		errmsg("malformed event log: %s", err);
		return EXIT_USAGE;
	}
	for (i = 0; i < l.algs.n; i++)
		snprintf(algs + strlen(algs), sizeof(algs) - strlen(algs),
			 "%s%s", i ? "," : "", tcg_alg_name(l.algs.id[i]));
	out_begin(&o, stdout, json);
	out_str(&o, "log", e->has_ccel && e->has_runtime ? "ccel+rtmr_log" :
		e->has_ccel ? "ccel" : "rtmr_log");
	out_str(&o, "algorithms", algs);
	if (e->has_ccel) {
		out_uint(&o, "ccel_events", e->ccel_events);
		out_uint(&o, "ccel_free_space", e->ccel_free);
	}
	if (e->has_runtime)
		out_uint(&o, "rtmr_log_records", e->runtime_records);
	out_list_begin(&o, "records");
	while ((ret = tcg_log_next(&l, &r)) > 0) {
		out_record(&o, &l, &r, n++);
		if (r.tagged && r.tag_id == TDX_RTMR_LOG_TAG_AAEL &&
		    aael_parse(r.tag_data, r.tag_data_size, &a))
			bad_aael++;
	}
	out_list_end(&o);
	out_end(&o);
	if (ret < 0) {
		errmsg("malformed event log: %s", err);
		return EXIT_USAGE;
	}
	if (bad_aael) {
		errmsg("%u malformed AAEL event%s (aael_error): trustee refuses the whole log",
		       bad_aael, bad_aael == 1 ? "" : "s");
		return EXIT_NOT_VERIFIED;
	}
	return EXIT_OK;
}
