// SPDX-License-Identifier: GPL-2.0
/*
 * get-report0: issue TDX_CMD_GET_REPORT0 on /dev/tdx_guest the way Intel
 * DCAP's tdx_att_get_quote does, for the VM tests.
 *
 *   get-report0 REPORTDATA_FILE TDREPORT_OUT   64 bytes in, 1024 bytes out
 *   get-report0 --bad-ioctl                    an unknown request
 *
 * Prints "ok" or the errno's name, exits 0 only on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/tdx-guest.h>

#include "dev_helper.h"

static int fail(const char *what)
{
	return dev_helper_fail("get-report0", what);
}

static int write_all(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, buf, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct tdx_report_req req;
	int fd;

	fd = open("/dev/tdx_guest", O_RDWR);
	if (fd < 0)
		return fail("open /dev/tdx_guest");

	if (argc == 2 && !strcmp(argv[1], "--bad-ioctl")) {
		if (ioctl(fd, _IOWR('T', 0x7f, struct tdx_report_req), &req) < 0)
			return fail("ioctl");
		printf("ok\n");
		return 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: get-report0 REPORTDATA_FILE TDREPORT_OUT | --bad-ioctl\n");
		return 2;
	}

	memset(&req, 0, sizeof(req));
	if (read_exact(argv[1], req.reportdata, sizeof(req.reportdata)))
		return fail("reading REPORTDATA");
	if (ioctl(fd, TDX_CMD_GET_REPORT0, &req) < 0)
		return fail("TDX_CMD_GET_REPORT0");
	if (write_all(argv[2], req.tdreport, sizeof(req.tdreport)))
		return fail("writing TDREPORT");
	printf("ok\n");
	return 0;
}
