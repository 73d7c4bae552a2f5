// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_layout: the binary layouts every consumer shares sit at
 * the offsets of the Intel specifications (include/tdx-guest/).
 *
 * The offsets are checked at compile time: a wrong layout does not build.
 * At run time the structures are laid over bytes of a production Quote v4
 * (quote-v4-spr-e4.dat of ../shared/data/real-tdx, taken by google's
 * go-tdx-guest from a Sapphire Rapids TD), and every field read through
 * them must equal the value found at the specification's offset with a
 * byte dump of that file, or agree with the rest of the Quote (the QE
 * report binds the attestation key and QE authentication data by
 * SHA-256). That proves the specification's offsets themselves against
 * real hardware, which restating the compile-time checks at run time
 * could not. The GetQuote header has no production sample: the VM tests
 * read it at fixed byte offsets from user space. The runtime log's
 * records are checked against bytes written out by hand from the TCG and
 * CoCo definitions.
 */
#include <crypto/sha2.h>
#include <linux/build_bug.h>
#include <linux/hex.h>
#include <linux/kernel_read_file.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include <kunit/test.h>

#include <tdx-guest/quote_v4.h>

#include "tdx_kunit.h"

#define TDX_ASSERT_AT(type, member, off)				\
	static_assert(offsetof(type, member) == (off), #type "." #member)

/* TDREPORT_STRUCT, its four parts. */
TDX_ASSERT_AT(struct tdx_tdreport, mac, 0);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info, 256);
TDX_ASSERT_AT(struct tdx_tdreport, reserved, 495);
TDX_ASSERT_AT(struct tdx_tdreport, tdinfo, 512);
static_assert(sizeof(struct tdx_tdreport) == 1024);

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

/* TEE_TCB_INFO. */
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.valid, 256);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.tee_tcb_svn, 264);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.mrseam, 280);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.mrsignerseam, 328);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.attributes, 376);
TDX_ASSERT_AT(struct tdx_tdreport, tee_tcb_info.reserved, 384);
static_assert(sizeof(struct tdx_tee_tcb_info) == 239);

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

/* ECDSA-P256 signature data and its certification data. */
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, signature, 0);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, attestation_key, 64);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data, 128);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.type, 128);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.size, 130);
TDX_ASSERT_AT(struct tdx_quote_ecdsa_sig_data, cert_data.data, 134);
static_assert(sizeof(struct tdx_quote_ecdsa_sig_data) == 134);
static_assert(sizeof(struct tdx_quote_cert_data) == 6);

/* Certification data type 6: the QE report and what follows it. */
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_report, 0);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_report_signature,
	      384);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_auth_data_size, 448);
TDX_ASSERT_AT(struct tdx_quote_qe_report_cert_data, qe_auth_data, 450);
static_assert(sizeof(struct tdx_quote_qe_report_cert_data) == 450);

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

/* The GetQuote shared buffer's header (GHCI). */
TDX_ASSERT_AT(struct tdx_getquote_hdr, version, 0);
TDX_ASSERT_AT(struct tdx_getquote_hdr, status, 8);
TDX_ASSERT_AT(struct tdx_getquote_hdr, in_len, 16);
TDX_ASSERT_AT(struct tdx_getquote_hdr, out_len, 20);
TDX_ASSERT_AT(struct tdx_getquote_hdr, data, 24);
static_assert(sizeof(struct tdx_getquote_hdr) == 24);

/* A record of the runtime measurement log: TCG_PCR_EVENT2, one digest. */
TDX_ASSERT_AT(struct tdx_rtmr_log_head, mr_index, 0);
TDX_ASSERT_AT(struct tdx_rtmr_log_head, event_type, 4);
TDX_ASSERT_AT(struct tdx_rtmr_log_head, digest_count, 8);
TDX_ASSERT_AT(struct tdx_rtmr_log_head, alg_id, 12);
TDX_ASSERT_AT(struct tdx_rtmr_log_head, digest, 14);
TDX_ASSERT_AT(struct tdx_rtmr_log_head, event_size, 62);
static_assert(sizeof(struct tdx_rtmr_log_head) == 66);
/* TCG_PCClientTaggedEvent. */
TDX_ASSERT_AT(struct tdx_rtmr_log_tagged_event, tag_id, 0);
TDX_ASSERT_AT(struct tdx_rtmr_log_tagged_event, data_size, 4);
TDX_ASSERT_AT(struct tdx_rtmr_log_tagged_event, data, 8);

