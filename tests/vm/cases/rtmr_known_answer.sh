# SPDX-License-Identifier: GPL-2.0
# Extending each RTMR through sysfs gives the SHA-384 chain computed
# independently on the host (tests/vm/data/rtmr-kat), the values show up in
# the next Quote, and the runtime measurement log records every step.
set -eu
. /test/lib.sh

M=$TDX_MEASUREMENTS
zero=$(head -c 48 /dev/zero | od -An -v -tx1 | tr -d ' \n')

# Every register file exists with the documented mode.
for f in mrtd:sha384 mrconfigid mrowner mrownerconfig; do
	assert_eq "-r--r--r--" "$(ls -l "$M/$f" | cut -c1-10)" "mode of $f"
	assert_eq 48 "$(size_of "$M/$f")" "size of $f"
done

hex_to_file()
{
	printf '%s' "$1" | xxd -r -p > "$2"
}

while read -r idx d1 e1 d2 e2; do
	f="$M/rtmr$idx:sha384"
	assert_eq "-rw-r--r--" "$(ls -l "$f" | cut -c1-10)" "mode of rtmr$idx"
	assert_eq "$zero" "$(hex_of "$f")" "rtmr$idx at boot"
	hex_to_file "$d1" /tmp/d1
	hex_to_file "$d2" /tmp/d2
	assert_eq 0 "$(write_errno "$f" /tmp/d1)" "first extend of rtmr$idx"
	assert_eq "$e1" "$(hex_of "$f")" "rtmr$idx after one extend"
	assert_eq 0 "$(write_errno "$f" /tmp/d2)" "second extend of rtmr$idx"
	assert_eq "$e2" "$(hex_of "$f")" "rtmr$idx after two extends"
done < /test/extra/rtmr-kat

# A Quote taken now carries the extended values.
d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /tmp/quote
while read -r idx d1 e1 d2 e2; do
	assert_eq "$e2" "$(tdx-quote field /tmp/quote "rtmr$idx")" "rtmr$idx in the quote"
done < /test/extra/rtmr-kat

# The log: four baseline records of zero, then the eight extends in order.
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log
cat "$L" > /tmp/log
assert_eq $((12 * 64)) "$(size_of /tmp/log)" "log size"
record_field()	# record offset length
{
	dd if=/tmp/log bs=1 skip=$(($1 * 64 + $2)) count="$3" 2>/dev/null |
		od -An -v -tx1 | tr -d ' \n'
}
for i in 0 1 2 3; do
	assert_eq "$(printf '%02x00000000000000' "$i")" "$(record_field "$i" 0 8)" "seq of baseline $i"
	assert_eq "0100$(printf '%02x00' "$i")" "$(record_field "$i" 8 4)" "type/index of baseline $i"
	assert_eq "$zero" "$(record_field "$i" 16 48)" "baseline value $i"
done
n=4
while read -r idx d1 e1 d2 e2; do
	for dg in "$d1" "$d2"; do
		assert_eq "0200$(printf '%02x00' "$idx")" "$(record_field "$n" 8 4)" "type/index of record $n"
		assert_eq "$dg" "$(record_field "$n" 16 48)" "digest of record $n"
		n=$((n + 1))
	done
done < /test/extra/rtmr-kat
