// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: emulated host side of GetQuote
 *
 * What a VMM does with TDG.VP.VMCALL<GetQuote>: check the buffer, take the
 * TDREPORT out of it, mark it in flight, pass the report to the quote
 * generation service (QGS) in QGS message framing, and later write the
 * Quote, out_len and finally the status back into the guest's buffer.
 *
 * Requests live on one list in arrival order and move through states:
 * QUEUED (waiting for the service to read it), SENT (the service has it),
 * ANSWERED (the result is known but the configured service time has not
 * passed yet) and HUNG (injected: never completes). One work item, the
 * host's event loop, completes ANSWERED requests when their time comes
 * and fails QUEUED or SENT ones the service did not answer within
 * qgs_timeout_ms, as QEMU does. Only that work item writes results into
 * guest buffers or frees requests, so nothing can race a request's end.
 * An hrtimer, not a jiffy timer, schedules it: the configured service time
 * is kept to microseconds, so that what a guest measures above it is the
 * guest's own doing and not the emulator's timer granularity.
 *
 * With no service attached, a request completes with "service unavailable"
 * after the configured service time.
 *
 * What QEMU does as the VMM is modelled where a guest can see it: the
 * buffer is marked in flight before the hypercall returns, the hypercall
 * answers RETRY while TDX_EMU_MAX_IN_FLIGHT requests are in flight (hung
 * ones included, until they complete), and with the qemu_header_order knob
 * a result is published as QEMU's completion does it (the Quote, a write
 * barrier, then the whole header front to back, so status is stored
 * before out_len).
 *
 * The service's side (tdx_emu_service_*) never sleeps with a task state
 * set and never touches user memory under host.lock: the blocking read
 * checks a lockless count of queued requests, and messages are copied in
 * and out of user space outside the lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/align.h>
#include <linux/cleanup.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

#include <tdx-guest/getquote.h>
#include <tdx-guest/hrtimer_compat.h>
#include <tdx-guest/qgs_msg.h>

#include "emu.h"

/* QEMU refuses GetQuote buffers larger than this. */
#define TDX_EMU_QUOTE_BUF_MAX	SZ_128K
/* QEMU answers RETRY while this many GetQuote requests are in flight. */
#define TDX_EMU_MAX_IN_FLIGHT	16
/* header_gap_us is clamped to this, so the event loop cannot stall. */
#define TDX_EMU_HEADER_GAP_MAX_US	USEC_PER_SEC

static unsigned int qgs_timeout_ms = 30 * MSEC_PER_SEC;
module_param(qgs_timeout_ms, uint, 0644);
MODULE_PARM_DESC(qgs_timeout_ms,
		 "Time the emulated VMM gives the quote service before failing a request (ms, default 30000)");

enum tdx_emu_req_state {
	TDX_EMU_REQ_NEW,	/* not routed yet */
	TDX_EMU_REQ_QUEUED,
	TDX_EMU_REQ_SENT,
	TDX_EMU_REQ_ANSWERED,
	TDX_EMU_REQ_HUNG,
};

/**
 * struct tdx_emu_quote_req - one GetQuote request held by the emulated VMM.
 * @node: entry on tdx_emu_host.reqs, in arrival order.
 * @id: unique per request, to find it again after host.lock was dropped.
 * @state: where the request is in its life.
 * @hdr: the guest's shared buffer.
 * @buf_len: size of @hdr's buffer.
 * @report: the host's own copy of the guest's request data.
 * @report_len: bytes in @report.
 * @due: when an ANSWERED request is completed (arrival + service time).
 * @deadline: when a QUEUED or SENT request is failed for lack of an answer.
 * @status: the status an ANSWERED request completes with.
 * @quote: the Quote an ANSWERED request completes with, or NULL.
 * @quote_len: bytes in @quote, or the out_len to claim if @quote is NULL.
 */
struct tdx_emu_quote_req {
	struct list_head node;
	u64 id;
	enum tdx_emu_req_state state;
	struct tdx_getquote_hdr *hdr;
	size_t buf_len;
	u8 *report;
	u32 report_len;
	ktime_t due;
	ktime_t deadline;
	u64 status;
	u8 *quote;
	u32 quote_len;
};

