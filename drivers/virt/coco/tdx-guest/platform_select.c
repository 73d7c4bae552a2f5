// SPDX-License-Identifier: GPL-2.0-only
/*
 * Choosing the TDX platform the provider talks to.
 *
 * A real TDX guest always uses the hardware. A build made together with the
 * emulated platform (CONFIG_TDX_GUEST_EMU) binds to it anywhere else if,
 * and only if, someone loaded tdx_guest_emu by hand first; it is looked up
 * with symbol_get() so that this module neither depends on it nor causes
 * it to be loaded. Builds for production (packages, DKMS) leave the
 * emulator out, and with it every trace of it here.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/module.h>

#include "tdx_guest.h"

#if IS_ENABLED(CONFIG_TDX_GUEST_EMU)

static const struct tdx_platform_ops *tdx_emu_platform_get(void)
{
	const struct tdx_platform_ops *ops = symbol_get(tdx_emu_platform_ops);

	if (ops)
		pr_warn("using the EMULATED TDX platform: reports and quotes prove nothing\n");
	return ops;
}

static void tdx_emu_platform_put(void)
{
	symbol_put(tdx_emu_platform_ops);
}

#define TDX_NO_PLATFORM	"not a TDX guest, and no emulated platform (tdx_guest_emu) is loaded"

#else

static const struct tdx_platform_ops *tdx_emu_platform_get(void)
{
	return NULL;
}

static void tdx_emu_platform_put(void)
{
}

#define TDX_NO_PLATFORM	"not a TDX guest"

#endif /* CONFIG_TDX_GUEST_EMU */

/**
 * tdx_platform_get() - find the TDX platform and pin it.
 *
 * Return: the platform's operations, or ERR_PTR(-ENODEV) when this is not a
 * TDX guest and no emulated platform is loaded.
 */
const struct tdx_platform_ops *tdx_platform_get(void)
{
	const struct tdx_platform_ops *ops = tdx_hw_platform();

	if (!ops)
		ops = tdx_emu_platform_get();
	if (ops)
		return ops;

	pr_info(TDX_NO_PLATFORM "\n");
	return ERR_PTR(-ENODEV);
}

/**
 * tdx_platform_put() - release what tdx_platform_get() pinned.
 * @ops: the table tdx_platform_get() returned.
 */
void tdx_platform_put(const struct tdx_platform_ops *ops)
{
	if (ops != tdx_hw_platform())
		tdx_emu_platform_put();
}
