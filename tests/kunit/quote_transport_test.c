// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_quote_transport: the GetQuote buffer handling against a
 * fake VMM whose every answer the test chooses. Suite tdx_emu_vmm_getquote:
 * the emulated VMM's GetQuote behaves as QEMU's where a guest can tell.
 *
 * The host is hostile by design (Documentation/tdx-guest/design.rst,
 * "Buffers and a hostile host"): these tests make it claim impossible
 * lengths, answer with undefined statuses, never finish, or finish after
 * the guest gave up, and check that the guest neither trusts it nor
 * reuses a buffer it may still write.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

/*
 * Tests of the timeout itself use a short one: fast, yet long enough to
 * sleep several times. Every other test must never meet its timeout, on a
 * debug kernel under TCG on a loaded machine included, so it gets one far
 * beyond anything a passing run takes.
 */
#define TDX_QT_TIMEOUT_MS	25
#define TDX_QT_PATIENT_MS	(10 * MSEC_PER_SEC)
/*
 * How long the transport waits for out_len after SUCCESS, as documented
 * (Documentation/ABI/testing/configfs-tsm-tdx-guest, EPROTO).
 */
#define TDX_QT_PUBLISH_GRACE_MS	100

/**
 * struct tdx_qt_ctx - one test's transport and fake host.
 * @qt: the transport under test, on tdx_fake_platform_ops.
 * @h: the fake host.
 * @tdreport: a random TDREPORT to send.
 * @room: bytes of Quote the transport's buffer holds.
 * @saved_timeout: quote_timeout_ms before the test changed it.
 * @saved_grace: tdx_quote_publish_grace_ms before the test changed it.
 */
struct tdx_qt_ctx {
	struct tdx_quote_transport qt;
	struct tdx_fake_host *h;
	u8 *tdreport;
	size_t room;
	unsigned int saved_timeout;
	unsigned int saved_grace;
};

static void tdx_qt_fini(void *ctx)
{
	struct tdx_qt_ctx *c = ctx;

	tdx_quote_transport_fini(&c->qt);
}

static void tdx_qt_restore_timeout(void *ctx)
{
	struct tdx_qt_ctx *c = ctx;

	WRITE_ONCE(quote_timeout_ms, c->saved_timeout);
	WRITE_ONCE(tdx_quote_publish_grace_ms, c->saved_grace);
}

static int tdx_qt_init(struct kunit *test)
{
	struct tdx_qt_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->tdreport = kunit_kmalloc(test, TDX_TDREPORT_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->tdreport);
	get_random_bytes(c->tdreport, TDX_TDREPORT_SIZE);

	c->saved_timeout = READ_ONCE(quote_timeout_ms);
	c->saved_grace = READ_ONCE(tdx_quote_publish_grace_ms);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tdx_qt_restore_timeout,
							c), 0);
	WRITE_ONCE(quote_timeout_ms, TDX_QT_PATIENT_MS);

	KUNIT_ASSERT_EQ(test, tdx_quote_transport_init(&c->qt,
						       &tdx_fake_platform_ops),
			0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tdx_qt_fini, c),
			0);
	c->room = c->qt.buf_len - sizeof(struct tdx_getquote_hdr);
	/* After the transport, so that it is stopped first. */
	c->h = tdx_fake_host_start(test);
	test->priv = c;
	return 0;
}

KUNIT_DEFINE_ACTION_WRAPPER(tdx_qt_kvfree, kvfree, const void *);

/* One request; on success the Quote is freed when the test ends. */
static int tdx_qt_get(struct kunit *test, u8 **quote, size_t *quote_len)
{
	struct tdx_qt_ctx *c = test->priv;
	int rc;

	*quote = NULL;
	*quote_len = 0;
	rc = tdx_quote_get(&c->qt, c->tdreport, quote, quote_len);
	if (rc)
		return rc;
	rc = kunit_add_action_or_reset(test, tdx_qt_kvfree, *quote);
	KUNIT_EXPECT_EQ(test, rc, 0);
	return rc;
}

/* A request whose result only the return value matters for. */
static int tdx_qt_request(struct kunit *test)
{
	size_t quote_len;
	u8 *quote;

	return tdx_qt_get(test, &quote, &quote_len);
}

/* How many of @len Quote bytes differ from what the fake host wrote. */
static size_t tdx_qt_mismatches(const u8 *quote, size_t len, u8 fill)
{
	size_t i, bad = 0;

	for (i = 0; i < len; i++)
		bad += quote[i] != tdx_fake_byte(fill, i);
	return bad;
}

