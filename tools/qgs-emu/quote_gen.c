// SPDX-License-Identifier: GPL-2.0
/*
 * Building a signed Quote v4 from a TDREPORT with the TEST keys.
 *
 * The Quote has the structure of one made by Intel's TD Quoting Enclave:
 * the body copies the TDREPORT's measurements, the attestation key signs
 * header and body, a QE report binds the attestation key and is signed by
 * the PCK key, and the PCK certificate chain closes it. Only the keys are
 * fake, and the TD attributes (DEBUG set by the emulated TDX module) tell
 * any real verifier policy to refuse it.
 *
 * The emulated service cannot check the TDREPORT's MAC: the MAC key lives
 * in the TD's TDX module, and only TDG.MR.VERIFYREPORT inside that TD can
 * check it (a real QGS relies on the CPU to do this for the Quoting
 * Enclave). Whatever report is handed in gets signed.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <tdx-guest/quote_v4.h>
#include <tdx-guest/tdreport.h>

#include "../common/crypto.h"
#include "../common/parse.h"
#include "../common/util.h"
#include "quote_gen.h"

/* Quote v4 never exceeds this: DCAP clients read it into 8 KiB. */
#define QUOTE_MAX_SIZE		8192

/* SGX ATTRIBUTES.FLAGS of a production QE: INIT, MODE64BIT, PROVISIONKEY. */
#define QE_ATTR_FLAGS		0x15
#define QE_ATTR_XFRM		0xe7

static const uint8_t intel_qe_vendor_id[] = TDX_QUOTE_INTEL_QE_VENDOR_ID;

static void fill_header(struct tdx_quote_header *h)
{
	h->version = htole16(TDX_QUOTE_VERSION_4);
	h->att_key_type = htole16(TDX_QUOTE_ATT_KEY_TYPE_ECDSA_P256);
	h->tee_type = htole32(TDX_QUOTE_TEE_TYPE_TDX);
	h->qe_svn = htole16(QGS_EMU_QE_SVN);
	h->pce_svn = htole16(QGS_EMU_PCE_SVN);
	memcpy(h->qe_vendor_id, intel_qe_vendor_id, sizeof(h->qe_vendor_id));
	/* user_data stays zero. */
}

static void fill_body(struct tdx_quote_body *b, const struct tdx_tdreport *r)
{
	const struct tdx_tee_tcb_info *tcb = &r->tee_tcb_info;
	const struct tdx_tdinfo *td = &r->tdinfo;

	memcpy(b->tee_tcb_svn, tcb->tee_tcb_svn, sizeof(b->tee_tcb_svn));
	memcpy(b->mrseam, tcb->mrseam, sizeof(b->mrseam));
	memcpy(b->mrsignerseam, tcb->mrsignerseam, sizeof(b->mrsignerseam));
	memcpy(b->seam_attributes, tcb->attributes,
	       sizeof(b->seam_attributes));
	memcpy(b->td_attributes, td->attributes, sizeof(b->td_attributes));
	memcpy(b->xfam, td->xfam, sizeof(b->xfam));
	memcpy(b->mrtd, td->mrtd, sizeof(b->mrtd));
	memcpy(b->mrconfigid, td->mrconfigid, sizeof(b->mrconfigid));
	memcpy(b->mrowner, td->mrowner, sizeof(b->mrowner));
	memcpy(b->mrownerconfig, td->mrownerconfig, sizeof(b->mrownerconfig));
	memcpy(b->rtmr, td->rtmr, sizeof(b->rtmr));
	memcpy(b->reportdata, r->mac.reportdata, sizeof(b->reportdata));
}

/*
 * The QE report of an emulated Quoting Enclave: fixed identity, the
 * platform's CPUSVN, and report_data binding the attestation key.
 */
static int fill_qe_report(struct tdx_sgx_report_body *qe,
			  const struct tdx_tdreport *r,
			  const uint8_t att_pub[P256_RAW_KEY_SIZE],
			  const uint8_t *auth, size_t auth_len)
{
	static const char mrenclave_seed[] = "tdx-qgs-emu TEST quoting enclave";
	static const char mrsigner_seed[] = "tdx-qgs-emu TEST enclave signer";

	memcpy(qe->cpusvn, r->mac.cpusvn, sizeof(qe->cpusvn));
	qe->attributes[0] = QE_ATTR_FLAGS;
	qe->attributes[8] = QE_ATTR_XFRM;
	qe->isv_prod_id = htole16(QGS_EMU_QE_PROD_ID);
	qe->isv_svn = htole16(QGS_EMU_QE_SVN);
	if (sha256(mrenclave_seed, strlen(mrenclave_seed), qe->mrenclave) ||
	    sha256(mrsigner_seed, strlen(mrsigner_seed), qe->mrsigner))
		return -1;
	return qe_report_data_expected(att_pub, auth, auth_len,
				       qe->report_data);
}

/* A fixed, recognisable pattern: real QE auth data is opaque too. */
static void fill_qe_auth(uint8_t *auth, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		auth[i] = (uint8_t)i;
}

