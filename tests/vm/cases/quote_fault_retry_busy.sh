# SPDX-License-Identifier: GPL-2.0
# A host that answers the hypercall with RETRY, and a TDX module that
# answers TDG.MR.REPORT with OPERAND_BUSY a few times, are ridden out;
# one that stays busy gives EBUSY, and everything works again afterwards.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

echo 5 > "$F/vmcall_retry"
expect_quote_works "5 RETRY answers"
assert_eq 0 "$(cat "$F/vmcall_retry")" "all RETRY answers consumed"

# RETRY for longer than the timeout: ETIMEDOUT, and the host never had
# the buffer, so nothing is quarantined.
echo 300 > /sys/module/tdx_guest/parameters/quote_timeout_ms
echo 1000000 > "$F/vmcall_retry"
d=$(new_report_dir)
arm_report "$d"
expect_errno ETIMEDOUT "$d/outblob"
echo 0 > "$F/vmcall_retry"
echo 30000 > /sys/module/tdx_guest/parameters/quote_timeout_ms
dmesg | grep -q quarantined && fail "a rejected hypercall must not quarantine"
expect_quote_works "after endless RETRY"

echo 3 > "$F/report_busy"
expect_quote_works "3 OPERAND_BUSY answers"
assert_eq 0 "$(cat "$F/report_busy")" "all busy answers consumed"

echo 100 > "$F/report_busy"
d=$(new_report_dir)
arm_report "$d"
expect_errno EBUSY "$d/outblob"
echo 0 > "$F/report_busy"
expect_quote_works "after persistent OPERAND_BUSY"
assert_eq 0 "$(cat "$F/busy_overlaps")" "injected busy answers are not overlaps"
