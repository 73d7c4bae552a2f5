# SPDX-License-Identifier: GPL-2.0
# A different nonce gives a different Quote carrying that nonce.
set -eu
. /test/lib.sh

dir=$(new_report_dir)
for n in 1 2; do
	make_nonce /tmp/nonce$n
	assert_eq 0 "$(write_errno "$dir/inblob" /tmp/nonce$n)" "write $n"
	cat "$dir/outblob" > /tmp/quote$n
	assert_eq "$(hex_of /tmp/nonce$n)" \
		"$(tdx-quote field /tmp/quote$n reportdata)" "REPORTDATA $n"
done
! cmp -s /tmp/nonce1 /tmp/nonce2 || fail "urandom gave the same nonce twice"
! cmp -s /tmp/quote1 /tmp/quote2 || fail "different nonces gave the same quote"
