// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote replay`: do a Quote's (or TDREPORT's) RTMRs follow from the
 * runtime measurement log of tdx_guest?
 *
 * The log (include/uapi/tdx-guest/rtmr_log.h) starts with the value of
 * each RTMR at load time, then lists every digest extended since. Any
 * report taken while the log was written must hold the baselines extended
 * by some prefix of the log, so the replay compares after every record.
 */
#include <assert.h>
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include <tdx-guest/rtmr_log.h>

static_assert(sizeof(struct tdx_rtmr_log_entry) == 64, "log record size");

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
 * @baseline_seen: bitmap of RTMRs whose BASELINE record was read.
 */
struct replay {
	uint8_t rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	const uint8_t *want[TDX_RTMR_COUNT];
	unsigned int baseline_seen;
};

/* Point r->want at RTMR0..3 of the input, a well-formed Quote or TDREPORT. */
static void find_rtmrs(struct replay *r, const struct input *in)
{
	char name[8];
	int i;

	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		snprintf(name, sizeof(name), "rtmr%d", i);
		r->want[i] = in->buf + field_loc(field_find(name), in->fmt)->off;
	}
}

static int matches(const struct replay *r)
{
	int i;

	for (i = 0; i < TDX_RTMR_COUNT; i++)
		if (memcmp(r->rtmr[i], r->want[i], TDX_MEASUREMENT_SIZE))
			return 0;
	return 1;
}

/* rtmr = SHA-384(rtmr || digest), as TDG.MR.RTMR.EXTEND does. */
static int extend(uint8_t *rtmr, const uint8_t *digest)
{
	uint8_t buf[2 * TDX_MEASUREMENT_SIZE];

	memcpy(buf, rtmr, TDX_MEASUREMENT_SIZE);
	memcpy(buf + TDX_MEASUREMENT_SIZE, digest, TDX_MEASUREMENT_SIZE);
	if (!EVP_Digest(buf, sizeof(buf), rtmr, NULL, EVP_sha384(), NULL)) {
		crypto_errors("SHA-384");
		return -1;
	}
	return 0;
}

/*
 * Check one record where it stands: the log is read from a file and the
 * replay must not trust it. Return: 0, or -1 after reporting the problem.
 */
static int check_record(const struct replay *r,
			const struct tdx_rtmr_log_entry *e, size_t pos,
			const char *path)
{
	unsigned int type = le16toh(e->type), index = le16toh(e->index);
	int in_baseline = pos < TDX_RTMR_COUNT;

	if (le64toh(e->seq) != pos || e->reserved || index >= TDX_RTMR_COUNT) {
		errmsg("%s: record %zu is malformed (seq %llu, index %u)",
		       path, pos, (unsigned long long)le64toh(e->seq), index);
		return -1;
	}
	if (in_baseline && (type != TDX_RTMR_LOG_BASELINE ||
			    (r->baseline_seen & (1u << index)))) {
		errmsg("%s: record %zu: the log must start with one BASELINE per RTMR",
		       path, pos);
		return -1;
	}
	if (!in_baseline && type != TDX_RTMR_LOG_EXTEND) {
		errmsg("%s: record %zu: type %u where only EXTEND may be",
		       path, pos, type);
		return -1;
	}
	return 0;
}

static int apply_record(struct replay *r, const struct tdx_rtmr_log_entry *e)
{
	unsigned int index = le16toh(e->index);

	if (le16toh(e->type) == TDX_RTMR_LOG_BASELINE) {
		memcpy(r->rtmr[index], e->digest, TDX_MEASUREMENT_SIZE);
		r->baseline_seen |= 1u << index;
		return 0;
	}
	return extend(r->rtmr[index], e->digest);
}

/*
 * Replay @n records. Return: how many records it took to match the
 * input's RTMRs (at least the baseline), 0 if no prefix matches, -1 on a
 * malformed log.
 */
static long run_replay(struct replay *r, const struct tdx_rtmr_log_entry *log,
		       size_t n, const char *path)
{
	size_t pos;

	if (n < TDX_RTMR_COUNT) {
		errmsg("%s: %zu records, fewer than the %d baselines", path, n,
		       TDX_RTMR_COUNT);
		return -1;
	}
	for (pos = 0; pos < n; pos++) {
		if (check_record(r, &log[pos], pos, path) ||
		    apply_record(r, &log[pos]))
			return -1;
		if (pos + 1 >= TDX_RTMR_COUNT && matches(r))
			return pos + 1;
	}
	return 0;
}

static void report_mismatch(const struct replay *r, size_t n)
{
	int i;

	printf("FAIL: no prefix of the log's %zu records replays to the RTMRs\n",
	       n);
	for (i = 0; i < TDX_RTMR_COUNT; i++)
		if (memcmp(r->rtmr[i], r->want[i], TDX_MEASUREMENT_SIZE))
			printf("note: rtmr%d differs from the fully replayed value\n",
			       i);
}

/**
 * replay() - check the RTMRs of a Quote or TDREPORT against a log.
 * @in: the input.
 * @log_path: the runtime measurement log, as read from sysfs.
 *
 * Return: EXIT_OK if some prefix of the log replays to the input's RTMRs,
 * EXIT_NOT_VERIFIED if none does, EXIT_USAGE for a malformed input or log.
 */
int replay(const struct input *in, const char *log_path)
{
	struct replay r = { 0 };
	uint8_t *log;
	size_t len, n;
	long used;
	int err;

	err = input_check(in);
	if (err)
		return err;
	err = read_file(log_path, RTMR_LOG_MAX_SIZE, &log, &len);
	if (err) {
		errmsg("%s: %s", log_path, strerror(-err));
		return EXIT_USAGE;
	}
	if (len % sizeof(struct tdx_rtmr_log_entry)) {
		errmsg("%s: %zu bytes is not a whole number of %zu-byte records",
		       log_path, len, sizeof(struct tdx_rtmr_log_entry));
		free(log);
		return EXIT_USAGE;
	}
	n = len / sizeof(struct tdx_rtmr_log_entry);
	find_rtmrs(&r, in);
	used = run_replay(&r, (const void *)log, n, log_path);
	free(log);
	if (used < 0)
		return EXIT_USAGE;
	if (!used) {
		report_mismatch(&r, n);
		return EXIT_NOT_VERIFIED;
	}
	printf("ok: RTMRs are the baselines extended by the first %ld EXTEND records of %zu\n",
	       used - TDX_RTMR_COUNT, n - TDX_RTMR_COUNT);
	puts("replayed");
	return EXIT_OK;
}
