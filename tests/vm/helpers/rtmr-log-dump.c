// SPDX-License-Identifier: GPL-2.0
/*
 * rtmr-log-dump: print the records of a runtime measurement log (the
 * TCG_PCR_EVENT2 records of /sys/devices/virtual/misc/tdx_guest/rtmr_log)
 * one per line, for the VM tests to compare field by field:
 *
 *   OFFSET MR_INDEX TYPE DIGEST_COUNT ALG DIGEST EVENT_SIZE EVENT
 *
 * numbers in decimal but TYPE and ALG (hex), DIGEST and EVENT in hex
 * ("-" for an empty event). Read by offsets from the TCG PC Client
 * Platform Firmware Profile, not from the project's headers, so that the
 * tests check the driver against the format rather than against itself.
 * Exits 1 on a record that does not fit the file or has other than one
 * digest.
 *
 *   rtmr-log-dump FILE
 */
#include <stdio.h>
#include <stdlib.h>

#define HEAD		66	/* up to the event, with one SHA-384 digest */
#define DIGEST		48

static unsigned int le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (unsigned int)p[3] << 24;
}

static void hex(const unsigned char *p, size_t n)
{
	size_t i;

	if (!n)
		putchar('-');
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
}

int main(int argc, char **argv)
{
	static unsigned char log[64 << 20];
	size_t len, off = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: rtmr-log-dump FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	len = fread(log, 1, sizeof(log), f);
	fclose(f);

	while (off < len) {
		const unsigned char *r = log + off;
		unsigned int size;

		if (len - off < HEAD || le32(r + 8) != 1) {
			fprintf(stderr, "rtmr-log-dump: bad record at %zu\n", off);
			return 1;
		}
		size = le32(r + 14 + DIGEST);
		if (size > len - off - HEAD) {
			fprintf(stderr, "rtmr-log-dump: event past the end at %zu\n",
				off);
			return 1;
		}
		printf("%zu %u %x %u %x ", off, le32(r), le32(r + 4), le32(r + 8),
		       r[12] | r[13] << 8);
		hex(r + 14, DIGEST);
		printf(" %u ", size);
		hex(r + HEAD, size);
		putchar('\n');
		off += HEAD + size;
	}
	return 0;
}
