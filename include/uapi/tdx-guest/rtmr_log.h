/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The runtime measurement log of tdx_guest, and the request that extends
 * an RTMR with an event.
 *
 * /sys/devices/virtual/misc/tdx_guest/rtmr_log holds TCG_PCR_EVENT2
 * records in the crypto-agile format of the TCG PC Client Platform
 * Firmware Profile, little-endian, one per extend made through tdx_guest,
 * in the order they happened, and nothing else: no Spec ID event of its
 * own. The firmware's log (the ACPI CCEL log area, cut after its last
 * event), followed by rtmr_log, is one log that replays, as verifiers
 * replay a CCEL, to the RTMRs of any Quote taken while it was written:
 *
 *	rtmr[0..3] = 48 zero bytes
 *	for each record r whose type is not EV_NO_ACTION, in order:
 *		rtmr[r.mr_index - 1] = SHA-384(rtmr[r.mr_index - 1] || r.digest)
 *
 * Each record is a struct tdx_rtmr_log_head, then head.event_size bytes
 * of event:
 *
 * - An event an agent gave (TDX_CMD_EXTEND_EVENT): EV_EVENT_TAG, the
 *   event a TCG_PCClientTaggedEvent (struct tdx_rtmr_log_tagged_event
 *   and its data) with the agent's tag, and the digest SHA-384 of that
 *   whole tagged event. For Confidential Containers' attestation agent
 *   (tag TDX_RTMR_LOG_TAG_AAEL, RTMR 3) this is byte for byte the record
 *   the agent writes to its own log.
 * - A digest-only extend (the measurements/rtmrN:sha384 files, the
 *   TDX_CMD_EXTEND_RTMR ioctl): EV_EVENT_TAG, a tagged event with tag
 *   TDX_RTMR_LOG_TAG_DIGEST and no data, and the digest that was
 *   extended (which is not the hash of that event: its content is not
 *   known).
 * - TDX_RTMR_LOG_TAG_BASELINE, EV_NO_ACTION (never extended): at the
 *   start of the log, one per RTMR whose value when tdx_guest loaded is
 *   not what the firmware's log replays to (something extended it that
 *   this log does not know of). Its event is a tagged event too, its
 *   data the 48-byte value; its digest is zero. Such a log cannot replay
 *   to that RTMR from the firmware's log.
 *
 * Records carry one digest, SHA-384: the one algorithm TDX firmware logs
 * declare. The two tags of the driver's own records are refused by
 * TDX_CMD_EXTEND_EVENT, so no agent can forge them.
 */
#ifndef _UAPI_TDX_GUEST_RTMR_LOG_H
#define _UAPI_TDX_GUEST_RTMR_LOG_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* TCG values the records use. */
#define TDX_RTMR_LOG_EV_NO_ACTION	0x00000003
#define TDX_RTMR_LOG_EV_EVENT_TAG	0x00000006
#define TDX_RTMR_LOG_ALG_SHA384		0x000c
#define TDX_RTMR_LOG_DIGEST_SIZE	48

/* taggedEventID values; each reads as its name when printed in hex. */
#define TDX_RTMR_LOG_TAG_AAEL		0x4141454c	/* "AAEL", CoCo's agent */
#define TDX_RTMR_LOG_TAG_DIGEST		0x54445844	/* "TDXD": digest only */
#define TDX_RTMR_LOG_TAG_BASELINE	0x54445842	/* "TDXB": value at load */

/**
 * struct tdx_rtmr_log_head - a TCG_PCR_EVENT2 with one digest, up to its
 *	event (66 bytes; the event follows).
 * @mr_index: the RTMR plus one (0 would be MRTD), as in a TD's CCEL.
 * @event_type: TDX_RTMR_LOG_EV_EVENT_TAG or TDX_RTMR_LOG_EV_NO_ACTION.
 * @digest_count: 1.
 * @alg_id: TDX_RTMR_LOG_ALG_SHA384.
 * @digest: what was extended into the RTMR (zero for EV_NO_ACTION).
 * @event_size: bytes of event that follow.
 */
struct tdx_rtmr_log_head {
	__le32 mr_index;
	__le32 event_type;
	__le32 digest_count;
	__le16 alg_id;
	__u8 digest[TDX_RTMR_LOG_DIGEST_SIZE];
	__le32 event_size;
} __attribute__((packed));

/**
 * struct tdx_rtmr_log_tagged_event - TCG_PCClientTaggedEvent.
 * @tag_id: taggedEventID.
 * @data_size: taggedEventDataSize, the bytes of @data.
 * @data: taggedEventData.
 */
struct tdx_rtmr_log_tagged_event {
	__le32 tag_id;
	__le32 data_size;
	__u8 data[];
} __attribute__((packed));

/* The most event data TDX_CMD_EXTEND_EVENT takes. */
#define TDX_RTMR_EVENT_DATA_MAX		65536

/**
 * struct tdx_rtmr_event_req - request of TDX_CMD_EXTEND_EVENT.
 * @index: in: the RTMR, 0..3.
 * @tag_id: in: the taggedEventID of the event; not TDX_RTMR_LOG_TAG_DIGEST
 *	nor TDX_RTMR_LOG_TAG_BASELINE. With TDX_RTMR_LOG_TAG_AAEL the data
 *	must be "DOMAIN OPERATION CONTENT" in UTF-8 (two spaces at least, no
 *	line feed in CONTENT), as the agent writes it: trustee refuses a
 *	whole log for one AAEL event it cannot parse; anything else is
 *	EINVAL.
 * @data_len: in: bytes at @data, at most TDX_RTMR_EVENT_DATA_MAX (0 is
 *	allowed).
 * @flags: in: 0; anything else is EINVAL.
 * @data: in: user address of the event's data.
 * @log_offset: out: where the event's record starts in rtmr_log.
 */
struct tdx_rtmr_event_req {
	__u32 index;
	__u32 tag_id;
	__u32 data_len;
	__u32 flags;
	__u64 data;
	__u64 log_offset;
};

/*
 * Extend RTMR @index with SHA-384 of the tagged event made of @tag_id and
 * @data, and append its record to rtmr_log, under the lock that also
 * serialises every TDG.MR.REPORT: no report sees the extend without the
 * record, nor the record without the extend.
 */
#define TDX_CMD_EXTEND_EVENT	_IOWR('T', 0x10, struct tdx_rtmr_event_req)

#endif /* _UAPI_TDX_GUEST_RTMR_LOG_H */
