/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal interfaces of the tdx_guest provider module. Each declaration here
 * crosses between two of its files; nothing outside the module uses them.
 */
#ifndef _TDX_GUEST_INTERNAL_H
#define _TDX_GUEST_INTERNAL_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <tdx-guest/getquote.h>
#include <tdx-guest/platform.h>
#include <tdx-guest/tdreport.h>
#include <uapi/tdx-guest/rtmr_log.h>

struct tdx_quote_buf;

/**
 * struct tdx_quote_notify - GetQuote completion by the host's interrupt.
 * @ops: the platform that registers the vector.
 * @lock: serialises placing the IRQ and registering it with the host.
 * @wq: woken by the interrupt; GetQuote waiters sleep here.
 * @irq: the Linux IRQ that owns the vector, or 0.
 * @cpu: the CPU the vector lives on.
 * @vector: the vector the host injects.
 * @active: the host was told @vector and @cpu, and they are current;
 *	read without @lock by waiters.
 * @irqs: interrupts taken since init.
 * @lost: completions in a row found by the safety look without an
 *	interrupt.
 * @started: init succeeded; fini has something to undo.
 * @cpuhp_node: this instance in the CPU hotplug state.
 * @why: when not @active, why not (for the log and user space).
 */
struct tdx_quote_notify {
	const struct tdx_platform_ops *ops;
	struct mutex lock;	/* placement and registration */
	wait_queue_head_t wq;
	unsigned int irq;
	unsigned int cpu;
	unsigned int vector;
	bool active;
	atomic_t irqs;
	unsigned int lost;
	bool started;
	struct hlist_node cpuhp_node;
	char why[48];
};

/**
 * struct tdx_quote_transport - owner of the GetQuote shared buffers.
 * @ops: platform that carries the GetQuote hypercall.
 * @lock: serialises requests; held for the whole life of one request.
 * @buf: the buffer the next request uses, or NULL when it must be
 *	allocated first (at load, or after the last one was quarantined).
 * @buf_len: size of every GetQuote buffer in bytes.
 * @quarantine: buffers the host may still write (a request that timed out
 *	or was interrupted); they are neither reused nor freed until the host
 *	has written a final status into them.
 * @nr_quarantined: entries on @quarantine.
 * @service_unavailable: the last request found no quote generation service.
 * @notify: completion by interrupt, when the host offers it.
 */
struct tdx_quote_transport {
	const struct tdx_platform_ops *ops;
	struct mutex lock;	/* one request at a time */
	struct tdx_quote_buf *buf;
	size_t buf_len;
	struct list_head quarantine;
	unsigned int nr_quarantined;
	bool service_unavailable;
	struct tdx_quote_notify notify;
};

/* Bounds of the runtime measurement log's size (rtmr_log_kib), in bytes. */
#define TDX_RTMR_LOG_MIN_SIZE	SZ_64K
#define TDX_RTMR_LOG_MAX_SIZE	SZ_64M

/**
 * struct tdx_rtmr_log - the runtime measurement log.
 * @lock: protects @chunks, @nr_chunks and @len.
 * @chunks: where the records are, in chunks of 64 KiB; room for as many
 *	as @max needs.
 * @nr_chunks: chunks allocated.
 * @len: bytes of records.
 * @max: the most bytes the log may hold.
 * @complete: the firmware's log, then this one, replays to every RTMR.
 */
struct tdx_rtmr_log {
	struct mutex lock;	/* chunks, nr_chunks, len */
	u8 **chunks;
	unsigned int nr_chunks;
	size_t len;
	size_t max;
	bool complete;
};

/**
 * struct tdx_rtmr_event - one extend, and the record it leaves in the log.
 * @index: the RTMR, 0..3.
 * @type: the record's event type (EV_EVENT_TAG, or EV_NO_ACTION for a
 *	record that is never extended).
 * @digest: what the RTMR is extended with.
 * @event_size: bytes at @event.
 * @event: the record's event, a TCG_PCClientTaggedEvent.
 */
struct tdx_rtmr_event {
	unsigned int index;
	u32 type;
	u8 digest[TDX_MEASUREMENT_SIZE];
	u32 event_size;
	u8 event[];
};

/* The size of a record with an event of @event_size bytes. */
static inline size_t tdx_rtmr_log_record_size(u32 event_size)
{
	return sizeof(struct tdx_rtmr_log_head) + event_size;
}

/* TDG.MR.REPORT calls, in all, before a busy TDX module is given up on. */
#define TDX_REPORT_BUSY_TRIES	8

/**
 * struct tdx_mr_cache - the TDREPORT the measurement files are read from.
 *	Protected by tdx_guest.mr_lock.
 * @report: the last TDREPORT taken for the cache.
 * @stale: an RTMR was extended through this driver after @report was
 *	taken, so its RTMRs are out of date.
 * @valid: @report holds a TDREPORT.
 */
struct tdx_mr_cache {
	struct tdx_tdreport report;
	bool stale;
	bool valid;
};

/**
 * struct tdx_guest - the state of one TDX guest provider instance.
 * @ops: the platform found at load time.
 * @mr_lock: serialises every TDG.MR.REPORT with every TDG.MR.RTMR.EXTEND, so
 *	the TDX module never answers OPERAND_BUSY to our own callers; also
 *	protects @mr_cache.
 * @mr_cache: what the measurement files are read from.
 * @quote: the GetQuote transport.
 * @log: what was extended into the RTMRs since load.
 * @misc: /dev/tdx_guest, which carries the measurement files.
 * @tsm_registered: the configfs-tsm provider is registered.
 */
