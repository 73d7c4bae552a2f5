// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the suites of tdx_guest_kunit.
 *
 * SHA-384 comes from the kernel's crypto API, checked against vectors that
 * Python's hashlib computed, so the tests never trust the code under test
 * to tell them what a right answer looks like.
 */
#include <crypto/hash.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

/**
 * tdx_kunit_sha384() - SHA-384 of a buffer.
 * @data: the bytes to hash.
 * @len: how many.
 * @out: TDX_MEASUREMENT_SIZE bytes for the digest.
 *
 * Return: 0 or the crypto API's error.
 */
int tdx_kunit_sha384(const void *data, size_t len, u8 *out)
{
	struct crypto_shash *tfm = crypto_alloc_shash("sha384", 0, 0);
	int rc;

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	rc = crypto_shash_tfm_digest(tfm, data, len, out);
	crypto_free_shash(tfm);
	return rc;
}

/**
 * tdx_kunit_extend() - what TDG.MR.RTMR.EXTEND must do to a register.
 * @rtmr: TDX_MEASUREMENT_SIZE bytes, replaced by SHA-384(@rtmr || @digest).
 * @digest: TDX_MEASUREMENT_SIZE bytes.
 *
 * Return: 0 or the crypto API's error.
 */
int tdx_kunit_extend(u8 *rtmr, const u8 *digest)
{
	u8 in[2 * TDX_MEASUREMENT_SIZE];

	memcpy(in, rtmr, TDX_MEASUREMENT_SIZE);
	memcpy(in + TDX_MEASUREMENT_SIZE, digest, TDX_MEASUREMENT_SIZE);
	return tdx_kunit_sha384(in, sizeof(in), rtmr);
}

/**
 * tdx_kunit_digest() - a measurement digest named by a string.
 * @digest: TDX_MEASUREMENT_SIZE bytes for SHA-384 of the formatted string.
 * @fmt: printf format of the string.
 *
 * Distinct strings give distinct digests, so a test can tell every event
 * apart. On failure @digest is filled with a pattern instead; the test
 * then fails on the values it compares.
 */
void tdx_kunit_digest(u8 *digest, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!s || tdx_kunit_sha384(s, strlen(s), digest))
		memset(digest, 0xa5, TDX_MEASUREMENT_SIZE);
	kfree(s);
}

static void tdx_kunit_guest_destroy(void *ctx)
{
	struct tdx_guest *tg = ctx;

	tdx_quote_transport_fini(&tg->quote);
	tdx_rtmr_log_fini(&tg->log);
	mutex_destroy(&tg->mr_lock);
}

/**
 * tdx_kunit_guest_new() - a provider instance of the test's own.
 * @test: the test; the instance is torn down when it ends.
 * @ops: the platform, e.g. &tdx_emu_platform_ops or &tdx_fake_platform_ops.
 * @log_size: bytes its runtime measurement log may hold.
 *
 * Set up the way the module's init does: the log notes the RTMRs the
 * firmware's log does not explain, then the GetQuote transport gets its
 * first buffer.
 * Fails the test (and ends it) when that does not work.
 *
 * Return: the instance.
 */
struct tdx_guest *tdx_kunit_guest_new(struct kunit *test,
				      const struct tdx_platform_ops *ops,
				      size_t log_size)
{
	struct tdx_guest *tg = kunit_kzalloc(test, sizeof(*tg), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tg);
	mutex_init(&tg->mr_lock);
	tg->ops = ops;
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(&tg->log, log_size), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tdx_kunit_guest_destroy,
							tg), 0);
	KUNIT_ASSERT_EQ(test, tdx_guest_log_start(tg), 0);
	KUNIT_ASSERT_EQ(test, tdx_quote_transport_init(&tg->quote, ops), 0);
	return tg;
}

/**
 * tdx_kunit_read_rtmrs() - RTMR0..3 as the next report shows them.
 * @test: the test; it fails and ends when no report can be taken.
 * @tg: the provider instance.
 * @rtmrs: TDX_KUNIT_RTMRS_SIZE bytes.
 */
