# SPDX-License-Identifier: GPL-2.0
# A request the host never completes times out with ETIMEDOUT, its buffer
# is quarantined (logged), and the next request proceeds with a fresh
# buffer. A fatal signal ends a wait the same way. The number of
# quarantined buffers is bounded: past it, EBUSY, never a reused buffer.
# quote_timeout_ms is bounded: 1 to 60000.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
T=/sys/module/tdx_guest/parameters/quote_timeout_ms

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

assert_eq 30000 "$(cat $T)" "default quote_timeout_ms"
# A zero timeout would quarantine every buffer: refused, value kept.
assert_eq EINVAL "$(cmd_errno sh -c "echo 0 > $T")" "quote_timeout_ms=0"
assert_eq 30000 "$(cat $T)" "quote_timeout_ms after a refused write"
# More than 60 s would hold the configfs-tsm lock for longer: refused.
assert_eq EINVAL "$(cmd_errno sh -c "echo 60001 > $T")" "quote_timeout_ms=60001"
assert_eq EINVAL "$(cmd_errno sh -c "echo 4294967296 > $T")" "quote_timeout_ms=2^32"
assert_eq 30000 "$(cat $T)" "quote_timeout_ms after refused writes"
echo 60000 > $T
assert_eq 60000 "$(cat $T)" "quote_timeout_ms at its maximum"
echo 400 > $T

echo 1 > "$F/quote_hang"
d=$(new_report_dir)
arm_report "$d"
expect_errno ETIMEDOUT "$d/outblob"
dmesg | grep -q "quarantined (1 of at most" || fail "quarantine not logged"
expect_quote_works "after one hung request"

# A fatal signal (SIGTERM with its default action) ends the wait at
# once and quarantines the buffer. The reader must still be waiting in the
# driver (state D: a killable sleep) when the signal comes, and the
# driver must give up within a second of it (kernel time), or its exit
# status 143 would prove nothing: SIGTERM kills it whenever it returns.
echo 5000 > $T
echo 1 > "$F/quote_hang"
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /dev/null 2>&1 &
pid=$!
usleep 300000
assert_eq D "$(cut -d' ' -f3 /proc/$pid/stat)" "reader waiting for the host"
note "sending SIGTERM to the reader"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
assert_eq 143 "$rc" "reader ended by SIGTERM"
dmesg | grep -q "quarantined (2 of at most" || fail "second quarantine not logged"
took=$(log_ms_between "sending SIGTERM" "quarantined (2 of at most")
note "SIGTERM ended the 5 s wait in $took ms"
[ "$took" -lt 1000 ] || fail "SIGTERM took $took ms to end the 5 s wait"
expect_quote_works "after an interrupted request"

# Two more hung requests fill the quarantine; the next one cannot get a
# buffer the host does not own, so it fails with EBUSY rather than reuse.
echo 400 > $T
echo 2 > "$F/quote_hang"
for i in 3 4; do
	d=$(new_report_dir)
	arm_report "$d"
	expect_errno ETIMEDOUT "$d/outblob"
done
d=$(new_report_dir)
arm_report "$d"
expect_errno EBUSY "$d/outblob"
