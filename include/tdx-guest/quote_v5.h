/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Layout of an Intel TDX Quote, version 5: the shapes of Intel DCAP's
 * sgx_quote_5.h.
 *
 * Version 5 puts a body descriptor between the header and the body, so one
 * format can carry bodies of different TDX module generations:
 *
 *   struct tdx_quote_header                 48 bytes, signed (version 5)
 *   struct tdx_quote_body_descriptor         6 bytes, signed
 *   body                                  size bytes, signed:
 *     type 2: struct tdx_quote_body          584 bytes (TDX module 1.0)
 *     type 3: struct tdx_quote_body_v1_5     648 bytes (TDX module 1.5)
 *   __le32 signature_data_len
 *   struct tdx_quote_ecdsa_sig_data         as in Quote v4 (quote_v4.h)
 *
 * The Quote signature covers header, descriptor and body together. Real
 * quote services return the Quote in a larger buffer; what follows the
 * signature data is not signed and not part of the Quote.
 */
#ifndef _TDX_GUEST_QUOTE_V5_H
#define _TDX_GUEST_QUOTE_V5_H

#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/stddef.h>
#else
#include <stddef.h>
#endif

#include "quote_v4.h"

#define TDX_QUOTE_VERSION_5		5

/* Body types of a Quote v5 (1 is an SGX enclave report, not a TD). */
#define TDX_QUOTE_BODY_TYPE_SGX		1
#define TDX_QUOTE_BODY_TYPE_TD10	2
#define TDX_QUOTE_BODY_TYPE_TD15	3

/**
 * struct tdx_quote_body_descriptor - what kind of body a Quote v5 carries.
 * @type: TDX_QUOTE_BODY_TYPE_*.
 * @size: bytes of the body that follows.
 */
struct tdx_quote_body_descriptor {
	__le16 type;
	__le32 size;
} __packed;

/**
 * struct tdx_quote_body_v1_5 - TD quote body of a TDX module 1.5 report.
 * @td10: the TDX module 1.0 body, unchanged.
 * @tee_tcb_svn2: TEE_TCB_SVN2 of TEE_TCB_INFO (TDREPORT version 1).
 * @mrservicetd: SERVTD_HASH of TDINFO: hash of the bound service TDs.
 */
struct tdx_quote_body_v1_5 {
	struct tdx_quote_body td10;
	__u8 tee_tcb_svn2[TDX_QUOTE_TEE_TCB_SVN_SIZE];
	__u8 mrservicetd[TDX_MEASUREMENT_SIZE];
};

/**
 * struct tdx_quote_v5 - fixed part of a Quote v5.
 * @header: Quote header, version TDX_QUOTE_VERSION_5.
 * @desc: type and size of @body.
 * @body: the body, then __le32 signature_data_len and the signature data.
 */
struct tdx_quote_v5 {
	struct tdx_quote_header header;
	struct tdx_quote_body_descriptor desc;
	__u8 body[];
} __packed;

tdx_layout_assert(sizeof(struct tdx_quote_body_descriptor) == 6,
		  "quote v5 body descriptor");
tdx_layout_assert(sizeof(struct tdx_quote_body_v1_5) == 648,
		  "TD 1.5 quote body");
tdx_layout_assert(offsetof(struct tdx_quote_body_v1_5, tee_tcb_svn2) == 584,
		  "TD 1.5 quote body tee_tcb_svn2");
tdx_layout_assert(offsetof(struct tdx_quote_body_v1_5, mrservicetd) == 600,
		  "TD 1.5 quote body mrservicetd");
tdx_layout_assert(sizeof(struct tdx_quote_v5) == 54, "quote v5 fixed part");
tdx_layout_assert(offsetof(struct tdx_quote_v5, body) == 54, "quote v5 body");

#endif /* _TDX_GUEST_QUOTE_V5_H */