static void request_header_is_version_1_with_the_tdreport(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;

	h->out_len = 64;
	KUNIT_ASSERT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 1);

	KUNIT_EXPECT_EQ(test, h->seen_version, TDX_GETQUOTE_BUF_VERSION);
	KUNIT_EXPECT_EQ(test, h->seen_in_len, TDX_TDREPORT_SIZE);
	KUNIT_EXPECT_EQ(test, h->seen_status, 0);
	KUNIT_EXPECT_EQ(test, h->seen_out_len, 0);
	KUNIT_EXPECT_MEMEQ(test, h->seen_report, c->tdreport,
			   TDX_TDREPORT_SIZE);
	KUNIT_EXPECT_TRUE(test, h->seen_tail_zero);
	/* GHCI: shared buffer and its size are 4 KiB aligned. */
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)h->reqs[0],
					   TDX_GETQUOTE_BUF_ALIGN));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(h->lens[0], TDX_GETQUOTE_BUF_ALIGN));
	KUNIT_EXPECT_GE(test, h->lens[0], SZ_128K);
}

static void previous_quote_is_wiped_before_next_request(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;

	/* The first answer fills every byte of the buffer. */
	h->out_len = c->room;
	h->fill = 0x5a;
	KUNIT_ASSERT_EQ(test, tdx_qt_request(test), 0);

	get_random_bytes(c->tdreport, TDX_TDREPORT_SIZE);
	h->out_len = 64;
	KUNIT_ASSERT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 2);
	/* Same buffer, or the test would prove nothing. */
	KUNIT_ASSERT_PTR_EQ(test, h->reqs[1], h->reqs[0]);

	KUNIT_EXPECT_EQ(test, h->seen_version, TDX_GETQUOTE_BUF_VERSION);
	KUNIT_EXPECT_EQ(test, h->seen_in_len, TDX_TDREPORT_SIZE);
	KUNIT_EXPECT_EQ(test, h->seen_status, 0);
	KUNIT_EXPECT_EQ(test, h->seen_out_len, 0);
	KUNIT_EXPECT_MEMEQ(test, h->seen_report, c->tdreport,
			   TDX_TDREPORT_SIZE);
	KUNIT_EXPECT_TRUE(test, h->seen_tail_zero);
}

/**
 * struct tdx_qt_status_case - a final status and what a client must see.
 * @status: what the host publishes.
 * @err: what tdx_quote_get() must return.
 * @name: description for the test log.
 */
struct tdx_qt_status_case {
	u64 status;
	int err;
	const char *name;
};

static const struct tdx_qt_status_case tdx_qt_status_cases[] = {
	{ TDX_GETQUOTE_STATUS_SUCCESS, 0, "success" },
	{ TDX_GETQUOTE_STATUS_ERROR, -EIO, "error" },
	{ TDX_GETQUOTE_STATUS_UNAVAILABLE, -ECONNREFUSED, "unavailable" },
	{ 0x8000000000000002ULL, -EPROTO, "undefined error class" },
	{ 0x0000000000000001ULL, -EPROTO, "undefined success class" },
	{ 0x7fffffffffffffffULL, -EPROTO, "undefined high value" },
};

KUNIT_ARRAY_PARAM_DESC(tdx_qt_status, tdx_qt_status_cases, name);

static void final_status_gives_documented_errno(struct kunit *test)
{
	const struct tdx_qt_status_case *p = test->param_value;
	struct tdx_qt_ctx *c = test->priv;
	size_t quote_len;
	u8 *quote;

	KUNIT_EXPECT_EQ(test, tdx_quote_status_to_errno(p->status), p->err);

	c->h->status = p->status;
	c->h->out_len = 128;
	KUNIT_EXPECT_EQ(test, tdx_qt_get(test, &quote, &quote_len), p->err);
	if (p->err) {
		KUNIT_EXPECT_NULL(test, quote);
		KUNIT_EXPECT_EQ(test, quote_len, 0);
	} else {
		KUNIT_EXPECT_EQ(test, quote_len, 128);
	}
}

/*
 * Only the status says a request is done: a host that has written a Quote
 * and its length but still says "in flight" has not answered, and the
 * buffer is still its own.
 */
