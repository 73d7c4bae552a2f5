// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote extend`: extend an RTMR with an event through tdx_guest's
 * TDX_CMD_EXTEND_EVENT (include/uapi/tdx-guest/rtmr_log.h), so that the
 * driver computes the digest, extends and logs the event in rtmr_log in
 * one step, and print where its record starts in rtmr_log.
 *
 * --dry-run builds the same request but, instead of sending it, prints it
 * and the record the driver must append for it: what an agent (or a test)
 * can compare rtmr_log with, byte for byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <tdx-guest/rtmr_log.h>

#include "../common/aael.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "output.h"
#include "tdx_quote.h"

#define TDX_GUEST_DEVICE	"/dev/tdx_guest"

/* Where a field of struct tdx_rtmr_log_head starts. */
#define HEAD_OFF(f)		offsetof(struct tdx_rtmr_log_head, f)

/**
 * parse_tag() - a taggedEventID from the command line.
 * @s: four printable characters, read as the ID's hex digits spell them
 *	("AAEL" is 0x4141454c), or 0x and one to eight hex digits.
 * @tag: the ID.
 *
 * Return: 0, or -1 if @s is neither.
 */
int parse_tag(const char *s, uint32_t *tag)
{
	static const char hex_digits[] = "0123456789abcdefABCDEF";
	char *end;
	unsigned long v;
	int i;

	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2)) {
		s += 2;
		if (!*s || strlen(s) > 8 || s[strspn(s, hex_digits)])
			return -1;
		v = strtoul(s, &end, 16);
		*tag = v;
		return 0;
	}
	if (strlen(s) != 4)
		return -1;
	*tag = 0;
	for (i = 0; i < 4; i++) {
		if (s[i] < 0x21 || s[i] > 0x7e)
			return -1;
		*tag = *tag << 8 | (unsigned char)s[i];
	}
	return 0;
}

/*
 * Refuse an event the log could not carry as asked: the driver's own tags
 * would forge digest-only or baseline records, and an AAEL event that is
 * not "DOMAIN OPERATION CONTENT" makes trustee refuse the whole log, for
 * good, since the log cannot drop it. Return: 0, or EXIT_USAGE.
 */
static int check_event(uint32_t tag, const uint8_t *data, size_t len)
{
	struct aael_entry a;
	const char *why;

	if (tag == TDX_RTMR_LOG_TAG_DIGEST || tag == TDX_RTMR_LOG_TAG_BASELINE) {
		errmsg("extend: %s",
		       "the tags TDXD and TDXB are tdx_guest's own (digest-only extends, baselines)");
		return EXIT_USAGE;
	}
	if (tag != TDX_RTMR_LOG_TAG_AAEL)
		return 0;
	why = aael_parse(data, len, &a);
	if (why) {
		errmsg("extend: %s: %s",
		       "AAEL data must be 'DOMAIN OPERATION CONTENT' (UTF-8, no line feed)",
		       why);
		return EXIT_USAGE;
	}
	return 0;
}

/**
 * extend_build() - the TDX_CMD_EXTEND_EVENT request for an event.
 * @req: the request.
 * @rtmr: the RTMR, 0..3.
 * @tag: the event's taggedEventID.
 * @data: the event's data; must stay valid while @req is in use.
 * @len: bytes of @data.
 *
 * Return: 0, or EXIT_USAGE after saying why the event cannot be made.
 */
