// SPDX-License-Identifier: GPL-2.0
/*
 * Loading the TEST keys (tests/keys, installed to QGS_DEFAULT_KEYS_DIR).
 *
 * They are checked once at start-up, so a broken key set fails loudly here
 * rather than as Quotes that do not verify.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "../common/certs.h"
#include "../common/util.h"
#include "keys.h"

/* Chain order of a Quote: leaf first, then up to the root. */
static const char *const chain_files[] = {
	"test-pck.pem",
	"test-pck-ca.pem",
	"test-root-ca.pem",
};

static int key_path(char *out, size_t len, const char *dir, const char *file)
{
	if ((size_t)snprintf(out, len, "%s/%s", dir, file) >= len) {
		errmsg("%s/%s: path too long", dir, file);
		return -1;
	}
	return 0;
}

static EVP_PKEY *load_key_in(const char *dir, const char *file)
{
	char path[4096];

	if (key_path(path, sizeof(path), dir, file))
		return NULL;
	return load_private_key(path);
}

/* Append one PEM file to the chain, ending it with a newline. */
static int append_pem(struct qgs_keys *keys, const char *dir, const char *file)
{
	char path[4096];
	uint8_t *pem, *chain;
	size_t len;
	int err;

	if (key_path(path, sizeof(path), dir, file))
		return -1;
	err = read_file(path, TOOLS_MAX_FILE_SIZE, &pem, &len);
	if (err) {
		errmsg("%s: %s", path, strerror(-err));
		return -1;
	}
	chain = realloc(keys->chain, keys->chain_len + len + 1);
	if (!chain) {
		free(pem);
		errmsg("out of memory");
		return -1;
	}
	memcpy(chain + keys->chain_len, pem, len);
	keys->chain = chain;
	keys->chain_len += len;
	if (len && pem[len - 1] != '\n')
		keys->chain[keys->chain_len++] = '\n';
	free(pem);
	return 0;
}

/* The PCK certificate must hold the public half of the PCK key. */
static int check_chain(struct qgs_keys *keys)
{
	struct stack_st_X509 *certs;
	char err[128];
	int ret = 0;

	certs = pem_chain_parse(keys->chain, keys->chain_len, err, sizeof(err));
	if (!certs) {
		errmsg("test certificate chain: %s", err);
		return -1;
	}
	if (sk_X509_num(certs) != (int)ARRAY_SIZE(chain_files)) {
		errmsg("test certificate chain: %d certificates, expected %zu",
		       sk_X509_num(certs), ARRAY_SIZE(chain_files));
		ret = -1;
	} else if (X509_check_private_key(sk_X509_value(certs, 0),
					  keys->pck_key) != 1) {
		crypto_errors("matching test-pck.key to test-pck.pem");
		ret = -1;
	}
	sk_X509_pop_free(certs, X509_free);
	return ret;
}

/**
 * qgs_keys_load() - load and cross-check the TEST key set in @dir.
 * @keys: filled in; release with qgs_keys_free() even on failure.
 * @dir: folder holding test-attestation.key, test-pck.key and the chain.
 *
 * Return: 0, or -1 after reporting what is wrong.
 */
int qgs_keys_load(struct qgs_keys *keys, const char *dir)
{
	size_t i;

	memset(keys, 0, sizeof(*keys));
	keys->att_key = load_key_in(dir, "test-attestation.key");
	if (!keys->att_key || p256_to_raw(keys->att_key, keys->att_pub))
		return -1;
	keys->pck_key = load_key_in(dir, "test-pck.key");
	if (!keys->pck_key)
		return -1;
	for (i = 0; i < ARRAY_SIZE(chain_files); i++)
		if (append_pem(keys, dir, chain_files[i]))
			return -1;
	return check_chain(keys);
}

void qgs_keys_free(struct qgs_keys *keys)
{
	EVP_PKEY_free(keys->att_key);
	EVP_PKEY_free(keys->pck_key);
	free(keys->chain);
	memset(keys, 0, sizeof(*keys));
}
