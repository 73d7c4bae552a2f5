/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal interfaces of tdx_guest_emu, the emulated TDX platform. Each
 * declaration here crosses between two of its files.
 */
#ifndef _TDX_GUEST_EMU_H
#define _TDX_GUEST_EMU_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <tdx-guest/tdreport.h>

struct file;

/**
 * struct tdx_emu_faults - faults to inject, set through debugfs.
 * @quote_delay_us: the host's service time for every GetQuote.
 * @quote_status: when non-zero, the status the next GetQuote completes with.
 * @quote_oversize: when non-zero, the next GetQuote claims an out_len
 *	larger than its buffer.
 * @quote_hang: the next this many GetQuote requests never complete.
 * @vmcall_retry: the next this many GetQuote hypercalls answer RETRY.
 * @report_busy: the next this many TDG.MR.REPORT calls answer OPERAND_BUSY.
 * @tdcall_delay_ms: every TDG.MR.REPORT and TDG.MR.RTMR.EXTEND holds the
 *	RTMR lock this long, uninterruptibly.
 * @qemu_header_order: 0 or 1; when 1 a GetQuote completes as QEMU
 *	publishes it: Quote, write barrier, then the header front to back
 *	(status before out_len).
 * @header_gap_us: delay between the stores of status and out_len when a
 *	GetQuote completes, in whichever order they are made.
 * @notify_supported: whether the VMM offers SetupEventNotifyInterrupt.
 * @notify_drop: the next this many completion interrupts are not sent.
 * @notify_inject: 0 makes the VMM accept SetupEventNotifyInterrupt and
 *	never inject, as a host that offers the feature but does not deliver.
 */
struct tdx_emu_faults {
	atomic_t quote_delay_us;
	atomic64_t quote_status;
	atomic_t quote_oversize;
	atomic_t quote_hang;
	atomic_t vmcall_retry;
	atomic_t report_busy;
	atomic_t tdcall_delay_ms;
	atomic_t qemu_header_order;
	atomic_t header_gap_us;
	atomic_t notify_supported;
	atomic_t notify_drop;
	atomic_t notify_inject;
};

extern struct tdx_emu_faults tdx_emu_faults;

/**
 * struct tdx_emu_counters - what the emulated platform observed, read-only
 *	in debugfs.
 * @busy_overlaps: OPERAND_BUSY answers caused by real RTMR lock contention,
 *	never injected ones.
 * @quote_calls: GetQuote hypercalls the emulated VMM accepted (answered
 *	TDX_VMCALL_SUCCESS).
 * @report_calls: TDG.MR.REPORT calls answered, whatever the answer.
 */
struct tdx_emu_counters {
	atomic64_t busy_overlaps;
	atomic64_t quote_calls;
	atomic64_t report_calls;
};

extern struct tdx_emu_counters tdx_emu_counters;

/* debugfs_knobs.c */
bool tdx_emu_fault_take(atomic_t *count);
int tdx_emu_debugfs_init(void);
void tdx_emu_debugfs_exit(void);

/* tdx_module.c */
int tdx_emu_tdx_init(void);
void tdx_emu_tdx_exit(void);
int tdx_emu_get_report0(const u8 *reportdata, u8 *tdreport);
int tdx_emu_extend_rtmr(unsigned int index, const u8 *digest);
int tdx_emu_verify_report(const struct tdx_reportmac *mac);
u64 tdx_emu_busy_overlaps(void);
u64 tdx_emu_report_calls(void);
bool tdx_emu_test_hold_rtmr_lock(bool as_extend);
void tdx_emu_test_release_rtmr_lock(bool as_extend);

/* vmm_getquote.c */
int tdx_emu_quote_host_init(void);
void tdx_emu_quote_host_exit(void);
u64 tdx_emu_get_quote(void *buf, size_t len);
void tdx_emu_service_attach(void);
void tdx_emu_service_detach(void);
void tdx_emu_quote_release_hung(void);
bool tdx_emu_service_has_request(void);
ssize_t tdx_emu_service_read(char __user *ubuf, size_t count);
ssize_t tdx_emu_service_write(const char __user *ubuf, size_t count);
wait_queue_head_t *tdx_emu_service_waitq(void);

/* vmm_notify.c */
u64 tdx_emu_get_tdvmcall_info(u64 *optional);
u64 tdx_emu_setup_notify(unsigned int vector);
void tdx_emu_notify_inject(void);

/* qgs_dev.c */
int tdx_emu_qgs_dev_init(void);
void tdx_emu_qgs_dev_exit(void);

#endif /* _TDX_GUEST_EMU_H */
