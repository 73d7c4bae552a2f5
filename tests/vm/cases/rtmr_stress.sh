# SPDX-License-Identifier: GPL-2.0
# Writers extend RTMRs (digests through sysfs, and events with content
# through tdx-quote extend) while readers generate Quotes through configfs
# and read registers through sysfs. No caller may see EBUSY, the emulated
# TDX module must never have answered OPERAND_BUSY (its RTMR lock was never
# contended, so the driver serialised every REPORT with every EXTEND), and
# every Quote's RTMRs must be the firmware's log followed by a prefix of
# the runtime log.
set -eu
. /test/lib.sh

WRITERS=3
EXTENDS=40
READERS=3
QUOTES=8
M=$TDX_MEASUREMENTS
LOG=/sys/devices/virtual/misc/tdx_guest/rtmr_log

writer()
{
	_i=0
	while [ "$_i" -lt "$EXTENDS" ]; do
		_r=$(( (_i + $1) % 4 ))
		if [ $((_i % 2)) = 0 ]; then
			head -c 48 /dev/urandom > "/tmp/w$1.d"
			_e=$(write_errno "$M/rtmr$_r:sha384" "/tmp/w$1.d")
		else
			_e=0
			tdx-quote extend --rtmr "$_r" --tag AAEL \
				--text "stress writer$1 event$_i" > /dev/null 2>&1 || _e=failed
		fi
		[ "$_e" = 0 ] || { echo "extend: $_e" > "/tmp/w$1.err"; return; }
		_i=$((_i + 1))
	done
	echo ok > "/tmp/w$1.err"
}

reader()
{
	_d=$(new_report_dir "stress$1")
	_i=0
	while [ "$_i" -lt "$QUOTES" ]; do
		head -c 64 /dev/urandom > "/tmp/r$1.n"
		write_errno "$_d/inblob" "/tmp/r$1.n" > /dev/null
		_e=$(read_errno "$_d/outblob")
		[ "$_e" = 0 ] || { echo "quote: $_e" > "/tmp/r$1.err"; return; }
		cat "$_d/outblob" > "/tmp/q$1.$_i"
		_e=$(read_errno "$M/rtmr$(( _i % 4 )):sha384")
		[ "$_e" = 0 ] || { echo "rtmr read: $_e" > "/tmp/r$1.err"; return; }
		_i=$((_i + 1))
	done
	echo ok > "/tmp/r$1.err"
}

w=0
while [ "$w" -lt "$WRITERS" ]; do writer "$w" & w=$((w + 1)); done
r=0
while [ "$r" -lt "$READERS" ]; do reader "$r" & r=$((r + 1)); done
wait

for f in /tmp/w*.err /tmp/r*.err; do
	assert_eq ok "$(cat "$f")" "$(basename "$f" .err)"
done
assert_eq 0 "$(cat /sys/kernel/debug/tdx_guest_emu/busy_overlaps)" "OPERAND_BUSY answers caused by overlap"

cat "$LOG" > /tmp/log
assert_eq $((WRITERS * EXTENDS)) "$(/test/extra/rtmr-log-dump /tmp/log | wc -l)" "records in the log"
n=0
for q in /tmp/q*.*; do
	# shellcheck disable=SC2046 # ccel_opt is an option and its file, or nothing
	tdx-quote replay $(ccel_opt) --log /tmp/log "$q" > /tmp/replay.out ||
		{ cat /tmp/replay.out; fail "$q: RTMRs are not the logs replayed to any prefix"; }
	n=$((n + 1))
done
assert_eq $((READERS * QUOTES)) "$n" "quotes checked"
note "$n quotes, $((WRITERS * EXTENDS)) extends: every quote matches a log prefix"
