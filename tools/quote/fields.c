// SPDX-License-Identifier: GPL-2.0
/*
 * Named fields of a Quote and of a TDREPORT, for `decode` and `field`.
 *
 * One table holds both formats, so a measurement has the same name in a
 * TDREPORT and in the Quote made from it, and scripts can compare them.
 * Every location is within the fixed part of its format (the first 632
 * bytes of a Quote, or 1024 of a TDREPORT), which callers have checked.
 */
#include <string.h>

#include "../common/util.h"
#include "fields.h"

/* Sizes are spelled out; tests compare every field with its source. */
#define Q(member, size)	{ offsetof(struct tdx_quote_v4, member), size }
#define R(member, size)	{ offsetof(struct tdx_tdreport, member), size }
#define NONE		{ 0, 0 }
#define MR		TDX_MEASUREMENT_SIZE

const struct field fields[] = {
	{ "version", FIELD_DEC, Q(header.version, 2), R(mac.version, 1) },
	{ "att_key_type", FIELD_DEC, Q(header.att_key_type, 2), NONE },
	{ "tee_type", FIELD_XINT, Q(header.tee_type, 4), R(mac.type, 1) },
	{ "report_subtype", FIELD_DEC, NONE, R(mac.subtype, 1) },
	{ "qe_svn", FIELD_DEC, Q(header.qe_svn, 2), NONE },
	{ "pce_svn", FIELD_DEC, Q(header.pce_svn, 2), NONE },
	{ "qe_vendor_id", FIELD_HEX,
	  Q(header.qe_vendor_id, TDX_QUOTE_QE_VENDOR_ID_SIZE), NONE },
	{ "user_data", FIELD_HEX,
	  Q(header.user_data, TDX_QUOTE_USER_DATA_SIZE), NONE },
	{ "cpusvn", FIELD_HEX, NONE, R(mac.cpusvn, 16) },
	{ "tee_tcb_info_hash", FIELD_HEX, NONE, R(mac.tee_tcb_info_hash, MR) },
	{ "tee_info_hash", FIELD_HEX, NONE, R(mac.tee_info_hash, MR) },
	{ "mac", FIELD_HEX, NONE, R(mac.mac, 32) },
	{ "tee_tcb_valid", FIELD_HEX, NONE, R(tee_tcb_info.valid, 8) },
	{ "tee_tcb_svn", FIELD_HEX, Q(body.tee_tcb_svn, 16),
	  R(tee_tcb_info.tee_tcb_svn, 16) },
	{ "mrseam", FIELD_HEX, Q(body.mrseam, MR), R(tee_tcb_info.mrseam, MR) },
	{ "mrsignerseam", FIELD_HEX, Q(body.mrsignerseam, MR),
	  R(tee_tcb_info.mrsignerseam, MR) },
	{ "seam_attributes", FIELD_HEX, Q(body.seam_attributes, 8),
	  R(tee_tcb_info.attributes, 8) },
	{ "td_attributes", FIELD_HEX, Q(body.td_attributes, 8),
	  R(tdinfo.attributes, 8) },
	{ "xfam", FIELD_HEX, Q(body.xfam, 8), R(tdinfo.xfam, 8) },
	{ "mrtd", FIELD_HEX, Q(body.mrtd, MR), R(tdinfo.mrtd, MR) },
	{ "mrconfigid", FIELD_HEX, Q(body.mrconfigid, MR),
	  R(tdinfo.mrconfigid, MR) },
	{ "mrowner", FIELD_HEX, Q(body.mrowner, MR), R(tdinfo.mrowner, MR) },
	{ "mrownerconfig", FIELD_HEX, Q(body.mrownerconfig, MR),
	  R(tdinfo.mrownerconfig, MR) },
	{ "rtmr0", FIELD_HEX, Q(body.rtmr[0], MR), R(tdinfo.rtmr[0], MR) },
	{ "rtmr1", FIELD_HEX, Q(body.rtmr[1], MR), R(tdinfo.rtmr[1], MR) },
	{ "rtmr2", FIELD_HEX, Q(body.rtmr[2], MR), R(tdinfo.rtmr[2], MR) },
	{ "rtmr3", FIELD_HEX, Q(body.rtmr[3], MR), R(tdinfo.rtmr[3], MR) },
	{ "servtd_hash", FIELD_HEX, NONE, R(tdinfo.servtd_hash, MR) },
	{ "reportdata", FIELD_HEX, Q(body.reportdata, TDX_REPORTDATA_SIZE),
	  R(mac.reportdata, TDX_REPORTDATA_SIZE) },
};

const size_t nr_fields = ARRAY_SIZE(fields);

const struct field *field_find(const char *name)
{
	size_t i;

	for (i = 0; i < nr_fields; i++)
		if (!strcmp(fields[i].name, name))
			return &fields[i];
	return NULL;
}

/* Return: where @f is in @fmt, or NULL when @fmt has no such field. */
const struct field_loc *field_loc(const struct field *f,
				  enum input_format fmt)
{
	const struct field_loc *loc;

	loc = fmt == FORMAT_QUOTE_V4 ? &f->quote : &f->report;
	return loc->size ? loc : NULL;
}

static unsigned long long get_le(const uint8_t *p, size_t size)
{
	unsigned long long v = 0;

	while (size--)
		v = (v << 8) | p[size];
	return v;
}

/* Print @f of the Quote or TDREPORT in @buf; the caller checked it exists. */
void field_out(struct out *o, const struct field *f, const uint8_t *buf,
	       enum input_format fmt)
{
	const struct field_loc *loc = field_loc(f, fmt);
	const uint8_t *p = buf + loc->off;

	switch (f->kind) {
	case FIELD_HEX:
		out_hex(o, f->name, p, loc->size);
		break;
	case FIELD_DEC:
		out_uint(o, f->name, get_le(p, loc->size));
		break;
	case FIELD_XINT:
		out_xint(o, f->name, get_le(p, loc->size));
		break;
	}
}
