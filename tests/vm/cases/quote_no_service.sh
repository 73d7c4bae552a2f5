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

# A host without a service is a state of the host, not an error of the
# guest to repeat: twelve refused requests log one warning, nothing at
# error level, and its return one line.
d=$(new_report_dir)
qgs_stop
err0=$(dmesg -r | grep -c '^<[0-3]>.*tdx_guest:' || true)
warn0=$(dmesg | grep -c "no quote generation service" || true)
i=0
while [ "$i" -lt 12 ]; do
	arm_report "$d"
	expect_errno ECONNREFUSED "$d/outblob"
	i=$((i + 1))
done
assert_eq "$err0" "$(dmesg -r | grep -c '^<[0-3]>.*tdx_guest:' || true)" \
	"tdx_guest lines at error level for 12 requests without a service"
assert_eq $((warn0 + 1)) "$(dmesg | grep -c "no quote generation service" || true)" \
	"warnings for 12 requests without a service"
qgs_start
expect_quote_works "with the service back"
dmesg | grep -q "quote generation service reachable again" ||
	fail "no line says the service is back"
