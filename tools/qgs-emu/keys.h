/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TEST keys and certificates the emulated service signs with.
 */
#ifndef QGS_EMU_KEYS_H
#define QGS_EMU_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "../common/crypto.h"

#define QGS_DEFAULT_KEYS_DIR	"/usr/share/tdx-guest/test-keys"

/**
 * struct qgs_keys - everything needed to sign a Quote.
 * @att_key: attestation key; signs header and body.
 * @att_pub: raw public part of @att_key, as the Quote carries it.
 * @pck_key: PCK leaf key; signs the QE report.
 * @chain: PEM chain: PCK leaf, PCK CA, root CA.
 * @chain_len: bytes of @chain.
 */
struct qgs_keys {
	EVP_PKEY *att_key;
	uint8_t att_pub[P256_RAW_KEY_SIZE];
	EVP_PKEY *pck_key;
	uint8_t *chain;
	size_t chain_len;
};

int qgs_keys_load(struct qgs_keys *keys, const char *dir);
void qgs_keys_free(struct qgs_keys *keys);

#endif /* QGS_EMU_KEYS_H */
