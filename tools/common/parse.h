/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounds-checked parsing of the two untrusted binary formats the tools read:
 * TDREPORT_STRUCT (format versions 0 and 1) and Quotes v4 and v5.
 */
#ifndef TOOLS_COMMON_PARSE_H
#define TOOLS_COMMON_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <tdx-guest/quote_v4.h>
#include <tdx-guest/quote_v5.h>
#include <tdx-guest/tdreport.h>
#include <tdx-guest/tdreport_v1.h>

enum input_format {
	FORMAT_UNKNOWN,
	FORMAT_TDREPORT,
	FORMAT_QUOTE,		/* version 4 or 5 */
};

enum input_format detect_format(const uint8_t *buf, size_t len);

int tdreport_check(const uint8_t *buf, size_t len, char *err, size_t errlen);
unsigned int tdreport_version(const uint8_t *buf);

/* How far quote_parse() got: each stage's pointers are valid. */
enum quote_stage {
	QUOTE_STAGE_NONE,
	QUOTE_STAGE_BODY,	/* header, v5 body descriptor and body */
	QUOTE_STAGE_SIG,	/* signature and attestation key */
	QUOTE_STAGE_QE,		/* QE report, its signature, QE auth data */
	QUOTE_STAGE_COMPLETE,	/* PCK chain; every length is consistent */
};

/**
 * struct quote_view - pointers into a Quote buffer, every one bounds-checked.
 * @buf: the whole input.
 * @len: bytes of @buf.
 * @stage: how far parsing got; fields of later stages are unset.
 * @version: header version, TDX_QUOTE_VERSION_4 or TDX_QUOTE_VERSION_5.
 * @header: the header.
 * @body_type: TDX_QUOTE_BODY_TYPE_TD10 or _TD15 (always TD10 in v4).
 * @body_off: where the body starts in @buf (48 in v4, 54 in v5).
 * @body_size: bytes of the body (584 or 648).
 * @body: the body's TDX module 1.0 part, in either body type.
 * @body15: the whole TD 1.5 body, or NULL for a TD 1.0 body.
 * @signed_len: bytes the Quote signature covers, from @buf on.
 * @sig_data_len: declared bytes of signature data.
 * @sig: signature, attestation key, certification data header.
 * @cert_type: outer certification data type.
 * @cert_size: outer certification data size.
 * @qe: QE report, its signature and the QE auth data size.
 * @qe_auth: QE auth data.
 * @qe_auth_len: bytes of @qe_auth.
 * @chain_type: nested certification data type.
 * @chain: the PEM PCK certificate chain.
 * @chain_len: bytes of @chain.
 * @quote_len: bytes of the Quote proper, through its signature data.
 * @trailing_len: bytes of @buf after the Quote: padding of the buffer the
 *	quote service filled, never signed.
 * @trailing_zero: whether those bytes are all zero.
 * @error: why parsing stopped, when @stage is not QUOTE_STAGE_COMPLETE.
 */
struct quote_view {
	const uint8_t *buf;
	size_t len;
	enum quote_stage stage;
	unsigned int version;
	const struct tdx_quote_header *header;
	unsigned int body_type;
	size_t body_off;
	size_t body_size;
	const struct tdx_quote_body *body;
	const struct tdx_quote_body_v1_5 *body15;
	size_t signed_len;
	uint32_t sig_data_len;
	const struct tdx_quote_ecdsa_sig_data *sig;
	uint16_t cert_type;
	uint32_t cert_size;
	const struct tdx_quote_qe_report_cert_data *qe;
	const uint8_t *qe_auth;
	uint16_t qe_auth_len;
	uint16_t chain_type;
	const uint8_t *chain;
	uint32_t chain_len;
	size_t quote_len;
	size_t trailing_len;
	int trailing_zero;
	char error[160];
};

int quote_parse(struct quote_view *v, const uint8_t *buf, size_t len);

#endif /* TOOLS_COMMON_PARSE_H */
