/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Layout of an Intel TDX Quote, version 5, and of what TDX module 1.5 adds
 * to the TDREPORT: the shapes of Intel DCAP's sgx_quote_5.h and of the TDX
 * module 1.5 ABI.
 *
 * A Quote v5 differs from v4 (quote_v4.h) only between the header and the
 * signature data, where a body descriptor says which body follows:
 *
 *   struct tdx_quote_header              48 bytes, version 5, signed
 *   struct tdx_quote_body_descriptor      6 bytes, signed
 *   the body                           size bytes, signed:
 *     type 2 (TD 1.0): struct tdx_quote_body      584 bytes
 *     type 3 (TD 1.5): struct tdx_quote_body_v15  648 bytes
 *   __le32 signature_data_len
 *   struct tdx_quote_ecdsa_sig_data     as in v4; its signature covers
 *                                       header, descriptor and body
 *
 * TDX module 1.5 reports say so with REPORTTYPE.version 1 and fill two
 * more fields: TEE_TCB_SVN2 inside TEE_TCB_INFO (struct
 * tdx_tee_tcb_info_v1) and the hash of the bound service TDs,
 * TDINFO.servtd_hash, which a TD 1.5 Quote body calls MRSERVICETD.
 */
#ifndef _TDX_GUEST_QUOTE_V5_H
#define _TDX_GUEST_QUOTE_V5_H

#include "quote_v4.h"

#define TDX_QUOTE_VERSION_5			5
/* Body types of the Quote v5 body descriptor (1 is an SGX enclave body). */
#define TDX_QUOTE_BODY_TYPE_TD10		2
#define TDX_QUOTE_BODY_TYPE_TD15		3

/* REPORTTYPE.version of a TDREPORT from TDX module 1.5. */
#define TDX_TDREPORT_VERSION_15			1

/**
 * struct tdx_quote_body_descriptor - what body a Quote v5 carries.
 * @type: TDX_QUOTE_BODY_TYPE_TD10 or TDX_QUOTE_BODY_TYPE_TD15.
 * @size: bytes of the body that follows.
 */
struct tdx_quote_body_descriptor {
	__le16 type;
	__le32 size;
} __packed;

/**
 * struct tdx_quote_body_v15 - TD 1.5 quote body (body type 3).
 * @v10: the TD 1.0 body, unchanged.
 * @tee_tcb_svn2: TEE_TCB_SVN2 of TEE_TCB_INFO (TDX module 1.5).
 * @mrservicetd: TDINFO.servtd_hash, the hash of the bound service TDs.
 */
struct tdx_quote_body_v15 {
	struct tdx_quote_body v10;
	__u8 tee_tcb_svn2[TDX_QUOTE_TEE_TCB_SVN_SIZE];
	__u8 mrservicetd[TDX_MEASUREMENT_SIZE];
};

/* Bytes from the start of a Quote v5 to its body. */
#define TDX_QUOTE_V5_BODY_OFFSET				\
	(sizeof(struct tdx_quote_header) +			\
	 sizeof(struct tdx_quote_body_descriptor))

/**
 * struct tdx_tee_tcb_info_v1 - TEE_TCB_INFO of a TDREPORT version 1.
 * @valid: bitmap of the fields that are valid.
 * @tee_tcb_svn: TDX module security version.
 * @mrseam: measurement of the TDX module.
 * @mrsignerseam: signer of the TDX module (zero for Intel).
 * @attributes: TDX module attributes.
 * @tee_tcb_svn2: security version of the TDX module 1.5 TCB.
 * @reserved: reserved, zero.
 *
 * Same size and prefix as struct tdx_tee_tcb_info: TDX module 1.5 took
 * @tee_tcb_svn2 out of the reserved bytes.
 */
struct tdx_tee_tcb_info_v1 {
	__u8 valid[8];
	__u8 tee_tcb_svn[16];
	__u8 mrseam[TDX_MEASUREMENT_SIZE];
	__u8 mrsignerseam[TDX_MEASUREMENT_SIZE];
	__u8 attributes[8];
	__u8 tee_tcb_svn2[16];
	__u8 reserved[95];
};

tdx_layout_assert(sizeof(struct tdx_quote_body_descriptor) == 6,
		  "quote v5 body descriptor");
tdx_layout_assert(sizeof(struct tdx_quote_body_v15) == 648,
		  "TD 1.5 quote body");
tdx_layout_assert(offsetof(struct tdx_quote_body_v15, tee_tcb_svn2) == 584,
		  "TD 1.5 quote body tee_tcb_svn2");
tdx_layout_assert(offsetof(struct tdx_quote_body_v15, mrservicetd) == 600,
		  "TD 1.5 quote body mrservicetd");
tdx_layout_assert(TDX_QUOTE_V5_BODY_OFFSET == 54, "quote v5 body offset");
tdx_layout_assert(sizeof(struct tdx_tee_tcb_info_v1) ==
		  sizeof(struct tdx_tee_tcb_info), "TEE_TCB_INFO v1");
tdx_layout_assert(offsetof(struct tdx_tee_tcb_info_v1, tee_tcb_svn2) == 128,
		  "TEE_TCB_INFO v1 tee_tcb_svn2");

#endif /* _TDX_GUEST_QUOTE_V5_H */
