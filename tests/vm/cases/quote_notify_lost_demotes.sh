# SPDX-License-Identifier: GPL-2.0
# A host that accepts SetupEventNotifyInterrupt but never injects (or
# stops offering the feature after the registration) costs at most two
# Quotes their safety look: then the transport polls, says so in
# quote_completion and the log, and Quotes are fast again. One lost
# interrupt alone changes nothing (quote_notify_interrupt.sh).
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu
P=/sys/module/tdx_guest/parameters

# slow_quotes N - take N Quotes; print how many took 900 ms or more (a
# safety look comes after a second), then each one's time in ms.
slow_quotes()
{
	_slow=0
	_times=
	_i=0
	while [ "$_i" -lt "$1" ]; do
		_t0=$(now_cs)
		expect_quote_works "quote $_i"
		_cs=$(($(now_cs) - _t0))
		[ "$_cs" -lt 90 ] || _slow=$((_slow + 1))
		_times="$_times $((_cs * 10))"
		_i=$((_i + 1))
	done
	echo "$_slow:$_times"
}

# demoted_by KNOB VALUE - with the knob set after the registration, ten
# Quotes cost at most two safety looks, and the transport then polls.
demoted_by()
{
	case "$(cat "$P/quote_completion")" in
	"interrupt vector "*) ;;
	*) fail "before $1=$2: $(cat "$P/quote_completion")" ;;
	esac
	echo "$2" > "$F/$1"
	out=$(slow_quotes 10)
	slow=${out%%:*}
	note "$1=$2: $slow of 10 Quotes waited for the safety look (ms:${out#*:})"
	[ "$slow" -le 2 ] || fail "$1=$2: $slow of 10 Quotes waited for the safety look"
	assert_eq "poll: the host stopped delivering it" "$(cat "$P/quote_completion")" \
		"quote_completion after $1=$2"
	dmesg | grep -q "completions in a row came without their interrupt: polling" ||
		fail "no log line says the transport now polls"
}

demoted_by notify_inject 0
echo 1 > "$F/notify_inject"

# A new provider registers again, and then the host stops offering it.
rmmod tdx_guest || fail "rmmod tdx_guest"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
expect_quote_works "after a reload"
demoted_by notify_supported 0
echo 1 > "$F/notify_supported"
