# SPDX-License-Identifier: GPL-2.0
# A reader killed while its TDREPORT is being made (a slow TDX module,
# tdcall_delay_ms) never asks the host for a Quote: the request would be
# abandoned at its first look and its buffer quarantined for nothing.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

d=$(new_report_dir)
arm_report "$d"
calls=$(cat "$F/quote_calls")
quarantined=$(dmesg | grep -c "quarantined (" || true)

echo 400 > "$F/tdcall_delay_ms"
cat "$d/outblob" > /tmp/quote 2>/dev/null &
pid=$!
usleep 150000
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
echo 0 > "$F/tdcall_delay_ms"

assert_eq "$calls" "$(cat "$F/quote_calls")" "GetQuote calls for a killed reader"
assert_eq "$quarantined" "$(dmesg | grep -c "quarantined (" || true)" "quarantine lines"
expect_quote_works "after the killed reader"
