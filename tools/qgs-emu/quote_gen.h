/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a signed Quote (v4, or v5) from a TDREPORT with the TEST keys.
 */
#ifndef QGS_EMU_QUOTE_GEN_H
#define QGS_EMU_QUOTE_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tdx-guest/quote_v5.h>

#include "keys.h"

/* Plausible versions; PCESVN matches the TCB in test-pck.pem. */
#define QGS_EMU_QE_SVN		4
#define QGS_EMU_PCE_SVN		13
/* ISV product ID of Intel's TD Quoting Enclave. */
#define QGS_EMU_QE_PROD_ID	2
#define QGS_EMU_QE_AUTH_SIZE	32

/* A padded Quote buffer may not exceed this (real services use 8000). */
#define QGS_EMU_PAD_MAX		65536

/**
 * struct quote_format - what kind of Quote buffer to make.
 * @version: TDX_QUOTE_VERSION_4 (the default) or TDX_QUOTE_VERSION_5. A v5
 *	Quote carries a TD 1.5 body (type 3) for a TDREPORT of TDX module 1.5
 *	and a TD 1.0 body (type 2) otherwise; a v4 Quote always has the TD
 *	1.0 body, as Intel's Quoting Enclave makes it.
 * @pad_to: 0 for a buffer of exactly the Quote, or the size of a
 *	zero-padded buffer to return it in, as real services do (the Quote
 *	must fit).
 */
struct quote_format {
	unsigned int version;
	size_t pad_to;
};

/**
 * struct qe_report_cache - a QE report and its PCK signature, kept.
 * @valid: @report and @signature hold a report for @cpusvn.
 * @cpusvn: the platform CPUSVN the report was made for.
 * @report: the QE report.
 * @signature: raw r || s over @report by the PCK leaf key.
 *
 * A Quoting Enclave certifies its attestation key once, not per Quote: the
 * QE report depends only on the platform's CPUSVN, the attestation key and
 * the QE authentication data, so a real QE keeps it, and so does this one.
 * Each Quote then costs one signature, as with Intel's. Only the CPUSVN is
 * compared: a cache must not outlive the key set it was filled with, and
 * the authentication data is a constant.
 */
struct qe_report_cache {
	bool valid;
	uint8_t cpusvn[16];
	struct tdx_sgx_report_body report;
	uint8_t signature[TDX_QUOTE_ECDSA_SIG_SIZE];
};

int quote_build(const struct qgs_keys *keys, const struct quote_format *fmt,
		struct qe_report_cache *qe_cache, const uint8_t *report,
		size_t report_len, uint8_t **quote, size_t *quote_len);

#endif /* QGS_EMU_QUOTE_GEN_H */
