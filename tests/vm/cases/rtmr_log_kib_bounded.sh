# SPDX-License-Identifier: GPL-2.0
# rtmr_log_kib is bounded: values outside 64..65536 refuse the load with
# EINVAL and say why, and both bounds themselves load. A log that cannot
# take a record refuses the extend (ENOSPC) and changes nothing: filled to
# 74 bytes short of 64 KiB by one event, it takes one digest-only record
# of 74 bytes, and no other.
set -eu
. /test/lib.sh

P=/sys/module/tdx_guest/parameters/rtmr_log_kib
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log
M=$TDX_MEASUREMENTS
rmmod tdx_guest || fail "rmmod tdx_guest"

for bad in 4294967295 65537 63 0; do
	expect_cmd_errno EINVAL insmod "$PROJECT_MODDIR/tdx_guest.ko" "rtmr_log_kib=$bad"
	[ ! -e /sys/module/tdx_guest ] || fail "tdx_guest loaded with rtmr_log_kib=$bad"
done
dmesg | grep -q "tdx_guest: rtmr_log_kib must be 64 to 65536" ||
	fail "no log line says what rtmr_log_kib may be"

load_module "$PROJECT_MODDIR/tdx_guest.ko" rtmr_log_kib=65536
assert_eq 65536 "$(cat "$P")" "rtmr_log_kib"
rmmod tdx_guest || fail "rmmod tdx_guest after rtmr_log_kib=65536"

load_module "$PROJECT_MODDIR/tdx_guest.ko" rtmr_log_kib=64
assert_eq 64 "$(cat "$P")" "rtmr_log_kib"
assert_eq 0 "$(size_of "$L")" "log of a TD whose RTMRs are as the firmware left them"
head -c $((65536 - 74 - 74)) /dev/zero > /tmp/big
assert_eq 0 "$(/test/extra/extend-event 3 0x54455354 /tmp/big)" "offset of an event that nearly fills the log"
head -c 48 /dev/urandom > /tmp/d
assert_eq 0 "$(write_errno "$M/rtmr3:sha384" /tmp/d)" "the last extend that fits"
assert_eq 65536 "$(size_of "$L")" "a full log"
before=$(hex_of "$M/rtmr3:sha384")
expect_write_errno ENOSPC "$M/rtmr3:sha384" /tmp/d
: > /tmp/empty
assert_eq ENOSPC "$(/test/extra/extend-event 3 0x54455354 /tmp/empty || true)" "an empty event in a full log"
assert_eq "$before" "$(hex_of "$M/rtmr3:sha384")" "rtmr3 after refused extends"
assert_eq 65536 "$(size_of "$L")" "the full log after refused extends"
rmmod tdx_guest || fail "rmmod tdx_guest after rtmr_log_kib=64"

load_module "$PROJECT_MODDIR/tdx_guest.ko"
assert_eq 4096 "$(cat "$P")" "default rtmr_log_kib"
