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
# Writes, all ECDSA P-256, certificates valid for 100 years:
#   test-root-ca.{key,pem}     self-signed root CA (the verifier's anchor)
#   test-pck-ca.{key,pem}      intermediate CA, signed by the root
#   test-pck.{key,pem}         PCK leaf; signs the QE report in each Quote
#   test-attestation.key       attestation key; signs each Quote
#
# The PCK leaf carries an SGX extension shaped like Intel's (PPID, TCB, PCE
# ID, FMSPC, SGX type) with made-up values, so a Quote's certificate chain
# has the size and structure of a real one.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
days=36525	# 100 years
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

genkey() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-pkeyopt ec_param_enc:named_curve -out "$1"
}

# Made-up values of the SGX extension's TCB: 16 component SVNs, PCESVN,
# CPUSVN.
sgx_tcb_sections() {
	i=1
	printf '[sgx_tcb_comps]\n'
	while [ $i -le 18 ]; do
		printf 'c%02d = SEQUENCE:sgx_tcb_c%02d\n' $i $i
		i=$((i + 1))
	done
	i=1
	while [ $i -le 16 ]; do
		printf '[sgx_tcb_c%02d]\noid = OID:1.2.840.113741.1.13.1.2.%d\n' \
			$i $i
		printf 'svn = INTEGER:%d\n' $(( (i * 7) % 5 + 1 ))
		i=$((i + 1))
	done
	printf '[sgx_tcb_c17]\noid = OID:1.2.840.113741.1.13.1.2.17\n'
	printf 'svn = INTEGER:13\n'
	printf '[sgx_tcb_c18]\noid = OID:1.2.840.113741.1.13.1.2.18\n'
	printf 'svn = FORMAT:HEX,OCTETSTRING:%s\n' \
		03040201050403030202030301010101
}

cat > "$tmp/ext.cnf" <<CNF
[req]
distinguished_name = dn
[dn]

[v3_root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_pck_ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[v3_pck]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.2.840.113741.1.13.1 = ASN1:SEQUENCE:sgx_ext

[sgx_ext]
ppid = SEQUENCE:sgx_ppid
tcb = SEQUENCE:sgx_tcb
pceid = SEQUENCE:sgx_pceid
fmspc = SEQUENCE:sgx_fmspc
type = SEQUENCE:sgx_type
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
value = ENUMERATED:0
$(sgx_tcb_sections)
CNF

org="/O=tdx-guest TEST KEYS - DO NOT TRUST/OU=emulated TDX platform"

genkey "$tmp/test-root-ca.key"
openssl req -x509 -new -sha256 -days $days -set_serial 1 \
	-key "$tmp/test-root-ca.key" -config "$tmp/ext.cnf" \
	-extensions v3_root \
	-subj "$org/CN=tdx-guest TEST Root CA" -out "$tmp/test-root-ca.pem"

# sign NAME ISSUER EXTENSIONS SERIAL CN
sign() {
	genkey "$tmp/$1.key"
	openssl req -new -sha256 -key "$tmp/$1.key" -config "$tmp/ext.cnf" \
		-subj "$org/CN=$5" -out "$tmp/$1.csr"
	openssl x509 -req -sha256 -days $days -set_serial "$4" \
		-in "$tmp/$1.csr" -CA "$tmp/$2.pem" -CAkey "$tmp/$2.key" \
		-extfile "$tmp/ext.cnf" -extensions "$3" -out "$tmp/$1.pem" \
		2>/dev/null
}

sign test-pck-ca test-root-ca v3_pck_ca 2 "tdx-guest TEST PCK Platform CA"
sign test-pck test-pck-ca v3_pck 3 "tdx-guest TEST PCK Certificate"
genkey "$tmp/test-attestation.key"

openssl verify -x509_strict -CAfile "$tmp/test-root-ca.pem" \
	-untrusted "$tmp/test-pck-ca.pem" "$tmp/test-pck.pem" >/dev/null

for f in test-root-ca test-pck-ca test-pck; do
	cp "$tmp/$f.key" "$tmp/$f.pem" "$out/"
done
cp "$tmp/test-attestation.key" "$out/"
chmod 644 "$out"/test-*.key "$out"/test-*.pem
echo "generated TEST keys in $out (never trust them)"
