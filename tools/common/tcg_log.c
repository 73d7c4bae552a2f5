// SPDX-License-Identifier: GPL-2.0
/*
 * A strict reader of TCG2 crypto-agile event logs.
 *
 * The logs come from the TD's firmware and kernel and are read from files,
 * so they are untrusted input: every count and size is checked against
 * the bytes left before anything behind it is read, and the first record
 * that does not parse ends the reading with an error naming its offset.
 * What it accepts follows what verifiers accept (Confidential Containers'
 * trustee, deps/eventlog): the events end at 8 bytes of 0x00 or 0xff,
 * digest sizes come from the Spec ID event, and an event type the TCG
 * does not define is an error, not a record to skip. It is stricter where
 * trustee is loose: after the end only free space may follow, and the
 * runtime part must be what rtmr_log.h says tdx_guest writes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <tdx-guest/rtmr_log.h>

#include "tcg_log.h"
#include "util.h"

/* Signature of the Spec ID event that opens a crypto-agile log. */
static const char spec_id_sig[16] = "Spec ID Event03";

/* The SHA-1 format head of the first event: index, type, digest[20]. */
#define TCG_PCR_EVENT_DIGEST	20

/* An event head of this many bytes, all 0x00 or all 0xff, ends the log. */
#define TCG_STOP_SIZE		8

static const struct {
	uint32_t type;
	const char *name;
} event_types[] = {
	{ 0x00000000, "EV_PREBOOT_CERT" },
	{ 0x00000001, "EV_POST_CODE" },
	{ 0x00000002, "EV_UNUSED" },
	{ 0x00000003, "EV_NO_ACTION" },
	{ 0x00000004, "EV_SEPARATOR" },
	{ 0x00000005, "EV_ACTION" },
	{ 0x00000006, "EV_EVENT_TAG" },
	{ 0x00000007, "EV_S_CRTM_CONTENTS" },
	{ 0x00000008, "EV_S_CRTM_VERSION" },
	{ 0x00000009, "EV_CPU_MICROCODE" },
	{ 0x0000000a, "EV_PLATFORM_CONFIG_FLAGS" },
	{ 0x0000000b, "EV_TABLE_OF_DEVICES" },
	{ 0x0000000c, "EV_COMPACT_HASH" },
	{ 0x0000000d, "EV_IPL" },
	{ 0x0000000e, "EV_IPL_PARTITION_DATA" },
	{ 0x0000000f, "EV_NONHOST_CODE" },
	{ 0x00000010, "EV_NONHOST_CONFIG" },
	{ 0x00000011, "EV_NONHOST_INFO" },
	{ 0x00000012, "EV_OMIT_BOOT_DEVICE_EVENTS" },
	{ 0x80000000, "EV_EFI_EVENT_BASE" },
	{ 0x80000001, "EV_EFI_VARIABLE_DRIVER_CONFIG" },
	{ 0x80000002, "EV_EFI_VARIABLE_BOOT" },
	{ 0x80000003, "EV_EFI_BOOT_SERVICES_APPLICATION" },
	{ 0x80000004, "EV_EFI_BOOT_SERVICES_DRIVER" },
	{ 0x80000005, "EV_EFI_RUNTIME_SERVICES_DRIVER" },
	{ 0x80000006, "EV_EFI_GPT_EVENT" },
	{ 0x80000007, "EV_EFI_ACTION" },
	{ 0x80000008, "EV_EFI_PLATFORM_FIRMWARE_BLOB" },
	{ 0x80000009, "EV_EFI_HANDOFF_TABLES" },
	{ 0x8000000a, "EV_EFI_PLATFORM_FIRMWARE_BLOB2" },
	{ 0x8000000b, "EV_EFI_HANDOFF_TABLES2" },
	{ 0x8000000c, "EV_EFI_VARIABLE_BOOT2" },
	{ 0x80000010, "EV_EFI_HCRTM_EVENT" },
	{ 0x800000e0, "EV_EFI_VARIABLE_AUTHORITY" },
	{ 0x800000e1, "EV_EFI_SPDM_FIRMWARE_BLOB" },
	{ 0x800000e2, "EV_EFI_SPDM_FIRMWARE_CONFIG" },
};

