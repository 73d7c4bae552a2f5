// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_poll_schedule: when a polling GetQuote waiter looks.
 *
 * Polling is the fallback for hosts without the event-notify interrupt.
 * Its schedule decides both costs of waiting for a quote: how late the
 * answer is seen, and how many timer wake-ups the wait takes. These tests
 * walk it without a clock: a request whose answer comes at "done" is
 * looked at 0, then after each interval the schedule gives, until a look
 * at or after "done". That look's time is how late the answer was seen;
 * the number of looks is what it cost.
 *
 * The cases state what the schedule promises, mostly by comparison: the
 * walk when the answer is expected at t against the same walk with
 * nothing known, rather than the intervals the code happens to use.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/time64.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

/* Shorter sleeps than this would be spinning, not sleeping. */
#define TDX_POLL_SPIN_NS	(10 * NSEC_PER_USEC)

/* Times the answer may come at, from instant to the default timeout. */
static const u64 tdx_poll_done[] = {
	1, NSEC_PER_USEC, 30 * NSEC_PER_USEC, 333 * NSEC_PER_USEC,
	NSEC_PER_MSEC, 1750 * NSEC_PER_USEC, 5 * NSEC_PER_MSEC,
	10 * NSEC_PER_MSEC, 11 * NSEC_PER_MSEC, 20 * NSEC_PER_MSEC,
	99 * NSEC_PER_MSEC, 100 * NSEC_PER_MSEC, 250 * NSEC_PER_MSEC,
	NSEC_PER_SEC, 7 * NSEC_PER_SEC, 30 * NSEC_PER_SEC,
};

/* Times a transport may expect the answer at; 0: nothing known. */
static const u64 tdx_poll_expected[] = {
	0, 1, 100 * NSEC_PER_USEC, 2 * NSEC_PER_MSEC, 10 * NSEC_PER_MSEC,
	40 * NSEC_PER_MSEC, NSEC_PER_SEC, 25 * NSEC_PER_SEC,
};

struct tdx_poll_walk {
	u64 seen;		/* time of the look that saw the answer */
	unsigned int looks;	/* every look, the first (at 0) included */
	unsigned int spins;	/* sleeps shorter than TDX_POLL_SPIN_NS */
};

/* Walk to an answer at @done, with the answer expected at @t. */
static struct tdx_poll_walk tdx_poll_walk(u64 t, u64 done)
{
	struct tdx_poll_walk w = { .looks = 1 };
	u64 next;

	while (w.seen < done && w.looks < 1000000) {
		next = tdx_quote_poll_interval(w.seen, t);
		w.spins += next < TDX_POLL_SPIN_NS;
		w.seen += next;
		w.looks++;
	}
	return w;
}

/*
 * How late the schedule may see an answer at @done when it cannot know
 * better: a tenth of the wait (tens of microseconds at first), and never
 * more than 20 ms, whatever the wait.
 */
static u64 tdx_poll_tenth(u64 done)
{
	return min_t(u64, max_t(u64, done / 10, 100 * NSEC_PER_USEC),
		     20 * NSEC_PER_MSEC);
}

/*
 * How late an answer at @done may be seen once the schedule expects it at
 * @t: half a millisecond, or an eighth of how late it is.
 */
static u64 tdx_poll_eighth(u64 t, u64 done)
{
	return max_t(u64, 500 * NSEC_PER_USEC, done > t ? (done - t) / 8 : 0);
}

static void every_walk_arrives_without_spinning(struct kunit *test)
{
	unsigned int e, d;

	for (e = 0; e < ARRAY_SIZE(tdx_poll_expected); e++) {
		for (d = 0; d < ARRAY_SIZE(tdx_poll_done); d++) {
			u64 t = tdx_poll_expected[e], done = tdx_poll_done[d];
			struct tdx_poll_walk w = tdx_poll_walk(t, done);

			KUNIT_EXPECT_GE_MSG(test, w.seen, done,
					    "t %llu: walk to %llu never arrived",
					    t, done);
			/* Only a sleep cut short to meet the window. */
			KUNIT_EXPECT_LE_MSG(test, w.spins, 1,
					    "t %llu, answer at %llu", t, done);
		}
	}
}