/*
 * quote-v4-spr-e4.dat (4974 bytes), a Quote v4 from a real Sapphire
 * Rapids TD that go-tdx-guest publishes: header, TD quote body, signature
 * data length, ECDSA signature data, and the type 6 certification data.
 * Other projects' evidence is never copied into this one: tests/kunit/run
 * hands the guest the project's shared copy (../shared/data/real-tdx) when
 * there is one, and these tests say they were skipped when there is not.
 * The field values below are what the file holds.
 */
#define TDX_SAMPLE_NAME		"quote-v4-spr-e4.dat"
#define TDX_SAMPLE_FILE_SIZE	4974
#define TDX_SAMPLE_TRAILER	39	/* text its publishers appended */

static char *evidence = "/test/extra/real-tdx";
module_param(evidence, charp, 0444);
MODULE_PARM_DESC(evidence, "Folder of the real TDX evidence the layout tests read");

#define SAMPLE_QE_VENDOR_ID	"939a7233f79c4ca9940a0db3957f0607"
#define SAMPLE_TEE_TCB_SVN	"03000400000000000000000000000000"
#define SAMPLE_MRSEAM		"2fd279c16164a93dd5bf373d834328d4" \
				"6008c2b693af9ebb865b08b2ced320c9" \
				"a89b4869a9fab60fbe9d0c5a5363c656"
#define SAMPLE_TD_ATTRIBUTES	"0000004000000000"
#define SAMPLE_XFAM		"e71a060000000000"
#define SAMPLE_MRTD		"6363b8043668a3ad953278e10389574d" \
				"326c6749fb78aa810ecd9336923db86f" \
				"22fc00b8dcd404bc10d5e119d7215cbb"
#define SAMPLE_RTMR0		"2927da70461cd63266f43230cc1849c0" \
				"3ef25ebe490062a801d8fcc80af42976" \
				"823adf08f833c1e50b51779c6593f32a"
#define SAMPLE_REPORTDATA	"6c62dec1b8191749a31dab490be532a3" \
				"5944dea47caef1f980863993d9899545" \
				"eb7406a38d1eed313b987a467dacead6" \
				"f0c87a6d766c66f6f29f8acb281f1113"
#define SAMPLE_QE_MRSIGNER	"dc9e2a7c6f948f17474e34a7fc43ed03" \
				"0f7c1563f1babddf6340c82e0e54a8c5"

static void tdx_layout_expect_hex(struct kunit *test, const u8 *field,
				  const char *hex, const char *what)
{
	size_t len = strlen(hex) / 2;
	u8 *want = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_ASSERT_EQ(test, hex2bin(want, hex, len), 0);
	KUNIT_EXPECT_MEMEQ_MSG(test, field, want, len, "%s", what);
}

KUNIT_DEFINE_ACTION_WRAPPER(tdx_layout_vfree, vfree, const void *);

/* The real Quote, read from the evidence folder; skips the test without. */
static const struct tdx_quote_v4 *tdx_sample(struct kunit *test)
{
	size_t file_size = 0;
	void *buf = NULL;
	char path[256];
	ssize_t len;

	snprintf(path, sizeof(path), "%s/%s", evidence, TDX_SAMPLE_NAME);
	len = kernel_read_file_from_path(path, 0, &buf, TDX_SAMPLE_FILE_SIZE,
					 &file_size, READING_UNKNOWN);
	if (len == -ENOENT)
		kunit_skip(test, "no %s: the real evidence is not here", path);
	KUNIT_ASSERT_EQ(test, len, TDX_SAMPLE_FILE_SIZE);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tdx_layout_vfree,
							buf), 0);
	KUNIT_ASSERT_EQ(test, file_size, TDX_SAMPLE_FILE_SIZE);
	return buf;
}

