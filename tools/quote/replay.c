// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote replay`: do a Quote's (or TDREPORT's) RTMRs follow from the
 * event log of what was measured into them?
 *
 * A TD's log is the firmware's (ACPI CCEL), from power-on to
 * ExitBootServices, with tdx_guest's runtime log (rtmr_log, see
 * include/uapi/tdx-guest/rtmr_log.h) appended: one TCG2 log, which
 * replays from 48 zero bytes per RTMR, as verifiers replay it. A report
 * taken while rtmr_log was being written holds some prefix of it, so the
 * replay compares before the first runtime record and after each one.
 *
 * rtmr_log starts with a TDXB baseline record for each RTMR whose value
 * when tdx_guest loaded the firmware's log does not explain (something
 * extended it unlogged). No replay can reproduce such an RTMR, and the
 * replay says that in so many words rather than only "not reproduced";
 * it also says whether the rest of the log is consistent from that value.
 */
#include <stdio.h>
#include <string.h>

#include <tdx-guest/rtmr_log.h>

#include "../common/aael.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "fields.h"
#include "tdx_quote.h"

/* What replay says at more length than a line of code holds. */
#define MSG_BAD_AAEL "note: record %u (%s byte %zu): malformed AAEL event (%s): trustee refuses the whole log\n"
#define MSG_CCEL "note: CCEL: %u events in %zu bytes (%u EV_NO_ACTION, %u for MRTD, not replayed)\n"
#define MSG_RTMR_LOG "note: rtmr_log: %ld records in %zu bytes (%u events, %u digest-only, %u TDXB baselines)\n"
#define MSG_BASELINE "FAIL: rtmr%d: its start is not explained: rtmr_log's TDXB record says tdx_guest found it already extended beyond %s, so no replay of this log can reproduce it\n"
#define MSG_FROM_BASE "note: rtmr%d: from the TDXB value, the first %ld rtmr_log records do reproduce it\n"
#define MSG_NOT_FROM_BASE "note: rtmr%d: not even from the TDXB value do rtmr_log's records reproduce it\n"
#define MSG_FROM_ZERO "FAIL: rtmr%d: not reproduced by any prefix of rtmr_log, from zero (no CCEL given: the firmware's events are missing)\n"
#define MSG_EARLIER "note: rtmr%d: the first %ld rtmr_log records do reproduce it: the Quote came before the rest\n"
#define MSG_PREFIX "note: the first %ld of rtmr_log's %ld records reproduce it; the rest came later, and a verifier that replays the whole log (as trustee does) refuses the two together\n"

/**
 * struct replay - a replay in progress.
 * @rtmr: the registers as replayed so far.
 * @want: the registers in the Quote or TDREPORT.
 * @match_at: per RTMR, the first number of rtmr_log records after which
 *	it matched, or -1.
 * @all_at: the first number of rtmr_log records after which all four
 *	matched, or -1.
 * @whole: only the whole log counts (--whole-log).
 * @has_base: per RTMR, rtmr_log has a TDXB baseline for it.
 * @base: what the baseline says, then extended by rtmr_log's records.
 * @base_at: like @match_at, for the replay from the baseline.
 * @ccel_extends: per RTMR, CCEL events extended into it.
 * @runtime: rtmr_log records so far.
 * @tagged: of them, events with content.
 * @digest_only: of them, TDXD digest-only extends.
 * @baselines: of them, TDXB baselines.
 * @no_action: CCEL EV_NO_ACTION events.
 * @mrtd_events: CCEL events for MRTD (index 0), which the TDX module
 *	measured when the TD was built and which cannot be replayed.
 */
struct replay {
	uint8_t rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	const uint8_t *want[TDX_RTMR_COUNT];
	long match_at[TDX_RTMR_COUNT];
	long all_at;
	int whole;
	int has_base[TDX_RTMR_COUNT];
	uint8_t base[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	long base_at[TDX_RTMR_COUNT];
	unsigned int ccel_extends[TDX_RTMR_COUNT];
	long runtime;
	unsigned int tagged;
	unsigned int digest_only;
	unsigned int baselines;
	unsigned int no_action;
	unsigned int mrtd_events;
};

/* Point r->want at RTMR0..3 of the input, a well-formed Quote or TDREPORT. */
static void find_rtmrs(struct replay *r, const struct input *in)
{
	struct field_layout l;
	struct field_loc loc;
	char name[8];
	int i;

	input_layout(in, &l);
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		snprintf(name, sizeof(name), "rtmr%d", i);
		field_loc(field_find(name), &l, &loc);
		r->want[i] = in->buf + loc.off;
	}
}

