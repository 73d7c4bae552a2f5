/* SPDX-License-Identifier: GPL-2.0 */
/*
 * QGS messages (include/tdx-guest/qgs_msg.h) as they cross the
 * emulated platform's device: each one preceded by its big-endian length.
 */
#ifndef QGS_EMU_QGS_PROTO_H
#define QGS_EMU_QGS_PROTO_H

#include <stddef.h>
#include <stdint.h>

int qgs_parse_request(const uint8_t *msg, size_t len,
		      const uint8_t **report, size_t *report_len,
		      char *err, size_t errlen);
uint8_t *qgs_build_response(uint32_t error_code, const uint8_t *quote,
			    size_t quote_len, size_t *msg_len);

#endif /* QGS_EMU_QGS_PROTO_H */