static void quote_v4_header_and_body_read_a_real_quote(struct kunit *test)
{
	const struct tdx_quote_v4 *q = tdx_sample(test);
	const struct tdx_quote_body *b = &q->body;

	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&q->header.version), 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&q->header.att_key_type), 2);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(&q->header.tee_type), 0x81);
	tdx_layout_expect_hex(test, q->header.qe_vendor_id,
			      SAMPLE_QE_VENDOR_ID, "qe_vendor_id");
	tdx_layout_expect_hex(test, b->tee_tcb_svn, SAMPLE_TEE_TCB_SVN,
			      "tee_tcb_svn");
	tdx_layout_expect_hex(test, b->mrseam, SAMPLE_MRSEAM, "mrseam");
	tdx_layout_expect_hex(test, b->td_attributes, SAMPLE_TD_ATTRIBUTES,
			      "td_attributes");
	tdx_layout_expect_hex(test, b->xfam, SAMPLE_XFAM, "xfam");
	tdx_layout_expect_hex(test, b->mrtd, SAMPLE_MRTD, "mrtd");
	tdx_layout_expect_hex(test, b->rtmr[0], SAMPLE_RTMR0, "rtmr0");
	/* The TD never extended RTMR3. */
	KUNIT_EXPECT_FALSE(test, memchr_inv(b->rtmr[3], 0,
					    TDX_MEASUREMENT_SIZE));
	tdx_layout_expect_hex(test, b->reportdata, SAMPLE_REPORTDATA,
			      "reportdata");
	/* The signed part ends where the publishers' trailer starts. */
	KUNIT_EXPECT_EQ(test, sizeof(*q) +
			get_unaligned_le32(&q->signature_data_len) +
			TDX_SAMPLE_TRAILER, TDX_SAMPLE_FILE_SIZE);
}

static void quote_v4_signature_data_reads_a_real_quote(struct kunit *test)
{
	const struct tdx_quote_v4 *q = tdx_sample(test);
	const struct tdx_quote_ecdsa_sig_data *sig = (const void *)q->signature_data;
	const struct tdx_quote_qe_report_cert_data *qe;
	struct sha256_state sha;
	u8 binding[SHA256_DIGEST_SIZE];

	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&sig->cert_data.type), 6);
	/* Type 6 fills the rest of the signature data. */
	KUNIT_EXPECT_EQ(test, sizeof(*sig) +
			get_unaligned_le32(&sig->cert_data.size),
			get_unaligned_le32(&q->signature_data_len));

	qe = (const void *)sig->cert_data.data;
	tdx_layout_expect_hex(test, qe->qe_report.mrsigner, SAMPLE_QE_MRSIGNER,
			      "QE mrsigner");
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(&qe->qe_report.isv_prod_id),
			2);
	KUNIT_ASSERT_EQ(test, get_unaligned_le16(&qe->qe_auth_data_size), 32);
	KUNIT_ASSERT_LE(test, (const u8 *)qe->qe_auth_data + 32 -
			(const u8 *)q, TDX_SAMPLE_FILE_SIZE);

	/*
	 * The QE report's REPORTDATA is SHA-256(attestation key || QE
	 * authentication data), zero padded: right only if all three
	 * fields are where the structures say.
	 */
	sha256_init(&sha);
	sha256_update(&sha, sig->attestation_key, sizeof(sig->attestation_key));
	sha256_update(&sha, qe->qe_auth_data, 32);
	sha256_final(&sha, binding);
	KUNIT_EXPECT_MEMEQ(test, qe->qe_report.report_data, binding,
			   sizeof(binding));
	KUNIT_EXPECT_FALSE(test, memchr_inv(qe->qe_report.report_data + 32, 0,
					    32));
}

/*
 * The record an agent's AAEL event leaves, written out by hand from the
 * TCG PC Client Platform Firmware Profile (TCG_PCR_EVENT2) and CoCo's
 * attestation agent event log (EV_EVENT_TAG, a TCG_PCClientTaggedEvent
 * with taggedEventID "AAEL", the digest SHA-384 of the whole tagged
 * event), for RTMR3 and the data "domain operation content"; the digest
 * was computed apart from this code (Python's hashlib).
 */
