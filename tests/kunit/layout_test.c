// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_layout: the binary layouts every consumer shares sit at
 * the offsets of the Intel specifications (DESIGN.md section 4).
 *
 * Each table lists the fields of one structure in order, with the offset
 * the specification gives; a field's size is the distance to the next
 * field (or to the table's end), so the tables also prove that nothing
 * hides between fields. Offsets are from the start of the outermost
 * structure, as the specifications give them. The same offsets are
 * checked at compile time below, so a wrong layout does not even build;
 * the test cases say which field moved when a header is edited with the
 * assertions switched off.
 */
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <kunit/test.h>

#include <tdx-guest/quote_v4.h>

#include "tdx_kunit.h"

/**
 * struct tdx_layout_field - where a field is, and where it must be.
 * @name: the field.
 * @offset: its offset in this build.
 * @spec_offset: the offset the specification gives.
 * @spec_size: the size the specification gives.
 */
struct tdx_layout_field {
	const char *name;
	size_t offset;
	size_t spec_offset;
	size_t spec_size;
};

#define TDX_AT(type, member, off, len)					\
	{ #member, offsetof(type, member), off, len }

#define TDX_ASSERT_AT(type, member, off)				\
	static_assert(offsetof(type, member) == (off), #type "." #member)

/* TDREPORT_STRUCT, its four parts. */
TDX_ASSERT_AT(struct tdx_tdreport, mac, 0);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info, 256);
TDX_ASSERT_AT(struct tdx_tdreport, reserved, 495);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo, 512);
static_assert(sizeof(struct tdx_tdreport) == 1024);

static const struct tdx_layout_field tdreport_parts[] = {
	TDX_AT(struct tdx_tdreport, mac, 0, 256),
	TDX_AT(struct tdx_tdreport, tee_tcb_info, 256, 239),
	TDX_AT(struct tdx_tdreport, reserved, 495, 17),
	TDX_AT(struct tdx_tdreport, tdinfo, 512, 512),
};

/* REPORTMACSTRUCT: reporttype[4] is type, subtype, version, reserved. */
TDX_ASSERT_AT(struct tdx_tdreport, mac.type, 0);
TDX_ASSERT_AT(struct tdx_tdreport, mac.subtype, 1);
TDX_ASSERT_AT(struct tdx_tdreport, mac.version, 2);
TDX_ASSERT_AT(struct tdx_tdreport, mac.reserved_type, 3);
TDX_ASSERT_AT(struct tdx_tdreport, mac.reserved1, 4);
TDX_ASSERT_AT(struct tdx_tdreport, mac.cpusvn, 16);
TDX_ASSERT_AT(struct tdx_tdreport, mac.tee_tcb_info_hash, 32);
TDX_ASSERT_AT(struct tdx_tdreport, mac.tee_info_hash, 80);
TDX_ASSERT_AT(struct tdx_tdreport, mac.reportdata, 128);
TDX_ASSERT_AT(struct tdx_tdreport, mac.reserved2, 192);
TDX_ASSERT_AT(struct tdx_tdreport, mac.mac, 224);
static_assert(sizeof(struct tdx_reportmac) == 256);

static const struct tdx_layout_field reportmac_fields[] = {
	TDX_AT(struct tdx_tdreport, mac.type, 0, 1),
	TDX_AT(struct tdx_tdreport, mac.subtype, 1, 1),
	TDX_AT(struct tdx_tdreport, mac.version, 2, 1),
	TDX_AT(struct tdx_tdreport, mac.reserved_type, 3, 1),
	TDX_AT(struct tdx_tdreport, mac.reserved1, 4, 12),
	TDX_AT(struct tdx_tdreport, mac.cpusvn, 16, 16),
	TDX_AT(struct tdx_tdreport, mac.tee_tcb_info_hash, 32, 48),
	TDX_AT(struct tdx_tdreport, mac.tee_info_hash, 80, 48),
	TDX_AT(struct tdx_tdreport, mac.reportdata, 128, 64),
	TDX_AT(struct tdx_tdreport, mac.reserved2, 192, 32),
	TDX_AT(struct tdx_tdreport, mac.mac, 224, 32),
};

/* TEE_TCB_INFO. */
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.valid, 256);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.tee_tcb_svn, 264);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.mrseam, 280);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.mrsignerseam, 328);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.attributes, 376);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.reserved, 384);
static_assert(sizeof(struct tdx_tee_tcb_info) == 239);

