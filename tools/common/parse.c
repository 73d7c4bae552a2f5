// SPDX-License-Identifier: GPL-2.0
/*
 * Bounds-checked parsing of TDREPORT_STRUCT and Quotes v4 and v5.
 *
 * Both arrive from outside the program (a Quote is written by the host), so
 * every length is checked against the bytes actually held before anything
 * behind it is touched, and every length inside the Quote must account for
 * its container exactly: a Quote with slack or overlap anywhere is
 * rejected. Only after the signature data may bytes follow: quote services
 * return the Quote in a larger buffer (zero padded, or worse), nothing
 * signs those bytes, and they are reported, never read as part of it.
 */
#include <endian.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "util.h"

/* A read position in a buffer that can never move past its end. */
struct cursor {
	const uint8_t *p;
	size_t left;
};

static const void *take(struct cursor *c, size_t n)
{
	const uint8_t *p = c->p;

	if (n > c->left)
		return NULL;
	c->p += n;
	c->left -= n;
	return p;
}

enum input_format detect_format(const uint8_t *buf, size_t len)
{
	if (len == TDX_TDREPORT_SIZE && buf[0] == TDX_REPORT_TYPE_TDX)
		return FORMAT_TDREPORT;
	if (len >= 2 && buf[1] == 0 &&
	    (buf[0] == TDX_QUOTE_VERSION_4 || buf[0] == TDX_QUOTE_VERSION_5))
		return FORMAT_QUOTE;
	return FORMAT_UNKNOWN;
}

/**
 * tdreport_check() - check that a buffer can be a TDX TDREPORT_STRUCT.
 * @buf: the bytes.
 * @len: bytes of @buf.
 * @err: where to describe a failure.
 * @errlen: size of @err.
 *
 * Only the size and type can be checked here: the MAC is keyed by the CPU
 * and only the TD's own TDX module can verify it (TDG.MR.VERIFYREPORT).
 *
 * Return: 0 if well-formed, -1 otherwise.
 */
int tdreport_check(const uint8_t *buf, size_t len, char *err, size_t errlen)
{
	if (len != TDX_TDREPORT_SIZE) {
		snprintf(err, errlen, "TDREPORT is %zu bytes, expected %d",
			 len, TDX_TDREPORT_SIZE);
		return -1;
	}
	if (buf[0] != TDX_REPORT_TYPE_TDX) {
		snprintf(err, errlen, "report type 0x%02x is not TDX (0x%02x)",
			 buf[0], TDX_REPORT_TYPE_TDX);
		return -1;
	}
	return 0;
}

/**
 * tdreport_version() - the format version of a checked TDREPORT.
 * @buf: a buffer tdreport_check() accepted.
 *
 * Return: REPORTMACSTRUCT's version byte: TDX_REPORT_VERSION_0 (TDX module
 * 1.0), TDX_REPORT_VERSION_1 (1.5: TEE_TCB_SVN2 and MRSERVICETD), or a
 * later one whose additions the tools do not know.
 */
unsigned int tdreport_version(const uint8_t *buf)
{
	return ((const struct tdx_reportmac *)buf)->version;
}

static int fail(struct quote_view *v, const char *fmt, ...) __printf(2, 3);

static int fail(struct quote_view *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->error, sizeof(v->error), fmt, ap);
	va_end(ap);
	return -1;
}

/* A v5 body descriptor: which body follows, and is its size the right one? */
static int parse_descriptor(struct quote_view *v, struct cursor *c)
{
	const struct tdx_quote_body_descriptor *d = take(c, sizeof(*d));
	uint32_t size;

	if (!d)
		return fail(v, "truncated: %zu bytes, the v5 body descriptor ends at %zu",
			    v->len, sizeof(struct tdx_quote_v5));
	v->body_type = le16toh(d->type);
	size = le32toh(d->size);
	switch (v->body_type) {
	case TDX_QUOTE_BODY_TYPE_TD10:
		v->body_size = sizeof(struct tdx_quote_body);
		break;
	case TDX_QUOTE_BODY_TYPE_TD15:
		v->body_size = sizeof(struct tdx_quote_body_v1_5);
		break;
	default:
		return fail(v, "body type %u is not a TD report (%u or %u)",
			    v->body_type, TDX_QUOTE_BODY_TYPE_TD10,
			    TDX_QUOTE_BODY_TYPE_TD15);
	}
	if (size != v->body_size)
		return fail(v, "body type %u has %zu bytes, the descriptor says %u",
			    v->body_type, v->body_size, size);
	return 0;
}

