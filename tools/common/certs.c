// SPDX-License-Identifier: GPL-2.0
/*
 * X.509 helpers: the PEM PCK certificate chain of a Quote, and names.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include "certs.h"
#include "crypto.h"
#include "util.h"

#define PEM_BEGIN	"-----BEGIN CERTIFICATE-----"
#define PEM_END		"-----END CERTIFICATE-----"

/* DCAP ends its chains with a NUL; treat NUL like white space. */
static int is_pem_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

/* Parse exactly one PEM certificate block of @len bytes. */
static X509 *parse_block(const uint8_t *block, size_t len)
{
	BIO *bio = BIO_new_mem_buf(block, (int)len);
	X509 *cert = NULL;

	if (bio)
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	return cert;
}

/*
 * Length of the certificate block that starts at @pos, from its BEGIN line
 * through its END line; 0 with @err set if there is none.
 */
static size_t block_at(const uint8_t *pem, size_t len, size_t pos,
		       char *err, size_t errlen)
{
	const size_t begin_len = strlen(PEM_BEGIN), end_len = strlen(PEM_END);
	const uint8_t *start = pem + pos, *end;

	if (len - pos < begin_len || memcmp(start, PEM_BEGIN, begin_len)) {
		snprintf(err, errlen, "unexpected data at byte %zu of the chain",
			 pos);
		return 0;
	}
	end = memmem(start, len - pos, PEM_END, end_len);
	/* A damaged end line must not let one block swallow the next. */
	if (end && memmem(start + 1, end - (start + 1), PEM_BEGIN, begin_len))
		end = NULL;
	if (!end) {
		snprintf(err, errlen, "certificate at byte %zu has no end line",
			 pos);
		return 0;
	}
	return end + end_len - start;
}

static int push_cert(struct stack_st_X509 *chain, X509 *cert, char *err,
		     size_t errlen)
{
	if (sk_X509_num(chain) == PEM_CHAIN_MAX_CERTS) {
		snprintf(err, errlen, "more than %d certificates",
			 PEM_CHAIN_MAX_CERTS);
		return -1;
	}
	if (!sk_X509_push(chain, cert)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/**
 * pem_chain_parse() - the certificates of an untrusted PEM chain, in order.
 * @pem: the PEM text; need not be NUL-terminated.
 * @len: bytes of @pem.
 * @err: where to describe a failure.
 * @errlen: size of @err.
 *
 * Strict on purpose: the chain must be nothing but certificate blocks and
 * white space. OpenSSL's PEM reader alone skips text it does not know, so
 * damage to a block could silently drop a certificate.
 *
 * Return: a stack of at least one certificate (free with
 * sk_X509_pop_free(s, X509_free)), or NULL.
 */
struct stack_st_X509 *pem_chain_parse(const uint8_t *pem, size_t len,
				      char *err, size_t errlen)
{
	struct stack_st_X509 *chain = sk_X509_new_null();
	size_t pos = 0, block_len;
	X509 *cert;

	if (!chain || len > INT_MAX) {
		snprintf(err, errlen, "%s",
			 chain ? "chain too large" : "out of memory");
		goto fail;
	}
	for (;;) {
		while (pos < len && is_pem_space(pem[pos]))
			pos++;
		if (pos == len)
			break;
		block_len = block_at(pem, len, pos, err, errlen);
		if (!block_len)
			goto fail;
		cert = parse_block(pem + pos, block_len);
		if (!cert) {
			snprintf(err, errlen,
				 "certificate at byte %zu does not parse", pos);
			goto fail;
		}
		if (push_cert(chain, cert, err, errlen)) {
			X509_free(cert);
			goto fail;
		}
		pos += block_len;
	}
	if (!sk_X509_num(chain)) {
		snprintf(err, errlen, "no PEM certificate");
		goto fail;
	}
	return chain;
fail:
	ERR_clear_error();
	sk_X509_pop_free(chain, X509_free);
	return NULL;
}

/* Return: the first certificate in the PEM file @path, or NULL. */
X509 *load_cert(const char *path)
{
	BIO *bio = BIO_new_file(path, "r");
	X509 *cert = NULL;

	if (bio)
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!cert)
		crypto_errors(path);
	return cert;
}

/**
 * x509_cn() - the common name of @name, safe to print.
 * @name: an X.509 name, possibly from untrusted input.
 * @out: the CN with anything but printable ASCII replaced by '?', or ""
 *       when there is none.
 * @outlen: size of @out.
 */
void x509_cn(const X509_NAME *name, char *out, size_t outlen)
{
	const ASN1_STRING *data;
	const unsigned char *p;
	int idx, i, n;
	size_t j = 0;

	out[0] = '\0';
	idx = X509_NAME_get_index_by_NID(name, OBJ_txt2nid("CN"), -1);
	if (idx < 0)
		return;
	data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
	if (!data)
		return;
	p = ASN1_STRING_get0_data(data);
	n = ASN1_STRING_length(data);
	for (i = 0; i < n && j + 1 < outlen; i++, j++)
		out[j] = (p[i] >= 0x20 && p[i] < 0x7f) ? p[i] : '?';
	out[j] = '\0';
}
