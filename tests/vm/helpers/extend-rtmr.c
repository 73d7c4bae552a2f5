// SPDX-License-Identifier: GPL-2.0
/*
 * extend-rtmr: issue TDX_CMD_EXTEND_RTMR on /dev/tdx_guest the way Intel
 * DCAP 1.22-1.24's tdx_att_extend does, for the VM tests.
 *
 *   extend-rtmr [--ior] INDEX DIGEST_FILE   extend RTMR INDEX (0..255 is
 *                                           passed through as is) with
 *                                           the 48 bytes of DIGEST_FILE
 *   extend-rtmr --efault                    hand the kernel a bad pointer
 *
 * --ior uses the _IOR encoding of DCAP's default build instead of _IOW.
 * Prints "ok" or the errno's name, exits 0 only on success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Not in any installed header: the layout lives in this project. */
#include "../../../include/uapi/tdx-guest/extend_rtmr.h"

#include "dev_helper.h"

static int fail(const char *what)
{
	return dev_helper_fail("extend-rtmr", what);
}

int main(int argc, char **argv)
{
	unsigned long cmd = TDX_CMD_EXTEND_RTMR;
	struct tdx_extend_rtmr_req req;
	int fd;

	fd = open("/dev/tdx_guest", O_RDWR);
	if (fd < 0)
		return fail("open /dev/tdx_guest");

	if (argc == 2 && !strcmp(argv[1], "--efault")) {
		if (ioctl(fd, cmd, (void *)8) < 0)
			return fail("ioctl");
		printf("ok\n");
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "--ior")) {
		cmd = TDX_CMD_EXTEND_RTMR_IOR;
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: extend-rtmr [--ior] INDEX DIGEST_FILE | --efault\n");
		return 2;
	}

	memset(&req, 0, sizeof(req));
	req.index = (__u8)strtoul(argv[1], NULL, 0);
	if (read_exact(argv[2], req.data, sizeof(req.data)))
		return fail("reading the digest");
	if (ioctl(fd, cmd, &req) < 0)
		return fail("TDX_CMD_EXTEND_RTMR");
	printf("ok\n");
	return 0;
}
