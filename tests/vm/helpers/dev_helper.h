/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the /dev/tdx_guest helpers share: how they report a failure (the
 * errno's name on stdout, for the guest scripts to compare, and a message
 * on stderr) and reading a small input file whole.
 */
#ifndef TDX_VM_DEV_HELPER_H
#define TDX_VM_DEV_HELPER_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static inline const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ ENOTTY, "ENOTTY" }, { EFAULT, "EFAULT" }, { EINVAL, "EINVAL" },
		{ EIO, "EIO" }, { EBUSY, "EBUSY" }, { EACCES, "EACCES" },
		{ ENOSPC, "ENOSPC" }, { ENXIO, "ENXIO" }, { EINTR, "EINTR" },
		{ ENOMEM, "ENOMEM" }, { 0, NULL },
	};
	size_t i;

	for (i = 0; names[i].name; i++)
		if (names[i].err == err)
			return names[i].name;
	return strerror(err);
}

/* Print why PROG failed at WHAT; returns the helper's exit status. */
static inline int dev_helper_fail(const char *prog, const char *what)
{
	int err = errno;

	printf("%s\n", errno_name(err));
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(err));
	return 1;
}

/* Read exactly LEN bytes of PATH into BUF: 0, or -1. */
static inline int read_exact(const char *path, void *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

#endif /* TDX_VM_DEV_HELPER_H */
