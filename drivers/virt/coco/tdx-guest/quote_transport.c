// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: GetQuote transport
 *
 * Turns a TDREPORT into a Quote through TDG.VP.VMCALL<GetQuote>: the report
 * goes into a shared (decrypted) buffer, the VMM's quote generation service
 * replaces it by a Quote, and the guest watches the buffer's status until it
 * does.
 *
 * Everything the host writes is hostile. Its status and out_len are read
 * exactly once each, after the host has published them, and are bounded
 * before use; the buffer is zeroed before each request so that nothing but
 * the TDREPORT is ever shared.
 *
 * Waits on the host are killable, not interruptible: agents take non-fatal
 * signals all the time (SIGCHLD, a Go runtime's SIGURG, timers), and each
 * one would otherwise cost the Quote and a buffer. Only a fatal signal or
 * the timeout ends a wait early, and before the request is given up the
 * status is read one last time, so a Quote that arrived during the last
 * sleep is returned rather than thrown away.
 *
 * A request the host never completes must not wedge the driver: when the
 * wait ends early (timeout or fatal signal) the host may still write the
 * buffer, so the buffer is quarantined (neither reused nor freed) and the
 * next request gets a fresh one. A quarantined buffer is reclaimed once the
 * host has written a final status into it. The number held is bounded.
 *
 * A VMM may publish the header in one forward copy (QEMU does: the Quote,
 * a write barrier, then the 24-byte header front to back), so the final
 * status can be seen before out_len. SUCCESS with out_len 0 is therefore
 * taken as "not published yet" for up to tdx_quote_publish_grace_ms, and
 * only then as a broken protocol.
 *
 * Completion is signalled by the host's event-notify interrupt where it
 * offers one (quote_notify.c): the waiter sleeps until the interrupt, with
 * a look every TDX_QUOTE_NOTIFY_SAFETY_MS in case it is lost (a host
 * whose interrupts stop coming is demoted to polling). Otherwise, or with
 * quote_notify=poll, completion is found by polling, each look a tenth of
 * the time waited so far after the last (from 20 us, at most 20 ms): an
 * answer is seen at most 10% or 20 ms after it came, at a cost of one
 * timer wake-up per look (about 80 for a Quote of a second).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/minmax.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched/signal.h>
#include <linux/set_memory.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "tdx_guest.h"

/* QEMU's limit for the GetQuote buffer; real Quotes with chains fit. */
#define TDX_QUOTE_BUF_LEN		SZ_128K
#define TDX_QUOTE_MAX_QUARANTINED	4

#define TDX_QUOTE_POLL_FIRST_NS		(20 * NSEC_PER_USEC)
#define TDX_QUOTE_POLL_MAX_NS		(20 * NSEC_PER_MSEC)
/* Timer slack lets wake-ups merge, but must not undo a short interval. */
#define TDX_QUOTE_SLACK_MAX_NS		(50 * NSEC_PER_USEC)
/*
 * With the interrupt, how often to look anyway: a lost interrupt makes a
 * Quote at most this late, and a Quote of up to this long costs one
 * wake-up.
 */
#define TDX_QUOTE_NOTIFY_SAFETY_MS	1000
#define TDX_QUOTE_RETRY_FIRST_NS	(100 * NSEC_PER_USEC)
#define TDX_QUOTE_RETRY_MAX_NS		(100 * NSEC_PER_MSEC)
/*
 * How long SUCCESS with out_len 0 may wait for out_len. QEMU stores the
 * two a few bytes apart in one copy; only a preempted host thread makes
 * that take long, so 100 ms is generous, and still small against the
 * request's timeout. A variable only so that KUnit can show the logic
 * without racing a loaded machine's clock.
 */
unsigned int tdx_quote_publish_grace_ms = 100;
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_publish_grace_ms);
#define TDX_QUOTE_PUBLISH_POLL_MIN_NS	(10 * NSEC_PER_USEC)
#define TDX_QUOTE_PUBLISH_POLL_MAX_NS	(5 * NSEC_PER_MSEC)
/*
 * The longest quote_timeout_ms. The configfs-tsm lock is held for the
 * whole request, so every other report (and rmmod) waits behind it, in
 * uninterruptible sleeps that the hung task detector reports after 120 s
 * by default. 60 s is twice the time QEMU gives its quote generation
 * service, so a host that gives up is always heard before the guest does.
 */
