// SPDX-License-Identifier: GPL-2.0
/*
 * Building a signed Quote from a TDREPORT with the TEST keys.
 *
 * The Quote has the structure of one made by Intel's TD Quoting Enclave:
 * the body copies the TDREPORT's measurements, the attestation key signs
 * header and body, a QE report binds the attestation key and is signed by
 * the PCK key, and the PCK certificate chain closes it. Only the keys are
 * fake, and the TD attributes (DEBUG set by the emulated TDX module) tell
 * any real verifier policy to refuse it.
 *
 * Version 4 is what Intel's Quoting Enclave makes by default; version 5
 * adds a body descriptor and, for a TDREPORT of TDX module 1.5, the TD 1.5
 * body. Either can be returned zero-padded in a larger buffer, as real
 * quote services return them; the padding is not signed and not counted
 * in any length field.
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

#include <tdx-guest/quote_v5.h>
#include <tdx-guest/tdreport.h>
#include <tdx-guest/tdreport_v1.h>

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

static void fill_header(struct tdx_quote_header *h, unsigned int version)
{
	h->version = htole16(version);
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

/* TDX module 1.5 reports carry two more fields, which the TD 1.5 body has. */
static void fill_body_v15(struct tdx_quote_body_v1_5 *b,
			  const struct tdx_tdreport *r)
{
	const struct tdx_tdreport_v1 *r1 = (const void *)r;

	fill_body(&b->td10, r);
	memcpy(b->tee_tcb_svn2, r1->tee_tcb_info.tee_tcb_svn2,
	       sizeof(b->tee_tcb_svn2));
	memcpy(b->mrservicetd, r1->tdinfo.servtd_hash, sizeof(b->mrservicetd));
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

/* Bytes of the signed part (header, v5 descriptor, body) of a Quote. */
static size_t signed_size(unsigned int version, size_t body_len)
{
	size_t len = sizeof(struct tdx_quote_header) + body_len;

	if (version == TDX_QUOTE_VERSION_5)
		len += sizeof(struct tdx_quote_body_descriptor);
	return len;
}

static size_t body_size(unsigned int version, const struct tdx_tdreport *r)
{
	if (version == TDX_QUOTE_VERSION_5 &&
	    r->mac.version >= TDX_REPORT_VERSION_1)
		return sizeof(struct tdx_quote_body_v1_5);
	return sizeof(struct tdx_quote_body);
}

static size_t sig_data_size(const struct qgs_keys *keys, uint32_t *cert_size)
{
	size_t cert = sizeof(struct tdx_quote_qe_report_cert_data) +
		      QGS_EMU_QE_AUTH_SIZE +
		      sizeof(struct tdx_quote_cert_data) + keys->chain_len;

	*cert_size = (uint32_t)cert;
	return sizeof(struct tdx_quote_ecdsa_sig_data) + cert;
}

/*
 * Write header, v5 body descriptor and body at @q.
 * Return: the bytes written, which the attestation key signs.
 */
static size_t fill_signed(uint8_t *q, unsigned int version, size_t body_len,
			  const struct tdx_tdreport *r)
{
	uint8_t *p = q + sizeof(struct tdx_quote_header);

	fill_header((struct tdx_quote_header *)q, version);
	if (version == TDX_QUOTE_VERSION_5) {
		struct tdx_quote_body_descriptor *d = (void *)p;

		d->type = htole16(body_len == sizeof(struct tdx_quote_body) ?
				  TDX_QUOTE_BODY_TYPE_TD10 :
				  TDX_QUOTE_BODY_TYPE_TD15);
		d->size = htole32((uint32_t)body_len);
		p += sizeof(*d);
	}
	if (body_len == sizeof(struct tdx_quote_body))
		fill_body((struct tdx_quote_body *)p, r);
	else
		fill_body_v15((struct tdx_quote_body_v1_5 *)p, r);
	return (size_t)(p - q) + body_len;
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
 * quote_build() - make a signed Quote for a TDREPORT.
 * @keys: the TEST key set.
 * @fmt: version and padding of the Quote buffer.
 * @qe_cache: where the QE report is kept between Quotes, or NULL to make
 *	it afresh.
 * @report: the TDREPORT (untrusted: size and type are checked).
 * @report_len: bytes of @report.
 * @quote: on success, a malloc()ed Quote buffer the caller frees.
 * @quote_len: on success, bytes of @quote (the padded size when padding).
 *
 * Return: 0; -EINVAL for a malformed report (silently: callers that want
 * the reason ask tdreport_check()); -1 after reporting any other failure.
 */
int quote_build(const struct qgs_keys *keys, const struct quote_format *fmt,
		struct qe_report_cache *qe_cache, const uint8_t *report,
		size_t report_len, uint8_t **quote, size_t *quote_len)
{
	const struct tdx_tdreport *r = (const void *)report;
	size_t body_len, signed_len, len, buf_len;
	struct tdx_quote_ecdsa_sig_data *sig;
	uint32_t sig_data_len, cert_size;
	__le32 sig_len_le;
	char err[128];
	uint8_t *q;

	if (tdreport_check(report, report_len, err, sizeof(err)))
		return -EINVAL;
	body_len = body_size(fmt->version, r);
	sig_data_len = (uint32_t)sig_data_size(keys, &cert_size);
	len = signed_size(fmt->version, body_len) + sizeof(sig_len_le) +
	      sig_data_len;
	if (len >= QUOTE_MAX_SIZE) {
		errmsg("quote of %zu bytes would exceed %d", len,
		       QUOTE_MAX_SIZE);
		return -1;
	}
	if (fmt->pad_to && len > fmt->pad_to) {
		errmsg("quote of %zu bytes does not fit in %zu (--pad-to)",
		       len, fmt->pad_to);
		return -1;
	}
	buf_len = fmt->pad_to ? fmt->pad_to : len;
	q = calloc(1, buf_len);
	if (!q) {
		errmsg("out of memory");
		return -1;
	}
	signed_len = fill_signed(q, fmt->version, body_len, r);
	sig_len_le = htole32(sig_data_len);
	memcpy(q + signed_len, &sig_len_le, sizeof(sig_len_le));
	sig = (void *)(q + signed_len + sizeof(sig_len_le));
	if (ecdsa_sign_raw(keys->att_key, q, signed_len, sig->signature) ||
	    fill_cert_data(keys, qe_cache, r, sig, cert_size)) {
		free(q);
		return -1;
	}
	*quote = q;
	*quote_len = buf_len;
	return 0;
}
