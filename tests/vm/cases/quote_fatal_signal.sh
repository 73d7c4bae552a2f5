# SPDX-License-Identifier: GPL-2.0
# The reader waits for the host in a killable sleep (state D, not S: only
# a fatal signal ends it). SIGKILL during a 5 s service time ends the
# wait in under a second (kernel time from the kill to the driver giving
# up); the abandoned buffer is quarantined, and the next request succeeds
# on a fresh one.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

# Milliseconds between the kernel log's last lines matching $1 and $2,
# from the kernel's own timestamps: what the kernel did, not how long the
# shell took to see it.
log_ms_between()
{
	dmesg | awk -v a="$1" -v b="$2" '
		index($0, a) { sub(/^\[ */, ""); ta = $1 + 0 }
		index($0, b) { sub(/^\[ */, ""); tb = $1 + 0 }
		END { printf "%d\n", (tb - ta) * 1000 }'
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

note "sending SIGKILL to the reader"
kill -KILL $pid
rc=0
wait $pid || rc=$?
assert_eq 137 "$rc" "reader's exit status"
dmesg | grep -q "quarantined (1 of at most" || fail "no quarantine logged"
# From the kill to the driver giving the request up, in kernel time (the
# reader's exit under TCG on a loaded machine is not the driver's doing).
took=$(log_ms_between "sending SIGKILL" "quarantined (1 of at most")
note "SIGKILL ended the wait for the host in $took ms"
[ "$took" -lt 1000 ] || fail "SIGKILL took $took ms to end the wait"

echo 0 > $F/quote_delay_us
expect_quote_works "after a killed request"
