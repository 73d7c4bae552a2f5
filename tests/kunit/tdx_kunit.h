/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the suites of tdx_guest_kunit: SHA-384 as the test's
 * independent oracle, a provider instance on the emulated platform, a fake
 * platform whose GetQuote the test controls, and kthreads that do a job
 * and say when they are done.
 */
#ifndef _TDX_KUNIT_H
#define _TDX_KUNIT_H

#include <linux/completion.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "../../drivers/virt/coco/tdx-guest/tdx_guest.h"
#include "../emu/emu.h"

struct kunit;

/* What TDREPORT fields the tests read, as a whole-register copy. */
#define TDX_KUNIT_RTMRS_SIZE	(TDX_RTMR_COUNT * TDX_MEASUREMENT_SIZE)

int tdx_kunit_sha384(const void *data, size_t len, u8 *out);
int tdx_kunit_extend(u8 *rtmr, const u8 *digest);
void tdx_kunit_digest(u8 *digest, const char *fmt, ...) __printf(2, 3);

struct tdx_guest *tdx_kunit_guest_new(struct kunit *test,
				      const struct tdx_platform_ops *ops,
				      size_t log_size);
void tdx_kunit_read_rtmrs(struct kunit *test, struct tdx_guest *tg,
			  u8 *rtmrs);

/**
 * enum tdx_fake_mode - what the fake VMM does with a GetQuote it accepts.
 * @TDX_FAKE_COMPLETE: writes the result before the hypercall returns.
 * @TDX_FAKE_HANG: leaves the buffer in flight until the test completes it.
 * @TDX_FAKE_LATER: completes it from a delayed work after @delay_ms.
 * @TDX_FAKE_OUT_LEN_LATER: writes the Quote and the final status at once,
 *	out_len only from a delayed work after @delay_ms (a header published
 *	front to back, as QEMU does, with a preempted host in between).
 */
enum tdx_fake_mode {
	TDX_FAKE_COMPLETE,
	TDX_FAKE_HANG,
	TDX_FAKE_LATER,
	TDX_FAKE_OUT_LEN_LATER,
};

#define TDX_FAKE_MAX_REQS	16

/**
 * struct tdx_fake_host - a VMM whose GetQuote answers the test chooses.
 * A test may compare the buffers in @reqs but must not touch them: the
 * transport frees buffers it no longer needs.
 *
 * @mode: what happens to an accepted request.
 * @retries: answer TDX_VMCALL_RETRY to this many hypercalls first.
 * @vmcall_error: when non-zero, answer every hypercall with this.
 * @report_error: when non-zero, TDG.MR.REPORT fails with this errno.
 * @status: the final status a completion publishes.
 * @out_len: the out_len a completion publishes.
 * @fill: seed of the Quote bytes a completion writes (see tdx_fake_byte()).
 * @delay_ms: service time for TDX_FAKE_LATER, time from status to out_len
 *	for TDX_FAKE_OUT_LEN_LATER.
 * @hang_with_quote: in TDX_FAKE_HANG mode, write the Quote and out_len
 *	anyway, leaving only the status in flight.
 * @reports: TDG.MR.REPORT calls made.
 * @calls: GetQuote hypercalls made.
 * @nr_reqs: requests accepted (recorded in @reqs, at most
 *	TDX_FAKE_MAX_REQS).
 * @reqs: the buffers of accepted requests, in order.
 * @lens: their sizes.
 * @seen_version: header version of the last accepted request.
 * @seen_status: header status of the last request, before acceptance.
 * @seen_in_len: header in_len of the last accepted request.
 * @seen_out_len: header out_len of the last request, before acceptance.
 * @seen_tail_zero: everything after the TDREPORT was zero.
 * @seen_report: the TDREPORT of the last accepted request.
 * @nr_hung: requests left in flight in TDX_FAKE_HANG mode, not finished yet.
 * @hung: their buffers; the transport never frees a buffer in flight, so
 *	these stay valid until tdx_fake_finish() completes them.
 * @hung_lens: their sizes.
 * @work: completes a TDX_FAKE_LATER request.
 * @pending: the buffer @work completes.
 * @pending_len: its size.
 */
struct tdx_fake_host {
	enum tdx_fake_mode mode;
	unsigned int retries;
	u64 vmcall_error;
	int report_error;
	u64 status;
	u32 out_len;
	u8 fill;
	unsigned int delay_ms;
	bool hang_with_quote;

	unsigned int reports;
	unsigned int calls;
	unsigned int nr_reqs;
	void *reqs[TDX_FAKE_MAX_REQS];
	size_t lens[TDX_FAKE_MAX_REQS];
	u64 seen_version;
	u64 seen_status;
	u32 seen_in_len;
	u32 seen_out_len;
	bool seen_tail_zero;
	u8 seen_report[TDX_TDREPORT_SIZE];
	unsigned int nr_hung;
	void *hung[TDX_FAKE_MAX_REQS];
	size_t hung_lens[TDX_FAKE_MAX_REQS];

	struct delayed_work work;
	void *pending;
	size_t pending_len;
};

extern const struct tdx_platform_ops tdx_fake_platform_ops;

struct tdx_fake_host *tdx_fake_host_start(struct kunit *test);
void tdx_fake_complete(void *buf, size_t len, u64 status, u32 out_len,
		       u8 fill);
u8 tdx_fake_byte(u8 fill, size_t i);
void *tdx_fake_last_req(struct tdx_fake_host *h);
bool tdx_fake_finish(struct tdx_fake_host *h, void *buf, u64 status);
bool tdx_fake_finish_quote(struct tdx_fake_host *h, void *buf, u64 status,
			   u32 out_len, u8 fill);

/**
 * struct tdx_kunit_worker - a kthread running one job for a test.
 * @fn: the job.
 * @data: its argument.
 * @rc: what @fn returned.
 * @done: completed when @fn has returned.
 * @started: the kthread exists (so @done will be completed).
 * @finished: a wait has seen @done completed.
 */
struct tdx_kunit_worker {
	int (*fn)(void *data);
	void *data;
	int rc;
	struct completion done;
	bool started;
	bool finished;
};

int tdx_kunit_worker_start(struct kunit *test, struct tdx_kunit_worker *w,
			   int (*fn)(void *data), void *data,
			   const char *name);
bool tdx_kunit_worker_wait(struct tdx_kunit_worker *w, unsigned long timeout);
void tdx_kunit_worker_join(struct tdx_kunit_worker *w);

#endif /* _TDX_KUNIT_H */
