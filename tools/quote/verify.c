// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote verify`: check that a Quote (v4 or v5) is what it claims to
 * be, up to a root certificate: Intel's SGX Root CA, or one the caller
 * names.
 *
 * The chain of trust, checked link by link:
 *   root --X.509--> PCK CA --X.509--> PCK leaf
 *   PCK leaf key --signs--> QE report
 *   QE report data --binds--> attestation key (and QE auth data)
 *   attestation key --signs--> header + TD quote body (the measurements)
 *
 * Every check runs and prints its own line even after one fails, so a
 * person sees every broken link at once. What this does not check is
 * policy: TCB levels, QE identity and the TD's measurements are for the
 * relying party to judge (see `decode`).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "../common/certs.h"
#include "../common/crypto.h"
#include "../common/util.h"
#include "tdx_quote.h"

struct verifier {
	const struct quote_view *v;
	const time_t *at;
	int failed;
};

static void report(struct verifier *vr, int ok, const char *fmt, ...)
	__printf(3, 4);

static void report(struct verifier *vr, int ok, const char *fmt, ...)
{
	va_list ap;

	fputs(ok ? "ok: " : "FAIL: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	if (!ok)
		vr->failed = 1;
}

static void check_quote_signature(struct verifier *vr)
{
	const struct quote_view *v = vr->v;
	EVP_PKEY *att = p256_from_raw(v->sig->attestation_key);

	ERR_clear_error();
	if (!att) {
		report(vr, 0,
		       "quote signature: attestation key is not a P-256 point");
		return;
	}
	if (ecdsa_verify_raw(att, v->buf, v->signed_len, v->sig->signature))
		report(vr, 1, "quote signature: %s signed by the attestation key",
		       v->version == TDX_QUOTE_VERSION_5 ?
		       "header, body descriptor and body" : "header and body");
	else
		report(vr, 0,
		       "quote signature: does not verify with the attestation key");
	EVP_PKEY_free(att);
}

static void check_qe_binding(struct verifier *vr)
{
	const struct quote_view *v = vr->v;
	uint8_t expected[TDX_QUOTE_SGX_REPORT_DATA_SIZE];

	if (qe_report_data_expected(v->sig->attestation_key, v->qe_auth,
				    v->qe_auth_len, expected)) {
		report(vr, 0, "QE report data: cannot compute SHA-256");
		return;
	}
	if (!memcmp(expected, v->qe->qe_report.report_data, sizeof(expected)))
		report(vr, 1,
		       "QE report data: binds the attestation key and QE auth data");
	else
		report(vr, 0,
		       "QE report data: is not SHA-256(attestation key || QE auth data)");
}

/*
 * Every certificate the Quote carries must be on the verified path, in
 * order; only the root may be left out. Otherwise bytes no signature covers
 * (an unused extra certificate, a damaged copy of the root) would pass.
 */
static int chain_is_path(struct stack_st_X509 *chain, X509_STORE_CTX *ctx,
			 char *err, size_t errlen)
{
	struct stack_st_X509 *path = X509_STORE_CTX_get0_chain(ctx);
	int n = sk_X509_num(chain), m = path ? sk_X509_num(path) : 0, i;

	if (n != m && n != m - 1) {
		snprintf(err, errlen,
			 "the quote carries %d certificates, the path has %d",
			 n, m);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (X509_cmp(sk_X509_value(chain, i), sk_X509_value(path, i))) {
			snprintf(err, errlen,
				 "certificate %d is not the one on the verified path",
				 i);
			return 0;
		}
	}
	return 1;
}

/*
 * Return: 1 if @chain leads from its first certificate to @root, every
 * certificate valid at *@at (NULL: now).
 */
static int chain_to_root(struct stack_st_X509 *chain, X509 *root,
			 const time_t *at, char *err, size_t errlen)
{
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	struct stack_st_X509 *untrusted = sk_X509_dup(chain);
	int ok = 0, reason;

	snprintf(err, errlen, "out of memory");
	if (!store || !ctx || !untrusted)
		goto out;
	/*
	 * @root is the only anchor: no default paths are loaded, and the
	 * chain's own copy of a root counts for nothing unless it is @root.
	 */
	if (!X509_STORE_add_cert(store, root) ||
	    !X509_STORE_CTX_init(ctx, store, sk_X509_value(chain, 0),
				 untrusted))
		goto out;
	if (at)
		X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx), *at);
	ok = X509_verify_cert(ctx) == 1;
	if (ok) {
		ok = chain_is_path(chain, ctx, err, errlen);
	} else {
		reason = X509_STORE_CTX_get_error(ctx);
		snprintf(err, errlen, "%s (at depth %d)",
			 X509_verify_cert_error_string(reason),
			 X509_STORE_CTX_get_error_depth(ctx));
	}
