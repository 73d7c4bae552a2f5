/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A TD's firmware event log: the log area the ACPI CCEL table points to,
 * and walking it. The log is in the TCG2
 * crypto-agile format of the TCG PC Client Platform Firmware Profile. A
 * TCG_PCR_EVENT in the SHA-1 layout carries the Spec ID event, which
 * names every digest algorithm and its size; TCG_PCR_EVENT2 records
 * follow, each with one digest per algorithm. The log ends at the end of
 * the area or at 8 bytes of 0x00 or 0xFF (free space), as verifiers stop.
 *
 * Both the provider (is the log it keeps complete?) and the emulated
 * platform (it starts its RTMRs where the firmware left them) replay the
 * CCEL with this. The kernel's own walker (__calc_tpm2_event_size() of
 * <linux/tpm_eventlog.h>) trusts every length it reads; this one never
 * reads past the area it is given, whatever the log says.
 */
#ifndef _TDX_GUEST_CCEL_H
#define _TDX_GUEST_CCEL_H

#include <linux/acpi.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/unaligned.h>

#include <tdx-guest/tdreport.h>

#define TDX_TCG_EV_NO_ACTION		0x00000003
#define TDX_TCG_ALG_SHA384		0x000c
#define TDX_TCG_SHA384_SIZE		48
#define TDX_TCG_MAX_ALGS		8

/* The Spec ID event's header: TCG_PCR_EVENT, its digest SHA-1 sized. */
#define TDX_TCG_SPEC_ID_HEAD		32
#define TDX_TCG_SPEC_ID_SIGNATURE	"Spec ID Event03"
/* TCG_EfiSpecIDEvent up to numberOfAlgorithms, which is at 24. */
#define TDX_TCG_SPEC_ID_ALGS_OFF	24

/**
 * struct tdx_tcg_walk - a position in a TCG2 log.
 * @log: the log area.
 * @len: its size.
 * @off: where the next record starts.
 * @nr_algs: digest algorithms each record carries.
 * @alg: their TPM_ALG_ID.
 * @size: their digest sizes.
 */
struct tdx_tcg_walk {
	const u8 *log;
	size_t len;
	size_t off;
	unsigned int nr_algs;
	u16 alg[TDX_TCG_MAX_ALGS];
	u16 size[TDX_TCG_MAX_ALGS];
};

/**
 * struct tdx_tcg_record - one TCG_PCR_EVENT2, as far as a replay needs it.
 * @mr_index: PCRIndex; for a TD the MR index (0 MRTD, 1..4 RTMR0..3).
 * @type: eventType.
 * @sha384: its SHA-384 digest, or NULL when it has none.
 */
struct tdx_tcg_record {
	u32 mr_index;
	u32 type;
	const u8 *sha384;
};

/* Are @n bytes at @off inside the log? */
static inline bool tdx_tcg_has(const struct tdx_tcg_walk *w, size_t off,
			       size_t n)
{
	return off <= w->len && n <= w->len - off;
}

/**
 * tdx_tcg_walk_start() - read the Spec ID event that starts a TCG2 log.
 * @w: the walk to set up.
 * @log: the log area.
 * @len: its size.
 *
 * Return: 0, or -EINVAL when the log does not start with a Spec ID event
 * this walker can follow.
 */
static inline int tdx_tcg_walk_start(struct tdx_tcg_walk *w, const u8 *log,
				     size_t len)
{
	size_t ev, n, i;

	memset(w, 0, sizeof(*w));
	w->log = log;
	w->len = len;
	if (!tdx_tcg_has(w, 0, TDX_TCG_SPEC_ID_HEAD) ||
	    get_unaligned_le32(log + 4) != TDX_TCG_EV_NO_ACTION)
		return -EINVAL;
	n = get_unaligned_le32(log + 28);
	ev = TDX_TCG_SPEC_ID_HEAD;
	if (!tdx_tcg_has(w, ev, n) || n < TDX_TCG_SPEC_ID_ALGS_OFF + 4 ||
	    memcmp(log + ev, TDX_TCG_SPEC_ID_SIGNATURE,
		   sizeof(TDX_TCG_SPEC_ID_SIGNATURE)))
		return -EINVAL;
	w->nr_algs = get_unaligned_le32(log + ev + TDX_TCG_SPEC_ID_ALGS_OFF);
	if (!w->nr_algs || w->nr_algs > TDX_TCG_MAX_ALGS ||
	    TDX_TCG_SPEC_ID_ALGS_OFF + 4 + 4 * w->nr_algs > n)
		return -EINVAL;
	for (i = 0; i < w->nr_algs; i++) {
		const u8 *a = log + ev + TDX_TCG_SPEC_ID_ALGS_OFF + 4 + 4 * i;

		w->alg[i] = get_unaligned_le16(a);
		w->size[i] = get_unaligned_le16(a + 2);
		if (!w->size[i])
			return -EINVAL;
	}
	w->off = ev + n;
	return 0;
}

/* 8 bytes of 0x00 or 0xFF, or too little left for a record: the end. */
static inline bool tdx_tcg_at_end(const struct tdx_tcg_walk *w)
{
	static const u8 ones[8] = { 0xff, 0xff, 0xff, 0xff,
				    0xff, 0xff, 0xff, 0xff };
	static const u8 zeros[8];

	return !tdx_tcg_has(w, w->off, 8) ||
	       !memcmp(w->log + w->off, ones, 8) ||
	       !memcmp(w->log + w->off, zeros, 8);
}