/* For tests that expect the timeout: make it come soon. */
static void tdx_qt_expect_timeout(void)
{
	WRITE_ONCE(quote_timeout_ms, TDX_QT_TIMEOUT_MS);
}

static void in_flight_status_is_never_success(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	size_t quote_len;
	u8 *quote;

	tdx_qt_expect_timeout();

	KUNIT_EXPECT_NE(test,
			tdx_quote_status_to_errno(TDX_GETQUOTE_STATUS_IN_FLIGHT),
			0);

	c->h->mode = TDX_FAKE_HANG;
	c->h->hang_with_quote = true;
	c->h->out_len = 1000;
	c->h->fill = 0x3c;
	KUNIT_EXPECT_EQ(test, tdx_qt_get(test, &quote, &quote_len),
			-ETIMEDOUT);
	KUNIT_EXPECT_NULL(test, quote);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 1);
}

static void out_len_beyond_buffer_is_efbig(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	static const u32 extra[] = { 1, 4096, U32_MAX };
	size_t quote_len;
	unsigned int i;
	u8 *quote;

	for (i = 0; i < ARRAY_SIZE(extra); i++) {
		c->h->out_len = extra[i] == U32_MAX ? U32_MAX :
						      c->room + extra[i];
		KUNIT_EXPECT_EQ_MSG(test, tdx_qt_get(test, &quote, &quote_len),
				    -EFBIG, "out_len %u, room %zu",
				    c->h->out_len, c->room);
		KUNIT_EXPECT_NULL(test, quote);
	}
}

/*
 * SUCCESS with out_len 0 may be a header half published (status first,
 * as QEMU stores it): waited for, but only for the documented grace.
 */
static void empty_quote_with_success_is_eproto_after_the_grace(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	ktime_t start = ktime_get();
	size_t quote_len;
	u8 *quote;
	s64 waited_ms;

	c->h->out_len = 0;
	KUNIT_EXPECT_EQ(test, tdx_qt_get(test, &quote, &quote_len), -EPROTO);
	waited_ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_NULL(test, quote);
	KUNIT_EXPECT_GE(test, waited_ms, TDX_QT_PUBLISH_GRACE_MS);
	/* Bounded: long before the request's own timeout. */
	KUNIT_EXPECT_LT(test, waited_ms, TDX_QT_PUBLISH_GRACE_MS + 2000);
	/* The host is done with the buffer: nothing to quarantine. */
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

static void status_published_before_out_len_is_a_quote(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	size_t quote_len;
	u8 *quote;

	/*
	 * The host stores out_len 10 ms after the status; a loaded machine
	 * may run that store far later than the product's grace, which
	 * would test the machine, not the logic: give it all the time the
	 * request has.
	 */
	WRITE_ONCE(tdx_quote_publish_grace_ms, TDX_QT_PATIENT_MS);
	c->h->mode = TDX_FAKE_OUT_LEN_LATER;
	c->h->delay_ms = 10;
	c->h->out_len = 4500;
	c->h->fill = 0x6d;
	KUNIT_ASSERT_EQ(test, tdx_qt_get(test, &quote, &quote_len), 0);
	KUNIT_ASSERT_EQ(test, quote_len, 4500);
	KUNIT_EXPECT_EQ(test, tdx_qt_mismatches(quote, quote_len, 0x6d), 0);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

static void quote_filling_the_whole_buffer_is_returned(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	size_t quote_len;
	u8 *quote;

	c->h->out_len = c->room;
	c->h->fill = 0xc3;
	KUNIT_ASSERT_EQ(test, tdx_qt_get(test, &quote, &quote_len), 0);
	KUNIT_ASSERT_EQ(test, quote_len, c->room);
	KUNIT_EXPECT_EQ(test, tdx_qt_mismatches(quote, quote_len, 0xc3), 0);
}

static void quote_is_a_private_copy_of_out_len_bytes(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_getquote_hdr *hdr;
	size_t quote_len;
	u8 *quote;

	c->h->out_len = 5003;
	c->h->fill = 0x17;
	KUNIT_ASSERT_EQ(test, tdx_qt_get(test, &quote, &quote_len), 0);
	KUNIT_ASSERT_EQ(test, quote_len, 5003);
	KUNIT_EXPECT_EQ(test, tdx_qt_mismatches(quote, quote_len, 0x17), 0);

	/* The host scribbling on its buffer now changes nothing. */
	hdr = tdx_fake_last_req(c->h);
	KUNIT_ASSERT_NOT_NULL(test, hdr);
	KUNIT_EXPECT_PTR_NE(test, (void *)quote, (void *)hdr->data);
	memset(hdr->data, 0xee, quote_len);
	KUNIT_EXPECT_EQ(test, tdx_qt_mismatches(quote, quote_len, 0x17), 0);
}

static void retry_answers_are_retried_until_accepted(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;

	c->h->retries = 3;
	c->h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_EXPECT_EQ(test, c->h->calls, 4);
	KUNIT_EXPECT_EQ(test, c->h->nr_reqs, 1);
}

static void endless_retry_times_out_and_keeps_the_buffer(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_quote_buf *buf = c->qt.buf;

	tdx_qt_expect_timeout();

	c->h->retries = UINT_MAX;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -ETIMEDOUT);
	KUNIT_EXPECT_GT(test, c->h->calls, 1);
	/* The host never took the buffer: nothing to quarantine. */
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
	KUNIT_EXPECT_PTR_EQ(test, c->qt.buf, buf);

	c->h->retries = 0;
	c->h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
}

static void hypercall_error_is_eio_without_retry(struct kunit *test)
{
	static const u64 errors[] = {
		TDX_VMCALL_INVALID_OPERAND,
		TDX_VMCALL_GPA_INUSE,
		TDX_VMCALL_ALIGN_ERROR,
	};
	struct tdx_qt_ctx *c = test->priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(errors); i++) {
		unsigned int calls = c->h->calls;

		c->h->vmcall_error = errors[i];
		KUNIT_EXPECT_EQ_MSG(test, tdx_qt_request(test), -EIO,
				    "VMCALL result %#llx", errors[i]);
		KUNIT_EXPECT_EQ(test, c->h->calls, calls + 1);
		KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
	}
}