static void first_look_comes_within_100us(struct kunit *test)
{
	unsigned int e;

	for (e = 0; e < ARRAY_SIZE(tdx_poll_expected); e++)
		KUNIT_EXPECT_LE_MSG(test,
				    tdx_quote_poll_interval(0,
							    tdx_poll_expected[e]),
				    100 * NSEC_PER_USEC, "t %llu",
				    tdx_poll_expected[e]);
}

/* With nothing known the waiter backs off, and never speeds up again. */
static void with_nothing_known_intervals_never_shrink(struct kunit *test)
{
	u64 elapsed, prev = 0, next;

	for (elapsed = 0; elapsed <= 60 * NSEC_PER_SEC;
	     elapsed += elapsed / 3 + NSEC_PER_USEC) {
		next = tdx_quote_poll_interval(elapsed, 0);
		KUNIT_EXPECT_GE_MSG(test, next, prev, "at %llu ns", elapsed);
		prev = next;
	}
}

/*
 * Answers at the listed times, and an answer just after each look the
 * schedule makes (where it is seen latest): within a tenth of the wait.
 */
static void with_nothing_known_an_answer_is_seen_within_a_tenth(struct kunit *test)
{
	u64 elapsed, done, seen;
	unsigned int d;

	for (d = 0; d < ARRAY_SIZE(tdx_poll_done); d++) {
		done = tdx_poll_done[d];
		KUNIT_EXPECT_LE_MSG(test, tdx_poll_walk(0, done).seen,
				    done + tdx_poll_tenth(done),
				    "answer at %llu ns", done);
	}
	for (elapsed = 0; elapsed < 60 * NSEC_PER_SEC; elapsed = seen) {
		done = elapsed + 1;
		seen = elapsed + tdx_quote_poll_interval(elapsed, 0);
		KUNIT_EXPECT_LE_MSG(test, seen, done + tdx_poll_tenth(done),
				    "answer at %llu ns", done);
	}
}

/*
 * What the expectation is for: an answer within 1% of it is seen within
 * half a millisecond (or an eighth of how late it is) and with fewer
 * wake-ups than with nothing known; half as many or fewer when it comes
 * just then.
 */
static void expected_answer_is_seen_soon_with_fewer_looks(struct kunit *test)
{
	static const u64 times[] = {
		2 * NSEC_PER_MSEC, 10 * NSEC_PER_MSEC, 100 * NSEC_PER_MSEC,
		NSEC_PER_SEC,
	};
	unsigned int i;
	int pct;

	for (i = 0; i < ARRAY_SIZE(times); i++) {
		u64 t = times[i];

		for (pct = -1; pct <= 1; pct++) {
			u64 done = t + (s64)t * pct / 100;
			struct tdx_poll_walk with = tdx_poll_walk(t, done);
			struct tdx_poll_walk without = tdx_poll_walk(0, done);

			KUNIT_EXPECT_LE_MSG(test, with.seen,
					    done + tdx_poll_eighth(t, done),
					    "t %llu, answer at %llu", t, done);
			KUNIT_EXPECT_LT_MSG(test, with.looks, without.looks,
					    "t %llu, answer at %llu", t, done);
			if (!pct)
				KUNIT_EXPECT_LE_MSG(test, 2 * with.looks,
						    without.looks, "t %llu", t);
		}
	}
}

/*
 * A service that got faster is still seen within four times its time,
 * and never more than a second late: checked for answers at the listed
 * times and just after each look (where they are seen latest).
 */
static void earlier_answer_is_seen_within_four_times(struct kunit *test)
{
	u64 t, done, seen, elapsed;
	unsigned int e, d;

	for (e = 1; e < ARRAY_SIZE(tdx_poll_expected); e++) {
		t = tdx_poll_expected[e];
		for (d = 0; d < ARRAY_SIZE(tdx_poll_done); d++) {
			done = tdx_poll_done[d];
			if (done >= t / 2)
				continue;
			seen = tdx_poll_walk(t, done).seen;
			KUNIT_EXPECT_LE_MSG(test, seen,
					    max_t(u64, 4 * done,
						  done + 100 * NSEC_PER_USEC),
					    "t %llu, answer at %llu", t, done);
		}
		for (elapsed = 0; elapsed + 1 < t / 2; elapsed = seen) {
			done = elapsed + 1;
			seen = elapsed + tdx_quote_poll_interval(elapsed, t);
			KUNIT_EXPECT_LE_MSG(test, seen,
					    max_t(u64, 4 * done,
						  done + 100 * NSEC_PER_USEC),
					    "t %llu, answer at %llu", t, done);
			KUNIT_EXPECT_LE_MSG(test, seen, done + NSEC_PER_SEC,
					    "t %llu, answer at %llu", t, done);
		}
	}
}

