# SPDX-License-Identifier: GPL-2.0
# An RTMR extended with TDX_CMD_EXTEND_RTMR (both encodings Intel DCAP
# builds) reads back from its measurement file at once, with no other
# extend in between, and equals what the next Quote says: DCAP's own
# test and agents that predict the next value from the file rely on it.
# The file is read first, so a cached value is there to go stale.
set -eu
. /test/lib.sh

X=/test/extra/extend-rtmr
M=$TDX_MEASUREMENTS

# quote_rtmr N - RTMR N as a Quote taken now says it.
quote_rtmr()
{
	_d=$(new_report_dir)
	arm_report "$_d" /tmp/qnonce
	cat "$_d/outblob" > /tmp/quote || fail "reading outblob"
	rmdir "$_d"
	tdx-quote field /tmp/quote "rtmr$1"
}

for enc in "" --ior; do
	for idx in 1 3; do
		old=$(hex_of "$M/rtmr$idx:sha384")
		hex_of "$M/rtmr$idx:sha384" > /dev/null	# a second read: cached
		head -c 48 /dev/urandom > /tmp/digest
		# shellcheck disable=SC2086 # $enc is empty or one option
		assert_eq ok "$($X $enc "$idx" /tmp/digest)" "EXTEND_RTMR${enc:+ $enc} of rtmr$idx"
		new=$(hex_of "$M/rtmr$idx:sha384")
		[ "$new" != "$old" ] ||
			fail "rtmr$idx:sha384 still shows the value from before an EXTEND_RTMR${enc:+ $enc}"
		assert_eq "$new" "$(quote_rtmr "$idx")" "rtmr$idx: the file and the next Quote${enc:+ ($enc)}"
	done
done
