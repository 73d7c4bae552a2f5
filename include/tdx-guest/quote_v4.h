/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Layout of an Intel TDX Quote, version 4, with an ECDSA-P256 attestation
 * key: the shapes of Intel DCAP's sgx_quote_4.h.
 *
 * A Quote is laid out as follows (all integers little-endian; ECDSA
 * signatures and public keys are raw big-endian coordinates, as in DCAP):
 *
 *   struct tdx_quote_header              48 bytes, signed
 *   struct tdx_quote_body               584 bytes, signed
 *   __le32 signature_data_len
 *   struct tdx_quote_ecdsa_sig_data     signature_data_len bytes:
 *     signature[64]                     over header + body, SHA-256
 *     attestation_key[64]
 *     struct tdx_quote_cert_data        type 6 (QE report certification):
 *       struct tdx_quote_qe_report_cert_data
 *         qe_report                     384-byte SGX report body
 *         qe_report_signature[64]       by the PCK leaf key
 *         __le16 qe_auth_data_size, qe_auth_data[]
 *       struct tdx_quote_cert_data      type 5: PEM PCK certificate chain
 *
 * The QE report's report_data binds the attestation key to the Quoting
 * Enclave: SHA-256(attestation_key || qe_auth_data), then 32 zero bytes.
 *
 * Shared by the emulated quote generation service, the quote inspector and
 * any kernel code that checks a Quote's header. A Quote comes from the host,
 * so consumers must bound every length against the bytes they hold.
 */
#ifndef _TDX_GUEST_QUOTE_V4_H
#define _TDX_GUEST_QUOTE_V4_H

/* User space defines __packed itself (see tools/Makefile). */
#include <linux/types.h>
#ifdef __KERNEL__
#include <linux/stddef.h>
#else
#include <stddef.h>
#endif

/* TDX_MEASUREMENT_SIZE, TDX_REPORTDATA_SIZE, tdx_layout_assert(). */
#include "tdreport.h"

#define TDX_QUOTE_VERSION_4			4
#define TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256	2
#define TDX_QUOTE_TEE_TYPE_TDX			0x00000081

/* Certification data types (DCAP: PCK_CERT_CHAIN, QE_REPORT_CERT). */
#define TDX_QUOTE_CERT_TYPE_PCK_CHAIN		5
#define TDX_QUOTE_CERT_TYPE_QE_REPORT		6

#define TDX_QUOTE_ECDSA_SIG_SIZE		64	/* raw r || s */
#define TDX_QUOTE_ECDSA_KEY_SIZE		64	/* raw x || y */
#define TDX_QUOTE_QE_VENDOR_ID_SIZE		16
#define TDX_QUOTE_USER_DATA_SIZE		20
#define TDX_QUOTE_TEE_TCB_SVN_SIZE		16
#define TDX_QUOTE_SGX_REPORT_DATA_SIZE		64

/* Intel's Quoting Enclave vendor ID, 939a7233-f79c-4ca9-940a-0db3957f0607. */
#define TDX_QUOTE_INTEL_QE_VENDOR_ID					\
	{ 0x93, 0x9a, 0x72, 0x33, 0xf7, 0x9c, 0x4c, 0xa9,		\
	  0x94, 0x0a, 0x0d, 0xb3, 0x95, 0x7f, 0x06, 0x07 }

/**
 * struct tdx_quote_header - Quote header, the first signed part.
 * @version: TDX_QUOTE_VERSION_4.
 * @att_key_type: TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256.
 * @tee_type: TDX_QUOTE_TEE_TYPE_TDX.
 * @qe_svn: security version of the Quoting Enclave.
 * @pce_svn: security version of the Provisioning Certification Enclave.
 * @qe_vendor_id: vendor of the Quoting Enclave.
 * @user_data: custom data of the Quoting Enclave (platform instance ID).
 */
struct tdx_quote_header {
	__le16 version;
	__le16 att_key_type;
	__le32 tee_type;
	__le16 qe_svn;
	__le16 pce_svn;
	__u8 qe_vendor_id[TDX_QUOTE_QE_VENDOR_ID_SIZE];
	__u8 user_data[TDX_QUOTE_USER_DATA_SIZE];
} __packed;

