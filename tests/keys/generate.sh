#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the TEST keys and certificates of the emulated TDX platform.
#
#   TEST KEYS - NEVER TRUST THEM. The private keys are public in this
#   repository: anything signed by them proves nothing.
#
# Usage: tests/keys/generate.sh [OUTDIR]    (default: this script's folder)
#
# Writes, all ECDSA P-256 with SHA-256 signatures, valid for 100 years:
#   test-root-ca.{key,pem}     self-signed root CA (the verifier's anchor)
#   test-pck-ca.{key,pem}      PCK Platform CA, signed by the root
#   test-pck.{key,pem}         PCK leaf; signs the QE report in each Quote
#   test-attestation.key       attestation key; signs each Quote
#
# The certificates follow Intel's PCK certificate profile (as the chains in
# production Quotes show it), because verifiers check the profile and not
# only the signatures: go-tdx-guest, for one, compares each certificate's
# subject CN with Intel's ("Intel SGX Root CA", "Intel SGX PCK Platform
# CA", "Intel SGX PCK Certificate"), counts the leaf's X.509 extensions (6)
# and parses its SGX extension. So the CNs, L, ST and C, the extensions,
# their order and criticality are Intel's; what says TEST is the O and OU,
# which no verifier compares, and the CRL distribution points name an
# .invalid host (RFC 2606) instead of Intel's, so no CRL can be fetched for
# these certificates. The SGX extension values are made up: FMSPC, PCE-ID
# and TCB components of a platform that does not exist.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
days=36525	# 100 years
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Intel's PCK names: CN first, then O, L, ST, C. O and OU carry the warning.
dn_tail="/O=tdx-guest TEST KEYS - DO NOT TRUST/OU=emulated TDX platform"
dn_tail="$dn_tail/L=Santa Clara/ST=CA/C=US"
crl_host="https://test-keys.tdx-guest.invalid"

genkey() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-pkeyopt ec_param_enc:named_curve -out "$1"
}

# A positive 20-byte serial number, as Intel's certificates have.
serial() {
	printf '0x1%s' "$(openssl rand -hex 19)"
}

# The SGX extension's TCB: 16 component SVNs, PCESVN (.17) and CPUSVN (.18,
# the same 16 components as bytes).
sgx_tcb_sections() {
	i=1
	printf '[sgx_tcb_comps]\n'
	while [ $i -le 18 ]; do
		printf 'c%02d = SEQUENCE:sgx_tcb_c%02d\n' $i $i
		i=$((i + 1))
	done
	i=1
	cpusvn=
	while [ $i -le 16 ]; do
		svn=$(( (i * 7) % 5 + 1 ))
		printf '[sgx_tcb_c%02d]\noid = OID:1.2.840.113741.1.13.1.2.%d\n' \
			$i $i
		printf 'svn = INTEGER:%d\n' $svn
		cpusvn=$cpusvn$(printf '%02x' $svn)
		i=$((i + 1))
	done
	printf '[sgx_tcb_c17]\noid = OID:1.2.840.113741.1.13.1.2.17\n'
	printf 'svn = INTEGER:13\n'
	printf '[sgx_tcb_c18]\noid = OID:1.2.840.113741.1.13.1.2.18\n'
	printf 'svn = FORMAT:HEX,OCTETSTRING:%s\n' "$cpusvn"
}

# Extension sections list the extensions in the order Intel's certificates
# carry them: AKI, CRL distribution points, SKI, key usage, basic
# constraints (and the SGX extension last in the leaf).
cat > "$tmp/ext.cnf" <<CNF
[req]
distinguished_name = dn
[dn]

[v3_root]
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$crl_host/IntelSGXRootCA.der
subjectKeyIdentifier = hash
keyUsage = critical, keyCertSign, cRLSign
basicConstraints = critical, CA:TRUE, pathlen:1

[v3_pck_ca]
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$crl_host/IntelSGXRootCA.der
subjectKeyIdentifier = hash
keyUsage = critical, keyCertSign, cRLSign
basicConstraints = critical, CA:TRUE, pathlen:0

