/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OpenSSL operations both tools need, in the raw formats of a Quote:
 * ECDSA-P256 signatures as r || s and public keys as x || y, 32 bytes each,
 * big-endian.
 */
#ifndef TOOLS_COMMON_CRYPTO_H
#define TOOLS_COMMON_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#define SHA256_SIZE		32
#define P256_COORD_SIZE		32
#define P256_RAW_KEY_SIZE	(2 * P256_COORD_SIZE)
#define P256_RAW_SIG_SIZE	(2 * P256_COORD_SIZE)

void crypto_errors(const char *what);

int sha256(const void *data, size_t len, uint8_t out[SHA256_SIZE]);

#define SHA384_SIZE		48
int sha384(const void *data, size_t len, uint8_t out[SHA384_SIZE]);
int sha384_extend(uint8_t mr[SHA384_SIZE], const uint8_t digest[SHA384_SIZE]);
int qe_report_data_expected(const uint8_t att_key[P256_RAW_KEY_SIZE],
			    const uint8_t *auth, size_t auth_len,
			    uint8_t out[64]);

EVP_PKEY *load_private_key(const char *path);
int is_ec_p256(EVP_PKEY *pkey);
EVP_PKEY *p256_from_raw(const uint8_t xy[P256_RAW_KEY_SIZE]);
int p256_to_raw(EVP_PKEY *pkey, uint8_t xy[P256_RAW_KEY_SIZE]);

int ecdsa_sign_raw(EVP_PKEY *key, const void *data, size_t len,
		   uint8_t sig[P256_RAW_SIG_SIZE]);
int ecdsa_verify_raw(EVP_PKEY *key, const void *data, size_t len,
		     const uint8_t sig[P256_RAW_SIG_SIZE]);

#endif /* TOOLS_COMMON_CRYPTO_H */