static size_t quote_size(const struct qgs_keys *keys, uint32_t *sig_data_len,
			 uint32_t *cert_size)
{
	size_t cert = sizeof(struct tdx_quote_qe_report_cert_data) +
		      QGS_EMU_QE_AUTH_SIZE +
		      sizeof(struct tdx_quote_cert_data) + keys->chain_len;
	size_t sig = sizeof(struct tdx_quote_ecdsa_sig_data) + cert;

	*cert_size = (uint32_t)cert;
	*sig_data_len = (uint32_t)sig;
	return sizeof(struct tdx_quote_v4) + sig;
}

/* Make and sign the QE report for @r's platform, or reuse the kept one. */
static int qe_report_get(const struct qgs_keys *keys,
			 struct qe_report_cache *cache,
			 const struct tdx_tdreport *r, const uint8_t *auth,
			 struct tdx_quote_qe_report_cert_data *qe)
{
	struct qe_report_cache fresh = { 0 };

	if (cache && cache->valid &&
	    !memcmp(cache->cpusvn, r->mac.cpusvn, sizeof(cache->cpusvn))) {
		qe->qe_report = cache->report;
		memcpy(qe->qe_report_signature, cache->signature,
		       sizeof(qe->qe_report_signature));
		return 0;
	}
	if (fill_qe_report(&fresh.report, r, keys->att_pub, auth,
			   QGS_EMU_QE_AUTH_SIZE) ||
	    ecdsa_sign_raw(keys->pck_key, &fresh.report, sizeof(fresh.report),
			   fresh.signature))
		return -1;
	qe->qe_report = fresh.report;
	memcpy(qe->qe_report_signature, fresh.signature,
	       sizeof(qe->qe_report_signature));
	if (cache) {
		memcpy(fresh.cpusvn, r->mac.cpusvn, sizeof(fresh.cpusvn));
		fresh.valid = true;
		*cache = fresh;
	}
	return 0;
}

/* Fill everything after the signature and attestation key. */
static int fill_cert_data(const struct qgs_keys *keys,
			  struct qe_report_cache *qe_cache,
			  const struct tdx_tdreport *r,
			  struct tdx_quote_ecdsa_sig_data *sig,
			  uint32_t cert_size)
{
	struct tdx_quote_qe_report_cert_data *qe = (void *)sig->cert_data.data;
	struct tdx_quote_cert_data *chain;
	uint8_t *auth = qe->qe_auth_data;

	sig->cert_data.type = htole16(TDX_QUOTE_CERT_TYPE_QE_REPORT);
	sig->cert_data.size = htole32(cert_size);
	memcpy(sig->attestation_key, keys->att_pub,
	       sizeof(sig->attestation_key));

	qe->qe_auth_data_size = htole16(QGS_EMU_QE_AUTH_SIZE);
	fill_qe_auth(auth, QGS_EMU_QE_AUTH_SIZE);
	if (qe_report_get(keys, qe_cache, r, auth, qe))
		return -1;

	chain = (void *)(auth + QGS_EMU_QE_AUTH_SIZE);
	chain->type = htole16(TDX_QUOTE_CERT_TYPE_PCK_CHAIN);
	chain->size = htole32((uint32_t)keys->chain_len);
	memcpy(chain->data, keys->chain, keys->chain_len);
	return 0;
}

/**
 * quote_build() - make a signed Quote v4 for a TDREPORT.
 * @keys: the TEST key set.
 * @qe_cache: where the QE report is kept between Quotes, or NULL to make
 *	it afresh.
 * @report: the TDREPORT (untrusted: size and type are checked).
 * @report_len: bytes of @report.
 * @quote: on success, a malloc()ed Quote the caller frees.
 * @quote_len: on success, bytes of @quote.
 *
 * Return: 0; -EINVAL for a malformed report (silently: callers that want
 * the reason ask tdreport_check()); -1 after reporting any other failure.
 */
int quote_build(const struct qgs_keys *keys, struct qe_report_cache *qe_cache,
		const uint8_t *report, size_t report_len, uint8_t **quote,
		size_t *quote_len)
{
	const struct tdx_tdreport *r = (const void *)report;
	struct tdx_quote_ecdsa_sig_data *sig;
	uint32_t sig_data_len, cert_size;
	struct tdx_quote_v4 *q;
	char err[128];
	size_t len;

	if (tdreport_check(report, report_len, err, sizeof(err)))
		return -EINVAL;
	len = quote_size(keys, &sig_data_len, &cert_size);
	if (len >= QUOTE_MAX_SIZE) {
		errmsg("quote of %zu bytes would exceed %d", len,
		       QUOTE_MAX_SIZE);
		return -1;
	}
	q = calloc(1, len);
	if (!q) {
		errmsg("out of memory");
		return -1;
	}
	sig = (void *)q->signature_data;
	fill_header(&q->header);
	fill_body(&q->body, r);
	q->signature_data_len = htole32(sig_data_len);
	if (ecdsa_sign_raw(keys->att_key, q,
			   sizeof(q->header) + sizeof(q->body),
			   sig->signature) ||
	    fill_cert_data(keys, qe_cache, r, sig, cert_size)) {
		free(q);
		return -1;
	}
	*quote = (uint8_t *)q;
	*quote_len = len;
	return 0;
}
