/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TDX calls the driver encodes itself, and why each one is here.
 *
 * What the kernel does for a module, the driver leaves to it: GetQuote
 * (tdx_hcall_get_quote()) on every kernel, TDG.MR.REPORT and
 * TDG.MR.RTMR.EXTEND (tdx_mcall_get_report0(), tdx_mcall_extend_rtmr())
 * from 6.16 on. Only these remain, checked against the TDX module ABI
 * (TDCALL leaves) and the GHCI (TDG.VP.VMCALL subfunctions):
 *
 *   call                          kernels  why not the kernel's
 *   TDG.MR.REPORT, leaf 4         < 6.16   6.12's tdx_mcall_get_report0()
 *     RCX TDREPORT PA (1024-aligned)       folds OPERAND_BUSY into -EIO, so
 *     RDX REPORTDATA PA (64-aligned)       a busy TDX module could not be
 *     R8  subtype 0                        told from a failing one
 *   TDG.MR.RTMR.EXTEND, leaf 2    < 6.16   6.12 has no helper
 *     RCX digest PA (64-aligned), RDX index 0..3
 *   TDG.VP.VMCALL, leaf 0         all      the kernel's helpers return R10
 *     <GetTdVmCallInfo>                    only; the answer is in R11
 *     RCX 0xfc00 (R10-R15 to the VMM), R10 0 (standard),
 *     R11 0x10000, R12 1 -> R10 status, R11 optional subfunctions
 *   TDG.VP.VMCALL, leaf 0         all      tdx_kvm_hypercall() exists only
 *     <SetupEventNotifyInterrupt>          with CONFIG_KVM_GUEST, which a
 *     R11 0x10004, R12 vector -> R10       TD need not have
 *
 * A TDG.VP.VMCALL that the TDX module itself fails (RAX not 0) never
 * reached the VMM; the kernel's own wrapper panics then, as only a broken
 * TDX module or a corrupt call does it. Here both calls are optional
 * features, so such a failure is reported as INVALID_OPERAND and the
 * driver polls instead.
 *
 * A TDCALL returns its completion status in RAX; the TDX module may
 * clobber every register it was passed, so all of them are outputs.
 * Statuses become an errno through the one table of <tdx-guest/tdx_status.h>,
 * with the meanings the 6.16 helpers give them.
 */
#ifndef _TDX_GUEST_TDCALL_COMPAT_H
#define _TDX_GUEST_TDCALL_COMPAT_H

#include <linux/types.h>
#include <linux/version.h>

#include <asm/io.h>
#include <asm/tdx.h>

#include <tdx-guest/getquote.h>
#include <tdx-guest/tdx_status.h>

/* The TDCALL instruction; binutils of 6.12's era may not know it. */
#define TDX_TDCALL_INSN		".byte 0x66,0x0f,0x01,0xcc"

#define TDX_TDCALL_VP_VMCALL		0
/* RCX of TDG.VP.VMCALL: the GPRs the VMM sees, here R10 to R15. */
#define TDX_VMCALL_EXPOSE_R10_R15	0xfc00

/*
 * A standard TDG.VP.VMCALL: subfunction @subfn in R11, @r12 in R12. Returns
 * the VMCALL status (R10), and R11 in @r11_out when it is not NULL.
 */
static inline u64 tdx_compat_vmcall(u64 subfn, u64 r12_in, u64 *r11_out)
{
	register u64 r8 asm("r8") = 0;
	register u64 r9 asm("r9") = 0;
	register u64 r10 asm("r10") = 0;	/* standard, not vendor */
	register u64 r11 asm("r11") = subfn;
	register u64 r12 asm("r12") = r12_in;
	register u64 r13 asm("r13") = 0;
	register u64 r14 asm("r14") = 0;
	register u64 r15 asm("r15") = 0;
	u64 rax = TDX_TDCALL_VP_VMCALL, rcx = TDX_VMCALL_EXPOSE_R10_R15;
	u64 rdx = 0;

	asm volatile(TDX_TDCALL_INSN
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8),
		       "+r" (r9), "+r" (r10), "+r" (r11), "+r" (r12),
		       "+r" (r13), "+r" (r14), "+r" (r15)
		     :
		     : "memory");
	/* The TDCALL itself failed: the VMM never saw the call (above). */
	if (rax)
		return TDX_VMCALL_INVALID_OPERAND;
	if (!r10 && r11_out)
		*r11_out = r11;
	return r10;
}

/* TDG.VP.VMCALL<GetTdVmCallInfo> with R12 = @leaf; R11 into @r11_out. */
static inline u64 tdx_compat_get_tdvmcall_info(u64 leaf, u64 *r11_out)
{
	return tdx_compat_vmcall(TDX_GET_TDVMCALL_INFO_VMCALL, leaf, r11_out);
}

/* TDG.VP.VMCALL<SetupEventNotifyInterrupt> for @vector, on this CPU. */
static inline u64 tdx_compat_setup_event_notify(unsigned int vector)
{
	return tdx_compat_vmcall(TDX_SETUP_EVENT_NOTIFY_VMCALL, vector, NULL);
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)

static inline int tdx_compat_get_report0(u8 *reportdata, u8 *tdreport)
{
	return tdx_mcall_get_report0(reportdata, tdreport);
}

static inline int tdx_compat_extend_rtmr(unsigned int index, u8 *digest)
{
	return tdx_mcall_extend_rtmr(index, digest);
}

#else

static inline u64 tdx_compat_tdcall(u64 leaf, u64 rcx, u64 rdx, u64 r8_in)
{
	register u64 r8 asm("r8") = r8_in;
	register u64 r9 asm("r9") = 0;
	register u64 r10 asm("r10") = 0;
	register u64 r11 asm("r11") = 0;
	u64 rax = leaf;

	asm volatile(TDX_TDCALL_INSN
		     : "+a" (rax), "+c" (rcx), "+d" (rdx), "+r" (r8),
		       "+r" (r9), "+r" (r10), "+r" (r11)
		     :
		     : "memory");
	return rax;
}

static inline int tdx_compat_get_report0(u8 *reportdata, u8 *tdreport)
{
	return tdx_status_to_errno(tdx_compat_tdcall(TDX_TDCALL_MR_REPORT,
						     virt_to_phys(tdreport),
						     virt_to_phys(reportdata),
						     TDX_TDCALL_MR_REPORT_SUBTYPE_0));
}

static inline int tdx_compat_extend_rtmr(unsigned int index, u8 *digest)
{
	return tdx_status_to_errno(tdx_compat_tdcall(TDX_TDCALL_MR_RTMR_EXTEND,
						     virt_to_phys(digest),
						     index, 0));
}

#endif

#endif /* _TDX_GUEST_TDCALL_COMPAT_H */
