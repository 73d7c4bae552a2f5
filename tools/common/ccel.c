// SPDX-License-Identifier: GPL-2.0
/*
 * Replay of a TD's firmware event log (ACPI CCEL, TCG2 crypto-agile).
 *
 * The log comes from the TD's firmware and is read from a file, so it is
 * untrusted input: every count and size is checked against the bytes
 * held before anything behind it is read, and a log that does not parse
 * to its end is refused rather than replayed in part. Whether the replay
 * means anything is decided by comparing it with a signed Quote.
 */
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ccel.h"
#include "crypto.h"
#include "util.h"

#define EV_NO_ACTION		0x00000003
#define TPM_ALG_SHA384		0x000c

/* Signature of the Spec ID event that opens a crypto-agile log. */
static const char spec_id_sig[16] = "Spec ID Event03";

/* The SHA-1 format header of the first event: index, type, digest[20]. */
#define TCG_PCR_EVENT_DIGEST	20

/**
 * struct log_cursor - a read position that never leaves the log.
 * @p: the next byte.
 * @left: bytes from @p to the end of the log.
 * @err: where to describe a failure.
 * @errlen: size of @err.
 * @base: the start of the log, for offsets in messages.
 */
struct log_cursor {
	const uint8_t *p;
	size_t left;
	char *err;
	size_t errlen;
	const uint8_t *base;
};

/**
 * struct alg_table - the digest sizes the Spec ID event declares.
 * @n: entries used.
 * @id: TPM_ALG_* of each.
 * @size: its digest size.
 */
struct alg_table {
	unsigned int n;
	uint16_t id[CCEL_MAX_ALGS];
	uint16_t size[CCEL_MAX_ALGS];
};

static int bad(struct log_cursor *c, const char *fmt, ...) __printf(2, 3);