/**
 * struct tdx_emu_host - the emulated VMM's GetQuote state.
 * @lock: protects everything below and every request.
 * @reqs: requests in arrival order.
 * @in_flight: requests accepted and not yet completed (entries on @reqs).
 * @nr_queued: requests in state QUEUED; written under @lock, read without
 *	it by the service's wait, whose condition must not sleep.
 * @next_id: the id the next request gets.
 * @service_attached: a quote generation service has the device open.
 * @stopping: the module is going away: @wake must not be armed again.
 * @waitq: where the service waits for requests.
 * @event_loop: completes and expires requests.
 * @thread: where @event_loop runs: the VMM's own thread, as QEMU's main
 *	loop is, not a kernel-wide workqueue shared with everything else.
 * @wake: runs @event_loop when the next request needs attention.
 */
struct tdx_emu_host {
	struct mutex lock;	/* requests and their states */
	struct list_head reqs;
	unsigned int in_flight;
	unsigned int nr_queued;
	u64 next_id;
	bool service_attached;
	bool stopping;
	wait_queue_head_t waitq;
	struct work_struct event_loop;
	struct workqueue_struct *thread;
	struct hrtimer wake;
};

static struct tdx_emu_host host;

/* Every state change goes through here, so host.nr_queued stays true. */
static void tdx_emu_req_set_state(struct tdx_emu_quote_req *req,
				  enum tdx_emu_req_state state)
{
	lockdep_assert_held(&host.lock);
	if (req->state == TDX_EMU_REQ_QUEUED)
		WRITE_ONCE(host.nr_queued, host.nr_queued - 1);
	if (state == TDX_EMU_REQ_QUEUED)
		WRITE_ONCE(host.nr_queued, host.nr_queued + 1);
	req->state = state;
}

static void tdx_emu_req_free(struct tdx_emu_quote_req *req)
{
	kfree(req->report);
	kvfree(req->quote);
	kfree(req);
}

/* The header_gap_us knob: widens the window between status and out_len. */
static void tdx_emu_header_gap(void)
{
	unsigned int us = atomic_read(&tdx_emu_faults.header_gap_us);

	if (us)
		fsleep(min_t(unsigned int, us, TDX_EMU_HEADER_GAP_MAX_US));
}

/*
 * Write the result. By default the way a careful VMM does: payload and
 * length first, status last, so a guest that sees the final status sees
 * everything else too. With qemu_header_order, as QEMU does: payload, a
 * barrier, then the header from its first byte to its last, which stores
 * status (offset 8) before out_len (offset 20).
 */
static void tdx_emu_req_publish(struct tdx_emu_quote_req *req)
{
	struct tdx_getquote_hdr *hdr = req->hdr;
	size_t room = req->buf_len - sizeof(*hdr);

	if (req->quote)
		memcpy(hdr->data, req->quote,
		       min_t(size_t, req->quote_len, room));
	if (atomic_read(&tdx_emu_faults.qemu_header_order)) {
		/* QEMU's smp_wmb(): the Quote before any of the header. */
		smp_wmb();
		WRITE_ONCE(hdr->version, TDX_GETQUOTE_BUF_VERSION);
		WRITE_ONCE(hdr->status, req->status);
		/*
		 * Widen the window only where a guest must wait it out: a
		 * failed request has no out_len to wait for, and its guest
		 * may take the buffer back (and free it) at once.
		 */
		if (req->status == TDX_GETQUOTE_STATUS_SUCCESS)
			tdx_emu_header_gap();
		WRITE_ONCE(hdr->in_len, req->report_len);
		WRITE_ONCE(hdr->out_len, req->quote_len);
	} else {
		WRITE_ONCE(hdr->out_len, req->quote_len);
		/* Pairs with the guest's smp_rmb() after it reads the status. */
		smp_wmb();
		tdx_emu_header_gap();
		WRITE_ONCE(hdr->status, req->status);
	}
	/* As QEMU: the interrupt once the whole header is written. */
	tdx_emu_notify_inject();
}

static void tdx_emu_req_answer(struct tdx_emu_quote_req *req, u64 status,
			       u8 *quote, u32 quote_len)
{
	tdx_emu_req_set_state(req, TDX_EMU_REQ_ANSWERED);
	req->status = status;
	req->quote = quote;
	req->quote_len = quote_len;
}

static void tdx_emu_kick(void)
{
	queue_work(host.thread, &host.event_loop);
}

static enum hrtimer_restart tdx_emu_wake(struct hrtimer *timer)
{
	tdx_emu_kick();
	return HRTIMER_NORESTART;
}

