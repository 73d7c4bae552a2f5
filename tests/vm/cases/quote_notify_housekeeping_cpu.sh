# SPDX-License-Identifier: GPL-2.0
# tdxvm: append=isolcpus=1
# The completion interrupt lives on a housekeeping CPU: with CPU 1
# isolated (isolcpus=1), it goes to CPU 0, although without isolation the
# last CPU is chosen. Quotes then complete by interrupt as usual.
set -eu
. /test/lib.sh

P=/sys/module/tdx_guest/parameters

isolated=$(cat /sys/devices/system/cpu/isolated)
assert_eq 1 "$isolated" "isolated CPUs (the case needs isolcpus=1)"
mode=$(cat "$P/quote_completion")
case "$mode" in
"interrupt vector "*" cpu 0") ;;
*) fail "with CPU 1 isolated: $mode" ;;
esac
n0=$(irq_count)
expect_quote_works "with CPU 1 isolated"
assert_eq $((n0 + 1)) "$(irq_count)" "interrupts"
