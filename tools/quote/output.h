/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Field output of tdx-quote: "name: value" lines, or one flat JSON object
 * with the same names.
 */
#ifndef TDX_QUOTE_OUTPUT_H
#define TDX_QUOTE_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/**
 * struct out - an output in progress.
 * @f: where to write.
 * @json: one JSON object instead of lines.
 * @bare: values only, without names (one field for a script).
 * @count: fields written so far (JSON needs commas between them).
 */
struct out {
	FILE *f;
	int json;
	int bare;
	int count;
};

void out_begin(struct out *o, FILE *f, int json);
void out_begin_bare(struct out *o, FILE *f);
void out_end(struct out *o);
void out_hex(struct out *o, const char *name, const uint8_t *buf, size_t len);
void out_uint(struct out *o, const char *name, unsigned long long v);
void out_xint(struct out *o, const char *name, unsigned long long v);
void out_str(struct out *o, const char *name, const char *s);
void out_bool(struct out *o, const char *name, int v);

#endif /* TDX_QUOTE_OUTPUT_H */
