// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_measurements: RTMR extends and reports through the
 * provider, on the emulated platform.
 *
 * Each test has a provider instance of its own (its own mr_lock and log);
 * the emulated TDX module, and so the RTMRs, are shared with the instance
 * the module loaded, which nothing else uses while the suite runs.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

#define TDX_MR_LOG_CAPACITY	512
#define TDX_MR_STRESS_EXTENDS	120	/* per extending kthread */
#define TDX_MR_STRESS_REPORTS	120	/* per reporting kthread */
#define TDX_MR_STRESS_THREADS	2	/* of each kind */
#define TDX_MR_RAW_CALLS	20000	/* at most, per kthread, without mr_lock */
#define TDX_MR_RAW_SECONDS	10	/* at most, for the run without mr_lock */
#define TDX_MR_READS		200

#define TDX_MR_OFFSET(field)	offsetof(struct tdx_tdreport, tdinfo.field)

static struct tdx_guest *tdx_mr_guest(struct kunit *test,
				      unsigned int log_capacity)
{
	return tdx_kunit_guest_new(test, &tdx_emu_platform_ops, log_capacity);
}

/* A copy of the whole log, as user space reads it; *@count records. */
static struct tdx_rtmr_log_entry *tdx_mr_log(struct kunit *test,
					     struct tdx_guest *tg,
					     unsigned int *count)
{
	size_t size = tg->log.capacity * sizeof(struct tdx_rtmr_log_entry);
	struct tdx_rtmr_log_entry *log = kunit_kzalloc(test, size, GFP_KERNEL);
	ssize_t len;

	KUNIT_ASSERT_NOT_NULL(test, log);
	len = tdx_rtmr_log_read(&tg->log, (char *)log, 0, size);
	KUNIT_ASSERT_GE(test, len, 0);
	KUNIT_ASSERT_EQ(test, len % sizeof(*log), 0);
	*count = len / sizeof(*log);
	return log;
}

/*
 * Replay a log: the RTMRs after its baseline and each extend record.
 * Returns (count - TDX_RTMR_COUNT + 1) states of TDX_KUNIT_RTMRS_SIZE
 * bytes; state k is the RTMRs after the first k extend records.
 */
static u8 *tdx_mr_replay(struct kunit *test,
			 const struct tdx_rtmr_log_entry *log,
			 unsigned int count)
{
	unsigned int i, k, states;
	u8 *state;

	KUNIT_ASSERT_GE(test, count, TDX_RTMR_COUNT);
	states = count - TDX_RTMR_COUNT + 1;
	state = kunit_kmalloc_array(test, states, TDX_KUNIT_RTMRS_SIZE,
				    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, state);
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		KUNIT_ASSERT_EQ(test, le16_to_cpu(log[i].type),
				TDX_RTMR_LOG_BASELINE);
		KUNIT_ASSERT_EQ(test, le16_to_cpu(log[i].index), i);
		memcpy(state + i * TDX_MEASUREMENT_SIZE, log[i].digest,
		       TDX_MEASUREMENT_SIZE);
	}
	for (k = 1; k < states; k++) {
		const struct tdx_rtmr_log_entry *e = &log[TDX_RTMR_COUNT + k - 1];
		u8 *s = state + k * TDX_KUNIT_RTMRS_SIZE;
		unsigned int index = le16_to_cpu(e->index);

		KUNIT_ASSERT_EQ(test, le16_to_cpu(e->type), TDX_RTMR_LOG_EXTEND);
		KUNIT_ASSERT_LT(test, index, TDX_RTMR_COUNT);
		memcpy(s, s - TDX_KUNIT_RTMRS_SIZE, TDX_KUNIT_RTMRS_SIZE);
		KUNIT_ASSERT_EQ(test,
				tdx_kunit_extend(s + index * TDX_MEASUREMENT_SIZE,
						 e->digest), 0);
	}
	return state;
}

