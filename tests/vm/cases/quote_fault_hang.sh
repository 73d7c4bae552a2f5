# SPDX-License-Identifier: GPL-2.0
# A request the host never completes times out with ETIMEDOUT, its buffer
# is quarantined (logged), and the next request proceeds with a fresh
# buffer. A signal ends a wait with EINTR the same way. The number of
# quarantined buffers is bounded: past it, EBUSY, never a reused buffer.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
T=/sys/module/tdx_guest/parameters/quote_timeout_ms

assert_eq 30000 "$(cat $T)" "default quote_timeout_ms"
# A zero timeout would quarantine every buffer: refused, value kept.
assert_eq EINVAL "$(cmd_errno sh -c "echo 0 > $T")" "quote_timeout_ms=0"
assert_eq 30000 "$(cat $T)" "quote_timeout_ms after a refused write"
echo 400 > $T

echo 1 > "$F/quote_hang"
d=$(new_report_dir)
arm_report "$d"
expect_errno ETIMEDOUT "$d/outblob"
dmesg | grep -q "quarantined (1 of at most" || fail "quarantine not logged"
expect_quote_works "after one hung request"

# A signal during the wait ends it at once (busybox tools retry reads on
# EINTR, so a fatal signal is used; KUnit proves the EINTR itself) and
# quarantines the buffer.
echo 5000 > $T
echo 1 > "$F/quote_hang"
d=$(new_report_dir)
arm_report "$d"
start=$(cut -d. -f1 /proc/uptime)
cat "$d/outblob" > /dev/null 2>&1 &
pid=$!
usleep 300000
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
assert_eq 143 "$rc" "reader ended by SIGTERM"
[ $(( $(cut -d. -f1 /proc/uptime) - start )) -lt 4 ] || fail "the signal did not end the 5 s wait"
dmesg | grep -q "quarantined (2 of at most" || fail "second quarantine not logged"
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
