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
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

#define TDX_MR_LOG_CAPACITY	TDX_RTMR_LOG_MIN_SIZE
#define TDX_MR_STRESS_EXTENDS	120	/* per extending kthread */
#define TDX_MR_STRESS_REPORTS	120	/* per reporting kthread */
#define TDX_MR_STRESS_THREADS	2	/* of each kind */
#define TDX_MR_RAW_CALLS	20000	/* at most, per kthread, without mr_lock */
#define TDX_MR_RAW_SECONDS	10	/* at most, for the run without mr_lock */
#define TDX_MR_READS		200

#define TDX_MR_OFFSET(field)	offsetof(struct tdx_tdreport, tdinfo.field)

static struct tdx_guest *tdx_mr_guest(struct kunit *test, size_t log_size)
{
	return tdx_kunit_guest_new(test, &tdx_emu_platform_ops, log_size);
}

/**
 * struct tdx_mr_rec - one record of the log, as a replayer reads it.
 * @off: where it starts in the log.
 * @rtmr: the RTMR (MR index minus one).
 * @type: the event type.
 * @digest: its SHA-384 digest.
 * @event: its event.
 * @event_size: bytes at @event.
 */
struct tdx_mr_rec {
	size_t off;
	unsigned int rtmr;
	u32 type;
	const u8 *digest;
	const u8 *event;
	u32 event_size;
};

/*
 * The whole log, as user space reads it, cut into *@count records. Every
 * record must be one a replayer takes: an RTMR's MR index, one SHA-384
 * digest, an event inside the log.
 */