#define TDX_QUOTE_TIMEOUT_MAX_MS	(60 * MSEC_PER_SEC)

unsigned int quote_timeout_ms = 30 * MSEC_PER_SEC;
EXPORT_SYMBOL_IF_KUNIT(quote_timeout_ms);

/*
 * Zero would fail every request after handing its buffer to the host,
 * quarantining buffers until none is left; more than the maximum would
 * hold the configfs-tsm lock for longer than anything should: refuse both.
 */
static int quote_timeout_ms_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;

	/* Too large for an unsigned int is too large, too: EINVAL as well. */
	if (kstrtouint(val, 0, &ms) || !ms || ms > TDX_QUOTE_TIMEOUT_MAX_MS)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, ms);
	return 0;
}

static const struct kernel_param_ops quote_timeout_ms_ops = {
	.set = quote_timeout_ms_set,
	.get = param_get_uint,
};
module_param_cb(quote_timeout_ms, &quote_timeout_ms_ops, &quote_timeout_ms,
		0644);
MODULE_PARM_DESC(quote_timeout_ms,
		 "Time a GetQuote request may take before it fails with ETIMEDOUT (ms, 1 to 60000, default 30000)");

/* quote_notify: "auto" uses the host's interrupt when offered, else polls. */
static bool quote_notify_poll;

static int quote_notify_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "auto"))
		WRITE_ONCE(quote_notify_poll, false);
	else if (sysfs_streq(val, "poll"))
		WRITE_ONCE(quote_notify_poll, true);
	else
		return -EINVAL;
	return 0;
}

static int quote_notify_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", READ_ONCE(quote_notify_poll) ? "poll" :
								      "auto");
}

static const struct kernel_param_ops quote_notify_ops = {
	.set = quote_notify_set,
	.get = quote_notify_get,
};
module_param_cb(quote_notify, &quote_notify_ops, NULL, 0644);
MODULE_PARM_DESC(quote_notify,
		 "GetQuote completion: auto (the host's interrupt when offered, else polling; default) or poll");

/**
 * struct tdx_quote_buf - one GetQuote shared buffer.
 * @node: entry on tdx_quote_transport.quarantine while the host owns it.
 * @hdr: the buffer itself, shared with the host.
 */
struct tdx_quote_buf {
	struct list_head node;
	struct tdx_getquote_hdr *hdr;
};

static void tdx_quote_buf_free(struct tdx_quote_buf *qb, size_t len)
{
	/*
	 * Memory that cannot be made private again must never return to
	 * the allocator, where it would leak the next owner's data.
	 */
	if (set_memory_encrypted((unsigned long)qb->hdr, len >> PAGE_SHIFT))
		pr_err_ratelimited("cannot re-encrypt a GetQuote buffer: leaking it\n");
	else
		free_pages_exact(qb->hdr, len);
	kfree(qb);
}

static struct tdx_quote_buf *tdx_quote_buf_alloc(size_t len)
{
	struct tdx_quote_buf *qb __free(kfree) = kzalloc(sizeof(*qb),
							 GFP_KERNEL);
	void *va;

	if (!qb)
		return NULL;

	va = alloc_pages_exact(len, GFP_KERNEL | __GFP_ZERO);
	if (!va)
		return NULL;

	/* A failed conversion leaves the pages in an unknown state: leak. */
	if (set_memory_decrypted((unsigned long)va, len >> PAGE_SHIFT)) {
		pr_err_ratelimited("cannot share a GetQuote buffer with the host\n");
		return NULL;
	}

	qb->hdr = va;
	return no_free_ptr(qb);
}

