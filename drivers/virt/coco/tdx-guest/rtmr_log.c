// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: runtime measurement log
 *
 * Upstream Linux lets user space extend RTMRs but keeps no record of what
 * was extended, so a verifier holding a Quote cannot tell which events led
 * to its RTMR values. This log records, in order, the RTMR values at load
 * time and every digest extended through this driver since.
 *
 * Appends happen under tdx_guest.mr_lock right after a successful extend,
 * so every report sees RTMRs equal to the baseline extended by a prefix of
 * the log. Its size is fixed at load: when it is full, further extends are
 * refused (ENOSPC) rather than made without a record, because a log that
 * no longer replays to the registers is worse than no log.
 */
#include <linux/build_bug.h>
#include <linux/cleanup.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "tdx_guest.h"

/* The record size is ABI: readers step through the file by it. */
static_assert(sizeof(struct tdx_rtmr_log_entry) == 64);

/**
 * tdx_rtmr_log_init() - allocate an empty log.
 * @log: the log, zeroed.
 * @capacity: how many records it can ever hold.
 *
 * Return: 0, -EINVAL for a capacity too small for the baseline or above
 * TDX_RTMR_LOG_MAX_ENTRIES, -ENOMEM.
 */
int tdx_rtmr_log_init(struct tdx_rtmr_log *log, unsigned int capacity)
{
	if (capacity < TDX_RTMR_COUNT || capacity > TDX_RTMR_LOG_MAX_ENTRIES)
		return -EINVAL;
	log->entries = kvcalloc(capacity, sizeof(*log->entries), GFP_KERNEL);
	if (!log->entries)
		return -ENOMEM;
	log->capacity = capacity;
	mutex_init(&log->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_init);

/**
 * tdx_rtmr_log_fini() - free a log.
 * @log: the log; may be one whose init failed or never ran.
 */
void tdx_rtmr_log_fini(struct tdx_rtmr_log *log)
{
	if (!log->entries)
		return;
	kvfree(log->entries);
	log->entries = NULL;
	mutex_destroy(&log->lock);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_fini);

/**
 * tdx_rtmr_log_has_room() - can one more record be appended?
 * @log: the log.
 *
 * Only appends change the answer, and they happen under mr_lock, so a
 * caller holding mr_lock can rely on it until it appends.
 *
 * Return: true if tdx_rtmr_log_append() will succeed.
 */
bool tdx_rtmr_log_has_room(struct tdx_rtmr_log *log)
{
	guard(mutex)(&log->lock);
	return log->count < log->capacity;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_has_room);

/**
 * tdx_rtmr_log_append() - record a baseline value or an extended digest.
 * @log: the log.
 * @type: TDX_RTMR_LOG_BASELINE or TDX_RTMR_LOG_EXTEND.
 * @index: the RTMR.
 * @digest: TDX_MEASUREMENT_SIZE bytes.
 *
 * Return: 0, or -ENOSPC when the log is full.
 */
int tdx_rtmr_log_append(struct tdx_rtmr_log *log, u16 type,
			unsigned int index, const u8 *digest)
{
	struct tdx_rtmr_log_entry *e;

	guard(mutex)(&log->lock);
	if (log->count >= log->capacity)
		return -ENOSPC;

	e = &log->entries[log->count];
	e->seq = cpu_to_le64(log->count);
	e->type = cpu_to_le16(type);
	e->index = cpu_to_le16(index);
	memcpy(e->digest, digest, TDX_MEASUREMENT_SIZE);
	log->count++;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_append);

/**
 * tdx_rtmr_log_read() - copy out part of the log as its byte stream.
 * @log: the log.
 * @buf: destination.
 * @off: offset into the stream of records.
 * @count: bytes wanted.
 *
 * Return: bytes copied; 0 at or past the end.
 */
ssize_t tdx_rtmr_log_read(struct tdx_rtmr_log *log, char *buf, loff_t off,
			  size_t count)
{
	size_t len;

	guard(mutex)(&log->lock);
	len = size_mul(log->count, sizeof(*log->entries));
	if (off < 0 || off >= len)
		return 0;
	count = min(count, len - (size_t)off);
	memcpy(buf, (const u8 *)log->entries + off, count);
	return count;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_read);
