# SPDX-License-Identifier: GPL-2.0
# TDX_CMD_EXTEND_EVENT: an agent's event extends its RTMR with SHA-384 of
# the tagged event, which its record carries whole, at the offset the
# ioctl returns; the next Quote agrees with the measurement file. Bad
# requests (index, flags, the driver's own tags, a length past the
# bound, AAEL data trustee cannot parse, an unreadable data pointer, a
# result that cannot be written back) fail with their errno and neither
# extend nor log.
set -eu
. /test/lib.sh

X=/test/extra/extend-event
D=/test/extra/rtmr-log-dump
M=$TDX_MEASUREMENTS
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log

printf 'domain operation content' > /tmp/data
size0=$(size_of "$L")
old=$(hex_of "$M/rtmr3:sha384")
assert_eq "$size0" "$($X 3 0x4141454c /tmp/data)" "offset of the event's record"
assert_eq $((size0 + 66 + 8 + 24)) "$(size_of "$L")" "log size after the event"
new=$(hex_of "$M/rtmr3:sha384")
[ "$new" != "$old" ] || fail "the event did not extend rtmr3"

# The record, field by field: MR index 4, EV_EVENT_TAG, one SHA-384
# digest, the tagged event (ID "AAEL", 24 bytes, the data).
cat "$L" > /tmp/log
set -- $($D /tmp/log | tail -n 1)
assert_eq "$size0 4 6 1 c" "$1 $2 $3 $4 $5" "record head"
assert_eq 32 "$7" "event size"
assert_eq "4c45414118000000$(hex_of /tmp/data)" "$8" "tagged event"
digest=$6

# The digest is SHA-384 of the tagged event: what the Quote and the file
# show is the old value extended with it (tdx-quote computes that).
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/quote
assert_eq "$new" "$(tdx-quote field /tmp/quote rtmr3)" "rtmr3 in the next Quote"

# Every RTMR, an empty event, and the largest one allowed.
: > /tmp/empty
head -c 65536 /dev/zero > /tmp/max
for i in 0 1 2 3; do
	$X "$i" 0x54455354 /tmp/empty > /dev/null || fail "an empty event for rtmr$i"
done
$X 2 0x54455354 /tmp/max > /dev/null || fail "an event of 65536 bytes"

# Bad requests.
size1=$(size_of "$L")
before=$(for i in 0 1 2 3; do hex_of "$M/rtmr$i:sha384"; done)
head -c 65537 /dev/zero > /tmp/over
assert_eq EINVAL "$($X 4 0x1 /tmp/data || true)" "index 4"
assert_eq EINVAL "$($X 4294967295 0x1 /tmp/data || true)" "index 2^32-1"
assert_eq EINVAL "$($X --flags 1 3 0x1 /tmp/data || true)" "flags 1"
assert_eq EINVAL "$($X 3 0x54445844 /tmp/empty || true)" "the driver's digest-only tag"
assert_eq EINVAL "$($X 3 0x54445842 /tmp/data || true)" "the driver's baseline tag"
assert_eq EINVAL "$($X 3 0x1 /tmp/over || true)" "65537 bytes of data"
assert_eq EINVAL "$($X --len 4294967295 3 0x1 /tmp/data || true)" "a length of 2^32-1"
assert_eq EFAULT "$($X --bad-data 3 0x1 /tmp/data || true)" "unreadable data"
# AAEL data that is not "DOMAIN OPERATION CONTENT" in UTF-8: trustee would
# refuse the whole log for it.
printf 'only-one space' > /tmp/aael1
printf 'd o a\nb' > /tmp/aael2
printf 'd o \377' > /tmp/aael3
assert_eq EINVAL "$($X 3 0x4141454c /tmp/aael1 || true)" "AAEL with one space"
assert_eq EINVAL "$($X 3 0x4141454c /tmp/aael2 || true)" "AAEL with a line feed in its content"
assert_eq EINVAL "$($X 3 0x4141454c /tmp/aael3 || true)" "AAEL that is not UTF-8"
assert_eq EFAULT "$($X --ro-result 3 0x1 /tmp/data || true)" "a result that cannot be written"
assert_eq "$size1" "$(size_of "$L")" "log after bad requests"
assert_eq "$before" "$(for i in 0 1 2 3; do hex_of "$M/rtmr$i:sha384"; done)" "RTMRs after bad requests"
[ -n "$digest" ] || fail "no digest read"
