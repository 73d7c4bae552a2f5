// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA-P256 and SHA-256 in the raw formats of a Quote, on OpenSSL 3.
 *
 * OpenSSL speaks DER signatures and SubjectPublicKeyInfo keys; a Quote holds
 * bare coordinates. The conversions live here so neither tool repeats them.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/err.h>

#include "crypto.h"
#include "util.h"

/* Uncompressed SEC1 point: 0x04 || x || y. */
#define P256_POINT_SIZE		(1 + P256_RAW_KEY_SIZE)
#define P256_GROUP		"prime256v1"

/* Report a failed OpenSSL call with its error queue, then empty the queue. */
void crypto_errors(const char *what)
{
	unsigned long e;
	char buf[256];

	errmsg("%s failed", what);
	while ((e = ERR_get_error())) {
		ERR_error_string_n(e, buf, sizeof(buf));
		fprintf(stderr, "  %s\n", buf);
	}
}

int sha256(const void *data, size_t len, uint8_t out[SHA256_SIZE])
{
	if (!EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL)) {
		crypto_errors("SHA-256");
		return -1;
	}
	return 0;
}

int sha384(const void *data, size_t len, uint8_t out[SHA384_SIZE])
{
	if (!EVP_Digest(data, len, out, NULL, EVP_sha384(), NULL)) {
		crypto_errors("SHA-384");
		return -1;
	}
	return 0;
}

/**
 * sha384_extend() - extend a measurement register, as TDX does.
 * @mr: the register: becomes SHA-384(@mr || @digest).
 * @digest: the digest extended in.
 *
 * This is TDG.MR.RTMR.EXTEND's rule, which replays of the firmware's
 * event log and of tdx_guest's runtime log both follow.
 *
 * Return: 0, or -1 after reporting an OpenSSL failure.
 */
int sha384_extend(uint8_t mr[SHA384_SIZE], const uint8_t digest[SHA384_SIZE])
{
	uint8_t buf[2 * SHA384_SIZE];

	memcpy(buf, mr, SHA384_SIZE);
	memcpy(buf + SHA384_SIZE, digest, SHA384_SIZE);
	if (!EVP_Digest(buf, sizeof(buf), mr, NULL, EVP_sha384(), NULL)) {
		crypto_errors("SHA-384");
		return -1;
	}
	return 0;
}

/**
 * qe_report_data_expected() - the report_data a QE report must carry.
 * @att_key: raw attestation public key.
 * @auth: QE authentication data.
 * @auth_len: bytes of @auth.
 * @out: SHA-256(@att_key || @auth), then 32 zero bytes.
 *
 * This is what ties the attestation key, and so the Quote signature, to a
 * Quoting Enclave the PCK certificate vouches for.
 *
 * Return: 0, or -1 on an OpenSSL failure.
 */
int qe_report_data_expected(const uint8_t att_key[P256_RAW_KEY_SIZE],
			    const uint8_t *auth, size_t auth_len,
			    uint8_t out[64])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ret = -1;

	memset(out, 0, 64);
	if (!ctx)
		goto out;
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) ||
	    !EVP_DigestUpdate(ctx, att_key, P256_RAW_KEY_SIZE) ||
	    !EVP_DigestUpdate(ctx, auth, auth_len) ||
	    !EVP_DigestFinal_ex(ctx, out, NULL))
		goto out;
	ret = 0;
out:
	if (ret)
		crypto_errors("SHA-256 of attestation key and QE auth data");
	EVP_MD_CTX_free(ctx);
	return ret;
}

/* Return: the ECDSA P-256 private key in the PEM file @path, or NULL. */
EVP_PKEY *load_private_key(const char *path)
{
	OSSL_DECODER_CTX *dctx;
	EVP_PKEY *pkey = NULL;
	BIO *bio = BIO_new_file(path, "r");

	/* PKCS#8 or SEC1 ("EC PRIVATE KEY"), whichever the file holds. */
	dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", NULL, "EC",
					     EVP_PKEY_KEYPAIR, NULL, NULL);
	if (!bio || !dctx || !OSSL_DECODER_from_bio(dctx, bio)) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
	OSSL_DECODER_CTX_free(dctx);
	BIO_free(bio);
	if (!pkey) {
		crypto_errors(path);
		return NULL;
	}
	if (!is_ec_p256(pkey)) {
		errmsg("%s: not an ECDSA P-256 key", path);
		EVP_PKEY_free(pkey);
		return NULL;
	}
	return pkey;
}

/* Return: 1 if @pkey is an EC key on P-256, 0 otherwise. */
int is_ec_p256(EVP_PKEY *pkey)
{
	char group[64];

	if (!EVP_PKEY_is_a(pkey, "EC"))
		return 0;
	if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), NULL)) {
		ERR_clear_error();
		return 0;
	}
	return !strcmp(group, P256_GROUP);
}

/**
 * p256_from_raw() - a public key from the raw x || y of a Quote.
 * @xy: the coordinates.
 *
 * The coordinates are untrusted: OpenSSL rejects a point off the curve.
 *
 * Return: the key, or NULL (the OpenSSL error queue says why).
 */
