# SPDX-License-Identifier: GPL-2.0
# A different nonce gives a different Quote carrying that nonce, and
# nothing else in the TD's Quote body changes with it; the same nonce
# again gives the same body. (Whole Quotes always differ: the signature
# is randomized, so comparing them would prove nothing.)
set -eu
. /test/lib.sh

# The Quote v4 body: 584 bytes after the 48-byte header; REPORTDATA is
# its last 64 bytes.
body_before_reportdata()
{
	dd if="$1" bs=1 skip=48 count=520 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}

body()
{
	dd if="$1" bs=1 skip=48 count=584 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}

dir=$(new_report_dir)
make_nonce /tmp/nonce1
make_nonce /tmp/nonce2
cp /tmp/nonce1 /tmp/nonce3
! cmp -s /tmp/nonce1 /tmp/nonce2 || fail "urandom gave the same nonce twice"
for n in 1 2 3; do
	assert_eq 0 "$(write_errno "$dir/inblob" /tmp/nonce$n)" "write $n"
	cat "$dir/outblob" > /tmp/quote$n
	assert_eq "$(hex_of /tmp/nonce$n)" \
		"$(tdx-quote field /tmp/quote$n reportdata)" "REPORTDATA $n"
done
[ "$(body /tmp/quote1)" != "$(body /tmp/quote2)" ] ||
	fail "different nonces gave the same Quote body"
assert_eq "$(body_before_reportdata /tmp/quote1)" \
	"$(body_before_reportdata /tmp/quote2)" \
	"the Quote body apart from REPORTDATA, nonces 1 and 2"
assert_eq "$(body /tmp/quote1)" "$(body /tmp/quote3)" \
	"the Quote body for the same nonce twice"