/* The hash algorithms a log may declare, with the only size each has. */
static const struct {
	uint16_t id;
	uint16_t size;
	const char *name;
} hash_algs[] = {
	{ 0x0004, 20, "sha1" },
	{ 0x000b, 32, "sha256" },
	{ 0x000c, 48, "sha384" },
	{ 0x000d, 64, "sha512" },
	{ 0x0012, 32, "sm3_256" },
};

/**
 * tcg_event_type_name() - the TCG name of an event type.
 * @type: the event type.
 *
 * Return: "EV_...", or NULL for a type the TCG does not define (the
 * types trustee knows, from the PC Client Platform Firmware Profile).
 */
const char *tcg_event_type_name(uint32_t type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(event_types); i++)
		if (event_types[i].type == type)
			return event_types[i].name;
	return NULL;
}

/* Return: "sha384" and the like, or NULL for an unknown algorithm. */
const char *tcg_alg_name(uint16_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hash_algs); i++)
		if (hash_algs[i].id == id)
			return hash_algs[i].name;
	return NULL;
}

/* Return: the digest size the log declares for @id, or -1. */
int tcg_alg_size(const struct tcg_algs *algs, uint16_t id)
{
	unsigned int i;

	for (i = 0; i < algs->n; i++)
		if (algs->id[i] == id)
			return algs->size[i];
	return -1;
}

/**
 * struct cursor - a read position that never leaves its bytes.
 * @p: the next byte.
 * @left: bytes from @p to the end.
 * @l: the log, for offsets in messages.
 */
struct cursor {
	const uint8_t *p;
	size_t left;
	struct tcg_log *l;
};

static int bad_at(struct tcg_log *l, size_t off, const char *fmt, ...)
	__printf(3, 4);

