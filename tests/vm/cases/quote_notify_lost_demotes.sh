# SPDX-License-Identifier: GPL-2.0
# A host that accepts SetupEventNotifyInterrupt but never injects (or
# stops offering the feature after the registration) costs at most two
# Quotes their safety look: then the transport polls, and says so in
# quote_completion and the log. One lost interrupt alone changes nothing
# (quote_notify_interrupt.sh).
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
P=/sys/module/tdx_guest/parameters

# demoted_by KNOB VALUE - with the knob set after the registration, the
# transport polls after at most three Quotes (two lost interrupts in a
# row demote it; a Quote found before the waiter first slept is not
# judged), says so in quote_completion and the log, and stays polling.
# How long each Quote took is printed, not judged: a safety look takes a
# second, and on the debug kernel so does a Quote.
demoted_by()
{
	case "$(cat "$P/quote_completion")" in
	"interrupt vector "*) ;;
	*) fail "before $1=$2: $(cat "$P/quote_completion")" ;;
	esac
	echo "$2" > "$F/$1"
	_n=0
	_times=
	while [ "$_n" -lt 6 ]; do
		_t0=$(now_cs)
		expect_quote_works "quote $_n with $1=$2"
		_times="$_times $((($(now_cs) - _t0) * 10))"
		_n=$((_n + 1))
		case "$(cat "$P/quote_completion")" in
		"poll: "*) break ;;
		esac
	done
	note "$1=$2: polling after $_n Quotes (ms:$_times)"
	[ "$_n" -le 3 ] || fail "$1=$2: still waiting for the interrupt after $_n Quotes"
	assert_eq "poll: the host stopped delivering it" "$(cat "$P/quote_completion")" \
		"quote_completion after $1=$2"
	dmesg | grep -q "completions in a row came without their interrupt: polling" ||
		fail "no log line says the transport now polls"
	expect_quote_works "polling after $1=$2"
	assert_eq "poll: the host stopped delivering it" "$(cat "$P/quote_completion")" \
		"quote_completion a Quote later"
}

demoted_by notify_inject 0
echo 1 > "$F/notify_inject"

# A new provider registers again, and then the host stops offering it.
rmmod tdx_guest || fail "rmmod tdx_guest"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
expect_quote_works "after a reload"
demoted_by notify_supported 0
echo 1 > "$F/notify_supported"