static const u8 tdx_aael_record[] = {
	0x04, 0x00, 0x00, 0x00,		/* MR index 4: RTMR3 */
	0x06, 0x00, 0x00, 0x00,		/* EV_EVENT_TAG */
	0x01, 0x00, 0x00, 0x00,		/* one digest */
	0x0c, 0x00,			/* TPM_ALG_SHA384 */
	0xda, 0xd5, 0xf0, 0xe2, 0x26, 0x31, 0x8f, 0xfa,
	0x98, 0x39, 0xb7, 0x5a, 0x47, 0x2c, 0x6a, 0xa7,
	0xfd, 0xb5, 0x83, 0x49, 0x49, 0xd0, 0xa0, 0xa2,
	0x29, 0x90, 0xcf, 0x04, 0xd5, 0x69, 0x24, 0x40,
	0xfb, 0x00, 0xf3, 0xaa, 0x06, 0x09, 0xdb, 0x7e,
	0x49, 0xcd, 0x8d, 0x79, 0x3f, 0x67, 0x0d, 0x02,
	0x20, 0x00, 0x00, 0x00,		/* event size 32 */
	0x4c, 0x45, 0x41, 0x41,		/* taggedEventID 0x4141454c */
	0x18, 0x00, 0x00, 0x00,		/* 24 bytes of data */
	'd', 'o', 'm', 'a', 'i', 'n', ' ', 'o', 'p', 'e', 'r', 'a',
	't', 'i', 'o', 'n', ' ', 'c', 'o', 'n', 't', 'e', 'n', 't',
};

static void event_record_is_what_coco_writes(struct kunit *test)
{
	static const char data[] = "domain operation content";
	u8 *out = kunit_kzalloc(test, sizeof(tdx_aael_record), GFP_KERNEL);
	struct tdx_rtmr_event *ev;

	KUNIT_ASSERT_NOT_NULL(test, out);
	ev = tdx_rtmr_event_tagged(3, TDX_RTMR_LOG_TAG_AAEL, data,
				   sizeof(data) - 1);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_record_size(ev->event_size),
			sizeof(tdx_aael_record));
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_encode(out, ev),
			sizeof(tdx_aael_record));
	kvfree(ev);
	KUNIT_EXPECT_MEMEQ(test, out, tdx_aael_record, sizeof(tdx_aael_record));
}

/* A digest-only extend of RTMR1 with the digest 00 01 .. 2f, by hand. */
static const u8 tdx_digest_record[] = {
	0x02, 0x00, 0x00, 0x00,		/* MR index 2: RTMR1 */
	0x06, 0x00, 0x00, 0x00,		/* EV_EVENT_TAG */
	0x01, 0x00, 0x00, 0x00,		/* one digest */
	0x0c, 0x00,			/* TPM_ALG_SHA384 */
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27,
	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x08, 0x00, 0x00, 0x00,		/* event size 8 */
	0x44, 0x58, 0x44, 0x54,		/* taggedEventID 0x54445844 "TDXD" */
	0x00, 0x00, 0x00, 0x00,		/* no data */
};

static void digest_only_record_is_a_tagged_event_without_data(struct kunit *test)
{
	u8 *out = kunit_kzalloc(test, sizeof(tdx_digest_record), GFP_KERNEL);
	u8 digest[TDX_MEASUREMENT_SIZE];
	struct tdx_rtmr_event *ev;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 0; i < sizeof(digest); i++)
		digest[i] = i;
	ev = tdx_rtmr_event_digest(1, digest);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ev);
	KUNIT_EXPECT_EQ(test, tdx_rtmr_log_encode(out, ev),
			sizeof(tdx_digest_record));
	kvfree(ev);
	KUNIT_EXPECT_MEMEQ(test, out, tdx_digest_record,
			   sizeof(tdx_digest_record));
}

static struct kunit_case tdx_layout_cases[] = {
	KUNIT_CASE(quote_v4_header_and_body_read_a_real_quote),
	KUNIT_CASE(quote_v4_signature_data_reads_a_real_quote),
	KUNIT_CASE(event_record_is_what_coco_writes),
	KUNIT_CASE(digest_only_record_is_a_tagged_event_without_data),
	{}
};

static struct kunit_suite tdx_layout_suite = {
	.name = "tdx_layout",
	.test_cases = tdx_layout_cases,
};

kunit_test_suite(tdx_layout_suite);
