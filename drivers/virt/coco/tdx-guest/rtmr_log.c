// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: runtime measurement log
 *
 * Upstream Linux lets user space extend RTMRs but keeps no record of what
 * was extended, so a verifier holding a Quote cannot tell which events led
 * to its RTMR values. This log records every extend made through this
 * driver, in the format verifiers already replay a TD's firmware log in:
 * TCG_PCR_EVENT2 records (<uapi/tdx-guest/rtmr_log.h>), so that the ACPI
 * CCEL's log followed by this one is one log that replays to the RTMRs of
 * any Quote.
 *
 * A record is appended under tdx_guest.mr_lock in the same hold as its
 * extend, after room for it was made and before the lock is dropped: no
 * report sees an extend whose record is missing, and no extend is made
 * that cannot be recorded. The log grows as records come, up to a size
 * fixed at load; a full log refuses further extends (ENOSPC), because an
 * extend without a record would make every later Quote unverifiable.
 *
 * The log is complete when the firmware's log replays to the RTMRs the
 * driver found at load. Where it does not (the in-tree driver or an
 * earlier load of this one extended them), the log says so at its start
 * with an EV_NO_ACTION record per such RTMR, holding the value found,
 * and in rtmr_log_complete.
 */
#include <linux/build_bug.h>
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/minmax.h>
#include <linux/nls.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/unaligned.h>
#include <kunit/visibility.h>

#include "tdx_guest.h"

/* The layout is ABI: replayers step through it by these sizes. */
static_assert(sizeof(struct tdx_rtmr_log_head) == 66);
static_assert(sizeof(struct tdx_rtmr_log_tagged_event) == 8);
static_assert(TDX_RTMR_LOG_DIGEST_SIZE == TDX_MEASUREMENT_SIZE);

/* The log is stored in chunks of this size, allocated as it grows. */
#define TDX_RTMR_LOG_CHUNK	SZ_64K

/**
 * tdx_rtmr_log_init() - an empty log.
 * @log: the log, zeroed.
 * @max: the most bytes it may ever hold, TDX_RTMR_LOG_MIN_SIZE to
 *	TDX_RTMR_LOG_MAX_SIZE.
 *
 * Return: 0, -EINVAL for a size out of bounds, -ENOMEM.
 */
int tdx_rtmr_log_init(struct tdx_rtmr_log *log, size_t max)
{
	if (max < TDX_RTMR_LOG_MIN_SIZE || max > TDX_RTMR_LOG_MAX_SIZE)
		return -EINVAL;
	log->chunks = kcalloc(DIV_ROUND_UP(max, TDX_RTMR_LOG_CHUNK),
			      sizeof(*log->chunks), GFP_KERNEL);
	if (!log->chunks)
		return -ENOMEM;
	log->max = max;
	log->complete = true;
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
	unsigned int i;

	if (!log->chunks)
		return;
	for (i = 0; i < log->nr_chunks; i++)
		kvfree(log->chunks[i]);
	kfree(log->chunks);
	log->chunks = NULL;
	mutex_destroy(&log->lock);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_fini);

/* Copy @n bytes into the log at @off, across chunks; the room is there. */
static void tdx_rtmr_log_copy_in(struct tdx_rtmr_log *log, size_t off,
				 const void *src, size_t n)
{
	size_t in, part;

	while (n) {
		in = off % TDX_RTMR_LOG_CHUNK;
		part = min(n, TDX_RTMR_LOG_CHUNK - in);
		memcpy(log->chunks[off / TDX_RTMR_LOG_CHUNK] + in, src, part);
		off += part;
		src += part;
		n -= part;
	}
}

/* Copy @n bytes out of the log from @off, across chunks. */
static void tdx_rtmr_log_copy_out(struct tdx_rtmr_log *log, void *dst,
				  size_t off, size_t n)
{
	size_t in, part;

	while (n) {
		in = off % TDX_RTMR_LOG_CHUNK;
		part = min(n, TDX_RTMR_LOG_CHUNK - in);
		memcpy(dst, log->chunks[off / TDX_RTMR_LOG_CHUNK] + in, part);
		off += part;
		dst += part;
		n -= part;
	}
}

