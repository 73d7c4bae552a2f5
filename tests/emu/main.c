// SPDX-License-Identifier: GPL-2.0-only
/*
 * tdx_guest_emu: an emulated Intel TDX platform, FOR TESTING ONLY.
 *
 * Models the TDX module (reports with a MAC, RTMRs, busy semantics) and the
 * host side of GetQuote with a user-space quote generation service, so the
 * tdx_guest provider can be exercised on machines without TDX. It is never
 * autoloaded, refuses to load inside a real TDX guest, marks the kernel as
 * running test code, and every report it makes says ATTRIBUTES.DEBUG.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include <asm/cpufeature.h>

#include <tdx-guest/getquote.h>
#include <tdx-guest/platform.h>

#include "emu.h"

static bool tdx_emu_notify_offered(void)
{
	u64 optional = 0;

	return tdx_emu_get_tdvmcall_info(&optional) == TDX_VMCALL_SUCCESS &&
	       (optional & TDX_TDVMCALL_INFO_EVENT_NOTIFY);
}

/* The emulated platform; tdx_guest finds it with symbol_get(). */
const struct tdx_platform_ops tdx_emu_platform_ops = {
	.name = "EMULATED TDX platform (tdx_guest_emu)",
	.owner = THIS_MODULE,
	.get_report0 = tdx_emu_get_report0,
	.extend_rtmr = tdx_emu_extend_rtmr,
	.get_quote = tdx_emu_get_quote,
	.notify_offered = tdx_emu_notify_offered,
	.setup_notify = tdx_emu_setup_notify,
};
EXPORT_SYMBOL_GPL(tdx_emu_platform_ops);

static int __init tdx_emu_init(void)
{
	int rc;

	if (cpu_feature_enabled(X86_FEATURE_TDX_GUEST)) {
		pr_err("this is a real TDX guest: refusing to emulate one\n");
		return -EEXIST;
	}

	rc = tdx_emu_tdx_init();
	if (rc)
		return rc;
	rc = tdx_emu_quote_host_init();
	if (rc) {
		tdx_emu_tdx_exit();
		return rc;
	}
	rc = tdx_emu_qgs_dev_init();
	if (rc) {
		tdx_emu_quote_host_exit();
		tdx_emu_tdx_exit();
		return rc;
	}
	tdx_emu_debugfs_init();

	pr_warn("EMULATED TDX platform loaded: its reports and quotes are for testing only and prove nothing\n");
	return 0;
}
module_init(tdx_emu_init);

static void __exit tdx_emu_exit(void)
{
	tdx_emu_debugfs_exit();
	tdx_emu_qgs_dev_exit();
	tdx_emu_quote_host_exit();
	tdx_emu_tdx_exit();
}
module_exit(tdx_emu_exit);

/* Loading a test module taints the kernel (TAINT_TEST), as it should. */
MODULE_INFO(test, "Y");
MODULE_DESCRIPTION("Emulated Intel TDX platform for testing tdx_guest (NOT for production)");
MODULE_LICENSE("GPL");
