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

/* Where a field sits in one format; size 0 when the format lacks it. */
struct field_loc {
	size_t off;
	size_t size;
};

/**
 * struct field - a named field of the fixed part of a Quote or TDREPORT.
 * @name: name shown by decode and accepted by field.
 * @kind: how to print it.
 * @quote: location in a Quote v4 (within header and body).
 * @report: location in a TDREPORT.
 */
struct field {
	const char *name;
	enum field_kind kind;
	struct field_loc quote;
	struct field_loc report;
};

extern const struct field fields[];
extern const size_t nr_fields;

const struct field *field_find(const char *name);
const struct field_loc *field_loc(const struct field *f,
				  enum input_format fmt);
void field_out(struct out *o, const struct field *f, const uint8_t *buf,
	       enum input_format fmt);

#endif /* TDX_QUOTE_FIELDS_H */
