# SPDX-License-Identifier: GPL-2.0
# QEMU publishes a GetQuote result as the Quote, a barrier, then the whole
# header front to back: status (offset 8) is stored before out_len
# (offset 20). With the emulated VMM doing the same and 2 ms between the
# two stores, 30 Quotes in a row all succeed: SUCCESS with out_len 0 is
# "not published yet", not a broken protocol.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

assert_eq 0 "$(cat $F/qemu_header_order)" "default qemu_header_order"
assert_eq EINVAL "$(cmd_errno sh -c "echo 2 > $F/qemu_header_order")" \
	"qemu_header_order=2"
echo 1 > $F/qemu_header_order
echo 2000 > $F/header_gap_us
n0=$(irq_count)
for i in $(seq 30); do
	d=$(new_report_dir)
	arm_report "$d" /tmp/nonce
	e=$(read_errno "$d/outblob")
	assert_eq 0 "$e" "Quote $i"
	cat "$d/outblob" > /tmp/quote
	assert_eq "$(hex_of /tmp/nonce)" \
		"$(tdx-quote field /tmp/quote reportdata)" "Quote $i: REPORTDATA"
	rmdir "$d"
done
note "30 Quotes with the header published status first"
! dmesg | grep -q "no Quote length" || fail "the driver gave up on out_len"
# QEMU injects the event-notify vector once the header is written, in
# this order too: each Quote came by its interrupt, not the safety look.
assert_eq $((n0 + 30)) "$(irq_count)" "interrupts for 30 Quotes"

# A failed request in this order: the guest sees ERROR and takes its
# buffer back at once, so no gap may hold the host's last stores.
echo 0x8000000000000000 > $F/quote_status
d=$(new_report_dir)
arm_report "$d"
expect_errno EIO "$d/outblob"
rmdir "$d"
expect_quote_works "after a failed request published status first"
