# SPDX-License-Identifier: GPL-2.0
# The firmware's event log (the CCEL, where the machine has one) followed
# by rtmr_log replays to every RTMR of a Quote taken after agent events
# (tdx-quote extend, as CoCo's attestation agent would), digest-only
# extends through sysfs and the legacy ioctl: as one log, the way
# trustee reads it, and as two. tdx-quote log shows each event's tag
# and data, and that an event's digest is its hash.
set -eu
. /test/lib.sh

M=$TDX_MEASUREMENTS
L=/sys/devices/virtual/misc/tdx_guest/rtmr_log
C=/sys/firmware/acpi/tables/data/CCEL

out=$(tdx-quote extend --rtmr 3 --tag AAEL --text 'github.com/confidential-containers PullImage alpine') ||
	fail "tdx-quote extend: $out"
assert_eq "log_offset: 0" "$out" "the first event's record"
tdx-quote extend --rtmr 2 --tag 0x54455354 --text 'a test event' > /dev/null ||
	fail "an event on rtmr2"
head -c 48 /dev/urandom > /tmp/d
assert_eq 0 "$(write_errno "$M/rtmr3:sha384" /tmp/d)" "a digest-only extend"
assert_eq ok "$(/test/extra/extend-rtmr 1 /tmp/d)" "a legacy ioctl extend"

d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/quote
cat "$L" > /tmp/log

# Two logs, and all of the runtime one.
# shellcheck disable=SC2046 # ccel_opt is an option and its file, or nothing
tdx-quote replay $(ccel_opt) --log /tmp/log --whole-log /tmp/quote > /tmp/replay ||
	{ cat /tmp/replay; fail "CCEL and rtmr_log do not replay to the Quote"; }
assert_eq replayed "$(tail -n 1 /tmp/replay)" "verdict"

# One log, as a verifier receives it: the CCEL cut at its end, rtmr_log,
# an end marker.
if [ -r "$C" ]; then
	tdx-quote replay --ccel "$C" /tmp/quote > /tmp/ccel.txt || true
	end=$(sed -n 's/^note: CCEL: .* in \([0-9]*\) bytes.*/\1/p' /tmp/ccel.txt | head -n 1)
	[ -n "$end" ] || { cat /tmp/ccel.txt; fail "where the CCEL's events end"; }
	{ head -c "$end" "$C"; cat /tmp/log; printf '\377\377\377\377\377\377\377\377'; } > /tmp/one
	tdx-quote replay --ccel /tmp/one /tmp/quote > /tmp/replay ||
		{ cat /tmp/replay; fail "the combined log does not replay to the Quote"; }
else
	note "no CCEL in this machine: the runtime log alone starts from zero"
fi

# What the events say.
# shellcheck disable=SC2046
tdx-quote log --json $(ccel_opt) --log /tmp/log > /tmp/log.json || fail "tdx-quote log --json"
grep -q '"tag": *"AAEL"' /tmp/log.json || fail "no AAEL tag in the JSON"
grep -q 'PullImage alpine' /tmp/log.json || fail "the AAEL data is not in the JSON"
grep -q '"digest_matches_event": *"yes"' /tmp/log.json || fail "no event whose digest is its hash"
grep -q '"digest_matches_event": *"digest-only"' /tmp/log.json || fail "no digest-only record"
