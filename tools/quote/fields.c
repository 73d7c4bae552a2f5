// SPDX-License-Identifier: GPL-2.0
/*
 * Named fields of a Quote and of a TDREPORT, for `decode` and `field`.
 *
 * One table holds every format, so a measurement has the same name in a
 * TDREPORT and in the Quote made from it, and scripts can compare them.
 * Quote fields are placed relative to the part that holds them, because a
 * Quote v5 moves the body 6 bytes on and a TD 1.5 body is longer; every
 * location is inside the fixed part of its input (header and body of a
 * Quote, 1024 bytes of a TDREPORT), which callers have checked.
 */
#include <stdio.h>
#include <string.h>

#include "../common/util.h"
#include "fields.h"

/* Sizes are spelled out; tests compare every field with its source. */
#define H(member, size)	\
	{ PART_HEADER, offsetof(struct tdx_quote_header, member), size }
#define D(member, size)	\
	{ PART_DESC, offsetof(struct tdx_quote_body_descriptor, member), size }
#define B(member, size)	\
	{ PART_BODY, offsetof(struct tdx_quote_body_v1_5, member), size }
#define NOQ		{ PART_NONE, 0, 0 }
#define R(member, size)	\
	{ PART_REPORT, offsetof(struct tdx_tdreport_v1, member), size }
/* Only in TDREPORTs of format version 1. */
#define R1(member, size) \
	{ PART_REPORT_V1, offsetof(struct tdx_tdreport_v1, member), size }
#define NOR		{ PART_NONE, 0, 0 }
#define MR		TDX_MEASUREMENT_SIZE
#define SVN		TDX_QUOTE_TEE_TCB_SVN_SIZE

