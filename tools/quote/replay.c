// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote replay`: do a Quote's (or TDREPORT's) RTMRs follow from the
 * logs of what was measured into them?
 *
 * Two logs tell that story on a TD. The firmware's event log (ACPI CCEL)
 * holds every measurement from power-on to ExitBootServices, starting from
 * zero. tdx_guest's runtime measurement log
 * (include/uapi/tdx-guest/rtmr_log.h) starts with the value of each RTMR
 * when the driver loaded, then lists every digest extended since. A report
 * taken while the runtime log was being written holds the starting values
 * extended by some prefix of it, so the replay compares after every
 * record.
 *
 * With the runtime log alone, its baselines are the starting values. With
 * the CCEL, the CCEL's replay is, and the runtime log's baselines are
 * checked against it: a difference means something extended an RTMR
 * between the firmware and the driver without logging it.
 */
#include <assert.h>
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tdx-guest/rtmr_log.h>

static_assert(sizeof(struct tdx_rtmr_log_entry) == 64, "log record size");

#include "../common/ccel.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "fields.h"
#include "tdx_quote.h"

/* 256 Ki records: far beyond the driver's default of 4096. */
#define RTMR_LOG_MAX_SIZE	(256 * 1024 * sizeof(struct tdx_rtmr_log_entry))

/**
 * struct replay - a replay in progress.
 * @rtmr: the registers as replayed so far.
 * @want: the registers in the Quote or TDREPORT.
 * @match_at: per RTMR, the first number of runtime log EXTEND records
 *	after which it matched, or -1.
 * @extends: per RTMR, EXTEND records of the runtime log applied to it.
 */
struct replay {
	uint8_t rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	const uint8_t *want[TDX_RTMR_COUNT];
	long match_at[TDX_RTMR_COUNT];
	unsigned int extends[TDX_RTMR_COUNT];
};

/**
 * struct rtmr_log - tdx_guest's runtime measurement log, checked.
 * @rec: the records.
 * @n: how many.
 */
struct rtmr_log {
	struct tdx_rtmr_log_entry *rec;
	size_t n;
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

static int rtmr_matches(const struct replay *r, int i)
{
	return !memcmp(r->rtmr[i], r->want[i], TDX_MEASUREMENT_SIZE);
}

/* Note which RTMRs match now; return: 1 if all four do. */
static int note_matches(struct replay *r, long extends_done)
{
	int i, all = 1;

	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		if (!rtmr_matches(r, i)) {
			all = 0;
			continue;
		}
		if (r->match_at[i] < 0)
			r->match_at[i] = extends_done;
	}
	return all;
}

/*
 * Check one record where it stands: the log is read from a file and the
 * replay must not trust it. Return: 0, or -1 after reporting the problem.
 */
static int check_record(const struct tdx_rtmr_log_entry *e, size_t pos,
			unsigned int *baseline_seen, const char *path)
{
	unsigned int type = le16toh(e->type), index = le16toh(e->index);
	int in_baseline = pos < TDX_RTMR_COUNT;

	if (le64toh(e->seq) != pos || e->reserved || index >= TDX_RTMR_COUNT) {
		errmsg("%s: record %zu is malformed (seq %llu, index %u)",
		       path, pos, (unsigned long long)le64toh(e->seq), index);
		return -1;
	}
	if (in_baseline && (type != TDX_RTMR_LOG_BASELINE ||
			    (*baseline_seen & (1u << index)))) {
		errmsg("%s: record %zu: the log must start with one BASELINE per RTMR",
		       path, pos);
		return -1;
	}
	if (!in_baseline && type != TDX_RTMR_LOG_EXTEND) {
		errmsg("%s: record %zu: type %u where only EXTEND may be",
		       path, pos, type);
		return -1;
	}
	if (in_baseline)
		*baseline_seen |= 1u << index;
	return 0;
}

/* Read and check the whole runtime log. Return: 0, or EXIT_USAGE. */
static int load_rtmr_log(struct rtmr_log *log, const char *path)
{
	unsigned int baseline_seen = 0;
	uint8_t *buf;
	size_t len, pos;
	int err;

	err = read_file(path, RTMR_LOG_MAX_SIZE, &buf, &len);
	if (err) {
		errmsg("%s: %s", path, strerror(-err));
		return EXIT_USAGE;
	}
	log->rec = (void *)buf;
	log->n = len / sizeof(*log->rec);
	if (len % sizeof(*log->rec)) {
		errmsg("%s: %zu bytes is not a whole number of %zu-byte records",
		       path, len, sizeof(*log->rec));
		goto bad;
	}
	if (log->n < TDX_RTMR_COUNT) {
		errmsg("%s: %zu records, fewer than the %d baselines", path,
		       log->n, TDX_RTMR_COUNT);
		goto bad;
	}
	for (pos = 0; pos < log->n; pos++)
		if (check_record(&log->rec[pos], pos, &baseline_seen, path))
			goto bad;
	return 0;
bad:
	free(buf);
	log->rec = NULL;
	return EXIT_USAGE;
}

/*
 * Apply the log's EXTEND records to r->rtmr, comparing before the first
 * and after each. Return: how many records it took for all four RTMRs to
 * match, or -1 if no prefix does, or -2 on a failed hash.
 */
