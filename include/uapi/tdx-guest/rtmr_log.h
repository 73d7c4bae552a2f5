/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The runtime measurement log of tdx_guest, as read from
 * /sys/devices/virtual/misc/tdx_guest/rtmr_log: an array of fixed-size
 * little-endian records in the order they happened.
 *
 * It starts with one BASELINE record per RTMR, holding that register's
 * value when the module loaded, followed by one EXTEND record per
 * successful extend through tdx_guest. Replaying it:
 *
 *	rtmr[i] = value of i's BASELINE record
 *	for each EXTEND record r, in order:
 *		rtmr[r.index] = SHA-384(rtmr[r.index] || r.digest)
 *
 * gives, after some prefix of the records, exactly the RTMRs of any report
 * taken while the log was being written.
 */
#ifndef _UAPI_TDX_GUEST_RTMR_LOG_H
#define _UAPI_TDX_GUEST_RTMR_LOG_H

#include <linux/types.h>

#define TDX_RTMR_LOG_BASELINE	1
#define TDX_RTMR_LOG_EXTEND	2

/**
 * struct tdx_rtmr_log_entry - one record of the runtime measurement log.
 * @seq: position in the log, from 0, without gaps.
 * @type: TDX_RTMR_LOG_BASELINE or TDX_RTMR_LOG_EXTEND.
 * @index: the RTMR, 0..3.
 * @reserved: zero.
 * @digest: the RTMR's value (BASELINE) or the digest extended in (EXTEND).
 */
struct tdx_rtmr_log_entry {
	__le64 seq;
	__le16 type;
	__le16 index;
	__le32 reserved;
	__u8 digest[48];
};

#endif /* _UAPI_TDX_GUEST_RTMR_LOG_H */
