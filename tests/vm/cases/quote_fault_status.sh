# SPDX-License-Identifier: GPL-2.0
# Each final status the host can publish maps to its own errno, and the
# next request after a failure succeeds with the right REPORTDATA.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

# expect_status STATUS ERRNO - inject STATUS and expect ERRNO on outblob.
expect_status()
{
	_d=$(new_report_dir)
	arm_report "$_d"
	echo "$1" > "$F/quote_status"
	expect_errno "$2" "$_d/outblob"
	assert_eq 0x0000000000000000 "$(cat "$F/quote_status")" "quote_status resets after use"
	rmdir "$_d"
	expect_quote_works "after status $1"
}

expect_status 0x8000000000000000 EIO
expect_status 0x8000000000000001 ECONNREFUSED
expect_status 0x8000000000000007 EPROTO
expect_status 0x0000000000001234 EPROTO

# An out_len larger than the buffer is refused, never copied.
d=$(new_report_dir)
arm_report "$d"
echo 1 > "$F/quote_oversize"
expect_errno EFBIG "$d/outblob"
assert_eq 0 "$(cat "$F/quote_oversize")" "quote_oversize resets after use"
expect_quote_works "after oversize"

# The host's service time is honoured: a quote takes at least that long,
# still carries its nonce, and the next one after the delay is cleared is
# quick again.
echo 400000 > "$F/quote_delay_us"
d=$(new_report_dir)
arm_report "$d"
t0=$(now_cs)
cat "$d/outblob" > /tmp/slow
t1=$(now_cs)
[ $((t1 - t0)) -ge 40 ] || fail "a 400 ms service time took $(( (t1 - t0) * 10 )) ms"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/slow reportdata)" "REPORTDATA with a service time"
echo 0 > "$F/quote_delay_us"
expect_quote_works "after the service time was cleared"
