# SPDX-License-Identifier: GPL-2.0
# generation moves by exactly one per write, never on a read, and a second
# read of outblob without a new write returns the same Quote.
set -eu
. /test/lib.sh

dir=$(new_report_dir)
for i in 1 2 3; do
	make_nonce /tmp/nonce
	assert_eq 0 "$(write_errno "$dir/inblob" /tmp/nonce)" "write $i"
	assert_eq "$i" "$(cat "$dir/generation")" "generation after write $i"
done

cat "$dir/outblob" > /tmp/q1
assert_eq 3 "$(cat "$dir/generation")" "generation after a read"
cat "$dir/outblob" > /tmp/q2
cmp -s /tmp/q1 /tmp/q2 || fail "re-read of outblob returned a different quote"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/q1 reportdata)" "last nonce wins"

# The same bytes written again are still a new generation and a new quote.
assert_eq 0 "$(write_errno "$dir/inblob" /tmp/nonce)" "rewrite"
assert_eq 4 "$(cat "$dir/generation")" "generation after the rewrite"
cat "$dir/outblob" > /tmp/q3
! cmp -s /tmp/q1 /tmp/q3 || fail "a new generation must produce a new quote"
