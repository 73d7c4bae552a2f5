# SPDX-License-Identifier: GPL-2.0
# inblob must be exactly 64 bytes: shorter ones are refused when outblob is
# read (configfs commits on close), longer ones by configfs at write time.
set -eu
. /test/lib.sh

dir=$(new_report_dir)
# Never written: nothing to attest.
expect_errno EINVAL "$dir/outblob"

for len in 1 63; do
	d=$(new_report_dir)
	make_nonce /tmp/in$len "$len"
	assert_eq 0 "$(write_errno "$d/inblob" /tmp/in$len)" "$len-byte write"
	expect_errno EINVAL "$d/outblob"
done

# A zero-length write that reaches configfs.
d=$(new_report_dir)
: > /tmp/in0
dd if=/tmp/in0 of="$d/inblob" bs=1 count=0 2>/dev/null || true
expect_errno EINVAL "$d/outblob"

d=$(new_report_dir)
make_nonce /tmp/in65 65
expect_write_errno EFBIG "$d/inblob" /tmp/in65

# A correct write afterwards in the same directory still works.
make_nonce /tmp/in64
assert_eq 0 "$(write_errno "$d/inblob" /tmp/in64)" "64-byte write"
cat "$d/outblob" > /tmp/quote
assert_eq "$(hex_of /tmp/in64)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