static bool tdx_quote_buf_host_owned(const struct tdx_quote_buf *qb)
{
	return READ_ONCE(qb->hdr->status) == TDX_GETQUOTE_STATUS_IN_FLIGHT;
}

static void tdx_quote_quarantine(struct tdx_quote_transport *qt)
{
	list_add_tail(&qt->buf->node, &qt->quarantine);
	qt->nr_quarantined++;
	qt->buf = NULL;
	/* A host that never answers, or a kill, decides how often: ratelimit. */
	pr_warn_ratelimited("host still owns an abandoned GetQuote buffer: quarantined (%u of at most %u)\n",
			    qt->nr_quarantined, TDX_QUOTE_MAX_QUARANTINED);
}

/* Take back every quarantined buffer the host has since finished with. */
static void tdx_quote_reclaim(struct tdx_quote_transport *qt)
{
	struct tdx_quote_buf *qb, *next;

	list_for_each_entry_safe(qb, next, &qt->quarantine, node) {
		if (tdx_quote_buf_host_owned(qb))
			continue;
		list_del(&qb->node);
		qt->nr_quarantined--;
		if (!qt->buf)
			qt->buf = qb;
		else
			tdx_quote_buf_free(qb, qt->buf_len);
		pr_info_ratelimited("host released a quarantined GetQuote buffer (%u left)\n",
				    qt->nr_quarantined);
	}
}

static struct tdx_quote_buf *tdx_quote_take_buf(struct tdx_quote_transport *qt)
{
	tdx_quote_reclaim(qt);
	if (qt->buf)
		return qt->buf;

	if (qt->nr_quarantined >= TDX_QUOTE_MAX_QUARANTINED) {
		pr_warn_ratelimited("all %u quarantined GetQuote buffers are still owned by the host\n",
				    qt->nr_quarantined);
		return ERR_PTR(-EBUSY);
	}

	qt->buf = tdx_quote_buf_alloc(qt->buf_len);
	return qt->buf ?: ERR_PTR(-ENOMEM);
}

static void tdx_quote_fill_request(struct tdx_getquote_hdr *hdr, size_t len,
				   const u8 *tdreport)
{
	/* Whatever an earlier request left here is nobody's business. */
	memset(hdr, 0, len);
	hdr->version = TDX_GETQUOTE_BUF_VERSION;
	hdr->in_len = TDX_TDREPORT_SIZE;
	memcpy(hdr->data, tdreport, TDX_TDREPORT_SIZE);
}

/**
 * tdx_quote_poll_interval() - how long to sleep before the next look.
 * @elapsed_ns: time since the host took the request.
 *
 * A tenth of the time waited, from TDX_QUOTE_POLL_FIRST_NS up to
 * TDX_QUOTE_POLL_MAX_NS (see the DOC of this file).
 *
 * Return: the next interval in nanoseconds.
 */
u64 tdx_quote_poll_interval(u64 elapsed_ns)
{
	return clamp_t(u64, elapsed_ns / 10, TDX_QUOTE_POLL_FIRST_NS,
		       TDX_QUOTE_POLL_MAX_NS);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_poll_interval);

/*
 * Sleep (never spin) for @ns, or less if a fatal signal arrives. Other
 * signals neither wake nor end the sleep: they are delivered when the
 * request is over.
 */
static int tdx_quote_sleep(u64 ns)
{
	ktime_t expires = ns_to_ktime(ns);

	set_current_state(TASK_KILLABLE);
	schedule_hrtimeout_range(&expires,
				 min_t(u64, ns / 8, TDX_QUOTE_SLACK_MAX_NS),
				 HRTIMER_MODE_REL);
	return fatal_signal_pending(current) ? -EINTR : 0;
}

/* Sleep for up to @interval_ns from @now, but never past @deadline. */
static int tdx_quote_sleep_until(u64 interval_ns, ktime_t now,
				 ktime_t deadline)
{
	s64 left_ns = ktime_to_ns(ktime_sub(deadline, now));

	if (left_ns <= 0)
		return -ETIMEDOUT;
	return tdx_quote_sleep(min_t(u64, interval_ns, left_ns));
}

