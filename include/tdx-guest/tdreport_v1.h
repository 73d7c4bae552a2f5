/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * TDREPORT_STRUCT format version 1, as the TDX module 1.5 writes it.
 *
 * The report is still 1024 bytes with the layout of tdreport.h; what
 * changes is inside TEE_TCB_INFO, where 16 of the reserved bytes become
 * TEE_TCB_SVN2 (the SVN of the TDX module the TD was migrated or preserved
 * from), and the meaning of TDINFO's SERVTD_HASH, which Quote v5 calls
 * MRSERVICETD. REPORTMACSTRUCT's version byte says which format a report
 * has; readers must look at it before they read TEE_TCB_SVN2.
 */
#ifndef _TDX_GUEST_TDREPORT_V1_H
#define _TDX_GUEST_TDREPORT_V1_H

#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/stddef.h>
#else
#include <stddef.h>
#endif

#include "tdreport.h"

/* REPORTMACSTRUCT.version of a TDX module 1.0 and a 1.5 report. */
#define TDX_REPORT_VERSION_0		0
#define TDX_REPORT_VERSION_1		1

/**
 * struct tdx_tee_tcb_info_v1 - TEE_TCB_INFO of a version 1 TDREPORT.
 * @valid: bitmap of the fields that are valid.
 * @tee_tcb_svn: TDX module security version.
 * @mrseam: measurement of the TDX module.
 * @mrsignerseam: signer of the TDX module (zero for Intel).
 * @attributes: TDX module attributes.
 * @tee_tcb_svn2: security version of the TDX module before a TD-preserving
 *	update.
 * @reserved: reserved, zero.
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

/**
 * struct tdx_tdreport_v1 - TDREPORT_STRUCT of format version 1.
 * @mac: the MAC-protected header; mac.version is TDX_REPORT_VERSION_1.
 * @tee_tcb_info: the TDX module's identity, with TEE_TCB_SVN2.
 * @reserved: reserved, zero.
 * @tdinfo: the TD's measurements; tdinfo.servtd_hash is MRSERVICETD.
 */
struct tdx_tdreport_v1 {
	struct tdx_reportmac mac;
	struct tdx_tee_tcb_info_v1 tee_tcb_info;
	__u8 reserved[17];
	struct tdx_tdinfo tdinfo;
};

tdx_layout_assert(sizeof(struct tdx_tee_tcb_info_v1) ==
		  sizeof(struct tdx_tee_tcb_info), "TEE_TCB_INFO v1 size");
tdx_layout_assert(offsetof(struct tdx_tee_tcb_info_v1, tee_tcb_svn2) == 128,
		  "TEE_TCB_INFO v1 tee_tcb_svn2");
tdx_layout_assert(sizeof(struct tdx_tdreport_v1) == TDX_TDREPORT_SIZE,
		  "TDREPORT_STRUCT v1");
tdx_layout_assert(offsetof(struct tdx_tdreport_v1, tee_tcb_info.tee_tcb_svn2) ==
		  384, "TDREPORT v1 tee_tcb_svn2");
tdx_layout_assert(offsetof(struct tdx_tdreport_v1, tdinfo.servtd_hash) == 912,
		  "TDREPORT v1 servtd_hash");

#endif /* _TDX_GUEST_TDREPORT_V1_H */
