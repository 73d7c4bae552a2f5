/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TDX module completion status, and the one place it becomes an errno.
 *
 * A TDCALL returns a 64-bit status in RAX: bits 63:32 are the class
 * (0 = success; bit 63 set = error), bits 31:0 carry details such as the
 * number of the operand at fault. Both TDX platforms, the real TDX module
 * (tdx_hw.c) and the emulated one (tests/emu/tdx_module.c), turn a status
 * into an errno through tdx_status_to_errno() only, so a client sees the
 * same errno for the same answer whichever of them it runs on.
 */
#ifndef _TDX_GUEST_TDX_STATUS_H
#define _TDX_GUEST_TDX_STATUS_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>

/* TDCALL leaves the provider issues (TDG.MR.*), and their operands. */
#define TDX_TDCALL_MR_RTMR_EXTEND	2
#define TDX_TDCALL_MR_REPORT		4

/* R8 of TDG.MR.REPORT: the TDREPORT subtype. */
#define TDX_TDCALL_MR_REPORT_SUBTYPE_0	0

/* Completion status classes (TDX module ABI), bits 63:32 of RAX. */
#define TDX_STATUS_CLASS(status)	((u32)((status) >> 32))
#define TDX_CLASS_OPERAND_INVALID	0xc0000100U
#define TDX_CLASS_OPERAND_BUSY		0x80000200U

/* Whole status values; the low 32 bits name the operand (RCX = 1, ...). */
#define TDX_STATUS(class, detail)	(((u64)(class) << 32) | (u32)(detail))
#define TDX_STATUS_OPERAND_RCX		1
#define TDX_STATUS_OPERAND_RDX		2
#define TDX_STATUS_OPERAND_R8		8

/**
 * struct tdx_status_errno - what one class of TDX status means to a caller.
 * @class: bits 63:32 of the status.
 * @err: the negative errno a caller sees.
 */
struct tdx_status_errno {
	u32 class;
	int err;
};

/*
 * The table, for every status but 0 (success; upstream treats any other
 * value, warnings included, as a failure). OPERAND_INVALID is -ENXIO, as upstream Linux's
 * tdx_mcall_get_report0() and tdx_mcall_extend_rtmr() return it since
 * 6.16, so this driver and the kernel's helpers agree on every kernel.
 * OPERAND_BUSY (the RTMR lock was contended) is -EBUSY; callers may retry.
 * Every other class is -EIO.
 */
static const struct tdx_status_errno tdx_status_errnos[] __maybe_unused = {
	{ TDX_CLASS_OPERAND_INVALID,	-ENXIO },
	{ TDX_CLASS_OPERAND_BUSY,	-EBUSY },
};

/**
 * tdx_status_to_errno() - the errno a TDCALL's completion status stands for.
 * @status: RAX as the TDX module returned it.
 *
 * Return: 0, -ENXIO, -EBUSY, or -EIO for any status the table does not
 * name.
 */
static inline int tdx_status_to_errno(u64 status)
{
	unsigned int i;

	if (!status)
		return 0;
	for (i = 0; i < ARRAY_SIZE(tdx_status_errnos); i++)
		if (TDX_STATUS_CLASS(status) == tdx_status_errnos[i].class)
			return tdx_status_errnos[i].err;
	return -EIO;
}

#endif /* _TDX_GUEST_TDX_STATUS_H */