struct tdx_guest {
	const struct tdx_platform_ops *ops;
	struct mutex mr_lock;	/* REPORT vs RTMR.EXTEND, and mr_cache */
	struct tdx_mr_cache mr_cache;
	struct tdx_quote_transport quote;
	struct tdx_rtmr_log log;
	struct miscdevice misc;
	bool tsm_registered;
};

/* platform_select.c */
const struct tdx_platform_ops *tdx_platform_get(void);
void tdx_platform_put(const struct tdx_platform_ops *ops);

/* tdx_hw.c */
const struct tdx_platform_ops *tdx_hw_platform(void);

/* report_extend.c */
int tdx_guest_get_report(struct tdx_guest *tg, const u8 *reportdata,
			 u8 *tdreport);
u8 *tdx_guest_read_report(struct tdx_guest *tg);
int tdx_guest_read_mr(struct tdx_guest *tg, size_t offset, size_t len,
		      bool live, u8 *buf);
int tdx_guest_extend_event(struct tdx_guest *tg,
			   const struct tdx_rtmr_event *ev, u64 *offset);
int tdx_guest_extend_rtmr(struct tdx_guest *tg, unsigned int index,
			  const u8 *digest);
int tdx_guest_log_start(struct tdx_guest *tg);

/* ccel_replay.c */
int tdx_ccel_replay(u8 rtmr[][TDX_MEASUREMENT_SIZE], bool *found);

/* sha384.c */
int tdx_sha384_init(void);
void tdx_sha384_exit(void);
int tdx_sha384(const void *data, size_t len, u8 *out);
int tdx_sha384_extend(u8 *mr, const u8 *digest);

/* measurements_sysfs.c (before 6.16), or measurements_tsm_mr.c */
extern const struct attribute_group *tdx_guest_groups[];
int tdx_measurements_init(struct tdx_guest *tg);
void tdx_measurements_fini(void);
int tdx_measurements_extend(struct tdx_guest *tg,
			    const struct tdx_rtmr_event *ev, u64 *offset);

/* misc_dev.c */
int tdx_guest_misc_register(struct tdx_guest *tg);
void tdx_guest_misc_deregister(struct tdx_guest *tg);

/* rtmr_log.c */
extern struct device_attribute dev_attr_rtmr_log_complete;
int tdx_rtmr_log_init(struct tdx_rtmr_log *log, size_t max);
void tdx_rtmr_log_fini(struct tdx_rtmr_log *log);
size_t tdx_rtmr_log_encode(u8 *dst, const struct tdx_rtmr_event *ev);
int tdx_rtmr_log_reserve(struct tdx_rtmr_log *log, u32 event_size);
u64 tdx_rtmr_log_append(struct tdx_rtmr_log *log,
			const struct tdx_rtmr_event *ev);
ssize_t tdx_rtmr_log_read(struct tdx_rtmr_log *log, char *buf, loff_t off,
			  size_t count);
bool tdx_rtmr_aael_well_formed(const u8 *data, u32 len);
struct tdx_rtmr_event *tdx_rtmr_event_tagged(unsigned int index, u32 tag_id,
					     const void *data, u32 len);
struct tdx_rtmr_event *tdx_rtmr_event_tagged_user(unsigned int index,
						  u32 tag_id,
						  const void __user *data,
						  u32 len);
struct tdx_rtmr_event *tdx_rtmr_event_digest(unsigned int index,
					     const u8 *digest);
int tdx_rtmr_log_note_unexplained(struct tdx_rtmr_log *log,
				  unsigned int index, const u8 *value);

/* quote_notify.c */
void tdx_quote_notify_init(struct tdx_quote_notify *qn,
			   const struct tdx_platform_ops *ops);
void tdx_quote_notify_fini(struct tdx_quote_notify *qn);
unsigned int tdx_quote_notify_irqs(struct tdx_quote_notify *qn);
void tdx_quote_notify_judge(struct tdx_quote_notify *qn,
			    unsigned int irqs_before, bool by_safety_look);
int tdx_quote_notify_describe(struct tdx_quote_notify *qn, char *buf,
			      size_t len);

/* quote_transport.c */
extern unsigned int quote_timeout_ms;
extern unsigned int tdx_quote_publish_grace_ms;
int tdx_quote_transport_init(struct tdx_quote_transport *qt,
			     const struct tdx_platform_ops *ops);
void tdx_quote_transport_fini(struct tdx_quote_transport *qt);
u64 tdx_quote_poll_interval(u64 elapsed_ns);
int tdx_quote_status_to_errno(u64 status);
int tdx_quote_get(struct tdx_quote_transport *qt, const u8 *tdreport,
		  u8 **quote, size_t *quote_len);

/* tsm_provider.c */
struct tsm_report;
int tdx_tsm_report_new(struct tsm_report *report, void *data);
int tdx_tsm_provider_register(struct tdx_guest *tg);
void tdx_tsm_provider_unregister(void);

#endif /* _TDX_GUEST_INTERNAL_H */
