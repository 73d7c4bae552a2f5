# SPDX-License-Identifier: GPL-2.0
# The provider unloads cleanly and comes back; the emulated platform stays
# pinned while the provider uses it.
set -eu
. /test/lib.sh

d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /dev/null
rmdir "$d"

# busybox rmmod does not wait: a module in use answers EAGAIN.
expect_cmd_errno EAGAIN rmmod tdx_guest_emu
rmmod tdx_guest || fail "rmmod tdx_guest"
expect_cmd_errno ENXIO mkdir "$TSM_REPORT_ROOT/none"

for round in 1 2 3; do
	load_module "$PROJECT_MODDIR/tdx_guest.ko"
	d=$(new_report_dir)
	make_nonce /tmp/nonce
	assert_eq 0 "$(write_errno "$d/inblob" /tmp/nonce)" "write, round $round"
	cat "$d/outblob" > /tmp/quote
	assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA, round $round"
	rmdir "$d"
	rmmod tdx_guest || fail "rmmod tdx_guest, round $round"
done
load_module "$PROJECT_MODDIR/tdx_guest.ko"
