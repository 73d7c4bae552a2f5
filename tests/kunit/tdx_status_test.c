// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_status: one table turns a TDX module completion status
 * into the errno a client sees, and both platforms answer through it.
 *
 * The statuses below are written out as the TDX module returns them in
 * RAX (class in bits 63:32, the operand or other detail in bits 31:0),
 * not built from the header's macros, so a wrong class constant there
 * fails here. The errnos are those of upstream Linux since 6.16
 * (tdx_mcall_get_report0(), tdx_mcall_extend_rtmr()): OPERAND_INVALID is
 * ENXIO, OPERAND_BUSY is EBUSY, anything else is EIO.
 */
#include <kunit/test.h>

#include <tdx-guest/tdx_status.h>

#include "tdx_kunit.h"

/**
 * struct tdx_status_case - a status and what a client must see for it.
 * @status: RAX after the TDCALL.
 * @err: the errno.
 * @what: what the status is.
 */
struct tdx_status_case {
	u64 status;
	int err;
	const char *what;
};

static const struct tdx_status_case tdx_status_cases[] = {
	{ 0x0000000000000000ULL, 0,	  "TDX_SUCCESS" },
	{ 0xc000010000000000ULL, -ENXIO,  "OPERAND_INVALID" },
	{ 0xc000010000000001ULL, -ENXIO,  "OPERAND_INVALID, RCX" },
	{ 0xc000010000000002ULL, -ENXIO,  "OPERAND_INVALID, RDX" },
	{ 0xc000010000000008ULL, -ENXIO,  "OPERAND_INVALID, R8" },
	{ 0x8000020000000000ULL, -EBUSY,  "OPERAND_BUSY" },
	{ 0x8000020000000090ULL, -EBUSY,  "OPERAND_BUSY with an operand id" },
	/* Neighbours of the named classes are other errors. */
	{ 0xc000010100000000ULL, -EIO,	  "class next to OPERAND_INVALID" },
	{ 0x8000020100000000ULL, -EIO,	  "class next to OPERAND_BUSY" },
	{ 0x4000010000000000ULL, -EIO,	  "OPERAND_INVALID without bit 63" },
	{ 0xc000030000000000ULL, -EIO,	  "OPERAND_PAGE_METADATA_INCORRECT" },
	{ 0x8000000000000000ULL, -EIO,	  "bare error bit" },
	{ 0xffffffffffffffffULL, -EIO,	  "all ones" },
	/* Upstream treats any non-zero status as a failure, warnings too. */
	{ 0x0000000000000001ULL, -EIO,	  "non-zero detail, class 0" },
};

static void tdx_status_case_desc(const struct tdx_status_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%#018llx %s", c->status,
		 c->what);
}

KUNIT_ARRAY_PARAM(tdx_status, tdx_status_cases, tdx_status_case_desc);

static void status_maps_to_upstream_errno(struct kunit *test)
{
	const struct tdx_status_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, tdx_status_to_errno(c->status), c->err);
}

/*
 * The emulated module's answers reach the provider through the same
 * table: the operand errors and the busy answer a client can meet.
 */
static void emulated_module_answers_through_the_table(struct kunit *test)
{
	u8 *reportdata = kunit_kzalloc(test, 2 * TDX_REPORTDATA_SIZE,
				       GFP_KERNEL);
	u8 *tdreport = kunit_kzalloc(test, TDX_TDREPORT_SIZE, GFP_KERNEL);
	u8 *digest = kunit_kzalloc(test, TDX_EXTEND_ALIGN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, reportdata);
	KUNIT_ASSERT_NOT_NULL(test, tdreport);
	KUNIT_ASSERT_NOT_NULL(test, digest);

	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(reportdata + 8, tdreport),
			tdx_status_to_errno(0xc000010000000002ULL));
	KUNIT_EXPECT_EQ(test, tdx_emu_extend_rtmr(7, digest),
			tdx_status_to_errno(0xc000010000000002ULL));

	KUNIT_ASSERT_TRUE(test, tdx_emu_test_hold_rtmr_lock(true));
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(reportdata, tdreport),
			tdx_status_to_errno(0x8000020000000000ULL));
	tdx_emu_test_release_rtmr_lock(true);

	/* An injected busy answer is the same errno as a real one. */
	atomic_set(&tdx_emu_faults.report_busy, 1);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(reportdata, tdreport),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, tdx_emu_get_report0(reportdata, tdreport), 0);
}

static struct kunit_case tdx_status_test_cases[] = {
	KUNIT_CASE_PARAM(status_maps_to_upstream_errno,
			 tdx_status_gen_params),
	KUNIT_CASE(emulated_module_answers_through_the_table),
	{}
};

static struct kunit_suite tdx_status_suite = {
	.name = "tdx_status",
	.test_cases = tdx_status_test_cases,
};

kunit_test_suite(tdx_status_suite);