void tdx_kunit_read_rtmrs(struct kunit *test, struct tdx_guest *tg, u8 *rtmrs)
{
	const struct tdx_tdreport *report;
	u8 *raw = tdx_guest_read_report(tg);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, raw);
	report = (const struct tdx_tdreport *)raw;
	memcpy(rtmrs, report->tdinfo.rtmr, TDX_KUNIT_RTMRS_SIZE);
	kfree(raw);
}

/*
 * The fake VMM. Platform operations take no context argument, so the
 * host a test started is found through this pointer; KUnit runs one test
 * at a time.
 */
static struct tdx_fake_host *tdx_fake;

/**
 * tdx_fake_byte() - byte @i of the Quote a fake completion writes.
 * @fill: the completion's seed.
 * @i: offset into the Quote.
 *
 * Return: a value that differs between neighbouring offsets and seeds, so
 * a Quote copied from the wrong place or request does not compare equal.
 */
u8 tdx_fake_byte(u8 fill, size_t i)
{
	return fill ^ (u8)(i * 7) ^ (u8)(i >> 8);
}

/* The Quote bytes a completion writes, up to the room @buf has. */
static void tdx_fake_write_quote(void *buf, size_t len, u32 out_len, u8 fill)
{
	struct tdx_getquote_hdr *hdr = buf;
	size_t room = len - sizeof(*hdr);
	size_t i;

	for (i = 0; i < min_t(size_t, out_len, room); i++)
		hdr->data[i] = tdx_fake_byte(fill, i);
}

/**
 * tdx_fake_complete() - publish a GetQuote result the way a VMM does.
 * @buf: the guest's shared buffer.
 * @len: its size.
 * @status: the final status.
 * @out_len: the out_len to claim; Quote bytes are written up to the room
 *	the buffer has.
 * @fill: seed of the Quote bytes.
 */
void tdx_fake_complete(void *buf, size_t len, u64 status, u32 out_len,
		       u8 fill)
{
	struct tdx_getquote_hdr *hdr = buf;

	tdx_fake_write_quote(buf, len, out_len, fill);
	WRITE_ONCE(hdr->out_len, out_len);
	/* Payload and length before the status, as the guest expects. */
	smp_wmb();
	WRITE_ONCE(hdr->status, status);
}

static void tdx_fake_complete_later(struct work_struct *work)
{
	struct tdx_fake_host *h = container_of(to_delayed_work(work),
					       struct tdx_fake_host, work);
	struct tdx_getquote_hdr *hdr = h->pending;

	if (h->mode == TDX_FAKE_OUT_LEN_LATER)
		WRITE_ONCE(hdr->out_len, h->out_len);
	else
		tdx_fake_complete(hdr, h->pending_len, h->status, h->out_len,
				  h->fill);
}

static void tdx_fake_record(struct tdx_fake_host *h, void *buf, size_t len)
{
	struct tdx_getquote_hdr *hdr = buf;
	size_t tail = len - sizeof(*hdr) - TDX_TDREPORT_SIZE;

	if (h->nr_reqs < TDX_FAKE_MAX_REQS) {
		h->reqs[h->nr_reqs] = buf;
		h->lens[h->nr_reqs] = len;
		h->nr_reqs++;
	}
	h->seen_version = hdr->version;
	h->seen_status = hdr->status;
	h->seen_in_len = hdr->in_len;
	h->seen_out_len = hdr->out_len;
	memcpy(h->seen_report, hdr->data, TDX_TDREPORT_SIZE);
	h->seen_tail_zero = !memchr_inv(hdr->data + TDX_TDREPORT_SIZE, 0,
					tail);
}

