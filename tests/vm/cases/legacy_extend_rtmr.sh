# SPDX-License-Identifier: GPL-2.0
# TDX_CMD_EXTEND_RTMR on /dev/tdx_guest, as Intel DCAP 1.22-1.24 extend an
# RTMR (both encodings DCAP builds: _IOW and its default _IOR): the same
# extend as a write to the RTMR's sysfs file, recorded in the runtime
# measurement log the same way; an index past RTMR3 is EINVAL and changes
# nothing; a bad pointer is EFAULT.
set -eu
. /test/lib.sh

X=/test/extra/extend-rtmr
M=$TDX_MEASUREMENTS
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log

# RTMR2 and RTMR3 start equal (zero on the emulated platform): extending
# RTMR2 by ioctl and RTMR3 through sysfs with the same digests must keep
# them equal.
assert_eq "$(hex_of "$M/rtmr3:sha384")" "$(hex_of "$M/rtmr2:sha384")" "rtmr2 = rtmr3 at boot"
records=$(( $(size_of "$L") / 64 ))

head -c 48 /dev/urandom > /tmp/d1
head -c 48 /dev/urandom > /tmp/d2
assert_eq ok "$($X 2 /tmp/d1)" "EXTEND_RTMR (_IOW) of rtmr2"
assert_eq 0 "$(write_errno "$M/rtmr3:sha384" /tmp/d1)" "sysfs extend of rtmr3"
assert_eq "$(hex_of "$M/rtmr3:sha384")" "$(hex_of "$M/rtmr2:sha384")" "ioctl extend = sysfs extend"
assert_eq ok "$($X --ior 2 /tmp/d2)" "EXTEND_RTMR (_IOR) of rtmr2"
assert_eq 0 "$(write_errno "$M/rtmr3:sha384" /tmp/d2)" "second sysfs extend of rtmr3"
assert_eq "$(hex_of "$M/rtmr3:sha384")" "$(hex_of "$M/rtmr2:sha384")" "_IOR extend = sysfs extend"

# The log got four EXTEND records: rtmr2 d1, rtmr3 d1, rtmr2 d2, rtmr3 d2.
cat "$L" > /tmp/log
assert_eq $(( (records + 4) * 64 )) "$(size_of /tmp/log)" "log grew by four records"
record_field()	# record offset length
{
	dd if=/tmp/log bs=1 skip=$(($1 * 64 + $2)) count="$3" 2>/dev/null |
		od -An -v -tx1 | tr -d ' \n'
}
n=$records
for rec in 2:/tmp/d1 3:/tmp/d1 2:/tmp/d2 3:/tmp/d2; do
	idx=${rec%%:*}
	digest=${rec#*:}
	assert_eq "$(printf '%02x' "$n")00000000000000" "$(record_field "$n" 0 8)" "seq of record $n"
	assert_eq "0200$(printf '%02x00' "$idx")" "$(record_field "$n" 8 4)" "type/index of record $n"
	assert_eq "$(hex_of "$digest")" "$(record_field "$n" 16 48)" "digest of record $n"
	n=$((n + 1))
done

# Bad requests: nothing extended, nothing logged.
before=$(hex_of "$M/rtmr2:sha384")
for idx in 4 255; do
	assert_eq EINVAL "$($X "$idx" /tmp/d1 2>/dev/null || true)" "index $idx"
	assert_eq EINVAL "$($X --ior "$idx" /tmp/d1 2>/dev/null || true)" "index $idx (_IOR)"
done
assert_eq EFAULT "$($X --efault 2>/dev/null || true)" "bad pointer"
assert_eq $(( (records + 4) * 64 )) "$(size_of "$L")" "no record for a failed request"
assert_eq "$before" "$(hex_of "$M/rtmr2:sha384")" "rtmr2 unchanged by failed requests"

# The extended value shows in a Quote, like any other extend.
d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /tmp/quote
assert_eq "$before" "$(tdx-quote field /tmp/quote rtmr2)" "rtmr2 in the Quote"