static void extend_changes_rtmr_in_next_report(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 digest[TDX_MEASUREMENT_SIZE];
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		tdx_kunit_read_rtmrs(test, tg, before);
		tdx_kunit_digest(digest, "tdx_measurements rtmr%u", i);
		KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, i, digest), 0);
		tdx_kunit_read_rtmrs(test, tg, after);

		KUNIT_EXPECT_TRUE_MSG(test, memcmp(after, before,
						   TDX_KUNIT_RTMRS_SIZE),
				      "RTMR%u did not change", i);
		KUNIT_ASSERT_EQ(test,
				tdx_kunit_extend(before + i * TDX_MEASUREMENT_SIZE,
						 digest), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, after, before,
				       TDX_KUNIT_RTMRS_SIZE, "extending RTMR%u",
				       i);
	}
}

static void log_starts_with_baseline_of_current_rtmrs(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *rtmrs = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	struct tdx_rtmr_log_entry *log;
	unsigned int i, count;

	KUNIT_ASSERT_NOT_NULL(test, rtmrs);
	tdx_kunit_read_rtmrs(test, tg, rtmrs);
	log = tdx_mr_log(test, tg, &count);
	KUNIT_ASSERT_EQ(test, count, TDX_RTMR_COUNT);
	for (i = 0; i < count; i++) {
		KUNIT_EXPECT_EQ(test, le64_to_cpu(log[i].seq), i);
		KUNIT_EXPECT_EQ(test, le16_to_cpu(log[i].type),
				TDX_RTMR_LOG_BASELINE);
		KUNIT_EXPECT_EQ(test, le16_to_cpu(log[i].index), i);
		KUNIT_EXPECT_MEMEQ(test, log[i].digest,
				   rtmrs + i * TDX_MEASUREMENT_SIZE,
				   TDX_MEASUREMENT_SIZE);
	}
}

static void each_extend_appends_one_record(struct kunit *test)
{
	static const unsigned int order[] = { 0, 3, 1, 3, 2, 0 };
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *rtmrs = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 digest[TDX_MEASUREMENT_SIZE];
	struct tdx_rtmr_log_entry *log;
	unsigned int i, count;
	u8 *state;

	KUNIT_ASSERT_NOT_NULL(test, rtmrs);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		tdx_kunit_digest(digest, "record %u", i);
		KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, order[i],
							    digest), 0);
	}
	/* A refused extend leaves no record. */
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, TDX_RTMR_COUNT, digest),
			-ENXIO);

	log = tdx_mr_log(test, tg, &count);
	KUNIT_ASSERT_EQ(test, count, TDX_RTMR_COUNT + ARRAY_SIZE(order));
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		const struct tdx_rtmr_log_entry *e = &log[TDX_RTMR_COUNT + i];

		tdx_kunit_digest(digest, "record %u", i);
		KUNIT_EXPECT_EQ(test, le64_to_cpu(e->seq), TDX_RTMR_COUNT + i);
		KUNIT_EXPECT_EQ(test, le16_to_cpu(e->type), TDX_RTMR_LOG_EXTEND);
		KUNIT_EXPECT_EQ(test, le16_to_cpu(e->index), order[i]);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(e->reserved), 0);
		KUNIT_EXPECT_MEMEQ(test, e->digest, digest, TDX_MEASUREMENT_SIZE);
	}

	/* Replaying the whole log gives the registers as they are now. */
	state = tdx_mr_replay(test, log, count);
	tdx_kunit_read_rtmrs(test, tg, rtmrs);
	KUNIT_EXPECT_MEMEQ(test, rtmrs,
			   state + ARRAY_SIZE(order) * TDX_KUNIT_RTMRS_SIZE,
			   TDX_KUNIT_RTMRS_SIZE);
}

/**
 * struct tdx_mr_stress - extenders and reporters racing on one instance.
 * @tg: the provider instance.
 * @go: completed (for all) when every kthread exists, to start together.
 * @reports: per reporter, the RTMRs of each report it took.
 * @rc: per kthread, the first error it met.
 */
struct tdx_mr_stress {
	struct tdx_guest *tg;
	struct completion go;
	u8 *reports[TDX_MR_STRESS_THREADS];
	int rc[2 * TDX_MR_STRESS_THREADS];
};

/**
 * struct tdx_mr_job - what one kthread of the stress test does.
 * @s: the shared state.
 * @id: 0..TDX_MR_STRESS_THREADS-1 among its kind.
 */
