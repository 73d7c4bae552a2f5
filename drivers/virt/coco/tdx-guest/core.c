// SPDX-License-Identifier: GPL-2.0-only
/*
 * tdx_guest: attestation and runtime measurements for Intel TDX guests.
 *
 * Module entry points. The module binds to one TDX platform (the real one,
 * or the emulated one when loaded by hand on a machine without TDX), then
 * offers reports through configfs-tsm.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cleanup.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include <asm/cpu_device_id.h>

#include "tdx_guest.h"

/* KiB the runtime measurement log may hold; it grows as records come. */
static unsigned int rtmr_log_kib = 4096;

/* Refuse at load what the log cannot be: too small to be useful, huge. */
static int rtmr_log_kib_set(const char *val, const struct kernel_param *kp)
{
	int rc = param_set_uint_minmax(val, kp, TDX_RTMR_LOG_MIN_SIZE / SZ_1K,
				       TDX_RTMR_LOG_MAX_SIZE / SZ_1K);

	if (rc)
		pr_err("rtmr_log_kib must be %u to %u\n",
		       TDX_RTMR_LOG_MIN_SIZE / SZ_1K,
		       TDX_RTMR_LOG_MAX_SIZE / SZ_1K);
	return rc;
}

static const struct kernel_param_ops rtmr_log_kib_ops = {
	.set = rtmr_log_kib_set,
	.get = param_get_uint,
};
module_param_cb(rtmr_log_kib, &rtmr_log_kib_ops, &rtmr_log_kib, 0444);
MODULE_PARM_DESC(rtmr_log_kib,
		 "KiB the runtime measurement log may grow to (64 to 65536, default 4096)");

static struct tdx_guest *tdx_guest;

/*
 * Undo whatever part of tdx_guest_init() was done, in reverse order;
 * tolerates partial state.
 */
static void tdx_guest_destroy(struct tdx_guest *tg)
{
	if (!tg)
		return;
	if (tg->misc.this_device)
		tdx_guest_misc_deregister(tg);
	if (tg->tsm_registered)
		tdx_tsm_provider_unregister();
	tdx_quote_transport_fini(&tg->quote);
	tdx_rtmr_log_fini(&tg->log);
	if (!IS_ERR_OR_NULL(tg->ops))
		tdx_platform_put(tg->ops);
	mutex_destroy(&tg->mr_lock);
	kfree(tg);
}

DEFINE_FREE(tdx_guest_destroy, struct tdx_guest *, tdx_guest_destroy(_T))

static int __init tdx_guest_init(void)
{
	struct tdx_guest *tg __free(tdx_guest_destroy) =
		kzalloc(sizeof(*tg), GFP_KERNEL);
	int rc;

	if (!tg)
		return -ENOMEM;
	mutex_init(&tg->mr_lock);

	tg->ops = tdx_platform_get();
	if (IS_ERR(tg->ops))
		return PTR_ERR(tg->ops);

	rc = tdx_rtmr_log_init(&tg->log, (size_t)rtmr_log_kib * SZ_1K);
	if (rc)
		return rc;
	rc = tdx_guest_log_start(tg);
	if (rc)
		return rc;

	rc = tdx_quote_transport_init(&tg->quote, tg->ops);
	if (rc)
		return rc;

	rc = tdx_tsm_provider_register(tg);
	if (rc)
		return rc;
	tg->tsm_registered = true;

	/*
	 * Last: from here on user space can open /dev/tdx_guest and read or
	 * extend through sysfs, so everything those use must be ready.
	 */
	rc = tdx_guest_misc_register(tg);
	if (rc)
		return rc;

	pr_info("attestation provider ready on the %s\n", tg->ops->name);
	tdx_guest = no_free_ptr(tg);
	return 0;
}

static int __init tdx_guest_module_init(void)
{
	int rc = tdx_sha384_init();

	if (rc)
		return rc;
	rc = tdx_guest_init();
	if (rc)
		tdx_sha384_exit();
	return rc;
}
module_init(tdx_guest_module_init);

static void __exit tdx_guest_exit(void)
{
	tdx_guest_destroy(tdx_guest);
	tdx_sha384_exit();
}
module_exit(tdx_guest_exit);

/* Autoload on real TDX guests only; the emulated platform never matches. */
static const struct x86_cpu_id tdx_guest_ids[] = {
	X86_MATCH_FEATURE(X86_FEATURE_TDX_GUEST, NULL),
	{}
};
MODULE_DEVICE_TABLE(x86cpu, tdx_guest_ids);

MODULE_DESCRIPTION("Intel TDX guest attestation (configfs-tsm) and runtime measurements");
MODULE_LICENSE("GPL");
