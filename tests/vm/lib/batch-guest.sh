# SPDX-License-Identifier: GPL-2.0
#
# batch-guest.sh - the guest's side of tests/vm/batch: run several scripts
# in one boot, each judged on its own.  Sourced by /init (lib/init.sh)
# when the harness staged /test/batch; busybox sh, PID 1.
#
# /test/batch lists the cases of this boot, one "INDEX NAME" a line; case
# INDEX's script is /test/cases/INDEX.sh.  Per case, on the script channel:
#
#   @@TDXVM-CASE-BEGIN INDEX JIFFIES@@
#   ... the script's output ...
#   @@TDXVM-CASE-END INDEX STATUS JIFFIES CENTISECONDS@@
#
# (CENTISECONDS: the window's length, setup and teardown included), and
# in the kernel log "tdxvm-case: begin INDEX NAME" and "tdxvm-case:
# end INDEX" (through /dev/kmsg, so in order with the kernel's own
# messages).  The case's window holds what a boot of its own would have
# run for it: platform_up, the script, then the teardown (kill what it
# left, remove its report directories, bring CPUs back online, unload the
# modules it or platform_up loaded).  The JIFFIES bound the window for
# kmemleak: an object allocated in it has a jiffies value from the first
# to the second, and the next window starts at a later jiffy.  After the
# window: the service's log and the kernel log so far (dmesg -c, so that
# the next case's dmesg holds its own lines only, as in a boot of its
# own) go to the kernel log, then /tmp and /run are made anew.
#
# With kmemleak in the kernel, @@TDXVM-KMEMLEAK-ON@@ comes first.
# A setup failure (platform_up) prints @@TDXVM-SETUP-FAILED@@ inside the
# case; a teardown or reset that fails prints @@TDXVM-RESET-FAILED INDEX
# WHY@@ after it.  Either ends the boot (the harness runs the remaining
# cases in a new one), as does the end of the list: kmemleak's two scans
# (the report between @@TDXVM-KMEMLEAK-BEGIN@@ and -END@@ in the kernel
# log), the last dumps, and @@TDXVM-BATCH-DONE@@.

TIMER_LIST=/proc/timer_list

# In a debug guest under TCG a fork costs tens of milliseconds, and a
# byte-by-byte read by the shell's builtin about as much per hundred
# bytes: what runs between two cases sticks to builtins on short files
# and to one awk for long ones.  Nothing here runs inside a $(...) that
# must see the processes of the case: that subshell is a process itself.
# Functions leave their result in upper-case variables, what went wrong
# in WHY.

# read_cs - CS: centiseconds since boot (now_cs without its three forks).
read_cs()
{
	read -r _up _rest < /proc/uptime
	CS=${_up%.*}${_up#*.}
}

# jiffies_now - print the kernel's jiffies, as kmemleak prints them.
jiffies_now()
{
	awk '$1 == "jiffies:" { print $2; exit }' "$TIMER_LIST" 2>/dev/null
}

# jiffies_after J - JIFFIES: the first value after J (at once if jiffies
# is past J already): what runs after this has a later jiffies value than
# anything before J was read.
jiffies_after()
{
	while JIFFIES=$(jiffies_now) && [ -n "$JIFFIES" ]; do
		[ "$JIFFIES" = "$1" ] || return 0
	done
	JIFFIES=-
}

# kill_leftovers - SIGKILL every process the case left (its service too:
# kill -1 spares init and kernel threads), and wait up to 10 s for them
# to go.  The check lists /proc/PID/stat of every process but init,
# kernel threads (PF_KTHREAD, 0x00200000 in the flags) and zombies (dead
# already); the glob is expanded before awk exists, so awk is not in it.
kill_leftovers()
{
	kill -9 -1 2>/dev/null
	_tries=100
	while :; do
		usleep 20000
		awk 'BEGIN {
			for (i = 1; i < ARGC; i++) {
				if ((getline st < ARGV[i]) <= 0)
					continue
				close(ARGV[i])
				split(ARGV[i], p, "/")
				if (p[3] == 1)
					continue
				comm = st
				sub(/^[^(]*\(/, "", comm)
				sub(/\) [^)]*$/, "", comm)
				sub(/.*\) /, "", st)
				split(st, f, " ")
				if (f[1] != "Z" && int(f[7] / 2097152) % 2 == 0)
					printf "%s(%s) ", p[3], comm
			}
		}' /proc/[0-9]*/stat > /test/left 2>/dev/null
		[ -s /test/left ] || return 0
		_tries=$((_tries - 1))
		if [ "$_tries" -eq 0 ]; then
			read -r WHY < /test/left
			WHY="processes left: $WHY"
			return 1
		fi
		kill -9 -1 2>/dev/null
	done
}

