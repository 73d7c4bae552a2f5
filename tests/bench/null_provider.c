// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: null configfs-tsm provider (TEST ONLY)
 *
 * The throughput floor for tests/bench: a configfs-tsm provider named
 * "null" whose report_new returns a fixed 4400-byte outblob at once, about
 * the size of a real TD Quote. Timing the same write-inblob/read-outblob
 * loop against it and against tdx_guest in one boot shows what the
 * configfs-tsm core and the system call path cost by themselves, so the
 * provider's own share can be told apart.
 *
 * It is never built by the top-level Makefile and must never be shipped:
 * it "attests" nothing.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tsm.h>

#define NULL_OUTBLOB_LEN	4400
#define NULL_OUTBLOB_FILL	0x5a

static int null_report_new(struct tsm_report *report, void *data)
{
	u8 *blob = kvmalloc(NULL_OUTBLOB_LEN, GFP_KERNEL);

	if (!blob)
		return -ENOMEM;
	memset(blob, NULL_OUTBLOB_FILL, NULL_OUTBLOB_LEN);
	report->outblob = blob;
	report->outblob_len = NULL_OUTBLOB_LEN;
	return 0;
}

static bool null_report_attr_visible(int n)
{
	return n == TSM_REPORT_GENERATION || n == TSM_REPORT_PROVIDER;
}

static bool null_report_bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB;
}

static const struct tsm_ops null_tsm_ops = {
	.name = "null",
	.report_new = null_report_new,
	.report_attr_visible = null_report_attr_visible,
	.report_bin_attr_visible = null_report_bin_attr_visible,
};

static int __init null_provider_init(void)
{
	int rc = tsm_register(&null_tsm_ops, NULL);

	if (rc) {
		pr_err("configfs-tsm registration failed: %d\n", rc);
		return rc;
	}
	pr_warn("TEST ONLY: null provider registered, its reports attest nothing\n");
	return 0;
}

static void __exit null_provider_exit(void)
{
	tsm_unregister(&null_tsm_ops);
}

module_init(null_provider_init);
module_exit(null_provider_exit);

MODULE_DESCRIPTION("TEST ONLY: null configfs-tsm provider, the tests/bench throughput floor");
MODULE_LICENSE("GPL");
