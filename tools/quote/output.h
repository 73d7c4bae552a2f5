/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Field output of tdx-quote: "name: value" lines, or one JSON object with
 * the same names; a list of records (an event log) is an array of objects
 * in JSON and blocks of lines separated by a blank line otherwise.
 */
#ifndef TDX_QUOTE_OUTPUT_H
#define TDX_QUOTE_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The top object, a list in it, an object in that list. */
#define OUT_MAX_DEPTH	3

/**
 * struct out - an output in progress.
 * @f: where to write.
 * @json: one JSON object instead of lines.
 * @bare: values only, without names (one field for a script).
 * @depth: 0 in the top object, 1 in a list, 2 in an object of a list.
 * @count: per depth, entries written so far (JSON needs commas between).
 */
struct out {
	FILE *f;
	int json;
	int bare;
	int depth;
	int count[OUT_MAX_DEPTH];
};

void out_begin(struct out *o, FILE *f, int json);
void out_begin_bare(struct out *o, FILE *f);
void out_end(struct out *o);
void out_hex(struct out *o, const char *name, const uint8_t *buf, size_t len);
void out_uint(struct out *o, const char *name, unsigned long long v);
void out_xint(struct out *o, const char *name, unsigned long long v);
void out_str(struct out *o, const char *name, const char *s);
void out_bool(struct out *o, const char *name, int v);
void out_list_begin(struct out *o, const char *name);
void out_list_end(struct out *o);
void out_item_begin(struct out *o);
void out_item_end(struct out *o);

#endif /* TDX_QUOTE_OUTPUT_H */
