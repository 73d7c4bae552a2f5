// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_poll_schedule: when the GetQuote status is looked at.
 *
 * The schedule decides both costs of waiting for a quote (DESIGN.md
 * section 6): how late the answer is seen, and how many timer wake-ups
 * the wait takes. These tests walk it without a clock: a request whose
 * answer comes at time "done" is looked at 0, then after each interval the
 * schedule gives, until a look at or after "done". That look's time is
 * how late the answer was seen; the number of looks is the CPU it cost.
 *
 * With no history the answer is seen within a tenth of its time (and the
 * 20 ms cap), and intervals never drop below tens of microseconds, so the
 * wait never spins. When recent quotes took about t, one that takes t again
 * is seen within 1/64 of t (at most 500 us) with a handful of wake-ups, one
 * that comes before any recent time within four times its time, and any
 * other within a tenth, as with no history.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/time64.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

#define TDX_POLL_CAP_NS		(20 * NSEC_PER_MSEC)
#define TDX_POLL_AHEAD_CAP_NS	(50 * NSEC_PER_MSEC)
#define TDX_POLL_FLOOR_NS	NSEC_PER_USEC
/* Without history no interval is shorter: waiting does not spin. */
#define TDX_POLL_SHORTEST_NS	(10 * NSEC_PER_USEC)

static const u64 tdx_poll_no_history[TDX_QUOTE_HISTORY];

/* Times the answer may come at, from instant to the default timeout. */
static const u64 tdx_poll_done[] = {
	1, NSEC_PER_USEC, 30 * NSEC_PER_USEC, 333 * NSEC_PER_USEC,
	NSEC_PER_MSEC, 1750 * NSEC_PER_USEC, 10 * NSEC_PER_MSEC,
	11 * NSEC_PER_MSEC, 20 * NSEC_PER_MSEC, 99 * NSEC_PER_MSEC,
	100 * NSEC_PER_MSEC, 250 * NSEC_PER_MSEC, NSEC_PER_SEC, 7 * NSEC_PER_SEC, 30 * NSEC_PER_SEC,
};

/* Recent completion times a transport may remember (0: unused slot). */
static const u64 tdx_poll_histories[][TDX_QUOTE_HISTORY] = {
	{ 0, 0, 0, 0 },
	{ 10 * NSEC_PER_MSEC, 0, 0, 0 },
	{ 300 * NSEC_PER_USEC, 2 * NSEC_PER_MSEC, 0, 0 },
	{ 1 * NSEC_PER_SEC, 1 * NSEC_PER_SEC, 5 * NSEC_PER_MSEC, 0 },
	{ 1, 100 * NSEC_PER_USEC, 40 * NSEC_PER_MSEC, 25 * NSEC_PER_SEC },
	{ 10 * NSEC_PER_MSEC, NSEC_PER_SEC, 0, 0 },
	{ NSEC_PER_SEC, NSEC_PER_SEC, NSEC_PER_SEC, NSEC_PER_SEC },
};

/*
 * Look at 0 and then as scheduled until a look at or after @done.
 * Return the time of that look; *@looks counts every look, the first
 * included. The walk must get there, and must not spin on the way: with
 * history, an interval may be cut short to meet a window's start, at most
 * once per remembered time.
 */
static u64 tdx_poll_walk(struct kunit *test, const u64 *recent, u64 done,
			 unsigned int *looks)
{
	unsigned int short_sleeps = 0;
	u64 t = 0, next;

	*looks = 1;
	while (t < done && *looks < 100000) {
		next = tdx_quote_poll_interval(t, recent, TDX_QUOTE_HISTORY);
		short_sleeps += next < TDX_POLL_SHORTEST_NS;
		t += next;
		(*looks)++;
	}
	KUNIT_EXPECT_GE_MSG(test, t, done, "walk to %llu ns never got there",
			    done);
	KUNIT_EXPECT_LE_MSG(test, short_sleeps, TDX_QUOTE_HISTORY,
			    "walk to %llu ns", done);
	return t;
}

/* The earliest of the remembered times, or 0 if there is none. */
static u64 tdx_poll_earliest(const u64 *recent)
{
	u64 earliest = 0;
	unsigned int i;

	for (i = 0; i < TDX_QUOTE_HISTORY; i++)
		if (recent[i] && (!earliest || recent[i] < earliest))
			earliest = recent[i];
	return earliest;
}

