/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict reader of TCG2 crypto-agile event logs (TCG PC Client Platform
 * Firmware Profile): a TD's firmware log (ACPI CCEL), tdx_guest's
 * runtime log (include/uapi/tdx-guest/rtmr_log.h), or the first with the
 * second appended, which is the one log verifiers replay.
 */
#ifndef TOOLS_COMMON_TCG_LOG_H
#define TOOLS_COMMON_TCG_LOG_H

#include <stddef.h>
#include <stdint.h>

#define TCG_EV_NO_ACTION	0x00000003
#define TCG_EV_EVENT_TAG	0x00000006
#define TCG_ALG_SHA384		0x000c
#define TCG_SHA384_SIZE		48

/* A log may declare several algorithms; real ones declare one to four. */
#define TCG_MAX_ALGS		16

/*
 * Measurement register index of an event in a TD's logs: 0 is MRTD,
 * 1..4 are RTMR0..3 (the field a TPM log uses for the PCR).
 */
#define TCG_MR_MRTD		0
#define TCG_MR_RTMR0		1
#define TCG_MR_LAST		4

/* TCG_PCClientTaggedEvent: taggedEventID and taggedEventDataSize. */
#define TCG_TAGGED_HEAD_SIZE	8

/**
 * struct tcg_algs - the digests each event carries.
 * @n: entries used.
 * @id: TPM_ALG_* of each.
 * @size: its digest size.
 */
struct tcg_algs {
	unsigned int n;
	uint16_t id[TCG_MAX_ALGS];
	uint16_t size[TCG_MAX_ALGS];
};

/**
 * struct tcg_record - one TCG_PCR_EVENT2, checked; pointers into the log.
 * @offset: where it starts in the log.
 * @len: its bytes.
 * @runtime: it lies in the runtime part (tdx_guest's rtmr_log).
 * @mr_index: measurement register index (0 MRTD, 1..4 RTMR0..3).
 * @type: event type, one that tcg_event_type_name() knows.
 * @digest_count: digests it carries.
 * @digests: the first (TPM_ALG_ID, then the digest), and the rest after.
 * @sha384: its SHA-384 digest, or NULL if it has none.
 * @event: the event.
 * @event_size: bytes of @event.
 * @tagged: @event is a TCG_PCClientTaggedEvent (EV_EVENT_TAG, or a
 *	runtime EV_NO_ACTION record), and the following three are set.
 * @tag_id: its taggedEventID.
 * @tag_data: its taggedEventData.
 * @tag_data_size: bytes of @tag_data.
 */
struct tcg_record {
	size_t offset;
	size_t len;
	int runtime;
	uint32_t mr_index;
	uint32_t type;
	uint32_t digest_count;
	const uint8_t *digests;
	const uint8_t *sha384;
	const uint8_t *event;
	uint32_t event_size;
	int tagged;
	uint32_t tag_id;
	const uint8_t *tag_data;
	uint32_t tag_data_size;
};

/**
 * struct tcg_log - a log being read.
 * @buf: the log.
 * @len: bytes of @buf.
 * @pos: where the next record starts.
 * @runtime_from: where the runtime part starts (@len when there is none).
 * @algs: the digests events carry.
 * @spec_id_len: bytes of the Spec ID event (0 when the log has none).
 * @end: where the events end, once tcg_log_next() returned 0.
 * @baselines: runtime part: a bit per RTMR that has a baseline record.
 * @runtime_extends: runtime part: a record other than a baseline was seen.
 * @err: where to describe a failure.
 * @errlen: size of @err.
 * @err_runtime: the failure is in the runtime part.
 */
struct tcg_log {
	const uint8_t *buf;
	size_t len;
	size_t pos;
	size_t runtime_from;
	struct tcg_algs algs;
	size_t spec_id_len;
	size_t end;
	unsigned int baselines;
	int runtime_extends;
	char *err;
	size_t errlen;
	int err_runtime;
};

int tcg_log_open(struct tcg_log *l, const uint8_t *buf, size_t len,
		 int spec_id, size_t runtime_from, char *err, size_t errlen);
int tcg_log_next(struct tcg_log *l, struct tcg_record *r);

const char *tcg_event_type_name(uint32_t type);
const char *tcg_alg_name(uint16_t id);
int tcg_alg_size(const struct tcg_algs *algs, uint16_t id);

#endif /* TOOLS_COMMON_TCG_LOG_H */
