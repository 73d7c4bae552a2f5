// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_tsm_provider: report_new, the one entry point
 * configfs-tsm calls, checked for its input rule (inblob is exactly 64
 * bytes), what it hands over (a kvmalloc()ed Quote in outblob, nothing on
 * error), and that every error path frees what it took.
 *
 * Leaks are not checked here but by the debug kernel: kmemleak scans after
 * the run, KASAN catches a double or wrong free, and the harness fails the
 * run on either report.
 *
 * The successful case goes through the emulated platform and its quote
 * generation service (tdx-qgs-emu, which the VM harness starts); the
 * error cases use the fake VMM.
 */
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tsm.h>
#include <linux/unaligned.h>
#include <kunit/test.h>

#include <tdx-guest/quote_v4.h>

#include "tdx_kunit.h"

/**
 * struct tdx_tsm_ctx - a report directory's state and the saved timeout.
 * @report: what configfs-tsm passes to report_new.
 * @saved_timeout: quote_timeout_ms before the test changed it.
 */
struct tdx_tsm_ctx {
	struct tsm_report report;
	unsigned int saved_timeout;
};

static void tdx_tsm_restore(void *ctx)
{
	struct tdx_tsm_ctx *c = ctx;

	WRITE_ONCE(quote_timeout_ms, c->saved_timeout);
	/* What the configfs-tsm core would do with an outblob it owns. */
	kvfree(c->report.outblob);
}

static int tdx_tsm_init(struct kunit *test)
{
	struct tdx_tsm_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->saved_timeout = READ_ONCE(quote_timeout_ms);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tdx_tsm_restore,
							c), 0);
	c->report.desc.inblob_len = TDX_REPORTDATA_SIZE;
	get_random_bytes(c->report.desc.inblob, TDX_REPORTDATA_SIZE);
	test->priv = c;
	return 0;
}

static struct tsm_report *tdx_tsm_report(struct kunit *test)
{
	struct tdx_tsm_ctx *c = test->priv;

	return &c->report;
}

/* report_new on a provider instance; checks that errors hand out nothing. */
static int tdx_tsm_report_new_checked(struct kunit *test, struct tdx_guest *tg)
{
	struct tsm_report *report = tdx_tsm_report(test);
	int rc = tdx_tsm_report_new(report, tg);

	if (rc) {
		KUNIT_EXPECT_NULL(test, report->outblob);
		KUNIT_EXPECT_EQ(test, report->outblob_len, 0);
	}
	return rc;
}

/* A provider instance whose GetQuote host the test controls. */
static struct tdx_fake_host *tdx_tsm_fake(struct kunit *test,
					  struct tdx_guest **tg)
{
	*tg = tdx_kunit_guest_new(test, &tdx_fake_platform_ops,
				  TDX_RTMR_LOG_MIN_SIZE);
	/* After the instance, so that it is stopped first. */
	return tdx_fake_host_start(test);
}

static const size_t tdx_tsm_bad_lengths[] = { 0, 63, 65 };

static void tdx_tsm_bad_length_desc(const size_t *len, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "inblob_len %zu", *len);
}

KUNIT_ARRAY_PARAM(tdx_tsm_bad_length, tdx_tsm_bad_lengths,
		  tdx_tsm_bad_length_desc);

static void inblob_not_64_bytes_is_einval(struct kunit *test)
{
	const size_t *len = test->param_value;
	struct tdx_fake_host *h;
	struct tdx_guest *tg;

	h = tdx_tsm_fake(test, &tg);
	tdx_tsm_report(test)->desc.inblob_len = *len;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EINVAL);
	/* Refused before anything was asked of the platform. */
	KUNIT_EXPECT_EQ(test, h->reports, 0);
	KUNIT_EXPECT_EQ(test, h->calls, 0);
}