/* Describe a failure at byte @off of the log; return -1. */
static int bad_at(struct tcg_log *l, size_t off, const char *fmt, ...)
{
	va_list ap;
	int n;

	l->err_runtime = off >= l->runtime_from && l->runtime_from < l->len;
	if (l->err_runtime && l->runtime_from)
		n = snprintf(l->err, l->errlen, "at byte %zu (rtmr_log byte %zu): ",
			     off, off - l->runtime_from);
	else
		n = snprintf(l->err, l->errlen, "at byte %zu: ", off);
	if (n < 0 || (size_t)n >= l->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(l->err + n, l->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static size_t at(const struct cursor *c)
{
	return c->p - c->l->buf;
}

static const uint8_t *get(struct cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (n > c->left)
		return NULL;
	c->p += n;
	c->left -= n;
	return p;
}

static int get_u8(struct cursor *c, uint8_t *v)
{
	const uint8_t *p = get(c, 1);

	if (!p) {
		bad_at(c->l, at(c), "truncated");
		return -1;
	}
	*v = *p;
	return 0;
}

static int get_u16(struct cursor *c, uint16_t *v)
{
	const uint8_t *p = get(c, 2);

	if (!p) {
		bad_at(c->l, at(c), "truncated");
		return -1;
	}
	*v = p[0] | p[1] << 8;
	return 0;
}

static uint32_t le32_at(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int get_u32(struct cursor *c, uint32_t *v)
{
	const uint8_t *p = get(c, 4);

	if (!p) {
		bad_at(c->l, at(c), "truncated");
		return -1;
	}
	*v = le32_at(p);
	return 0;
}

/* The Spec ID event's data: which digests each later event carries. */
static int parse_spec_id(struct cursor *c, struct tcg_algs *algs)
{
	const uint8_t *sig = get(c, sizeof(spec_id_sig));
	uint8_t minor, major, errata, uintn, vendor_len;
	uint32_t platform, n;
	unsigned int i, j;
	size_t off;

	if (!sig || memcmp(sig, spec_id_sig, sizeof(spec_id_sig)))
		return bad_at(c->l, at(c),
			      "the first event is no 'Spec ID Event03': not a crypto-agile log");
	if (get_u32(c, &platform) || get_u8(c, &minor) || get_u8(c, &major) ||
	    get_u8(c, &errata) || get_u8(c, &uintn) || get_u32(c, &n))
		return -1;
	if (major != 2)
		return bad_at(c->l, at(c), "spec version %u.%u, expected 2.x",
			      major, minor);
	if (n == 0 || n > TCG_MAX_ALGS)
		return bad_at(c->l, at(c), "%u digest algorithms, expected 1..%d",
			      n, TCG_MAX_ALGS);
	algs->n = n;
	for (i = 0; i < n; i++) {
		off = at(c);
		if (get_u16(c, &algs->id[i]) || get_u16(c, &algs->size[i]))
			return -1;
		for (j = 0; j < ARRAY_SIZE(hash_algs); j++)
			if (hash_algs[j].id == algs->id[i])
				break;
		if (j == ARRAY_SIZE(hash_algs))
			return bad_at(c->l, off, "unknown digest algorithm 0x%04x",
				      algs->id[i]);
		if (algs->size[i] != hash_algs[j].size)
			return bad_at(c->l, off, "%s declared with %u-byte digests",
				      hash_algs[j].name, algs->size[i]);
		for (j = 0; j < i; j++)
			if (algs->id[j] == algs->id[i])
				return bad_at(c->l, off,
					      "digest algorithm 0x%04x declared twice",
					      algs->id[i]);
	}
	if (get_u8(c, &vendor_len))
		return -1;
	if (!get(c, vendor_len))
		return bad_at(c->l, at(c), "vendor info of %u bytes is truncated",
			      vendor_len);
	return 0;
}

/* The first event, in the old SHA-1 format, carries the Spec ID event. */
static int parse_header_event(struct cursor *c, struct tcg_algs *algs)
{
	struct cursor ev;
	uint32_t index, type, size;
	const uint8_t *data;

	if (get_u32(c, &index) || get_u32(c, &type))
		return -1;
	if (type != TCG_EV_NO_ACTION)
		return bad_at(c->l, 0,
			      "the first event has type 0x%x, not EV_NO_ACTION",
			      type);
	if (!get(c, TCG_PCR_EVENT_DIGEST) || get_u32(c, &size))
		return bad_at(c->l, at(c), "the first event is truncated");
	data = get(c, size);
	if (!data)
		return bad_at(c->l, at(c),
			      "the first event's %u bytes of data are truncated",
			      size);
	ev = (struct cursor){ data, size, c->l };
	if (parse_spec_id(&ev, algs))
		return -1;
	if (ev.left)
		return bad_at(c->l, at(&ev), "%zu bytes left over in the Spec ID event",
			      ev.left);
	return 0;
}

/**
 * tcg_log_open() - start reading a log.
 * @l: the reader.
 * @buf: the log.
 * @len: bytes of @buf.
 * @spec_id: the log starts with a Spec ID event (a CCEL does); without one
 *	(rtmr_log alone) every event carries one SHA-384 digest.
 * @runtime_from: where tdx_guest's runtime log starts in @buf (@len if it
 *	is not there); records from there on must be what rtmr_log.h says.
 * @err: where to describe a malformed log.
 * @errlen: size of @err.
 *
 * Return: 0, or -1 with @err set.
 */
int tcg_log_open(struct tcg_log *l, const uint8_t *buf, size_t len,
		 int spec_id, size_t runtime_from, char *err, size_t errlen)
{
	struct cursor c = { buf, len, l };

	memset(l, 0, sizeof(*l));
	l->buf = buf;
	l->len = len;
	l->runtime_from = runtime_from < len ? runtime_from : len;
	l->err = err;
	l->errlen = errlen;
	if (!spec_id) {
		l->algs.n = 1;
		l->algs.id[0] = TCG_ALG_SHA384;
		l->algs.size[0] = TCG_SHA384_SIZE;
		return 0;
	}
	if (parse_header_event(&c, &l->algs))
		return -1;
	if (tcg_alg_size(&l->algs, TCG_ALG_SHA384) < 0)
		return bad_at(l, 0,
			      "the log declares no SHA-384 digests, which RTMRs use");
	l->spec_id_len = at(&c);
	if (l->runtime_from < l->spec_id_len)
		return bad_at(l, l->runtime_from,
			      "the runtime log would start inside the Spec ID event");
	l->pos = l->spec_id_len;
	return 0;
}

/* Free space: all 0xff or all 0x00 (an empty span is free too). */
static int is_free_space(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++)
		if (p[i] != p[0])
			return 0;
	return !len || p[0] == 0xff || p[0] == 0;
}

/* The digest list; the SHA-384 digest, if there is one, in r->sha384. */
static int parse_digests(struct cursor *c, struct tcg_log *l,
			 struct tcg_record *r)
{
	uint16_t seen[TCG_MAX_ALGS];
	uint32_t i, j;
	size_t off;
	int size;

	off = at(c);
	if (get_u32(c, &r->digest_count))
		return -1;
	if (r->digest_count == 0 || r->digest_count > l->algs.n)
		return bad_at(l, off, "%u digests, the log declares %u algorithm%s",
			      r->digest_count, l->algs.n,
			      l->algs.n == 1 ? "" : "s");
	r->digests = c->p;
	for (i = 0; i < r->digest_count; i++) {
		off = at(c);
		if (get_u16(c, &seen[i]))
			return -1;
		size = tcg_alg_size(&l->algs, seen[i]);
		if (size < 0)
			return bad_at(l, off,
				      "digest of algorithm 0x%04x, which %s",
				      seen[i], l->spec_id_len ?
				      "the Spec ID event does not declare" :
				      "rtmr_log does not use (only SHA-384, 0x000c)");
		for (j = 0; j < i; j++)
			if (seen[j] == seen[i])
				return bad_at(l, off,
					      "two digests of algorithm 0x%04x",
					      seen[i]);
		if (seen[i] == TCG_ALG_SHA384)
			r->sha384 = c->p;
		if (!get(c, size))
			return bad_at(l, at(c), "truncated digest");
	}
	return 0;
}

/* A TCG_PCClientTaggedEvent in r->event: its ID and data. */
static int parse_tagged(struct tcg_log *l, struct tcg_record *r, size_t off)
{
	if (r->event_size < TCG_TAGGED_HEAD_SIZE)
		return bad_at(l, off,
			      "a %u-byte event cannot hold a tagged event (ID and size, 8 bytes)",
			      r->event_size);
	r->tag_id = le32_at(r->event);
	r->tag_data_size = le32_at(r->event + 4);
	if (r->tag_data_size > r->event_size - TCG_TAGGED_HEAD_SIZE)
		return bad_at(l, off,
			      "tagged event data of %u bytes runs past its %u-byte event",
			      r->tag_data_size, r->event_size);
	r->tag_data = r->event + TCG_TAGGED_HEAD_SIZE;
	r->tagged = 1;
	return 0;
}

/*
 * A record of tdx_guest's runtime log must be one of the three kinds
 * rtmr_log.h lists, baselines first: anything else means the file is not
 * the driver's log, or the driver is broken. Either way, say so.
 */
static int check_runtime(struct tcg_log *l, struct tcg_record *r)
{
	unsigned int bit;
	size_t ev = r->event - l->buf;

	if (r->mr_index < TCG_MR_RTMR0 || r->mr_index > TCG_MR_LAST)
		return bad_at(l, r->offset,
			      "MR index %u: rtmr_log records are for 1..4 (RTMR0..3)",
			      r->mr_index);
	if (r->digest_count != 1 || !r->sha384)
		return bad_at(l, r->offset,
			      "rtmr_log records carry exactly one digest, SHA-384");
	if (r->type != TCG_EV_EVENT_TAG && r->type != TCG_EV_NO_ACTION)
		return bad_at(l, r->offset,
			      "%s in rtmr_log, which holds only EV_EVENT_TAG and EV_NO_ACTION records",
			      tcg_event_type_name(r->type));
	if (r->type == TCG_EV_NO_ACTION && parse_tagged(l, r, ev))
		return -1;
	if (r->event_size != TCG_TAGGED_HEAD_SIZE + r->tag_data_size)
		return bad_at(l, ev,
			      "%u bytes after the tagged event's data, inside its event",
			      r->event_size - TCG_TAGGED_HEAD_SIZE -
			      r->tag_data_size);
	bit = 1u << (r->mr_index - TCG_MR_RTMR0);
	if (r->type == TCG_EV_EVENT_TAG) {
		if (r->tag_id == TDX_RTMR_LOG_TAG_BASELINE)
			return bad_at(l, r->offset,
				      "a TDXB (baseline) record must be EV_NO_ACTION");
		if (r->tag_id == TDX_RTMR_LOG_TAG_DIGEST && r->tag_data_size)
			return bad_at(l, ev,
				      "a TDXD (digest-only) record with %u bytes of data",
				      r->tag_data_size);
		l->runtime_extends = 1;
		return 0;
	}
	if (r->tag_id != TDX_RTMR_LOG_TAG_BASELINE)
		return bad_at(l, r->offset,
			      "EV_NO_ACTION with tag 0x%08x: in rtmr_log only TDXB baselines are",
			      r->tag_id);
	if (r->tag_data_size != TCG_SHA384_SIZE)
		return bad_at(l, ev,
			      "a TDXB baseline of %u bytes, not an RTMR's 48",
			      r->tag_data_size);
	if (!is_all_zero(r->sha384, TCG_SHA384_SIZE))
		return bad_at(l, r->offset,
			      "a TDXB baseline with a digest that is not zero");
	if (l->runtime_extends)
		return bad_at(l, r->offset,
			      "a TDXB baseline after the first extend: baselines come first");
	if (l->baselines & bit)
		return bad_at(l, r->offset, "a second TDXB baseline for RTMR%u",
			      r->mr_index - TCG_MR_RTMR0);
	l->baselines |= bit;
	return 0;
}

/* Parse the record at l->pos, which is no stop marker. */
static int parse_record(struct tcg_log *l, struct tcg_record *r)
{
	struct cursor c = { l->buf + l->pos, l->len - l->pos, l };
	size_t ev_off;

	memset(r, 0, sizeof(*r));
	r->offset = l->pos;
	r->runtime = l->pos >= l->runtime_from;
	/* A record of the firmware's part may not run into the runtime part. */
	if (!r->runtime)
		c.left = l->runtime_from - l->pos;
	if (get_u32(&c, &r->mr_index) || get_u32(&c, &r->type))
		return -1;
	if (!tcg_event_type_name(r->type))
		return bad_at(l, r->offset, "unknown event type 0x%x", r->type);
	if (parse_digests(&c, l, r) || get_u32(&c, &r->event_size))
		return -1;
	ev_off = at(&c);
	r->event = get(&c, r->event_size);
	if (!r->event)
		return bad_at(l, ev_off,
			      "event of %u bytes runs past the end (%zu bytes left)",
			      r->event_size, c.left);
	r->len = at(&c) - r->offset;
	if (r->type != TCG_EV_NO_ACTION && r->mr_index > TCG_MR_LAST)
		return bad_at(l, r->offset,
			      "measurement register index %u (0 is MRTD, 1..4 RTMR0..3)",
			      r->mr_index);
	if (r->type != TCG_EV_NO_ACTION && r->mr_index != TCG_MR_MRTD &&
	    !r->sha384)
		return bad_at(l, r->offset, "event for RTMR%u has no SHA-384 digest",
			      r->mr_index - TCG_MR_RTMR0);
	if (r->type == TCG_EV_EVENT_TAG && parse_tagged(l, r, ev_off))
		return -1;
	if (r->runtime && check_runtime(l, r))
		return -1;
	return 0;
}

/**
 * tcg_log_next() - read the next record.
 * @l: a reader tcg_log_open() set up.
 * @r: the record.
 *
 * The events end at the end of the buffer, or where the next 8 bytes are
 * all 0x00 or all 0xff (as trustee and the attestation agent decide);
 * everything from there on must be free space of that same byte.
 *
 * Return: 1 with @r set, 0 at the end of the events (l->end set), or -1
 * with the error set.
 */
int tcg_log_next(struct tcg_log *l, struct tcg_record *r)
{
	const uint8_t *p = l->buf + l->pos;
	size_t left = l->len - l->pos;

	if (left < TCG_STOP_SIZE || is_free_space(p, TCG_STOP_SIZE)) {
		if (!is_free_space(p, left))
			return bad_at(l, l->pos, left < TCG_STOP_SIZE ?
				      "%zu bytes at the end are neither a record nor free space" :
				      "%zu bytes after the end of the events are not all free space",
				      left);
		l->end = l->pos;
		return 0;
	}
	if (parse_record(l, r))
		return -1;
	l->pos += r->len;
	return 1;
}
