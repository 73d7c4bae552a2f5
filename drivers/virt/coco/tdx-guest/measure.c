// SPDX-License-Identifier: GPL-2.0-only
/*
 * TDG.MR.REPORT under the measurement lock.
 *
 * The TDX module takes its RTMR lock without waiting: a TDG.MR.REPORT that
 * overlaps a TDG.MR.RTMR.EXTEND fails with OPERAND_BUSY instead of blocking.
 * Every report and every extend this module issues therefore runs under
 * tdx_guest.mr_lock, so our own callers never collide. A busy answer can
 * still come from outside (another kernel user of the TDX module), and
 * is retried a few times before it is passed on.
 */
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/mutex.h>

#include "tdx_guest.h"

#define TDX_REPORT_BUSY_TRIES		8
#define TDX_REPORT_BUSY_BACKOFF_US	50

/**
 * tdx_guest_get_report() - TDG.MR.REPORT, serialised with RTMR extends.
 * @tg: the provider instance.
 * @reportdata: 64 bytes of REPORTDATA, 64-byte aligned.
 * @tdreport: 1024-byte, 1024-byte aligned buffer for the TDREPORT.
 *
 * Waiting for the lock can be interrupted by a signal.
 *
 * Return: 0, -EINTR, -EBUSY when the TDX module stayed busy through every
 * retry, or the platform's error.
 */
int tdx_guest_get_report(struct tdx_guest *tg, const u8 *reportdata,
			 u8 *tdreport)
{
	unsigned int try;
	int rc = -EBUSY;

	for (try = 1; try <= TDX_REPORT_BUSY_TRIES; try++) {
		scoped_cond_guard(mutex_intr, return -EINTR, &tg->mr_lock)
			rc = tg->ops->get_report0(reportdata, tdreport);
		if (rc != -EBUSY)
			return rc;
		usleep_range(try * TDX_REPORT_BUSY_BACKOFF_US,
			     2 * try * TDX_REPORT_BUSY_BACKOFF_US);
	}
	return rc;
}
