// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_poll_schedule: how often the GetQuote status is polled.
 *
 * The schedule is what makes a quote cost the service's time plus a small
 * fraction (DESIGN.md section 6). Intervals start in the tens of
 * microseconds and grow by at least 5% (and at least 1 us) per poll, so
 * waiting never turns into spinning; they never shrink, and they stop
 * growing at 20 ms, reached within the first second, so a slow service
 * costs at most that much extra. A transport that remembers how long
 * recent quotes took polls densely around those times, but never less
 * often than the ordinary schedule.
 */
#include <linux/kernel.h>
#include <linux/time64.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

#define TDX_POLL_CAP_NS		(20 * NSEC_PER_MSEC)
#define TDX_POLL_FLOOR_NS	NSEC_PER_USEC

/*
 * Intervals a schedule may start from. The transport starts at 20 us, a
 * constant it does not export; the properties below hold from any start
 * up to the tens of microseconds.
 */
static const u64 tdx_poll_starts[] = {
	1, NSEC_PER_USEC, 10 * NSEC_PER_USEC, 20 * NSEC_PER_USEC,
	50 * NSEC_PER_USEC, 99 * NSEC_PER_USEC,
};

/*
 * Intervals the schedule passes through, below and at the cap. Not 0: the
 * function is not asked for the first interval (see tdx_poll_starts).
 */
static const u64 tdx_poll_samples[] = {
	1, 999, NSEC_PER_USEC, 19 * NSEC_PER_USEC, 20 * NSEC_PER_USEC,
	21 * NSEC_PER_USEC, 100 * NSEC_PER_USEC, NSEC_PER_MSEC,
	10 * NSEC_PER_MSEC, 19 * NSEC_PER_MSEC, TDX_POLL_CAP_NS - 1,
	TDX_POLL_CAP_NS,
};

static u64 tdx_poll_min_step(u64 prev)
{
	return max_t(u64, prev / 20, TDX_POLL_FLOOR_NS);
}

static void first_interval_is_tens_of_microseconds(struct kunit *test)
{
	u64 first = tdx_quote_next_interval(0);

	KUNIT_EXPECT_GE(test, first, 10 * NSEC_PER_USEC);
	KUNIT_EXPECT_LT(test, first, 100 * NSEC_PER_USEC);
}

static void interval_grows_by_5_percent_or_1us(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_samples); i++) {
		u64 prev = tdx_poll_samples[i];
		u64 next = tdx_quote_next_interval(prev);
		u64 want = min_t(u64, prev + tdx_poll_min_step(prev),
				 TDX_POLL_CAP_NS);

		KUNIT_EXPECT_GE_MSG(test, next, want, "after %llu ns", prev);
	}
}

static void interval_never_decreases_and_is_capped_at_20ms(struct kunit *test)
{
	unsigned int i, steps;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_starts); i++) {
		u64 prev = tdx_poll_starts[i], next;

		for (steps = 0; steps < 10000; steps++) {
			next = tdx_quote_next_interval(prev);
			KUNIT_ASSERT_GE_MSG(test, next, prev, "after %llu ns",
					    prev);
			KUNIT_ASSERT_LE_MSG(test, next, TDX_POLL_CAP_NS,
					    "after %llu ns", prev);
			if (next == prev)
				break;
			prev = next;
		}
		/* It settles, and exactly at the cap. */
		KUNIT_EXPECT_EQ_MSG(test, prev, TDX_POLL_CAP_NS,
				    "from %llu ns", tdx_poll_starts[i]);
	}
	KUNIT_EXPECT_EQ(test, tdx_quote_next_interval(TDX_POLL_CAP_NS),
			TDX_POLL_CAP_NS);
	KUNIT_EXPECT_EQ(test, tdx_quote_next_interval(NSEC_PER_SEC),
			TDX_POLL_CAP_NS);
}

static void time_to_reach_cap_is_under_1s(struct kunit *test)
{
	unsigned int i, steps;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_starts); i++) {
		u64 interval = tdx_poll_starts[i], total = 0;

		for (steps = 0; interval < TDX_POLL_CAP_NS && steps < 10000;
		     steps++) {
			total += interval;
			interval = tdx_quote_next_interval(interval);
		}
		KUNIT_EXPECT_EQ(test, interval, TDX_POLL_CAP_NS);
		KUNIT_EXPECT_LT_MSG(test, total, NSEC_PER_SEC,
				    "from %llu ns: %u polls", tdx_poll_starts[i],
				    steps);
		/* Yet it does not race there: far fewer polls than 1/ms. */
		KUNIT_EXPECT_LT(test, steps, 1000);
	}
}

/* Recent completion times a transport may remember (0: unused slot). */
static const u64 tdx_poll_histories[][TDX_QUOTE_HISTORY] = {
	{ 0, 0, 0, 0 },
	{ 10 * NSEC_PER_MSEC, 0, 0, 0 },
	{ 300 * NSEC_PER_USEC, 2 * NSEC_PER_MSEC, 0, 0 },
	{ 1 * NSEC_PER_SEC, 1 * NSEC_PER_SEC, 5 * NSEC_PER_MSEC, 0 },
	{ 1, 100 * NSEC_PER_USEC, 40 * NSEC_PER_MSEC, 25 * NSEC_PER_SEC },
};

