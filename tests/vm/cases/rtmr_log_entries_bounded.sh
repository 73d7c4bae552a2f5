# SPDX-License-Identifier: GPL-2.0
# rtmr_log_entries is bounded: values outside 4..262144 refuse the load with
# EINVAL and say why (a huge one used to reach kvcalloc() and WARN), and
# both bounds themselves load.
set -eu
. /test/lib.sh

P=/sys/module/tdx_guest/parameters/rtmr_log_entries
rmmod tdx_guest || fail "rmmod tdx_guest"

for bad in 4294967295 262145 3 0; do
	expect_cmd_errno EINVAL insmod "$PROJECT_MODDIR/tdx_guest.ko" "rtmr_log_entries=$bad"
	[ ! -e /sys/module/tdx_guest ] || fail "tdx_guest loaded with rtmr_log_entries=$bad"
done
dmesg | grep -q "tdx_guest: rtmr_log_entries must be 4 to 262144" ||
	fail "no log line says what rtmr_log_entries may be"

for good in 262144 4; do
	load_module "$PROJECT_MODDIR/tdx_guest.ko" "rtmr_log_entries=$good"
	assert_eq "$good" "$(cat "$P")" "rtmr_log_entries"
	assert_eq $((4 * 64)) "$(size_of /sys/devices/virtual/misc/tdx_guest/rtmr_log)" "baseline records"
	rmmod tdx_guest || fail "rmmod tdx_guest after rtmr_log_entries=$good"
done
load_module "$PROJECT_MODDIR/tdx_guest.ko"
assert_eq 4096 "$(cat "$P")" "default rtmr_log_entries"