/* Handle one request at @now; return when it next needs attention. */
static ktime_t tdx_emu_req_tick(struct tdx_emu_quote_req *req, ktime_t now)
{
	switch (req->state) {
	case TDX_EMU_REQ_QUEUED:
	case TDX_EMU_REQ_SENT:
		if (ktime_before(now, req->deadline))
			return req->deadline;
		pr_warn("quote service did not answer in time: failing request\n");
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_ERROR, NULL, 0);
		fallthrough;
	case TDX_EMU_REQ_ANSWERED:
		if (ktime_before(now, req->due))
			return req->due;
		/* As QEMU: no longer counted once its completion begins. */
		host.in_flight--;
		tdx_emu_req_publish(req);
		list_del(&req->node);
		tdx_emu_req_free(req);
		return KTIME_MAX;
	case TDX_EMU_REQ_HUNG:
	default:
		return KTIME_MAX;
	}
}

static void tdx_emu_event_loop(struct work_struct *work)
{
	struct tdx_emu_quote_req *req, *next;
	ktime_t now = ktime_get(), wake = KTIME_MAX;

	guard(mutex)(&host.lock);
	list_for_each_entry_safe(req, next, &host.reqs, node)
		wake = min(wake, tdx_emu_req_tick(req, now));

	if (wake != KTIME_MAX && !host.stopping)
		hrtimer_start(&host.wake, wake, HRTIMER_MODE_ABS);
}

/* The checks a VMM makes before it accepts the buffer. */
static u64 tdx_emu_check_buffer(void *buf, size_t len, u32 *in_len)
{
	struct tdx_getquote_hdr *hdr = buf;

	if (!len || !IS_ALIGNED((unsigned long)buf, TDX_GETQUOTE_BUF_ALIGN) ||
	    !IS_ALIGNED(len, TDX_GETQUOTE_BUF_ALIGN))
		return TDX_VMCALL_ALIGN_ERROR;
	if (len > TDX_EMU_QUOTE_BUF_MAX)
		return TDX_VMCALL_INVALID_OPERAND;

	/* Read once: the guest could change it between check and copy. */
	*in_len = READ_ONCE(hdr->in_len);
	if (READ_ONCE(hdr->version) != TDX_GETQUOTE_BUF_VERSION ||
	    !*in_len || *in_len > len - sizeof(*hdr))
		return TDX_VMCALL_INVALID_OPERAND;
	return TDX_VMCALL_SUCCESS;
}

static struct tdx_emu_quote_req *tdx_emu_req_new(struct tdx_getquote_hdr *hdr,
						 size_t len, u32 in_len,
						 ktime_t now)
{
	struct tdx_emu_quote_req *req __free(kfree) =
		kzalloc(sizeof(*req), GFP_KERNEL);
	u32 delay_us = atomic_read(&tdx_emu_faults.quote_delay_us);

	if (!req)
		return NULL;
	req->report = kmemdup(hdr->data, in_len, GFP_KERNEL);
	if (!req->report)
		return NULL;
	req->report_len = in_len;
	req->hdr = hdr;
	req->buf_len = len;
	req->due = ktime_add_us(now, delay_us);
	req->deadline = ktime_add_ms(now, READ_ONCE(qgs_timeout_ms));
	return no_free_ptr(req);
}

/* Decide at arrival what becomes of a request; called with host.lock. */
static void tdx_emu_req_route(struct tdx_emu_quote_req *req)
{
	u64 status = atomic64_xchg(&tdx_emu_faults.quote_status, 0);

	if (tdx_emu_fault_take(&tdx_emu_faults.quote_hang))
		tdx_emu_req_set_state(req, TDX_EMU_REQ_HUNG);
	else if (status)
		tdx_emu_req_answer(req, status, NULL, 0);
	else if (atomic_xchg(&tdx_emu_faults.quote_oversize, 0))
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_SUCCESS, NULL,
				   req->buf_len);
	else if (!host.service_attached)
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_UNAVAILABLE, NULL,
				   0);
	else
		tdx_emu_req_set_state(req, TDX_EMU_REQ_QUEUED);
}