static struct tdx_mr_rec *tdx_mr_log(struct kunit *test, struct tdx_guest *tg,
				     unsigned int *count)
{
	const size_t head = sizeof(struct tdx_rtmr_log_head);
	u8 *buf = kunit_kzalloc(test, tg->log.max, GFP_KERNEL);
	struct tdx_mr_rec *recs;
	size_t off = 0, len;
	ssize_t got;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	got = tdx_rtmr_log_read(&tg->log, buf, 0, tg->log.max);
	KUNIT_ASSERT_GE(test, got, 0);
	len = got;
	recs = kunit_kcalloc(test, len / head + 1, sizeof(*recs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, recs);
	for (*count = 0; off < len; (*count)++) {
		struct tdx_mr_rec *r = &recs[*count];
		const u8 *p = buf + off;
		u32 mr_index;

		KUNIT_ASSERT_GE(test, len - off, head);
		mr_index = get_unaligned_le32(p);
		KUNIT_ASSERT_GE(test, mr_index, 1);
		KUNIT_ASSERT_LE(test, mr_index, TDX_RTMR_COUNT);
		r->off = off;
		r->rtmr = mr_index - 1;
		r->type = get_unaligned_le32(p + 4);
		KUNIT_ASSERT_EQ(test, get_unaligned_le32(p + 8), 1);
		KUNIT_ASSERT_EQ(test, get_unaligned_le16(p + 12),
				TDX_RTMR_LOG_ALG_SHA384);
		r->digest = p + 14;
		r->event_size = get_unaligned_le32(p + 14 + TDX_MEASUREMENT_SIZE);
		KUNIT_ASSERT_LE(test, r->event_size, len - off - head);
		r->event = p + head;
		off += head + r->event_size;
	}
	return recs;
}

/* The taggedEventID of a record's tagged event. */
static u32 tdx_mr_tag(struct kunit *test, const struct tdx_mr_rec *r)
{
	KUNIT_ASSERT_GE(test, r->event_size, 8);
	KUNIT_ASSERT_EQ(test, get_unaligned_le32(r->event + 4),
			r->event_size - 8);
	return get_unaligned_le32(r->event);
}

/* The replay state a log cut at @len bytes reaches: its extends so far. */
static unsigned int tdx_mr_state_at(const struct tdx_mr_rec *recs,
				    unsigned int count, size_t len)
{
	unsigned int i, state = 0;

	for (i = 0; i < count && recs[i].off < len; i++)
		state += recs[i].type != TDX_RTMR_LOG_EV_NO_ACTION;
	return state;
}

/*
 * Replay a log from @start, the RTMRs when its instance was made: state k
 * is the RTMRs after the first k records that extend. Returns the states,
 * *@states of them (the extends plus one).
 */
static u8 *tdx_mr_replay(struct kunit *test, const u8 *start,
			 const struct tdx_mr_rec *recs, unsigned int count,
			 unsigned int *states)
{
	unsigned int i;
	u8 *state, *s;

	state = kunit_kmalloc_array(test, count + 1, TDX_KUNIT_RTMRS_SIZE,
				    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, state);
	memcpy(state, start, TDX_KUNIT_RTMRS_SIZE);
	for (i = 0, *states = 1; i < count; i++) {
		if (recs[i].type == TDX_RTMR_LOG_EV_NO_ACTION)
			continue;
		s = state + *states * TDX_KUNIT_RTMRS_SIZE;
		memcpy(s, s - TDX_KUNIT_RTMRS_SIZE, TDX_KUNIT_RTMRS_SIZE);
		KUNIT_ASSERT_EQ(test,
				tdx_kunit_extend(s + recs[i].rtmr *
						 TDX_MEASUREMENT_SIZE,
						 recs[i].digest), 0);
		(*states)++;
	}
	return state;
}

/* How many records a fresh instance's log starts with. */
static unsigned int tdx_mr_notes(const struct tdx_mr_rec *recs,
				 unsigned int count)
{
	unsigned int i;

	for (i = 0; i < count && recs[i].type == TDX_RTMR_LOG_EV_NO_ACTION; i++)
		;
	return i;
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

/*
 * The log starts with a note for each RTMR the firmware's log does not
 * explain, holding its value, and for no other; then it is not complete.
 */
static void log_notes_rtmrs_the_firmware_log_does_not_explain(struct kunit *test)
{
	u8 *digest = kunit_kzalloc(test, TDX_EXTEND_ALIGN, GFP_KERNEL);
	u8 fw[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	u8 *rtmrs = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	unsigned int i, count, expect = 0, n = 0;
	struct tdx_mr_rec *recs;
	struct tdx_guest *tg;
	bool ccel;

	KUNIT_ASSERT_NOT_NULL(test, digest);
	KUNIT_ASSERT_NOT_NULL(test, rtmrs);
	/* Whatever ran before, RTMR3 now holds something unexplained. */
	tdx_kunit_digest(digest, "extended before the instance");
	KUNIT_ASSERT_EQ(test, tdx_emu_extend_rtmr(3, digest), 0);
	tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	tdx_kunit_read_rtmrs(test, tg, rtmrs);
	KUNIT_ASSERT_EQ(test, tdx_ccel_replay(fw, &ccel), 0);

	recs = tdx_mr_log(test, tg, &count);
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		const u8 *now = rtmrs + i * TDX_MEASUREMENT_SIZE;

		if (!memcmp(now, fw[i], TDX_MEASUREMENT_SIZE))
			continue;
		expect++;
		KUNIT_ASSERT_LT(test, n, count);
		KUNIT_EXPECT_EQ(test, recs[n].rtmr, i);
		KUNIT_EXPECT_EQ(test, recs[n].type, TDX_RTMR_LOG_EV_NO_ACTION);
		KUNIT_EXPECT_EQ(test, tdx_mr_tag(test, &recs[n]),
				TDX_RTMR_LOG_TAG_BASELINE);
		KUNIT_EXPECT_EQ(test, recs[n].event_size,
				8 + TDX_MEASUREMENT_SIZE);
		KUNIT_EXPECT_MEMEQ(test, recs[n].event + 8, now,
				   TDX_MEASUREMENT_SIZE);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(recs[n].digest, 0,
						    TDX_MEASUREMENT_SIZE));
		n++;
	}
	KUNIT_EXPECT_GE(test, expect, 1);
	KUNIT_EXPECT_EQ(test, count, expect);
	KUNIT_EXPECT_FALSE(test, tg->log.complete);
}

static void each_extend_appends_one_record(struct kunit *test)
{
	static const unsigned int order[] = { 0, 3, 1, 3, 2, 0 };
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *start = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *rtmrs = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	unsigned int i, count, notes, states;
	u8 digest[TDX_MEASUREMENT_SIZE];
	struct tdx_mr_rec *recs;
	u8 *state;

	KUNIT_ASSERT_NOT_NULL(test, start);
	KUNIT_ASSERT_NOT_NULL(test, rtmrs);
	tdx_kunit_read_rtmrs(test, tg, start);
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		tdx_kunit_digest(digest, "record %u", i);
		KUNIT_ASSERT_EQ(test, tdx_guest_extend_rtmr(tg, order[i],
							    digest), 0);
	}
	/* A refused extend leaves no record. */
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, TDX_RTMR_COUNT, digest),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, 256, digest), -EINVAL);

	recs = tdx_mr_log(test, tg, &count);
	notes = tdx_mr_notes(recs, count);
	KUNIT_ASSERT_EQ(test, count, notes + ARRAY_SIZE(order));
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		const struct tdx_mr_rec *r = &recs[notes + i];

		tdx_kunit_digest(digest, "record %u", i);
		KUNIT_EXPECT_EQ(test, r->rtmr, order[i]);
		KUNIT_EXPECT_EQ(test, r->type, TDX_RTMR_LOG_EV_EVENT_TAG);
		KUNIT_EXPECT_EQ(test, tdx_mr_tag(test, r),
				TDX_RTMR_LOG_TAG_DIGEST);
		KUNIT_EXPECT_EQ(test, r->event_size, 8);
		KUNIT_EXPECT_MEMEQ(test, r->digest, digest, TDX_MEASUREMENT_SIZE);
	}

	/* Replaying the whole log gives the registers as they are now. */
	state = tdx_mr_replay(test, start, recs, count, &states);
	KUNIT_ASSERT_EQ(test, states, ARRAY_SIZE(order) + 1);
	tdx_kunit_read_rtmrs(test, tg, rtmrs);
	KUNIT_EXPECT_MEMEQ(test, rtmrs,
			   state + ARRAY_SIZE(order) * TDX_KUNIT_RTMRS_SIZE,
			   TDX_KUNIT_RTMRS_SIZE);
}

