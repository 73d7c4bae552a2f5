# SPDX-License-Identifier: GPL-2.0
# The measurement files behave the same on every kernel, as the kernel's
# tsm-mr makes them from 6.16 on: each has the size of its register;
# writes shorter than 48 bytes or not at offset 0 fail with EINVAL and
# change nothing; sysfs cuts a longer write to 48 bytes, which extend, and
# fails the rest with EFBIG; read-only registers refuse writes; only root
# may extend, and only root may read the runtime measurement log.
set -eu
. /test/lib.sh

M=$TDX_MEASUREMENTS
f="$M/rtmr2:sha384"
before=$(hex_of "$f")
log_before=$(size_of /sys/devices/virtual/misc/tdx_guest/rtmr_log)

for len in 1 47; do
	make_nonce /tmp/d$len "$len"
	expect_write_errno EINVAL "$f" /tmp/d$len
done

# A zero-length write: whatever it returns, it must not extend.
: > /tmp/d0
dd if=/tmp/d0 of="$f" bs=48 count=1 conv=notrunc 2>/dev/null || true

# 48 bytes, but at offset 1.
make_nonce /tmp/d48 48
assert_eq EINVAL "$(cmd_errno dd if=/tmp/d48 of="$f" bs=48 count=1 seek=1 oflag=seek_bytes conv=notrunc)" "write at offset 1"

assert_eq "$before" "$(hex_of "$f")" "rtmr2 after bad writes"
assert_eq "$log_before" "$(size_of /sys/devices/virtual/misc/tdx_guest/rtmr_log)" "log after bad writes"

for reg in mrtd:sha384 mrconfigid mrowner mrownerconfig; do
	assert_eq 48 "$(stat -c %s "$M/$reg")" "stat size of $reg"
	assert_eq 444 "$(stat -c %a "$M/$reg")" "mode of $reg"
done
for i in 0 1 2 3; do
	assert_eq 48 "$(stat -c %s "$M/rtmr$i:sha384")" "stat size of rtmr$i"
	assert_eq 644 "$(stat -c %a "$M/rtmr$i:sha384")" "mode of rtmr$i"
done
assert_eq 400 "$(stat -c %a /sys/devices/virtual/misc/tdx_guest/rtmr_log)" "mode of rtmr_log"

# Longer writes: the first 48 bytes extend, the rest is EFBIG.
for len in 49 96; do
	make_nonce /tmp/d$len "$len"
	was=$(hex_of "$f")
	expect_write_errno EFBIG "$f" /tmp/d$len
	[ "$was" != "$(hex_of "$f")" ] ||
		fail "a $len-byte write did not extend with its first 48 bytes"
done
before=$(hex_of "$f")

# Read-only registers have no write method at all.
mrtd=$(hex_of "$M/mrtd:sha384")
expect_write_errno EACCES "$M/mrtd:sha384" /tmp/d48
assert_eq "$mrtd" "$(hex_of "$M/mrtd:sha384")" "mrtd is unchanged"

# Non-root users may read but not extend.
echo "nobody:x:65534:65534:nobody:/:/bin/sh" >> /etc/passwd
out=$(su nobody -s /bin/sh -c "dd if=/tmp/d48 of='$f' bs=48 conv=notrunc" 2>&1) &&
	fail "non-root extend succeeded"
assert_eq EACCES "$(errno_of_output "$out")" "non-root extend"
assert_eq "$before" "$(su nobody -s /bin/sh -c ". /test/lib.sh; hex_of '$f'")" "non-root read"
out=$(su nobody -s /bin/sh -c "cat /sys/devices/virtual/misc/tdx_guest/rtmr_log > /dev/null" 2>&1) &&
	fail "non-root read the runtime measurement log"
assert_eq EACCES "$(errno_of_output "$out")" "non-root read of rtmr_log"

# The right write still works afterwards.
assert_eq 0 "$(write_errno "$f" /tmp/d48)" "good extend"
[ "$before" != "$(hex_of "$f")" ] || fail "good extend did not change rtmr2"
