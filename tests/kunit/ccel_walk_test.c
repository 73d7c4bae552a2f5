// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite tdx_ccel_walk: walking a TD's firmware event log
 * (<tdx-guest/ccel.h>), which both modules do at load on whatever the
 * firmware left. Logs are built here by hand, byte by byte, after the TCG
 * PC Client Platform Firmware Profile: a Spec ID event, TCG_PCR_EVENT2
 * records, free space. The walker must take every well-formed one and
 * refuse every record that does not fit its area, without reading past
 * it (KASAN watches the buffers, which end exactly where the logs do).
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <kunit/test.h>

#include <tdx-guest/ccel.h>

#include "tdx_kunit.h"

/**
 * struct tdx_walk_log - a log being written.
 * @buf: its bytes.
 * @len: bytes written.
 */
struct tdx_walk_log {
	u8 buf[1024];
	size_t len;
};

static void tdx_walk_put(struct tdx_walk_log *l, const void *p, size_t n)
{
	memcpy(l->buf + l->len, p, n);
	l->len += n;
}

static void tdx_walk_le32(struct tdx_walk_log *l, u32 v)
{
	put_unaligned_le32(v, l->buf + l->len);
	l->len += 4;
}

static void tdx_walk_le16(struct tdx_walk_log *l, u16 v)
{
	put_unaligned_le16(v, l->buf + l->len);
	l->len += 2;
}

/* The Spec ID event: SHA-256 (32 bytes) and SHA-384 (48) declared. */
static void tdx_walk_spec_id(struct tdx_walk_log *l)
{
	static const u8 zero[20];

	tdx_walk_le32(l, 0);		/* PCR 0 */
	tdx_walk_le32(l, 3);		/* EV_NO_ACTION */
	tdx_walk_put(l, zero, 20);	/* SHA-1 sized digest */
	tdx_walk_le32(l, 16 + 4 + 4 + 4 + 2 * 4 + 1);
	tdx_walk_put(l, "Spec ID Event03", 16);
	tdx_walk_le32(l, 0);		/* platformClass */
	tdx_walk_put(l, "\x00\x02\x00\x02", 4); /* 2.0 errata 0, uintnSize */
	tdx_walk_le32(l, 2);		/* numberOfAlgorithms */
	tdx_walk_le16(l, 0x000b);	/* SHA-256 */
	tdx_walk_le16(l, 32);
	tdx_walk_le16(l, 0x000c);	/* SHA-384 */
	tdx_walk_le16(l, 48);
	tdx_walk_put(l, "", 1);		/* vendorInfoSize 0 */
}

/* A TCG_PCR_EVENT2 with both digests (each byte @fill) and @size bytes. */
static void tdx_walk_event(struct tdx_walk_log *l, u32 index, u32 type,
			   u8 fill, u32 size)
{
	u8 d[48];

	memset(d, fill, sizeof(d));
	tdx_walk_le32(l, index);
	tdx_walk_le32(l, type);
	tdx_walk_le32(l, 2);
	tdx_walk_le16(l, 0x000b);
	tdx_walk_put(l, d, 32);
	tdx_walk_le16(l, 0x000c);
	tdx_walk_put(l, d, 48);
	tdx_walk_le32(l, size);
	memset(l->buf + l->len, 'e', size);
	l->len += size;
}

/* A copy of exactly the log's bytes, so that KASAN sees any overread. */
static const u8 *tdx_walk_copy(struct kunit *test, const struct tdx_walk_log *l)
{
	u8 *p = kunit_kmalloc(test, l->len ? l->len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, l->buf, l->len);
	return p;
}

/* Walk a whole log; the records found, or the error. */
static int tdx_walk_count(struct kunit *test, const struct tdx_walk_log *l,
			  struct tdx_tcg_record *last)
{
	const u8 *p = tdx_walk_copy(test, l);
	struct tdx_tcg_walk w;
	int rc, n = 0;

	rc = tdx_tcg_walk_start(&w, p, l->len);
	while (!rc) {
		rc = tdx_tcg_walk_next(&w, last);
		if (rc <= 0)
			break;
		n++;
		rc = 0;
	}
	return rc < 0 ? rc : n;
}

static void well_formed_log_is_walked_to_its_free_space(struct kunit *test)
{
	struct tdx_walk_log *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct tdx_tcg_record r;

	KUNIT_ASSERT_NOT_NULL(test, l);
	tdx_walk_spec_id(l);
	tdx_walk_event(l, 1, 0x80000001, 0x11, 5);
	tdx_walk_event(l, 4, 6, 0x44, 0);
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), 2);
	KUNIT_EXPECT_EQ(test, r.mr_index, 4);
	KUNIT_EXPECT_EQ(test, r.type, 6);
	KUNIT_ASSERT_NOT_NULL(test, r.sha384);
	KUNIT_EXPECT_EQ(test, r.sha384[0], 0x44);
	KUNIT_EXPECT_EQ(test, r.sha384[47], 0x44);

	/* Free space ends it, 0xff or 0x00; nothing after it is read. */
	memset(l->buf + l->len, 0xff, 8);
	l->buf[l->len + 8] = 0x5a;
	l->len += 9;
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), 2);
	l->len -= 9;
	memset(l->buf + l->len, 0, 8);
	l->len += 8;
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), 2);
}