struct tdx_mr_job {
	struct tdx_mr_stress *s;
	unsigned int id;
};

static int tdx_mr_extender(void *data)
{
	const struct tdx_mr_job *job = data;
	u8 digest[TDX_MEASUREMENT_SIZE];
	unsigned int i;
	int rc;

	wait_for_completion(&job->s->go);
	for (i = 0; i < TDX_MR_STRESS_EXTENDS; i++) {
		/* Distinct per event; need not be a real hash. */
		memset(digest, 0x40 + job->id, sizeof(digest));
		put_unaligned_le32(i, digest);
		rc = tdx_guest_extend_rtmr(job->s->tg,
					   (i + job->id) % TDX_RTMR_COUNT,
					   digest);
		if (rc)
			return rc;
	}
	return 0;
}

static int tdx_mr_reporter(void *data)
{
	const struct tdx_mr_job *job = data;
	u8 *reportdata = kzalloc(TDX_REPORTDATA_SIZE, GFP_KERNEL);
	u8 *tdreport = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	u8 *out = job->s->reports[job->id];
	unsigned int i;
	int rc = -ENOMEM;

	wait_for_completion(&job->s->go);
	for (i = 0; reportdata && tdreport && i < TDX_MR_STRESS_REPORTS; i++) {
		const struct tdx_tdreport *r = (void *)tdreport;

		rc = tdx_guest_get_report(job->s->tg, reportdata, tdreport);
		if (rc)
			break;
		memcpy(out + i * TDX_KUNIT_RTMRS_SIZE, r->tdinfo.rtmr,
		       TDX_KUNIT_RTMRS_SIZE);
	}
	kfree(reportdata);
	kfree(tdreport);
	return rc;
}

/* Index of the first replay state at or after @from equal to @rtmrs. */
static unsigned int tdx_mr_find_state(const u8 *state, unsigned int states,
				      unsigned int from, const u8 *rtmrs)
{
	while (from < states &&
	       memcmp(state + from * TDX_KUNIT_RTMRS_SIZE, rtmrs,
		      TDX_KUNIT_RTMRS_SIZE))
		from++;
	return from;
}

static void reports_match_log_prefix_under_concurrency(struct kunit *test)
{
	const unsigned int nr = 2 * TDX_MR_STRESS_THREADS;
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	struct tdx_mr_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct tdx_mr_job *jobs = kunit_kcalloc(test, nr, sizeof(*jobs),
						GFP_KERNEL);
	struct tdx_kunit_worker *w = kunit_kcalloc(test, nr, sizeof(*w),
						   GFP_KERNEL);
	unsigned int i, j, count, states, pos, seen = 0;
	struct tdx_rtmr_log_entry *log;
	u64 busy;
	u8 *state;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, jobs);
	KUNIT_ASSERT_NOT_NULL(test, w);
	s->tg = tg;
	init_completion(&s->go);
	for (i = 0; i < TDX_MR_STRESS_THREADS; i++) {
		s->reports[i] = kunit_kcalloc(test, TDX_MR_STRESS_REPORTS,
					      TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, s->reports[i]);
	}

	busy = tdx_emu_busy_overlaps();
	for (i = 0, rc = 0; i < nr && !rc; i++) {
		bool extender = i < TDX_MR_STRESS_THREADS;

		jobs[i].s = s;
		jobs[i].id = i % TDX_MR_STRESS_THREADS;
		rc = tdx_kunit_worker_start(test, &w[i], extender ?
					    tdx_mr_extender : tdx_mr_reporter,
					    &jobs[i], extender ?
					    "tdx_kunit_ext" : "tdx_kunit_rep");
	}
	/* Whatever happened, release those that started before asserting. */
	complete_all(&s->go);
	KUNIT_ASSERT_EQ(test, rc, 0);
	for (i = 0; i < nr; i++) {
		tdx_kunit_worker_join(&w[i]);
		KUNIT_EXPECT_EQ_MSG(test, w[i].rc, 0, "kthread %u", i);
	}
	/* mr_lock kept every report apart from every extend. */
	KUNIT_EXPECT_EQ(test, tdx_emu_busy_overlaps(), busy);

	log = tdx_mr_log(test, tg, &count);
	KUNIT_ASSERT_EQ(test, count, TDX_RTMR_COUNT +
			TDX_MR_STRESS_THREADS * TDX_MR_STRESS_EXTENDS);
	state = tdx_mr_replay(test, log, count);
	states = count - TDX_RTMR_COUNT + 1;

	for (i = 0; i < TDX_MR_STRESS_THREADS; i++) {
		for (j = 0, pos = 0; j < TDX_MR_STRESS_REPORTS; j++) {
			const u8 *rtmrs = s->reports[i] +
					  j * TDX_KUNIT_RTMRS_SIZE;

			/* One reporter's reports only ever move forward. */
			pos = tdx_mr_find_state(state, states, pos, rtmrs);
			KUNIT_ASSERT_LT_MSG(test, pos, states,
					    "report %u of reporter %u matches no log prefix",
					    j, i);
			seen += pos > 0 && pos < states - 1;
		}
	}
	kunit_info(test, "%u of %u reports saw a state between first and last\n",
		   seen, TDX_MR_STRESS_THREADS * TDX_MR_STRESS_REPORTS);
}

