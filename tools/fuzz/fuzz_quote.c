// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: tdx-quote's decode, field and verify on one input.
 *
 * Each input goes through what a user runs on an untrusted outblob: format
 * detection, decode (both output forms), every field, and the whole
 * verification against Intel's root (so PEM and X.509 parsing of the
 * chain, signature and binding checks all run on mutated data). Output
 * goes to /dev/null; the sanitizers judge.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "../quote/tdx_quote.h"
#include "fuzz.h"

int fuzz_initialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))
		abort();
	return 0;
}

int fuzz_one_input(const uint8_t *data, size_t size)
{
	struct input in = { .path = "fuzz" };
	size_t i;

	/* A private copy of exactly @size bytes, so overreads are caught. */
	in.buf = malloc(size ? size : 1);
	if (!in.buf)
		return 0;
	memcpy(in.buf, data, size);
	in.len = size;
	in.fmt = detect_format(in.buf, in.len);
	if (in.fmt != FORMAT_UNKNOWN) {
		decode(&in, 0);
		decode(&in, 1);
		for (i = 0; i < nr_fields; i++)
			print_field(&in, fields[i].name);
		if (in.fmt == FORMAT_QUOTE)
			verify(&in, FUZZ_ROOT, NULL);
	}
	fflush(stdout);
	input_free(&in);
	return 0;
}