/* Times since the request was taken at which the transport may look. */
static const u64 tdx_poll_elapsed[] = {
	0, 1, 50 * NSEC_PER_USEC, 262 * NSEC_PER_USEC, 300 * NSEC_PER_USEC,
	1750 * NSEC_PER_USEC, 2 * NSEC_PER_MSEC, 8749 * NSEC_PER_USEC,
	8750 * NSEC_PER_USEC, 10 * NSEC_PER_MSEC, 12499 * NSEC_PER_USEC,
	12500 * NSEC_PER_USEC, 875 * NSEC_PER_MSEC, NSEC_PER_SEC,
	30 * NSEC_PER_SEC,
};

static void poll_without_history_follows_next_interval(struct kunit *test)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_samples); i++)
		for (j = 0; j < ARRAY_SIZE(tdx_poll_elapsed); j++)
			KUNIT_EXPECT_EQ_MSG(test,
					    tdx_quote_poll_interval(tdx_poll_samples[i],
								    tdx_poll_elapsed[j],
								    tdx_poll_histories[0],
								    TDX_QUOTE_HISTORY),
					    tdx_quote_next_interval(tdx_poll_samples[i]),
					    "after %llu ns, at %llu ns",
					    tdx_poll_samples[i], tdx_poll_elapsed[j]);
}

static void history_never_makes_polling_slower(struct kunit *test)
{
	unsigned int h, i, j;

	for (h = 0; h < ARRAY_SIZE(tdx_poll_histories); h++) {
		for (i = 0; i < ARRAY_SIZE(tdx_poll_samples); i++) {
			u64 prev = tdx_poll_samples[i];

			for (j = 0; j < ARRAY_SIZE(tdx_poll_elapsed); j++) {
				u64 next = tdx_quote_poll_interval(prev,
								   tdx_poll_elapsed[j],
								   tdx_poll_histories[h],
								   TDX_QUOTE_HISTORY);

				KUNIT_EXPECT_LE_MSG(test, next,
						    tdx_quote_next_interval(prev),
						    "history %u, after %llu ns, at %llu ns",
						    h, prev, tdx_poll_elapsed[j]);
				KUNIT_EXPECT_GE(test, next, TDX_POLL_FLOOR_NS);
			}
		}
	}
}

/*
 * The contract of the history, in terms that do not depend on how wide
 * the window around a recent time t is: at t itself polls come at most
 * t/128 apart (bounded to 50 us .. 1 ms), and no sleep that starts
 * before t ends later than that past t.
 */
static u64 tdx_poll_near(u64 t)
{
	return clamp_t(u64, t / 128, 50 * NSEC_PER_USEC, NSEC_PER_MSEC);
}

static void polls_are_dense_at_recent_completion_times(struct kunit *test)
{
	unsigned int h, i;

	for (h = 1; h < ARRAY_SIZE(tdx_poll_histories); h++) {
		const u64 *recent = tdx_poll_histories[h];

		for (i = 0; i < TDX_QUOTE_HISTORY; i++) {
			u64 t = recent[i];

			if (t < NSEC_PER_USEC)
				continue;
			KUNIT_EXPECT_LE_MSG(test,
					    tdx_quote_poll_interval(TDX_POLL_CAP_NS,
								    t, recent,
								    TDX_QUOTE_HISTORY),
					    tdx_poll_near(t),
					    "history %u, at %llu ns", h, t);
		}
	}
}

static void no_sleep_oversteps_a_recent_completion_time(struct kunit *test)
{
	static const u64 recent[TDX_QUOTE_HISTORY] = { 10 * NSEC_PER_MSEC };
	const u64 t = recent[0];
	u64 elapsed;

	/* The longest interval there is, from every point before t. */
	for (elapsed = 0; elapsed < t; elapsed += 50 * NSEC_PER_USEC) {
		u64 next = tdx_quote_poll_interval(TDX_POLL_CAP_NS, elapsed,
						   recent, TDX_QUOTE_HISTORY);

		KUNIT_EXPECT_LE_MSG(test, elapsed + next, t + tdx_poll_near(t),
				    "at %llu ns", elapsed);
	}
}

static struct kunit_case tdx_poll_cases[] = {
	KUNIT_CASE(first_interval_is_tens_of_microseconds),
	KUNIT_CASE(interval_grows_by_5_percent_or_1us),
	KUNIT_CASE(interval_never_decreases_and_is_capped_at_20ms),
	KUNIT_CASE(time_to_reach_cap_is_under_1s),
	KUNIT_CASE(poll_without_history_follows_next_interval),
	KUNIT_CASE(history_never_makes_polling_slower),
	KUNIT_CASE(polls_are_dense_at_recent_completion_times),
	KUNIT_CASE(no_sleep_oversteps_a_recent_completion_time),
	{}
};

static struct kunit_suite tdx_poll_suite = {
	.name = "tdx_poll_schedule",
	.test_cases = tdx_poll_cases,
};

kunit_test_suite(tdx_poll_suite);