/**
 * struct tdx_quote_body - TD quote body, copied from the TDREPORT.
 * @tee_tcb_svn: TDX module security version (TEE_TCB_INFO).
 * @mrseam: measurement of the TDX module (TEE_TCB_INFO).
 * @mrsignerseam: signer of the TDX module (TEE_TCB_INFO).
 * @seam_attributes: TDX module attributes (TEE_TCB_INFO).
 * @td_attributes: TD attributes (TDINFO; bit 0 is DEBUG).
 * @xfam: extended features available mask (TDINFO).
 * @mrtd: build-time measurement of the TD (TDINFO).
 * @mrconfigid: software-defined configuration ID (TDINFO).
 * @mrowner: software-defined owner ID (TDINFO).
 * @mrownerconfig: software-defined owner configuration ID (TDINFO).
 * @rtmr: runtime measurement registers 0..3 (TDINFO).
 * @reportdata: the TD's 64 bytes of REPORTDATA (REPORTMACSTRUCT).
 */
struct tdx_quote_body {
	__u8 tee_tcb_svn[TDX_QUOTE_TEE_TCB_SVN_SIZE];
	__u8 mrseam[TDX_MEASUREMENT_SIZE];
	__u8 mrsignerseam[TDX_MEASUREMENT_SIZE];
	__u8 seam_attributes[8];
	__u8 td_attributes[8];
	__u8 xfam[8];
	__u8 mrtd[TDX_MEASUREMENT_SIZE];
	__u8 mrconfigid[TDX_MEASUREMENT_SIZE];
	__u8 mrowner[TDX_MEASUREMENT_SIZE];
	__u8 mrownerconfig[TDX_MEASUREMENT_SIZE];
	__u8 rtmr[TDX_RTMR_COUNT][TDX_MEASUREMENT_SIZE];
	__u8 reportdata[TDX_REPORTDATA_SIZE];
};

/**
 * struct tdx_quote_v4 - fixed part of a Quote v4.
 * @header: Quote header.
 * @body: TD quote body.
 * @signature_data_len: bytes of @signature_data.
 * @signature_data: struct tdx_quote_ecdsa_sig_data.
 */
struct tdx_quote_v4 {
	struct tdx_quote_header header;
	struct tdx_quote_body body;
	__le32 signature_data_len;
	__u8 signature_data[];
} __packed;

/**
 * struct tdx_quote_cert_data - certification data header.
 * @type: TDX_QUOTE_CERT_TYPE_*.
 * @size: bytes of @data.
 * @data: the certification data of type @type.
 */
struct tdx_quote_cert_data {
	__le16 type;
	__le32 size;
	__u8 data[];
} __packed;

/**
 * struct tdx_quote_ecdsa_sig_data - ECDSA-P256 signature data.
 * @signature: raw r || s over header and body, SHA-256.
 * @attestation_key: raw x || y of the attestation public key.
 * @cert_data: certification data, TDX_QUOTE_CERT_TYPE_QE_REPORT.
 */
struct tdx_quote_ecdsa_sig_data {
	__u8 signature[TDX_QUOTE_ECDSA_SIG_SIZE];
	__u8 attestation_key[TDX_QUOTE_ECDSA_KEY_SIZE];
	struct tdx_quote_cert_data cert_data;
} __packed;

/**
 * struct tdx_sgx_report_body - SGX report body (the QE report).
 * @cpusvn: CPU security version.
 * @miscselect: SSA frame extended features.
 * @reserved1: reserved, zero.
 * @isv_ext_prod_id: ISV extended product ID.
 * @attributes: enclave attributes (flags, xfrm).
 * @mrenclave: measurement of the enclave.
 * @reserved2: reserved, zero.
 * @mrsigner: hash of the enclave signer's public key.
 * @reserved3: reserved, zero.
 * @config_id: enclave configuration ID.
 * @isv_prod_id: ISV product ID.
 * @isv_svn: ISV security version.
 * @config_svn: configuration security version.
 * @reserved4: reserved, zero.
 * @isv_family_id: ISV family ID.
 * @report_data: data supplied by the enclave.
 */