/**
 * tdx_emu_get_quote() - emulated TDG.VP.VMCALL<GetQuote>.
 * @buf: the guest's shared buffer.
 * @len: its size.
 *
 * Return: TDX_VMCALL_SUCCESS when the request was accepted (its outcome
 * arrives later in the buffer, which is marked in flight before this
 * returns), TDX_VMCALL_RETRY when injected or while TDX_EMU_MAX_IN_FLIGHT
 * requests are in flight, TDX_VMCALL_ALIGN_ERROR or TDX_VMCALL_INVALID_OPERAND for a bad buffer.
 */
u64 tdx_emu_get_quote(void *buf, size_t len)
{
	struct tdx_emu_quote_req *req;
	ktime_t now = ktime_get();
	u32 in_len;
	u64 ret;

	if (tdx_emu_fault_take(&tdx_emu_faults.vmcall_retry))
		return TDX_VMCALL_RETRY;

	ret = tdx_emu_check_buffer(buf, len, &in_len);
	if (ret != TDX_VMCALL_SUCCESS)
		return ret;

	req = tdx_emu_req_new(buf, len, in_len, now);
	if (!req)
		return TDX_VMCALL_RETRY;	/* the host is short of memory */

	scoped_guard(mutex, &host.lock) {
		if (host.in_flight >= TDX_EMU_MAX_IN_FLIGHT) {
			tdx_emu_req_free(req);
			return TDX_VMCALL_RETRY;
		}
		host.in_flight++;
		req->id = host.next_id++;
		WRITE_ONCE(req->hdr->status, TDX_GETQUOTE_STATUS_IN_FLIGHT);
		tdx_emu_req_route(req);
		list_add_tail(&req->node, &host.reqs);
	}
	atomic64_inc(&tdx_emu_counters.quote_calls);
	wake_up_interruptible(&host.waitq);
	tdx_emu_kick();
	return TDX_VMCALL_SUCCESS;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_get_quote);

static struct tdx_emu_quote_req *tdx_emu_first_in(enum tdx_emu_req_state state)
{
	struct tdx_emu_quote_req *req;

	lockdep_assert_held(&host.lock);
	list_for_each_entry(req, &host.reqs, node)
		if (req->state == state)
			return req;
	return NULL;
}

/**
 * tdx_emu_service_attach() - a quote generation service connected.
 */
void tdx_emu_service_attach(void)
{
	guard(mutex)(&host.lock);
	host.service_attached = true;
}

/**
 * tdx_emu_service_detach() - the service went away.
 *
 * Requests it had not answered, and requests waiting for it, complete with
 * "service unavailable", as they would with a VMM whose QGS died.
 */
void tdx_emu_service_detach(void)
{
	struct tdx_emu_quote_req *req;

	scoped_guard(mutex, &host.lock) {
		host.service_attached = false;
		list_for_each_entry(req, &host.reqs, node)
			if (req->state == TDX_EMU_REQ_QUEUED ||
			    req->state == TDX_EMU_REQ_SENT)
				tdx_emu_req_answer(req,
						   TDX_GETQUOTE_STATUS_UNAVAILABLE,
						   NULL, 0);
	}
	tdx_emu_kick();
}

/**
 * tdx_emu_quote_release_hung() - fail every hung GetQuote request now.
 *
 * A host that held requests and finally gives up on them: each completes
 * with status ERROR, into the guest buffer it was given, as any other
 * completion does (header last, then the interrupt).
 *
 */
void tdx_emu_quote_release_hung(void)
{
	struct tdx_emu_quote_req *req;

	scoped_guard(mutex, &host.lock) {
		list_for_each_entry(req, &host.reqs, node) {
			if (req->state != TDX_EMU_REQ_HUNG)
				continue;
			tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_ERROR,
					   NULL, 0);
			req->due = ktime_get();
		}
	}
	tdx_emu_kick();
}

/**
 * tdx_emu_service_has_request() - is a request waiting for the service?
 *
 * Never sleeps: it is the condition of the service's wait_event and of
 * poll(), evaluated with the task state already set.
 *
 * Return: true if the service's next read would probably not block.
 */
bool tdx_emu_service_has_request(void)
{
	return READ_ONCE(host.nr_queued) > 0;
}

/**
 * tdx_emu_service_waitq() - where the service sleeps for requests.
 *
 * Return: the wait queue woken whenever a request arrives.
 */
wait_queue_head_t *tdx_emu_service_waitq(void)
{
	return &host.waitq;
}

static size_t tdx_emu_req_msg_size(const struct tdx_emu_quote_req *req)
{
	return sizeof(struct tdx_qgs_get_quote_req) + req->report_len;
}

