# SPDX-License-Identifier: GPL-2.0
# A quote service that blocks in read() on /dev/tdx_guest_emu_qgs gets the
# request once one arrives (the wait's condition must not sleep: the debug
# kernel reports a sleeping lock taken there). When that service goes away
# without answering, the request fails with ECONNREFUSED; a new service
# serves the next one.
set -eu
. /test/lib.sh

qgs_stop
dd if=/dev/tdx_guest_emu_qgs of=/tmp/msg bs=65536 count=1 2>/dev/null &
svc=$!
usleep 300000
assert_eq S "$(cut -d' ' -f3 /proc/$svc/stat)" "service blocked in read"

d=$(new_report_dir)
arm_report "$d"
read_errno "$d/outblob" > /tmp/rc &
reader=$!
wait $svc || fail "the blocking read failed"
# 4-byte length, 16-byte header, report_size, id_list_size, TDREPORT
assert_eq 1052 "$(size_of /tmp/msg)" "GET_QUOTE_REQ message size"
wait $reader
assert_eq ECONNREFUSED "$(cat /tmp/rc)" "request of a service that left"

qgs_start
expect_quote_works "with a new service"
