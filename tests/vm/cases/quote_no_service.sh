# SPDX-License-Identifier: GPL-2.0
# With no quote generation service attached, outblob fails with a clear
# error instead of returning an empty or stale quote, and works again once
# a service is back.
set -eu
. /test/lib.sh

d=$(new_report_dir)
make_nonce /tmp/nonce
assert_eq 0 "$(write_errno "$d/inblob" /tmp/nonce)" "write"

qgs_stop
expect_errno ECONNREFUSED "$d/outblob"
# Asked again, it asks the host again rather than returning a stale result.
expect_errno ECONNREFUSED "$d/outblob"

qgs_start
# The failed attempt left no cached result: the same generation now works.
cat "$d/outblob" > /tmp/quote
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