static void timeout_is_etimedout_and_quarantines_buffer(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;
	ktime_t start = ktime_get();
	s64 waited_ms;

	tdx_qt_expect_timeout();

	h->mode = TDX_FAKE_HANG;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -ETIMEDOUT);
	waited_ms = ktime_ms_delta(ktime_get(), start);
	KUNIT_EXPECT_GE(test, waited_ms, TDX_QT_TIMEOUT_MS);
	/* Bounded, with room for a debug kernel on a loaded machine. */
	KUNIT_EXPECT_LT(test, waited_ms, TDX_QT_PATIENT_MS);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 1);

	/* The host still owns the first buffer: the next request gets another. */
	h->mode = TDX_FAKE_COMPLETE;
	h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 2);
	KUNIT_EXPECT_PTR_NE(test, h->reqs[1], h->reqs[0]);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 1);
}

static void quarantined_buffer_is_reused_once_host_completes(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;

	tdx_qt_expect_timeout();

	h->mode = TDX_FAKE_HANG;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -ETIMEDOUT);
	KUNIT_ASSERT_EQ(test, c->qt.nr_quarantined, 1);

	/* The host finishes the abandoned request late. */
	KUNIT_ASSERT_TRUE(test, tdx_fake_finish(h, h->reqs[0],
						TDX_GETQUOTE_STATUS_SUCCESS));
	h->mode = TDX_FAKE_COMPLETE;
	h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 2);
	KUNIT_EXPECT_PTR_EQ(test, h->reqs[1], h->reqs[0]);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
	/* And it was wiped: nothing of the late answer went to the host. */
	KUNIT_EXPECT_TRUE(test, h->seen_tail_zero);
}

static void quarantined_buffer_is_released_once_host_completes(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;

	tdx_qt_expect_timeout();

	h->mode = TDX_FAKE_HANG;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -ETIMEDOUT);
	h->mode = TDX_FAKE_COMPLETE;
	h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 2);
	KUNIT_ASSERT_EQ(test, c->qt.nr_quarantined, 1);

	KUNIT_ASSERT_TRUE(test, tdx_fake_finish(h, h->reqs[0],
						TDX_GETQUOTE_STATUS_ERROR));
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 3);
	/* The current buffer stays current; the reclaimed one is freed. */
	KUNIT_EXPECT_PTR_EQ(test, h->reqs[2], h->reqs[1]);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