[v3_pck]
authorityKeyIdentifier = keyid:always
crlDistributionPoints = URI:$crl_host/sgx/certification/v4/pckcrl?ca=platform&encoding=der
subjectKeyIdentifier = hash
keyUsage = critical, digitalSignature, nonRepudiation
basicConstraints = critical, CA:FALSE
1.2.840.113741.1.13.1 = ASN1:SEQUENCE:sgx_ext

# A Platform CA leaf: PPID, TCB, PCE-ID, FMSPC, SGX type 1 (Scalable),
# PlatformInstanceID, Configuration.
[sgx_ext]
ppid = SEQUENCE:sgx_ppid
tcb = SEQUENCE:sgx_tcb
pceid = SEQUENCE:sgx_pceid
fmspc = SEQUENCE:sgx_fmspc
type = SEQUENCE:sgx_type
instance = SEQUENCE:sgx_instance
config = SEQUENCE:sgx_config
[sgx_ppid]
oid = OID:1.2.840.113741.1.13.1.1
value = FORMAT:HEX,OCTETSTRING:7465737420707069642c206e6f742072
[sgx_tcb]
oid = OID:1.2.840.113741.1.13.1.2
value = SEQUENCE:sgx_tcb_comps
[sgx_pceid]
oid = OID:1.2.840.113741.1.13.1.3
value = FORMAT:HEX,OCTETSTRING:0000
[sgx_fmspc]
oid = OID:1.2.840.113741.1.13.1.4
value = FORMAT:HEX,OCTETSTRING:00906ed50000
[sgx_type]
oid = OID:1.2.840.113741.1.13.1.5
value = ENUMERATED:1
[sgx_instance]
oid = OID:1.2.840.113741.1.13.1.6
value = FORMAT:HEX,OCTETSTRING:74657374206b6579732c206e6f742072
[sgx_config]
oid = OID:1.2.840.113741.1.13.1.7
value = SEQUENCE:sgx_config_items
[sgx_config_items]
dynamic = SEQUENCE:sgx_config_dynamic
cached = SEQUENCE:sgx_config_cached
smt = SEQUENCE:sgx_config_smt
[sgx_config_dynamic]
oid = OID:1.2.840.113741.1.13.1.7.1
value = BOOLEAN:TRUE
[sgx_config_cached]
oid = OID:1.2.840.113741.1.13.1.7.2
value = BOOLEAN:FALSE
[sgx_config_smt]
oid = OID:1.2.840.113741.1.13.1.7.3
value = BOOLEAN:TRUE
$(sgx_tcb_sections)
CNF

genkey "$tmp/test-root-ca.key"
openssl req -x509 -new -sha256 -days $days -set_serial "$(serial)" \
	-key "$tmp/test-root-ca.key" -config "$tmp/ext.cnf" \
	-extensions v3_root \
	-subj "/CN=Intel SGX Root CA$dn_tail" -out "$tmp/test-root-ca.pem"

# sign NAME ISSUER EXTENSIONS CN
sign() {
	genkey "$tmp/$1.key"
	openssl req -new -sha256 -key "$tmp/$1.key" -config "$tmp/ext.cnf" \
		-subj "/CN=$4$dn_tail" -out "$tmp/$1.csr"
	openssl x509 -req -sha256 -days $days -set_serial "$(serial)" \
		-in "$tmp/$1.csr" -CA "$tmp/$2.pem" -CAkey "$tmp/$2.key" \
		-extfile "$tmp/ext.cnf" -extensions "$3" -out "$tmp/$1.pem" \
		2>/dev/null
}

sign test-pck-ca test-root-ca v3_pck_ca "Intel SGX PCK Platform CA"
sign test-pck test-pck-ca v3_pck "Intel SGX PCK Certificate"
genkey "$tmp/test-attestation.key"

openssl verify -x509_strict -CAfile "$tmp/test-root-ca.pem" \
	-untrusted "$tmp/test-pck-ca.pem" "$tmp/test-pck.pem" >/dev/null

for f in test-root-ca test-pck-ca test-pck; do
	cp "$tmp/$f.key" "$tmp/$f.pem" "$out/"
done
cp "$tmp/test-attestation.key" "$out/"
chmod 644 "$out"/test-*.key "$out"/test-*.pem
echo "generated TEST keys in $out (never trust them)"
