/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one event log verifiers replay: a TD's firmware log (ACPI CCEL) up
 * to its last event, then tdx_guest's runtime log (rtmr_log), either of
 * which may be missing.
 */
#ifndef TOOLS_COMMON_EVLOG_H
#define TOOLS_COMMON_EVLOG_H

#include <stddef.h>
#include <stdint.h>

#include "tcg_log.h"

/*
 * Largest logs accepted. The CCEL log area is typically 64 KiB to 256 KiB
 * (the ACPI table's LAML says); rtmr_log holds at most a few thousand
 * records of up to 64 KiB of event data. The bounds only keep hostile input
 * from eating memory.
 */
#define EVLOG_CCEL_MAX_SIZE	(16 * 1024 * 1024)
#define EVLOG_RTMR_LOG_MAX_SIZE	(256 * 1024 * 1024)

/**
 * struct evlog - a combined log, checked from end to end.
 * @buf: the CCEL's Spec ID event and events, then rtmr_log.
 * @len: bytes of @buf.
 * @has_ccel: a CCEL was given (the log starts with a Spec ID event).
 * @has_runtime: rtmr_log was given (perhaps empty).
 * @runtime_from: where rtmr_log starts in @buf.
 * @ccel_free: bytes of free space after the CCEL's events, left out.
 * @ccel_events: records of the CCEL after its Spec ID event.
 * @runtime_records: records of rtmr_log.
 * @err_runtime: when evlog_build() failed: the fault is in rtmr_log.
 */
struct evlog {
	uint8_t *buf;
	size_t len;
	int has_ccel;
	int has_runtime;
	size_t runtime_from;
	size_t ccel_free;
	unsigned int ccel_events;
	unsigned int runtime_records;
	int err_runtime;
};

int evlog_build(struct evlog *e, const uint8_t *ccel, size_t ccel_len,
		const uint8_t *rtmr_log, size_t rtmr_log_len, int has_runtime,
		char *err, size_t errlen);
int evlog_open(const struct evlog *e, struct tcg_log *l, char *err,
	       size_t errlen);
void evlog_free(struct evlog *e);

#endif /* TOOLS_COMMON_EVLOG_H */
