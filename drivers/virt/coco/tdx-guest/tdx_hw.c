// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real TDX platform: TDCALLs into the TDX module and TDVMCALLs to the
 * VMM.
 *
 * On Linux 6.12, TDG.MR.REPORT and TDG.MR.RTMR.EXTEND are issued here,
 * with the driver's own TDCALL, and their status becomes an errno through
 * the table of <tdx-guest/tdx_status.h> that the emulated platform uses
 * too. 6.12 does export tdx_mcall_get_report0(), but it folds OPERAND_BUSY
 * into -EIO and calls OPERAND_INVALID -EINVAL, so the same answer would
 * reach a client as a different errno than on the emulator or on 6.16+.
 * Kernels that export helpers with the table's semantics for both calls
 * (tdx_mcall_get_report0() and tdx_mcall_extend_rtmr() since 6.16, see
 * tdcall_compat.h) are left to do them. GetQuote goes through the
 * kernel's tdx_hcall_get_quote(), whose raw result the transport
 * interprets itself.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/module.h>

#include <tdx-guest/tdcall_compat.h>
#include <tdx-guest/tdx_status.h>

#include "tdx_guest.h"

#ifdef CONFIG_INTEL_TDX_GUEST

#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/tdx.h>

#if TDX_KERNEL_HAS_MR_TDCALLS

/* The kernel's helpers map TDX module status to errno as the table does. */
static int tdx_hw_get_report0(const u8 *reportdata, u8 *tdreport)
{
	return tdx_mcall_get_report0((u8 *)reportdata, tdreport);
}

static int tdx_hw_extend_rtmr(unsigned int index, const u8 *digest)
{
	return tdx_mcall_extend_rtmr(index, (u8 *)digest);
}

#else /* !TDX_KERNEL_HAS_MR_TDCALLS */

/*
 * TDCALL is encoded by hand because 6.12 does not export __tdcall(). The
 * TDX module may clobber every caller-saved register it is passed, so all
 * of them are outputs here.
 */
static u64 tdx_hw_tdcall(u64 leaf, u64 rcx, u64 rdx, u64 r8_in)
{
	register u64 r8 asm("r8") = r8_in;
	register u64 r9 asm("r9") = 0;
	register u64 r10 asm("r10") = 0;
	register u64 r11 asm("r11") = 0;
	u64 rax = leaf;

	asm volatile(".byte 0x66,0x0f,0x01,0xcc"
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8),
		       "+r" (r9), "+r" (r10), "+r" (r11)
		     :
		     : "memory");
	return rax;
}

/* A status the table has no errno of its own for is worth a log line. */
static int tdx_hw_errno(const char *call, u64 status)
{
	int rc = tdx_status_to_errno(status);

	if (rc == -EIO)
		pr_err_ratelimited("%s failed: %#llx\n", call, status);
	return rc;
}

static int tdx_hw_get_report0(const u8 *reportdata, u8 *tdreport)
{
	u64 status = tdx_hw_tdcall(TDX_TDCALL_MR_REPORT,
				   virt_to_phys(tdreport),
				   virt_to_phys((void *)reportdata),
				   TDX_TDCALL_MR_REPORT_SUBTYPE_0);

	return tdx_hw_errno("TDG.MR.REPORT", status);
}

static int tdx_hw_extend_rtmr(unsigned int index, const u8 *digest)
{
	u64 status = tdx_hw_tdcall(TDX_TDCALL_MR_RTMR_EXTEND,
				   virt_to_phys((void *)digest), index, 0);

	return tdx_hw_errno("TDG.MR.RTMR.EXTEND", status);
}

#endif /* TDX_KERNEL_HAS_MR_TDCALLS */

static u64 tdx_hw_get_quote(void *buf, size_t len)
{
	return tdx_hcall_get_quote(buf, len);
}

#define TDG_VP_VMCALL			0
/* RCX of TDG.VP.VMCALL: the GPRs the VMM sees, here R10 to R15. */
#define TDX_VMCALL_EXPOSE_R10_R15	0xfc00

/*
 * A GHCI standard TDG.VP.VMCALL that returns R11 as well as the status in
 * R10, which tdx_kvm_hypercall() cannot. Unexposed GPRs the TDX module may
 * still clobber are outputs too.
 */
static u64 tdx_hw_vmcall(u64 subfn, u64 arg, u64 *r11_out)
{
	register u64 r8 asm("r8") = 0;
	register u64 r9 asm("r9") = 0;
	register u64 r10 asm("r10") = 0;	/* standard, not vendor */
	register u64 r11 asm("r11") = subfn;
	register u64 r12 asm("r12") = arg;
	register u64 r13 asm("r13") = 0;
	register u64 r14 asm("r14") = 0;
	register u64 r15 asm("r15") = 0;
	u64 rax = TDG_VP_VMCALL, rcx = TDX_VMCALL_EXPOSE_R10_R15, rdx = 0;

	asm volatile(".byte 0x66,0x0f,0x01,0xcc"
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8),
		       "+r" (r9), "+r" (r10), "+r" (r11), "+r" (r12),
		       "+r" (r13), "+r" (r14), "+r" (r15)
		     :
		     : "memory");
	if (rax)
		return TDX_VMCALL_INVALID_OPERAND;
	*r11_out = r11;
	return r10;
}

static bool tdx_hw_notify_offered(void)
{
	u64 optional = 0;

	if (tdx_hw_vmcall(TDX_GET_TDVMCALL_INFO_VMCALL,
			  TDX_GET_TDVMCALL_INFO_OPTIONAL, &optional))
		return false;
	return optional & TDX_TDVMCALL_INFO_EVENT_NOTIFY;
}

static u64 tdx_hw_setup_notify(unsigned int vector)
{
	/* Nr 0 makes it a standard TDVMCALL: subfunction in R11, vector in R12. */
	return tdx_kvm_hypercall(0, TDX_SETUP_EVENT_NOTIFY_VMCALL, vector, 0, 0);
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
