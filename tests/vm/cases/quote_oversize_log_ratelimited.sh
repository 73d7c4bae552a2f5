# SPDX-License-Identifier: GPL-2.0
# A Quote larger than configfs-tsm can hand out fails with EFBIG, and the
# line that says so is ratelimited: the host decides how often it
# happens. 6.12's configfs-tsm hands out at most 32 KiB; from 6.16 on the
# limit (16 MiB) is above the GetQuote buffer, so no Quote can exceed it
# and there is nothing to show.
set -eu
. /test/lib.sh

if [ "$TDXVM_TSM_MODULE" != tsm ]; then
	note "configfs-tsm's limit is above the GetQuote buffer here: nothing to test"
	exit 0
fi

lines()
{
	dmesg | grep -c "exceeds the configfs-tsm limit" || true
}

qgs_stop
qgs_start --pad-to 40000
l0=$(lines)
t0=$(now_cs)
d=$(new_report_dir)
i=0
while [ "$i" -lt 15 ]; do
	arm_report "$d"
	expect_errno EFBIG "$d/outblob"
	i=$((i + 1))
done
t1=$(now_cs)
logged=$(($(lines) - l0))
allowed=$((10 * ((t1 - t0) / 500 + 1)))
note "15 oversize Quotes in $(((t1 - t0) * 10)) ms: $logged lines (at most $allowed)"
[ "$logged" -ge 1 ] || fail "the oversize Quote was not logged at all"
[ "$logged" -le "$allowed" ] || fail "$logged lines for 15 oversize Quotes (at most $allowed)"
# Requests slower than one window between them cannot show the limit (the
# debug kernel's never do): say so rather than pass as if they had.
[ "$allowed" -lt 15 ] ||
	note "the requests spanned more than one 5 s window: the limit was not shown"
qgs_stop
qgs_start
expect_quote_works "with Quotes of normal size"
