// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness: the TCG2 event log reader on the bytes a TD's
 * firmware left in its CCEL log area (a Spec ID event, then events).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../common/evlog.h"
#include "fuzz.h"

int fuzz_one_input(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	struct evlog e;
	char err[192];

	/* A private copy of exactly @size bytes, so overreads are caught. */
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	if (!evlog_build(&e, copy, size, NULL, 0, 0, err, sizeof(err)))
		evlog_free(&e);
	free(copy);
	return 0;
}