/* Note which RTMRs match after r->runtime records of rtmr_log. */
static void note_matches(struct replay *r)
{
	int i, all = 1;

	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		if (r->has_base[i] && r->base_at[i] < 0 &&
		    !memcmp(r->base[i], r->want[i], TDX_MEASUREMENT_SIZE))
			r->base_at[i] = r->runtime;
		if (memcmp(r->rtmr[i], r->want[i], TDX_MEASUREMENT_SIZE)) {
			all = 0;
			continue;
		}
		if (r->match_at[i] < 0)
			r->match_at[i] = r->runtime;
	}
	if (all && r->all_at < 0)
		r->all_at = r->runtime;
}

/* Apply one record. Return: 0, or -1 on a failed hash. */
static int apply(struct replay *r, const struct tcg_record *rec)
{
	unsigned int i = rec->mr_index - TCG_MR_RTMR0;

	if (rec->type == TCG_EV_NO_ACTION) {
		/* tcg_log_next() let only TDXB through in rtmr_log. */
		if (rec->runtime) {
			r->baselines++;
			r->has_base[i] = 1;
			memcpy(r->base[i], rec->tag_data, TDX_MEASUREMENT_SIZE);
		} else {
			r->no_action++;
		}
		return 0;
	}
	if (rec->mr_index == TCG_MR_MRTD) {
		r->mrtd_events++;
		return 0;
	}
	if (!rec->runtime) {
		r->ccel_extends[i]++;
		return sha384_extend(r->rtmr[i], rec->sha384);
	}
	if (rec->tag_id == TDX_RTMR_LOG_TAG_DIGEST)
		r->digest_only++;
	else
		r->tagged++;
	if (r->has_base[i] && sha384_extend(r->base[i], rec->sha384))
		return -1;
	return sha384_extend(r->rtmr[i], rec->sha384);
}

/* Say so for each AAEL event that trustee would refuse the log for. */
static void note_bad_aael(const struct tcg_log *l, const struct tcg_record *rec,
			  unsigned int n)
{
	struct aael_entry a;
	const char *why;

	if (!rec->tagged || rec->tag_id != TDX_RTMR_LOG_TAG_AAEL)
		return;
	why = aael_parse(rec->tag_data, rec->tag_data_size, &a);
	if (!why)
		return;
	if (rec->runtime)
		printf(MSG_BAD_AAEL, n, "rtmr_log",
		       rec->offset - l->runtime_from, why);
	else
		printf(MSG_BAD_AAEL, n, "CCEL", rec->offset, why);
}

static int run(struct replay *r, const struct evlog *e)
{
	struct tcg_record rec;
	struct tcg_log l;
	unsigned int n = 0;
	char err[192];
	int ret, started = 0;

	if (evlog_open(e, &l, err, sizeof(err))) {
		errmsg("malformed event log: %s", err);
		return -1;
	}
	while ((ret = tcg_log_next(&l, &rec)) > 0) {
		if (rec.runtime && !started) {
			started = 1;
			note_matches(r);
		}
		note_bad_aael(&l, &rec, n++);
		if (apply(r, &rec))
			return -1;
		if (rec.runtime) {
			r->runtime++;
			note_matches(r);
		}
	}
	if (ret < 0) {
		errmsg("malformed event log: %s", err);
		return -1;
	}
	if (!started)
		note_matches(r);
	return 0;
}

static void say_counts(const struct replay *r, const struct evlog *e)
{
	if (e->has_ccel)
		printf(MSG_CCEL, e->ccel_events, e->runtime_from, r->no_action,
		       r->mrtd_events);
	if (e->has_runtime)
		printf(MSG_RTMR_LOG, r->runtime, e->len - e->runtime_from, r->tagged,
		       r->digest_only, r->baselines);
}

/* Whether RTMR i counts as reproduced: by a prefix, or by the whole log. */
static int reproduced(const struct replay *r, int i)
{
	if (r->whole)
		return !memcmp(r->rtmr[i], r->want[i], TDX_MEASUREMENT_SIZE);
	return r->match_at[i] >= 0;
}

