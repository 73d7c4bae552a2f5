/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The configfs-tsm report API across kernel versions, so one provider
 * source builds on every kernel from 6.7 on.
 *
 *   6.7 - 6.10   tsm_register(ops, priv, type) and struct tsm_ops; the
 *                attributes shown are chosen by passing a config_item_type
 *                (tsm_report_default_type: exactly what TDX honours).
 *   6.11 - 6.15  tsm_register(ops, priv); struct tsm_ops gained
 *                report_attr_visible() and report_bin_attr_visible().
 *   6.16 -       renamed: tsm_report_register(), struct tsm_report_ops,
 *                TSM_REPORT_INBLOB_MAX, TSM_REPORT_OUTBLOB_MAX. From then on
 *                tsm_register() means the unrelated TSM core device class
 *                (tsm_register(struct device *, ...)): never call it here.
 *
 * Only the 6.12 branch is built and tested by this project's CI.
 */
#ifndef _TDX_GUEST_TSM_COMPAT_H
#define _TDX_GUEST_TSM_COMPAT_H

#include <linux/tsm.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)

#define tdx_tsm_ops			tsm_report_ops
#define TDX_TSM_OUTBLOB_MAX		TSM_REPORT_OUTBLOB_MAX
#define tdx_tsm_register(ops, priv)	tsm_report_register(ops, priv)
#define tdx_tsm_unregister(ops)		tsm_report_unregister(ops)
#define TDX_TSM_HAS_VISIBILITY		1

#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)

#define tdx_tsm_ops			tsm_ops
#define TDX_TSM_OUTBLOB_MAX		TSM_OUTBLOB_MAX
#define tdx_tsm_register(ops, priv)	tsm_register(ops, priv)
#define tdx_tsm_unregister(ops)		tsm_unregister(ops)
#define TDX_TSM_HAS_VISIBILITY		1

#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)

#define tdx_tsm_ops			tsm_ops
#define TDX_TSM_OUTBLOB_MAX		TSM_OUTBLOB_MAX
#define tdx_tsm_register(ops, priv) \
	tsm_register(ops, priv, &tsm_report_default_type)
#define tdx_tsm_unregister(ops)		tsm_unregister(ops)
#define TDX_TSM_HAS_VISIBILITY		0

#else
#error "configfs-tsm needs Linux 6.7 or later"
#endif

#endif /* _TDX_GUEST_TSM_COMPAT_H */