/**
 * struct tdx_mr_raw - extenders and reporters calling the emulated TDX
 *	module directly, without the provider's mr_lock.
 * @go: completed when both kthreads exist.
 * @busy0: busy_overlaps before the run.
 * @deadline: jiffies after which both give up.
 * @busy_seen: per kthread, how many of its calls answered -EBUSY.
 * @other_rc: per kthread, the first answer that was neither 0 nor -EBUSY.
 */
struct tdx_mr_raw {
	struct completion go;
	u64 busy0;
	unsigned long deadline;
	unsigned int busy_seen[2];
	int other_rc[2];
};

/* Until the emulated module has seen an overlap, or time is up. */
static bool tdx_mr_raw_more(struct tdx_mr_raw *r, unsigned int i)
{
	return i < TDX_MR_RAW_CALLS && time_before(jiffies, r->deadline) &&
	       tdx_emu_busy_overlaps() == r->busy0;
}

static void tdx_mr_raw_call(struct tdx_mr_raw *r, unsigned int id, int rc)
{
	if (rc == -EBUSY)
		r->busy_seen[id]++;
	else if (rc && !r->other_rc[id])
		r->other_rc[id] = rc;
}

static int tdx_mr_raw_extender(void *data)
{
	struct tdx_mr_raw *r = data;
	u8 *digest = kzalloc(TDX_EXTEND_ALIGN, GFP_KERNEL);
	unsigned int i;

	if (!digest)
		return -ENOMEM;
	wait_for_completion(&r->go);
	for (i = 0; tdx_mr_raw_more(r, i); i++) {
		put_unaligned_le32(i, digest);
		tdx_mr_raw_call(r, 0, tdx_emu_extend_rtmr(3, digest));
	}
	kfree(digest);
	return 0;
}

static int tdx_mr_raw_reporter(void *data)
{
	struct tdx_mr_raw *r = data;
	u8 *reportdata = kzalloc(TDX_REPORTDATA_SIZE, GFP_KERNEL);
	u8 *tdreport = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	unsigned int i;
	int rc = -ENOMEM;

	if (reportdata && tdreport) {
		wait_for_completion(&r->go);
		for (i = 0; tdx_mr_raw_more(r, i); i++)
			tdx_mr_raw_call(r, 1, tdx_emu_get_report0(reportdata,
								  tdreport));
		rc = 0;
	}
	kfree(reportdata);
	kfree(tdreport);
	return rc;
}

/*
 * The negative control of reports_match_log_prefix_under_concurrency(),
 * whose "no overlap" proves something only if overlaps are seen when the
 * mutex is not there: the same kinds of calls, made straight into the
 * emulated module by two kthreads, do collide, and every collision is a
 * busy answer its caller saw.
 */