static bool tdx_quote_published(const struct tdx_getquote_hdr *hdr)
{
	return READ_ONCE(hdr->status) != TDX_GETQUOTE_STATUS_IN_FLIGHT;
}

/*
 * Sleep until the host's interrupt says a GetQuote completed, a safety
 * period passed, @deadline, or a fatal signal. Any completion wakes every
 * waiter; the caller reads its own status to see whether it was its own.
 */
static int tdx_quote_sleep_notified(struct tdx_quote_notify *qn,
				    const struct tdx_getquote_hdr *hdr,
				    ktime_t now, ktime_t deadline)
{
	s64 left_ns = ktime_to_ns(ktime_sub(deadline, now));
	long rc;

	if (left_ns <= 0)
		return -ETIMEDOUT;
	rc = wait_event_killable_timeout(qn->wq, tdx_quote_published(hdr),
					 min(nsecs_to_jiffies(left_ns) + 1,
					     msecs_to_jiffies(TDX_QUOTE_NOTIFY_SAFETY_MS)));
	return rc < 0 ? -EINTR : 0;
}

static bool tdx_quote_use_notify(struct tdx_quote_transport *qt)
{
	return !READ_ONCE(quote_notify_poll) && READ_ONCE(qt->notify.active);
}

/*
 * Hand the buffer to the host. A host that is busy answers RETRY and has
 * not taken the buffer, so asking again later is safe.
 */
static int tdx_quote_submit(struct tdx_quote_transport *qt, ktime_t deadline)
{
	u64 backoff = TDX_QUOTE_RETRY_FIRST_NS;
	u64 ret;
	int rc;

	for (;;) {
		ret = qt->ops->get_quote(qt->buf->hdr, qt->buf_len);
		if (ret == TDX_VMCALL_SUCCESS)
			return 0;
		if (ret != TDX_VMCALL_RETRY) {
			pr_err_ratelimited("GetQuote hypercall rejected: %#llx\n",
					   ret);
			return -EIO;
		}
		rc = tdx_quote_sleep_until(backoff, ktime_get(), deadline);
		if (rc)
			return rc;
		backoff = min_t(u64, backoff * 2, TDX_QUOTE_RETRY_MAX_NS);
	}
}

/*
 * Wait until the host publishes a final status, and return that status
 * through @status: it is the one and only read of the field that counts.
 * When the timeout or a fatal signal ends the last sleep, the status is
 * still looked at once more: an answer that came during that sleep is
 * taken, and the buffer is not quarantined for nothing. @irqs_before is
 * the interrupt count from before the request, for judging whether the
 * host's interrupt still comes.
 */
static int tdx_quote_wait(struct tdx_quote_transport *qt,
			  const struct tdx_getquote_hdr *hdr, ktime_t deadline,
			  unsigned int irqs_before, u64 *status)
{
	ktime_t start = ktime_get(), now;
	u64 elapsed;
	bool notified = false, safety_look = false;
	int rc = 0;

	for (;;) {
		*status = READ_ONCE(hdr->status);
		now = ktime_get();
		elapsed = ktime_to_ns(ktime_sub(now, start));
		if (*status != TDX_GETQUOTE_STATUS_IN_FLIGHT) {
			/* Read out_len and the Quote only after the status. */
			smp_rmb();
			if (notified)
				tdx_quote_notify_judge(&qt->notify, irqs_before,
						       safety_look);
			return 0;
		}
		if (rc)
			return rc;	/* that was the last look */
		notified = tdx_quote_use_notify(qt);
		if (notified) {
			rc = tdx_quote_sleep_notified(&qt->notify, hdr, now,
						      deadline);
			/* Slept most of a safety period: nothing woke it. */
			safety_look = ktime_ms_delta(ktime_get(), now) >=
				      TDX_QUOTE_NOTIFY_SAFETY_MS / 2;
		} else {
			rc = tdx_quote_sleep_until(tdx_quote_poll_interval(elapsed),
						   now, deadline);
		}
	}
}

