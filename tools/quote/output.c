// SPDX-License-Identifier: GPL-2.0
/*
 * Field output of tdx-quote: "name: value" lines, or one JSON object with
 * the same names, so scripts can switch format without renaming.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "output.h"

void out_begin(struct out *o, FILE *f, int json)
{
	o->f = f;
	o->json = json;
	o->bare = 0;
	o->depth = 0;
	memset(o->count, 0, sizeof(o->count));
	if (json)
		fputs("{\n", f);
}

void out_begin_bare(struct out *o, FILE *f)
{
	out_begin(o, f, 0);
	o->bare = 1;
}

void out_end(struct out *o)
{
	if (o->json)
		fputs(o->count[0] ? "\n}\n" : "}\n", o->f);
}

/* JSON: the comma and newline before an entry, indented to its depth. */
static void json_sep(struct out *o)
{
	int i;

	fputs(o->count[o->depth] ? ",\n" : o->depth ? "\n" : "", o->f);
	for (i = 0; i <= o->depth; i++)
		fputs("  ", o->f);
	o->count[o->depth]++;
}

static void json_close(struct out *o, char c)
{
	int i;

	if (o->count[o->depth]) {
		fputc('\n', o->f);
		for (i = 0; i < o->depth; i++)
			fputs("  ", o->f);
	}
	fputc(c, o->f);
	o->depth--;
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void name(struct out *o, const char *n)
{
	if (o->json) {
		json_sep(o);
		json_string(o->f, n);
		fputs(": ", o->f);
	} else {
		if (!o->bare)
			fprintf(o->f, "%s: ", n);
		o->count[o->depth]++;
	}
}

static void end_line(struct out *o)
{
	if (!o->json)
		fputc('\n', o->f);
}

void out_hex(struct out *o, const char *n, const uint8_t *buf, size_t len)
{
	char *hex = malloc(2 * len + 1);

	if (!hex) {
		errmsg("out of memory");
		exit(2);
	}
	hex_encode(buf, len, hex);
	out_str(o, n, hex);
	free(hex);
}

void out_uint(struct out *o, const char *n, unsigned long long v)
{
	name(o, n);
	fprintf(o->f, "%llu", v);
	end_line(o);
}

/* Hex integers stay strings in JSON, so they read the same in both. */
void out_xint(struct out *o, const char *n, unsigned long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "0x%llx", v);
	out_str(o, n, buf);
}

void out_str(struct out *o, const char *n, const char *s)
{
	name(o, n);
	if (o->json)
		json_string(o->f, s);
	else
		fputs(s, o->f);
	end_line(o);
}

void out_bool(struct out *o, const char *n, int v)
{
	name(o, n);
	if (o->json)
		fputs(v ? "true" : "false", o->f);
	else
		fputs(v ? "yes" : "no", o->f);
	end_line(o);
}

/*
 * A list of objects named @n in the top object (JSON: an array). In lines,
 * each object is a block of its own, after a blank line.
 */
void out_list_begin(struct out *o, const char *n)
{
	if (o->json) {
		name(o, n);
		fputc('[', o->f);
	} else {
		o->count[o->depth]++;
	}
	o->depth++;
	o->count[o->depth] = 0;
}

void out_list_end(struct out *o)
{
	if (o->json)
		json_close(o, ']');
	else
		o->depth--;
}

void out_item_begin(struct out *o)
{
	if (o->json) {
		json_sep(o);
		fputc('{', o->f);
	} else {
		fputc('\n', o->f);
		o->count[o->depth]++;
	}
	o->depth++;
	o->count[o->depth] = 0;
}

void out_item_end(struct out *o)
{
	if (o->json)
		json_close(o, '}');
	else
		o->depth--;
}
