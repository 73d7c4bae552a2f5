// SPDX-License-Identifier: GPL-2.0-only
/*
 * Choosing the TDX platform the provider talks to.
 *
 * A real TDX guest always uses the hardware. Anywhere else the provider binds
 * to the emulated platform if, and only if, someone loaded tdx_guest_emu by
 * hand first; it is looked up with symbol_get() so that this module neither
 * depends on it nor causes it to be loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>

#include "tdx_guest.h"

/**
 * tdx_platform_get() - find the TDX platform and pin it.
 *
 * Return: the platform's operations, or ERR_PTR(-ENODEV) when this is not a
 * TDX guest and no emulated platform is loaded.
 */
const struct tdx_platform_ops *tdx_platform_get(void)
{
	const struct tdx_platform_ops *ops = tdx_hw_platform();

	if (ops)
		return ops;

	ops = symbol_get(tdx_emu_platform_ops);
	if (ops) {
		pr_warn("using the EMULATED TDX platform: reports and quotes prove nothing\n");
		return ops;
	}

	pr_info("not a TDX guest, and no emulated platform (tdx_guest_emu) is loaded\n");
	return ERR_PTR(-ENODEV);
}

/**
 * tdx_platform_put() - release what tdx_platform_get() pinned.
 * @ops: the table tdx_platform_get() returned.
 */
void tdx_platform_put(const struct tdx_platform_ops *ops)
{
	if (ops != tdx_hw_platform())
		symbol_put(tdx_emu_platform_ops);
}