/*
 * out_len of a request whose status is SUCCESS. A host that stores the
 * header front to back has stored the status but maybe not yet out_len:
 * give it tdx_quote_publish_grace_ms to do so. The host has finished with
 * the buffer either way, so giving up here quarantines nothing.
 */
static int tdx_quote_read_out_len(const struct tdx_getquote_hdr *hdr,
				  u32 *out_len)
{
	ktime_t deadline = ktime_add_ms(ktime_get(),
					READ_ONCE(tdx_quote_publish_grace_ms));
	u64 interval = TDX_QUOTE_PUBLISH_POLL_MIN_NS;
	int rc = 0;

	for (;;) {
		*out_len = READ_ONCE(hdr->out_len);
		if (*out_len)
			return 0;
		if (rc)
			return rc;	/* also after a last look */
		rc = tdx_quote_sleep_until(interval, ktime_get(), deadline);
		interval = min_t(u64, interval * 2,
				 TDX_QUOTE_PUBLISH_POLL_MAX_NS);
	}
}

/**
 * tdx_quote_status_to_errno() - what a client sees for a final status.
 * @status: the status the host published.
 *
 * Return: 0 for success, -EIO when the service failed to produce a Quote,
 * -ECONNREFUSED when no quote generation service was reachable, -EPROTO for
 * a status the GHCI does not define.
 */
int tdx_quote_status_to_errno(u64 status)
{
	switch (status) {
	case TDX_GETQUOTE_STATUS_SUCCESS:
		return 0;
	case TDX_GETQUOTE_STATUS_ERROR:
		return -EIO;
	case TDX_GETQUOTE_STATUS_UNAVAILABLE:
		return -ECONNREFUSED;
	default:
		return -EPROTO;
	}
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_status_to_errno);

/*
 * Say when the host's quote generation service goes away and comes back,
 * once each: a host without one answers every request so, which is a
 * state of the host to report, not an error of ours to repeat.
 */
static void tdx_quote_note_service(struct tdx_quote_transport *qt, u64 status)
{
	bool unavailable = status == TDX_GETQUOTE_STATUS_UNAVAILABLE;

	if (unavailable == qt->service_unavailable)
		return;
	qt->service_unavailable = unavailable;
	if (unavailable)
		pr_warn("no quote generation service: GetQuote fails with ECONNREFUSED until the host has one\n");
	else
		pr_info("quote generation service reachable again\n");
}

static int tdx_quote_collect(struct tdx_quote_transport *qt,
			     const struct tdx_getquote_hdr *hdr, u64 status,
			     u8 **quote, size_t *quote_len)
{
	size_t room = qt->buf_len - sizeof(*hdr);
	u32 out_len;
	int rc;

	tdx_quote_note_service(qt, status);
	rc = tdx_quote_status_to_errno(status);
	if (rc) {
		if (rc != -ECONNREFUSED)
			pr_err_ratelimited("GetQuote failed: status %#llx\n",
					   status);
		return rc;
	}

	rc = tdx_quote_read_out_len(hdr, &out_len);
	if (rc == -EINTR)
		return rc;
	if (out_len > room) {
		pr_err_ratelimited("host claims a %u byte Quote in a %zu byte buffer\n",
				   out_len, room);
		return -EFBIG;
	}
	if (!out_len) {
		pr_err_ratelimited("host reported success but no Quote length within %u ms\n",
				   READ_ONCE(tdx_quote_publish_grace_ms));
		return -EPROTO;
	}

	*quote = kvmemdup(hdr->data, out_len, GFP_KERNEL);
	if (!*quote)
		return -ENOMEM;
	*quote_len = out_len;
	return 0;
}

