# SPDX-License-Identifier: GPL-2.0
# A host that answers the hypercall with RETRY, and a TDX module that
# answers TDG.MR.REPORT with OPERAND_BUSY a few times, are ridden out;
# one that stays busy gives EBUSY, and everything works again afterwards.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

quote_ok()
{
	_d=$(new_report_dir)
	make_nonce /tmp/n
	write_errno "$_d/inblob" /tmp/n > /dev/null
	cat "$_d/outblob" > /tmp/q || fail "$1: request failed"
	assert_eq "$(hex_of /tmp/n)" "$(tdx-quote field /tmp/q reportdata)" "$1: REPORTDATA"
	rmdir "$_d"
}

echo 5 > "$F/vmcall_retry"
quote_ok "5 RETRY answers"
assert_eq 0 "$(cat "$F/vmcall_retry")" "all RETRY answers consumed"

# RETRY for longer than the timeout: ETIMEDOUT, and the host never had
# the buffer, so nothing is quarantined.
echo 300 > /sys/module/tdx_guest/parameters/quote_timeout_ms
echo 1000000 > "$F/vmcall_retry"
d=$(new_report_dir)
make_nonce /tmp/n
write_errno "$d/inblob" /tmp/n > /dev/null
expect_errno ETIMEDOUT "$d/outblob"
echo 0 > "$F/vmcall_retry"
echo 30000 > /sys/module/tdx_guest/parameters/quote_timeout_ms
dmesg | grep -q quarantined && fail "a rejected hypercall must not quarantine"
quote_ok "after endless RETRY"

echo 3 > "$F/report_busy"
quote_ok "3 OPERAND_BUSY answers"
assert_eq 0 "$(cat "$F/report_busy")" "all busy answers consumed"

echo 100 > "$F/report_busy"
d=$(new_report_dir)
make_nonce /tmp/n
write_errno "$d/inblob" /tmp/n > /dev/null
expect_errno EBUSY "$d/outblob"
echo 0 > "$F/report_busy"
quote_ok "after persistent OPERAND_BUSY"
assert_eq 0 "$(cat "$F/busy_overlaps")" "injected busy answers are not overlaps"
