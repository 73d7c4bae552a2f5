// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_emu_module: the emulated TDX module behaves like the
 * real one where a driver can tell: the report's MAC, SHA-384 RTMR
 * extension, operand checks, and OPERAND_BUSY when the RTMR lock is held.
 *
 * The emulated module is one per boot and its RTMRs only grow, so tests
 * read the values they start from instead of assuming zeros.
 */
#include <linux/hex.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <linux/vmalloc.h>
#include <kunit/test.h>

#include "tdx_kunit.h"

/*
 * From tests/vm/data/rtmr-kat, computed by Python's hashlib: starting from
 * a zero RTMR, the digest SHA-384("rtmr0 event 1") is extended in, then
 * SHA-384("rtmr0 event 2"), with the RTMR's value after each.
 */
enum { KAT_DIGEST1, KAT_VALUE1, KAT_DIGEST2, KAT_VALUE2 };
static const char *const tdx_rtmr0_kat[] = {
	"ea7c98e97c3189a12afb5e73255fbaf2795266411a6abcbb597de4963b6967ce2375b2110a8336054064198465545bf5",
	"46eaf695188504b25f18e5b914dab2d9bbdc35611e14555f9249fd689a72b87c78d403bebb539fa94ce7c98333497f3d",
	"de7cea4de66201b3fca056048ce5bb7757ac3a645e1bc0615db82a399250e0bc830ab18d591bf1977f912d24ab227571",
	"f16222926ba82523c098fce8407344e984dc5e08187d9b07760be6a7f71499f9180ea8f1cf351463fc339bebd67107e7",
};

/**
 * struct tdx_emu_bufs - operands with the alignment TDCALLs demand.
 * @reportdata: 64 bytes, 64-byte aligned (kmalloc aligns powers of two).
 * @tdreport: 1024 bytes, 1024-byte aligned, with 1024 more behind it so
 *	a misaligned pointer into it stays in bounds.
 * @digest: 64-byte aligned extend operand, with room to misalign it.
 */
struct tdx_emu_bufs {
	u8 *reportdata;
	u8 *tdreport;
	u8 *digest;
};

static int tdx_emu_test_init(struct kunit *test)
{
	struct tdx_emu_bufs *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	if (!b)
		return -ENOMEM;
	b->reportdata = kunit_kzalloc(test, 2 * TDX_REPORTDATA_SIZE,
				      GFP_KERNEL);
	b->tdreport = kunit_kzalloc(test, 2 * TDX_TDREPORT_SIZE, GFP_KERNEL);
	b->digest = kunit_kzalloc(test, 2 * TDX_EXTEND_ALIGN, GFP_KERNEL);
	if (!b->reportdata || !b->tdreport || !b->digest)
		return -ENOMEM;
	test->priv = b;
	return 0;
}

static const struct tdx_tdreport *tdx_emu_report(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;

	KUNIT_ASSERT_EQ(test, tdx_emu_get_report0(b->reportdata, b->tdreport),
			0);
	return (const struct tdx_tdreport *)b->tdreport;
}

static void tdx_emu_read_rtmrs(struct kunit *test, u8 *rtmrs)
{
	memcpy(rtmrs, tdx_emu_report(test)->tdinfo.rtmr, TDX_KUNIT_RTMRS_SIZE);
}

static void tdx_emu_hex(struct kunit *test, u8 *out, const char *hex)
{
	KUNIT_ASSERT_EQ(test, hex2bin(out, hex, TDX_MEASUREMENT_SIZE), 0);
}