static void fifth_abandoned_buffer_is_ebusy_not_reuse(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;
	unsigned int i, j, calls;

	tdx_qt_expect_timeout();

	h->mode = TDX_FAKE_HANG;
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -ETIMEDOUT);
		KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, i + 1);
	}
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 4);
	for (i = 0; i < 4; i++)
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_PTR_NE(test, h->reqs[i], h->reqs[j]);

	/* Bound reached: refuse, without handing the host anything. */
	calls = h->calls;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), -EBUSY);
	KUNIT_EXPECT_EQ(test, h->calls, calls);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 4);

	/* One comes back: it serves the next request. */
	KUNIT_ASSERT_TRUE(test, tdx_fake_finish(h, h->reqs[2],
						TDX_GETQUOTE_STATUS_ERROR));
	h->mode = TDX_FAKE_COMPLETE;
	h->out_len = 100;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
	KUNIT_ASSERT_EQ(test, h->nr_reqs, 5);
	KUNIT_EXPECT_PTR_EQ(test, h->reqs[4], h->reqs[2]);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 3);
}

/**
 * struct tdx_qt_signal_job - a request made by a kthread that gets a signal.
 * @c: the test's context.
 * @sig: the signal the kthread sends itself before the request, or 0.
 * @task: the kthread, referenced, once it runs.
 * @running: completed when @task is set.
 * @quote_len: the Quote's length on success.
 */
struct tdx_qt_signal_job {
	struct tdx_qt_ctx *c;
	int sig;
	struct task_struct *task;
	struct completion running;
	size_t quote_len;
};

static int tdx_qt_request_with_signal(void *data)
{
	struct tdx_qt_signal_job *job = data;
	struct tdx_qt_ctx *c = job->c;
	size_t quote_len = 0;
	u8 *quote = NULL;
	int rc;

	allow_signal(SIGUSR1);
	allow_signal(SIGKILL);
	job->task = get_task_struct(current);
	complete(&job->running);
	if (job->sig)
		send_sig(job->sig, current, 0);
	rc = tdx_quote_get(&c->qt, c->tdreport, &quote, &quote_len);
	flush_signals(current);
	job->quote_len = quote_len;
	kvfree(quote);
	return rc;
}

static void tdx_qt_put_task(void *task)
{
	put_task_struct(task);
}

static struct tdx_qt_signal_job *tdx_qt_start_signal_job(struct kunit *test,
							 int sig,
							 struct tdx_kunit_worker **w)
{
	struct tdx_qt_signal_job *job = kunit_kzalloc(test, sizeof(*job),
						      GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, job);
	*w = kunit_kzalloc(test, sizeof(**w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *w);
	job->c = test->priv;
	job->sig = sig;
	init_completion(&job->running);
	KUNIT_ASSERT_EQ(test, tdx_kunit_worker_start(test, *w,
						     tdx_qt_request_with_signal,
						     job, "tdx_kunit_sig"), 0);
	KUNIT_ASSERT_TRUE(test, wait_for_completion_timeout(&job->running,
							    5 * HZ));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tdx_qt_put_task,
							job->task), 0);
	return job;
}

/* Agents take SIGCHLD, SIGURG, timers all the time: none costs a Quote. */
static void non_fatal_signal_does_not_end_the_wait(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_qt_signal_job *job;
	struct tdx_kunit_worker *w;

	c->h->mode = TDX_FAKE_LATER;
	c->h->delay_ms = 30;
	c->h->out_len = 2000;

	job = tdx_qt_start_signal_job(test, SIGUSR1, &w);
	KUNIT_ASSERT_TRUE(test, tdx_kunit_worker_wait(w, 5 * HZ));
	KUNIT_EXPECT_EQ(test, w->rc, 0);
	KUNIT_EXPECT_EQ(test, job->quote_len, 2000);
	KUNIT_EXPECT_EQ(test, c->h->nr_reqs, 1);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

/* Wait (5 s at most) until the fake host has taken @n hung requests. */
static void tdx_qt_wait_hung(struct kunit *test, unsigned int n)
{
	struct tdx_qt_ctx *c = test->priv;
	unsigned long until = jiffies + 5 * HZ;

	while (READ_ONCE(c->h->nr_hung) < n && time_before(jiffies, until))
		usleep_range(100, 200);
	KUNIT_ASSERT_EQ(test, READ_ONCE(c->h->nr_hung), n);
}

static void fatal_signal_ends_wait_with_eintr_and_quarantines(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_qt_signal_job *job;
	struct tdx_kunit_worker *w;
	ktime_t start;

	c->h->mode = TDX_FAKE_HANG;

	job = tdx_qt_start_signal_job(test, 0, &w);
	tdx_qt_wait_hung(test, 1);
	start = ktime_get();
	send_sig(SIGKILL, job->task, 1);
	KUNIT_ASSERT_TRUE(test, tdx_kunit_worker_wait(w, 5 * HZ));
	KUNIT_EXPECT_EQ(test, w->rc, -EINTR);
	KUNIT_EXPECT_LT(test, ktime_ms_delta(ktime_get(), start), 2000);
	KUNIT_EXPECT_EQ(test, c->h->nr_reqs, 1);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 1);
}

