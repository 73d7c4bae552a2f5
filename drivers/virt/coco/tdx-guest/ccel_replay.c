// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the firmware's event log says the RTMRs should hold: the ACPI CCEL
 * log replayed as a verifier replays it, each RTMR from 48 zero bytes,
 * extended with the SHA-384 digest of every record of its MR index (1 to
 * 4) that is not EV_NO_ACTION. The runtime measurement log is complete
 * only if this is what the RTMRs held when the driver loaded.
 */
#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include <tdx-guest/ccel.h>

#include "tdx_guest.h"

/* Extend @rtmr with one record; records of other MRs leave it alone. */
static int tdx_ccel_replay_record(u8 rtmr[][TDX_MEASUREMENT_SIZE],
				  const struct tdx_tcg_record *r)
{
	if (r->type == TDX_TCG_EV_NO_ACTION || r->mr_index < 1 ||
	    r->mr_index > TDX_RTMR_COUNT)
		return 0;
	/* An RTMR event without a SHA-384 digest cannot be replayed. */
	if (!r->sha384)
		return -EINVAL;
	return tdx_sha384_extend(rtmr[r->mr_index - 1], r->sha384);
}

/**
 * tdx_ccel_replay() - the RTMRs the firmware's event log replays to.
 * @rtmr: TDX_RTMR_COUNT registers, set to the result (zero without a log).
 * @found: whether the TD has a CCEL at all.
 *
 * Return: 0, or -EINVAL for a log that cannot be replayed (malformed, or
 * an RTMR event without a SHA-384 digest), -ENOMEM.
 */
int tdx_ccel_replay(u8 rtmr[][TDX_MEASUREMENT_SIZE], bool *found)
{
	struct tdx_tcg_record r;
	struct tdx_tcg_walk w;
	size_t len = 0;
	int rc;

	memset(rtmr, 0, TDX_RTMR_COUNT * TDX_MEASUREMENT_SIZE);
	u8 *log __free(kvfree) = tdx_ccel_read(&len);
	*found = log != NULL;
	if (!log)
		return 0;
	if (IS_ERR(log))
		return PTR_ERR(no_free_ptr(log));

	rc = tdx_tcg_walk_start(&w, log, len);
	while (!rc) {
		rc = tdx_tcg_walk_next(&w, &r);
		if (rc <= 0)
			break;
		rc = tdx_ccel_replay_record(rtmr, &r);
	}
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_ccel_replay);
