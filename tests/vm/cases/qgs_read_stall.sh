# SPDX-License-Identifier: GPL-2.0
# The emulated VMM never holds its lock while it copies a request to the
# quote service: a service whose read() buffer faults (held here by
# userfaultfd) must not stall the GetQuote hypercall or the event loop,
# which take that lock. The request the service read and then dropped
# fails as "service unavailable", and a service that comes back works.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
HELPER=/test/extra/qgs-stall-read

qgs_stop
# The helper is the service now: it opens the device, then its read()
# waits for a request and stalls copying it.
"$HELPER" /dev/tdx_guest_emu_qgs "$F/quote_release" > /tmp/stall.out 2>&1 &
helper=$!
wait_for_line()
{
	_tries=500
	until grep -qx "$1" /tmp/stall.out; do
		kill -0 "$helper" 2>/dev/null || return 0
		_tries=$((_tries - 1))
		[ "$_tries" -gt 0 ] || fail "qgs-stall-read never said '$1'"
		usleep 10000
	done
}
wait_for_line reading

d=$(new_report_dir)
arm_report "$d"
( read_errno "$d/outblob" > /tmp/bg.errno ) &
bg=$!

rc=0
wait "$helper" || rc=$?
cat /tmp/stall.out
case $rc in
0)	grep -qx "lock free" /tmp/stall.out || fail "no 'lock free' line" ;;
77)	# The debug kernel is built without userfaultfd.
	note "this kernel has no userfaultfd: the stalled copy is not exercised" ;;
*)	fail "qgs-stall-read exited with $rc" ;;
esac

# Without the helper's read the request was never routed: unavailable,
# like the one it read and then dropped by closing the device.
wait "$bg"
assert_eq ECONNREFUSED "$(cat /tmp/bg.errno)" \
	"the request the service took, then dropped"
rmdir "$d"
qgs_start
expect_quote_works "with the service back"