/* How late the schedule with nothing known may see an answer at @done. */
static u64 tdx_poll_tenth(u64 done)
{
	return clamp_t(u64, done / 10, 20 * NSEC_PER_USEC, TDX_POLL_CAP_NS);
}

/* How late an answer that recent quotes predict may be seen. */
static u64 tdx_poll_near(u64 t)
{
	return clamp_t(u64, t / 64, 50 * NSEC_PER_USEC, 500 * NSEC_PER_USEC);
}

static void first_look_is_within_tens_of_microseconds(struct kunit *test)
{
	unsigned int h;
	u64 first = tdx_quote_poll_interval(0, tdx_poll_no_history,
					    TDX_QUOTE_HISTORY);

	KUNIT_EXPECT_GE(test, first, TDX_POLL_SHORTEST_NS);
	KUNIT_EXPECT_LT(test, first, 100 * NSEC_PER_USEC);
	/* History never delays the first look. */
	for (h = 0; h < ARRAY_SIZE(tdx_poll_histories); h++)
		KUNIT_EXPECT_LT_MSG(test,
				    tdx_quote_poll_interval(0,
							    tdx_poll_histories[h],
							    TDX_QUOTE_HISTORY),
				    100 * NSEC_PER_USEC, "history %u", h);
}

static void without_history_intervals_grow_to_20ms_and_never_spin(struct kunit *test)
{
	u64 elapsed, prev = 0, next;

	for (elapsed = 0; elapsed <= 2 * NSEC_PER_SEC;
	     elapsed += elapsed / 3 + NSEC_PER_USEC) {
		next = tdx_quote_poll_interval(elapsed, tdx_poll_no_history,
					       TDX_QUOTE_HISTORY);
		KUNIT_EXPECT_GE_MSG(test, next, TDX_POLL_SHORTEST_NS,
				    "at %llu ns", elapsed);
		KUNIT_EXPECT_GE_MSG(test, next, prev, "at %llu ns", elapsed);
		KUNIT_EXPECT_LE_MSG(test, next, TDX_POLL_CAP_NS, "at %llu ns",
				    elapsed);
		prev = next;
	}
	KUNIT_EXPECT_EQ(test, prev, TDX_POLL_CAP_NS);
}

static void without_history_answer_is_seen_within_a_tenth(struct kunit *test)
{
	unsigned int i, looks;

	for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++) {
		u64 done = tdx_poll_done[i];

		KUNIT_EXPECT_LE_MSG(test,
				    tdx_poll_walk(test, tdx_poll_no_history,
						  done, &looks),
				    done + tdx_poll_tenth(done),
				    "answer at %llu ns", done);
	}
	/* Geometric growth: a 1 s wait takes a bounded number of looks. */
	tdx_poll_walk(test, tdx_poll_no_history, NSEC_PER_SEC, &looks);
	KUNIT_EXPECT_LE(test, looks, 130);
}

static void intervals_are_bounded_for_any_history(struct kunit *test)
{
	unsigned int h, i;

	for (h = 0; h < ARRAY_SIZE(tdx_poll_histories); h++) {
		for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++) {
			u64 next = tdx_quote_poll_interval(tdx_poll_done[i],
							   tdx_poll_histories[h],
							   TDX_QUOTE_HISTORY);

			KUNIT_EXPECT_GE(test, next, TDX_POLL_FLOOR_NS);
			KUNIT_EXPECT_LE_MSG(test, next, TDX_POLL_AHEAD_CAP_NS,
					    "history %u, at %llu ns", h,
					    tdx_poll_done[i]);
		}
	}
}

/*
 * The case the schedule is tuned for: a service that takes what it took
 * the last times, give or take 1%. Without history the same waits cost
 * 36, 53, 77 and 124 looks.
 */
static void steady_service_is_seen_at_once_with_few_looks(struct kunit *test)
{
	static const struct {
		u64 t;
		unsigned int max_looks;
	} cases[] = {
		{ 2 * NSEC_PER_MSEC, 12 },
		{ 10 * NSEC_PER_MSEC, 12 },
		{ 100 * NSEC_PER_MSEC, 16 },
		{ NSEC_PER_SEC, 80 },
	};
	unsigned int i, looks;
	int pct;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		u64 t = cases[i].t;
		const u64 recent[TDX_QUOTE_HISTORY] = { t, t, t, t };

		for (pct = -1; pct <= 1; pct++) {
			u64 done = t + (s64)t * pct / 100;

			KUNIT_EXPECT_LE_MSG(test,
					    tdx_poll_walk(test, recent, done,
							  &looks),
					    done + tdx_poll_near(t),
					    "t %llu ns, answer at %llu ns", t,
					    done);
			KUNIT_EXPECT_LE_MSG(test, looks, cases[i].max_looks,
					    "t %llu ns, answer at %llu ns", t,
					    done);
		}
	}
}

