// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-quote: reading the Quote or TDREPORT a command works on.
 *
 * Apart from main() so the fuzz harnesses can hand the commands inputs
 * without a file.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "tdx_quote.h"

/**
 * input_load() - read a Quote or TDREPORT and detect which it is.
 * @in: filled in; release with input_free().
 * @path: file name, or "-" for standard input.
 *
 * Return: 0, or EXIT_USAGE after reporting the problem.
 */
int input_load(struct input *in, const char *path)
{
	int err;

	memset(in, 0, sizeof(*in));
	in->path = path;
	err = read_file(path, TOOLS_MAX_FILE_SIZE, &in->buf, &in->len);
	if (err) {
		errmsg("%s: %s", path, strerror(-err));
		return EXIT_USAGE;
	}
	in->fmt = detect_format(in->buf, in->len);
	if (in->fmt == FORMAT_UNKNOWN) {
		errmsg("%s: neither a TDREPORT nor a Quote v4 or v5 (%zu bytes)",
		       path, in->len);
		return EXIT_USAGE;
	}
	return 0;
}

/**
 * input_check() - is the input a well-formed Quote or TDREPORT throughout?
 * @in: a loaded input.
 *
 * Return: 0, or EXIT_USAGE after saying what is wrong.
 */
int input_check(const struct input *in)
{
	struct quote_view v;
	char err[128];

	if (in->fmt == FORMAT_QUOTE && quote_parse(&v, in->buf, in->len)) {
		errmsg("%s: malformed quote: %s", in->path, v.error);
		return EXIT_USAGE;
	}
	if (in->fmt == FORMAT_TDREPORT &&
	    tdreport_check(in->buf, in->len, err, sizeof(err))) {
		errmsg("%s: %s", in->path, err);
		return EXIT_USAGE;
	}
	return 0;
}

/**
 * input_layout() - where the fields of a well-formed input are.
 * @in: an input input_check() accepted.
 * @l: filled in.
 */
void input_layout(const struct input *in, struct field_layout *l)
{
	struct quote_view v;

	if (in->fmt == FORMAT_QUOTE) {
		quote_parse(&v, in->buf, in->len);
		field_layout_quote(l, &v);
	} else {
		field_layout_report(l, in->buf);
	}
}

void input_free(struct input *in)
{
	free(in->buf);
	in->buf = NULL;
}