out:
	ERR_clear_error();
	sk_X509_free(untrusted);	/* shallow: the certificates are chain's */
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	return ok;
}

static void check_qe_signature(struct verifier *vr, X509 *leaf)
{
	const struct quote_view *v = vr->v;
	EVP_PKEY *key = leaf ? X509_get0_pubkey(leaf) : NULL;
	char cn[256];

	if (!key || !is_ec_p256(key)) {
		report(vr, 0,
		       "QE report signature: no P-256 PCK certificate key");
		return;
	}
	x509_cn(X509_get_subject_name(leaf), cn, sizeof(cn));
	if (ecdsa_verify_raw(key, &v->qe->qe_report, sizeof(v->qe->qe_report),
			     v->qe->qe_report_signature))
		report(vr, 1,
		       "QE report signature: signed by the PCK certificate key (CN=%s)",
		       cn);
	else
		report(vr, 0,
		       "QE report signature: does not verify with the PCK key (CN=%s)",
		       cn);
}

static void check_chain_and_qe(struct verifier *vr, X509 *root,
			       const char *root_name)
{
	const struct quote_view *v = vr->v;
	struct stack_st_X509 *chain;
	char err[160], when[40] = "now";
	struct tm tm;

	if (vr->at && gmtime_r(vr->at, &tm))
		strftime(when, sizeof(when), "at %Y-%m-%dT%H:%M:%SZ", &tm);
	chain = pem_chain_parse(v->chain, v->chain_len, err, sizeof(err));
	if (!chain) {
		report(vr, 0, "PCK chain: %s", err);
		check_qe_signature(vr, NULL);
		return;
	}
	if (chain_to_root(chain, root, vr->at, err, sizeof(err)))
		report(vr, 1, "PCK chain: %d certificates verify to %s, valid %s",
		       sk_X509_num(chain), root_name, when);
	else
		report(vr, 0, "PCK chain: does not verify to %s %s: %s",
		       root_name, when, err);
	check_qe_signature(vr, sk_X509_value(chain, 0));
	sk_X509_pop_free(chain, X509_free);
}

static X509 *load_anchor(const char *root_path, char *name, size_t namelen)
{
	char path[PATH_MAX];
	X509 *root;

	if (root_path) {
		snprintf(name, namelen, "%s", root_path);
		return load_cert(root_path);
	}
	root = default_anchor(path, sizeof(path));
	snprintf(name, namelen, "Intel SGX Root CA (%s)", path);
	return root;
}

/* Nothing signs what follows the Quote: say what it is, judge nothing. */
static void note_trailing(const struct quote_view *v)
{
	if (!v->trailing_len)
		return;
	printf("note: %zu bytes after the signature data (%s), not signed, ignored\n",
	       v->trailing_len, v->trailing_zero ? "all zero" : "not all zero");
}

/**
 * verify() - check every signature and binding of a Quote.
 * @in: the input; must be a Quote.
 * @root_path: PEM file whose first certificate is the only trust anchor,
 *	or NULL for Intel's SGX Root CA installed with the tool.
 * @at: when the certificates must be valid, or NULL for now: a Quote is
 *	checked as of when it was made, or a test keeps working after its
 *	sample's PCK certificate expires.
 *
 * Return: EXIT_OK if every check passed, EXIT_NOT_VERIFIED if one failed,
 * EXIT_USAGE if the input is no well-formed Quote or the root unreadable.
 */
int verify(const struct input *in, const char *root_path, const time_t *at)
{
	char root_name[PATH_MAX + 32];
	struct quote_view v;
	struct verifier vr = { .v = &v, .at = at };
	X509 *root;

	if (in->fmt != FORMAT_QUOTE) {
		/* Its MAC key never leaves the TD's TDX module. */
		errmsg("%s: a TDREPORT can only be verified inside its own TD",
		       in->path);
		return EXIT_USAGE;
	}
	if (quote_parse(&v, in->buf, in->len)) {
		printf("FAIL: structure: %s\n", v.error);
		errmsg("%s: malformed quote: %s", in->path, v.error);
		return EXIT_USAGE;
	}
	root = load_anchor(root_path, root_name, sizeof(root_name));
	if (!root)
		return EXIT_USAGE;

	report(&vr, 1, "structure: Quote v%u, %zu bytes, every length consistent",
	       v.version, v.quote_len);
	note_trailing(&v);
	check_quote_signature(&vr);
	check_qe_binding(&vr);
	check_chain_and_qe(&vr, root, root_name);
	if (v.body->td_attributes[0] & TDX_TDINFO_ATTR_DEBUG)
		puts("note: the TD is debuggable (DEBUG attribute): its secrets are not safe");
	X509_free(root);

	puts(vr.failed ? "verification failed" : "verified");
	return vr.failed ? EXIT_NOT_VERIFIED : EXIT_OK;
}