static const struct tdx_layout_field tee_tcb_info_fields[] = {
	TDX_AT(struct tdx_tdreport, tee_tcb_info.valid, 256, 8),
	TDX_AT(struct tdx_tdreport, tee_tcb_info.tee_tcb_svn, 264, 16),
	TDX_AT(struct tdx_tdreport, tee_tcb_info.mrseam, 280, 48),
	TDX_AT(struct tdx_tdreport, tee_tcb_info.mrsignerseam, 328, 48),
	TDX_AT(struct tdx_tdreport, tee_tcb_info.attributes, 376, 8),
	TDX_AT(struct tdx_tdreport, tee_tcb_info.reserved, 384, 111),
};

/* TDINFO. */
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.attributes, 512);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.xfam, 520);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.mrtd, 528);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.mrconfigid, 576);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.mrowner, 624);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.mrownerconfig, 672);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.rtmr[0], 720);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.rtmr[1], 768);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.rtmr[2], 816);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.rtmr[3], 864);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.servtd_hash, 912);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo.reserved, 960);
static_assert(sizeof(struct tdx_tdinfo) == 512);

static const struct tdx_layout_field tdinfo_fields[] = {
	TDX_AT(struct tdx_tdreport, tdinfo.attributes, 512, 8),
	TDX_AT(struct tdx_tdreport, tdinfo.xfam, 520, 8),
	TDX_AT(struct tdx_tdreport, tdinfo.mrtd, 528, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.mrconfigid, 576, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.mrowner, 624, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.mrownerconfig, 672, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.rtmr[0], 720, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.rtmr[1], 768, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.rtmr[2], 816, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.rtmr[3], 864, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.servtd_hash, 912, 48),
	TDX_AT(struct tdx_tdreport, tdinfo.reserved, 960, 64),
};

/* Quote v4 header and TD quote body, from the start of the Quote. */
TDX_ASSERT_AT(struct tdx_quote_v4, header.version, 0);
TDX_ASSERT_AT(struct tdx_quote_v4, header.att_key_type, 2);
TDX_ASSERT_AT(struct tdx_quote_v4, header.tee_type, 4);
TDX_ASSERT_AT(struct tdx_quote_v4, header.qe_svn, 8);
TDX_ASSERT_AT(struct tdx_quote_v4, header.pce_svn, 10);
TDX_ASSERT_AT(struct tdx_quote_v4, header.qe_vendor_id, 12);
TDX_ASSERT_AT(struct tdx_quote_v4, header.user_data, 28);
TDX_ASSERT_AT(struct tdx_quote_v4, body.tee_tcb_svn, 48);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrseam, 48 + 16);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrsignerseam, 48 + 64);
TDX_ASSERT_AT(struct tdx_quote_v4, body.seam_attributes, 48 + 112);
TDX_ASSERT_AT(struct tdx_quote_v4, body.td_attributes, 48 + 120);
TDX_ASSERT_AT(struct tdx_quote_v4, body.xfam, 48 + 128);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrtd, 48 + 136);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrconfigid, 48 + 184);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrowner, 48 + 232);
TDX_ASSERT_AT(struct tdx_quote_v4, body.mrownerconfig, 48 + 280);
TDX_ASSERT_AT(struct tdx_quote_v4, body.rtmr[0], 48 + 328);
TDX_ASSERT_AT(struct tdx_quote_v4, body.rtmr[1], 48 + 376);
TDX_ASSERT_AT(struct tdx_quote_v4, body.rtmr[2], 48 + 424);
TDX_ASSERT_AT(struct tdx_quote_v4, body.rtmr[3], 48 + 472);
TDX_ASSERT_AT(struct tdx_quote_v4, body.reportdata, 48 + 520);
TDX_ASSERT_AT(struct tdx_quote_v4, signature_data_len, 632);
TDX_ASSERT_AT(struct tdx_quote_v4, signature_data, 636);
static_assert(sizeof(struct tdx_quote_header) == 48);
static_assert(sizeof(struct tdx_quote_body) == 584);
static_assert(sizeof(struct tdx_quote_v4) == 636);