static void no_sleep_oversteps_a_recent_completion_time(struct kunit *test)
{
	static const u64 times[] = {
		300 * NSEC_PER_USEC, 2 * NSEC_PER_MSEC, 10 * NSEC_PER_MSEC,
		NSEC_PER_SEC,
	};
	unsigned int i;
	u64 elapsed;

	/* Sleeps that start well before t end by t, wherever they start. */
	for (i = 0; i < ARRAY_SIZE(times); i++) {
		const u64 t = times[i];
		const u64 recent[TDX_QUOTE_HISTORY] = { t };

		for (elapsed = 0; elapsed + tdx_poll_near(t) < t;
		     elapsed += elapsed / 64 + NSEC_PER_USEC)
			KUNIT_EXPECT_LE_MSG(test,
					    elapsed +
					    tdx_quote_poll_interval(elapsed,
								    recent,
								    TDX_QUOTE_HISTORY),
					    t, "t %llu ns, at %llu ns", t,
					    elapsed);
	}
}

/*
 * Walk every history of the table to every answer time @late_by() covers,
 * and check the answer is seen within what it allows: it returns how late
 * an answer at @done may be seen with @recent remembered, or 0 where its
 * claim does not apply.
 */
static void tdx_poll_walk_every_history(struct kunit *test,
					u64 (*late_by)(const u64 *recent,
						       u64 done))
{
	unsigned int h, i, looks;

	for (h = 1; h < ARRAY_SIZE(tdx_poll_histories); h++) {
		const u64 *recent = tdx_poll_histories[h];

		for (i = 0; i < ARRAY_SIZE(tdx_poll_done); i++) {
			u64 done = tdx_poll_done[i];
			u64 late = late_by(recent, done);

			if (!late)
				continue;
			KUNIT_EXPECT_LE_MSG(test,
					    tdx_poll_walk(test, recent, done,
							  &looks),
					    done + late,
					    "history %u, answer at %llu ns", h,
					    done);
		}
	}
}

/* Well before every recent time: within four times (and the 50 ms cap). */
static u64 tdx_poll_late_if_faster(const u64 *recent, u64 done)
{
	if (done >= tdx_poll_earliest(recent) / 2)
		return 0;
	return max_t(u64, min_t(u64, 3 * done, TDX_POLL_AHEAD_CAP_NS),
		     20 * NSEC_PER_USEC);
}

/* From the earliest recent time on: within a tenth, as with no history. */
static u64 tdx_poll_late_if_not_faster(const u64 *recent, u64 done)
{
	return done < tdx_poll_earliest(recent) ? 0 : tdx_poll_tenth(done);
}

/*
 * A service faster than every recent time: the schedule still looks
 * within four times the new time (and the 50 ms cap), whatever it
 * remembers.
 */
static void answer_before_recent_times_is_seen_within_four_times(struct kunit *test)
{
	tdx_poll_walk_every_history(test, tdx_poll_late_if_faster);
}

/*
 * From the earliest recent time on, history only ever adds looks: a
 * service slower than recently, or between two recent times, is seen
 * within a tenth of its time, as with no history.
 */
static void answer_after_a_recent_time_is_seen_within_a_tenth(struct kunit *test)
{
	tdx_poll_walk_every_history(test, tdx_poll_late_if_not_faster);
}

static struct kunit_case tdx_poll_cases[] = {
	KUNIT_CASE(first_look_is_within_tens_of_microseconds),
	KUNIT_CASE(without_history_intervals_grow_to_20ms_and_never_spin),
	KUNIT_CASE(without_history_answer_is_seen_within_a_tenth),
	KUNIT_CASE(intervals_are_bounded_for_any_history),
	KUNIT_CASE(steady_service_is_seen_at_once_with_few_looks),
	KUNIT_CASE(no_sleep_oversteps_a_recent_completion_time),
	KUNIT_CASE(answer_before_recent_times_is_seen_within_four_times),
	KUNIT_CASE(answer_after_a_recent_time_is_seen_within_a_tenth),
	{}
};

static struct kunit_suite tdx_poll_suite = {
	.name = "tdx_poll_schedule",
	.test_cases = tdx_poll_cases,
};

kunit_test_suite(tdx_poll_suite);