/*
 * A service slower than expected: from t on no interval is longer than
 * with nothing known, so the answer is seen within a tenth of its time as
 * then, and also within an eighth of how late it is (or half a
 * millisecond): a host that is a little late costs a little.
 */
static void later_answer_is_seen_within_an_eighth_of_its_lateness(struct kunit *test)
{
	unsigned int e, d;
	u64 elapsed;

	for (e = 1; e < ARRAY_SIZE(tdx_poll_expected); e++) {
		u64 t = tdx_poll_expected[e];

		for (elapsed = t; elapsed <= 4 * t + NSEC_PER_MSEC;
		     elapsed += elapsed / 16 + NSEC_PER_USEC)
			KUNIT_EXPECT_LE_MSG(test,
					    tdx_quote_poll_interval(elapsed, t),
					    tdx_quote_poll_interval(elapsed, 0),
					    "t %llu, at %llu", t, elapsed);

		for (d = 0; d < ARRAY_SIZE(tdx_poll_done); d++) {
			u64 done = tdx_poll_done[d];

			if (done < t)
				continue;
			KUNIT_EXPECT_LE_MSG(test, tdx_poll_walk(t, done).seen,
					    done + min(tdx_poll_tenth(done),
						       tdx_poll_eighth(t, done)),
					    "t %llu, answer at %llu", t, done);
		}
	}
}

/*
 * A service ten times slower than expected or more: once past t the looks
 * back off again, so the wait costs at most twice the wake-ups it costs
 * with nothing known.
 */
static void much_later_answer_costs_few_more_looks(struct kunit *test)
{
	unsigned int e, d;

	for (e = 1; e < ARRAY_SIZE(tdx_poll_expected); e++) {
		for (d = 0; d < ARRAY_SIZE(tdx_poll_done); d++) {
			u64 t = tdx_poll_expected[e], done = tdx_poll_done[d];

			if (done < 10 * t)
				continue;
			KUNIT_EXPECT_LE_MSG(test, tdx_poll_walk(t, done).looks,
					    2 * tdx_poll_walk(0, done).looks,
					    "t %llu, answer at %llu", t, done);
		}
	}
}

/*
 * No sleep runs into the stretch just before the expected time, where the
 * answer may already come: one that starts before 90% of t ends by 99%.
 */
static void no_sleep_oversteps_the_expected_time(struct kunit *test)
{
	unsigned int e;
	u64 elapsed;

	for (e = 1; e < ARRAY_SIZE(tdx_poll_expected); e++) {
		u64 t = tdx_poll_expected[e];

		if (t < NSEC_PER_MSEC)
			continue;	/* its window starts near 0 */
		for (elapsed = 0; elapsed < t / 10 * 9;
		     elapsed += elapsed / 64 + NSEC_PER_USEC)
			KUNIT_EXPECT_LE_MSG(test,
					    elapsed +
					    tdx_quote_poll_interval(elapsed, t),
					    t - t / 100, "t %llu, at %llu", t,
					    elapsed);
	}
}

static struct kunit_case tdx_poll_cases[] = {
	KUNIT_CASE(every_walk_arrives_without_spinning),
	KUNIT_CASE(first_look_comes_within_100us),
	KUNIT_CASE(with_nothing_known_intervals_never_shrink),
	KUNIT_CASE(with_nothing_known_an_answer_is_seen_within_a_tenth),
	KUNIT_CASE(expected_answer_is_seen_soon_with_fewer_looks),
	KUNIT_CASE(earlier_answer_is_seen_within_four_times),
	KUNIT_CASE(later_answer_is_seen_within_an_eighth_of_its_lateness),
	KUNIT_CASE(much_later_answer_costs_few_more_looks),
	KUNIT_CASE(no_sleep_oversteps_the_expected_time),
	{}
};

static struct kunit_suite tdx_poll_suite = {
	.name = "tdx_poll_schedule",
	.test_cases = tdx_poll_cases,
};

kunit_test_suite(tdx_poll_suite);
