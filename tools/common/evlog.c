// SPDX-License-Identifier: GPL-2.0
/*
 * The one event log verifiers replay, made of the two a TD keeps.
 *
 * rtmr_log has no Spec ID event of its own: it is written to follow the
 * firmware's events, as if the firmware had gone on logging. So the CCEL
 * is read alone first, to find where its events end (the rest of its log
 * area is free space), and rtmr_log is put right there. The result is
 * what a verifier such as trustee receives and replays, and every record
 * offset in it is an offset in that log.
 */
#include <stdlib.h>
#include <string.h>

#include "evlog.h"

/* Read every record once: whatever uses the log may then rely on it. */
static int check_all(struct evlog *e, char *err, size_t errlen)
{
	struct tcg_record r;
	struct tcg_log l;
	int ret;

	if (evlog_open(e, &l, err, errlen))
		return -1;
	while ((ret = tcg_log_next(&l, &r)) > 0) {
		if (r.runtime)
			e->runtime_records++;
		else
			e->ccel_events++;
	}
	e->err_runtime = l.err_runtime;
	return ret;
}

/**
 * evlog_build() - put a CCEL and rtmr_log together, and check the result.
 * @e: the combined log; release with evlog_free().
 * @ccel: the CCEL log area (on a TD /sys/firmware/acpi/tables/data/CCEL),
 *	or NULL.
 * @ccel_len: bytes of @ccel.
 * @rtmr_log: tdx_guest's rtmr_log, or NULL.
 * @rtmr_log_len: bytes of @rtmr_log.
 * @has_runtime: rtmr_log was given, even if empty.
 * @err: where to describe a malformed log.
 * @errlen: size of @err.
 *
 * Return: 0, -1 with @err set when a log is malformed (and e->err_runtime
 * set if the fault is in rtmr_log), or -2 when memory runs out.
 */
int evlog_build(struct evlog *e, const uint8_t *ccel, size_t ccel_len,
		const uint8_t *rtmr_log, size_t rtmr_log_len, int has_runtime,
		char *err, size_t errlen)
{
	struct tcg_record r;
	struct tcg_log l;
	size_t events = 0;
	int ret;

	memset(e, 0, sizeof(*e));
	if (ccel) {
		if (tcg_log_open(&l, ccel, ccel_len, 1, ccel_len, err, errlen))
			return -1;
		while ((ret = tcg_log_next(&l, &r)) > 0)
			;
		if (ret < 0)
			return -1;
		events = l.end;
		e->ccel_free = ccel_len - l.end;
	}
	if (!rtmr_log)
		rtmr_log_len = 0;
	/* One byte more, so that an empty log is no zero-sized malloc. */
	e->buf = malloc(events + rtmr_log_len + 1);
	if (!e->buf)
		return -2;
	if (events)
		memcpy(e->buf, ccel, events);
	if (rtmr_log_len)
		memcpy(e->buf + events, rtmr_log, rtmr_log_len);
	e->len = events + rtmr_log_len;
	e->has_ccel = !!ccel;
	e->has_runtime = has_runtime;
	e->runtime_from = events;
	if (check_all(e, err, errlen)) {
		evlog_free(e);
		return -1;
	}
	return 0;
}

/* Start reading a combined log; Return: 0, or -1 with @err set. */
int evlog_open(const struct evlog *e, struct tcg_log *l, char *err,
	       size_t errlen)
{
	return tcg_log_open(l, e->buf, e->len, e->has_ccel,
			    e->has_runtime ? e->runtime_from : e->len,
			    err, errlen);
}

void evlog_free(struct evlog *e)
{
	free(e->buf);
	e->buf = NULL;
}