/*
 * A reader already being killed when its request would start never asks
 * the host: the request would be abandoned at its first look, and its
 * buffer quarantined for nothing.
 */
static void fatal_signal_before_the_request_asks_nothing(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_kunit_worker *w;

	c->h->mode = TDX_FAKE_HANG;

	tdx_qt_start_signal_job(test, SIGKILL, &w);
	KUNIT_ASSERT_TRUE(test, tdx_kunit_worker_wait(w, 5 * HZ));
	KUNIT_EXPECT_EQ(test, w->rc, -EINTR);
	KUNIT_EXPECT_EQ(test, c->h->nr_reqs, 0);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
	/* The buffer stayed ours: the next request uses it. */
	c->h->mode = TDX_FAKE_COMPLETE;
	c->h->out_len = 64;
	KUNIT_EXPECT_EQ(test, tdx_qt_request(test), 0);
}

/*
 * The host answers while the reader sleeps, and a fatal signal ends that
 * sleep: the status is looked at once more, the Quote is returned and the
 * buffer, which the host no longer owns, is not quarantined.
 */
static void answer_during_the_last_sleep_is_returned(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	struct tdx_fake_host *h = c->h;
	struct tdx_qt_signal_job *job;
	struct tdx_kunit_worker *w;
	unsigned long until;

	h->mode = TDX_FAKE_HANG;

	job = tdx_qt_start_signal_job(test, 0, &w);
	tdx_qt_wait_hung(test, 1);
	until = jiffies + 5 * HZ;
	/* After 150 ms of waiting the reader sleeps 15 ms at a time. */
	msleep(150);
	while (task_is_running(job->task) && time_before(jiffies, until))
		usleep_range(10, 20);
	KUNIT_ASSERT_FALSE(test, task_is_running(job->task));

	KUNIT_ASSERT_TRUE(test, tdx_fake_finish_quote(h, h->reqs[0],
						      TDX_GETQUOTE_STATUS_SUCCESS,
						      777, 0x21));
	send_sig(SIGKILL, job->task, 1);

	KUNIT_ASSERT_TRUE(test, tdx_kunit_worker_wait(w, 5 * HZ));
	KUNIT_EXPECT_EQ(test, w->rc, 0);
	KUNIT_EXPECT_EQ(test, job->quote_len, 777);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

static void late_completion_is_found_by_polling(struct kunit *test)
{
	struct tdx_qt_ctx *c = test->priv;
	ktime_t start = ktime_get();
	size_t quote_len;
	u8 *quote;

	c->h->mode = TDX_FAKE_LATER;
	c->h->delay_ms = 15;
	c->h->out_len = 3000;
	c->h->fill = 0x99;
	KUNIT_ASSERT_EQ(test, tdx_qt_get(test, &quote, &quote_len), 0);
	KUNIT_EXPECT_GE(test, ktime_ms_delta(ktime_get(), start), 15);
	KUNIT_ASSERT_EQ(test, quote_len, 3000);
	KUNIT_EXPECT_EQ(test, tdx_qt_mismatches(quote, quote_len, 0x99), 0);
	KUNIT_EXPECT_EQ(test, c->qt.nr_quarantined, 0);
}

/* A notification state as if the host had taken vector 42 on CPU 0. */
static struct tdx_quote_notify *tdx_qt_active_notify(struct kunit *test)
{
	struct tdx_quote_notify *qn = kunit_kzalloc(test, sizeof(*qn),
						    GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, qn);
	mutex_init(&qn->lock);
	init_waitqueue_head(&qn->wq);
	qn->vector = 42;
	qn->active = true;
	return qn;
}

/*
 * Two completions in a row that only the safety look found, with no
 * interrupt since their requests, demote the transport to polling.
 */
static void two_lost_interrupts_in_a_row_demote_to_polling(struct kunit *test)
{
	struct tdx_quote_notify *qn = tdx_qt_active_notify(test);
	char line[64];

	tdx_quote_notify_judge(qn, tdx_quote_notify_irqs(qn), true);
	KUNIT_EXPECT_TRUE(test, qn->active);
	tdx_quote_notify_judge(qn, tdx_quote_notify_irqs(qn), true);
	KUNIT_EXPECT_FALSE(test, qn->active);
	tdx_quote_notify_describe(qn, line, sizeof(line));
	KUNIT_EXPECT_STREQ(test, line, "poll: the host stopped delivering it\n");
}

/* One lost interrupt, then one that came: the count starts over. */
static void an_interrupt_forgives_a_lost_one(struct kunit *test)
{
	struct tdx_quote_notify *qn = tdx_qt_active_notify(test);
	unsigned int irqs;

	tdx_quote_notify_judge(qn, tdx_quote_notify_irqs(qn), true);
	irqs = tdx_quote_notify_irqs(qn);
	atomic_inc(&qn->irqs);		/* as the handler does */
	tdx_quote_notify_judge(qn, irqs, true);
	tdx_quote_notify_judge(qn, tdx_quote_notify_irqs(qn), true);
	KUNIT_EXPECT_TRUE(test, qn->active);
}

/* A completion found before any safety look says nothing. */
static void completions_found_early_are_not_judged(struct kunit *test)
{
	struct tdx_quote_notify *qn = tdx_qt_active_notify(test);
	unsigned int i;

	for (i = 0; i < 10; i++)
		tdx_quote_notify_judge(qn, tdx_quote_notify_irqs(qn), false);
	KUNIT_EXPECT_TRUE(test, qn->active);
}

/*
 * The provider is loaded while the suites run: its transport owns the
 * TD's one notification. Another on the same platform polls and leaves
 * the owner's vector alone.
 */
static void second_transport_leaves_notification_to_its_owner(struct kunit *test)
{
	struct tdx_quote_transport *qt = kunit_kzalloc(test, sizeof(*qt),
						       GFP_KERNEL);
	char line[64];

	KUNIT_ASSERT_NOT_NULL(test, qt);
	KUNIT_ASSERT_EQ(test, tdx_quote_transport_init(qt,
						       &tdx_emu_platform_ops), 0);
	tdx_quote_notify_describe(&qt->notify, line, sizeof(line));
	tdx_quote_transport_fini(qt);
	KUNIT_EXPECT_STREQ(test, line, "poll: another instance owns it\n");
}

static struct kunit_case tdx_qt_cases[] = {
	KUNIT_CASE(request_header_is_version_1_with_the_tdreport),
	KUNIT_CASE(previous_quote_is_wiped_before_next_request),
	KUNIT_CASE_PARAM(final_status_gives_documented_errno,
			 tdx_qt_status_gen_params),
	KUNIT_CASE(in_flight_status_is_never_success),
	KUNIT_CASE(out_len_beyond_buffer_is_efbig),
	KUNIT_CASE(empty_quote_with_success_is_eproto_after_the_grace),
	KUNIT_CASE(status_published_before_out_len_is_a_quote),
	KUNIT_CASE(quote_filling_the_whole_buffer_is_returned),
	KUNIT_CASE(quote_is_a_private_copy_of_out_len_bytes),
	KUNIT_CASE(retry_answers_are_retried_until_accepted),
	KUNIT_CASE(endless_retry_times_out_and_keeps_the_buffer),
	KUNIT_CASE(hypercall_error_is_eio_without_retry),
	KUNIT_CASE(timeout_is_etimedout_and_quarantines_buffer),
	KUNIT_CASE(quarantined_buffer_is_reused_once_host_completes),
	KUNIT_CASE(quarantined_buffer_is_released_once_host_completes),
	KUNIT_CASE(fifth_abandoned_buffer_is_ebusy_not_reuse),
	KUNIT_CASE(non_fatal_signal_does_not_end_the_wait),
	KUNIT_CASE(fatal_signal_ends_wait_with_eintr_and_quarantines),
	KUNIT_CASE(fatal_signal_before_the_request_asks_nothing),
	KUNIT_CASE(answer_during_the_last_sleep_is_returned),
	KUNIT_CASE(late_completion_is_found_by_polling),
	KUNIT_CASE(two_lost_interrupts_in_a_row_demote_to_polling),
	KUNIT_CASE(an_interrupt_forgives_a_lost_one),
	KUNIT_CASE(completions_found_early_are_not_judged),
	KUNIT_CASE(second_transport_leaves_notification_to_its_owner),
	{}
};

static struct kunit_suite tdx_qt_suite = {
	.name = "tdx_quote_transport",
	.init = tdx_qt_init,
	.test_cases = tdx_qt_cases,
};

/* QEMU's TDX_MAX_GET_QUOTE_REQUEST. */
#define TDX_VMM_MAX_IN_FLIGHT	16

static void tdx_vmm_restore_delay(void *saved)
{
	atomic_set(&tdx_emu_faults.quote_delay_us, (int)(long)saved);
}

/* A GetQuote buffer as a guest hands it over: version 1, a TDREPORT in. */
static struct tdx_getquote_hdr *tdx_vmm_buf(struct kunit *test)
{
	struct tdx_getquote_hdr *hdr = alloc_pages_exact(SZ_4K,
							 GFP_KERNEL | __GFP_ZERO);

	KUNIT_ASSERT_NOT_NULL(test, hdr);
	hdr->version = TDX_GETQUOTE_BUF_VERSION;
	hdr->in_len = TDX_TDREPORT_SIZE;
	return hdr;
}

/* Wait (up to 20 s) until the VMM published a final status in @hdr. */
static bool tdx_vmm_wait_done(struct tdx_getquote_hdr *hdr)
{
	unsigned long until = jiffies + 20 * HZ;

	while (READ_ONCE(hdr->status) == TDX_GETQUOTE_STATUS_IN_FLIGHT) {
		if (time_after(jiffies, until))
			return false;
		msleep(20);
	}
	return true;
}

/*
 * The buffer is marked in flight before the hypercall returns, and the
 * hypercall answers RETRY, without touching the buffer, while 16 requests
 * are in flight; once they are done, the next request is accepted.
 */
static void retry_while_16_requests_are_in_flight(struct kunit *test)
{
	struct tdx_getquote_hdr *hdr[TDX_VMM_MAX_IN_FLIGHT + 1];
	long delay = atomic_read(&tdx_emu_faults.quote_delay_us);
	bool all_done = true;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tdx_vmm_restore_delay,
							(void *)delay), 0);
	/* Long enough that all 16 are still in flight for the 17th. */
	atomic_set(&tdx_emu_faults.quote_delay_us, 500 * USEC_PER_MSEC);
	for (i = 0; i < ARRAY_SIZE(hdr); i++)
		hdr[i] = tdx_vmm_buf(test);

	for (i = 0; i < TDX_VMM_MAX_IN_FLIGHT; i++) {
		KUNIT_EXPECT_EQ(test, tdx_emu_get_quote(hdr[i], SZ_4K),
				TDX_VMCALL_SUCCESS);
		KUNIT_EXPECT_EQ(test, READ_ONCE(hdr[i]->status),
				TDX_GETQUOTE_STATUS_IN_FLIGHT);
	}
	KUNIT_EXPECT_EQ(test, tdx_emu_get_quote(hdr[i], SZ_4K),
			TDX_VMCALL_RETRY);
	KUNIT_EXPECT_EQ(test, READ_ONCE(hdr[i]->status), 0);

	/* All of them, the 17th too in case it was wrongly accepted. */
	for (i = 0; i <= TDX_VMM_MAX_IN_FLIGHT; i++)
		all_done &= tdx_vmm_wait_done(hdr[i]);
	i = TDX_VMM_MAX_IN_FLIGHT;
	if (all_done) {
		KUNIT_EXPECT_EQ(test, tdx_emu_get_quote(hdr[i], SZ_4K),
				TDX_VMCALL_SUCCESS);
		all_done = tdx_vmm_wait_done(hdr[i]);
	}
	/* A buffer the VMM may still write is leaked, never freed. */
	KUNIT_ASSERT_TRUE_MSG(test, all_done, "requests never completed");
	for (i = 0; i < ARRAY_SIZE(hdr); i++)
		free_pages_exact(hdr[i], SZ_4K);
}

static struct kunit_case tdx_vmm_cases[] = {
	KUNIT_CASE(retry_while_16_requests_are_in_flight),
	{}
};

static struct kunit_suite tdx_vmm_suite = {
	.name = "tdx_emu_vmm_getquote",
	.test_cases = tdx_vmm_cases,
};

kunit_test_suites(&tdx_qt_suite, &tdx_vmm_suite);