static void overlaps_are_counted_without_mr_lock(struct kunit *test)
{
	struct tdx_mr_raw *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct tdx_kunit_worker *w = kunit_kcalloc(test, 2, sizeof(*w),
						   GFP_KERNEL);
	u64 overlaps;
	int rc;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs to overlap calls");
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, w);
	init_completion(&r->go);
	r->busy0 = tdx_emu_busy_overlaps();
	r->deadline = jiffies + TDX_MR_RAW_SECONDS * HZ;

	rc = tdx_kunit_worker_start(test, &w[0], tdx_mr_raw_extender, r,
				    "tdx_kunit_rawext");
	if (!rc)
		rc = tdx_kunit_worker_start(test, &w[1], tdx_mr_raw_reporter,
					    r, "tdx_kunit_rawrep");
	complete_all(&r->go);
	KUNIT_ASSERT_EQ(test, rc, 0);
	tdx_kunit_worker_join(&w[0]);
	tdx_kunit_worker_join(&w[1]);
	KUNIT_EXPECT_EQ(test, w[0].rc, 0);
	KUNIT_EXPECT_EQ(test, w[1].rc, 0);

	overlaps = tdx_emu_busy_overlaps() - r->busy0;
	kunit_info(test, "%llu overlaps; busy answers: %u to extends, %u to reports\n",
		   overlaps, r->busy_seen[0], r->busy_seen[1]);
	KUNIT_EXPECT_GT(test, overlaps, 0);
	KUNIT_EXPECT_EQ(test, overlaps,
			(u64)r->busy_seen[0] + r->busy_seen[1]);
	KUNIT_EXPECT_EQ(test, r->other_rc[0], 0);
	KUNIT_EXPECT_EQ(test, r->other_rc[1], 0);
}

static void tdx_mr_read(struct kunit *test, struct tdx_guest *tg,
			size_t offset, bool live, u8 *buf)
{
	KUNIT_ASSERT_EQ(test, tdx_guest_read_mr(tg, offset,
						TDX_MEASUREMENT_SIZE, live,
						buf), 0);
}

static void fixed_register_reads_take_no_report(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 mrtd[TDX_MEASUREMENT_SIZE], mrowner[TDX_MEASUREMENT_SIZE];
	const struct tdx_tdreport *r;
	unsigned int i;
	u64 calls;
	u8 *raw;

	/* The log's baseline filled the cache when the instance was made. */
	calls = tdx_emu_report_calls();
	for (i = 0; i < TDX_MR_READS; i++) {
		tdx_mr_read(test, tg, TDX_MR_OFFSET(mrtd), false, mrtd);
		tdx_mr_read(test, tg, TDX_MR_OFFSET(mrowner), false, mrowner);
	}
	KUNIT_EXPECT_EQ(test, tdx_emu_report_calls() - calls, 0);

	raw = tdx_guest_read_report(tg);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, raw);
	r = (const struct tdx_tdreport *)raw;
	KUNIT_EXPECT_MEMEQ(test, mrtd, r->tdinfo.mrtd, TDX_MEASUREMENT_SIZE);
	KUNIT_EXPECT_MEMEQ(test, mrowner, r->tdinfo.mrowner,
			   TDX_MEASUREMENT_SIZE);
	kfree(raw);
}

static void rtmr_read_after_extend_shows_new_value(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 expect[TDX_MEASUREMENT_SIZE], got[TDX_MEASUREMENT_SIZE];
	u8 digest[TDX_MEASUREMENT_SIZE];
	u64 calls;

	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[2]), true, expect);
	tdx_kunit_digest(digest, "read after extend");
	KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, 2, digest), 0);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, digest), 0);

	/* However young the cache: the extend made it stale. */
	calls = tdx_emu_report_calls();
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[2]), true, got);
	KUNIT_EXPECT_MEMEQ(test, got, expect, TDX_MEASUREMENT_SIZE);
	KUNIT_EXPECT_EQ(test, tdx_emu_report_calls() - calls, 1);
	/* And the refreshed report serves the next read. */
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[2]), false, got);
	KUNIT_EXPECT_MEMEQ(test, got, expect, TDX_MEASUREMENT_SIZE);
	KUNIT_EXPECT_EQ(test, tdx_emu_report_calls() - calls, 1);
}

