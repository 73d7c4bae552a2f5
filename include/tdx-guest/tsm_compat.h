/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The configfs-tsm report API across the kernels this project supports, so
 * one provider source builds on both:
 *
 *   6.12   tsm_register(ops, priv) and struct tsm_ops, TSM_OUTBLOB_MAX
 *          (the core is the module "tsm").
 *   6.16 - renamed: tsm_report_register(), struct tsm_report_ops,
 *          TSM_REPORT_OUTBLOB_MAX (the core is the module "tsm_report").
 *          From then on tsm_register() means the unrelated TSM core device
 *          class (tsm_register(struct device *, ...)): never call it here.
 *
 * Both are built and tested: 6.12 on Debian 12's kernel, 6.16 and later on
 * Debian's newest (tests/newest-kernel). Other kernels are not supported.
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

#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)

#define tdx_tsm_ops			tsm_ops
#define TDX_TSM_OUTBLOB_MAX		TSM_OUTBLOB_MAX
#define tdx_tsm_register(ops, priv)	tsm_register(ops, priv)
#define tdx_tsm_unregister(ops)		tsm_unregister(ops)

#else
#error "tdx-guest supports Linux 6.12 and 6.16 or later"
#endif

#endif /* _TDX_GUEST_TSM_COMPAT_H */
