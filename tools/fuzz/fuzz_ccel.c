// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the CCEL (TCG2 crypto-agile) event log parser and
 * replay, on the bytes a TD's firmware left in its log area.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/ccel.h"
#include "fuzz.h"

int fuzz_one_input(const uint8_t *data, size_t size)
{
	struct ccel_replay r;
	uint8_t *copy = malloc(size ? size : 1);
	char err[160];

	/* A private copy of exactly @size bytes, so overreads are caught. */
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	ccel_replay(copy, size, &r, err, sizeof(err));
	free(copy);
	return 0;
}
