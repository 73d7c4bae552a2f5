/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The seam between the tdx_guest provider and a TDX platform.
 *
 * Two implementations exist: the real TDX module and VMM, reached through
 * TDCALL and TDVMCALL, and the emulated platform of tdx_guest_emu. The
 * provider talks to whichever was found at load time through this table
 * only, so nothing above it can tell them apart.
 */
#ifndef _TDX_GUEST_PLATFORM_H
#define _TDX_GUEST_PLATFORM_H

#include <linux/types.h>

struct module;

/**
 * struct tdx_platform_ops - the services a TDX platform offers the guest.
 * @name: short name of the platform, for log messages.
 * @owner: module that implements the table; pinned while the table is used.
 * @get_report0: TDG.MR.REPORT subtype 0. @reportdata must be 64-byte and
 *	@tdreport 1024-byte aligned, both in private memory (the direct
 *	map). Returns what tdx_status_to_errno() of <tdx-guest/tdx_status.h>
 *	makes of the TDX module's status: 0, -EBUSY when the TDX module
 *	reported OPERAND_BUSY (the RTMR lock was contended), -ENXIO for an
 *	invalid operand, or -EIO for any other error.
 * @extend_rtmr: TDG.MR.RTMR.EXTEND of RTMR @index with the 48-byte digest at
 *	the start of @digest, a 64-byte aligned private buffer. Returns 0,
 *	-EBUSY, -ENXIO or -EIO like @get_report0.
 * @get_quote: TDG.VP.VMCALL<GetQuote> on the shared buffer @buf of @len
 *	bytes, both 4 KiB aligned. Returns the raw VMCALL result
 *	(TDX_VMCALL_*): the request is accepted only on TDX_VMCALL_SUCCESS,
 *	and its outcome is then reported in the buffer's header.
 * @notify_offered: optional. Whether the VMM offers
 *	SetupEventNotifyInterrupt (GetTdVmCallInfo); NULL means it does not.
 * @setup_notify: optional, with @notify_offered.
 *	TDG.VP.VMCALL<SetupEventNotifyInterrupt> for @vector: the VMM then
 *	injects @vector into the CPU that made this call whenever a GetQuote
 *	completes. Runs on that CPU, with interrupts disabled. Returns the
 *	raw VMCALL result (TDX_VMCALL_*).
 */
struct tdx_platform_ops {
	const char *name;
	struct module *owner;
	int (*get_report0)(const u8 *reportdata, u8 *tdreport);
	int (*extend_rtmr)(unsigned int index, const u8 *digest);
	u64 (*get_quote)(void *buf, size_t len);
	bool (*notify_offered)(void);
	u64 (*setup_notify)(unsigned int vector);
};

/*
 * Exported by tdx_guest_emu. The provider looks it up with symbol_get(), so
 * it never depends on, nor autoloads, the emulated platform.
 */
extern const struct tdx_platform_ops tdx_emu_platform_ops;

#endif /* _TDX_GUEST_PLATFORM_H */
