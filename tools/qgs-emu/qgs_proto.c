// SPDX-License-Identifier: GPL-2.0
/*
 * QGS messages as they cross the emulated platform's device: a 4-byte
 * big-endian length, then a little-endian GET_QUOTE_REQ or GET_QUOTE_RESP.
 *
 * Requests come from the kernel, which copies them from a buffer the TD
 * filled; they are checked field by field all the same.
 */
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tdx-guest/qgs_msg.h>

#include "qgs_proto.h"

/**
 * qgs_parse_request() - find the TDREPORT in one framed GET_QUOTE_REQ.
 * @msg: the message as read from the device, length prefix included.
 * @len: bytes of @msg.
 * @report: on success, the report inside @msg.
 * @report_len: on success, bytes of @report (not yet checked to be 1024).
 * @err: where to describe a malformed message.
 * @errlen: size of @err.
 *
 * Return: 0, or -1 for a malformed message.
 */
int qgs_parse_request(const uint8_t *msg, size_t len,
		      const uint8_t **report, size_t *report_len,
		      char *err, size_t errlen)
{
	const struct tdx_qgs_get_quote_req *req;
	uint32_t prefix, body_len;
	uint64_t need;

	if (len < TDX_QGS_LEN_PREFIX + sizeof(*req)) {
		snprintf(err, errlen, "message of %zu bytes is too short", len);
		return -1;
	}
	memcpy(&prefix, msg, sizeof(prefix));
	body_len = be32toh(prefix);
	if (body_len != len - TDX_QGS_LEN_PREFIX) {
		snprintf(err, errlen, "length prefix %u, but %zu bytes follow",
			 body_len, len - TDX_QGS_LEN_PREFIX);
		return -1;
	}
	req = (const void *)(msg + TDX_QGS_LEN_PREFIX);
	if (le16toh(req->hdr.major_version) != TDX_QGS_MSG_MAJOR ||
	    le32toh(req->hdr.type) != TDX_QGS_GET_QUOTE_REQ ||
	    le32toh(req->hdr.size) != body_len) {
		snprintf(err, errlen,
			 "not a GET_QUOTE_REQ v%d (major %u, type %u, size %u)",
			 TDX_QGS_MSG_MAJOR, le16toh(req->hdr.major_version),
			 le32toh(req->hdr.type), le32toh(req->hdr.size));
		return -1;
	}
	need = (uint64_t)sizeof(*req) + le32toh(req->report_size) +
	       le32toh(req->id_list_size);
	if (need != body_len) {
		snprintf(err, errlen,
			 "report (%u) and ID list (%u) do not fill %u bytes",
			 le32toh(req->report_size), le32toh(req->id_list_size),
			 body_len);
		return -1;
	}
	*report = req->report_id_list;
	*report_len = le32toh(req->report_size);
	return 0;
}

/**
 * qgs_build_response() - one framed GET_QUOTE_RESP.
 * @error_code: TDX_QGS_SUCCESS, or why there is no Quote.
 * @quote: the Quote, or NULL.
 * @quote_len: bytes of @quote (0 with an error).
 * @msg_len: on success, bytes of the message, length prefix included.
 *
 * Return: the malloc()ed message, or NULL when out of memory.
 */
uint8_t *qgs_build_response(uint32_t error_code, const uint8_t *quote,
			    size_t quote_len, size_t *msg_len)
{
	struct tdx_qgs_get_quote_resp *resp;
	size_t body_len = sizeof(*resp) + quote_len;
	uint32_t prefix = htobe32((uint32_t)body_len);
	uint8_t *msg = calloc(1, TDX_QGS_LEN_PREFIX + body_len);

	if (!msg)
		return NULL;
	memcpy(msg, &prefix, sizeof(prefix));
	resp = (void *)(msg + TDX_QGS_LEN_PREFIX);
	resp->hdr.major_version = htole16(TDX_QGS_MSG_MAJOR);
	resp->hdr.minor_version = htole16(TDX_QGS_MSG_MINOR);
	resp->hdr.type = htole32(TDX_QGS_GET_QUOTE_RESP);
	resp->hdr.size = htole32((uint32_t)body_len);
	resp->hdr.error_code = htole32(error_code);
	resp->selected_id_size = 0;
	resp->quote_size = htole32((uint32_t)quote_len);
	if (quote_len)
		memcpy(resp->id_quote, quote, quote_len);
	*msg_len = TDX_QGS_LEN_PREFIX + body_len;
	return msg;
}