static int tdx_quote_get_locked(struct tdx_quote_transport *qt,
				const u8 *tdreport, u8 **quote,
				size_t *quote_len)
{
	ktime_t deadline = ktime_add_ms(ktime_get(),
					READ_ONCE(quote_timeout_ms));
	struct tdx_quote_buf *qb;
	unsigned int irqs;
	u64 status;
	int rc;

	/*
	 * A reader already being killed would only give a buffer away to
	 * abandon it at its first look: do not ask the host at all.
	 */
	if (fatal_signal_pending(current))
		return -EINTR;
	qb = tdx_quote_take_buf(qt);
	if (IS_ERR(qb))
		return PTR_ERR(qb);

	tdx_quote_fill_request(qb->hdr, qt->buf_len, tdreport);
	irqs = tdx_quote_notify_irqs(&qt->notify);
	rc = tdx_quote_submit(qt, deadline);
	if (rc)
		return rc;

	rc = tdx_quote_wait(qt, qb->hdr, deadline, irqs, &status);
	if (rc) {
		tdx_quote_quarantine(qt);
		return rc;
	}

	return tdx_quote_collect(qt, qb->hdr, status, quote, quote_len);
}

/**
 * tdx_quote_get() - turn a TDREPORT into a Quote.
 * @qt: the transport.
 * @tdreport: the TDX_TDREPORT_SIZE byte TDREPORT.
 * @quote: on success, a kvmalloc()ed copy of the Quote; the caller owns it.
 * @quote_len: on success, the Quote's size.
 *
 * Waits are killable: only a fatal signal ends one early; other signals
 * are left pending until the request is over.
 *
 * Return: 0; -EINTR when a fatal signal ended the wait, or was pending
 * before the host was asked (nothing is then quarantined); -ETIMEDOUT after
 * quote_timeout_ms; -ECONNREFUSED when no quote generation service was
 * available; -EIO when the service or the hypercall failed; -EFBIG when
 * the host claims a Quote larger than the buffer; -EPROTO when the host
 * broke the protocol (also SUCCESS whose out_len stays 0 for
 * tdx_quote_publish_grace_ms); -EBUSY when every quarantined buffer is still held
 * by the host; -ENOMEM.
 */
int tdx_quote_get(struct tdx_quote_transport *qt, const u8 *tdreport,
		  u8 **quote, size_t *quote_len)
{
	int rc;

	/* Killable like the waits, so a storm of signals cannot fail it. */
	rc = mutex_lock_killable(&qt->lock);
	if (rc)
		return rc;
	rc = tdx_quote_get_locked(qt, tdreport, quote, quote_len);
	mutex_unlock(&qt->lock);
	return rc;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_get);

/**
 * tdx_quote_transport_init() - prepare a transport and its first buffer.
 * @qt: the transport, zeroed.
 * @ops: the platform that carries GetQuote.
 *
 * The first buffer is allocated now, so a machine that cannot share one
 * fails at load time rather than at the first quote.
 *
 * Return: 0 or -ENOMEM.
 */
int tdx_quote_transport_init(struct tdx_quote_transport *qt,
			     const struct tdx_platform_ops *ops)
{
	mutex_init(&qt->lock);
	INIT_LIST_HEAD(&qt->quarantine);
	qt->buf_len = TDX_QUOTE_BUF_LEN;
	qt->buf = tdx_quote_buf_alloc(qt->buf_len);
	if (!qt->buf)
		return -ENOMEM;
	qt->ops = ops;
	tdx_quote_notify_init(&qt->notify, ops);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_transport_init);

/**
 * tdx_quote_transport_fini() - release a transport's buffers.
 * @qt: the transport; may be one whose init failed or never ran.
 *
 * Buffers the host still owns are leaked on purpose: the host could write
 * them after they were reused.
 */
void tdx_quote_transport_fini(struct tdx_quote_transport *qt)
{
	struct tdx_quote_buf *qb, *next;

	if (!qt->ops)
		return;

	tdx_quote_notify_fini(&qt->notify);
	tdx_quote_reclaim(qt);
	list_for_each_entry_safe(qb, next, &qt->quarantine, node) {
		pr_warn("leaking a GetQuote buffer the host never released\n");
		list_del(&qb->node);
		kfree(qb);
	}
	if (qt->buf)
		tdx_quote_buf_free(qt->buf, qt->buf_len);
	qt->buf = NULL;
	mutex_destroy(&qt->lock);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_quote_transport_fini);