/*
 * An event with content: its record carries the tagged event the agent
 * gave, and the RTMR is extended with SHA-384 of that whole event; the
 * log says where the record is.
 */
static void event_record_carries_its_content(struct kunit *test)
{
	static const char data[] = "domain operation content";
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *tagged = kunit_kzalloc(test, 8 + sizeof(data) - 1, GFP_KERNEL);
	u8 expect[TDX_MEASUREMENT_SIZE];
	struct tdx_rtmr_event *ev;
	struct tdx_mr_rec *recs;
	unsigned int count;
	u64 offset;

	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	KUNIT_ASSERT_NOT_NULL(test, tagged);
	put_unaligned_le32(TDX_RTMR_LOG_TAG_AAEL, tagged);
	put_unaligned_le32(sizeof(data) - 1, tagged + 4);
	memcpy(tagged + 8, data, sizeof(data) - 1);
	KUNIT_ASSERT_EQ(test, tdx_kunit_sha384(tagged, 8 + sizeof(data) - 1,
					       expect), 0);

	tdx_kunit_read_rtmrs(test, tg, before);
	ev = tdx_rtmr_event_tagged(3, TDX_RTMR_LOG_TAG_AAEL, data,
				   sizeof(data) - 1);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_event(tg, ev, &offset), 0);
	kvfree(ev);

	recs = tdx_mr_log(test, tg, &count);
	KUNIT_ASSERT_GE(test, count, 1);
	KUNIT_EXPECT_EQ(test, offset, tg->log.len -
			tdx_rtmr_log_record_size(8 + sizeof(data) - 1));
	KUNIT_EXPECT_EQ(test, recs[count - 1].rtmr, 3);
	KUNIT_EXPECT_EQ(test, recs[count - 1].type, TDX_RTMR_LOG_EV_EVENT_TAG);
	KUNIT_ASSERT_EQ(test, recs[count - 1].event_size, 8 + sizeof(data) - 1);
	KUNIT_EXPECT_MEMEQ(test, recs[count - 1].event, tagged,
			   8 + sizeof(data) - 1);
	KUNIT_EXPECT_MEMEQ(test, recs[count - 1].digest, expect,
			   TDX_MEASUREMENT_SIZE);

	tdx_kunit_read_rtmrs(test, tg, after);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(before + 3 * TDX_MEASUREMENT_SIZE,
					       expect), 0);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
}