static u64 tdx_fake_get_quote(void *buf, size_t len)
{
	struct tdx_fake_host *h = tdx_fake;
	struct tdx_getquote_hdr *hdr = buf;

	if (WARN_ON_ONCE(!h))
		return TDX_VMCALL_INVALID_OPERAND;
	h->calls++;
	if (h->retries) {
		h->retries--;
		return TDX_VMCALL_RETRY;
	}
	if (h->vmcall_error)
		return h->vmcall_error;
	if (h->nr_reqs >= TDX_FAKE_MAX_REQS)
		return TDX_VMCALL_GPA_INUSE;

	tdx_fake_record(h, buf, len);
	WRITE_ONCE(hdr->status, TDX_GETQUOTE_STATUS_IN_FLIGHT);
	switch (h->mode) {
	case TDX_FAKE_COMPLETE:
		tdx_fake_complete(buf, len, h->status, h->out_len, h->fill);
		break;
	case TDX_FAKE_OUT_LEN_LATER:
		/* The Quote and the status, but out_len still 0. */
		tdx_fake_write_quote(buf, len, h->out_len, h->fill);
		/* The Quote before the status, as QEMU's smp_wmb(). */
		smp_wmb();
		WRITE_ONCE(hdr->status, h->status);
		fallthrough;
	case TDX_FAKE_LATER:
		h->pending = buf;
		h->pending_len = len;
		schedule_delayed_work(&h->work, msecs_to_jiffies(h->delay_ms));
		break;
	case TDX_FAKE_HANG:
		if (h->hang_with_quote) {
			tdx_fake_write_quote(buf, len, h->out_len, h->fill);
			WRITE_ONCE(hdr->out_len, h->out_len);
		}
		h->hung[h->nr_hung] = buf;
		h->hung_lens[h->nr_hung] = len;
		/* Tests poll it from another thread. */
		WRITE_ONCE(h->nr_hung, h->nr_hung + 1);
		break;
	}
	return TDX_VMCALL_SUCCESS;
}

static int tdx_fake_get_report0(const u8 *reportdata, u8 *tdreport)
{
	struct tdx_fake_host *h = tdx_fake;

	if (!h)
		return tdx_emu_get_report0(reportdata, tdreport);
	h->reports++;
	if (h->report_error)
		return h->report_error;
	return tdx_emu_get_report0(reportdata, tdreport);
}

/* TDREPORT and RTMRs come from the emulated TDX module; GetQuote is fake. */
const struct tdx_platform_ops tdx_fake_platform_ops = {
	.name = "fake VMM of tdx_guest_kunit",
	.owner = THIS_MODULE,
	.get_report0 = tdx_fake_get_report0,
	.extend_rtmr = tdx_emu_extend_rtmr,
	.get_quote = tdx_fake_get_quote,
};

/**
 * tdx_fake_finish_quote() - the fake host completes a request it left in
 *	flight, with a Quote.
 * @h: the fake host.
 * @buf: the request's buffer.
 * @status: the final status to publish.
 * @out_len: the out_len to publish.
 * @fill: seed of the Quote bytes (see tdx_fake_byte()).
 *
 * Return: true if @buf was in flight and is now completed.
 */
bool tdx_fake_finish_quote(struct tdx_fake_host *h, void *buf, u64 status,
			   u32 out_len, u8 fill)
{
	unsigned int i;

	for (i = 0; i < h->nr_hung; i++) {
		if (h->hung[i] != buf)
			continue;
		tdx_fake_complete(buf, h->hung_lens[i], status, out_len, fill);
		h->nr_hung--;
		h->hung[i] = h->hung[h->nr_hung];
		h->hung_lens[i] = h->hung_lens[h->nr_hung];
		return true;
	}
	return false;
}

/**
 * tdx_fake_finish() - the fake host completes a request it left in flight.
 * @h: the fake host.
 * @buf: the request's buffer.
 * @status: the final status to publish (with an empty Quote).
 *
 * Return: true if @buf was in flight and is now completed.
 */
bool tdx_fake_finish(struct tdx_fake_host *h, void *buf, u64 status)
{
	return tdx_fake_finish_quote(h, buf, status, 0, 0);
}

