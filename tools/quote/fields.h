/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named fields of a Quote and of a TDREPORT, for `decode` and `field`.
 */
#ifndef TDX_QUOTE_FIELDS_H
#define TDX_QUOTE_FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "../common/parse.h"
#include "output.h"

enum field_kind {
	FIELD_HEX,	/* bytes, printed as hex */
	FIELD_DEC,	/* little-endian integer, printed in decimal */
	FIELD_XINT,	/* little-endian integer, printed as 0x.. */
};

/* What a field's offset counts from, and which inputs have that part. */
enum field_part {
	PART_NONE,	/* the format lacks the field */
	PART_HEADER,	/* a Quote's header, in every version */
	PART_DESC,	/* the body descriptor of a Quote v5 */
	PART_BODY,	/* a Quote's body, wherever it starts; 1.5 bodies are longer */
	PART_REPORT,	/* a TDREPORT of any format version */
	PART_REPORT_V1,	/* a TDREPORT of format version 1 only */
};

/**
 * struct field_place - where a field sits in one format.
 * @part: what @off counts from.
 * @off: offset in @part.
 * @size: bytes.
 */
struct field_place {
	enum field_part part;
	size_t off;
	size_t size;
};

/* Where a field sits in one input, from its first byte. */
struct field_loc {
	size_t off;
	size_t size;
};

/**
 * struct field - a named field of the fixed part of a Quote or TDREPORT.
 * @name: name shown by decode and accepted by field.
 * @kind: how to print it.
 * @quote: where it is in a Quote.
 * @report: where it is in a TDREPORT.
 */
struct field {
	const char *name;
	enum field_kind kind;
	struct field_place quote;
	struct field_place report;
};

/**
 * struct field_layout - where the parts of one input are.
 * @fmt: FORMAT_QUOTE or FORMAT_TDREPORT.
 * @quote_version: 4 or 5, for a Quote.
 * @body_off: where a Quote's body starts.
 * @body_size: bytes of that body.
 * @report_version: format version of a TDREPORT.
 */
struct field_layout {
	enum input_format fmt;
	unsigned int quote_version;
	size_t body_off;
	size_t body_size;
	unsigned int report_version;
};

extern const struct field fields[];
extern const size_t nr_fields;

const struct field *field_find(const char *name);
void field_layout_quote(struct field_layout *l, const struct quote_view *v);
void field_layout_report(struct field_layout *l, const uint8_t *report);
int field_loc(const struct field *f, const struct field_layout *l,
	      struct field_loc *loc);
void field_formats(const struct field *f, char *out, size_t outlen);
void field_out(struct out *o, const struct field *f, const uint8_t *buf,
	       const struct field_layout *l);

#endif /* TDX_QUOTE_FIELDS_H */