/**
 * struct tdx_mr_stress - extenders and reporters racing on one instance.
 * @tg: the provider instance.
 * @go: completed (for all) when every kthread exists, to start together.
 * @reports: per reporter, the RTMRs of each report it took.
 * @log_lens: the log's length at each report of the last reporter, read
 *	in the same hold of mr_lock as the report.
 * @rc: per kthread, the first error it met.
 */
struct tdx_mr_stress {
	struct tdx_guest *tg;
	struct completion go;
	u8 *reports[TDX_MR_STRESS_THREADS];
	size_t *log_lens;
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

/* Extender 0 extends digests, the others events with content. */
static int tdx_mr_extend_one(const struct tdx_mr_job *job, unsigned int i)
{
	unsigned int index = (i + job->id) % TDX_RTMR_COUNT;
	struct tdx_rtmr_event *ev;
	u8 digest[TDX_MEASUREMENT_SIZE];
	char data[32];
	u64 offset;
	int rc;

	if (!job->id) {
		/* Distinct per event; need not be a real hash. */
		memset(digest, 0x40, sizeof(digest));
		put_unaligned_le32(i, digest);
		return tdx_guest_extend_rtmr(job->s->tg, index, digest);
	}
	snprintf(data, sizeof(data), "extender %u event %u", job->id, i);
	ev = tdx_rtmr_event_tagged(index, TDX_RTMR_LOG_TAG_AAEL, data,
				   strlen(data));
	if (IS_ERR(ev))
		return PTR_ERR(ev);
	rc = tdx_guest_extend_event(job->s->tg, ev, &offset);
	kvfree(ev);
	return rc;
}

static int tdx_mr_extender(void *data)
{
	const struct tdx_mr_job *job = data;
	unsigned int i;
	int rc;

	wait_for_completion(&job->s->go);
	for (i = 0; i < TDX_MR_STRESS_EXTENDS; i++) {
		rc = tdx_mr_extend_one(job, i);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * A report as the driver takes one, and the log's length in the same hold
 * of mr_lock: what a Quote shows must be exactly what the log held then.
 */
static int tdx_mr_report_and_log_len(struct tdx_guest *tg, u8 *reportdata,
				     u8 *tdreport, size_t *log_len)
{
	size_t len;
	int rc;

	guard(mutex)(&tg->mr_lock);
	scoped_guard(mutex, &tg->log.lock)
		len = tg->log.len;
	rc = tg->ops->get_report0(reportdata, tdreport);
	*log_len = len;
	return rc;
}

/* The last reporter also notes the log's length at each report. */
static int tdx_mr_reporter(void *data)
{
	const struct tdx_mr_job *job = data;
	u8 *reportdata = kzalloc(TDX_REPORTDATA_SIZE, GFP_KERNEL);
	u8 *tdreport = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	u8 *out = job->s->reports[job->id];
	bool at_once = job->id == TDX_MR_STRESS_THREADS - 1;
	unsigned int i;
	int rc = -ENOMEM;

	wait_for_completion(&job->s->go);
	for (i = 0; reportdata && tdreport && i < TDX_MR_STRESS_REPORTS; i++) {
		const struct tdx_tdreport *r = (void *)tdreport;

		if (at_once)
			rc = tdx_mr_report_and_log_len(job->s->tg, reportdata,
						       tdreport,
						       &job->s->log_lens[i]);
		else
			rc = tdx_guest_get_report(job->s->tg, reportdata,
						  tdreport);
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
	u8 *start = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	unsigned int i, j, count, states, pos, seen = 0;
	struct tdx_mr_rec *recs;
	u64 busy;
	u8 *state;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, start);
	tdx_kunit_read_rtmrs(test, tg, start);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, jobs);
	KUNIT_ASSERT_NOT_NULL(test, w);
	s->tg = tg;
	s->log_lens = kunit_kcalloc(test, TDX_MR_STRESS_REPORTS,
				    sizeof(*s->log_lens), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->log_lens);
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

	recs = tdx_mr_log(test, tg, &count);
	KUNIT_ASSERT_EQ(test, count, tdx_mr_notes(recs, count) +
			TDX_MR_STRESS_THREADS * TDX_MR_STRESS_EXTENDS);
	state = tdx_mr_replay(test, start, recs, count, &states);

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
			if (i != TDX_MR_STRESS_THREADS - 1)
				continue;
			/* And the log held exactly those extends then. */
			KUNIT_ASSERT_EQ_MSG(test, pos,
					    tdx_mr_state_at(recs, count,
							    s->log_lens[j]),
					    "report %u: the log at %zu bytes does not replay to it",
					    j, s->log_lens[j]);
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

/**
 * struct tdx_aael_case - AAEL event data, and whether trustee parses it.
 * @name: what the case shows.
 * @data: the event's data.
 * @len: bytes at @data.
 * @ok: whether it is "DOMAIN OPERATION CONTENT" in UTF-8.
 */
struct tdx_aael_case {
	const char *name;
	const char *data;
	u32 len;
	bool ok;
};

#define TDX_AAEL(n, d, o) { .name = n, .data = d, .len = sizeof(d) - 1, .ok = o }

static const struct tdx_aael_case tdx_aael_cases[] = {
	TDX_AAEL("the agent's own", "github.com/confidential-containers PullImage alpine", true),
	TDX_AAEL("spaces in content", "d o a b c", true),
	TDX_AAEL("empty content", "d o ", true),
	TDX_AAEL("two-byte UTF-8", "d o gr\xc3\xbc\xc3\x9f", true),
	TDX_AAEL("four-byte UTF-8", "d o \xf0\x9f\x94\x92", true),
	TDX_AAEL("empty", "", false),
	TDX_AAEL("no space", "nospace", false),
	TDX_AAEL("one space", "only-one space", false),
	TDX_AAEL("line feed in content", "d o a\nb", false),
	TDX_AAEL("not UTF-8", "d o \xff", false),
	TDX_AAEL("cut sequence", "d o \xc3", false),
	TDX_AAEL("overlong NUL", "d o \xc0\x80", false),
	TDX_AAEL("UTF-16 surrogate", "d o \xed\xa0\x80", false),
	TDX_AAEL("past U+10FFFF", "d o \xf4\x90\x80\x80", false),
};

static void tdx_aael_case_desc(const struct tdx_aael_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(tdx_aael, tdx_aael_cases, tdx_aael_case_desc);

/*
 * Trustee refuses a whole log for one AAEL event it cannot parse: such an
 * event is EINVAL before anything is extended; other tags carry any data.
 */
static void malformed_aael_event_is_refused(struct kunit *test)
{
	const struct tdx_aael_case *c = test->param_value;
	struct tdx_rtmr_event *ev;

	KUNIT_EXPECT_EQ(test, tdx_rtmr_aael_well_formed(c->data, c->len), c->ok);
	ev = tdx_rtmr_event_tagged(3, TDX_RTMR_LOG_TAG_AAEL, c->data, c->len);
	if (c->ok)
		KUNIT_EXPECT_FALSE(test, IS_ERR(ev));
	else
		KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(ev), -EINVAL);
	if (!IS_ERR(ev))
		kvfree(ev);

	ev = tdx_rtmr_event_tagged(3, 0x54455354, c->data, c->len);
	KUNIT_EXPECT_FALSE(test, IS_ERR(ev));
	if (!IS_ERR(ev))
		kvfree(ev);
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

/*
 * A log with room for one more record but not two: an event that does
 * not fit is refused, nothing is extended, nothing is recorded; one that
 * fits still goes in.
 */
static void full_log_refuses_extend_and_keeps_rtmr(struct kunit *test)
{
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_RTMR_LOG_MIN_SIZE);
	u8 *before = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 *after = kunit_kmalloc(test, TDX_KUNIT_RTMRS_SIZE, GFP_KERNEL);
	u8 digest[TDX_MEASUREMENT_SIZE];
	struct tdx_rtmr_event *ev;
	size_t left, len;
	void *data;
	u64 offset;

	KUNIT_ASSERT_NOT_NULL(test, before);
	KUNIT_ASSERT_NOT_NULL(test, after);
	/* Fill it up to one digest-only record's room. */
	left = tg->log.max - tg->log.len;
	len = left - tdx_rtmr_log_record_size(8) - tdx_rtmr_log_record_size(8);
	data = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, data);
	ev = tdx_rtmr_event_tagged(1, 0x54455354, data, len);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_event(tg, ev, &offset), 0);
	kvfree(ev);

	tdx_kunit_read_rtmrs(test, tg, before);
	len = tg->log.len;
	ev = tdx_rtmr_event_tagged(2, 0x54455354, "x", 1);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_event(tg, ev, &offset), -ENOSPC);
	kvfree(ev);
	tdx_kunit_read_rtmrs(test, tg, after);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, tg->log.len, len);

	tdx_kunit_digest(digest, "fits exactly");
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, 1, digest), 0);
	KUNIT_EXPECT_EQ(test, tg->log.len, tg->log.max);
	KUNIT_EXPECT_EQ(test, tdx_guest_extend_rtmr(tg, 1, digest), -ENOSPC);
}