/**
 * tdx_tcg_walk_next() - the next TCG_PCR_EVENT2 of the log.
 * @w: the walk.
 * @r: the record, on 1.
 *
 * Return: 1 with @r filled, 0 at the end of the log, -EINVAL for a record
 * that does not fit the area or names a digest the Spec ID event did not.
 */
static inline int tdx_tcg_walk_next(struct tdx_tcg_walk *w,
				    struct tdx_tcg_record *r)
{
	size_t off = w->off, i, count, k;

	if (tdx_tcg_at_end(w))
		return 0;
	if (!tdx_tcg_has(w, off, 12))
		return -EINVAL;
	r->mr_index = get_unaligned_le32(w->log + off);
	r->type = get_unaligned_le32(w->log + off + 4);
	r->sha384 = NULL;
	count = get_unaligned_le32(w->log + off + 8);
	off += 12;
	if (count > TDX_TCG_MAX_ALGS)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		u16 alg;

		if (!tdx_tcg_has(w, off, 2))
			return -EINVAL;
		alg = get_unaligned_le16(w->log + off);
		for (k = 0; k < w->nr_algs && w->alg[k] != alg; k++)
			;
		if (k == w->nr_algs || !tdx_tcg_has(w, off + 2, w->size[k]))
			return -EINVAL;
		if (alg == TDX_TCG_ALG_SHA384 &&
		    w->size[k] == TDX_TCG_SHA384_SIZE)
			r->sha384 = w->log + off + 2;
		off += 2 + w->size[k];
	}
	if (!tdx_tcg_has(w, off, 4))
		return -EINVAL;
	count = get_unaligned_le32(w->log + off);
	off += 4;
	if (!tdx_tcg_has(w, off, count))
		return -EINVAL;
	w->off = off + count;
	return 1;
}

/**
 * tdx_tcg_replay() - hand every RTMR extend of a TCG2 log to @extend.
 * @log: the log area.
 * @len: its size.
 * @extend: called in order for each record of MR index 1 to 4 that is
 *	not EV_NO_ACTION, with the RTMR (0 to 3) and the record's SHA-384
 *	digest; a non-zero return ends the walk with it.
 * @ctx: passed to @extend.
 *
 * Return: 0 at the end of the log, -EINVAL for a log that cannot be
 * walked or an RTMR record without a SHA-384 digest, or what @extend
 * returned.
 */
static inline int tdx_tcg_replay(const u8 *log, size_t len,
				 int (*extend)(void *ctx, unsigned int rtmr,
					       const u8 *sha384),
				 void *ctx)
{
	struct tdx_tcg_record r;
	struct tdx_tcg_walk w;
	int rc;

	rc = tdx_tcg_walk_start(&w, log, len);
	while (!rc) {
		rc = tdx_tcg_walk_next(&w, &r);
		if (rc <= 0)
			break;
		rc = 0;
		if (r.type == TDX_TCG_EV_NO_ACTION || r.mr_index < 1 ||
		    r.mr_index > TDX_RTMR_COUNT)
			continue;
		rc = r.sha384 ? extend(ctx, r.mr_index - 1, r.sha384) : -EINVAL;
	}
	return rc;
}

/* Larger log areas are refused: real ones are 64 KiB to a few MiB. */
#define TDX_CCEL_MAX_SIZE		(64U << 20)

#ifdef CONFIG_ACPI

/**
 * tdx_ccel_read() - a copy of the firmware's event log area.
 * @len: its size, on success.
 *
 * Return: a kvmalloc()ed copy of the area the ACPI CCEL table describes;
 * NULL when there is no CCEL table; ERR_PTR(-EINVAL) for a table that is
 * too short or an area that is empty, at address 0, wraps around, or is
 * larger than TDX_CCEL_MAX_SIZE,
 * ERR_PTR(-ENOMEM).
 */
static inline u8 *tdx_ccel_read(size_t *len)
{
	struct acpi_table_header *hdr;
	struct acpi_table_ccel *ccel;
	void __iomem *area;
	u64 start, size;
	u8 *copy;

	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_CCEL, 0, &hdr)))
		return NULL;
	ccel = container_of(hdr, struct acpi_table_ccel, header);
	if (hdr->length < sizeof(*ccel)) {
		acpi_put_table(hdr);
		return ERR_PTR(-EINVAL);
	}
	start = ccel->log_area_start_address;
	size = ccel->log_area_minimum_length;
	acpi_put_table(hdr);
	/* As the kernel's own CCEL file refuses them; and no wrap-around. */
	if (!start || !size || size > TDX_CCEL_MAX_SIZE || start + size < start)
		return ERR_PTR(-EINVAL);

	copy = kvmalloc(size, GFP_KERNEL);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	area = acpi_os_map_iomem(start, size);
	if (!area) {
		kvfree(copy);
		return ERR_PTR(-ENOMEM);
	}
	memcpy_fromio(copy, area, size);
	acpi_os_unmap_iomem(area, size);
	*len = size;
	return copy;
}

#else

static inline u8 *tdx_ccel_read(size_t *len)
{
	return NULL;
}

#endif /* CONFIG_ACPI */

#endif /* _TDX_GUEST_CCEL_H */
