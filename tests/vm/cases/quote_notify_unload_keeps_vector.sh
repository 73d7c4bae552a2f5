# SPDX-License-Identifier: GPL-2.0
# The host cannot be told to forget the completion vector, so unloading
# the provider keeps it reserved: when the host injects it afterwards,
# for a request the provider left quarantined or for anyone else's
# GetQuote, nothing handles it, nothing complains ("No irq handler"), and
# no other IRQ can have been given the vector. The next provider gets a
# vector of its own and works.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
P=/sys/module/tdx_guest/parameters

mode=$(cat "$P/quote_completion")
case "$mode" in
"interrupt vector "*" cpu "*) ;;
*) fail "the emulated host offers the interrupt, but: $mode" ;;
esac
vector=${mode#interrupt vector }
vector=${vector%% *}

echo 100 > "$P/quote_timeout_ms"
echo 1 > "$F/quote_hang"
d=$(new_report_dir)
arm_report "$d"
expect_errno ETIMEDOUT "$d/outblob"
rmdir "$d"

# unload_then_inject KNOB WHAT - unload the provider, which must say that
# its vector stays reserved, then make the host inject it (emulator knob
# KNOB): the interrupt must still find a handler.
unload_then_inject()
{
	rmmod tdx_guest || fail "rmmod tdx_guest ($2)"
	dmesg | grep -q "vector $vector stays reserved on CPU" ||
		fail "no log line says vector $vector stays reserved ($2)"
	echo 1 > "$F/$1"
	usleep 200000
	! dmesg | grep -q "No irq handler" ||
		fail "the host's interrupt $2 found no handler: $(dmesg | grep 'No irq handler' | head -n 1)"
}

# The host gives up on the request now, and injects the old vector.
unload_then_inject quote_release "for the abandoned request"

load_module "$PROJECT_MODDIR/tdx_guest.ko"
mode=$(cat "$P/quote_completion")
case "$mode" in
"interrupt vector $vector cpu "*) fail "the reserved vector $vector was given out again" ;;
"interrupt vector "*) ;;
*) fail "after the reload: $mode" ;;
esac
n0=$(irq_count)
expect_quote_works "after the reload"
assert_eq $((n0 + 1)) "$(irq_count)" "interrupts after the reload"

# Unloaded with nothing quarantined, the vector stays reserved all the
# same: the host injects it whenever it completes a GetQuote of anyone's.
mode=$(cat "$P/quote_completion")
vector=${mode#interrupt vector }
vector=${vector%% *}
unload_then_inject notify_fire "after an unload with nothing quarantined"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
expect_quote_works "after the second reload"
