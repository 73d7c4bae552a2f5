// SPDX-License-Identifier: GPL-2.0-only
/*
 * TDG.MR.REPORT and TDG.MR.RTMR.EXTEND under the measurement lock.
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
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

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
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_get_report);

/**
 * tdx_guest_read_report() - a TDREPORT with zero REPORTDATA, for reading
 *	measurement registers.
 * @tg: the provider instance.
 *
 * Return: a kfree()able TDREPORT, or an ERR_PTR().
 */
u8 *tdx_guest_read_report(struct tdx_guest *tg)
{
	u8 *reportdata __free(kfree) = kzalloc(TDX_REPORTDATA_SIZE,
					       GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	int rc;

	if (!reportdata || !tdreport)
		return ERR_PTR(-ENOMEM);
	rc = tdx_guest_get_report(tg, reportdata, tdreport);
	if (rc)
		return ERR_PTR(rc);
	return no_free_ptr(tdreport);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_read_report);

/**
 * tdx_guest_extend_rtmr() - TDG.MR.RTMR.EXTEND, serialised with reports and
 *	recorded in the runtime measurement log.
 * @tg: the provider instance.
 * @index: RTMR 0..3.
 * @digest: TDX_MEASUREMENT_SIZE bytes, anywhere in kernel memory.
 *
 * The extend and its log record happen under one hold of mr_lock, so no
 * report can see the one without the other.
 *
 * Return: 0; -EINTR; -ENOSPC when the log is full (nothing is extended);
 * -ENOMEM; or the platform's error (-EINVAL, -EBUSY, -EIO).
 */
int tdx_guest_extend_rtmr(struct tdx_guest *tg, unsigned int index,
			  const u8 *digest)
{
	/* The TDX module wants a 64-byte aligned, private buffer. */
	u8 *buf __free(kfree) = kzalloc(TDX_EXTEND_ALIGN, GFP_KERNEL);
	int rc = -EINTR;

	if (!buf)
		return -ENOMEM;
	memcpy(buf, digest, TDX_MEASUREMENT_SIZE);

	scoped_cond_guard(mutex_intr, return -EINTR, &tg->mr_lock) {
		if (!tdx_rtmr_log_has_room(&tg->log))
			return -ENOSPC;
		rc = tg->ops->extend_rtmr(index, buf);
		if (!rc)
			rc = tdx_rtmr_log_append(&tg->log, TDX_RTMR_LOG_EXTEND,
						 index, buf);
	}
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_extend_rtmr);

/**
 * tdx_guest_log_baseline() - start the log with the RTMRs' current values.
 * @tg: the provider instance, before anyone can extend through it.
 *
 * Return: 0 or the error of reading a TDREPORT.
 */
int tdx_guest_log_baseline(struct tdx_guest *tg)
{
	const struct tdx_tdreport *report;
	unsigned int i;
	int rc = 0;

	u8 *raw __free(kfree) = tdx_guest_read_report(tg);
	if (IS_ERR(raw))
		return PTR_ERR(no_free_ptr(raw));

	report = (const struct tdx_tdreport *)raw;
	for (i = 0; i < TDX_RTMR_COUNT && !rc; i++)
		rc = tdx_rtmr_log_append(&tg->log, TDX_RTMR_LOG_BASELINE, i,
					 report->tdinfo.rtmr[i]);
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_log_baseline);
