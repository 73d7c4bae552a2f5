// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers shared by the tools: messages, whole-file I/O, hex.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

const char *progname = "tdx-tools";

/* "progname: message" on stderr, with a newline. */
void verrmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void errmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrmsg(fmt, ap);
	va_end(ap);
}

/*
 * Read until EOF rather than trusting st_size: configfs and sysfs files
 * (a report's outblob, for one) report a size of 0 or 4096.
 */
static int read_fd(int fd, size_t max, uint8_t **buf, size_t *len)
{
	size_t cap = 8192, used = 0;
	uint8_t *data = malloc(cap), *bigger;
	ssize_t n;

	if (!data)
		return -ENOMEM;
	for (;;) {
		if (used == cap) {
			if (cap > max) {
				free(data);
				return -EFBIG;
			}
			cap *= 2;
			bigger = realloc(data, cap);
			if (!bigger) {
				free(data);
				return -ENOMEM;
			}
			data = bigger;
		}
		n = read(fd, data + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			free(data);
			return n;
		}
		if (n == 0)
			break;
		used += n;
	}
	if (used > max) {
		free(data);
		return -EFBIG;
	}
	*buf = data;
	*len = used;
	return 0;
}

/**
 * read_file() - read a whole file, or standard input for "-".
 * @path: file to read.
 * @max: largest size accepted.
 * @buf: on success, a malloc()ed buffer the caller frees.
 * @len: on success, bytes in @buf.
 *
 * Return: 0, or a negative errno (-EFBIG when larger than @max).
 */
int read_file(const char *path, size_t max, uint8_t **buf, size_t *len)
{
	int fd, ret;

	if (!strcmp(path, "-"))
		return read_fd(STDIN_FILENO, max, buf, len);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = read_fd(fd, max, buf, len);
	close(fd);
	return ret;
}

/**
 * write_file() - create or replace a file with @len bytes of @buf.
 * @path: file to write.
 * @buf: data.
 * @len: bytes of @buf.
 *
 * Return: 0, or a negative errno.
 */
int write_file(const char *path, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	int fd, err = 0;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			break;
		}
		p += n;
		len -= n;
	}
	if (close(fd) && !err)
		err = -errno;
	return err;
}

void hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

int is_all_zero(const uint8_t *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (buf[i])
			return 0;
	return 1;
}
