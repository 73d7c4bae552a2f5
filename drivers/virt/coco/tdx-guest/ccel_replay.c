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

static int tdx_ccel_replay_extend(void *rtmr, unsigned int index,
				  const u8 *sha384)
{
	u8 (*mr)[TDX_MEASUREMENT_SIZE] = rtmr;

	return tdx_sha384_extend(mr[index], sha384);
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
	size_t len = 0;

	memset(rtmr, 0, TDX_RTMR_COUNT * TDX_MEASUREMENT_SIZE);
	u8 *log __free(kvfree) = tdx_ccel_read(&len);
	*found = !!log;
	if (!log)
		return 0;
	if (IS_ERR(log))
		return PTR_ERR(no_free_ptr(log));
	return tdx_tcg_replay(log, len, tdx_ccel_replay_extend, rtmr);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_ccel_replay);