static int bad(struct log_cursor *c, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = snprintf(c->err, c->errlen, "at byte %zu: ",
		     (size_t)(c->p - c->base));
	if (n >= c->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err + n, c->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static const uint8_t *get(struct log_cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (n > c->left)
		return NULL;
	c->p += n;
	c->left -= n;
	return p;
}

static int get_u8(struct log_cursor *c, uint8_t *v)
{
	const uint8_t *p = get(c, 1);

	if (!p) {
		bad(c, "truncated");
		return -1;
	}
	*v = *p;
	return 0;
}

static int get_u16(struct log_cursor *c, uint16_t *v)
{
	const uint8_t *p = get(c, 2);

	if (!p) {
		bad(c, "truncated");
		return -1;
	}
	*v = p[0] | p[1] << 8;
	return 0;
}

static int get_u32(struct log_cursor *c, uint32_t *v)
{
	const uint8_t *p = get(c, 4);

	if (!p) {
		bad(c, "truncated");
		return -1;
	}
	*v = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
	return 0;
}

/* The Spec ID event's data: which digests each later event carries. */
static int parse_spec_id(struct log_cursor *c, struct alg_table *algs)
{
	const uint8_t *sig = get(c, sizeof(spec_id_sig));
	uint8_t minor, major, errata, uintn, vendor_len;
	uint32_t platform, n;
	unsigned int i;

	if (!sig || memcmp(sig, spec_id_sig, sizeof(spec_id_sig)))
		return bad(c, "the first event is no 'Spec ID Event03': not a crypto-agile log");
	if (get_u32(c, &platform) || get_u8(c, &minor) || get_u8(c, &major) ||
	    get_u8(c, &errata) || get_u8(c, &uintn) || get_u32(c, &n))
		return -1;
	if (major != 2)
		return bad(c, "spec version %u.%u, expected 2.x", major, minor);
	if (n == 0 || n > CCEL_MAX_ALGS)
		return bad(c, "%u digest algorithms, expected 1..%d", n,
			   CCEL_MAX_ALGS);
	algs->n = n;
	for (i = 0; i < n; i++) {
		if (get_u16(c, &algs->id[i]) || get_u16(c, &algs->size[i]))
			return -1;
		if (!algs->size[i] || algs->size[i] > 64)
			return bad(c, "digest size %u of algorithm 0x%04x",
				   algs->size[i], algs->id[i]);
		if (algs->id[i] == TPM_ALG_SHA384 &&
		    algs->size[i] != TDX_MEASUREMENT_SIZE)
			return bad(c, "SHA-384 declared with %u-byte digests",
				   algs->size[i]);
	}
	if (get_u8(c, &vendor_len))
		return -1;
	if (!get(c, vendor_len))
		return bad(c, "vendor info of %u bytes is truncated",
			   vendor_len);
	return 0;
}

/* The first event, in the old SHA-1 format, carries the Spec ID event. */
static int parse_header_event(struct log_cursor *c, struct alg_table *algs)
{
	struct log_cursor ev;
	uint32_t index, type, size;
	const uint8_t *data;

	if (get_u32(c, &index) || get_u32(c, &type))
		return -1;
	if (type != EV_NO_ACTION)
		return bad(c, "the first event has type 0x%x, not EV_NO_ACTION",
			   type);
	if (!get(c, TCG_PCR_EVENT_DIGEST) || get_u32(c, &size))
		return bad(c, "the first event is truncated");
	data = get(c, size);
	if (!data)
		return bad(c, "the first event's %u bytes of data are truncated",
			   size);
	ev = (struct log_cursor){ data, size, c->err, c->errlen, c->base };
	if (parse_spec_id(&ev, algs))
		return -1;
	if (ev.left)
		return bad(&ev, "%zu bytes left over in the Spec ID event",
			   ev.left);
	return 0;
}

static int alg_size(const struct alg_table *algs, uint16_t id)
{
	unsigned int i;

	for (i = 0; i < algs->n; i++)
		if (algs->id[i] == id)
			return algs->size[i];
	return -1;
}

/* Where events stop: the rest of the area must be free space. */
static int is_free_space(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++)
		if (p[i] != p[0])
			return 0;
	return !len || p[0] == 0xff || p[0] == 0;
}

/* The SHA-384 digest of one event, checking every digest it lists. */
static int parse_digests(struct log_cursor *c, const struct alg_table *algs,
			 const uint8_t **sha384)
{
	uint32_t count, i;
	uint16_t id;
	int size;

	*sha384 = NULL;
	if (get_u32(c, &count))
		return -1;
	if (count == 0 || count > algs->n)
		return bad(c, "%u digests, the log declares %u algorithms",
			   count, algs->n);
	for (i = 0; i < count; i++) {
		if (get_u16(c, &id))
			return -1;
		size = alg_size(algs, id);
		if (size < 0)
			return bad(c,
				   "digest of algorithm 0x%04x, which the Spec ID event does not declare",
				   id);
		if (id == TPM_ALG_SHA384 && *sha384)
			return bad(c, "two SHA-384 digests in one event");
		if (id == TPM_ALG_SHA384)
			*sha384 = c->p;
		if (!get(c, size))
			return bad(c, "truncated digest");
	}
	return 0;
}

static int replay_event(struct log_cursor *c, const struct alg_table *algs,
			struct ccel_replay *r)
{
	const uint8_t *start = c->p, *digest;
	uint32_t index, type, size;

	if (get_u32(c, &index) || get_u32(c, &type) ||
	    parse_digests(c, algs, &digest) || get_u32(c, &size))
		return -1;
	if (!get(c, size))
		return bad(c, "event data of %u bytes is truncated", size);
	r->events++;
	if (type == EV_NO_ACTION) {
		r->no_action++;
		return 0;
	}
	if (index > CCEL_MR_RTMR0 + TDX_RTMR_COUNT - 1) {
		c->p = start;
		return bad(c, "measurement register index %u (0 is MRTD, 1..4 RTMR0..3)",
			   index);
	}
	if (index == CCEL_MR_MRTD) {
		r->mrtd_events++;
		return 0;
	}
	if (!digest) {
		c->p = start;
		return bad(c, "event for RTMR%u has no SHA-384 digest",
			   index - CCEL_MR_RTMR0);
	}
	r->extends[index - CCEL_MR_RTMR0]++;
	return sha384_extend(r->rtmr[index - CCEL_MR_RTMR0], digest);
}

/**
 * ccel_replay() - replay a CCEL event log into RTMR0..3.
 * @buf: the log area (on a TD: /sys/firmware/acpi/tables/data/CCEL).
 * @len: bytes of @buf.
 * @r: the replayed registers and counts.
 * @err: where to describe a malformed log.
 * @errlen: size of @err.
 *
 * Every event but EV_NO_ACTION extends the RTMR its index names with its
 * SHA-384 digest: RTMR = SHA-384(RTMR || digest), from zero. The events
 * end where only free space (all 0xff, or all zero) is left.
 *
 * Return: 0, or -1 with @err set when the log does not parse to its end.
 */
int ccel_replay(const uint8_t *buf, size_t len, struct ccel_replay *r,
		char *err, size_t errlen)
{
	struct log_cursor c = { buf, len, err, errlen, buf };
	struct alg_table algs = { 0 };
	int have_sha384;

	memset(r, 0, sizeof(*r));
	if (parse_header_event(&c, &algs))
		return -1;
	have_sha384 = alg_size(&algs, TPM_ALG_SHA384) > 0;
	if (!have_sha384)
		return bad(&c, "the log declares no SHA-384 digests, which RTMRs use");
	/* An event header of 8 bytes all 0xff or all 0 starts free space. */
	while (c.left >= 8 && !is_free_space(c.p, 8)) {
		if (replay_event(&c, &algs, r))
			return -1;
	}
	if (!is_free_space(c.p, c.left))
		return bad(&c, "data after the last event that is not free space");
	r->log_len = c.p - buf;
	r->free_len = c.left;
	return 0;
}
