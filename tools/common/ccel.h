/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replay of a TD's firmware event log: the log area the ACPI CCEL table
 * points to, in the TCG2 crypto-agile format (TCG PC Client Platform
 * Firmware Profile: a TCG_PCR_EVENT holding the Spec ID event, then
 * TCG_PCR_EVENT2 records).
 */
#ifndef TOOLS_COMMON_CCEL_H
#define TOOLS_COMMON_CCEL_H

#include <stddef.h>
#include <stdint.h>

#include <tdx-guest/tdreport.h>

/*
 * Largest log accepted. The CCEL log area is typically 64 KiB to 256 KiB
 * (its LAML field says); the bound only keeps hostile input from eating
 * memory.
 */
#define CCEL_MAX_SIZE		(16 * 1024 * 1024)

/* A TCG2 log may list several algorithms; real ones list one to four. */
#define CCEL_MAX_ALGS		16

/*
 * CC measurement register index of an event: 0 is MRTD, 1..4 are
 * RTMR0..3 (the index field that a TPM log uses for the PCR).
 */
#define CCEL_MR_MRTD		0
#define CCEL_MR_RTMR0		1

/**
 * struct ccel_replay - what replaying a CCEL log gave.
 * @rtmr: RTMR0..3 as the log's events extend them from zero.
 * @extends: events extended into each RTMR.
 * @events: events after the Spec ID event.
 * @no_action: EV_NO_ACTION events (informational, never extended).
 * @mrtd_events: events for MRTD (index 0): MRTD is the TDX module's build
 *	time measurement and cannot be replayed from them.
 * @log_len: bytes of events.
 * @free_len: bytes after the last event (free log space, all 0xff or 0).
 */
struct ccel_replay {
	uint8_t rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	unsigned int extends[TDX_RTMR_COUNT];
	unsigned int events;
	unsigned int no_action;
	unsigned int mrtd_events;
	size_t log_len;
	size_t free_len;
};

int ccel_replay(const uint8_t *buf, size_t len, struct ccel_replay *r,
		char *err, size_t errlen);

#endif /* TOOLS_COMMON_CCEL_H */
