# SPDX-License-Identifier: GPL-2.0
# A log that cannot be complete says so. At boot the RTMRs are where the
# firmware left them and the log is complete. A provider loaded again
# after extends finds RTMRs neither the firmware's log nor its own empty
# log explains: rtmr_log_complete says 0, the kernel log says why, and
# the new log starts with a note (EV_NO_ACTION, tag "TDXB") per such
# RTMR holding its value, and none for the others.
set -eu
. /test/lib.sh

D=/test/extra/rtmr-log-dump
M=$TDX_MEASUREMENTS
C=/sys/devices/virtual/misc/tdx_guest/rtmr_log_complete
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log

assert_eq 1 "$(cat "$C")" "rtmr_log_complete at boot"
assert_eq 0 "$(size_of "$L")" "the log at boot"
head -c 48 /dev/urandom > /tmp/d
for i in 1 3; do
	assert_eq 0 "$(write_errno "$M/rtmr$i:sha384" /tmp/d)" "extend rtmr$i"
done
r1=$(hex_of "$M/rtmr1:sha384")
r3=$(hex_of "$M/rtmr3:sha384")
assert_eq 1 "$(cat "$C")" "rtmr_log_complete after extends it recorded"

rmmod tdx_guest || fail "rmmod tdx_guest"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
assert_eq 0 "$(cat "$C")" "rtmr_log_complete after a reload"
dmesg | grep -q "rtmr_log cannot replay RTMRs (mask 0xa)" ||
	fail "no log line names RTMR1 and RTMR3"
cat "$L" > /tmp/log
$D /tmp/log > /tmp/records
zero=$(head -c 48 /dev/zero | od -An -v -tx1 | tr -d ' \n')
assert_eq "0 2 3 1 c $zero 56 4258445430000000$r1
122 4 3 1 c $zero 56 4258445430000000$r3" "$(cat /tmp/records)" "notes at the start of the log"