/*
 * The log keeps records in 64 KiB chunks: records of every size, many of
 * them across a chunk's end, read back whole and in order, up to the last
 * byte the log may hold, and not one more.
 */
static void records_read_back_whole_across_chunks(struct kunit *test)
{
	struct tdx_rtmr_log *log = kunit_kzalloc(test, sizeof(*log),
						 GFP_KERNEL);
	u8 *data = kunit_kmalloc(test, 700, GFP_KERNEL);
	u8 *whole = kunit_kmalloc(test, 4 * SZ_64K, GFP_KERNEL);
	u8 *expect = kunit_kmalloc(test, 4 * SZ_64K, GFP_KERNEL);
	struct tdx_rtmr_event *ev;
	size_t len = 0, size;
	unsigned int n = 0;
	int rc = 0;

	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_NOT_NULL(test, data);
	KUNIT_ASSERT_NOT_NULL(test, whole);
	KUNIT_ASSERT_NOT_NULL(test, expect);
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(log, 4 * SZ_64K), 0);
	while (!rc) {
		size = n * 37 % 700;
		memset(data, n, size);
		ev = tdx_rtmr_event_tagged(n % TDX_RTMR_COUNT, n, data, size);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
		rc = tdx_rtmr_log_reserve(log, ev->event_size);
		if (!rc) {
			KUNIT_EXPECT_EQ(test, tdx_rtmr_log_append(log, ev), len);
			len += tdx_rtmr_log_encode(expect + len, ev);
			n++;
		}
		kvfree(ev);
	}
	KUNIT_EXPECT_EQ(test, rc, -ENOSPC);
	KUNIT_EXPECT_GT(test, len, 4 * SZ_64K - tdx_rtmr_log_record_size(8 + 700));
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_read(log, whole, 0, 4 * SZ_64K), len);
	KUNIT_EXPECT_MEMEQ(test, whole, expect, len);
	/* And from any offset, a chunk's end among them. */
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_read(log, whole, SZ_64K - 3, 10), 10);
	KUNIT_EXPECT_MEMEQ(test, whole, expect + SZ_64K - 3, 10);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_read(log, whole, len, 10), 0);
	kunit_info(test, "%u records in %zu bytes\n", n, len);
	tdx_rtmr_log_fini(log);
}