static void rtmr_reads_share_one_report_until_an_extend(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 rtmr[TDX_MEASUREMENT_SIZE];
	unsigned int i;
	u64 calls;

	/* The first read may fill the cache; none after it takes a report. */
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[0]), true, rtmr);
	calls = tdx_emu_report_calls();
	for (i = 0; i < TDX_MR_READS; i++)
		tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[i % TDX_RTMR_COUNT]),
			    true, rtmr);
	KUNIT_EXPECT_EQ(test, tdx_emu_report_calls() - calls, 0);
}

static void rtmr_extended_elsewhere_shows_after_an_extend_here(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *digest = kunit_kzalloc(test, TDX_EXTEND_ALIGN, GFP_KERNEL);
	u8 old[TDX_MEASUREMENT_SIZE], expect[TDX_MEASUREMENT_SIZE];
	u8 got[TDX_MEASUREMENT_SIZE];

	KUNIT_ASSERT_NOT_NULL(test, digest);
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[3]), true, old);
	memcpy(expect, old, sizeof(expect));
	/*
	 * Not through the provider: as tsm-mr does from 6.16 on, the cache
	 * goes stale only with extends made through the driver.
	 */
	tdx_kunit_digest(digest, "extended elsewhere");
	KUNIT_ASSERT_EQ(test, tdx_emu_extend_rtmr(3, digest), 0);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, digest), 0);
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[3]), true, got);
	KUNIT_EXPECT_MEMEQ(test, got, old, TDX_MEASUREMENT_SIZE);

	tdx_kunit_digest(digest, "extended here");
	KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, 3, digest), 0);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, digest), 0);
	tdx_mr_read(test, tg, TDX_MR_OFFSET(rtmr[3]), true, got);
	KUNIT_EXPECT_MEMEQ(test, got, expect, TDX_MEASUREMENT_SIZE);
}

static void full_log_refuses_extend_and_keeps_rtmr(struct kunit *test)
{
	/* The baseline and one extend fill it. */
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_RTMR_COUNT + 1);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 digest[TDX_MEASUREMENT_SIZE];
	unsigned int count;

	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	tdx_kunit_digest(digest, "fills the log");
	KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, 1, digest), 0);

	tdx_kunit_read_rtmrs(test, tg, before);
	tdx_kunit_digest(digest, "does not fit");
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, 1, digest), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, 2, digest), -ENOSPC);
	tdx_kunit_read_rtmrs(test, tg, after);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);

	tdx_mr_log(test, tg, &count);
	KUNIT_EXPECT_EQ(test, count, TDX_RTMR_COUNT + 1);
}

static void log_capacity_is_bounded(struct kunit *test)
{
	struct tdx_rtmr_log *log = kunit_kzalloc(test, sizeof(*log),
						 GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	/* Would hit kvcalloc()'s WARN on an INT_MAX-byte request. */
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, UINT_MAX), -EINVAL);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, (1U << 18) + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_COUNT - 1),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, log->entries);

	/* The documented bounds themselves are fine. */
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(log, 1U << 18), 0);
	tdx_rtmr_log_fini(log);
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_COUNT), 0);
	tdx_rtmr_log_fini(log);
}

/**
 * struct tdx_mr_signalled - a caller with a signal pending.
 * @tg: the provider instance.
 * @sig: the signal it has pending.
 * @extend_rc: what tdx_guest_extend_rtmr() returned.
 * @report_rc: what tdx_guest_get_report() returned.
 * @reportdata: REPORTDATA operand.
 * @tdreport: TDREPORT operand.
 */
struct tdx_mr_signalled {
	struct tdx_guest *tg;
	int sig;
	int extend_rc;
	int report_rc;
	u8 *reportdata;
	u8 *tdreport;
};

static int tdx_mr_call_with_signal(void *data)
{
	struct tdx_mr_signalled *c = data;
	u8 digest[TDX_MEASUREMENT_SIZE] = { 0x5e };

	allow_signal(c->sig);
	send_sig(c->sig, current, 0);
	c->extend_rc = tdx_guest_extend_rtmr(c->tg, 0, digest);
	c->report_rc = tdx_guest_get_report(c->tg, c->reportdata, c->tdreport);
	flush_signals(current);
	return 0;
}