static void extend_chain_matches_python_vectors(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 d1[TDX_MEASUREMENT_SIZE], d2[TDX_MEASUREMENT_SIZE];
	u8 v1[TDX_MEASUREMENT_SIZE], v2[TDX_MEASUREMENT_SIZE];
	u8 rtmrs[TDX_KUNIT_RTMRS_SIZE];
	u8 expect[TDX_MEASUREMENT_SIZE] = {};
	u8 digest[TDX_MEASUREMENT_SIZE];
	bool fresh;

	tdx_emu_hex(test, d1, tdx_rtmr0_kat[KAT_DIGEST1]);
	tdx_emu_hex(test, v1, tdx_rtmr0_kat[KAT_VALUE1]);
	tdx_emu_hex(test, d2, tdx_rtmr0_kat[KAT_DIGEST2]);
	tdx_emu_hex(test, v2, tdx_rtmr0_kat[KAT_VALUE2]);

	/* First the test's own oracle, against hashlib. */
	tdx_kunit_digest(digest, "rtmr0 event 1");
	KUNIT_EXPECT_MEMEQ(test, digest, d1, TDX_MEASUREMENT_SIZE);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, d1), 0);
	KUNIT_EXPECT_MEMEQ(test, expect, v1, TDX_MEASUREMENT_SIZE);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, d2), 0);
	KUNIT_EXPECT_MEMEQ(test, expect, v2, TDX_MEASUREMENT_SIZE);

	/*
	 * Then the emulated module, from whatever RTMR0 holds now; in a fresh
	 * boot that is zero and the vectors must come out literally.
	 */
	tdx_emu_read_rtmrs(test, rtmrs);
	memcpy(expect, rtmrs, TDX_MEASUREMENT_SIZE);
	fresh = !memchr_inv(expect, 0, TDX_MEASUREMENT_SIZE);
	kunit_info(test, "RTMR0 %s\n", fresh ? "is zero: checking the vectors literally" :
		   "was extended before: checking the computed chain");

	memcpy(b->digest, d1, TDX_MEASUREMENT_SIZE);
	KUNIT_ASSERT_EQ(test, tdx_emu_extend_rtmr(0, b->digest), 0);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, d1), 0);
	tdx_emu_read_rtmrs(test, rtmrs);
	KUNIT_EXPECT_MEMEQ(test, rtmrs, expect, TDX_MEASUREMENT_SIZE);
	if (fresh)
		KUNIT_EXPECT_MEMEQ(test, rtmrs, v1, TDX_MEASUREMENT_SIZE);

	memcpy(b->digest, d2, TDX_MEASUREMENT_SIZE);
	KUNIT_ASSERT_EQ(test, tdx_emu_extend_rtmr(0, b->digest), 0);
	KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, d2), 0);
	tdx_emu_read_rtmrs(test, rtmrs);
	KUNIT_EXPECT_MEMEQ(test, rtmrs, expect, TDX_MEASUREMENT_SIZE);
	if (fresh)
		KUNIT_EXPECT_MEMEQ(test, rtmrs, v2, TDX_MEASUREMENT_SIZE);
}

static void extend_sets_sha384_of_old_value_and_digest(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 before[TDX_KUNIT_RTMRS_SIZE], after[TDX_KUNIT_RTMRS_SIZE];
	unsigned int i;

	for (i = 0; i < TDX_RTMR_COUNT; i++) {
		u8 *expect = before + i * TDX_MEASUREMENT_SIZE;

		tdx_emu_read_rtmrs(test, before);
		tdx_kunit_digest(b->digest, "tdx_emu_module extend rtmr%u", i);
		KUNIT_ASSERT_EQ(test, tdx_emu_extend_rtmr(i, b->digest), 0);
		tdx_emu_read_rtmrs(test, after);

		KUNIT_ASSERT_EQ(test, tdx_kunit_extend(expect, b->digest), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, after, before,
				       TDX_KUNIT_RTMRS_SIZE,
				       "extending RTMR%u", i);
	}
}

static void report_mac_verifies(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;

	get_random_bytes(b->reportdata, TDX_REPORTDATA_SIZE);
	KUNIT_EXPECT_EQ(test, tdx_emu_verify_report(&tdx_emu_report(test)->mac),
			0);
}

static void report_mac_fails_when_any_reportmac_byte_flips(struct kunit *test)
{
	struct tdx_reportmac *mac = kunit_kmalloc(test, sizeof(*mac),
						  GFP_KERNEL);
	const struct tdx_reportmac *orig = &tdx_emu_report(test)->mac;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, mac);
	KUNIT_ASSERT_EQ(test, tdx_emu_verify_report(orig), 0);
	for (i = 0; i < sizeof(*mac); i++) {
		memcpy(mac, orig, sizeof(*mac));
		((u8 *)mac)[i] ^= 0x01;
		KUNIT_EXPECT_EQ_MSG(test, tdx_emu_verify_report(mac), -EINVAL,
				    "byte %zu of REPORTMACSTRUCT flipped", i);
	}
	/* One bit is enough anywhere, all bits too. */
	memcpy(mac, orig, sizeof(*mac));
	mac->reportdata[0] ^= 0xff;
	KUNIT_EXPECT_EQ(test, tdx_emu_verify_report(mac), -EINVAL);
}

