# SPDX-License-Identifier: GPL-2.0
# The reader waits for the host in a killable sleep (state D, not S: only
# a fatal signal ends it). SIGKILL during a 5 s service time ends the read
# in under a second; the abandoned buffer is quarantined, and the next
# request succeeds on a fresh one.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

# centiseconds since boot
now_cs()
{
	tr -d . < /proc/uptime | cut -d' ' -f1
}

echo 5000000 > $F/quote_delay_us
calls=$(cat $F/quote_calls)
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /dev/null 2>&1 &
pid=$!
tries=100
while [ "$(cat $F/quote_calls)" = "$calls" ]; do
	tries=$((tries - 1))
	[ $tries -gt 0 ] || fail "the request never reached the host"
	usleep 20000
done
usleep 200000
state=$(cut -d' ' -f3 /proc/$pid/stat)
assert_eq D "$state" "state of the reader waiting for the host"

start=$(now_cs)
kill -KILL $pid
rc=0
wait $pid || rc=$?
took=$(( $(now_cs) - start ))
assert_eq 137 "$rc" "reader's exit status"
note "SIGKILL ended the read in ${took}0 ms"
[ "$took" -lt 100 ] || fail "SIGKILL took ${took}0 ms to end the read"
dmesg | grep -q "quarantined (1 of at most" || fail "no quarantine logged"

echo 0 > $F/quote_delay_us
expect_quote_works "after a killed request"