/* The head of @ev's record. */
static void tdx_rtmr_log_head(struct tdx_rtmr_log_head *head,
			      const struct tdx_rtmr_event *ev)
{
	head->mr_index = cpu_to_le32(ev->index + 1);
	head->event_type = cpu_to_le32(ev->type);
	head->digest_count = cpu_to_le32(1);
	head->alg_id = cpu_to_le16(TDX_RTMR_LOG_ALG_SHA384);
	memcpy(head->digest, ev->digest, sizeof(head->digest));
	head->event_size = cpu_to_le32(ev->event_size);
}

/**
 * tdx_rtmr_log_encode() - write one record.
 * @dst: tdx_rtmr_log_record_size(@ev->event_size) bytes.
 * @ev: what the record says.
 *
 * Return: the record's size.
 */
size_t tdx_rtmr_log_encode(u8 *dst, const struct tdx_rtmr_event *ev)
{
	struct tdx_rtmr_log_head head;

	tdx_rtmr_log_head(&head, ev);
	memcpy(dst, &head, sizeof(head));
	memcpy(dst + sizeof(head), ev->event, ev->event_size);
	return tdx_rtmr_log_record_size(ev->event_size);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_encode);

/**
 * tdx_rtmr_log_reserve() - make room for one more record.
 * @log: the log.
 * @event_size: the size of the record's event.
 *
 * Called with tdx_guest.mr_lock held, before the extend the record is
 * for; every append is made under that lock, so the room stays until
 * tdx_rtmr_log_append() uses it.
 *
 * Return: 0; -ENOSPC when the record would take the log past its
 * maximum; -ENOMEM.
 */
