/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bounds-checked parsing of the two untrusted binary formats the tools read:
 * TDREPORT_STRUCT and Quote v4.
 */
#ifndef TOOLS_COMMON_PARSE_H
#define TOOLS_COMMON_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <tdx-guest/quote_v4.h>
#include <tdx-guest/tdreport.h>

enum input_format {
	FORMAT_UNKNOWN,
	FORMAT_TDREPORT,
	FORMAT_QUOTE_V4,
};

enum input_format detect_format(const uint8_t *buf, size_t len);

int tdreport_check(const uint8_t *buf, size_t len, char *err, size_t errlen);

/* How far quote_parse() got: each stage's pointers are valid. */
enum quote_stage {
	QUOTE_STAGE_NONE,
	QUOTE_STAGE_BODY,	/* header and body */
	QUOTE_STAGE_SIG,	/* signature and attestation key */
	QUOTE_STAGE_QE,		/* QE report, its signature, QE auth data */
	QUOTE_STAGE_COMPLETE,	/* PCK chain; every length is consistent */
};

/**
 * struct quote_view - pointers into a Quote buffer, every one bounds-checked.
 * @buf: the whole input.
 * @len: bytes of @buf.
 * @stage: how far parsing got; fields of later stages are unset.
 * @quote: header and body.
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
 * @error: why parsing stopped, when @stage is not QUOTE_STAGE_COMPLETE.
 */
struct quote_view {
	const uint8_t *buf;
	size_t len;
	enum quote_stage stage;
	const struct tdx_quote_v4 *quote;
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
	char error[160];
};

int quote_parse(struct quote_view *v, const uint8_t *buf, size_t len);

#endif /* TOOLS_COMMON_PARSE_H */
