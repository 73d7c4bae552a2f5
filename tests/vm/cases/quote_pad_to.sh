# SPDX-License-Identifier: GPL-2.0
# tdx-qgs-emu --pad-to: the Quote comes through configfs in a zero-padded
# buffer, as real quote services return it (8000 bytes from Google's COS
# TDs); the Quote inside verifies to the test root and carries the nonce.
# Here it is verified with the padding stripped; quote_tdx15_v5.sh also
# verifies the padded buffer as it is, which needs a tdx-quote that
# tolerates data after the Quote.
set -eu
. /test/lib.sh

# bytes FILE OFFSET LENGTH - the bytes as lowercase hex on one line.
bytes()
{
	dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}

# le32 FILE OFFSET - a little-endian 32-bit integer.
le32()
{
	echo $((0x$(bytes "$1" "$2" 4 | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/')))
}

qgs_stop
qgs_start --pad-to 8000

d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/padded
assert_eq 8000 "$(size_of /tmp/padded)" "outblob size"
assert_eq 0400 "$(bytes /tmp/padded 0 2)" "Quote version 4"
len=$((636 + $(le32 /tmp/padded 632)))
[ "$len" -lt 8000 ] || fail "Quote of $len bytes in an 8000-byte buffer"
dd if=/tmp/padded bs=1 skip="$len" 2>/dev/null > /tmp/padding
head -c $((8000 - len)) /dev/zero | cmp -s - /tmp/padding || fail "padding is not all zero"

head -c "$len" /tmp/padded > /tmp/quote
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
tdx-quote verify --root "$TEST_KEYS/test-root-ca.pem" /tmp/quote > /tmp/verify ||
	{ cat /tmp/verify >&2; fail "the Quote in the padded buffer does not verify"; }
assert_eq verified "$(tail -n 1 /tmp/verify)" "verdict"

# Back to the default: exact-size Quotes.
qgs_stop
qgs_start
expect_quote_works "unpadded again"
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/exact
assert_eq $((636 + $(le32 /tmp/exact 632))) "$(size_of /tmp/exact)" "default Quote is not padded"
