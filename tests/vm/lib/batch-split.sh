# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# batch-split.sh - cut the two channels of one boot of tests/vm/batch
# into what belongs to each case.  Sourced (bash); not meant to run on
# its own.  The markers are lib/batch-guest.sh's.

# split_script_channel SCRIPT_OUT DIR - DIR/out.INDEX: case INDEX's
# output; DIR/between: what came outside any case; DIR/meta: one line per
# marker, in order:
#
#   kmemleak                      the kernel has kmemleak
#   begin INDEX JIFFIES
#   setup-failed INDEX
#   end INDEX STATUS JIFFIES CENTISECONDS
#   reset-failed INDEX WHY...
#   done                          the boot ran its end (kmemleak's scans)
#
# A script's last line may lack its newline: the end marker then follows
# it on the same line.
split_script_channel()
{
	LC_ALL=C awk -v dir="$2" '
	function to(file) { if (file != cur_file) { if (cur_file != "") close(cur_file); cur_file = file } return file }
	BEGIN { meta = dir "/meta"; printf "" > meta; printf "" > (dir "/between") }
	!started { if (index($0, "@@TDXVM-BEGIN@@")) started = 1; next }
	/^@@TDXVM-KMEMLEAK-ON@@$/ { print "kmemleak" >> meta; next }
	/^@@TDXVM-CASE-BEGIN [0-9]+ [^ @]+@@$/ {
		split(substr($0, 3, length($0) - 4), f, " ")
		cur = f[2]
		print "begin", f[2], f[3] >> meta
		printf "" > to(dir "/out." cur)
		next
	}
	match($0, /@@TDXVM-CASE-END [0-9]+ [0-9]+ [^ @]+ -?[0-9]+@@$/) {
		if (RSTART > 1)
			print substr($0, 1, RSTART - 1) >> to(dir "/out." cur)
		split(substr($0, RSTART + 2, RLENGTH - 4), f, " ")
		print "end", f[2], f[3], f[4], f[5] >> meta
		cur = ""
		next
	}
	/^@@TDXVM-SETUP-FAILED@@$/ { print "setup-failed", cur >> meta; next }
	/^@@TDXVM-RESET-FAILED [0-9]+ .*@@$/ {
		print "reset-failed", substr($0, 22, length($0) - 23) >> meta
		next
	}
	/^@@TDXVM-BATCH-DONE@@$/ { print "done" >> meta; next }
	cur != "" { print >> to(dir "/out." cur); next }
	{ print >> to(dir "/between") }
	' "$1"
}

# split_kernel_log KERNEL_LOG BOUNDS DIR - cut a batch's kernel log by the
# "tdxvm-case: begin/end INDEX" lines into DIR/seg.INDEX, with what lies
# outside any case in DIR/seg.0.  The live console and each dmesg dump are
# followed apart: a dump restarts where the previous one stopped, so its
# lines before its first marker belong to the case that marker ends (if
# the ring buffer lost that case's beginning) or lie outside.  The
# service's logs go to DIR/user.INDEX (user.end for the last), where the
# modules of case INDEX lay before its teardown to DIR/mods.INDEX, and each
# object of kmemleak's report to DIR/leak.INDEX of the case whose window
# ("INDEX FIRST_JIFFY LAST_JIFFY" lines of BOUNDS, LAST "-" if unknown)
# holds its allocation time, or to DIR/leak.0.  BOUNDS starts with a
# line "#" (so that it is never empty).
split_kernel_log()
{
	LC_ALL=C awk -v dir="$3" '
	function out(file, line) { if (file != cur_file) { if (cur_file != "") close(cur_file); cur_file = file } print line >> file }
	function marker(line,    f) {
		if (!match(line, /tdxvm-case: (begin|end) [0-9]+/))
			return ""
		split(substr(line, RSTART, RLENGTH), f, " ")
		return f[2] " " f[3]
	}
	function owner(j,    c) {
		if (j == "")
			return 0
		for (c in lo)
			if (lo[c] != "-" && j + 0 >= lo[c] + 0 && (hi[c] == "-" || j + 0 <= hi[c] + 0))
				return c
		return 0
	}
	function flush_leak() {
		if (leak != "")
			out(dir "/leak." owner(leak_j), leak)
		leak = ""
		leak_j = ""
	}
	function flush_dump(to,    i) {
		for (i = 1; i <= held; i++)
			out(dir "/seg." to, hold[i])
		held = 0
	}
	FNR == NR { if ($1 != "#") { lo[$1] = $2; hi[$1] = $3 }; next }
	FNR == 1 { console = 0; region = ""; printf "" > (dir "/seg.0") }
	{ sub(/\r$/, "") }
	/^@@TDXVM-USERLOG-BEGIN / {
		region = "user"
		user = ($0 ~ / case [0-9a-z]+@@$/) ? $NF : "0"
		sub(/@@$/, "", user)
		next
	}
	/^@@TDXVM-USERLOG-END@@/ { region = ""; next }
	/^@@TDXVM-MODULES-BEGIN case [0-9]+@@$/ {
		region = "mods"
		mods = $NF
		sub(/@@$/, "", mods)
		next
	}
	/^@@TDXVM-MODULES-END@@/ { region = ""; next }
	region == "mods" { out(dir "/mods." mods, $0); next }
	/^@@TDXVM-DMESG-BEGIN@@/ { region = "dmesg"; dump = 0; seen = 0; held = 0; next }
	/^@@TDXVM-DMESG-END@@/ { if (!seen) flush_dump(0); region = ""; next }
	/^@@TDXVM-KMEMLEAK-BEGIN@@/ { region = "leak"; next }
	/^@@TDXVM-KMEMLEAK-END@@/ { flush_leak(); region = ""; next }
	region == "user" { out(dir "/user." user, $0); next }
	region == "leak" && !/^\[/ {
		if (/^unreferenced object /) {
			flush_leak()
			leak = $0
		} else if (leak != "") {
			leak = leak "\n" $0
			if (match($0, /jiffies [0-9]+/))
				leak_j = substr($0, RSTART + 8, RLENGTH - 8)
		}
		next
	}
	region == "dmesg" {
		m = marker($0)
		if (!seen && m == "") {
			hold[++held] = $0
			next
		}
		if (!seen) {
			seen = 1
			flush_dump(m ~ /^end / ? substr(m, 5) : 0)
		}
		if (m ~ /^begin /)
			dump = substr(m, 7)
		out(dir "/seg." dump, $0)
		if (m ~ /^end /)
			dump = 0
		next
	}
	{
		m = marker($0)
		if (m ~ /^begin /)
			console = substr(m, 7)
		out(dir "/seg." console, $0)
		if (m ~ /^end /)
			console = 0
	}
	END { flush_leak() }
	' "$2" "$1"
}
