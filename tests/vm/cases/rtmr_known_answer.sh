# SPDX-License-Identifier: GPL-2.0
# tdxvm: no-ccel
# Extending each RTMR through sysfs gives the SHA-384 chain computed
# independently on the host (tests/vm/data/rtmr-kat), the values show up in
# the next Quote, and the runtime measurement log records every step. The
# chains start at zero: this TD has no firmware log.
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

# The log: the eight extends in order, each a digest-only record (tag
# "TDXD", no data) for its MR index with the digest extended; nothing
# before them, since every RTMR started where no firmware log says
# otherwise (zero).
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log
cat "$L" > /tmp/log
assert_eq $((8 * 74)) "$(size_of /tmp/log)" "log size"
assert_eq 1 "$(cat /sys/devices/virtual/misc/tdx_guest/rtmr_log_complete)" "rtmr_log_complete"
/test/extra/rtmr-log-dump /tmp/log > /tmp/records
n=0
while read -r idx d1 e1 d2 e2; do
	for dg in "$d1" "$d2"; do
		n=$((n + 1))
		assert_eq "$(((n - 1) * 74)) $((idx + 1)) 6 1 c $dg 8 4458445400000000" \
			"$(sed -n "${n}p" /tmp/records)" "record $n"
	done
done < /test/extra/rtmr-kat
assert_eq 8 "$n" "records checked"