int tdx_rtmr_log_reserve(struct tdx_rtmr_log *log, u32 event_size)
{
	size_t need = tdx_rtmr_log_record_size(event_size);
	u8 *chunk;

	guard(mutex)(&log->lock);
	if (need > log->max - log->len)
		return -ENOSPC;
	while ((size_t)log->nr_chunks * TDX_RTMR_LOG_CHUNK < log->len + need) {
		chunk = kvmalloc(TDX_RTMR_LOG_CHUNK, GFP_KERNEL);
		if (!chunk)
			return -ENOMEM;
		log->chunks[log->nr_chunks++] = chunk;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_reserve);

/**
 * tdx_rtmr_log_append() - add a record tdx_rtmr_log_reserve() made room for.
 * @log: the log.
 * @ev: what the record says.
 *
 * Return: where the record starts in the log.
 */
u64 tdx_rtmr_log_append(struct tdx_rtmr_log *log,
			const struct tdx_rtmr_event *ev)
{
	size_t size = tdx_rtmr_log_record_size(ev->event_size);
	struct tdx_rtmr_log_head head;
	size_t start;

	guard(mutex)(&log->lock);
	start = log->len;
	if (WARN_ON_ONCE(start + size >
			 (size_t)log->nr_chunks * TDX_RTMR_LOG_CHUNK))
		return start;
	tdx_rtmr_log_head(&head, ev);
	tdx_rtmr_log_copy_in(log, start, &head, sizeof(head));
	tdx_rtmr_log_copy_in(log, start + sizeof(head), ev->event,
			     ev->event_size);
	log->len += size;
	return start;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_append);

/**
 * tdx_rtmr_log_read() - copy out part of the log.
 * @log: the log.
 * @buf: destination.
 * @off: offset into the log.
 * @count: bytes wanted.
 *
 * Return: bytes copied; 0 at or past the end.
 */
ssize_t tdx_rtmr_log_read(struct tdx_rtmr_log *log, char *buf, loff_t off,
			  size_t count)
{
	guard(mutex)(&log->lock);
	if (off < 0 || off >= log->len)
		return 0;
	count = min_t(size_t, count, log->len - off);
	tdx_rtmr_log_copy_out(log, buf, off, count);
	return count;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_read);

/*
 * A tagged event of @len data bytes (copied from @data, or zero when it is
 * NULL), its digest left to the caller.
 */
static struct tdx_rtmr_event *tdx_rtmr_event_note(unsigned int index, u32 type,
						  u32 tag_id, const u8 *data,
						  u32 len)
{
	struct tdx_rtmr_log_tagged_event *tagged;
	struct tdx_rtmr_event *ev;

	ev = kvzalloc(struct_size(ev, event, sizeof(*tagged) + len),
		      GFP_KERNEL);
	if (!ev)
		return ERR_PTR(-ENOMEM);
	ev->index = index;
	ev->type = type;
	ev->event_size = sizeof(*tagged) + len;
	tagged = (struct tdx_rtmr_log_tagged_event *)ev->event;
	tagged->tag_id = cpu_to_le32(tag_id);
	tagged->data_size = cpu_to_le32(len);
	if (data)
		memcpy(tagged->data, data, len);
	return ev;
}

/**
 * tdx_rtmr_aael_well_formed() - whether AAEL event data is what CoCo's
 *	trustee can parse.
 * @data: the tagged event's data.
 * @len: bytes at @data.
 *
 * The attestation agent writes "DOMAIN OPERATION CONTENT": UTF-8, fields
 * split at the first two spaces, no line feed in CONTENT. Trustee parses
 * every AAEL event that way and refuses the whole log for one it cannot,
 * and the log cannot drop a record: such an event is refused before it
 * is made.
 *
 * Return: true if it is well formed.
 */
bool tdx_rtmr_aael_well_formed(const u8 *data, u32 len)
{
	const u8 *p = data, *end = data + len, *sp1, *sp2;
	unicode_t c;
	int n;

	while (p < end) {
		n = utf8_to_utf32(p, end - p, &c);
		if (n < 0)
			return false;
		p += n;
	}
	sp1 = memchr(data, ' ', len);
	sp2 = sp1 ? memchr(sp1 + 1, ' ', end - sp1 - 1) : NULL;
	return sp2 && !memchr(sp2 + 1, '\n', end - sp2 - 1);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_aael_well_formed);

/* An agent's event of @len data bytes, still to be filled and sealed. */
static struct tdx_rtmr_event *tdx_rtmr_event_agent(unsigned int index,
						   u32 tag_id, u32 len)
{
	if (len > TDX_RTMR_EVENT_DATA_MAX)
		return ERR_PTR(-EINVAL);
	return tdx_rtmr_event_note(index, TDX_RTMR_LOG_EV_EVENT_TAG, tag_id,
				   NULL, len);
}

static u8 *tdx_rtmr_event_data(struct tdx_rtmr_event *ev)
{
	return ((struct tdx_rtmr_log_tagged_event *)ev->event)->data;
}

/*
 * Check the event's data now that it is in the event (read once), and
 * make its digest: SHA-384 of the whole TCG_PCClientTaggedEvent, as CoCo's
 * attestation agent computes it. Frees @ev on failure.
 */
static struct tdx_rtmr_event *tdx_rtmr_event_seal(struct tdx_rtmr_event *ev,
						  u32 tag_id, u32 len)
{
	int rc = -EINVAL;

	if (tag_id != TDX_RTMR_LOG_TAG_AAEL ||
	    tdx_rtmr_aael_well_formed(tdx_rtmr_event_data(ev), len))
		rc = tdx_sha384(ev->event, ev->event_size, ev->digest);
	if (rc) {
		kvfree(ev);
		return ERR_PTR(rc);
	}
	return ev;
}

/**
 * tdx_rtmr_event_tagged() - an event whose record carries its content.
 * @index: the RTMR.
 * @tag_id: the taggedEventID.
 * @data: the event's data.
 * @len: bytes at @data, at most TDX_RTMR_EVENT_DATA_MAX.
 *
 * The event is a TCG_PCClientTaggedEvent, and what the RTMR is extended
 * with is its SHA-384. AAEL data must be well formed
 * (tdx_rtmr_aael_well_formed()).
 *
 * Return: a kvfree()able event, or an ERR_PTR() (-EINVAL for data past
 * the bound or malformed AAEL data).
 */
struct tdx_rtmr_event *tdx_rtmr_event_tagged(unsigned int index, u32 tag_id,
					     const void *data, u32 len)
{
	struct tdx_rtmr_event *ev = tdx_rtmr_event_agent(index, tag_id, len);

	if (IS_ERR(ev))
		return ev;
	memcpy(tdx_rtmr_event_data(ev), data, len);
	return tdx_rtmr_event_seal(ev, tag_id, len);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_event_tagged);

/**
 * tdx_rtmr_event_tagged_user() - tdx_rtmr_event_tagged() for data in user
 *	memory, copied once, straight into the event.
 * @index: the RTMR.
 * @tag_id: the taggedEventID.
 * @data: the event's data, in user memory.
 * @len: bytes at @data, at most TDX_RTMR_EVENT_DATA_MAX.
 *
 * Return: a kvfree()able event, or an ERR_PTR() (-EFAULT for @data, and
 * those of tdx_rtmr_event_tagged()).
 */
struct tdx_rtmr_event *tdx_rtmr_event_tagged_user(unsigned int index,
						  u32 tag_id,
						  const void __user *data,
						  u32 len)
{
	struct tdx_rtmr_event *ev = tdx_rtmr_event_agent(index, tag_id, len);

	if (IS_ERR(ev))
		return ev;
	if (copy_from_user(tdx_rtmr_event_data(ev), data, len)) {
		kvfree(ev);
		return ERR_PTR(-EFAULT);
	}
	return tdx_rtmr_event_seal(ev, tag_id, len);
}

/**
 * tdx_rtmr_event_digest() - an extend of a digest whose content is not
 *	known (the measurement files, the legacy ioctl).
 * @index: the RTMR.
 * @digest: TDX_MEASUREMENT_SIZE bytes to extend.
 *
 * Its record is a tagged event TDX_RTMR_LOG_TAG_DIGEST with no data.
 *
 * Return: a kvfree()able event, or an ERR_PTR().
 */
struct tdx_rtmr_event *tdx_rtmr_event_digest(unsigned int index,
					     const u8 *digest)
{
	struct tdx_rtmr_event *ev;

	ev = tdx_rtmr_event_note(index, TDX_RTMR_LOG_EV_EVENT_TAG,
				 TDX_RTMR_LOG_TAG_DIGEST, NULL, 0);
	if (!IS_ERR(ev))
		memcpy(ev->digest, digest, TDX_MEASUREMENT_SIZE);
	return ev;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_event_digest);

/**
 * tdx_rtmr_log_note_unexplained() - record that an RTMR started at a
 *	value the firmware's log does not explain.
 * @log: the log, before any extend.
 * @index: the RTMR.
 * @value: its TDX_MEASUREMENT_SIZE bytes at load.
 *
 * The record is EV_NO_ACTION (never extended, zero digest), tag
 * TDX_RTMR_LOG_TAG_BASELINE, the value as its data; the log is no longer
 * complete.
 *
 * Return: 0, -ENOSPC or -ENOMEM.
 */
int tdx_rtmr_log_note_unexplained(struct tdx_rtmr_log *log,
				  unsigned int index, const u8 *value)
{
	struct tdx_rtmr_event *ev __free(kvfree) =
		tdx_rtmr_event_note(index, TDX_RTMR_LOG_EV_NO_ACTION,
				    TDX_RTMR_LOG_TAG_BASELINE, value,
				    TDX_MEASUREMENT_SIZE);
	int rc;

	if (IS_ERR(ev))
		return PTR_ERR(no_free_ptr(ev));
	rc = tdx_rtmr_log_reserve(log, ev->event_size);
	if (rc)
		return rc;
	tdx_rtmr_log_append(log, ev);
	WRITE_ONCE(log->complete, false);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(tdx_rtmr_log_note_unexplained);

static ssize_t rtmr_log_complete_show(struct device *dev,
				      struct device_attribute *attr, char *buf)
{
	struct miscdevice *misc = dev_get_drvdata(dev);
	struct tdx_guest *tg = container_of(misc, struct tdx_guest, misc);

	return sysfs_emit(buf, "%d\n", READ_ONCE(tg->log.complete));
}

/* rtmr_log_complete: 1, or 0 when the log cannot replay every RTMR. */
DEVICE_ATTR_RO(rtmr_log_complete);