static void log_size_is_bounded(struct kunit *test)
{
	struct tdx_rtmr_log *log = kunit_kzalloc(test, sizeof(*log),
						 GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, SIZE_MAX), -EINVAL);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_LOG_MAX_SIZE + 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_LOG_MIN_SIZE - 1),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, log->chunks);

	/* The documented bounds themselves are fine. */
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_LOG_MAX_SIZE), 0);
	tdx_rtmr_log_fini(log);
	KUNIT_ASSERT_EQ(test, tdx_rtmr_log_init(log, TDX_RTMR_LOG_MIN_SIZE), 0);
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
 * @in_time: whether it stopped waiting while the test held mr_lock.
 * @before: the RTMRs before it ran.
 * @after: the RTMRs after it ended.
 * @logged: how many extends the log recorded meanwhile.
 */
struct tdx_mr_signalled {
	struct tdx_guest *tg;
	int sig;
	int extend_rc;
	int report_rc;
	u8 *reportdata;
	u8 *tdreport;
	bool in_time;
	u8 before[TDX_KUNIT_RTMRS_SIZE];
	u8 after[TDX_KUNIT_RTMRS_SIZE];
	unsigned int logged;
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
 * A caller with @sig pending extends and reports while the test holds
 * mr_lock for up to a second. Returns what happened: whether it stopped
 * waiting while the lock was held, its results, the RTMRs before and
 * after, and how many extends the log recorded.
 */
static struct tdx_mr_signalled *tdx_mr_wait_with_signal(struct kunit *test,
							int sig)
{
	struct tdx_mr_signalled *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct tdx_kunit_worker *w = kunit_kzalloc(test, sizeof(*w),
						   GFP_KERNEL);
	struct tdx_guest *tg = tdx_mr_guest(test, TDX_MR_LOG_CAPACITY);
	struct tdx_mr_rec *recs;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, w);
	c->tg = tg;
	c->sig = sig;
	c->reportdata = kunit_kzalloc(test, TDX_REPORTDATA_SIZE, GFP_KERNEL);
	c->tdreport = kunit_kzalloc(test, TDX_TDREPORT_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->reportdata);
	KUNIT_ASSERT_NOT_NULL(test, c->tdreport);
	tdx_kunit_read_rtmrs(test, tg, c->before);

