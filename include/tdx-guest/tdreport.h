/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Layout of TDREPORT_STRUCT, the 1024-byte output of TDG.MR.REPORT.
 *
 * Shared by the provider, the emulated TDX module, KUnit suites and the
 * user-space tools, so every consumer agrees on one definition. Offsets are
 * those of the Intel TDX Module ABI specification; the static asserts at the
 * end keep them honest in both kernel and user-space builds.
 */
#ifndef _TDX_GUEST_TDREPORT_H
#define _TDX_GUEST_TDREPORT_H

#include <linux/const.h>
#include <linux/types.h>

#define TDX_REPORTDATA_SIZE		64
#define TDX_TDREPORT_SIZE		1024
#define TDX_MEASUREMENT_SIZE		48	/* SHA-384 digest */
#define TDX_RTMR_COUNT			4

/* TDG.MR.REPORT requires these alignments of its operands. */
#define TDX_TDREPORT_ALIGN		1024
#define TDX_REPORTDATA_ALIGN		64
/* TDG.MR.RTMR.EXTEND requires a 64-byte aligned digest buffer. */
#define TDX_EXTEND_ALIGN		64

/* REPORTTYPE.type for a TDX (as opposed to SGX) report. */
#define TDX_REPORT_TYPE_TDX		0x81
/* TDINFO.attributes bit 0: the TD is debuggable, so it is not trustworthy. */
#define TDX_TDINFO_ATTR_DEBUG		_BITULL(0)

/**
 * struct tdx_reportmac - REPORTMACSTRUCT, the MAC-protected report header.
 * @type: report type (0x81 for TDX).
 * @subtype: report subtype (0).
 * @version: report version.
 * @reserved_type: reserved.
 * @reserved1: reserved, zero.
 * @cpusvn: CPU security version.
 * @tee_tcb_info_hash: SHA-384 of TEE_TCB_INFO.
 * @tee_info_hash: SHA-384 of TDINFO.
 * @reportdata: the caller's 64 bytes.
 * @reserved2: reserved, zero.
 * @mac: MAC over all of the above.
 */
struct tdx_reportmac {
	__u8 type;
	__u8 subtype;
	__u8 version;
	__u8 reserved_type;
	__u8 reserved1[12];
	__u8 cpusvn[16];
	__u8 tee_tcb_info_hash[TDX_MEASUREMENT_SIZE];
	__u8 tee_info_hash[TDX_MEASUREMENT_SIZE];
	__u8 reportdata[TDX_REPORTDATA_SIZE];
	__u8 reserved2[32];
	__u8 mac[32];
};

/**
 * struct tdx_tee_tcb_info - TEE_TCB_INFO: the TDX module's own identity.
 * @valid: bitmap of the fields that are valid.
 * @tee_tcb_svn: TDX module security version.
 * @mrseam: measurement of the TDX module.
 * @mrsignerseam: signer of the TDX module (zero for Intel).
 * @attributes: TDX module attributes.
 * @reserved: reserved, zero.
 */
struct tdx_tee_tcb_info {
	__u8 valid[8];
	__u8 tee_tcb_svn[16];
	__u8 mrseam[TDX_MEASUREMENT_SIZE];
	__u8 mrsignerseam[TDX_MEASUREMENT_SIZE];
	__u8 attributes[8];
	__u8 reserved[111];
};

/**
 * struct tdx_tdinfo - TDINFO: the measurements of the TD itself.
 * @attributes: TD attributes (bit 0 is DEBUG).
 * @xfam: extended features available mask.
 * @mrtd: build-time measurement of the TD.
 * @mrconfigid: software-defined configuration ID.
 * @mrowner: software-defined owner ID.
 * @mrownerconfig: software-defined owner configuration ID.
 * @rtmr: runtime measurement registers 0..3.
 * @servtd_hash: hash of bound service TDs.
 * @reserved: reserved, zero.
 */
struct tdx_tdinfo {
	__u8 attributes[8];
	__u8 xfam[8];
	__u8 mrtd[TDX_MEASUREMENT_SIZE];
	__u8 mrconfigid[TDX_MEASUREMENT_SIZE];
	__u8 mrowner[TDX_MEASUREMENT_SIZE];
	__u8 mrownerconfig[TDX_MEASUREMENT_SIZE];
	__u8 rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	__u8 servtd_hash[TDX_MEASUREMENT_SIZE];
	__u8 reserved[64];
};

/**
 * struct tdx_tdreport - TDREPORT_STRUCT as written by TDG.MR.REPORT.
 * @mac: the MAC-protected header, including REPORTDATA.
 * @tee_tcb_info: the TDX module's identity.
 * @reserved: reserved, zero.
 * @tdinfo: the TD's measurements.
 */
struct tdx_tdreport {
	struct tdx_reportmac mac;
	struct tdx_tee_tcb_info tee_tcb_info;
	__u8 reserved[17];
	struct tdx_tdinfo tdinfo;
};

#ifdef __KERNEL__
#include <linux/build_bug.h>
#define tdx_layout_assert(c, m)	static_assert(c, m)
#else
#include <assert.h>
#define tdx_layout_assert(c, m)	static_assert(c, m)
#endif

tdx_layout_assert(sizeof(struct tdx_reportmac) == 256, "REPORTMACSTRUCT");
tdx_layout_assert(sizeof(struct tdx_tee_tcb_info) == 239, "TEE_TCB_INFO");
tdx_layout_assert(sizeof(struct tdx_tdinfo) == 512, "TDINFO");
tdx_layout_assert(sizeof(struct tdx_tdreport) == TDX_TDREPORT_SIZE,
		  "TDREPORT_STRUCT");

#endif /* _TDX_GUEST_TDREPORT_H */