static void quote_carries_inblob_as_reportdata(struct kunit *test)
{
	struct tdx_guest *tg = tdx_kunit_guest_new(test, &tdx_emu_platform_ops,
						   TDX_RTMR_LOG_MIN_SIZE);
	struct tsm_report *report = tdx_tsm_report(test);
	struct tdx_tdreport *td = kunit_kmalloc(test, sizeof(*td), GFP_KERNEL);
	const struct tdx_quote_v4 *quote;
	u8 *raw;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, td);
	raw = tdx_guest_read_report(tg);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, raw);
	memcpy(td, raw, sizeof(*td));
	kfree(raw);

	rc = tdx_tsm_report_new_checked(test, tg);
	KUNIT_ASSERT_EQ_MSG(test, rc, 0,
			    "no Quote from the emulated platform (is tdx-qgs-emu running?)");
	KUNIT_ASSERT_NOT_NULL(test, report->outblob);
	KUNIT_ASSERT_GE(test, report->outblob_len, sizeof(*quote));
	KUNIT_EXPECT_LE(test, report->outblob_len, TSM_OUTBLOB_MAX);

	quote = (const struct tdx_quote_v4 *)report->outblob;
	KUNIT_EXPECT_EQ(test, le16_to_cpu(quote->header.version),
			TDX_QUOTE_VERSION_4);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(quote->header.att_key_type),
			TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(quote->header.tee_type),
			TDX_QUOTE_TEE_TYPE_TDX);
	KUNIT_EXPECT_LE(test, sizeof(*quote) +
			le32_to_cpu(quote->signature_data_len),
			report->outblob_len);

	/* The body is the TDREPORT of this inblob. */
	KUNIT_EXPECT_MEMEQ(test, quote->body.reportdata,
			   report->desc.inblob, TDX_REPORTDATA_SIZE);
	KUNIT_EXPECT_MEMEQ(test, quote->body.mrtd, td->tdinfo.mrtd,
			   TDX_MEASUREMENT_SIZE);
	KUNIT_EXPECT_MEMEQ(test, quote->body.rtmr, td->tdinfo.rtmr,
			   TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_MEMEQ(test, quote->body.mrseam, td->tee_tcb_info.mrseam,
			   TDX_MEASUREMENT_SIZE);
	KUNIT_EXPECT_TRUE(test, get_unaligned_le64(quote->body.td_attributes) &
				TDX_TDINFO_ATTR_DEBUG);
}

static void outblob_is_the_callers_copy_of_the_quote(struct kunit *test)
{
	struct tsm_report *report = tdx_tsm_report(test);
	struct tdx_fake_host *h;
	struct tdx_guest *tg;
	size_t i, bad = 0;

	h = tdx_tsm_fake(test, &tg);
	h->out_len = 4567;
	h->fill = 0x3c;
	KUNIT_ASSERT_EQ(test, tdx_tsm_report_new_checked(test, tg), 0);
	KUNIT_ASSERT_NOT_NULL(test, report->outblob);
	KUNIT_ASSERT_EQ(test, report->outblob_len, 4567);
	for (i = 0; i < report->outblob_len; i++)
		bad += report->outblob[i] != tdx_fake_byte(0x3c, i);
	KUNIT_EXPECT_EQ(test, bad, 0);
	KUNIT_EXPECT_PTR_NE(test, (void *)report->outblob,
			    (void *)((struct tdx_getquote_hdr *)
				     tdx_fake_last_req(h))->data);
	/* The REPORTDATA that went to the host was the inblob. */
	KUNIT_EXPECT_MEMEQ(test, h->seen_report + 128, report->desc.inblob,
			   TDX_REPORTDATA_SIZE);
	/* The caller frees it with kvfree(): tdx_tsm_restore() does. */
}

static void report_errors_reach_the_caller(struct kunit *test)
{
	/* Each platform error, and how often TDG.MR.REPORT is tried for it. */
	static const struct {
		int err;
		unsigned int tries;
	} errors[] = {
		{ -EIO, 1 },
		{ -ENXIO, 1 },
		{ -EBUSY, TDX_REPORT_BUSY_TRIES },
	};
	struct tdx_fake_host *h;
	struct tdx_guest *tg;
	unsigned int i;

	KUNIT_ASSERT_GT(test, TDX_REPORT_BUSY_TRIES, 1);
	h = tdx_tsm_fake(test, &tg);
	for (i = 0; i < ARRAY_SIZE(errors); i++) {
		h->report_error = errors[i].err;
		h->reports = 0;
		KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg),
				errors[i].err);
		KUNIT_EXPECT_EQ_MSG(test, h->reports, errors[i].tries,
				    "TDG.MR.REPORT calls for %d", errors[i].err);
	}
	KUNIT_EXPECT_EQ(test, h->calls, 0);
}

static void tdx_tsm_clear_report_busy(void *unused)
{
	atomic_set(&tdx_emu_faults.report_busy, 0);
}

/* The emulated TDX module answers busy so often, then gives a report. */
static void busy_report_is_retried_until_it_goes_through(struct kunit *test)
{
	struct tdx_fake_host *h;
	struct tdx_guest *tg;

	h = tdx_tsm_fake(test, &tg);
	h->out_len = 1000;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tdx_tsm_clear_report_busy,
							NULL), 0);

	atomic_set(&tdx_emu_faults.report_busy, TDX_REPORT_BUSY_TRIES - 1);
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), 0);
	KUNIT_EXPECT_EQ(test, h->reports, TDX_REPORT_BUSY_TRIES);
	KUNIT_EXPECT_EQ(test, h->calls, 1);

	kvfree(tdx_tsm_report(test)->outblob);
	tdx_tsm_report(test)->outblob = NULL;
	tdx_tsm_report(test)->outblob_len = 0;
	h->reports = 0;
	atomic_set(&tdx_emu_faults.report_busy, TDX_REPORT_BUSY_TRIES);
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EBUSY);
	KUNIT_EXPECT_EQ(test, h->reports, TDX_REPORT_BUSY_TRIES);
	KUNIT_EXPECT_EQ(test, h->calls, 1);
}

