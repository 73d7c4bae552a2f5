/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which TDCALLs for the measurement registers the kernel does for us.
 *
 *   6.12   tdx_mcall_get_report0() exists but folds OPERAND_BUSY into
 *          -EIO; nothing issues TDG.MR.RTMR.EXTEND. The driver makes both
 *          TDCALLs itself (tdx_hw.c).
 *   6.16 - tdx_mcall_get_report0() answers -EBUSY on OPERAND_BUSY, and
 *          tdx_mcall_extend_rtmr() issues TDG.MR.RTMR.EXTEND: the driver
 *          uses both, as the in-tree driver does.
 */
#ifndef _TDX_GUEST_TDCALL_COMPAT_H
#define _TDX_GUEST_TDCALL_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define TDX_KERNEL_HAS_MR_TDCALLS	1
#else
#define TDX_KERNEL_HAS_MR_TDCALLS	0
#endif

#endif /* _TDX_GUEST_TDCALL_COMPAT_H */