static void report_hashes_bind_tee_tcb_info_and_tdinfo(struct kunit *test)
{
	const struct tdx_tdreport *r = tdx_emu_report(test);
	u8 hash[TDX_MEASUREMENT_SIZE];

	KUNIT_ASSERT_EQ(test, tdx_kunit_sha384(&r->tee_tcb_info,
					       sizeof(r->tee_tcb_info), hash),
			0);
	KUNIT_EXPECT_MEMEQ(test, r->mac.tee_tcb_info_hash, hash, sizeof(hash));
	KUNIT_ASSERT_EQ(test, tdx_kunit_sha384(&r->tdinfo, sizeof(r->tdinfo),
					       hash), 0);
	KUNIT_EXPECT_MEMEQ(test, r->mac.tee_info_hash, hash, sizeof(hash));
}

static void report_bytes_sit_at_spec_offsets(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	const u8 *raw;

	get_random_bytes(b->reportdata, TDX_REPORTDATA_SIZE);
	raw = (const u8 *)tdx_emu_report(test);

	KUNIT_EXPECT_EQ(test, raw[0], TDX_REPORT_TYPE_TDX);
	KUNIT_EXPECT_MEMEQ(test, raw + 128, b->reportdata, TDX_REPORTDATA_SIZE);
	/* TD ATTRIBUTES.DEBUG: no verifier policy accepts emulated reports. */
	KUNIT_EXPECT_TRUE(test, get_unaligned_le64(raw + 512) &
				TDX_TDINFO_ATTR_DEBUG);
	KUNIT_EXPECT_TRUE(test, memchr_inv(raw + 528, 0, TDX_MEASUREMENT_SIZE));
}

static void misaligned_operands_are_invalid(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 before[TDX_KUNIT_RTMRS_SIZE], after[TDX_KUNIT_RTMRS_SIZE];
	u64 busy = tdx_emu_busy_overlaps();

	tdx_emu_read_rtmrs(test, before);
	memset(b->tdreport, 0, 2 * TDX_TDREPORT_SIZE);

	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata + 32,
						  b->tdreport), -ENXIO);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata,
						  b->tdreport + 64), -ENXIO);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata,
						  b->tdreport + 512), -ENXIO);
	KUNIT_EXPECT_FALSE(test, memchr_inv(b->tdreport, 0,
					    2 * TDX_TDREPORT_SIZE));

	tdx_kunit_digest(b->digest + 8, "misaligned");
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(0, b->digest + 8), -ENXIO);
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(1, b->digest + 32), -ENXIO);

	tdx_emu_read_rtmrs(test, after);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
	KUNIT_EXPECT_EQ(test, tdx_emu_busy_overlaps(), busy);
}

static void rtmr_index_beyond_3_is_invalid(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 before[TDX_KUNIT_RTMRS_SIZE], after[TDX_KUNIT_RTMRS_SIZE];

	tdx_emu_read_rtmrs(test, before);
	tdx_kunit_digest(b->digest, "index 4");
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(4, b->digest), -ENXIO);
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(UINT_MAX, b->digest),
			-ENXIO);
	tdx_emu_read_rtmrs(test, after);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
}

static void tdx_emu_vfree(void *p)
{
	vfree(p);
}

/*
 * A TDCALL is given physical addresses: virt_to_phys() of a vmalloc (or
 * vmapped stack) address names another page, which hardware would read
 * or overwrite. The emulated module refuses such operands, as it does
 * misaligned ones, before touching anything.
 */
static void buffers_outside_direct_map_are_invalid(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 before[TDX_KUNIT_RTMRS_SIZE], after[TDX_KUNIT_RTMRS_SIZE];
	u8 *v = vzalloc(2 * PAGE_SIZE);	/* page aligned: only the map is wrong */

	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tdx_emu_vfree, v),
			0);
	KUNIT_ASSERT_FALSE(test, virt_addr_valid(v));
	tdx_emu_read_rtmrs(test, before);

	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata, v), -ENXIO);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(v, b->tdreport), -ENXIO);
	KUNIT_EXPECT_FALSE(test, memchr_inv(v, 0, 2 * PAGE_SIZE));

	tdx_kunit_digest(v, "vmalloc digest");
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(0, v), -ENXIO);

	if (IS_ENABLED(CONFIG_VMAP_STACK)) {
		u8 on_stack[TDX_EXTEND_ALIGN] __aligned(TDX_EXTEND_ALIGN);

		tdx_kunit_digest(on_stack, "stack digest");
		KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(1, on_stack), -ENXIO);
	} else {
		kunit_info(test, "no CONFIG_VMAP_STACK: stack buffers are in the direct map\n");
	}

	tdx_emu_read_rtmrs(test, after);
	KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);
	/* The direct map is fine: the same calls go through from kmalloc. */
	tdx_kunit_digest(b->digest, "kmalloc digest");
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(0, b->digest), 0);
}