static void quote_errors_reach_the_caller(struct kunit *test)
{
	struct tdx_fake_host *h;
	struct tdx_guest *tg;

	h = tdx_tsm_fake(test, &tg);
	h->vmcall_error = TDX_VMCALL_ALIGN_ERROR;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EIO);

	h->vmcall_error = 0;
	h->status = TDX_GETQUOTE_STATUS_UNAVAILABLE;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg),
			-ECONNREFUSED);

	h->status = TDX_GETQUOTE_STATUS_ERROR;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EIO);

	h->status = TDX_GETQUOTE_STATUS_SUCCESS;
	h->out_len = 0;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EPROTO);

	WRITE_ONCE(quote_timeout_ms, 20);
	h->mode = TDX_FAKE_HANG;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg),
			-ETIMEDOUT);
}

static void quote_over_configfs_limit_is_efbig_and_freed(struct kunit *test)
{
	struct tdx_fake_host *h;
	struct tdx_guest *tg;

	h = tdx_tsm_fake(test, &tg);
	/* Fits the GetQuote buffer, not what configfs-tsm can return. */
	h->out_len = TSM_OUTBLOB_MAX + 1;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), -EFBIG);
	KUNIT_EXPECT_EQ(test, h->nr_reqs, 1);

	/* The limit itself is fine. */
	h->out_len = TSM_OUTBLOB_MAX;
	KUNIT_EXPECT_EQ(test, tdx_tsm_report_new_checked(test, tg), 0);
	KUNIT_EXPECT_EQ(test, tdx_tsm_report(test)->outblob_len,
			TSM_OUTBLOB_MAX);
}

/**
 * struct tdx_tsm_signalled - report_new called with a fatal signal pending.
 * @test: the test.
 * @tg: the provider instance.
 * @rc: what report_new returned.
 */
struct tdx_tsm_signalled {
	struct kunit *test;
	struct tdx_guest *tg;
	int rc;
};

static int tdx_tsm_report_new_with_signal(void *data)
{
	struct tdx_tsm_signalled *s = data;

	allow_signal(SIGKILL);
	send_sig(SIGKILL, current, 0);
	s->rc = tdx_tsm_report_new(tdx_tsm_report(s->test), s->tg);
	flush_signals(current);
	return 0;
}

/* Other signals do not end that wait (tdx_measurements). */
static void fatal_signal_while_waiting_for_report_is_eintr(struct kunit *test)
{
	struct tdx_tsm_signalled *s = kunit_kzalloc(test, sizeof(*s),
						    GFP_KERNEL);
	struct tdx_kunit_worker *w = kunit_kzalloc(test, sizeof(*w),
						   GFP_KERNEL);
	struct tsm_report *report = tdx_tsm_report(test);
	struct tdx_fake_host *h;
	bool in_time;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, w);
	h = tdx_tsm_fake(test, &s->tg);
	s->test = test;

	/* No assertion may end the test while it holds the lock. */
	mutex_lock(&s->tg->mr_lock);
	rc = tdx_kunit_worker_start(test, w, tdx_tsm_report_new_with_signal,
				    s, "tdx_kunit_sig");
	in_time = !rc && tdx_kunit_worker_wait(w, 5 * HZ);
	mutex_unlock(&s->tg->mr_lock);

	KUNIT_ASSERT_EQ(test, rc, 0);
	KUNIT_EXPECT_TRUE(test, in_time);
	tdx_kunit_worker_join(w);
	KUNIT_EXPECT_EQ(test, s->rc, -EINTR);
	KUNIT_EXPECT_NULL(test, report->outblob);
	KUNIT_EXPECT_EQ(test, h->calls, 0);
}

static struct kunit_case tdx_tsm_cases[] = {
	KUNIT_CASE_PARAM(inblob_not_64_bytes_is_einval,
			 tdx_tsm_bad_length_gen_params),
	KUNIT_CASE(quote_carries_inblob_as_reportdata),
	KUNIT_CASE(outblob_is_the_callers_copy_of_the_quote),
	KUNIT_CASE(report_errors_reach_the_caller),
	KUNIT_CASE(busy_report_is_retried_until_it_goes_through),
	KUNIT_CASE(quote_errors_reach_the_caller),
	KUNIT_CASE(quote_over_configfs_limit_is_efbig_and_freed),
	KUNIT_CASE(fatal_signal_while_waiting_for_report_is_eintr),
	{}
};

static struct kunit_suite tdx_tsm_suite = {
	.name = "tdx_tsm_provider",
	.init = tdx_tsm_init,
	.test_cases = tdx_tsm_cases,
};

kunit_test_suite(tdx_tsm_suite);