static void tdx_emu_req_encode(const struct tdx_emu_quote_req *req, u8 *out)
{
	struct tdx_qgs_get_quote_req *msg = (void *)(out + TDX_QGS_LEN_PREFIX);
	u32 size = tdx_emu_req_msg_size(req);

	put_unaligned_be32(size, out);
	msg->hdr.major_version = cpu_to_le16(TDX_QGS_MSG_MAJOR);
	msg->hdr.minor_version = cpu_to_le16(TDX_QGS_MSG_MINOR);
	msg->hdr.type = cpu_to_le32(TDX_QGS_GET_QUOTE_REQ);
	msg->hdr.size = cpu_to_le32(size);
	msg->hdr.error_code = cpu_to_le32(TDX_QGS_SUCCESS);
	msg->report_size = cpu_to_le32(req->report_len);
	msg->id_list_size = 0;
	memcpy(msg->report_id_list, req->report, req->report_len);
}

/*
 * Take the oldest queued request's message, marking the request SENT.
 * Returns the message (its length through @len), NULL when nothing is
 * queued, or an ERR_PTR.
 */
static u8 *tdx_emu_service_take(size_t count, size_t *len, u64 *id)
{
	struct tdx_emu_quote_req *req;

	guard(mutex)(&host.lock);
	req = tdx_emu_first_in(TDX_EMU_REQ_QUEUED);
	if (!req)
		return NULL;

	*len = TDX_QGS_LEN_PREFIX + tdx_emu_req_msg_size(req);
	if (count < *len)
		return ERR_PTR(-EINVAL);

	u8 *msg __free(kfree) = kzalloc(*len, GFP_KERNEL);
	if (!msg)
		return ERR_PTR(-ENOMEM);
	tdx_emu_req_encode(req, msg);
	tdx_emu_req_set_state(req, TDX_EMU_REQ_SENT);
	*id = req->id;
	return no_free_ptr(msg);
}

/* The message of request @id never reached the service: queue it again. */
static void tdx_emu_service_untake(u64 id)
{
	struct tdx_emu_quote_req *req;

	scoped_guard(mutex, &host.lock) {
		list_for_each_entry(req, &host.reqs, node) {
			if (req->id == id && req->state == TDX_EMU_REQ_SENT) {
				tdx_emu_req_set_state(req, TDX_EMU_REQ_QUEUED);
				break;
			}
		}
	}
	wake_up_interruptible(&host.waitq);
}

/**
 * tdx_emu_service_read() - hand the oldest queued request to the service.
 * @ubuf: user buffer for one whole message.
 * @count: its size.
 *
 * The message is copied to user space after host.lock is dropped: a page
 * fault there must not stall the GetQuote hypercall, which takes the lock.
 *
 * Return: the message size; -EAGAIN when nothing is queued; -EINVAL when
 * @count cannot hold the message (which stays queued); -EFAULT (the
 * request is queued again); -ENOMEM.
 */
ssize_t tdx_emu_service_read(char __user *ubuf, size_t count)
{
	size_t len = 0;
	u64 id = 0;

	u8 *msg __free(kfree) = tdx_emu_service_take(count, &len, &id);
	if (!msg)
		return -EAGAIN;
	if (IS_ERR(msg))
		return PTR_ERR(no_free_ptr(msg));
	if (copy_to_user(ubuf, msg, len)) {
		tdx_emu_service_untake(id);
		return -EFAULT;
	}
	return len;
}

/*
 * Check a GET_QUOTE_RESP from the service; every length in it is checked
 * against the bytes actually received. Returns the Quote's offset in @msg
 * and its length through @quote_len, or a negative errno.
 */
static int tdx_emu_parse_resp(const u8 *msg, size_t count, u32 *error_code,
			      u32 *quote_len)
{
	const struct tdx_qgs_get_quote_resp *resp =
		(const void *)(msg + TDX_QGS_LEN_PREFIX);
	size_t size = count - TDX_QGS_LEN_PREFIX;
	u64 id_size, q_size;

	if (get_unaligned_be32(msg) != size ||
	    le32_to_cpu(resp->hdr.size) != size ||
	    le16_to_cpu(resp->hdr.major_version) != TDX_QGS_MSG_MAJOR ||
	    le32_to_cpu(resp->hdr.type) != TDX_QGS_GET_QUOTE_RESP)
		return -EINVAL;

	id_size = le32_to_cpu(resp->selected_id_size);
	q_size = le32_to_cpu(resp->quote_size);
	if (sizeof(*resp) + id_size + q_size != size)
		return -EINVAL;

	*error_code = le32_to_cpu(resp->hdr.error_code);
	*quote_len = q_size;
	return TDX_QGS_LEN_PREFIX + sizeof(*resp) + id_size;
}