static void report_calls_counts_every_report(struct kunit *test)
{
	struct tdx_emu_bufs *b = test->priv;
	u64 calls = tdx_emu_report_calls();

	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata, b->tdreport),
			0);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata + 32,
						  b->tdreport), -ENXIO);
	tdx_kunit_digest(b->digest, "not a report");
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(3, b->digest), 0);
	KUNIT_EXPECT_EQ(test, tdx_emu_report_calls() - calls, 2);
}

/*
 * Hold the RTMR lock as a call in flight would (@held_as_extend: an
 * EXTEND, else a REPORT), issue one call (@call_extend: an EXTEND, else a
 * REPORT) and return its result; @overlaps gets how many OPERAND_BUSY
 * answers the emulated module counted meanwhile. RTMRs are checked to be
 * unchanged by the call whenever it failed.
 */
static int tdx_emu_overlap(struct kunit *test, bool held_as_extend,
			   bool call_extend, u64 *overlaps)
{
	struct tdx_emu_bufs *b = test->priv;
	u8 before[TDX_KUNIT_RTMRS_SIZE], after[TDX_KUNIT_RTMRS_SIZE];
	u64 busy;
	int rc;

	tdx_emu_read_rtmrs(test, before);
	tdx_kunit_digest(b->digest, "overlap");
	busy = tdx_emu_busy_overlaps();

	KUNIT_ASSERT_TRUE(test, tdx_emu_test_hold_rtmr_lock(held_as_extend));
	if (call_extend)
		rc = tdx_emu_extend_rtmr(2, b->digest);
	else
		rc = tdx_emu_get_report0(b->reportdata, b->tdreport);
	tdx_emu_test_release_rtmr_lock(held_as_extend);
	*overlaps = tdx_emu_busy_overlaps() - busy;

	tdx_emu_read_rtmrs(test, after);
	if (rc)
		KUNIT_EXPECT_MEMEQ(test, after, before, TDX_KUNIT_RTMRS_SIZE);

	/* The lock was released: the same call goes through now. */
	if (call_extend)
		KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(2, b->digest), 0);
	else
		KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(b->reportdata,
							  b->tdreport), 0);
	return rc;
}

static void report_during_extend_is_busy(struct kunit *test)
{
	u64 overlaps;

	KUNIT_EXPECT_EQ(test, tdx_emu_overlap(test, true, false, &overlaps),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, overlaps, 1);
}

static void extend_during_extend_is_busy(struct kunit *test)
{
	u64 overlaps;

	KUNIT_EXPECT_EQ(test, tdx_emu_overlap(test, true, true, &overlaps),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, overlaps, 1);
}

static void extend_during_report_is_busy(struct kunit *test)
{
	u64 overlaps;

	KUNIT_EXPECT_EQ(test, tdx_emu_overlap(test, false, true, &overlaps),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, overlaps, 1);
}

static void report_during_report_succeeds(struct kunit *test)
{
	u64 overlaps;

	KUNIT_EXPECT_EQ(test, tdx_emu_overlap(test, false, false, &overlaps),
			0);
	KUNIT_EXPECT_EQ(test, overlaps, 0);
}

static struct kunit_case tdx_emu_cases[] = {
	/* First, while RTMR0 may still be fresh. */
	KUNIT_CASE(extend_chain_matches_python_vectors),
	KUNIT_CASE(extend_sets_sha384_of_old_value_and_digest),
	KUNIT_CASE(report_mac_verifies),
	KUNIT_CASE(report_mac_fails_when_any_reportmac_byte_flips),
	KUNIT_CASE(report_hashes_bind_tee_tcb_info_and_tdinfo),
	KUNIT_CASE(report_bytes_sit_at_spec_offsets),
	KUNIT_CASE(misaligned_operands_are_invalid),
	KUNIT_CASE(rtmr_index_beyond_3_is_invalid),
	KUNIT_CASE(buffers_outside_direct_map_are_invalid),
	KUNIT_CASE(report_calls_counts_every_report),
	KUNIT_CASE(report_during_extend_is_busy),
	KUNIT_CASE(extend_during_extend_is_busy),
	KUNIT_CASE(extend_during_report_is_busy),
	KUNIT_CASE(report_during_report_succeeds),
	{}
};

static struct kunit_suite tdx_emu_suite = {
	.name = "tdx_emu_module",
	.init = tdx_emu_test_init,
	.test_cases = tdx_emu_cases,
};

kunit_test_suite(tdx_emu_suite);
