/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry points a libFuzzer harness provides.
 *
 * libFuzzer calls them LLVMFuzzerTestOneInput and LLVMFuzzerInitialize;
 * tools/Makefile maps these names onto those, so the harnesses read like
 * the rest of the tools.
 */
#ifndef TOOLS_FUZZ_FUZZ_H
#define TOOLS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Run one input; return 0 (anything else is reserved by libFuzzer). */
int fuzz_one_input(const uint8_t *data, size_t size);

/* Once, before the first input. */
int fuzz_initialize(int *argc, char ***argv);

#endif /* TOOLS_FUZZ_FUZZ_H */