static const struct tdx_layout_field quote_v4_fields[] = {
	TDX_AT(struct tdx_quote_v4, header.version, 0, 2),
	TDX_AT(struct tdx_quote_v4, header.att_key_type, 2, 2),
	TDX_AT(struct tdx_quote_v4, header.tee_type, 4, 4),
	TDX_AT(struct tdx_quote_v4, header.qe_svn, 8, 2),
	TDX_AT(struct tdx_quote_v4, header.pce_svn, 10, 2),
	TDX_AT(struct tdx_quote_v4, header.qe_vendor_id, 12, 16),
	TDX_AT(struct tdx_quote_v4, header.user_data, 28, 20),
	TDX_AT(struct tdx_quote_v4, body.tee_tcb_svn, 48, 16),
	TDX_AT(struct tdx_quote_v4, body.mrseam, 48 + 16, 48),
	TDX_AT(struct tdx_quote_v4, body.mrsignerseam, 48 + 64, 48),
	TDX_AT(struct tdx_quote_v4, body.seam_attributes, 48 + 112, 8),
	TDX_AT(struct tdx_quote_v4, body.td_attributes, 48 + 120, 8),
	TDX_AT(struct tdx_quote_v4, body.xfam, 48 + 128, 8),
	TDX_AT(struct tdx_quote_v4, body.mrtd, 48 + 136, 48),
	TDX_AT(struct tdx_quote_v4, body.mrconfigid, 48 + 184, 48),
	TDX_AT(struct tdx_quote_v4, body.mrowner, 48 + 232, 48),
	TDX_AT(struct tdx_quote_v4, body.mrownerconfig, 48 + 280, 48),
	TDX_AT(struct tdx_quote_v4, body.rtmr[0], 48 + 328, 48),
	TDX_AT(struct tdx_quote_v4, body.rtmr[1], 48 + 376, 48),
	TDX_AT(struct tdx_quote_v4, body.rtmr[2], 48 + 424, 48),
	TDX_AT(struct tdx_quote_v4, body.rtmr[3], 48 + 472, 48),
	TDX_AT(struct tdx_quote_v4, body.reportdata, 48 + 520, 64),
	TDX_AT(struct tdx_quote_v4, signature_data_len, 632, 4),
};

/* ECDSA-P256 signature data and its certification data. */
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, signature, 0);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, attestation_key, 64);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data, 128);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.type, 128);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.size, 130);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.data, 134);
static_assert(sizeof(struct tdx_quote_ecdsa_sig_data) == 134);
static_assert(sizeof(struct tdx_quote_cert_data) == 6);

static const struct tdx_layout_field ecdsa_sig_fields[] = {
	TDX_AT(struct tdx_quote_ecdsa_sig_data, signature, 0, 64),
	TDX_AT(struct tdx_quote_ecdsa_sig_data, attestation_key, 64, 64),
	TDX_AT(struct tdx_quote_ecdsa_sig_data, cert_data.type, 128, 2),
	TDX_AT(struct tdx_quote_ecdsa_sig_data, cert_data.size, 130, 4),
};

/* Certification data type 6: the QE report and what follows it. */
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_report, 0);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_report_signature,
	      384);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_auth_data_size, 448);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_auth_data, 450);
static_assert(sizeof(struct tdx_quote_qe_report_cert_data) == 450);

static const struct tdx_layout_field qe_report_cert_fields[] = {
	TDX_AT(struct tdx_quote_qe_report_cert_data, qe_report, 0, 384),
	TDX_AT(struct tdx_quote_qe_report_cert_data, qe_report_signature,
	       384, 64),
	TDX_AT(struct tdx_quote_qe_report_cert_data, qe_auth_data_size,
	       448, 2),
};

/* The SGX report body of the Quoting Enclave. */
TDX_ASSERT_AT(struct tdx_sgx_report_body, cpusvn, 0);
TDX_ASSERT_AT(struct tdx_sgx_report_body, miscselect, 16);
TDX_ASSERT_AT(struct tdx_sgx_report_body, reserved1, 20);
TDX_ASSERT_AT(struct tdx_sgx_report_body, isv_ext_prod_id, 32);
TDX_ASSERT_AT(struct tdx_sgx_report_body, attributes, 48);
TDX_ASSERT_AT(struct tdx_sgx_report_body, mrenclave, 64);
TDX_ASSERT_AT(struct tdx_sgx_report_body, reserved2, 96);
TDX_ASSERT_AT(struct tdx_sgx_report_body, mrsigner, 128);
TDX_ASSERT_AT(struct tdx_sgx_report_body, reserved3, 160);
TDX_ASSERT_AT(struct tdx_sgx_report_body, config_id, 192);
TDX_ASSERT_AT(struct tdx_sgx_report_body, isv_prod_id, 256);
TDX_ASSERT_AT(struct tdx_sgx_report_body, isv_svn, 258);
TDX_ASSERT_AT(struct tdx_sgx_report_body, config_svn, 260);
TDX_ASSERT_AT(struct tdx_sgx_report_body, reserved4, 262);
TDX_ASSERT_AT(struct tdx_sgx_report_body, isv_family_id, 304);
TDX_ASSERT_AT(struct tdx_sgx_report_body, report_data, 320);
static_assert(sizeof(struct tdx_sgx_report_body) == 384);

