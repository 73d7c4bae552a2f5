# SPDX-License-Identifier: GPL-2.0
# Removing report directories while another one is generating a Quote
# (made slow by the emulated host's service time) disturbs nothing.
set -eu
. /test/lib.sh

echo 1500000 > /sys/kernel/debug/tdx_guest_emu/quote_delay_us

busy=$(new_report_dir busy)
other=$(new_report_dir other)
make_nonce /tmp/nonce
assert_eq 0 "$(write_errno "$busy/inblob" /tmp/nonce)" "write busy"
assert_eq 0 "$(write_errno "$other/inblob" /tmp/nonce)" "write other"

(cat "$busy/outblob" > /tmp/quote; echo $? > /tmp/rc) &
usleep 300000
rmdir "$other" || fail "rmdir of an idle directory during generation"
wait
assert_eq 0 "$(cat /tmp/rc)" "slow read"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"

# The generating directory itself goes away under its reader.
make_nonce /tmp/nonce2
assert_eq 0 "$(write_errno "$busy/inblob" /tmp/nonce2)" "write busy again"
(cat "$busy/outblob" > /tmp/quote2; echo $? > /tmp/rc2) &
usleep 300000
rmdir "$busy" || fail "rmdir of the generating directory"
wait
echo 0 > /sys/kernel/debug/tdx_guest_emu/quote_delay_us

# Whatever the reader got, the provider still serves new directories.
d=$(new_report_dir)
assert_eq 0 "$(write_errno "$d/inblob" /tmp/nonce)" "write after rmdir"
cat "$d/outblob" > /tmp/quote3
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote3 reportdata)" "REPORTDATA after rmdir"