# extra_modules_base - BATCH_BASE: the modules loaded at the start.
extra_modules_base()
{
	BATCH_BASE=
	while read -r _m _rest; do
		BATCH_BASE="$BATCH_BASE $_m"
	done < /proc/modules
}

# extra_modules - MODS: the modules loaded now that were not at the start
# (BATCH_BASE, taken by run_batch).
extra_modules()
{
	MODS=
	while read -r _m _rest; do
		case " $BATCH_BASE " in
		*" $_m "*) ;;
		*) MODS="$MODS $_m" ;;
		esac
	done < /proc/modules
}

# unload_extra_modules - rmmod every module loaded since the start, users
# first: each pass removes those nothing uses any more.
unload_extra_modules()
{
	_passes=10
	while extra_modules && [ -n "$MODS" ]; do
		if [ "$_passes" -eq 0 ]; then
			WHY="modules that do not unload:$MODS"
			return 1
		fi
		for _m in $MODS; do
			rmmod "$_m" 2>/dev/null
		done
		_passes=$((_passes - 1))
	done
}

# teardown INDEX - undo what case INDEX may have left.
teardown()
{
	kill_leftovers || return 1
	for _d in "$TSM_REPORT_ROOT"/*; do
		[ -d "$_d" ] || continue
		rmdir "$_d" 2>/dev/null || { WHY="cannot remove $_d"; return 1; }
	done
	for _f in /sys/devices/system/cpu/cpu*/online; do
		read -r _v 2>/dev/null < "$_f" || continue
		[ "$_v" = 0 ] || continue
		echo 1 2>/dev/null > "$_f" ||
			{ WHY="cannot bring ${_f%/online} back online"; return 1; }
	done
	[ ! -w "$KMEMLEAK" ] || record_module_sections "$1"
	unload_extra_modules
}

# record_module_sections INDEX - where the code of the modules loaded
# since the start lies, into the kernel log, before they go: kmemleak
# prints an address in a module that is gone as a bare number, and the
# harness names it from this.  One awk: the shell's byte-by-byte read
# gets "0" from these files.
record_module_sections()
{
	extra_modules
	[ -n "$MODS" ] || return 0
	_files=
	for _m in $MODS; do
		_files="$_files /sys/module/$_m/sections/.*text*"
	done
	{
		echo "@@TDXVM-MODULES-BEGIN case $1@@"
		# shellcheck disable=SC2086 # globs
		awk 'BEGIN {
			for (i = 1; i < ARGC; i++) {
				if ((getline a < ARGV[i]) > 0) {
					split(ARGV[i], p, "/")
					print p[4], p[6], a
				}
				close(ARGV[i])
			}
		}' $_files
		echo "@@TDXVM-MODULES-END@@"
	} > "$KLOG_TTY" 2>&1
}

# batch_dump_logs INDEX - the service's log of case INDEX (if any) and
# the kernel log since the last dump, into the kernel log; dmesg is then
# empty for the next case, as in a boot of its own.  /run, which holds
# the service's log, is made anew by batch_reset.
batch_dump_logs()
{
	{
		echo "@@TDXVM-USERLOG-BEGIN /run/qgs.log case $1@@"
		[ ! -s "$QGS_LOG" ] || cat "$QGS_LOG"
		echo "@@TDXVM-USERLOG-END@@"
		echo "@@TDXVM-DMESG-BEGIN@@"
		dmesg -c
		echo "@@TDXVM-DMESG-END@@"
	} > "$KLOG_TTY" 2>&1
}