static const struct tdx_layout_field sgx_report_body_fields[] = {
	TDX_AT(struct tdx_sgx_report_body, cpusvn, 0, 16),
	TDX_AT(struct tdx_sgx_report_body, miscselect, 16, 4),
	TDX_AT(struct tdx_sgx_report_body, reserved1, 20, 12),
	TDX_AT(struct tdx_sgx_report_body, isv_ext_prod_id, 32, 16),
	TDX_AT(struct tdx_sgx_report_body, attributes, 48, 16),
	TDX_AT(struct tdx_sgx_report_body, mrenclave, 64, 32),
	TDX_AT(struct tdx_sgx_report_body, reserved2, 96, 32),
	TDX_AT(struct tdx_sgx_report_body, mrsigner, 128, 32),
	TDX_AT(struct tdx_sgx_report_body, reserved3, 160, 32),
	TDX_AT(struct tdx_sgx_report_body, config_id, 192, 64),
	TDX_AT(struct tdx_sgx_report_body, isv_prod_id, 256, 2),
	TDX_AT(struct tdx_sgx_report_body, isv_svn, 258, 2),
	TDX_AT(struct tdx_sgx_report_body, config_svn, 260, 2),
	TDX_AT(struct tdx_sgx_report_body, reserved4, 262, 42),
	TDX_AT(struct tdx_sgx_report_body, isv_family_id, 304, 16),
	TDX_AT(struct tdx_sgx_report_body, report_data, 320, 64),
};

/* The GetQuote shared buffer's header (GHCI). */
TDX_ASSERT_AT(struct tdx_getquote_hdr, version, 0);
TDX_ASSERT_AT(struct tdx_getquote_hdr, status, 8);
TDX_ASSERT_AT(struct tdx_getquote_hdr, in_len, 16);
TDX_ASSERT_AT(struct tdx_getquote_hdr, out_len, 20);
TDX_ASSERT_AT(struct tdx_getquote_hdr, data, 24);
static_assert(sizeof(struct tdx_getquote_hdr) == 24);

static const struct tdx_layout_field getquote_fields[] = {
	TDX_AT(struct tdx_getquote_hdr, version, 0, 8),
	TDX_AT(struct tdx_getquote_hdr, status, 8, 8),
	TDX_AT(struct tdx_getquote_hdr, in_len, 16, 4),
	TDX_AT(struct tdx_getquote_hdr, out_len, 20, 4),
};

/* A record of the runtime measurement log. */
TDX_ASSERT_AT(struct tdx_rtmr_log_entry, seq, 0);
TDX_ASSERT_AT(struct tdx_rtmr_log_entry, type, 8);
TDX_ASSERT_AT(struct tdx_rtmr_log_entry, index, 10);
TDX_ASSERT_AT(struct tdx_rtmr_log_entry, reserved, 12);
TDX_ASSERT_AT(struct tdx_rtmr_log_entry, digest, 16);
static_assert(sizeof(struct tdx_rtmr_log_entry) == 64);

static const struct tdx_layout_field rtmr_log_fields[] = {
	TDX_AT(struct tdx_rtmr_log_entry, seq, 0, 8),
	TDX_AT(struct tdx_rtmr_log_entry, type, 8, 2),
	TDX_AT(struct tdx_rtmr_log_entry, index, 10, 2),
	TDX_AT(struct tdx_rtmr_log_entry, reserved, 12, 4),
	TDX_AT(struct tdx_rtmr_log_entry, digest, 16, 48),
};

/*
 * Check @n fields that follow each other without gaps; @end is where the
 * last one ends in this build (the next part, or the structure's end).
 */
