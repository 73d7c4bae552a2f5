# SPDX-License-Identifier: GPL-2.0
# Reading measurement registers is cheap and cannot load the TDX module:
# an unprivileged user's 50 reads of mrtd:sha384 cost at most 2
# TDG.MR.REPORT calls (the registers fixed at build time come from the
# report cached at load), 100 RTMR reads cost at most one, and a read
# after an extend takes exactly one and shows the new value, as a Quote
# taken afterwards does. The same on every kernel: the cache follows the
# kernel's tsm-mr, which serves these files from 6.16 on.
set -eu
. /test/lib.sh

M=$TDX_MEASUREMENTS
CALLS=/sys/kernel/debug/tdx_guest_emu/report_calls
[ -r "$CALLS" ] || fail "no $CALLS"

# as_nobody CMD - run CMD (a string, with lib.sh) as the unprivileged user.
as_nobody()
{
	su nobody -s /bin/sh -c ". /test/lib.sh; $1"
}

mrtd=$(hex_of "$M/mrtd:sha384")
before=$(cat "$CALLS")
as_nobody "i=0
	while [ \$i -lt 50 ]; do
		cat '$M/mrtd:sha384' > /dev/null || exit 1
		i=\$((i + 1))
	done" || fail "nobody could not read mrtd:sha384 50 times"
calls=$(($(cat "$CALLS") - before))
note "50 reads of mrtd:sha384 by nobody: $calls TDG.MR.REPORT calls"
[ "$calls" -le 2 ] || fail "50 reads of mrtd:sha384 took $calls TDG.MR.REPORT calls (at most 2)"
assert_eq "$mrtd" "$(as_nobody "hex_of '$M/mrtd:sha384'")" "mrtd as nobody"

# RTMR reads share one report until something is extended.
before=$(cat "$CALLS")
as_nobody "i=0
	while [ \$i -lt 50 ]; do
		cat '$M/rtmr0:sha384' '$M/rtmr3:sha384' > /dev/null || exit 1
		i=\$((i + 1))
	done" || fail "nobody could not read the RTMRs"
calls=$(($(cat "$CALLS") - before))
note "100 RTMR reads by nobody: $calls TDG.MR.REPORT calls"
[ "$calls" -le 1 ] || fail "100 RTMR reads took $calls TDG.MR.REPORT calls (at most 1)"

# A read right after an extend shows the new value, for anyone.
old=$(hex_of "$M/rtmr2:sha384")
head -c 48 /dev/urandom > /tmp/digest
assert_eq 0 "$(write_errno "$M/rtmr2:sha384" /tmp/digest)" "extend rtmr2"
before=$(cat "$CALLS")
new=$(as_nobody "hex_of '$M/rtmr2:sha384'")
[ "$new" != "$old" ] || fail "rtmr2 read after an extend still shows the old value"
hex_of "$M/rtmr1:sha384" > /dev/null
assert_eq 1 $(($(cat "$CALLS") - before)) "TDG.MR.REPORT calls for two reads after an extend"

# And it is the value the TDX module reports: a Quote taken now agrees.
d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /tmp/quote
assert_eq "$new" "$(tdx-quote field /tmp/quote rtmr2)" "rtmr2 in a Quote taken after the read"
assert_eq "$mrtd" "$(tdx-quote field /tmp/quote mrtd)" "mrtd in the Quote"
for i in 0 1 3; do
	assert_eq "$(tdx-quote field /tmp/quote "rtmr$i")" "$(hex_of "$M/rtmr$i:sha384")" "rtmr$i"
done
