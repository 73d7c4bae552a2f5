// SPDX-License-Identifier: GPL-2.0
/*
 * `tdx-quote decode` and `tdx-quote field`: show what a Quote or TDREPORT
 * says. Nothing here checks a signature; that is `verify`.
 */
#include <endian.h>
#include <stdio.h>
#include <string.h>

#include <openssl/x509.h>

#include "../common/certs.h"
#include "../common/util.h"
#include "fields.h"
#include "output.h"
#include "tdx_quote.h"

static void decode_fixed(struct out *o, const struct input *in,
			 const struct field_layout *l)
{
	struct field_loc loc;
	size_t i;

	for (i = 0; i < nr_fields; i++) {
		if (!field_loc(&fields[i], l, &loc))
			continue;
		field_out(o, &fields[i], in->buf, l);
		if (!strcmp(fields[i].name, "td_attributes"))
			out_bool(o, "debug",
				 in->buf[loc.off] & TDX_TDINFO_ATTR_DEBUG);
	}
}

static void decode_chain(struct out *o, const struct quote_view *v)
{
	struct stack_st_X509 *certs;
	char err[128], key[64], cn[256];
	X509 *cert;
	int i;

	out_uint(o, "pck_chain_type", v->chain_type);
	out_uint(o, "pck_chain_size", v->chain_len);
	certs = pem_chain_parse(v->chain, v->chain_len, err, sizeof(err));
	if (!certs) {
		out_uint(o, "pck_chain_certificates", 0);
		out_str(o, "pck_chain_error", err);
		return;
	}
	out_uint(o, "pck_chain_certificates", sk_X509_num(certs));
	for (i = 0; i < sk_X509_num(certs); i++) {
		cert = sk_X509_value(certs, i);
		x509_cn(X509_get_subject_name(cert), cn, sizeof(cn));
		snprintf(key, sizeof(key), "pck_cert%d_subject_cn", i);
		out_str(o, key, cn);
		x509_cn(X509_get_issuer_name(cert), cn, sizeof(cn));
		snprintf(key, sizeof(key), "pck_cert%d_issuer_cn", i);
		out_str(o, key, cn);
	}
	sk_X509_pop_free(certs, X509_free);
}

static void decode_qe(struct out *o, const struct quote_view *v)
{
	const struct tdx_sgx_report_body *r = &v->qe->qe_report;

	out_hex(o, "qe_cpusvn", r->cpusvn, sizeof(r->cpusvn));
	out_xint(o, "qe_miscselect", le32toh(r->miscselect));
	out_hex(o, "qe_attributes", r->attributes, sizeof(r->attributes));
	out_hex(o, "qe_mrenclave", r->mrenclave, sizeof(r->mrenclave));
	out_hex(o, "qe_mrsigner", r->mrsigner, sizeof(r->mrsigner));
	out_uint(o, "qe_isv_prod_id", le16toh(r->isv_prod_id));
	out_uint(o, "qe_isv_svn", le16toh(r->isv_svn));
	out_hex(o, "qe_report_data", r->report_data,
		sizeof(r->report_data));
	out_hex(o, "qe_report_signature", v->qe->qe_report_signature,
		sizeof(v->qe->qe_report_signature));
	out_uint(o, "qe_auth_data_size", v->qe_auth_len);
	out_hex(o, "qe_auth_data", v->qe_auth, v->qe_auth_len);
}

/* Show every part quote_parse() reached, then why it stopped, if it did. */
static int decode_quote(struct out *o, const struct input *in)
{
	struct field_layout l;
	struct quote_view v;
	int bad = quote_parse(&v, in->buf, in->len);

	if (v.stage >= QUOTE_STAGE_BODY) {
		field_layout_quote(&l, &v);
		decode_fixed(o, in, &l);
	}
	if (v.stage >= QUOTE_STAGE_SIG) {
		out_uint(o, "signature_data_size", v.sig_data_len);
		out_hex(o, "signature", v.sig->signature,
			sizeof(v.sig->signature));
		out_hex(o, "attestation_key", v.sig->attestation_key,
			sizeof(v.sig->attestation_key));
		out_uint(o, "certification_data_type", v.cert_type);
		out_uint(o, "certification_data_size", v.cert_size);
	}
	if (v.stage >= QUOTE_STAGE_QE)
		decode_qe(o, &v);
	if (v.stage >= QUOTE_STAGE_COMPLETE)
		decode_chain(o, &v);
	if (v.stage >= QUOTE_STAGE_SIG) {
		/* Not signed, so only its size and shape are worth showing. */
		out_uint(o, "quote_size", v.quote_len);
		out_uint(o, "trailing_size", v.trailing_len);
		out_bool(o, "trailing_all_zero", v.trailing_zero);
	}
	if (bad) {
		out_str(o, "error", v.error);
		errmsg("%s: malformed quote: %s", in->path, v.error);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/**
 * decode() - print the fields of a Quote or TDREPORT.
 * @in: the input.
 * @json: one JSON object instead of "name: value" lines.
 *
 * Return: EXIT_OK, or EXIT_USAGE for a malformed input (after printing
 * what could be read).
 */
int decode(const struct input *in, int json)
{
	struct field_layout l;
	char err[128];
	struct out o;
	int ret = EXIT_OK;

	out_begin(&o, stdout, json);
	if (in->fmt == FORMAT_QUOTE)
		out_str(&o, "format", in->buf[0] == TDX_QUOTE_VERSION_5 ?
			"quote_v5" : "quote_v4");
	else
		out_str(&o, "format", "tdreport");
	out_uint(&o, "size", in->len);
	if (in->fmt == FORMAT_QUOTE) {
		ret = decode_quote(&o, in);
	} else if (tdreport_check(in->buf, in->len, err, sizeof(err))) {
		out_str(&o, "error", err);
		ret = EXIT_USAGE;
	} else {
		field_layout_report(&l, in->buf);
		decode_fixed(&o, in, &l);
	}
	out_end(&o);
	return ret;
}

/**
 * print_field() - print one field, for scripts.
 * @in: a well-formed Quote or TDREPORT.
 * @name: a field name of the table in fields.c.
 *
 * Return: EXIT_OK, or EXIT_USAGE for an unknown field or malformed input.
 */
int print_field(const struct input *in, const char *name)
{
	const struct field *f = field_find(name);
	struct field_layout l;
	struct field_loc loc;
	char formats[96];
	struct out o;
	int err;

	if (!f) {
		errmsg("unknown field '%s' (see tdx-quote --help)", name);
		return EXIT_USAGE;
	}
	/* Scripts get nothing from a malformed input, not a partial answer. */
	err = input_check(in);
	if (err)
		return err;
	input_layout(in, &l);
	if (!field_loc(f, &l, &loc)) {
		field_formats(f, formats, sizeof(formats));
		errmsg("%s: this %s has no field '%s' (only: %s)", in->path,
		       in->fmt == FORMAT_QUOTE ? "Quote" : "TDREPORT", name,
		       formats);
		return EXIT_USAGE;
	}
	out_begin_bare(&o, stdout);
	field_out(&o, f, in->buf, &l);
	out_end(&o);
	return EXIT_OK;
}
