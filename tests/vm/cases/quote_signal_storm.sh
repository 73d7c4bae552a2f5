# SPDX-License-Identifier: GPL-2.0
# A reader showered with handled signals (every 200 us, every 1 ms) while
# it reads outblob, retrying on EINTR as Go's os.ReadFile does, still gets
# its Quote: non-fatal signals neither end the wait on the host nor cost a
# buffer. Each Quote takes exactly one GetQuote (an abandoned request
# would be asked again) and no buffer is ever quarantined.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
READER=/test/extra/signal-storm-read
[ -x $READER ] || fail "$READER missing (tests/check build/vm-helpers)"

# A service time of 20 ms: every wait sees many signals.
echo 20000 > $F/quote_delay_us
for period in 200 1000; do
	for i in 1 2 3; do
		calls=$(cat $F/quote_calls)
		d=$(new_report_dir)
		arm_report "$d" /tmp/nonce
		out=$($READER $period "$d/outblob" /tmp/quote) ||
			fail "every ${period} us, read $i: $out"
		note "every ${period} us, read $i: $out"
		fired=$(echo "$out" | cut -d' ' -f4)
		# Otherwise the test proves nothing.
		[ "$fired" -ge 5 ] || fail "only $fired signals during read $i"
		assert_eq "$(hex_of /tmp/nonce)" \
			"$(tdx-quote field /tmp/quote reportdata)" \
			"every ${period} us, read $i: REPORTDATA"
		assert_eq $((calls + 1)) "$(cat $F/quote_calls)" \
			"every ${period} us, read $i: GetQuote calls"
		rmdir "$d"
	done
done
! dmesg | grep -q "quarantined" || fail "a buffer was quarantined"