/*
 * Complete whatever is still in flight, so the transport the test set up
 * can reclaim and free every buffer: registered after the transport, this
 * runs before the transport is torn down.
 */
static void tdx_fake_host_stop(void *ctx)
{
	struct tdx_fake_host *h = ctx;

	flush_delayed_work(&h->work);
	while (h->nr_hung)
		tdx_fake_finish(h, h->hung[0], TDX_GETQUOTE_STATUS_ERROR);
	tdx_fake = NULL;
}

/**
 * tdx_fake_host_start() - make tdx_fake_platform_ops answer for this test.
 * @test: the test; the host stops when it ends.
 *
 * The host starts out completing every request at once with success and an
 * empty Quote; the test changes the fields it cares about. Start it after
 * the transport it serves: when the test ends, it first completes what it
 * left in flight, so the transport can free every buffer.
 *
 * Return: the host.
 */
struct tdx_fake_host *tdx_fake_host_start(struct kunit *test)
{
	struct tdx_fake_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, h);
	INIT_DELAYED_WORK(&h->work, tdx_fake_complete_later);
	h->mode = TDX_FAKE_COMPLETE;
	h->status = TDX_GETQUOTE_STATUS_SUCCESS;
	tdx_fake = h;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tdx_fake_host_stop,
							h), 0);
	return h;
}

/**
 * tdx_fake_last_req() - the buffer of the last accepted request.
 * @h: the fake host.
 *
 * Return: the buffer, or NULL if none was accepted.
 */
void *tdx_fake_last_req(struct tdx_fake_host *h)
{
	return h->nr_reqs ? h->reqs[h->nr_reqs - 1] : NULL;
}

static int tdx_kunit_worker_main(void *data)
{
	struct tdx_kunit_worker *w = data;

	w->rc = w->fn(w->data);
	/* Completes and exits without returning into this module. */
	kthread_complete_and_exit(&w->done, 0);
}

/**
 * tdx_kunit_worker_join() - wait for a worker's job to end.
 * @w: the worker; one that never started is already done.
 */
void tdx_kunit_worker_join(struct tdx_kunit_worker *w)
{
	if (w->started && !w->finished)
		wait_for_completion(&w->done);
	w->finished = true;
}

static void tdx_kunit_worker_join_action(void *ctx)
{
	tdx_kunit_worker_join(ctx);
}

/**
 * tdx_kunit_worker_start() - run @fn(@data) in a new kthread.
 * @test: the test; when it ends (even by a failed assertion), it waits
 *	for the kthread first, so nothing the job uses is freed under it.
 * @w: the worker, in memory that outlives the test's other resources
 *	(allocate it with kunit_kzalloc() before starting it).
 * @fn: the job; its return value lands in @w->rc.
 * @data: its argument.
 * @name: the kthread's name.
 *
 * Return: 0, or the error of creating the kthread.
 */
int tdx_kunit_worker_start(struct kunit *test, struct tdx_kunit_worker *w,
			   int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *task;
	int rc;

	w->fn = fn;
	w->data = data;
	init_completion(&w->done);
	rc = kunit_add_action(test, tdx_kunit_worker_join_action, w);
	if (rc)
		return rc;
	task = kthread_run(tdx_kunit_worker_main, w, "%s", name);
	if (IS_ERR(task))
		return PTR_ERR(task);
	w->started = true;
	return 0;
}

/**
 * tdx_kunit_worker_wait() - wait a while for a worker's job to end.
 * @w: the worker.
 * @timeout: jiffies to wait at most.
 *
 * Return: true if the job has ended.
 */
bool tdx_kunit_worker_wait(struct tdx_kunit_worker *w, unsigned long timeout)
{
	/* The job completes @done once: only one wait may consume it. */
	if (!w->finished && wait_for_completion_timeout(&w->done, timeout))
		w->finished = true;
	return w->finished;
}

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit suites of the tdx_guest provider and its emulated platform");
MODULE_LICENSE("GPL");
