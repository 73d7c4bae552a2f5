/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Messages between a VMM and the Quote Generation Service, in the framing of
 * Intel DCAP's qgs_msg_lib: a 4-byte big-endian length, then a message that
 * starts with struct tdx_qgs_msg_hdr. All fields after the length prefix are
 * little-endian.
 *
 * The emulated platform's character device speaks exactly this framing, so
 * the emulated quote generation service is a QGS in miniature.
 */
#ifndef _TDX_GUEST_QGS_MSG_H
#define _TDX_GUEST_QGS_MSG_H

#include <linux/types.h>

#define TDX_QGS_MSG_MAJOR		1
#define TDX_QGS_MSG_MINOR		1

#define TDX_QGS_GET_QUOTE_REQ		0
#define TDX_QGS_GET_QUOTE_RESP		1

#define TDX_QGS_SUCCESS			0x0000
#define TDX_QGS_ERROR_UNEXPECTED	0x12001

/* Size of the big-endian length that precedes every message. */
#define TDX_QGS_LEN_PREFIX		4

/**
 * struct tdx_qgs_msg_hdr - header common to every QGS message.
 * @major_version: TDX_QGS_MSG_MAJOR.
 * @minor_version: TDX_QGS_MSG_MINOR.
 * @type: TDX_QGS_GET_QUOTE_REQ or TDX_QGS_GET_QUOTE_RESP.
 * @size: size of the whole message including this header.
 * @error_code: TDX_QGS_SUCCESS, or why the request failed.
 */
struct tdx_qgs_msg_hdr {
	__le16 major_version;
	__le16 minor_version;
	__le32 type;
	__le32 size;
	__le32 error_code;
};

/**
 * struct tdx_qgs_get_quote_req - GET_QUOTE_REQ.
 * @hdr: message header.
 * @report_size: bytes of TDREPORT at the start of @report_id_list.
 * @id_list_size: bytes of attestation key ID list after the report.
 * @report_id_list: the TDREPORT followed by the ID list.
 */
struct tdx_qgs_get_quote_req {
	struct tdx_qgs_msg_hdr hdr;
	__le32 report_size;
	__le32 id_list_size;
	__u8 report_id_list[];
};

/**
 * struct tdx_qgs_get_quote_resp - GET_QUOTE_RESP.
 * @hdr: message header.
 * @selected_id_size: bytes of selected key ID at the start of @id_quote.
 * @quote_size: bytes of Quote after the selected ID.
 * @id_quote: the selected ID followed by the Quote.
 */
struct tdx_qgs_get_quote_resp {
	struct tdx_qgs_msg_hdr hdr;
	__le32 selected_id_size;
	__le32 quote_size;
	__u8 id_quote[];
};

#endif /* _TDX_GUEST_QGS_MSG_H */