const struct field fields[] = {
	{ "version", FIELD_DEC, H(version, 2), R(mac.version, 1) },
	{ "att_key_type", FIELD_DEC, H(att_key_type, 2), NOR },
	{ "tee_type", FIELD_XINT, H(tee_type, 4), R(mac.type, 1) },
	{ "report_subtype", FIELD_DEC, NOQ, R(mac.subtype, 1) },
	{ "qe_svn", FIELD_DEC, H(qe_svn, 2), NOR },
	{ "pce_svn", FIELD_DEC, H(pce_svn, 2), NOR },
	{ "qe_vendor_id", FIELD_HEX,
	  H(qe_vendor_id, TDX_QUOTE_QE_VENDOR_ID_SIZE), NOR },
	{ "user_data", FIELD_HEX, H(user_data, TDX_QUOTE_USER_DATA_SIZE), NOR },
	{ "body_type", FIELD_DEC, D(type, 2), NOR },
	{ "body_size", FIELD_DEC, D(size, 4), NOR },
	{ "cpusvn", FIELD_HEX, NOQ, R(mac.cpusvn, 16) },
	{ "tee_tcb_info_hash", FIELD_HEX, NOQ, R(mac.tee_tcb_info_hash, MR) },
	{ "tee_info_hash", FIELD_HEX, NOQ, R(mac.tee_info_hash, MR) },
	{ "mac", FIELD_HEX, NOQ, R(mac.mac, 32) },
	{ "tee_tcb_valid", FIELD_HEX, NOQ, R(tee_tcb_info.valid, 8) },
	{ "tee_tcb_svn", FIELD_HEX, B(td10.tee_tcb_svn, SVN),
	  R(tee_tcb_info.tee_tcb_svn, SVN) },
	{ "mrseam", FIELD_HEX, B(td10.mrseam, MR), R(tee_tcb_info.mrseam, MR) },
	{ "mrsignerseam", FIELD_HEX, B(td10.mrsignerseam, MR),
	  R(tee_tcb_info.mrsignerseam, MR) },
	{ "seam_attributes", FIELD_HEX, B(td10.seam_attributes, 8),
	  R(tee_tcb_info.attributes, 8) },
	{ "tee_tcb_svn2", FIELD_HEX, B(tee_tcb_svn2, SVN),
	  R1(tee_tcb_info.tee_tcb_svn2, SVN) },
	{ "td_attributes", FIELD_HEX, B(td10.td_attributes, 8),
	  R(tdinfo.attributes, 8) },
	{ "xfam", FIELD_HEX, B(td10.xfam, 8), R(tdinfo.xfam, 8) },
	{ "mrtd", FIELD_HEX, B(td10.mrtd, MR), R(tdinfo.mrtd, MR) },
	{ "mrconfigid", FIELD_HEX, B(td10.mrconfigid, MR),
	  R(tdinfo.mrconfigid, MR) },
	{ "mrowner", FIELD_HEX, B(td10.mrowner, MR), R(tdinfo.mrowner, MR) },
	{ "mrownerconfig", FIELD_HEX, B(td10.mrownerconfig, MR),
	  R(tdinfo.mrownerconfig, MR) },
	{ "rtmr0", FIELD_HEX, B(td10.rtmr[0], MR), R(tdinfo.rtmr[0], MR) },
	{ "rtmr1", FIELD_HEX, B(td10.rtmr[1], MR), R(tdinfo.rtmr[1], MR) },
	{ "rtmr2", FIELD_HEX, B(td10.rtmr[2], MR), R(tdinfo.rtmr[2], MR) },
	{ "rtmr3", FIELD_HEX, B(td10.rtmr[3], MR), R(tdinfo.rtmr[3], MR) },
	/* The same bytes: TDX 1.0 named them SERVTD_HASH, Quote v5 not. */
	{ "servtd_hash", FIELD_HEX, NOQ, R(tdinfo.servtd_hash, MR) },
	{ "mrservicetd", FIELD_HEX, B(mrservicetd, MR),
	  R1(tdinfo.servtd_hash, MR) },
	{ "reportdata", FIELD_HEX, B(td10.reportdata, TDX_REPORTDATA_SIZE),
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

/**
 * field_layout_quote() - the layout of a Quote, for field_loc().
 * @l: filled in.
 * @v: the Quote's view; it must have reached QUOTE_STAGE_BODY.
 */
void field_layout_quote(struct field_layout *l, const struct quote_view *v)
{
	memset(l, 0, sizeof(*l));
	l->fmt = FORMAT_QUOTE;
	l->quote_version = v->version;
	l->body_off = v->body_off;
	l->body_size = v->body_size;
}

/**
 * field_layout_report() - the layout of a TDREPORT, for field_loc().
 * @l: filled in.
 * @report: a TDREPORT that passed tdreport_check().
 */
void field_layout_report(struct field_layout *l, const uint8_t *report)
{
	memset(l, 0, sizeof(*l));
	l->fmt = FORMAT_TDREPORT;
	l->report_version = tdreport_version(report);
}

/**
 * field_loc() - where a field is in one input.
 * @f: the field.
 * @l: the input's layout.
 * @loc: set to the field's offset from the start of the input and size.
 *
 * Return: 1 if the input has the field, 0 if not.
 */
int field_loc(const struct field *f, const struct field_layout *l,
	      struct field_loc *loc)
{
	const struct field_place *p;

	p = l->fmt == FORMAT_TDREPORT ? &f->report : &f->quote;
	loc->off = p->off;
	loc->size = p->size;
	switch (p->part) {
	case PART_HEADER:
		return 1;
	case PART_DESC:
		loc->off += sizeof(struct tdx_quote_header);
		return l->quote_version == TDX_QUOTE_VERSION_5;
	case PART_BODY:
		loc->off += l->body_off;
		return p->off + p->size <= l->body_size;
	case PART_REPORT:
		return 1;
	case PART_REPORT_V1:
		return l->report_version == TDX_REPORT_VERSION_1;
	default:
		return 0;
	}
}

/**
 * field_formats() - which inputs have a field, in words, for people.
 * @f: the field.
 * @out: e.g. "Quote v5 with a TD 1.5 body, TDREPORT v1".
 * @outlen: size of @out.
 */
void field_formats(const struct field *f, char *out, size_t outlen)
{
	const char *quote = NULL, *report = NULL;

	if (f->quote.part == PART_HEADER)
		quote = "Quote";
	else if (f->quote.part == PART_DESC)
		quote = "Quote v5";
	else if (f->quote.part == PART_BODY)
		quote = f->quote.off + f->quote.size <=
			sizeof(struct tdx_quote_body) ?
			"Quote" : "Quote v5 with a TD 1.5 body";
	if (f->report.part == PART_REPORT)
		report = "TDREPORT";
	else if (f->report.part == PART_REPORT_V1)
		report = "TDREPORT v1";
	snprintf(out, outlen, "%s%s%s", quote ? quote : "",
		 quote && report ? ", " : "", report ? report : "");
}

static unsigned long long get_le(const uint8_t *p, size_t size)
{
	unsigned long long v = 0;

	while (size--)
		v = (v << 8) | p[size];
	return v;
}

/* Print @f of the input in @buf; the caller checked that it has it. */
void field_out(struct out *o, const struct field *f, const uint8_t *buf,
	       const struct field_layout *l)
{
	struct field_loc loc;
	const uint8_t *p;

	if (!field_loc(f, l, &loc))
		return;
	p = buf + loc.off;
	switch (f->kind) {
	case FIELD_HEX:
		out_hex(o, f->name, p, loc.size);
		break;
	case FIELD_DEC:
		out_uint(o, f->name, get_le(p, loc.size));
		break;
	case FIELD_XINT:
		out_xint(o, f->name, get_le(p, loc.size));
		break;
	}
}
