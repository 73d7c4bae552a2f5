// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_poll_schedule: when a polling GetQuote waiter looks.
 *
 * Polling serves hosts without the event-notify interrupt. Its schedule
 * decides both costs of waiting for a Quote: how late the answer is seen,
 * and how many timer wake-ups the wait takes. These tests walk it without
 * a clock: a request whose answer comes at "done" is looked at 0, then
 * after each interval the schedule gives, until a look at or after
 * "done". That look's time is how late the answer was seen; the number of
 * looks is what it cost.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/time64.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

/* Shorter sleeps than this would be spinning, not sleeping. */
#define TDX_POLL_SPIN_NS	(10 * NSEC_PER_USEC)
/* The promise: seen within a tenth of the time, 20 us to 20 ms. */
#define TDX_POLL_LATE_MIN_NS	(20 * NSEC_PER_USEC)
#define TDX_POLL_LATE_MAX_NS	(20 * NSEC_PER_MSEC)

/* Times the answer may come at, from instant to the default timeout. */
static const u64 tdx_poll_done[] = {
	1, NSEC_PER_USEC, 30 * NSEC_PER_USEC, 333 * NSEC_PER_USEC,
	NSEC_PER_MSEC, 1750 * NSEC_PER_USEC, 5 * NSEC_PER_MSEC,
	10 * NSEC_PER_MSEC, 11 * NSEC_PER_MSEC, 20 * NSEC_PER_MSEC,
	99 * NSEC_PER_MSEC, 100 * NSEC_PER_MSEC, 250 * NSEC_PER_MSEC,
	NSEC_PER_SEC, 7 * NSEC_PER_SEC, 30 * NSEC_PER_SEC,
};

/**
 * struct tdx_poll_walk - the looks at one request.
 * @seen_ns: when the answer was seen.
 * @looks: looks taken, the last one included.
 * @min_step_ns: the shortest interval.
 * @shrank: an interval was shorter than the one before.
 */
struct tdx_poll_walk {
	u64 seen_ns;
	unsigned int looks;
	u64 min_step_ns;
	bool shrank;
};

static void tdx_poll_walk(u64 done_ns, struct tdx_poll_walk *w)
{
	u64 t = 0, prev = 0, step;

	w->looks = 1;
	w->min_step_ns = U64_MAX;
	w->shrank = false;
	while (t < done_ns) {
		step = tdx_quote_poll_interval(t);
		w->min_step_ns = min(w->min_step_ns, step);
		w->shrank |= step < prev;
		prev = step;
		t += step;
		w->looks++;
	}
	w->seen_ns = t;
}

static void every_walk_arrives_without_spinning(struct kunit *test)
{
	struct tdx_poll_walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++) {
		tdx_poll_walk(tdx_poll_done[i], &w);
		KUNIT_EXPECT_GE(test, w.seen_ns, tdx_poll_done[i]);
		KUNIT_EXPECT_GE(test, w.min_step_ns, TDX_POLL_SPIN_NS);
	}
}

static void first_look_comes_within_100us(struct kunit *test)
{
	KUNIT_EXPECT_LE(test, tdx_quote_poll_interval(0),
			100 * NSEC_PER_USEC);
}

static void intervals_never_shrink(struct kunit *test)
{
	struct tdx_poll_walk w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++) {
		tdx_poll_walk(tdx_poll_done[i], &w);
		KUNIT_EXPECT_FALSE_MSG(test, w.shrank, "answer at %llu ns",
				       tdx_poll_done[i]);
	}
}

/* Checked at every time, and just after every look, where it is tightest. */
static void tdx_poll_expect_seen_in_time(struct kunit *test, u64 done_ns)
{
	struct tdx_poll_walk w;
	u64 allowed = clamp_t(u64, done_ns / 10, TDX_POLL_LATE_MIN_NS,
			      TDX_POLL_LATE_MAX_NS);

	tdx_poll_walk(done_ns, &w);
	KUNIT_EXPECT_LE_MSG(test, w.seen_ns - done_ns, allowed,
			    "answer at %llu ns seen at %llu ns", done_ns,
			    w.seen_ns);
}

static void answer_is_seen_within_a_tenth_of_its_time(struct kunit *test)
{
	u64 t = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++)
		tdx_poll_expect_seen_in_time(test, tdx_poll_done[i]);
	while (t < 30 * NSEC_PER_SEC) {
		t += tdx_quote_poll_interval(t);
		tdx_poll_expect_seen_in_time(test, t + 1);
	}
}

/*
 * What waiting costs: a Quote of a second takes well under 200 looks,
 * one that hangs until the default timeout about 50 a second.
 */
static void looks_are_few(struct kunit *test)
{
	struct tdx_poll_walk w;

	tdx_poll_walk(NSEC_PER_SEC, &w);
	kunit_info(test, "a 1 s answer costs %u looks\n", w.looks);
	KUNIT_EXPECT_LE(test, w.looks, 200);
	tdx_poll_walk(30 * NSEC_PER_SEC, &w);
	KUNIT_EXPECT_LE(test, w.looks, 200 + 30 * 50);
}

static struct kunit_case tdx_poll_cases[] = {
	KUNIT_CASE(every_walk_arrives_without_spinning),
	KUNIT_CASE(first_look_comes_within_100us),
	KUNIT_CASE(intervals_never_shrink),
	KUNIT_CASE(answer_is_seen_within_a_tenth_of_its_time),
	KUNIT_CASE(looks_are_few),
	{}
};

static struct kunit_suite tdx_poll_suite = {
	.name = "tdx_poll_schedule",
	.test_cases = tdx_poll_cases,
};

kunit_test_suite(tdx_poll_suite);