/* Turn a well-formed response into the request's result. */
static void tdx_emu_req_take_resp(struct tdx_emu_quote_req *req,
				  const u8 *msg, int offset, u32 error_code,
				  u32 quote_len)
{
	size_t room = req->buf_len - sizeof(struct tdx_getquote_hdr);
	u8 *quote;

	if (error_code || !quote_len || quote_len > room) {
		if (quote_len > room)
			pr_warn("quote of %u bytes does not fit the guest's %zu\n",
				quote_len, room);
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_ERROR, NULL, 0);
		return;
	}

	quote = kvmemdup(msg + offset, quote_len, GFP_KERNEL);
	if (!quote)
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_ERROR, NULL, 0);
	else
		tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_SUCCESS, quote,
				   quote_len);
}

/**
 * tdx_emu_service_write() - the service answers its oldest request.
 * @ubuf: one whole GET_QUOTE_RESP message with its length prefix.
 * @count: its size.
 *
 * A malformed answer fails the request it was meant for (so the guest does
 * not wait for a timeout) and is reported with -EINVAL.
 *
 * Return: @count; -EINVAL for a malformed message or when no request is
 * waiting for an answer; -EFBIG for a message no buffer could hold;
 * -EFAULT; -ENOMEM.
 */
ssize_t tdx_emu_service_write(const char __user *ubuf, size_t count)
{
	struct tdx_emu_quote_req *req;
	u32 error_code, quote_len;
	int offset;

	if (count < TDX_QGS_LEN_PREFIX + sizeof(struct tdx_qgs_get_quote_resp))
		return -EINVAL;
	if (count > TDX_QGS_LEN_PREFIX + SZ_4K + TDX_EMU_QUOTE_BUF_MAX)
		return -EFBIG;

	u8 *msg __free(kvfree) = vmemdup_user(ubuf, count);
	if (IS_ERR(msg))
		return PTR_ERR(no_free_ptr(msg));

	offset = tdx_emu_parse_resp(msg, count, &error_code, &quote_len);

	scoped_guard(mutex, &host.lock) {
		req = tdx_emu_first_in(TDX_EMU_REQ_SENT);
		if (!req)
			return -EINVAL;
		if (offset < 0)
			tdx_emu_req_answer(req, TDX_GETQUOTE_STATUS_ERROR,
					   NULL, 0);
		else
			tdx_emu_req_take_resp(req, msg, offset, error_code,
					      quote_len);
	}
	tdx_emu_kick();
	return offset < 0 ? offset : count;
}

/**
 * tdx_emu_quote_host_init() - start the emulated VMM's GetQuote handling.
 *
 * Return: 0, or -ENOMEM.
 */
int tdx_emu_quote_host_init(void)
{
	host.thread = alloc_ordered_workqueue("tdx_emu_vmm", 0);
	if (!host.thread)
		return -ENOMEM;
	mutex_init(&host.lock);
	INIT_LIST_HEAD(&host.reqs);
	init_waitqueue_head(&host.waitq);
	host.stopping = false;
	INIT_WORK(&host.event_loop, tdx_emu_event_loop);
	hrtimer_setup(&host.wake, tdx_emu_wake, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS);
	return 0;
}

/**
 * tdx_emu_quote_host_exit() - stop GetQuote handling.
 *
 * Only called once no provider uses this platform, so no guest buffer is
 * live any more; pending requests are dropped without touching them.
 */
void tdx_emu_quote_host_exit(void)
{
	struct tdx_emu_quote_req *req, *next;

	scoped_guard(mutex, &host.lock)
		host.stopping = true;
	hrtimer_cancel(&host.wake);
	cancel_work_sync(&host.event_loop);
	destroy_workqueue(host.thread);
	list_for_each_entry_safe(req, next, &host.reqs, node) {
		list_del(&req->node);
		tdx_emu_req_free(req);
	}
	mutex_destroy(&host.lock);
}
