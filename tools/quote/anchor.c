// SPDX-License-Identifier: GPL-2.0
/*
 * The trust anchor `tdx-quote verify` uses when given no --root: Intel's
 * SGX Root CA, which every production PCK chain ends in.
 *
 * The certificate is a file installed beside the tool (make install-tools
 * puts it in PREFIX/share/tdx-guest/; in the source tree it is
 * tools/certs/), found relative to the executable so an installed tree can
 * move. The file is only a convenient carrier: its SHA-256 fingerprint is
 * pinned here, so a replaced or damaged file is refused instead of
 * silently becoming the root of trust.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/x509.h>

#include "../common/certs.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "tdx_quote.h"

#define INTEL_ROOT_FILE		"intel-sgx-root-ca.pem"

/* SHA-256 of the DER of Intel SGX Root CA: 44:A0:19:6B:...:B6:74:D3. */
static const uint8_t intel_root_sha256[SHA256_SIZE] = {
	0x44, 0xa0, 0x19, 0x6b, 0x2b, 0x99, 0xf8, 0x89,
	0xb8, 0xe1, 0x49, 0xe9, 0x5b, 0x80, 0x7a, 0x35,
	0x0e, 0x74, 0x24, 0x96, 0x43, 0x99, 0xe8, 0x85,
	0xa7, 0xcb, 0xb8, 0xcc, 0xfa, 0xb6, 0x74, 0xd3,
};

/* Where to look, relative to the directory holding the executable. */
static const char *const anchor_dirs[] = {
	"../share/tdx-guest",	/* installed: PREFIX/bin, PREFIX/share */
	"../certs",		/* source tree: tools/bin */
	"../../certs",		/* source tree: tools/bin/dynamic */
};

static int exe_dir(char *dir, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", dir, len - 1);
	char *slash;

	if (n <= 0)
		return -1;
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

static int is_intel_root(X509 *cert)
{
	uint8_t digest[SHA256_SIZE];
	unsigned char *der = NULL;
	int len = i2d_X509(cert, &der), ok;

	ok = len > 0 && !sha256(der, len, digest) &&
	     !memcmp(digest, intel_root_sha256, sizeof(digest));
	OPENSSL_free(der);
	return ok;
}

/**
 * default_anchor() - load Intel's SGX Root CA installed with the tool.
 * @path: set to the file it came from.
 * @pathlen: size of @path.
 *
 * Return: the certificate, or NULL after saying why (not found, or a file
 * whose fingerprint is not Intel's).
 */
X509 *default_anchor(char *path, size_t pathlen)
{
	char dir[PATH_MAX], real[PATH_MAX];
	X509 *cert;
	size_t i;

	if (exe_dir(dir, sizeof(dir))) {
		errmsg("cannot find where tdx-quote is installed: use --root");
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(anchor_dirs); i++) {
		snprintf(path, pathlen, "%s/%s/%s", dir, anchor_dirs[i],
			 INTEL_ROOT_FILE);
		if (access(path, R_OK))
			continue;
		/* Say where it is, not how it was found. */
		if (realpath(path, real))
			snprintf(path, pathlen, "%s", real);
		cert = load_cert(path);
		if (!cert)
			return NULL;
		if (is_intel_root(cert))
			return cert;
		X509_free(cert);
		errmsg("%s is not Intel's SGX Root CA (wrong SHA-256); use --root",
		       path);
		return NULL;
	}
	errmsg("%s is not installed beside tdx-quote (make install-tools); use --root",
	       INTEL_ROOT_FILE);
	return NULL;
}
