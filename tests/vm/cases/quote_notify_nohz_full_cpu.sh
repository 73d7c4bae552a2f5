# SPDX-License-Identifier: GPL-2.0
# tdxvm: append=nohz_full=1
# The completion interrupt stays off tickless CPUs: with nohz_full=1 it
# goes to CPU 0, although without isolation the last CPU is chosen. A
# kernel built without NO_HZ_FULL (the debug kernel) ignores the
# parameter: there the case says so and checks nothing.
set -eu
. /test/lib.sh

P=/sys/module/tdx_guest/parameters

nohz=$(cat /sys/devices/system/cpu/nohz_full 2>/dev/null || echo none)
case "$nohz" in
1) ;;
"(null)"|none)
	note "this kernel has no nohz_full: nothing to check"
	exit 0 ;;
*) fail "nohz_full CPUs: $nohz (the case needs nohz_full=1)" ;;
esac
mode=$(cat "$P/quote_completion")
case "$mode" in
"interrupt vector "*" cpu 0") ;;
*) fail "with CPU 1 tickless: $mode" ;;
esac
expect_quote_works "with CPU 1 tickless"