static int parse_header_body(struct quote_view *v, struct cursor *c)
{
	const struct tdx_quote_header *h = take(c, sizeof(*h));
	const void *body;

	if (!h)
		return fail(v, "truncated: %zu bytes, the header needs %zu",
			    v->len, sizeof(*h));
	v->header = h;
	v->version = le16toh(h->version);
	if (v->version != TDX_QUOTE_VERSION_4 &&
	    v->version != TDX_QUOTE_VERSION_5)
		return fail(v, "quote version %u, expected %u or %u",
			    v->version, TDX_QUOTE_VERSION_4,
			    TDX_QUOTE_VERSION_5);
	/* Other key types and TEE types lay out body and signature apart. */
	if (le16toh(h->att_key_type) != TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256)
		return fail(v, "attestation key type %u is not ECDSA-P256 (%u)",
			    le16toh(h->att_key_type),
			    TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256);
	if (le32toh(h->tee_type) != TDX_QUOTE_TEE_TYPE_TDX)
		return fail(v, "TEE type 0x%x is not TDX (0x%x)",
			    le32toh(h->tee_type), TDX_QUOTE_TEE_TYPE_TDX);
	if (v->version == TDX_QUOTE_VERSION_4) {
		v->body_type = TDX_QUOTE_BODY_TYPE_TD10;
		v->body_size = sizeof(struct tdx_quote_body);
	} else if (parse_descriptor(v, c)) {
		return -1;
	}
	v->body_off = c->p - v->buf;
	body = take(c, v->body_size);
	if (!body)
		return fail(v, "truncated: %zu bytes, header and body need %zu",
			    v->len, v->body_off + v->body_size);
	v->body = body;
	if (v->body_type == TDX_QUOTE_BODY_TYPE_TD15)
		v->body15 = body;
	v->signed_len = v->body_off + v->body_size;
	v->stage = QUOTE_STAGE_BODY;
	return 0;
}

/* Cut @c down to the @len bytes the signature data claims, exactly. */
static int parse_sig_data(struct quote_view *v, struct cursor *c)
{
	const uint8_t *lenp = take(c, sizeof(__le32));
	__le32 raw;
	uint32_t len;

	if (!lenp)
		return fail(v, "truncated before signature data length");
	/* In a Quote v5 it sits at offset 702: not 4-byte aligned. */
	memcpy(&raw, lenp, sizeof(raw));
	len = le32toh(raw);
	v->sig_data_len = len;
	if (len > c->left)
		return fail(v, "signature data length %u exceeds the %zu bytes left",
			    len, c->left);
	/* The Quote ends here; the rest of the buffer is not its business. */
	v->quote_len = c->p - v->buf + len;
	v->trailing_len = c->left - len;
	v->trailing_zero = is_all_zero(v->buf + v->quote_len, v->trailing_len);
	c->left = len;
	v->sig = take(c, sizeof(*v->sig));
	if (!v->sig)
		return fail(v, "signature data of %u bytes is too short for ECDSA (%zu)",
			    len, sizeof(*v->sig));
	v->stage = QUOTE_STAGE_SIG;

	v->cert_type = le16toh(v->sig->cert_data.type);
	v->cert_size = le32toh(v->sig->cert_data.size);
	if (v->cert_size != c->left)
		return fail(v, "certification data size %u, but %zu bytes follow",
			    v->cert_size, c->left);
	if (v->cert_type != TDX_QUOTE_CERT_TYPE_QE_REPORT)
		return fail(v, "certification data type %u, expected %u (QE report)",
			    v->cert_type, TDX_QUOTE_CERT_TYPE_QE_REPORT);
	return 0;
}

static int parse_qe_report(struct quote_view *v, struct cursor *c)
{
	v->qe = take(c, sizeof(*v->qe));
	if (!v->qe)
		return fail(v, "QE report certification data truncated");
	v->qe_auth_len = le16toh(v->qe->qe_auth_data_size);
	v->qe_auth = take(c, v->qe_auth_len);
	if (!v->qe_auth)
		return fail(v, "QE auth data of %u bytes exceeds the %zu bytes left",
			    v->qe_auth_len, c->left);
	v->stage = QUOTE_STAGE_QE;
	return 0;
}

static int parse_chain(struct quote_view *v, struct cursor *c)
{
	const struct tdx_quote_cert_data *cd = take(c, sizeof(*cd));

	if (!cd)
		return fail(v, "PCK certification data header truncated");
	v->chain_type = le16toh(cd->type);
	v->chain_len = le32toh(cd->size);
	if (v->chain_type != TDX_QUOTE_CERT_TYPE_PCK_CHAIN)
		return fail(v, "nested certification data type %u, expected %u (PCK chain)",
			    v->chain_type, TDX_QUOTE_CERT_TYPE_PCK_CHAIN);
	if (v->chain_len != c->left)
		return fail(v, "PCK chain size %u, but %zu bytes follow",
			    v->chain_len, c->left);
	v->chain = take(c, v->chain_len);
	v->stage = QUOTE_STAGE_COMPLETE;
	return 0;
}

/**
 * quote_parse() - split a Quote v4 or v5 into bounds-checked parts.
 * @v: filled in; v->stage says how far it got even on failure, so callers
 *     can still show what was readable.
 * @buf: the Quote, as a quote service returned it.
 * @len: bytes of @buf; bytes after the signature data are allowed and
 *     counted in v->trailing_len.
 *
 * Return: 0 if the whole Quote is well-formed, -1 with v->error otherwise.
 */
int quote_parse(struct quote_view *v, const uint8_t *buf, size_t len)
{
	struct cursor c = { .p = buf, .left = len };

	memset(v, 0, sizeof(*v));
	v->buf = buf;
	v->len = len;
	if (parse_header_body(v, &c) || parse_sig_data(v, &c) ||
	    parse_qe_report(v, &c) || parse_chain(v, &c))
		return -1;
	return 0;
}