int extend_build(struct tdx_rtmr_event_req *req, unsigned int rtmr,
		 uint32_t tag, const uint8_t *data, size_t len)
{
	if (rtmr >= TDX_RTMR_COUNT) {
		errmsg("extend: RTMR %u: there are RTMR0..3", rtmr);
		return EXIT_USAGE;
	}
	if (len > TDX_RTMR_EVENT_DATA_MAX) {
		errmsg("extend: %zu bytes of data, the driver takes at most %d",
		       len, TDX_RTMR_EVENT_DATA_MAX);
		return EXIT_USAGE;
	}
	if (check_event(tag, data, len))
		return EXIT_USAGE;
	memset(req, 0, sizeof(*req));
	req->index = rtmr;
	req->tag_id = tag;
	req->data_len = len;
	req->flags = 0;
	req->data = (uintptr_t)data;
	return 0;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

/*
 * The record rtmr_log.h says the driver appends for @req: a
 * TCG_PCR_EVENT2 for MR index RTMR + 1, EV_EVENT_TAG, one SHA-384 digest
 * of the tagged event, then the tagged event. Return: 0, or EXIT_USAGE.
 */
static int print_request(const struct tdx_rtmr_event_req *req)
{
	size_t event_size = sizeof(struct tdx_rtmr_log_tagged_event) +
			    req->data_len;
	size_t len = sizeof(struct tdx_rtmr_log_head) + event_size;
	const uint8_t *data = (const uint8_t *)(uintptr_t)req->data;
	uint8_t *rec, *ev, *digest;
	struct out o;

	rec = malloc(len);
	if (!rec) {
		errmsg("out of memory");
		return EXIT_USAGE;
	}
	ev = rec + sizeof(struct tdx_rtmr_log_head);
	digest = rec + HEAD_OFF(digest);
	put_le32(rec + HEAD_OFF(mr_index), req->index + 1);
	put_le32(rec + HEAD_OFF(event_type), TDX_RTMR_LOG_EV_EVENT_TAG);
	put_le32(rec + HEAD_OFF(digest_count), 1);
	rec[HEAD_OFF(alg_id)] = TDX_RTMR_LOG_ALG_SHA384 & 0xff;
	rec[HEAD_OFF(alg_id) + 1] = TDX_RTMR_LOG_ALG_SHA384 >> 8;
	put_le32(rec + HEAD_OFF(event_size), event_size);
	put_le32(ev, req->tag_id);
	put_le32(ev + 4, req->data_len);
	if (req->data_len)
		memcpy(ev + 8, data, req->data_len);
	if (sha384(ev, event_size, digest)) {
		free(rec);
		return EXIT_USAGE;
	}
	out_begin(&o, stdout, 0);
	out_uint(&o, "index", req->index);
	out_xint(&o, "tag_id", req->tag_id);
	out_uint(&o, "data_len", req->data_len);
	out_uint(&o, "flags", req->flags);
	out_hex(&o, "digest_sha384", digest, TDX_RTMR_LOG_DIGEST_SIZE);
	out_hex(&o, "record", rec, len);
	out_end(&o);
	free(rec);
	return EXIT_OK;
}

/* What an errno from tdx_guest means here, beyond strerror(). */
static const char *hint(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return "no tdx_guest device: not a TD, or the driver is not loaded";
	case EACCES:
	case EPERM:
		return "only root may extend RTMRs";
	case ENOTTY:
		return "this driver lacks TDX_CMD_EXTEND_EVENT (in-tree tdx_guest, or old)";
	case ENOSPC:
		return "rtmr_log is full; the RTMR was not extended";
	case EINVAL:
		return "the driver refused the request";
	default:
		return NULL;
	}
}

static int fail_errno(const char *what, const char *path, int err)
{
	const char *h = hint(err);
	const char *name = strerrorname_np(err);

	errmsg("extend: %s %s: %s (%s)%s%s", what, path, name ? name : "?",
	       strerror(err), h ? ": " : "", h ? h : "");
	return EXIT_USAGE;
}

/**
 * extend_event() - send an event to tdx_guest, or print what would be sent.
 * @req: a request extend_build() made.
 * @device: the misc device, NULL for /dev/tdx_guest.
 * @dry_run: print the request and its record instead.
 *
 * Return: EXIT_OK after printing "log_offset: N", or EXIT_USAGE after
 * naming the errno and what it means.
 */
int extend_event(struct tdx_rtmr_event_req *req, const char *device,
		 int dry_run)
{
	int fd, ret, err;

	if (dry_run)
		return print_request(req);
	if (!device)
		device = TDX_GUEST_DEVICE;
	fd = open(device, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return fail_errno("open", device, errno);
	ret = ioctl(fd, TDX_CMD_EXTEND_EVENT, req);
	err = errno;
	close(fd);
	if (ret < 0)
		return fail_errno("TDX_CMD_EXTEND_EVENT on", device, err);
	printf("log_offset: %llu\n", (unsigned long long)req->log_offset);
	return EXIT_OK;
}
