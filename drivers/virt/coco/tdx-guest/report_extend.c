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
 *
 * The measurement files in sysfs are read from a cached TDREPORT, so that
 * any number of unprivileged readers cannot keep the TDX module busy or
 * hold mr_lock for longer than a copy. The cache follows the rules of the
 * kernel's tsm-mr library (6.16 and later), which serves the same files
 * there, so a read returns the same on every kernel:
 *
 * - MRTD, MRCONFIGID, MROWNER, MROWNERCONFIG are fixed when the TD is
 *   built; they come from the report taken at load and never cause
 *   another one.
 * - An RTMR read returns the register as the TDX module held it after
 *   every extend made through this driver that completed before the read
 *   began. Each such extend marks the cache stale; the next RTMR read
 *   takes one new report. Nothing else does, however many readers there
 *   are: nothing but this driver extends RTMRs once it is loaded.
 *
 * mr_lock is taken killable, never interruptible: an agent that takes
 * signals all the time (a Go runtime's SIGURG) must not see EINTR because
 * its report met an extend.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "tdx_guest.h"

#define TDX_REPORT_BUSY_BACKOFF_US	50

/* Wait a little longer after each busy answer. */
static void tdx_report_busy_backoff(unsigned int try)
{
	usleep_range(try * TDX_REPORT_BUSY_BACKOFF_US,
		     2 * try * TDX_REPORT_BUSY_BACKOFF_US);
}

/*
 * Run @report under mr_lock, and again while the TDX module answers busy:
 * the one retry policy of every TDG.MR.REPORT this driver issues.
 */
static int tdx_report_retry_busy(struct tdx_guest *tg,
				 int (*report)(struct tdx_guest *tg, void *arg),
				 void *arg)
{
	unsigned int try;
	int rc = -EBUSY;

	for (try = 1; try <= TDX_REPORT_BUSY_TRIES; try++) {
		rc = mutex_lock_killable(&tg->mr_lock);
		if (rc)
			return rc;
		rc = report(tg, arg);
		mutex_unlock(&tg->mr_lock);
		if (rc != -EBUSY)
			return rc;
		if (try < TDX_REPORT_BUSY_TRIES)
			tdx_report_busy_backoff(try);
	}
	return rc;
}

struct tdx_report_args {
	const u8 *reportdata;
	u8 *tdreport;
};

static int tdx_report_plain(struct tdx_guest *tg, void *arg)
{
	struct tdx_report_args *a = arg;

	return tg->ops->get_report0(a->reportdata, a->tdreport);
}

/**
 * tdx_guest_get_report() - TDG.MR.REPORT, serialised with RTMR extends.
 * @tg: the provider instance.
 * @reportdata: 64 bytes of REPORTDATA, 64-byte aligned.
 * @tdreport: 1024-byte, 1024-byte aligned buffer for the TDREPORT.
 *
 * Only a fatal signal ends the wait for the lock. A busy TDX module is
 * asked TDX_REPORT_BUSY_TRIES times in all.
 *
 * Return: 0, -EINTR, -EBUSY when the TDX module stayed busy through every
 * try, or the platform's error (-ENXIO, -EIO).
 */
int tdx_guest_get_report(struct tdx_guest *tg, const u8 *reportdata,
			 u8 *tdreport)
{
	struct tdx_report_args a = { reportdata, tdreport };

	return tdx_report_retry_busy(tg, tdx_report_plain, &a);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_get_report);

/* Can a register be read from the cache? Called with mr_lock held. */
static bool tdx_mr_cache_fresh(const struct tdx_mr_cache *c, bool live)
{
	return c->valid && (!live || !c->stale);
}

/* Copy out of the cache, if it may be used. Called with mr_lock held. */
static bool tdx_mr_cache_copy(struct tdx_mr_cache *c, size_t offset,
			      size_t len, bool live, u8 *buf)
{
	if (!tdx_mr_cache_fresh(c, live))
		return false;
	memcpy(buf, (const u8 *)&c->report + offset, len);
	return true;
}

struct tdx_mr_read_args {
	struct tdx_report_args report;
	size_t offset;
	size_t len;
	bool live;
	u8 *buf;
};

/* Called with mr_lock held, once per try. */
static int tdx_mr_cache_fill(struct tdx_guest *tg, void *arg)
{
	struct tdx_mr_read_args *a = arg;
	struct tdx_mr_cache *c = &tg->mr_cache;
	int rc;

	/* Readers that waited for the one refreshing use its report. */
	if (tdx_mr_cache_copy(c, a->offset, a->len, a->live, a->buf))
		return 0;
	rc = tdx_report_plain(tg, &a->report);
	if (rc)
		return rc;
	memcpy(&c->report, a->report.tdreport, sizeof(c->report));
	c->stale = false;
	c->valid = true;
	tdx_mr_cache_copy(c, a->offset, a->len, a->live, a->buf);
	return 0;
}

static int tdx_mr_cache_refresh(struct tdx_guest *tg, size_t offset,
				size_t len, bool live, u8 *buf)
{
	u8 *reportdata __free(kfree) = kzalloc(TDX_REPORTDATA_SIZE,
					       GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	struct tdx_mr_read_args a = {
		.report = { reportdata, tdreport },
		.offset = offset, .len = len, .live = live, .buf = buf,
	};

	if (!reportdata || !tdreport)
		return -ENOMEM;
	return tdx_report_retry_busy(tg, tdx_mr_cache_fill, &a);
}

/**
 * tdx_guest_read_mr() - read measurement registers from the cached
 *	TDREPORT, refreshing it first when needed (see the DOC above).
 * @tg: the provider instance.
 * @offset: where the bytes start in a TDREPORT.
 * @len: how many; @offset + @len at most TDX_TDREPORT_SIZE.
 * @live: the bytes belong to RTMRs, which change; else to registers fixed
 *	at TD build time.
 * @buf: @len bytes for the result.
 *
 * Return: 0; -EINTR (fatal signal); -ENOMEM; or the error of the
 * TDG.MR.REPORT that refreshed the cache (-EBUSY, -ENXIO, -EIO).
 */
int tdx_guest_read_mr(struct tdx_guest *tg, size_t offset, size_t len,
		      bool live, u8 *buf)
{
	bool copied;
	int rc;

	if (WARN_ON_ONCE(offset > TDX_TDREPORT_SIZE ||
			 len > TDX_TDREPORT_SIZE - offset))
		return -EINVAL;
	rc = mutex_lock_killable(&tg->mr_lock);
	if (rc)
		return rc;
	copied = tdx_mr_cache_copy(&tg->mr_cache, offset, len, live, buf);
	mutex_unlock(&tg->mr_lock);
	return copied ? 0 : tdx_mr_cache_refresh(tg, offset, len, live, buf);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_read_mr);

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

/* The extend and its record, in one hold of mr_lock. */
static int tdx_extend_locked(struct tdx_guest *tg,
			     const struct tdx_rtmr_event *ev, const u8 *buf,
			     u64 *offset)
{
	int rc;

	rc = tdx_rtmr_log_reserve(&tg->log, ev->event_size);
	if (rc)
		return rc;
	rc = tg->ops->extend_rtmr(ev->index, buf);
	if (rc)
		return rc;
	tg->mr_cache.stale = true;
	*offset = tdx_rtmr_log_append(&tg->log, ev);
	return 0;
}

/**
 * tdx_guest_extend_event() - TDG.MR.RTMR.EXTEND, serialised with reports
 *	and recorded in the runtime measurement log.
 * @tg: the provider instance.
 * @ev: the RTMR, what to extend it with, and the record to leave.
 * @offset: where the record starts in the log, on success.
 *
 * Room for the record is made first, then the RTMR is extended and the
 * record appended, all in one hold of mr_lock: no report can see the one
 * without the other, and an extend that could not be recorded is never
 * made. The RTMRs of the cached TDREPORT are marked stale in the same
 * hold. Only a fatal signal ends the wait for the lock.
 *
 * Return: 0; -EINVAL for an index past RTMR3; -EINTR; -ENOSPC when the
 * log is full (nothing is extended); -ENOMEM; or the platform's error
 * (-ENXIO, -EBUSY, -EIO).
 */
int tdx_guest_extend_event(struct tdx_guest *tg,
			   const struct tdx_rtmr_event *ev, u64 *offset)
{
	/* The TDX module wants a 64-byte aligned, private buffer. */
	u8 *buf __free(kfree) = kzalloc(TDX_EXTEND_ALIGN, GFP_KERNEL);
	int rc;

	if (!buf)
		return -ENOMEM;
	/* From 6.16 the kernel's helper takes the index as a u8: check it. */
	if (ev->index >= TDX_RTMR_COUNT ||
	    WARN_ON_ONCE(ev->type != TDX_RTMR_LOG_EV_EVENT_TAG))
		return -EINVAL;
	memcpy(buf, ev->digest, TDX_MEASUREMENT_SIZE);

	rc = mutex_lock_killable(&tg->mr_lock);
	if (rc)
		return rc;
	rc = tdx_extend_locked(tg, ev, buf, offset);
	mutex_unlock(&tg->mr_lock);
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_extend_event);

/**
 * tdx_guest_extend_rtmr() - extend an RTMR with a digest whose content is
 *	not known, and record it as such.
 * @tg: the provider instance.
 * @index: RTMR 0..3.
 * @digest: TDX_MEASUREMENT_SIZE bytes, anywhere in kernel memory.
 *
 * Return: what tdx_guest_extend_event() returns.
 */
int tdx_guest_extend_rtmr(struct tdx_guest *tg, unsigned int index,
			  const u8 *digest)
{
	struct tdx_rtmr_event *ev __free(kvfree) =
		tdx_rtmr_event_digest(index, digest);
	u64 offset;

	if (IS_ERR(ev))
		return PTR_ERR(no_free_ptr(ev));
	return tdx_guest_extend_event(tg, ev, &offset);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_extend_rtmr);

/**
 * tdx_guest_log_start() - start the log: is it complete?
 * @tg: the provider instance, before anyone can extend through it.
 *
 * Compares the RTMRs now with what the firmware's event log (the ACPI
 * CCEL) replays to, or with zero where there is none, and notes in the log
 * every RTMR the firmware's log does not explain. A CCEL that cannot be
 * replayed explains nothing. The report this takes also fills the cache
 * the measurement files are read from.
 *
 * Return: 0 or the error of reading a TDREPORT or of the log.
 */
int tdx_guest_log_start(struct tdx_guest *tg)
{
	u8 now[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	u8 fw[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	unsigned int i, unexplained = 0;
	bool ccel;
	int rc;

	rc = tdx_guest_read_mr(tg, offsetof(struct tdx_tdreport, tdinfo.rtmr),
			       sizeof(now), true, &now[0][0]);
	if (rc)
		return rc;
	rc = tdx_ccel_replay(fw, &ccel);
	if (rc) {
		pr_warn("the firmware's event log (CCEL) cannot be replayed (%d)\n",
			rc);
		memset(fw, 0xff, sizeof(fw));	/* matches no RTMR */
	}
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		if (!memcmp(now[i], fw[i], TDX_MEASUREMENT_SIZE))
			continue;
		rc = tdx_rtmr_log_note_unexplained(&tg->log, i, now[i]);
		if (rc)
			return rc;
		unexplained |= BIT(i);
	}
	if (unexplained)
		pr_warn("rtmr_log cannot replay RTMRs (mask %#x): they hold extends %s\n",
			unexplained,
			ccel ? "the firmware's event log (CCEL) does not explain" :
			       "and the TD has no firmware event log (CCEL)");
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_guest_log_start);
