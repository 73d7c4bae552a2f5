// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: a CCEL with tdx_guest's rtmr_log appended, through
 * what `tdx-quote log` and `tdx-quote replay` do with them.
 *
 * The input is a 4-byte little-endian split point, then the bytes: those
 * before the split are the CCEL, the rest rtmr_log. A split of 0 means no
 * CCEL (rtmr_log alone); 0xffffffff means no rtmr_log (the CCEL alone).
 * Both logs are printed (text and JSON) and replayed against a TDREPORT
 * whose RTMRs are zero. Output goes to /dev/null; the sanitizers judge.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Private copies of exactly the bytes given, so overreads are caught. */
static uint8_t *copy_of(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);

	if (c)
		memcpy(c, p, n);
	return c;
}

int fuzz_one_input(const uint8_t *data, size_t size)
{
	uint8_t report[TDX_TDREPORT_SIZE] = { TDX_REPORT_TYPE_TDX };
	struct input in = { .path = "fuzz", .buf = report,
			    .len = sizeof(report), .fmt = FORMAT_TDREPORT };
	uint8_t *ccel = NULL, *log = NULL;
	size_t split, ccel_len = 0, log_len = 0;
	int has_ccel, has_log;
	struct evlog e;
	char err[192];

	if (size < 4)
		return 0;
	split = data[0] | data[1] << 8 | data[2] << 16 |
		(uint32_t)data[3] << 24;
	data += 4;
	size -= 4;
	has_ccel = split != 0;
	has_log = split != 0xffffffff;
	if (split > size)
		split = size;
	if (has_ccel) {
		ccel_len = split;
		ccel = copy_of(data, ccel_len);
	}
	if (has_log) {
		log_len = size - split;
		log = copy_of(data + split, log_len);
	}
	if ((has_ccel && !ccel) || (has_log && !log))
		goto out;
	if (evlog_build(&e, ccel, ccel_len, log, log_len, has_log, err,
			sizeof(err)))
		goto out;
	print_log(&e, 0);
	print_log(&e, 1);
	replay_log(&in, &e, 0);
	replay_log(&in, &e, 1);
	fflush(stdout);
	evlog_free(&e);
out:
	free(ccel);
	free(log);
	return 0;
}