# batch_reset - between two cases: /tmp and /run anew, and the kernel's
# own modules back if a case unloaded them.
batch_reset()
{
	cd / || { WHY="cd /"; return 1; }
	if ! umount /tmp /run 2>/dev/null ||
	   ! mount -t tmpfs tmpfs /tmp || ! mount -t tmpfs tmpfs /run; then
		WHY="cannot make /tmp and /run anew"
		return 1
	fi
	[ ! -d "$TSM_REPORT_ROOT" ] || return 0
	for _m in configfs "$TDXVM_TSM_MODULE"; do
		[ -d "/sys/module/$_m" ] || [ ! -f "/lib/modules/kernel/$_m.ko" ] ||
			insmod "/lib/modules/kernel/$_m.ko" 2>/dev/null ||
			{ WHY="cannot load $_m.ko again"; return 1; }
	done
	grep -q ' /sys/kernel/config ' /proc/mounts ||
		mount -t configfs configfs /sys/kernel/config 2>/dev/null ||
		{ WHY="cannot mount configfs again"; return 1; }
}

# batch_case INDEX NAME - run one case in its window.  Returns 1 if the
# boot cannot go on (setup, teardown or reset failed).
batch_case()
{
	jiffies_after "$LAST_JIFFIES"
	echo "tdxvm-case: begin $1 $2" > /dev/kmsg
	printf '@@TDXVM-CASE-BEGIN %s %s@@\n' "$1" "$JIFFIES" > "$SCRIPT_TTY"
	read_cs
	_t0=$CS
	_ok=1
	if [ "$TDXVM_PLATFORM" = 1 ] && ! (platform_up) > /test/setup.out 2>&1; then
		# The same words and status as a run of its own.
		_out=$(cat /test/setup.out)
		echo "tdxvm-init: guest setup failed: ${_out#FAIL: }" > "$SCRIPT_TTY"
		printf '@@TDXVM-SETUP-FAILED@@\n' > "$SCRIPT_TTY"
		_rc=4
		_ok=0
	else
		(cd /tmp && exec sh "/test/cases/$1.sh") < /dev/null > "$SCRIPT_TTY" 2>&1
		_rc=$?
	fi
	WHY=
	teardown "$1" || _ok=0
	read_cs
	_t1=$CS
	LAST_JIFFIES=$(jiffies_now)
	echo "tdxvm-case: end $1" > /dev/kmsg
	printf '@@TDXVM-CASE-END %s %s %s %s@@\n' "$1" "$_rc" "${LAST_JIFFIES:--}" "$((_t1 - _t0))" > "$SCRIPT_TTY"
	# Nothing after the window may share its last jiffy.
	jiffies_after "$LAST_JIFFIES"
	batch_dump_logs "$1"
	[ "$_ok" = 0 ] || batch_reset || _ok=0
	[ "$_ok" = 0 ] || return 0
	[ -n "$WHY" ] || WHY="the platform did not come up"
	log "reset after case $1 failed: $WHY"
	printf '@@TDXVM-RESET-FAILED %s %s@@\n' "$1" "$WHY" > "$SCRIPT_TTY"
	return 1
}

# batch_finish - kmemleak's scans for the whole boot, the last logs, and
# power off.
batch_finish()
{
	if [ -w "$KMEMLEAK" ]; then
		echo "@@TDXVM-KMEMLEAK-BEGIN@@" > "$KLOG_TTY"
		scan_kmemleak
		echo "@@TDXVM-KMEMLEAK-END@@" > "$KLOG_TTY"
	fi
	batch_dump_logs end
	printf '@@TDXVM-BATCH-DONE@@\n' > "$SCRIPT_TTY"
	poweroff -f
	while :; do sleep 3600; done
}

# run_batch - every case of /test/batch in turn, then batch_finish.
run_batch()
{
	extra_modules_base
	# Only the scans at the end, whose report the harness charges to the
	# cases: an automatic one (every 10 min, the first a minute after
	# boot) would print its "new suspected memory leaks" amid a case
	# that need not be the one that leaked.
	if [ -w "$KMEMLEAK" ]; then
		echo scan=off > "$KMEMLEAK"
		printf '@@TDXVM-KMEMLEAK-ON@@\n' > "$SCRIPT_TTY"
	fi
	LAST_JIFFIES=$(jiffies_now)
	[ -n "$LAST_JIFFIES" ] || log "no jiffies in $TIMER_LIST: leaks cannot be charged to cases"
	# The list is read whole first: nothing a case starts may share
	# init's input with it.
	# shellcheck disable=SC2046 # INDEX NAME pairs, no spaces in either
	set -- $(cat /test/batch)
	while [ $# -ge 2 ]; do
		batch_case "$1" "$2" || break
		shift 2
	done
	batch_finish
}
