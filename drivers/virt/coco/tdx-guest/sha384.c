// SPDX-License-Identifier: GPL-2.0-only
/*
 * SHA-384 for the runtime measurement log: the digest of an event, and
 * the replay of the firmware's log (what an RTMR extend computes). The
 * kernel's library function where it has one, the crypto API elsewhere
 * (see <tdx-guest/hash_compat.h>).
 */
#include <linux/err.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include <crypto/sha2.h>
#include <tdx-guest/hash_compat.h>

#include "tdx_guest.h"

#if TDX_KERNEL_HAS_SHA384_LIB

static int tdx_sha384_setup(void)
{
	return 0;
}

static void tdx_sha384_teardown(void)
{
}

static int tdx_sha384_digest(const void *data, size_t len, u8 *out)
{
	sha384(data, len, out);
	return 0;
}

#else

#include <crypto/hash.h>

static struct crypto_shash *tdx_sha384_tfm;

static int tdx_sha384_setup(void)
{
	struct crypto_shash *tfm = crypto_alloc_shash("sha384", 0, 0);

	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	tdx_sha384_tfm = tfm;
	return 0;
}

static void tdx_sha384_teardown(void)
{
	crypto_free_shash(tdx_sha384_tfm);
	tdx_sha384_tfm = NULL;
}

static int tdx_sha384_digest(const void *data, size_t len, u8 *out)
{
	return crypto_shash_tfm_digest(tdx_sha384_tfm, data, len, out);
}

#endif /* TDX_KERNEL_HAS_SHA384_LIB */

/**
 * tdx_sha384_init() - get SHA-384 ready; before any other call here.
 *
 * Return: 0, or the crypto API's error (before 6.17 only).
 */
int tdx_sha384_init(void)
{
	return tdx_sha384_setup();
}

/**
 * tdx_sha384_exit() - undo tdx_sha384_init().
 */
void tdx_sha384_exit(void)
{
	tdx_sha384_teardown();
}

/**
 * tdx_sha384() - SHA-384 of a buffer.
 * @data: the bytes.
 * @len: how many.
 * @out: TDX_MEASUREMENT_SIZE bytes for the digest.
 *
 * Return: 0, or the crypto API's error (before 6.17 only).
 */
int tdx_sha384(const void *data, size_t len, u8 *out)
{
	return tdx_sha384_digest(data, len, out);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_sha384);

/**
 * tdx_sha384_extend() - what TDG.MR.RTMR.EXTEND does to a register.
 * @mr: the register's TDX_MEASUREMENT_SIZE bytes; replaced by
 *	SHA-384(@mr || @digest).
 * @digest: TDX_MEASUREMENT_SIZE bytes.
 *
 * Return: 0, or the error of the hash (only before 6.17).
 */
int tdx_sha384_extend(u8 *mr, const u8 *digest)
{
	u8 buf[2 * TDX_MEASUREMENT_SIZE];

	memcpy(buf, mr, TDX_MEASUREMENT_SIZE);
	memcpy(buf + TDX_MEASUREMENT_SIZE, digest, TDX_MEASUREMENT_SIZE);
	return tdx_sha384(buf, sizeof(buf), mr);
}
EXPORT_SYMBOL_IF_KUNIT(tdx_sha384_extend);
