/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a signed Quote v4 from a TDREPORT with the TEST keys.
 */
#ifndef QGS_EMU_QUOTE_GEN_H
#define QGS_EMU_QUOTE_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tdx-guest/quote_v4.h>

#include "keys.h"

/* Plausible versions; PCESVN matches the TCB in test-pck.pem. */
#define QGS_EMU_QE_SVN		4
#define QGS_EMU_PCE_SVN		13
/* ISV product ID of Intel's TD Quoting Enclave. */
#define QGS_EMU_QE_PROD_ID	2
#define QGS_EMU_QE_AUTH_SIZE	32

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

int quote_build(const struct qgs_keys *keys, struct qe_report_cache *qe_cache,
		const uint8_t *report, size_t report_len, uint8_t **quote,
		size_t *quote_len);

#endif /* QGS_EMU_QUOTE_GEN_H */
