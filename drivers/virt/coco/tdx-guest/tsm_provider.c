// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: configfs-tsm provider
 *
 * Registers "tdx_guest" with the configfs-tsm core, so that a report
 * directory under /sys/kernel/config/tsm/report/ turns the 64 bytes written
 * to inblob into a TD Quote read from outblob:
 *
 *   inblob -> REPORTDATA -> TDG.MR.REPORT -> TDREPORT -> GetQuote -> outblob
 *
 * Only inblob, outblob, generation and provider are shown: TDX has no
 * privilege levels, no auxiliary certificate blob and no service manifest,
 * and hiding those files is how a client learns that.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/slab.h>

#include <kunit/visibility.h>

#include <tdx-guest/tsm_compat.h>

#include "tdx_guest.h"

/**
 * tdx_tsm_report_new() - configfs-tsm's report_new for TDX.
 * @report: the report directory's state; inblob is its input.
 * @data: the provider instance.
 *
 * Return: 0 with @report->outblob set to a kvmalloc()ed Quote that the
 * configfs-tsm core owns from then on; or -EINVAL when inblob is not
 * exactly 64 bytes, -EFBIG for a Quote configfs-tsm cannot return, or the
 * error of getting the report or the Quote. On error @report is untouched.
 */
int tdx_tsm_report_new(struct tsm_report *report, void *data)
{
	struct tdx_guest *tg = data;
	size_t quote_len;
	u8 *quote;
	int rc;

	/* configfs commits inblob on close(), so its length is checked here. */
	if (report->desc.inblob_len != TDX_REPORTDATA_SIZE)
		return -EINVAL;

	/* kmalloc() aligns power-of-two sizes naturally, as TDCALL needs. */
	u8 *reportdata __free(kfree) = kmemdup(report->desc.inblob,
					       TDX_REPORTDATA_SIZE, GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	if (!reportdata || !tdreport)
		return -ENOMEM;

	rc = tdx_guest_get_report(tg, reportdata, tdreport);
	if (rc)
		return rc;

	rc = tdx_quote_get(&tg->quote, tdreport, &quote, &quote_len);
	if (rc)
		return rc;

	/* configfs could not hand out more than this; say why up front. */
	if (quote_len > TDX_TSM_OUTBLOB_MAX) {
		/* The host decides how often: ratelimited. */
		pr_err_ratelimited("Quote of %zu bytes exceeds the configfs-tsm limit of %u\n",
				   quote_len, TDX_TSM_OUTBLOB_MAX);
		kvfree(quote);
		return -EFBIG;
	}

	report->outblob = quote;
	report->outblob_len = quote_len;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_tsm_report_new);

static bool tdx_report_attr_visible(int n)
{
	return n == TSM_REPORT_GENERATION || n == TSM_REPORT_PROVIDER;
}

static bool tdx_report_bin_attr_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB;
}

static const struct tdx_tsm_ops tdx_tsm_ops = {
	/* Clients compare this string literally: never change it. */
	.name = "tdx_guest",
	.report_new = tdx_tsm_report_new,
	.report_attr_visible = tdx_report_attr_visible,
	.report_bin_attr_visible = tdx_report_bin_attr_visible,
};

/**
 * tdx_tsm_provider_register() - offer TDX reports through configfs-tsm.
 * @tg: the provider instance every report is generated with.
 *
 * Return: 0, or the configfs-tsm core's error (-EBUSY when another provider
 * is registered or, on some 6.12 kernels, while report directories exist).
 */
int tdx_tsm_provider_register(struct tdx_guest *tg)
{
	int rc = tdx_tsm_register(&tdx_tsm_ops, tg);

	if (rc)
		pr_err("configfs-tsm registration failed: %d\n", rc);
	return rc;
}

/**
 * tdx_tsm_provider_unregister() - withdraw the configfs-tsm provider.
 *
 * Report directories that still exist answer ENXIO from then on.
 */
void tdx_tsm_provider_unregister(void)
{
	tdx_tsm_unregister(&tdx_tsm_ops);
}
