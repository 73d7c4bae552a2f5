// SPDX-License-Identifier: GPL-2.0
/*
 * extend-event: issue TDX_CMD_EXTEND_EVENT on /dev/tdx_guest with requests
 * no well-behaved tool makes, for the VM tests of its errors (tdx-quote
 * extend makes the good ones).
 *
 *   extend-event [OPTION] INDEX TAG DATA_FILE
 *
 * INDEX is passed as is; TAG is a number (0x4141454c). The data is the
 * whole of DATA_FILE. Options, at most one:
 *   --flags N        set the request's flags to N
 *   --len N          claim N bytes of data (more or fewer than the file)
 *   --bad-data       point the data at an unmapped address
 *   --ro-result      put the request in read-only memory, so the log
 *                    offset cannot be written back
 *
 * Prints the record's log offset, or the errno's name; exits 0 only on
 * success.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Not in any installed header: the layout lives in this project. */
#include "../../../include/uapi/tdx-guest/rtmr_log.h"

#include "dev_helper.h"

static int fail(const char *what)
{
	return dev_helper_fail("extend-event", what);
}

/* The whole of PATH, malloc()ed; its size in *LEN. NULL on error. */
static void *read_all(const char *path, size_t *len)
{
	struct stat st;
	void *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st))
		return NULL;
	buf = malloc(st.st_size ? st.st_size : 1);
	if (buf && read(fd, buf, st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*len = st.st_size;
	return buf;
}

int main(int argc, char **argv)
{
	struct tdx_rtmr_event_req req, *r = &req;
	const char *opt = NULL;
	unsigned long val = 0;
	size_t len;
	void *data;
	int fd;

	if (argc > 1 && !strncmp(argv[1], "--", 2)) {
		opt = argv[1];
		argv++;
		argc--;
		if (!strcmp(opt, "--flags") || !strcmp(opt, "--len")) {
			if (argc < 2)
				goto usage;
			val = strtoul(argv[1], NULL, 0);
			argv++;
			argc--;
		}
	}
	if (argc != 4)
		goto usage;
	data = read_all(argv[3], &len);
	if (!data)
		return fail("read the data");

	memset(&req, 0, sizeof(req));
	req.index = strtoul(argv[1], NULL, 0);
	req.tag_id = strtoul(argv[2], NULL, 0);
	req.data_len = len;
	req.data = (uintptr_t)data;
	if (opt && !strcmp(opt, "--flags")) {
		req.flags = val;
	} else if (opt && !strcmp(opt, "--len")) {
		req.data_len = val;
	} else if (opt && !strcmp(opt, "--bad-data")) {
		req.data = 8;
	} else if (opt && !strcmp(opt, "--ro-result")) {
		r = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (r == MAP_FAILED)
			return fail("mmap");
		*r = req;
		if (mprotect(r, 4096, PROT_READ))
			return fail("mprotect");
	} else if (opt) {
		goto usage;
	}

	fd = open("/dev/tdx_guest", O_RDWR);
	if (fd < 0)
		return fail("open /dev/tdx_guest");
	if (ioctl(fd, TDX_CMD_EXTEND_EVENT, r) < 0)
		return fail("ioctl");
	printf("%llu\n", (unsigned long long)r->log_offset);
	return 0;

usage:
	fprintf(stderr, "usage: extend-event [--flags N | --len N | --bad-data |\n"
		"                    --ro-result] INDEX TAG DATA_FILE\n");
	return 2;
}
