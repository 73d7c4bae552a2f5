/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The GetQuote shared buffer of the TDX Guest-Host-Communication Interface
 * (TDG.VP.VMCALL<GetQuote>, leaf 0x10002).
 *
 * The guest fills the header and a raw TDREPORT, hands the 4 KiB aligned
 * buffer to the VMM, and polls @status until the VMM replaces the report by
 * a Quote. Everything after the guest's hand-off is written by the host and
 * must be treated as hostile by the guest.
 */
#ifndef _TDX_GUEST_GETQUOTE_H
#define _TDX_GUEST_GETQUOTE_H

#include <linux/types.h>

#define TDX_GETQUOTE_VMCALL		0x10002
#define TDX_GETQUOTE_BUF_VERSION	1
#define TDX_GETQUOTE_BUF_ALIGN		4096

/* Values the VMM writes to tdx_getquote_hdr.status. */
#define TDX_GETQUOTE_STATUS_SUCCESS		0x0000000000000000ULL
#define TDX_GETQUOTE_STATUS_IN_FLIGHT		0xffffffffffffffffULL
#define TDX_GETQUOTE_STATUS_ERROR		0x8000000000000000ULL
#define TDX_GETQUOTE_STATUS_UNAVAILABLE		0x8000000000000001ULL

/* Results of the TDG.VP.VMCALL itself (R10 on return). */
#define TDX_VMCALL_SUCCESS			0x0000000000000000ULL
#define TDX_VMCALL_RETRY			0x0000000000000001ULL
#define TDX_VMCALL_INVALID_OPERAND		0x8000000000000000ULL
#define TDX_VMCALL_GPA_INUSE			0x8000000000000001ULL
#define TDX_VMCALL_ALIGN_ERROR			0x8000000000000002ULL
#define TDX_VMCALL_SUBFUNC_UNSUPPORTED		0x8000000000000003ULL

/*
 * Completion by interrupt: GetTdVmCallInfo with R12 = 1 returns in R11 the
 * optional subfunctions the VMM offers; SetupEventNotifyInterrupt (R12 =
 * vector) asks it to inject that vector into the calling vCPU whenever a
 * GetQuote completes.
 */
#define TDX_GET_TDVMCALL_INFO_VMCALL		0x10000
#define TDX_GET_TDVMCALL_INFO_OPTIONAL		1
#define TDX_TDVMCALL_INFO_EVENT_NOTIFY		0x2ULL
#define TDX_SETUP_EVENT_NOTIFY_VMCALL		0x10004
#define TDX_EVENT_NOTIFY_VECTOR_MIN		32
#define TDX_EVENT_NOTIFY_VECTOR_MAX		255

/**
 * struct tdx_getquote_hdr - header of the GetQuote shared buffer.
 * @version: format version, TDX_GETQUOTE_BUF_VERSION.
 * @status: TDX_GETQUOTE_STATUS_*, written by the VMM.
 * @in_len: bytes of request (the TDREPORT) in @data.
 * @out_len: bytes of Quote in @data, written by the VMM.
 * @data: request on the way in, Quote on the way out.
 */
struct tdx_getquote_hdr {
	__u64 version;
	__u64 status;
	__u32 in_len;
	__u32 out_len;
	__u8 data[];
};

#endif /* _TDX_GUEST_GETQUOTE_H */