/*
 * A caller with @sig pending waits for mr_lock, which the test holds for
 * up to a second. Returns whether it stopped waiting while the lock was
 * held; the RTMRs and log lengths before and after go to @before/@after.
 */
static bool tdx_mr_wait_with_signal(struct kunit *test, struct tdx_guest *tg,
				    struct tdx_mr_signalled *c, u8 *before,
				    u8 *after, unsigned int *count)
{
	struct tdx_kunit_worker *w = kunit_kzalloc(test, sizeof(*w),
						   GFP_KERNEL);
	bool in_time;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, w);
	c->tg = tg;
	c->reportdata = kunit_kzalloc(test, TDX_REPORTDATA_SIZE, GFP_KERNEL);
	c->tdreport = kunit_kzalloc(test, TDX_TDREPORT_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->reportdata);
	KUNIT_ASSERT_NOT_NULL(test, c->tdreport);
	tdx_kunit_read_rtmrs(test, tg, before);

	/* No assertion may end the test while it holds the lock. */
	mutex_lock(&tg->mr_lock);
	rc = tdx_kunit_worker_start(test, w, tdx_mr_call_with_signal, c,
				    "tdx_kunit_sig");
	in_time = !rc && tdx_kunit_worker_wait(w, HZ);
	mutex_unlock(&tg->mr_lock);

	KUNIT_ASSERT_EQ(test, rc, 0);
	tdx_kunit_worker_join(w);
	tdx_kunit_read_rtmrs(test, tg, after);
	tdx_mr_log(test, tg, count);
	return in_time;
}

static void signal_does_not_end_wait_for_mr_lock(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	struct tdx_mr_signalled *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	unsigned int count;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	c->sig = SIGUSR1;
	KUNIT_EXPECT_FALSE_MSG(test, tdx_mr_wait_with_signal(test, tg, c, before,
							     after, &count),
			       "a signal that is not fatal ended the wait for mr_lock");
	KUNIT_EXPECT_EQ(test, c->extend_rc, 0);
	KUNIT_EXPECT_EQ(test, c->report_rc, 0);
	KUNIT_EXPECT_MEMNEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, count, TDX_RTMR_COUNT + 1);
}

static void fatal_signal_ends_wait_for_mr_lock(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	struct tdx_mr_signalled *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	unsigned int count;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	c->sig = SIGKILL;
	KUNIT_EXPECT_TRUE_MSG(test, tdx_mr_wait_with_signal(test, tg, c, before,
							    after, &count),
			      "a fatal signal did not end the wait for mr_lock");
	KUNIT_EXPECT_EQ(test, c->extend_rc, -EINTR);
	KUNIT_EXPECT_EQ(test, c->report_rc, -EINTR);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, count, TDX_RTMR_COUNT);
}

static struct kunit_case tdx_mr_cases[] = {
	KUNIT_CASE(extend_changes_rtmr_in_next_report),
	KUNIT_CASE(log_starts_with_baseline_of_current_rtmrs),
	KUNIT_CASE(each_extend_appends_one_record),
	KUNIT_CASE(reports_match_log_prefix_under_concurrency),
	KUNIT_CASE(overlaps_are_counted_without_mr_lock),
	KUNIT_CASE(fixed_register_reads_take_no_report),
	KUNIT_CASE(rtmr_read_after_extend_shows_new_value),
	KUNIT_CASE(rtmr_reads_share_one_report_until_an_extend),
	KUNIT_CASE(rtmr_extended_elsewhere_shows_after_an_extend_here),
	KUNIT_CASE(full_log_refuses_extend_and_keeps_rtmr),
	KUNIT_CASE(log_capacity_is_bounded),
	KUNIT_CASE(signal_does_not_end_wait_for_mr_lock),
	KUNIT_CASE(fatal_signal_ends_wait_for_mr_lock),
	{}
};

static struct kunit_suite tdx_mr_suite = {
	.name = "tdx_measurements",
	.test_cases = tdx_mr_cases,
};

kunit_test_suite(tdx_mr_suite);
