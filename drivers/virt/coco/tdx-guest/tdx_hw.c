// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real TDX platform: the TDX module and the VMM, reached through the
 * kernel's TDX helpers wherever it has them, and through the few encodings
 * of <tdx-guest/tdcall_compat.h> (which says why each exists) elsewhere.
 * The TDX module's status becomes an errno with the same meanings as on
 * the emulated platform and in the kernel's 6.16 helpers; GetQuote's raw
 * result is left to the transport to interpret.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>

#include "tdx_guest.h"

#ifdef CONFIG_INTEL_TDX_GUEST

#include <asm/cpufeature.h>

#include <tdx-guest/tdcall_compat.h>

/* A status the table has no errno of its own for is worth a log line. */
static int tdx_hw_errno(const char *call, int rc)
{
	if (rc == -EIO)
		pr_err_ratelimited("%s failed\n", call);
	return rc;
}

static int tdx_hw_get_report0(const u8 *reportdata, u8 *tdreport)
{
	return tdx_hw_errno("TDG.MR.REPORT",
			    tdx_compat_get_report0((u8 *)reportdata, tdreport));
}

static int tdx_hw_extend_rtmr(unsigned int index, const u8 *digest)
{
	return tdx_hw_errno("TDG.MR.RTMR.EXTEND",
			    tdx_compat_extend_rtmr(index, (u8 *)digest));
}

static u64 tdx_hw_get_quote(void *buf, size_t len)
{
	return tdx_hcall_get_quote(buf, len);
}

static bool tdx_hw_notify_offered(void)
{
	u64 optional = 0;

	if (tdx_compat_get_tdvmcall_info(TDX_GET_TDVMCALL_INFO_OPTIONAL,
					 &optional))
		return false;
	return optional & TDX_TDVMCALL_INFO_EVENT_NOTIFY;
}

static u64 tdx_hw_setup_notify(unsigned int vector)
{
	return tdx_compat_setup_event_notify(vector);
}

static const struct tdx_platform_ops tdx_hw_ops = {
	.name = "TDX module",
	.owner = THIS_MODULE,
	.get_report0 = tdx_hw_get_report0,
	.extend_rtmr = tdx_hw_extend_rtmr,
	.get_quote = tdx_hw_get_quote,
	.notify_offered = tdx_hw_notify_offered,
	.setup_notify = tdx_hw_setup_notify,
};

/**
 * tdx_hw_platform() - the real TDX platform, when this is a TDX guest.
 *
 * Return: the hardware operations, or NULL when not running as a TDX guest.
 */
const struct tdx_platform_ops *tdx_hw_platform(void)
{
	return cpu_feature_enabled(X86_FEATURE_TDX_GUEST) ? &tdx_hw_ops : NULL;
}

#else /* !CONFIG_INTEL_TDX_GUEST */

const struct tdx_platform_ops *tdx_hw_platform(void)
{
	return NULL;
}

#endif /* CONFIG_INTEL_TDX_GUEST */