EVP_PKEY *p256_from_raw(const uint8_t xy[P256_RAW_KEY_SIZE])
{
	uint8_t point[P256_POINT_SIZE];
	OSSL_PARAM params[3];
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pkey = NULL;

	point[0] = POINT_CONVERSION_UNCOMPRESSED;
	memcpy(point + 1, xy, P256_RAW_KEY_SIZE);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
						     (char *)P256_GROUP, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
						      point, sizeof(point));
	params[2] = OSSL_PARAM_construct_end();

	ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!ctx)
		return NULL;
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

/* Return: 0 with @xy set to @pkey's public point, or -1. */
int p256_to_raw(EVP_PKEY *pkey, uint8_t xy[P256_RAW_KEY_SIZE])
{
	BIGNUM *x = NULL, *y = NULL;
	int ret = -1;

	if (!is_ec_p256(pkey)) {
		errmsg("public key is not ECDSA P-256");
		return -1;
	}
	if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x) &&
	    EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y) &&
	    BN_bn2binpad(x, xy, P256_COORD_SIZE) == P256_COORD_SIZE &&
	    BN_bn2binpad(y, xy + P256_COORD_SIZE, P256_COORD_SIZE) ==
		    P256_COORD_SIZE)
		ret = 0;
	else
		crypto_errors("reading the EC public key");
	BN_free(x);
	BN_free(y);
	return ret;
}

static int der_to_raw(const uint8_t *der, size_t len,
		      uint8_t sig[P256_RAW_SIG_SIZE])
{
	const uint8_t *p = der;
	ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);
	const BIGNUM *r, *sv;
	int ret = -1;

	if (!s)
		return -1;
	ECDSA_SIG_get0(s, &r, &sv);
	if (BN_bn2binpad(r, sig, P256_COORD_SIZE) == P256_COORD_SIZE &&
	    BN_bn2binpad(sv, sig + P256_COORD_SIZE, P256_COORD_SIZE) ==
		    P256_COORD_SIZE)
		ret = 0;
	ECDSA_SIG_free(s);
	return ret;
}

/* Return: DER length written to *der (caller frees with OPENSSL_free), or -1. */
static int raw_to_der(const uint8_t sig[P256_RAW_SIG_SIZE], uint8_t **der)
{
	ECDSA_SIG *s = ECDSA_SIG_new();
	BIGNUM *r = BN_bin2bn(sig, P256_COORD_SIZE, NULL);
	BIGNUM *sv = BN_bin2bn(sig + P256_COORD_SIZE, P256_COORD_SIZE, NULL);
	int len = -1;

	if (!s || !r || !sv || !ECDSA_SIG_set0(s, r, sv)) {
		BN_free(r);
		BN_free(sv);
		ECDSA_SIG_free(s);
		return -1;
	}
	/* ECDSA_SIG_set0() took r and sv. */
	*der = NULL;
	len = i2d_ECDSA_SIG(s, der);
	ECDSA_SIG_free(s);
	return len > 0 ? len : -1;
}

/**
 * ecdsa_sign_raw() - sign SHA-256(@data) with @key, as raw r || s.
 * @key: ECDSA P-256 private key.
 * @data: the message.
 * @len: bytes of @data.
 * @sig: the signature.
 *
 * Return: 0, or -1 after reporting the error.
 */
int ecdsa_sign_raw(EVP_PKEY *key, const void *data, size_t len,
		   uint8_t sig[P256_RAW_SIG_SIZE])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	uint8_t der[80];	/* a P-256 DER signature is at most 72 bytes */
	size_t der_len = sizeof(der);
	int ret = -1;

	if (ctx && EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) > 0 &&
	    EVP_DigestSign(ctx, der, &der_len, data, len) > 0 &&
	    !der_to_raw(der, der_len, sig))
		ret = 0;
	if (ret)
		crypto_errors("ECDSA signing");
	EVP_MD_CTX_free(ctx);
	return ret;
}

/**
 * ecdsa_verify_raw() - verify a raw r || s signature of SHA-256(@data).
 * @key: ECDSA P-256 public key.
 * @data: the signed message.
 * @len: bytes of @data.
 * @sig: the untrusted signature.
 *
 * Return: 1 if valid, 0 if not. A signature that cannot even be encoded
 * counts as invalid; the OpenSSL error queue is left empty either way.
 */
int ecdsa_verify_raw(EVP_PKEY *key, const void *data, size_t len,
		     const uint8_t sig[P256_RAW_SIG_SIZE])
{
	EVP_MD_CTX *ctx = NULL;
	uint8_t *der = NULL;
	int der_len, ok = 0;

	der_len = raw_to_der(sig, &der);
	if (der_len < 0)
		goto out;
	ctx = EVP_MD_CTX_new();
	if (!ctx ||
	    EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key) <= 0)
		goto out;
	ok = EVP_DigestVerify(ctx, der, der_len, data, len) == 1;
out:
	ERR_clear_error();
	EVP_MD_CTX_free(ctx);
	OPENSSL_free(der);
	return ok;
}