static void tdx_layout_check(struct kunit *test, const char *what,
			     const struct tdx_layout_field *f, size_t n,
			     size_t end)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t next = i + 1 < n ? f[i + 1].offset : end;

		KUNIT_EXPECT_EQ_MSG(test, f[i].offset, f[i].spec_offset,
				    "offset of %s.%s", what, f[i].name);
		KUNIT_EXPECT_EQ_MSG(test, next - f[i].offset, f[i].spec_size,
				    "size of %s.%s", what, f[i].name);
	}
}

static void tdreport_fields_sit_at_spec_offsets(struct kunit *test)
{
	tdx_layout_check(test, "TDREPORT", tdreport_parts,
			 ARRAY_SIZE(tdreport_parts),
			 sizeof(struct tdx_tdreport));
	tdx_layout_check(test, "REPORTMACSTRUCT", reportmac_fields,
			 ARRAY_SIZE(reportmac_fields),
			 offsetof(struct tdx_tdreport, tee_tcb_info));
	tdx_layout_check(test, "TEE_TCB_INFO", tee_tcb_info_fields,
			 ARRAY_SIZE(tee_tcb_info_fields),
			 offsetof(struct tdx_tdreport, reserved));
	tdx_layout_check(test, "TDINFO", tdinfo_fields,
			 ARRAY_SIZE(tdinfo_fields),
			 sizeof(struct tdx_tdreport));
	KUNIT_EXPECT_EQ(test, sizeof(struct tdx_tdreport), TDX_TDREPORT_SIZE);
}

static void quote_v4_fields_sit_at_dcap_offsets(struct kunit *test)
{
	tdx_layout_check(test, "Quote v4", quote_v4_fields,
			 ARRAY_SIZE(quote_v4_fields),
			 offsetof(struct tdx_quote_v4, signature_data));
	/* The body on its own, as DCAP's sgx_quote_4.h gives it. */
	KUNIT_EXPECT_EQ(test, sizeof(struct tdx_quote_header), 48);
	KUNIT_EXPECT_EQ(test, sizeof(struct tdx_quote_body), 584);
	KUNIT_EXPECT_EQ(test, offsetof(struct tdx_quote_body, reportdata), 520);
	KUNIT_EXPECT_EQ(test, offsetof(struct tdx_quote_body, rtmr), 328);
}

static void quote_signature_data_sits_at_dcap_offsets(struct kunit *test)
{
	tdx_layout_check(test, "ECDSA signature data", ecdsa_sig_fields,
			 ARRAY_SIZE(ecdsa_sig_fields),
			 offsetof(struct tdx_quote_ecdsa_sig_data,
				  cert_data.data));
	tdx_layout_check(test, "QE report certification data",
			 qe_report_cert_fields,
			 ARRAY_SIZE(qe_report_cert_fields),
			 offsetof(struct tdx_quote_qe_report_cert_data,
				  qe_auth_data));
	tdx_layout_check(test, "SGX report body", sgx_report_body_fields,
			 ARRAY_SIZE(sgx_report_body_fields),
			 sizeof(struct tdx_sgx_report_body));
}

static void getquote_header_fields_sit_at_ghci_offsets(struct kunit *test)
{
	tdx_layout_check(test, "GetQuote header", getquote_fields,
			 ARRAY_SIZE(getquote_fields),
			 offsetof(struct tdx_getquote_hdr, data));
	KUNIT_EXPECT_EQ(test, sizeof(struct tdx_getquote_hdr), 24);
}

static void rtmr_log_record_is_64_bytes(struct kunit *test)
{
	tdx_layout_check(test, "RTMR log record", rtmr_log_fields,
			 ARRAY_SIZE(rtmr_log_fields),
			 sizeof(struct tdx_rtmr_log_entry));
	KUNIT_EXPECT_EQ(test, sizeof(struct tdx_rtmr_log_entry), 64);
}

static struct kunit_case tdx_layout_cases[] = {
	KUNIT_CASE(tdreport_fields_sit_at_spec_offsets),
	KUNIT_CASE(quote_v4_fields_sit_at_dcap_offsets),
	KUNIT_CASE(quote_signature_data_sits_at_dcap_offsets),
	KUNIT_CASE(getquote_header_fields_sit_at_ghci_offsets),
	KUNIT_CASE(rtmr_log_record_is_64_bytes),
	{}
};

static struct kunit_suite tdx_layout_suite = {
	.name = "tdx_layout",
	.test_cases = tdx_layout_cases,
};

kunit_test_suite(tdx_layout_suite);