struct tdx_sgx_report_body {
	__u8 cpusvn[16];
	__le32 miscselect;
	__u8 reserved1[12];
	__u8 isv_ext_prod_id[16];
	__u8 attributes[16];
	__u8 mrenclave[32];
	__u8 reserved2[32];
	__u8 mrsigner[32];
	__u8 reserved3[32];
	__u8 config_id[64];
	__le16 isv_prod_id;
	__le16 isv_svn;
	__le16 config_svn;
	__u8 reserved4[42];
	__u8 isv_family_id[16];
	__u8 report_data[TDX_QUOTE_SGX_REPORT_DATA_SIZE];
} __packed;

/**
 * struct tdx_quote_qe_report_cert_data - data of certification type 6.
 * @qe_report: report of the Quoting Enclave.
 * @qe_report_signature: raw r || s over @qe_report by the PCK leaf key.
 * @qe_auth_data_size: bytes of @qe_auth_data.
 * @qe_auth_data: QE authentication data; a struct tdx_quote_cert_data of
 *	type TDX_QUOTE_CERT_TYPE_PCK_CHAIN follows it.
 */
struct tdx_quote_qe_report_cert_data {
	struct tdx_sgx_report_body qe_report;
	__u8 qe_report_signature[TDX_QUOTE_ECDSA_SIG_SIZE];
	__le16 qe_auth_data_size;
	__u8 qe_auth_data[];
} __packed;

/* Bytes before the variable-length signature data. */
#define TDX_QUOTE_V4_FIXED_SIZE		sizeof(struct tdx_quote_v4)

tdx_layout_assert(sizeof(struct tdx_quote_header) == 48, "quote header");
tdx_layout_assert(offsetof(struct tdx_quote_header, tee_type) == 4,
		  "quote header tee_type");
tdx_layout_assert(offsetof(struct tdx_quote_header, qe_vendor_id) == 12,
		  "quote header qe_vendor_id");
tdx_layout_assert(offsetof(struct tdx_quote_header, user_data) == 28,
		  "quote header user_data");

tdx_layout_assert(sizeof(struct tdx_quote_body) == 584, "TD quote body");
tdx_layout_assert(offsetof(struct tdx_quote_body, mrseam) == 16,
		  "TD quote body mrseam");
tdx_layout_assert(offsetof(struct tdx_quote_body, td_attributes) == 120,
		  "TD quote body td_attributes");
tdx_layout_assert(offsetof(struct tdx_quote_body, mrtd) == 136,
		  "TD quote body mrtd");
tdx_layout_assert(offsetof(struct tdx_quote_body, rtmr) == 328,
		  "TD quote body rtmr");
tdx_layout_assert(offsetof(struct tdx_quote_body, reportdata) == 520,
		  "TD quote body reportdata");

tdx_layout_assert(sizeof(struct tdx_quote_v4) == 636, "quote v4 fixed part");
tdx_layout_assert(offsetof(struct tdx_quote_v4, body) == 48,
		  "quote v4 body");
tdx_layout_assert(offsetof(struct tdx_quote_v4, signature_data_len) == 632,
		  "quote v4 signature_data_len");

tdx_layout_assert(sizeof(struct tdx_quote_cert_data) == 6,
		  "certification data header");
tdx_layout_assert(sizeof(struct tdx_quote_ecdsa_sig_data) == 134,
		  "ECDSA signature data fixed part");
tdx_layout_assert(offsetof(struct tdx_quote_ecdsa_sig_data, cert_data) == 128,
		  "ECDSA signature data cert_data");

tdx_layout_assert(sizeof(struct tdx_sgx_report_body) == 384,
		  "SGX report body");
tdx_layout_assert(offsetof(struct tdx_sgx_report_body, mrenclave) == 64,
		  "SGX report body mrenclave");
tdx_layout_assert(offsetof(struct tdx_sgx_report_body, mrsigner) == 128,
		  "SGX report body mrsigner");
tdx_layout_assert(offsetof(struct tdx_sgx_report_body, isv_prod_id) == 256,
		  "SGX report body isv_prod_id");
tdx_layout_assert(offsetof(struct tdx_sgx_report_body, report_data) == 320,
		  "SGX report body report_data");

tdx_layout_assert(sizeof(struct tdx_quote_qe_report_cert_data) == 450,
		  "QE report certification data fixed part");
tdx_layout_assert(offsetof(struct tdx_quote_qe_report_cert_data,
			   qe_auth_data_size) == 448,
		  "QE report certification data qe_auth_data_size");

#endif /* _TDX_GUEST_QUOTE_V4_H */
