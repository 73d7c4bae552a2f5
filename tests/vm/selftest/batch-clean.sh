# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test for tests/vm/batch, run right after batch-leave.sh in
# the same boot: nothing it left is there any more.

set -eu
. /test/lib.sh

for d in /proc/[0-9]*; do
	[ "$(cat "$d/comm" 2>/dev/null)" != sleep ] ||
		fail "a process of the script before is still running: ${d#/proc/}"
done
[ ! -e /tmp/batch-leftover ] || fail "/tmp was not made anew"
[ ! -e /run/batch-leftover ] || fail "/run was not made anew"
assert_eq 1 "$(cat /sys/devices/system/cpu/cpu1/online)" "cpu1 online"
! dmesg | grep -q 'batch-leave:' || fail "dmesg holds the script before's lines"
if [ "$TDXVM_PLATFORM" = 1 ]; then
	[ ! -e "$TSM_REPORT_ROOT/batch-leftover" ] || fail "the report directory is left"
	[ "$(cat /sys/module/tdx_guest/parameters/quote_timeout_ms)" != 12345 ] ||
		fail "tdx_guest was not loaded anew"
	kill -0 "$(cat "$QGS_PID_FILE")" || fail "no quote service"
	expect_quote_works "after the reset"
fi
echo "batch-clean: ok"