	/* No assertion may end the test while it holds the lock. */
	mutex_lock(&tg->mr_lock);
	rc = tdx_kunit_worker_start(test, w, tdx_mr_call_with_signal, c,
				    "tdx_kunit_sig");
	c->in_time = !rc && tdx_kunit_worker_wait(w, HZ);
	mutex_unlock(&tg->mr_lock);

	KUNIT_ASSERT_EQ(test, rc, 0);
	tdx_kunit_worker_join(w);
	tdx_kunit_read_rtmrs(test, tg, c->after);
	recs = tdx_mr_log(test, tg, &c->logged);
	c->logged -= tdx_mr_notes(recs, c->logged);
	return c;
}

static void signal_does_not_end_wait_for_mr_lock(struct kunit *test)
{
	struct tdx_mr_signalled *c = tdx_mr_wait_with_signal(test, SIGUSR1);

	KUNIT_EXPECT_FALSE_MSG(test, c->in_time,
			       "a signal that is not fatal ended the wait for mr_lock");
	KUNIT_EXPECT_EQ(test, c->extend_rc, 0);
	KUNIT_EXPECT_EQ(test, c->report_rc, 0);
	KUNIT_EXPECT_MEMNEQ(test, c->after, c->before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, c->logged, 1);
}

static void fatal_signal_ends_wait_for_mr_lock(struct kunit *test)
{
	struct tdx_mr_signalled *c = tdx_mr_wait_with_signal(test, SIGKILL);

	KUNIT_EXPECT_TRUE_MSG(test, c->in_time,
			      "a fatal signal did not end the wait for mr_lock");
	KUNIT_EXPECT_EQ(test, c->extend_rc, -EINTR);
	KUNIT_EXPECT_EQ(test, c->report_rc, -EINTR);
	KUNIT_EXPECT_MEMEQ(test, c->after, c->before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, c->logged, 0);
}

static struct kunit_case tdx_mr_cases[] = {
	KUNIT_CASE(extend_changes_rtmr_in_next_report),
	KUNIT_CASE(log_notes_rtmrs_the_firmware_log_does_not_explain),
	KUNIT_CASE(each_extend_appends_one_record),
	KUNIT_CASE(event_record_carries_its_content),
	KUNIT_CASE_PARAM(malformed_aael_event_is_refused, tdx_aael_gen_params),
	KUNIT_CASE(reports_match_log_prefix_under_concurrency),
	KUNIT_CASE(overlaps_are_counted_without_mr_lock),
	KUNIT_CASE(fixed_register_reads_take_no_report),
	KUNIT_CASE(rtmr_read_after_extend_shows_new_value),
	KUNIT_CASE(rtmr_reads_share_one_report_until_an_extend),
	KUNIT_CASE(rtmr_extended_elsewhere_shows_after_an_extend_here),
	KUNIT_CASE(full_log_refuses_extend_and_keeps_rtmr),
	KUNIT_CASE(records_read_back_whole_across_chunks),
	KUNIT_CASE(log_size_is_bounded),
	KUNIT_CASE(signal_does_not_end_wait_for_mr_lock),
	KUNIT_CASE(fatal_signal_ends_wait_for_mr_lock),
	{}
};

static struct kunit_suite tdx_mr_suite = {
	.name = "tdx_measurements",
	.test_cases = tdx_mr_cases,
};

kunit_test_suite(tdx_mr_suite);