static long replay_extends(struct replay *r, const struct rtmr_log *log)
{
	const struct tdx_rtmr_log_entry *e;
	unsigned int index;
	size_t pos;

	if (note_matches(r, 0))
		return 0;
	for (pos = TDX_RTMR_COUNT; pos < log->n; pos++) {
		e = &log->rec[pos];
		index = le16toh(e->index);
		if (sha384_extend(r->rtmr[index], e->digest))
			return -2;
		r->extends[index]++;
		if (note_matches(r, pos + 1 - TDX_RTMR_COUNT))
			return pos + 1 - TDX_RTMR_COUNT;
	}
	return -1;
}

static const struct tdx_rtmr_log_entry *baseline_of(const struct rtmr_log *log,
						    int index)
{
	int i;

	for (i = 0; i < TDX_RTMR_COUNT; i++)
		if (le16toh(log->rec[i].index) == index)
			return &log->rec[i];
	return NULL;	/* load_rtmr_log() made sure this cannot happen */
}

/* --log alone: the baselines are where the replay starts. */
static int replay_log_only(struct replay *r, const struct rtmr_log *log)
{
	long used;
	int i;

	for (i = 0; i < TDX_RTMR_COUNT; i++)
		memcpy(r->rtmr[i], baseline_of(log, i)->digest,
		       TDX_MEASUREMENT_SIZE);
	used = replay_extends(r, log);
	if (used == -2)
		return EXIT_USAGE;
	if (used < 0) {
		printf("FAIL: no prefix of the log's %zu records replays to the RTMRs\n",
		       log->n);
		for (i = 0; i < TDX_RTMR_COUNT; i++)
			if (!rtmr_matches(r, i))
				printf("note: rtmr%d differs from the fully replayed value\n",
				       i);
		return EXIT_NOT_VERIFIED;
	}
	printf("ok: RTMRs are the baselines extended by the first %ld EXTEND records of %zu\n",
	       used, log->n - TDX_RTMR_COUNT);
	puts("replayed");
	return EXIT_OK;
}

static int load_ccel(struct ccel_replay *cr, const char *path)
{
	char err[160];
	uint8_t *buf;
	size_t len;
	int ret;

	ret = read_file(path, CCEL_MAX_SIZE, &buf, &len);
	if (ret) {
		errmsg("%s: %s", path, strerror(-ret));
		return EXIT_USAGE;
	}
	ret = ccel_replay(buf, len, cr, err, sizeof(err));
	free(buf);
	if (ret) {
		errmsg("%s: malformed event log: %s", path, err);
		return EXIT_USAGE;
	}
	printf("note: CCEL: %u events in %zu bytes (%u EV_NO_ACTION, %u for MRTD, not replayed)\n",
	       cr->events, cr->log_len, cr->no_action, cr->mrtd_events);
	return 0;
}

/* --ccel, and --log on top if given. */
static int replay_ccel(struct replay *r, const struct ccel_replay *cr,
		       const struct rtmr_log *log)
{
	static const struct rtmr_log no_log = { NULL, TDX_RTMR_COUNT };
	char more[64] = "";
	int i, failed = 0;
	long used;

	memcpy(r->rtmr, cr->rtmr, sizeof(r->rtmr));
	for (i = 0; log && i < TDX_RTMR_COUNT; i++)
		if (memcmp(baseline_of(log, i)->digest, cr->rtmr[i],
			   TDX_MEASUREMENT_SIZE))
			printf("note: rtmr%d: %s\n", i,
			       "the runtime log's baseline is not the CCEL's replay: something extended it unlogged before tdx_guest loaded");
	used = replay_extends(r, log ? log : &no_log);
	if (used == -2)
		return EXIT_USAGE;
	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		if (r->match_at[i] < 0) {
			failed = 1;
			printf("FAIL: rtmr%d: not reproduced by the %u CCEL events%s\n",
			       i, cr->extends[i],
			       log ? " and any prefix of the runtime log" : "");
		} else {
			if (log)
				snprintf(more, sizeof(more),
					 " and the first %ld runtime log records",
					 r->match_at[i]);
			printf("ok: rtmr%d: reproduced by %u CCEL events%s\n",
			       i, cr->extends[i], more);
		}
	}
	if (!failed && used < 0) {
		/* Each matched somewhere, but no one prefix fits all four. */
		failed = 1;
		puts("FAIL: no single prefix of the runtime log reproduces all four RTMRs");
	}
	puts(failed ? "replay failed" : "replayed");
	return failed ? EXIT_NOT_VERIFIED : EXIT_OK;
}

/**
 * replay() - check the RTMRs of a Quote or TDREPORT against their logs.
 * @in: the input.
 * @ccel_path: the TD's firmware event log (ACPI CCEL data), or NULL.
 * @log_path: tdx_guest's runtime measurement log, or NULL; at least one
 *	of the two is given.
 *
 * Return: EXIT_OK if the logs reproduce every RTMR of the input,
 * EXIT_NOT_VERIFIED if not, EXIT_USAGE for a malformed input or log.
 */
int replay(const struct input *in, const char *ccel_path, const char *log_path)
{
	struct replay r = { .match_at = { -1, -1, -1, -1 } };
	struct rtmr_log log = { 0 };
	struct ccel_replay cr;
	int err;

	err = input_check(in);
	if (err)
		return err;
	find_rtmrs(&r, in);
	if (ccel_path) {
		err = load_ccel(&cr, ccel_path);
		if (err)
			return err;
	}
	if (log_path) {
		err = load_rtmr_log(&log, log_path);
		if (err)
			return err;
	}
	if (ccel_path)
		err = replay_ccel(&r, &cr, log_path ? &log : NULL);
	else
		err = replay_log_only(&r, &log);
	free(log.rec);
	return err;
}