static void a_cut_anywhere_is_refused_or_ends_the_log(struct kunit *test)
{
	struct tdx_walk_log *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct tdx_walk_log *cut = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct tdx_tcg_record r;
	size_t full, spec;
	int rc;

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_ASSERT_NOT_NULL(test, cut);
	tdx_walk_spec_id(l);
	spec = l->len;
	tdx_walk_event(l, 2, 6, 0x22, 9);
	full = l->len;
	for (cut->len = 0; cut->len < full; cut->len++) {
		memcpy(cut->buf, l->buf, cut->len);
		rc = tdx_walk_count(test, cut, &r);
		/* Inside the Spec ID event or the record: refused. */
		if (cut->len < spec || cut->len > spec + 7)
			KUNIT_EXPECT_EQ_MSG(test, rc, -EINVAL, "cut at %zu",
					    cut->len);
		else
			KUNIT_EXPECT_EQ_MSG(test, rc, 0, "cut at %zu",
					    cut->len);
	}
}

static void impossible_records_are_refused(struct kunit *test)
{
	struct tdx_walk_log *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct tdx_tcg_record r;
	size_t rec;

	KUNIT_ASSERT_NOT_NULL(test, l);
	tdx_walk_spec_id(l);
	rec = l->len;
	tdx_walk_event(l, 3, 6, 0x33, 4);

	/* An event size past the area. */
	put_unaligned_le32(U32_MAX, l->buf + rec + 12 + 34 + 50);
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), -EINVAL);
	put_unaligned_le32(4, l->buf + rec + 12 + 34 + 50);
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), 1);

	/* A digest count no log could hold. */
	put_unaligned_le32(U32_MAX, l->buf + rec + 8);
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), -EINVAL);
	put_unaligned_le32(2, l->buf + rec + 8);

	/* An algorithm the Spec ID event did not declare (SHA-512). */
	put_unaligned_le16(0x000d, l->buf + rec + 12);
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), -EINVAL);
	put_unaligned_le16(0x000b, l->buf + rec + 12);

	/* Not a Spec ID event first. */
	l->buf[32] = 'X';
	KUNIT_EXPECT_EQ(test, tdx_walk_count(test, l, &r), -EINVAL);
}

static int tdx_walk_sum(void *ctx, unsigned int rtmr, const u8 *sha384)
{
	unsigned int *seen = ctx;

	seen[rtmr] += sha384[0];
	return 0;
}

/* What a replay sees: RTMR events only, never EV_NO_ACTION or MRTD. */
static void replay_takes_rtmr_events_only(struct kunit *test)
{
	struct tdx_walk_log *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	unsigned int seen[TDX_RTMR_COUNT] = {};

	KUNIT_ASSERT_NOT_NULL(test, l);
	tdx_walk_spec_id(l);
	tdx_walk_event(l, 0, 0x80000008, 0x01, 0);	/* MRTD */
	tdx_walk_event(l, 1, 3, 0x02, 0);		/* EV_NO_ACTION */
	tdx_walk_event(l, 1, 6, 0x04, 0);
	tdx_walk_event(l, 3, 6, 0x08, 1);
	tdx_walk_event(l, 3, 6, 0x10, 2);
	tdx_walk_event(l, 5, 6, 0x20, 0);		/* no such RTMR */
	KUNIT_EXPECT_EQ(test, tdx_tcg_replay(tdx_walk_copy(test, l), l->len,
					     tdx_walk_sum, seen), 0);
	KUNIT_EXPECT_EQ(test, seen[0], 0x04);
	KUNIT_EXPECT_EQ(test, seen[1], 0);
	KUNIT_EXPECT_EQ(test, seen[2], 0x08 + 0x10);
	KUNIT_EXPECT_EQ(test, seen[3], 0);
}

static struct kunit_case tdx_walk_cases[] = {
	KUNIT_CASE(well_formed_log_is_walked_to_its_free_space),
	KUNIT_CASE(a_cut_anywhere_is_refused_or_ends_the_log),
	KUNIT_CASE(impossible_records_are_refused),
	KUNIT_CASE(replay_takes_rtmr_events_only),
	{}
};

static struct kunit_suite tdx_walk_suite = {
	.name = "tdx_ccel_walk",
	.test_cases = tdx_walk_cases,
};

kunit_test_suite(tdx_walk_suite);
