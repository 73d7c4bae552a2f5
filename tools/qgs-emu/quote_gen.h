/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a signed Quote v4 from a TDREPORT with the TEST keys.
 */
#ifndef QGS_EMU_QUOTE_GEN_H
#define QGS_EMU_QUOTE_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

/* Plausible versions; PCESVN matches the TCB in test-pck.pem. */
#define QGS_EMU_QE_SVN		4
#define QGS_EMU_PCE_SVN		13
/* ISV product ID of Intel's TD Quoting Enclave. */
#define QGS_EMU_QE_PROD_ID	2
#define QGS_EMU_QE_AUTH_SIZE	32

int quote_build(const struct qgs_keys *keys, const uint8_t *report,
		size_t report_len, uint8_t **quote, size_t *quote_len);

#endif /* QGS_EMU_QUOTE_GEN_H */