/* The verdict on RTMR i; return: 1 if it is reproduced. */
static int say_rtmr(const struct replay *r, const struct evlog *e, int i)
{
	char from[64] = "", by[64];

	if (e->has_ccel)
		snprintf(from, sizeof(from), "%u CCEL events", r->ccel_extends[i]);
	if (r->whole)
		snprintf(by, sizeof(by), "all %ld", r->runtime);
	else
		snprintf(by, sizeof(by), "the first %ld", r->match_at[i]);
	if (reproduced(r, i)) {
		if (!e->has_runtime)
			printf("ok: rtmr%d: reproduced by %s\n", i, from);
		else if (e->has_ccel)
			printf("ok: rtmr%d: reproduced by %s and %s rtmr_log records\n",
			       i, from, by);
		else
			printf("ok: rtmr%d: reproduced by %s rtmr_log records, from zero\n",
			       i, by);
		if (r->has_base[i])
			printf("note: rtmr%d: rtmr_log has a TDXB baseline for it all the same\n",
			       i);
		return 1;
	}
	if (r->has_base[i]) {
		printf(MSG_BASELINE, i, e->has_ccel ? "what the CCEL replays to" :
		       "zero (and no CCEL was given)");
		if (r->base_at[i] >= 0)
			printf(MSG_FROM_BASE, i, r->base_at[i]);
		else
			printf(MSG_NOT_FROM_BASE, i);
		return 0;
	}
	if (!e->has_runtime)
		printf("FAIL: rtmr%d: not reproduced by the %s\n", i, from);
	else if (r->whole && e->has_ccel)
		printf("FAIL: rtmr%d: not reproduced by the %s and all %ld rtmr_log records\n",
		       i, from, r->runtime);
	else if (r->whole)
		printf("FAIL: rtmr%d: not reproduced by all %ld rtmr_log records, from zero\n",
		       i, r->runtime);
	else if (e->has_ccel)
		printf("FAIL: rtmr%d: not reproduced by the %s and any prefix of rtmr_log\n",
		       i, from);
	else
		printf(MSG_FROM_ZERO, i);
	if (r->whole && r->match_at[i] >= 0)
		printf(MSG_EARLIER, i, r->match_at[i]);
	return 0;
}

/**
 * replay_log() - check the RTMRs of a Quote or TDREPORT against a log.
 * @in: the input, checked by input_check().
 * @e: the log, checked by logs_load().
 * @whole: only the whole log counts, not a prefix of rtmr_log.
 *
 * Return: EXIT_OK if the log reproduces every RTMR of the input,
 * EXIT_NOT_VERIFIED if not, EXIT_USAGE for a malformed log.
 */
int replay_log(const struct input *in, const struct evlog *e, int whole)
{
	struct replay r = { .match_at = { -1, -1, -1, -1 }, .all_at = -1,
			    .base_at = { -1, -1, -1, -1 }, .whole = whole };
	int i, failed = 0;

	find_rtmrs(&r, in);
	if (run(&r, e))
		return EXIT_USAGE;
	say_counts(&r, e);
	for (i = 0; i < TDX_RTMR_COUNT; i++)
		if (!say_rtmr(&r, e, i))
			failed = 1;
	if (!failed && !whole && r.all_at < 0) {
		/* Each matched somewhere, but no one prefix fits all four. */
		failed = 1;
		puts("FAIL: no single prefix of rtmr_log reproduces all four RTMRs");
	}
	if (!failed && !whole && e->has_runtime && r.all_at < r.runtime)
		printf(MSG_PREFIX, r.all_at, r.runtime);
	puts(failed ? "replay failed" : "replayed");
	return failed ? EXIT_NOT_VERIFIED : EXIT_OK;
}

/**
 * replay() - check the RTMRs of a Quote or TDREPORT against their logs.
 * @in: the input.
 * @ccel_path: the TD's firmware event log (ACPI CCEL data), or NULL.
 * @log_path: tdx_guest's rtmr_log, or NULL; at least one of the two is
 *	given.
 * @whole: only the whole log counts, not a prefix of rtmr_log.
 *
 * Return: as replay_log(); EXIT_USAGE also for a malformed input.
 */
int replay(const struct input *in, const char *ccel_path, const char *log_path,
	   int whole)
{
	struct evlog e;
	int err;

	err = input_check(in);
	if (err)
		return err;
	err = logs_load(&e, ccel_path, log_path);
	if (err)
		return err;
	err = replay_log(in, &e, whole);
	evlog_free(&e);
	return err;
}
