/* SPDX-License-Identifier: GPL-2.0 */
/*
 * X.509 helpers: the PEM PCK certificate chain of a Quote, and names.
 */
#ifndef TOOLS_COMMON_CERTS_H
#define TOOLS_COMMON_CERTS_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

/*
 * A chain is a STACK_OF(X509); it is spelled struct stack_st_X509, what
 * that macro expands to, so kernel style tools can parse the declarations.
 */

/* Real PCK chains hold 3; anything far beyond is not a PCK chain. */
#define PEM_CHAIN_MAX_CERTS	16

struct stack_st_X509 *pem_chain_parse(const uint8_t *pem, size_t len,
				      char *err, size_t errlen);
X509 *load_cert(const char *path);
void x509_cn(const X509_NAME *name, char *out, size_t outlen);

#endif /* TOOLS_COMMON_CERTS_H */
