# SPDX-License-Identifier: GPL-2.0
# A reader whose report meets an extend waits for the measurement lock
# without failing on the signals agents take all the time (a Go runtime's
# SIGURG, timers): the extend holds the lock for 500 ms (a slow TDX
# module, tdcall_delay_ms) while the reader gets a handled signal every
# millisecond, and reads its Quote without a single EINTR. Only a fatal
# signal may end that wait.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
M=$TDX_MEASUREMENTS

d=$(new_report_dir)
arm_report "$d"
head -c 48 /dev/urandom > /tmp/digest
echo 500 > "$F/tdcall_delay_ms"
cat /tmp/digest > "$M/rtmr3:sha384" &
extender=$!
# The extender sleeps uninterruptibly inside the emulated TDCALL, holding
# the lock, once its state is D.
i=0
until [ "$(cut -d' ' -f3 "/proc/$extender/stat" 2>/dev/null)" = D ]; do
	i=$((i + 1))
	[ "$i" -lt 400 ] || fail "the extend never got under way"
	usleep 5000
done
out=$(/test/extra/signal-storm-read 1000 "$d/outblob" /tmp/quote) ||
	fail "a report that met an extend under a signal storm: $out"
note "$out"
wait "$extender" || fail "the extend failed"
echo 0 > "$F/tdcall_delay_ms"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
case "$out" in
"signals 0 "*) fail "no signal reached the reader: the case proves nothing" ;;
*" eintr 0 "*) ;;
*) fail "the reader saw EINTR while its report waited for the extend: $out" ;;
esac
