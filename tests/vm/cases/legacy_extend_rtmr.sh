# SPDX-License-Identifier: GPL-2.0
# TDX_CMD_EXTEND_RTMR on /dev/tdx_guest, as Intel DCAP 1.22-1.24 extend an
# RTMR (both encodings DCAP builds: _IOW and its default _IOR): the same
# extend as a write to the RTMR's sysfs file, recorded in the runtime
# measurement log the same way (a digest-only record); an index past RTMR3
# is EINVAL and changes nothing; a bad pointer is EFAULT.
set -eu
. /test/lib.sh

X=/test/extra/extend-rtmr
M=$TDX_MEASUREMENTS
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log

D=/test/extra/rtmr-log-dump
# RTMR3 starts at zero on the emulated platform: the firmware leaves it
# alone.
zero=$(head -c 48 /dev/zero | od -An -v -tx1 | tr -d ' \n')
assert_eq "$zero" "$(hex_of "$M/rtmr3:sha384")" "rtmr3 at boot"
size0=$(size_of "$L")

head -c 48 /dev/urandom > /tmp/d1
head -c 48 /dev/urandom > /tmp/d2
assert_eq ok "$($X 3 /tmp/d1)" "EXTEND_RTMR (_IOW) of rtmr3"
after1=$(hex_of "$M/rtmr3:sha384")
assert_eq ok "$($X --ior 3 /tmp/d2)" "EXTEND_RTMR (_IOR) of rtmr3"
after2=$(hex_of "$M/rtmr3:sha384")

# The log got two digest-only records (tag "TDXD", no data) for MR index
# 4, each with the digest extended, at the end of the log.
cat "$L" > /tmp/log
assert_eq $((size0 + 2 * 74)) "$(size_of /tmp/log)" "log grew by two records"
$D /tmp/log | tail -n 2 > /tmp/records
i=0
while read -r off mr type count alg digest evsize event; do
	i=$((i + 1))
	assert_eq $((size0 + (i - 1) * 74)) "$off" "offset of record $i"
	assert_eq "4 6 1 c 8 4458445400000000" "$mr $type $count $alg $evsize $event" "record $i"
	assert_eq "$(hex_of "/tmp/d$i")" "$digest" "digest of record $i"
done < /tmp/records
assert_eq 2 "$i" "records read"

# Bad requests: nothing extended, nothing logged.
before=$(hex_of "$M/rtmr3:sha384")
for idx in 4 255; do
	assert_eq EINVAL "$($X "$idx" /tmp/d1 2>/dev/null || true)" "index $idx"
	assert_eq EINVAL "$($X --ior "$idx" /tmp/d1 2>/dev/null || true)" "index $idx (_IOR)"
done
assert_eq EFAULT "$($X --efault 2>/dev/null || true)" "bad pointer"
assert_eq $((size0 + 2 * 74)) "$(size_of "$L")" "no record for a failed request"
assert_eq "$before" "$(hex_of "$M/rtmr3:sha384")" "rtmr3 unchanged by failed requests"

# A write through sysfs gives the same record as the ioctl.
assert_eq 0 "$(write_errno "$M/rtmr3:sha384" /tmp/d1)" "sysfs extend of rtmr3"
cat "$L" > /tmp/log
assert_eq "4 6 1 c $(hex_of /tmp/d1) 8 4458445400000000" \
	"$($D /tmp/log | tail -n 1 | cut -d' ' -f2-)" "record of a sysfs extend"

# The extended value shows in a Quote, like any other extend.
d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /tmp/quote
assert_eq "$(hex_of "$M/rtmr3:sha384")" "$(tdx-quote field /tmp/quote rtmr3)" "rtmr3 in the Quote"
[ "$after2" != "$after1" ] && [ "$after1" != "$zero" ] || fail "an ioctl extend changed nothing"
